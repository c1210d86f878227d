// The rows a virtualised list renders: the visible window plus overscan, from scroll position and row height.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  overscan: number;
}

/** Half-open range [start, end) of view positions to render. */
export interface RowWindow {
  start: number;
  end: number;
}

export function visibleWindow({ scrollTop, viewportHeight, rowHeight, total, overscan }: WindowInput): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(total - 1, first - overscan));
  const end = Math.min(total, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** Page numbers a window needs. */
export function pagesFor(w: RowWindow, pageSize: number): number[] {
  if (w.end <= w.start) return [];
  const out: number[] = [];
  for (let p = Math.floor(w.start / pageSize); p <= Math.floor((w.end - 1) / pageSize); p++) out.push(p);
  return out;
}

/** The scrollTop that brings row `pos` into view with the least movement (undefined: already fully visible). */
export function scrollToReveal(pos: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | undefined {
  const top = pos * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return undefined;
}
