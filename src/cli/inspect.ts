// `reward-lens inspect FILE [--json]`: format, record count, errors, labels and tasks, in one streaming pass.
import type { DatasetStats } from '../core/dataset/datasetStats';
import type { Dataset } from '../core/dataset/dataset';
import { shapeName } from '../core/dataset/fileShape';
import { CliUsageError, parseCli, positiveInt, progressLine, type CliCommand } from './common';
import { openDataset } from './editCommand';

const usage = `usage: reward-lens inspect FILE [--json] [--format ID] [--max-errors N] [--strict]

Reads the whole file (streaming) and reports its format, records, errors, labels and tasks.
  --json          print one JSON object: {"format", "records", "errors": [{"line", "message"}], "labels", "tasks", ...}
  --format ID     read the file as this format instead of detecting it
  --max-errors N  list at most N errors (default 1000; all are counted in errorCount)
  --strict        exit 1 when the file has any error record or structural problem
Exit codes: 0 inspected, 1 cannot read the file (or --strict and errors found), 2 usage.`;

const SHOWN_ERRORS = 20;

function summary(file: string, ds: Dataset, s: DatasetStats): string {
  const f = ds.format;
  const rows = [
    file,
    `  shape    ${shapeName(ds.shape)}`,
    `  format   ${f ? `${f.displayName} (${f.id}, confidence ${f.confidence.toFixed(2)})` : 'none detected (use --format ID)'}`,
    `  records  ${s.records}`,
    `  labels   A ${s.labels.A} · B ${s.labels.B} · tie ${s.labels.tie} · none ${s.labels.none}`,
    `  tasks    ${
      Object.entries(s.tasks)
        .map(([t, n]) => `${t} ${n}`)
        .join(' · ') || '-'
    }`,
    `  errors   ${s.errorCount}`,
    ...s.errors.slice(0, SHOWN_ERRORS).map((e) => `    ${e.message}`),
  ];
  if (s.errorCount > SHOWN_ERRORS) rows.push(`    … ${s.errorCount - SHOWN_ERRORS} more (--json lists them)`);
  return rows.join('\n') + '\n';
}

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(
      args,
      {
        json: { type: 'boolean' },
        format: { type: 'string' },
        'max-errors': { type: 'string' },
        strict: { type: 'boolean' },
      },
      usage,
    );
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('give exactly one FILE');
    const file = positionals[0];
    const ds = await openDataset(file, values.format);
    const progress = progressLine(`reading ${file}`);
    const stats = await ds
      .scan({
        maxErrors: positiveInt(values['max-errors'], '--max-errors'),
        onProgress: (n, total) => progress.update(n, total, 'records'),
      })
      .finally(() => progress.done());
    if (values.json) {
      const f = ds.format;
      const out = {
        format: f?.id ?? null,
        records: stats.records,
        errors: stats.errors,
        labels: stats.labels,
        tasks: stats.tasks,
        errorCount: stats.errorCount,
        file,
        shape: ds.shape,
        formatName: f?.displayName ?? null,
        confidence: f?.confidence ?? 0,
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      process.stdout.write(summary(file, ds, stats));
    }
    return values.strict && stats.errorCount > 0 ? 1 : 0;
  },
};
