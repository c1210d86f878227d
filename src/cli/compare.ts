// `reward-lens compare FILE --run A --run B`: both accuracies, the 2×2 agreement table and the exact
// McNemar test per task and overall, as text, JSON, Markdown (for a PR description) or CSV.
import { compareRuns } from '../core/analysis/comparison';
import { loadRunFor, pairedJudged } from '../core/analysis/judgedPairs';
import { comparisonCsv, comparisonMarkdown } from '../core/analysis/report';
import { CliUsageError, parseCli, type CliCommand } from './common';
import { openDataset } from './editCommand';

const usage = `usage: reward-lens compare FILE --run A --run B [--epsilon E] [--json | --markdown | --csv] [--format ID]

Compares two runs on the same file (run files or imported predictions, as for \`eval\`).
  --json   {"mcnemar": {"b": only_A_right, "c": only_B_right, "p_value"}, "tasks": {...}, "overall": {...}}
Exit codes: 0 compared, 1 cannot read the file or a run, 2 usage.`;

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(
      args,
      {
        run: { type: 'string', multiple: true },
        epsilon: { type: 'string' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        csv: { type: 'boolean' },
        format: { type: 'string' },
      },
      usage,
    );
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('give exactly one FILE');
    if (values.run?.length !== 2) throw new CliUsageError('give exactly two runs: --run A --run B');
    const epsilon = values.epsilon === undefined ? undefined : Number(values.epsilon);
    if (epsilon !== undefined && (!Number.isFinite(epsilon) || epsilon < 0))
      throw new CliUsageError(`--epsilon must be a number ≥ 0; got ${values.epsilon}`);
    const ds = await openDataset(positionals[0], values.format);
    const [a, b] = await Promise.all(values.run.map((r) => loadRunFor(ds, r)));
    for (const p of [...a.problems, ...b.problems].slice(0, 20)) process.stderr.write(`warning: ${p}\n`);
    const cmp = compareRuns(await pairedJudged(ds, a.run, b.run), { epsilon });
    const nameA = a.run.header.model.id,
      nameB = b.run.header.model.id;
    if (values.json) {
      const m = (x: typeof cmp.overall) => ({
        b: x.mcnemar.b,
        c: x.mcnemar.c,
        p_value: x.mcnemar.p_value,
        too_few: x.mcnemar.tooFew,
        agreement: x.agreement,
      });
      process.stdout.write(
        JSON.stringify(
          {
            file: ds.filePath,
            a: { run: values.run[0], model: nameA },
            b: { run: values.run[1], model: nameB },
            mcnemar: m(cmp.overall),
            overall: {
              a: {
                with_ties: cmp.modelA.overall.withTies ?? null,
                without_ties: cmp.modelA.overall.withoutTies ?? null,
              },
              b: {
                with_ties: cmp.modelB.overall.withTies ?? null,
                without_ties: cmp.modelB.overall.withoutTies ?? null,
              },
            },
            tasks: Object.fromEntries(
              Object.entries(cmp.tasks).map(([t, c]) => [
                t,
                {
                  with_ties: c.withTies,
                  without_ties: c.withoutTies,
                  mcnemar: m(c),
                },
              ]),
            ),
            flips: { only_a_right: cmp.flips.onlyA.length, only_b_right: cmp.flips.onlyB.length },
          },
          null,
          2,
        ) + '\n',
      );
    } else if (values.csv) process.stdout.write(comparisonCsv(cmp));
    else process.stdout.write(comparisonMarkdown(cmp, nameA, nameB));
    return 0;
  },
};
