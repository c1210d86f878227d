// `reward-lens criteria FILE (--line N | --element N | --row N) --set TEXT`: set one record's free-form criterion.
import { CliUsageError, parseCli, type CliCommand } from './common';
import { editAndSave, LOCATE_OPTIONS } from './editCommand';

const usage = `usage: reward-lens criteria FILE (--line N | --element N | --row N) --set TEXT [--format ID]

Sets the free-form criterion of one record and saves the file atomically; every other byte stays as it was.
  --line N      the record starting on 1-based physical line N (JSON Lines)
  --element N   the N-th element, 1-based (JSON array files)
  --row N       the N-th row, 1-based (Parquet files; read-only in this version)
  --set TEXT    the new criterion
  --format ID   read the file as this format instead of detecting it
Exit codes: 0 saved (or already so), 1 refused (message on stderr, file untouched), 2 usage.`;

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(args, LOCATE_OPTIONS, usage);
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('give exactly one FILE');
    const text = values.set;
    if (text === undefined) throw new CliUsageError('--set TEXT is required');
    return editAndSave(
      { file: positionals[0], line: values.line, element: values.element, row: values.row, format: values.format },
      (ds, i) => ds.planCriterion(i, text),
      'criterion set',
    );
  },
};
