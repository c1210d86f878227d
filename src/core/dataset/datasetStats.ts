// Counts over a whole dataset (what `inspect` prints): records, errors, labels, tasks. Bounded memory:
// at most `maxErrors` error details are kept, the rest are only counted.
import type { DatasetRecord, Label } from './types';

export interface DatasetStats {
  /** Every non-blank record, error records included. */
  records: number;
  /** Error records plus structural problems of the file (e.g. an unterminated JSON array). */
  errorCount: number;
  /** The first `maxErrors` errors, in file order. */
  errors: { line: number; message: string }[];
  labels: Record<Label, number>;
  /** Task → pair count; pairs without a task count under "unknown". */
  tasks: Record<string, number>;
}

export const DEFAULT_MAX_ERRORS = 1000;

export class StatsTally {
  readonly stats: DatasetStats = {
    records: 0,
    errorCount: 0,
    errors: [],
    labels: { A: 0, B: 0, tie: 0, none: 0 },
    tasks: {},
  };
  constructor(private readonly maxErrors = DEFAULT_MAX_ERRORS) {}

  add(record: DatasetRecord): void {
    this.stats.records++;
    if (record.kind === 'error') {
      this.error(record.line, record.message);
      return;
    }
    this.stats.labels[record.label]++;
    const task = record.task ?? 'unknown';
    this.stats.tasks[task] = (this.stats.tasks[task] ?? 0) + 1;
  }

  error(line: number, message: string): void {
    this.stats.errorCount++;
    if (this.stats.errors.length < this.maxErrors) this.stats.errors.push({ line, message });
  }

  /** Errors in file order (structural problems are added after the records). */
  finish(): DatasetStats {
    this.stats.errors.sort((a, b) => a.line - b.line);
    return this.stats;
  }
}
