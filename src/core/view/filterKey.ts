// A filter's identity: equal filters share one host-side view, and the webview spots stale replies by it.
import { hasAnalysis } from '../analysis/rowFacts';
import type { RowFilter } from '../../protocol';

/** A canonical string for a filter. */
export function filterKey(f: RowFilter): string {
  const text = f.text?.trim().toLowerCase();
  const base = [f.task ?? '', f.label ?? '', text ?? '', !!f.errorsOnly];
  if (hasAnalysis(f))
    base.push(
      f.show ?? '',
      f.modality ?? '',
      f.expr?.trim() ?? '',
      f.sort ?? '',
      !!f.sortReverse,
      f.flipDirection ?? '',
    );
  return JSON.stringify(base);
}

export function isEmptyFilter(f: RowFilter): boolean {
  return !f.task && !f.label && !f.text?.trim() && !f.errorsOnly && !hasAnalysis(f);
}
