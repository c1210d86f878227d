// `reward-lens eval FILE --run RUN`: the paper's accuracy table (with and without ties, per task, overall
// = mean over tasks), as text, JSON, Markdown or CSV.
import { accuracyTable } from '../core/analysis/accuracyTable';
import { judgedPairs, loadRunFor, tableEpsilons } from '../core/analysis/judgedPairs';
import { predict } from '../core/analysis/verdict';
import { accuracyCsv, accuracyMarkdown, orderedTasks } from '../core/analysis/report';
import { CliUsageError, parseCli, type CliCommand } from './common';
import { openDataset } from './editCommand';

const usage = `usage: reward-lens eval FILE --run RUN [--epsilon E] [--json | --markdown | --csv | --verdicts] [--format ID]

Accuracy of a run against the file's human labels, as in Omni-RewardBench's Tables 2–3.
  --run RUN      a run file written by \`reward-lens score\` or the editor, or a predictions file
                 (score_a/score_b, margin, or a verdict such as [[A]] / [[A>B]]) keyed by id, line or idx
  --epsilon E    tie threshold for every task (|score_a − score_b| ≤ E is a tie); default: calibrated per task
  --json         {"overall": {"with_ties", "without_ties"}, "tasks": {"T2T": {"with_ties", "without_ties", "epsilon", "n"}}}
  --markdown     the table as Markdown;  --csv  the table as CSV
  --verdicts     one JSON line per pair: {"index", "line", "task", "label", "verdict", "margin", "epsilon"},
                 the verdict under its task's ε (the editor's list and pair view show the same)
Exit codes: 0 evaluated, 1 cannot read the file or the run, 2 usage.`;

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(
      args,
      {
        run: { type: 'string' },
        epsilon: { type: 'string' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        csv: { type: 'boolean' },
        format: { type: 'string' },
        verdicts: { type: 'boolean' },
      },
      usage,
    );
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('give exactly one FILE');
    if (!values.run) throw new CliUsageError('--run RUN is required');
    let epsilon: number | undefined;
    if (values.epsilon !== undefined) {
      epsilon = Number(values.epsilon);
      if (!Number.isFinite(epsilon) || epsilon < 0)
        throw new CliUsageError(`--epsilon must be a number ≥ 0; got ${values.epsilon}`);
    }
    const ds = await openDataset(positionals[0], values.format);
    const { run, problems } = await loadRunFor(ds, values.run);
    for (const p of problems.slice(0, 20)) process.stderr.write(`warning: ${p}\n`);
    if (problems.length > 20)
      process.stderr.write(`warning: … ${problems.length - 20} more predictions could not be matched\n`);
    const judged = await judgedPairs(ds, run);
    const table = accuracyTable(judged, { epsilon });
    if (values.verdicts) {
      const epsilons = tableEpsilons(table);
      const lines = judged.map((j) => {
        const eps = epsilons[j.task] ?? 0;
        return JSON.stringify({
          index: j.index,
          line: ds.line(j.index),
          task: j.task,
          label: j.label,
          verdict: predict(j, eps) ?? null,
          margin: j.margin ?? null,
          epsilon: eps,
        });
      });
      process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
    } else if (values.json) {
      const tasks: Record<string, unknown> = {};
      for (const t of orderedTasks(Object.keys(table.tasks))) {
        const g = table.tasks[t];
        tasks[t] = {
          with_ties: g.withTies.value ?? null,
          without_ties: g.withoutTies.value ?? null,
          epsilon: g.epsilon ?? null,
          n: g.withTies.n,
          n_without_ties: g.withoutTies.n,
          correct_with_ties: g.withTies.correct,
          correct_without_ties: g.withoutTies.correct,
          pairs: g.pairs,
          ties: g.ties,
          unscored: g.unscored,
          failed: g.failed,
        };
      }
      const modalities = Object.fromEntries(
        Object.entries(table.modalities).map(([m, g]) => [
          m,
          { with_ties: g.withTies.value ?? null, without_ties: g.withoutTies.value ?? null, n: g.withTies.n },
        ]),
      );
      process.stdout.write(
        JSON.stringify(
          {
            file: ds.filePath,
            run: values.run,
            model: run.header.model.id,
            overall: {
              with_ties: table.overall.withTies ?? null,
              without_ties: table.overall.withoutTies ?? null,
              tasks: table.overall.tasks,
            },
            tasks,
            modalities,
          },
          null,
          2,
        ) + '\n',
      );
    } else if (values.csv) process.stdout.write(accuracyCsv(table));
    else process.stdout.write(accuracyMarkdown(table, `${run.header.model.id} on ${positionals[0]}`));
    return 0;
  },
};
