// `reward-lens label FILE (--line N | --element N | --row N) --set A|B|tie`: relabel one record, atomically.
import type { Label } from '../core/dataset/types';
import { CliUsageError, parseCli, type CliCommand } from './common';
import { editAndSave, LOCATE_OPTIONS } from './editCommand';

const usage = `usage: reward-lens label FILE (--line N | --element N | --row N) --set A|B|tie [--format ID]

Sets the human label of one record and saves the file atomically; every other byte stays as it was.
  --line N      the record starting on 1-based physical line N (JSON Lines)
  --element N   the N-th element, 1-based (JSON array files)
  --row N       the N-th row, 1-based (Parquet files; read-only in this version)
  --set LABEL   A (first response wins), B (second) or tie
  --format ID   read the file as this format instead of detecting it
Formats that store the winner as chosen/rejected relabel by swapping the two responses; they cannot say tie.
Exit codes: 0 saved (or already so), 1 refused (message on stderr, file untouched), 2 usage.`;

const LABELS: readonly string[] = ['A', 'B', 'tie'];

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(args, LOCATE_OPTIONS, usage);
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('give exactly one FILE');
    const label = values.set;
    if (label === undefined || !LABELS.includes(label))
      throw new CliUsageError(`--set takes A, B or tie; got '${label ?? ''}'`);
    return editAndSave(
      { file: positionals[0], line: values.line, element: values.element, row: values.row, format: values.format },
      (ds, i) => ds.planLabel([i], label as Label),
      `labelled ${label}`,
    );
  },
};
