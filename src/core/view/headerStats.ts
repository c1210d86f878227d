// The header's counts, accumulated record by record (so they can be shown while a scan is still running).
import type { DatasetRecord } from '../dataset/types';
import type { HeaderStats } from '../../protocol';

export function emptyStats(format: string, formatName: string): HeaderStats {
  return {
    format,
    formatName,
    records: 0,
    errors: 0,
    labels: { A: 0, B: 0, tie: 0, none: 0 },
    tasks: {},
    complete: false,
  };
}

export function addToStats(stats: HeaderStats, record: DatasetRecord): void {
  stats.records++;
  if (record.kind === 'error') {
    stats.errors++;
    return;
  }
  stats.labels[record.label]++;
  const task = record.task ?? '(none)';
  stats.tasks[task] = (stats.tasks[task] ?? 0) + 1;
}
