// The accuracy table and the comparison as Markdown (for a paper draft or a PR description) and CSV.
import { TASKS } from '../dataset/types';
import type { AccuracyTable, GroupAccuracy } from './accuracyTable';
import type { Comparison } from './comparison';
import { csvRow, isFormula } from '../csv';
import { DASH, pct, pValue, signedPoints } from '../format';

const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));

/** The name an export is offered under, beside its data file: `bench.jsonl` → `bench.accuracy.md`. */
export function exportFileName(
  dataFile: string | undefined,
  what: 'accuracy' | 'comparison',
  format: 'markdown' | 'csv',
): string {
  const ext = format === 'markdown' ? 'md' : 'csv';
  // Either separator: the webview gets the host's path and has no node:path.
  const stem = (dataFile ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]+$/, '');
  return stem ? `${stem}.${what}.${ext}` : `${what}.${ext}`;
}

/** Omni-RewardBench's nine tasks in the paper's order first, then any other task names alphabetically. */
export function orderedTasks(names: Iterable<string>): string[] {
  const all = [...names];
  const known = TASKS.filter((t) => all.includes(t));
  return [...known, ...all.filter((t) => !(TASKS as readonly string[]).includes(t)).sort()];
}

/**
 * A name from the data inside a Markdown table cell: pipes and line breaks would end the cell, and a formula
 * start is backslash-escaped (Markdown shows it as is; pasted into a spreadsheet it stays text).
 */
function mdCell(s: string): string {
  const flat = s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n\t]+/g, ' ')
    .trimStart();
  return isFormula(flat) ? `\\${flat}` : flat;
}

const cell = (a: GroupAccuracy['withTies']) => (a.n ? `${pct(a.value)} (${a.correct}/${a.n})` : DASH);

export function accuracyMarkdown(table: AccuracyTable, title = 'Accuracy'): string {
  title = title.replace(/[\r\n]+/g, ' ');
  const tasks = orderedTasks(Object.keys(table.tasks));
  const lines = [
    `### ${title}`,
    '',
    '| task | with ties % | without ties % | ε | pairs | ties | unscored | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...tasks.map((t) => {
      const g = table.tasks[t];
      return `| ${mdCell(t)} | ${cell(g.withTies)} | ${cell(g.withoutTies)} | ${g.epsilon === undefined ? 'per task' : g.epsilon.toFixed(4)} | ${g.pairs} | ${g.ties} | ${g.unscored} | ${g.supported ? g.failed : `${g.failed} (not supported)`} |`;
    }),
    `| **overall (mean of ${table.overall.tasks} tasks)** | **${pct(table.overall.withTies)}** | **${pct(table.overall.withoutTies)}** | | | | | |`,
  ];
  if (Object.values(table.tasks).some((g) => !g.supported)) {
    lines.push(
      '',
      'Tasks where every prediction failed are treated as not supported by the model and left out of the overall mean.',
    );
  }
  return lines.join('\n') + '\n';
}

export function accuracyCsv(table: AccuracyTable): string {
  const rows = [
    csvRow([
      'group',
      'name',
      'with_ties',
      'with_ties_correct',
      'with_ties_n',
      'without_ties',
      'without_ties_correct',
      'without_ties_n',
      'epsilon',
      'pairs',
      'ties',
      'unscored',
      'failed',
      'supported',
    ]),
  ];
  const add = (group: string, name: string, g: GroupAccuracy) =>
    rows.push(
      csvRow([
        group,
        name,
        num(g.withTies.value),
        g.withTies.correct,
        g.withTies.n,
        num(g.withoutTies.value),
        g.withoutTies.correct,
        g.withoutTies.n,
        num(g.epsilon),
        g.pairs,
        g.ties,
        g.unscored,
        g.failed,
        String(g.supported),
      ]),
    );
  for (const t of orderedTasks(Object.keys(table.tasks))) add('task', t, table.tasks[t]);
  for (const m of Object.keys(table.modalities).sort()) add('modality', m, table.modalities[m]);
  rows.push(
    csvRow([
      'overall',
      'mean over tasks',
      num(table.overall.withTies),
      '',
      '',
      num(table.overall.withoutTies),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]),
  );
  return rows.join('\n') + '\n';
}

/** Exports are pasted into LaTeX, spreadsheets and code: an ASCII minus. */
const signed = (d: number | undefined) => signedPoints(d, 2, { ascii: true });

