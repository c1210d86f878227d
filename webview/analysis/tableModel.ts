// The rows the accuracy and comparison tables show, as plain data: tasks in the paper's order, the overall
// row, "not supported" / "no pairs" states and "too few discordant pairs to tell". Pure (unit-tested).
import type { AccuracyTable, GroupAccuracy } from '../../src/core/analysis/accuracyTable';
import type { Agreement, Comparison } from '../../src/core/analysis/comparison';
import type { McNemar } from '../../src/core/analysis/mcnemar';
import { orderedTasks } from '../../src/core/analysis/report';
import { accuracyText, DASH, formatEpsilon, pct, pValue, signedPoints } from './format';

/** ok = judged; unsupported = every prediction failed; unscored = labelled pairs but no prediction yet; empty = no labelled pairs. */
export type RowStatus = 'ok' | 'unsupported' | 'unscored' | 'empty';

export interface SideCells {
  status: RowStatus;
  withTies: string;
  withoutTies: string;
  withTiesValue?: number;
  withoutTiesValue?: number;
}

export interface AccuracyRow {
  kind: 'task' | 'modality' | 'overall';
  /** Task name, or "overall". */
  name: string;
  /** For the overall row: "mean of 8 tasks". */
  note?: string;
  main: SideCells;
  epsilon: string;
  pairs: number;
  ties: number;
  unscored: number;
  failed: number;
  /** The second run (length baseline, other model), when given. */
  second?: SideCells;
  /** main − second, in points, where both have a value: how far the run is ahead of the second (e.g. the length baseline). */
  deltaWithTies?: string;
  deltaWithoutTies?: string;
  deltaWithTiesValue?: number;
  deltaWithoutTiesValue?: number;
}

export function statusOf(g: GroupAccuracy | undefined): RowStatus {
  if (!g || g.pairs === 0) return 'empty';
  if (!g.supported) return 'unsupported';
  if (g.withTies.n === 0) return 'unscored';
  return 'ok';
}

export const STATUS_TEXT: Record<Exclude<RowStatus, 'ok'>, string> = {
  unsupported: 'not supported',
  unscored: 'not scored yet',
  empty: 'no labelled pairs',
};

function side(g: GroupAccuracy | undefined): SideCells {
  const status = statusOf(g);
  if (status !== 'ok' || !g)
    return { status, withTies: STATUS_TEXT[status as Exclude<RowStatus, 'ok'>], withoutTies: DASH };
  return {
    status,
    withTies: accuracyText(g.withTies),
    withoutTies: accuracyText(g.withoutTies),
    withTiesValue: g.withTies.value,
    withoutTiesValue: g.withoutTies.value,
  };
}

const diff = (a?: number, b?: number) => (a !== undefined && b !== undefined ? b - a : undefined);

const MODALITY_ORDER = ['text', 'image', 'video', 'audio', '3d'];

/** Output modalities in a fixed order (text, image, video, audio, 3d), then any others alphabetically. */
export function orderedModalities(names: Iterable<string>): string[] {
  const all = [...names];
  return [...MODALITY_ORDER.filter((m) => all.includes(m)), ...all.filter((m) => !MODALITY_ORDER.includes(m)).sort()];
}

/** One row per output modality (pairs pooled across its tasks, each at its task's ε), optionally beside a second run. */
export function modalityRows(table: AccuracyTable, second?: AccuracyTable): AccuracyRow[] {
  return orderedModalities(new Set([...Object.keys(table.modalities), ...Object.keys(second?.modalities ?? {})])).map(
    (name) => {
      const g = table.modalities[name];
      const main = side(g);
      const row: AccuracyRow = {
        kind: 'modality',
        name,
        main,
        epsilon: main.status !== 'ok' ? DASH : g?.epsilon === undefined ? 'per task' : formatEpsilon(g.epsilon),
        pairs: g?.pairs ?? 0,
        ties: g?.ties ?? 0,
        unscored: g?.unscored ?? 0,
        failed: g?.failed ?? 0,
      };
      if (second) withSecond(row, side(second.modalities[name]));
      return row;
    },
  );
}

/** One row per task (paper's order, then others alphabetically) and the overall mean, optionally beside a second run. */
export function accuracyRows(table: AccuracyTable, second?: AccuracyTable): AccuracyRow[] {
  const names = orderedTasks(new Set([...Object.keys(table.tasks), ...Object.keys(second?.tasks ?? {})]));
  const rows: AccuracyRow[] = names.map((name) => {
    const g = table.tasks[name];
    const main = side(g);
    const row: AccuracyRow = {
      // ε means nothing where nothing was judged.
      kind: 'task',
      name,
      main,
      epsilon: main.status === 'ok' ? formatEpsilon(g?.epsilon) : DASH,
      pairs: g?.pairs ?? 0,
      ties: g?.ties ?? 0,
      unscored: g?.unscored ?? 0,
      failed: g?.failed ?? 0,
    };
    if (second) withSecond(row, side(second.tasks[name]));
    return row;
  });
  const sum = (f: (g: GroupAccuracy) => number) => Object.values(table.tasks).reduce((s, g) => s + f(g), 0);
  const overallSide = (t: AccuracyTable): SideCells => {
    if (t.overall.tasks === 0) {
      // Labelled pairs but no task judged: not scored (or not supported anywhere); no labelled pairs at all: empty.
      const groups = Object.values(t.tasks);
      const status: RowStatus = !groups.some((g) => g.pairs > 0)
        ? 'empty'
        : groups.some((g) => g.supported && g.pairs > 0)
          ? 'unscored'
          : 'unsupported';
      return { status, withTies: STATUS_TEXT[status], withoutTies: DASH };
    }
    return {
      status: 'ok',
      withTies: pct(t.overall.withTies),
      withoutTies: pct(t.overall.withoutTies),
      withTiesValue: t.overall.withTies,
      withoutTiesValue: t.overall.withoutTies,
    };
  };
  const overall: AccuracyRow = {
    kind: 'overall',
    name: 'overall',
    note: `mean of ${table.overall.tasks} task${table.overall.tasks === 1 ? '' : 's'}`,
    main: overallSide(table),
    epsilon: '',
    pairs: sum((g) => g.pairs),
    ties: sum((g) => g.ties),
    unscored: sum((g) => g.unscored),
    failed: sum((g) => g.failed),
  };
  if (second) withSecond(overall, overallSide(second));
  rows.push(overall);
  return rows;
}

