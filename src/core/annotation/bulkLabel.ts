// Bulk relabelling: which records a bulk command covers and when to ask before touching them.

/** From this many records on, a bulk relabel asks for confirmation first (undo works either way). */
export const BULK_CONFIRM_AT = 20;

export interface BulkPlan {
  indices: number[];
  /** The question for a modal, or undefined when the count is small enough to just do it. */
  confirm?: string;
}

/**
 * Plans a bulk label over `indices` (the selected rows or every row the filter shows): duplicates and error rows
 * removed by the caller's dataset, ascending order, and a question when the count is large.
 */
export function planBulk(
  indices: readonly number[],
  labelWords: string,
  what: string,
  confirmAt = BULK_CONFIRM_AT,
): BulkPlan | { error: string } {
  const unique = [...new Set(indices)].sort((a, b) => a - b);
  if (unique.length === 0) return { error: `no pairs to label: ${what} is empty` };
  const n = unique.length.toLocaleString('en-US');
  return {
    indices: unique,
    confirm:
      unique.length >= confirmAt
        ? `Label ${n} pairs (${what}) as "${labelWords}"? This is one edit: Undo reverts all of them.`
        : undefined,
  };
}