export function comparisonMarkdown(cmp: Comparison, rawA: string, rawB: string): string {
  const nameA = mdCell(rawA),
    nameB = mdCell(rawB);
  const tasks = orderedTasks(Object.keys(cmp.tasks));
  const lines = [
    `### ${nameA} vs ${nameB}`,
    '',
    `| task | ${nameA} w/ ties | ${nameB} w/ ties | Δ | ${nameA} w/o ties | ${nameB} w/o ties | Δ | both ✓ | only ${nameA} | only ${nameB} | both ✗ | McNemar p |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...tasks.map((t) => {
      const c = cmp.tasks[t];
      const g = c.agreement;
      const p = c.mcnemar.tooFew
        ? `${pValue(c.mcnemar.p_value)} (too few: ${c.mcnemar.b + c.mcnemar.c} discordant)`
        : pValue(c.mcnemar.p_value);
      return `| ${mdCell(t)} | ${pct(c.withTies.a)} | ${pct(c.withTies.b)} | ${signed(c.withTies.diff)} | ${pct(c.withoutTies.a)} | ${pct(c.withoutTies.b)} | ${signed(c.withoutTies.diff)} | ${g.bothRight} | ${g.onlyA} | ${g.onlyB} | ${g.bothWrong} | ${p} |`;
    }),
  ];
  const o = cmp.overall;
  const oa = cmp.modelA.overall,
    ob = cmp.modelB.overall;
  const d = (x?: number, y?: number) => (x !== undefined && y !== undefined ? y - x : undefined);
  lines.push(
    `| **overall** | **${pct(oa.withTies)}** | **${pct(ob.withTies)}** | **${signed(d(oa.withTies, ob.withTies))}** | **${pct(oa.withoutTies)}** | **${pct(ob.withoutTies)}** | **${signed(d(oa.withoutTies, ob.withoutTies))}** | ${o.agreement.bothRight} | ${o.agreement.onlyA} | ${o.agreement.onlyB} | ${o.agreement.bothWrong} | ${pValue(o.mcnemar.p_value)} |`,
  );
  lines.push(
    '',
    `Exact McNemar test (two-sided binomial) on pairs without tie labels that both models scored; overall accuracy is the mean over tasks.`,
  );
  const supported = (t: typeof cmp.modelA) =>
    Object.keys(t.tasks)
      .filter((k) => t.tasks[k].supported)
      .sort()
      .join(',');
  if (supported(cmp.modelA) !== supported(cmp.modelB)) {
    lines.push(
      '',
      `Note: the models support different tasks (${nameA}: ${supported(cmp.modelA) || 'none'}; ${nameB}: ${supported(cmp.modelB) || 'none'}), so their overall means are over different task sets; compare per task.`,
    );
  }
  return lines.join('\n') + '\n';
}

export function comparisonCsv(cmp: Comparison): string {
  const rows = [
    csvRow([
      'task',
      'a_with_ties',
      'b_with_ties',
      'diff_with_ties',
      'a_without_ties',
      'b_without_ties',
      'diff_without_ties',
      'both_right',
      'only_a',
      'only_b',
      'both_wrong',
      'mcnemar_p',
      'too_few',
    ]),
  ];
  for (const t of orderedTasks(Object.keys(cmp.tasks))) {
    const c = cmp.tasks[t];
    rows.push(
      csvRow([
        t,
        num(c.withTies.a),
        num(c.withTies.b),
        num(c.withTies.diff),
        num(c.withoutTies.a),
        num(c.withoutTies.b),
        num(c.withoutTies.diff),
        c.agreement.bothRight,
        c.agreement.onlyA,
        c.agreement.onlyB,
        c.agreement.bothWrong,
        c.mcnemar.p_value,
        String(c.mcnemar.tooFew),
      ]),
    );
  }
  const o = cmp.overall;
  rows.push(
    csvRow([
      'overall',
      num(cmp.modelA.overall.withTies),
      num(cmp.modelB.overall.withTies),
      '',
      num(cmp.modelA.overall.withoutTies),
      num(cmp.modelB.overall.withoutTies),
      '',
      o.agreement.bothRight,
      o.agreement.onlyA,
      o.agreement.onlyB,
      o.agreement.bothWrong,
      o.mcnemar.p_value,
      String(o.mcnemar.tooFew),
    ]),
  );
  return rows.join('\n') + '\n';
}