function withSecond(row: AccuracyRow, s: SideCells): void {
  row.second = s;
  row.deltaWithTiesValue = diff(s.withTiesValue, row.main.withTiesValue);
  row.deltaWithoutTiesValue = diff(s.withoutTiesValue, row.main.withoutTiesValue);
  row.deltaWithTies = signedPoints(row.deltaWithTiesValue);
  row.deltaWithoutTies = signedPoints(row.deltaWithoutTiesValue);
}

export interface ComparisonRow {
  kind: 'task' | 'overall';
  name: string;
  a: SideCells;
  b: SideCells;
  deltaWithTies: string;
  deltaWithoutTies: string;
  deltaWithTiesValue?: number;
  deltaWithoutTiesValue?: number;
  bothRight: number;
  onlyA: number;
  onlyB: number;
  bothWrong: number;
  /** "0.012", "< 0.001", or a dash when the task has no discordant pair. */
  p: string;
  pValue: number;
  /** b + c < 6: no split of so few discordant pairs can reach p < 0.05. */
  tooFew: boolean;
  discordant: number;
  significant: boolean;
  /** Why the McNemar cell says what it says, for its tooltip. */
  pNote: string;
}

/** Per task and overall: both accuracies, their difference, the 2×2 agreement and McNemar's exact p. */
export function comparisonRows(cmp: Comparison, alpha = 0.05): ComparisonRow[] {
  const names = orderedTasks(new Set([...Object.keys(cmp.tasks), ...Object.keys(cmp.modelB.tasks)]));
  const rows: ComparisonRow[] = names.map((name) => {
    const c = cmp.tasks[name];
    const a = side(cmp.modelA.tasks[name]),
      b = side(cmp.modelB.tasks[name]);
    const m: McNemar = c?.mcnemar ?? { b: 0, c: 0, p_value: 1, tooFew: true };
    const agreement: Agreement = c?.agreement ?? { bothRight: 0, onlyA: 0, onlyB: 0, bothWrong: 0 };
    return row('task', name, a, b, agreement, m, alpha);
  });
  const overallSide = (t: AccuracyTable): SideCells => ({
    status: t.overall.tasks > 0 ? 'ok' : 'empty',
    withTies: pct(t.overall.withTies),
    withoutTies: pct(t.overall.withoutTies),
    withTiesValue: t.overall.withTies,
    withoutTiesValue: t.overall.withoutTies,
  });
  rows.push(
    row(
      'overall',
      'overall',
      overallSide(cmp.modelA),
      overallSide(cmp.modelB),
      cmp.overall.agreement,
      cmp.overall.mcnemar,
      alpha,
    ),
  );
  return rows;
}

function row(
  kind: ComparisonRow['kind'],
  name: string,
  a: SideCells,
  b: SideCells,
  g: Agreement,
  m: McNemar,
  alpha: number,
): ComparisonRow {
  const discordant = m.b + m.c;
  const dW = diff(a.withTiesValue, b.withTiesValue),
    dO = diff(a.withoutTiesValue, b.withoutTiesValue);
  const unsupported = a.status === 'unsupported' || b.status === 'unsupported';
  const pNote = unsupported
    ? 'A model does not support this task, so no pair is compared.'
    : discordant === 0
      ? 'No discordant pairs: both models are right and wrong on the same pairs.'
      : m.tooFew
        ? `Only ${discordant} discordant pair${discordant === 1 ? '' : 's'} (b + c < 6): too few to tell, no split could reach p < 0.05.`
        : `Exact McNemar: ${m.b} only A right vs ${m.c} only B right (two-sided binomial).`;
  return {
    kind,
    name,
    a,
    b,
    deltaWithTies: signedPoints(dW),
    deltaWithoutTies: signedPoints(dO),
    deltaWithTiesValue: dW,
    deltaWithoutTiesValue: dO,
    bothRight: g.bothRight,
    onlyA: g.onlyA,
    onlyB: g.onlyB,
    bothWrong: g.bothWrong,
    p: discordant === 0 ? DASH : pValue(m.p_value),
    pValue: m.p_value,
    tooFew: m.tooFew,
    discordant,
    significant: !m.tooFew && m.p_value < alpha,
    pNote,
  };
}
