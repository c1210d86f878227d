// The rows a virtualised list renders: the visible window plus overscan, from scroll position and row height.
// Browsers cap an element's height (Chromium near 33.5M px) and paint in float32 (2 px steps past 16.7M px, so rows
// jitter and overlap), so past MAX_SCROLL_PX the scrollbar maps proportionally onto the rows and each row is placed
// relative to the viewport: coordinates stay below 8M px (float32 steps ≤ 0.5 px) for any number of rows.

export const MAX_SCROLL_PX = 8_000_000;

export interface ListGeometry {
  viewportHeight: number;
  rowHeight: number;
  total: number;
}

export interface WindowInput extends ListGeometry {
  scrollTop: number;
  overscan: number;
}

/** Half-open range [start, end) of view positions to render. */
export interface RowWindow {
  start: number;
  end: number;
}

/** Height of the scrolling content (the spacer). */
export function contentHeight({ total, rowHeight }: Pick<ListGeometry, 'total' | 'rowHeight'>): number {
  return Math.min(total * rowHeight, MAX_SCROLL_PX);
}

function scaled(g: ListGeometry): { maxScroll: number; maxFirst: number } | undefined {
  if (g.total * g.rowHeight <= MAX_SCROLL_PX) return undefined;
  return {
    maxScroll: Math.max(1, MAX_SCROLL_PX - g.viewportHeight),
    maxFirst: Math.max(0, g.total - g.viewportHeight / g.rowHeight),
  };
}

/** The (fractional) row at the top of the viewport for a scroll position. */
export function firstRowAt(scrollTop: number, g: ListGeometry): number {
  const s = scaled(g);
  const top = Math.max(0, scrollTop);
  return s ? (Math.min(top, s.maxScroll) / s.maxScroll) * s.maxFirst : top / g.rowHeight;
}

/** The scroll position that puts (fractional) row `first` at the top of the viewport. */
export function scrollTopFor(first: number, g: ListGeometry): number {
  const s = scaled(g);
  return s
    ? (Math.min(Math.max(0, first), s.maxFirst) / (s.maxFirst || 1)) * s.maxScroll
    : Math.max(0, first) * g.rowHeight;
}

/** Where row `pos` is drawn, in content pixels (equal to pos × rowHeight unless the list is scaled). */
export function rowTop(pos: number, scrollTop: number, g: ListGeometry): number {
  if (!scaled(g)) return pos * g.rowHeight;
  return scrollTop + (pos - firstRowAt(scrollTop, g)) * g.rowHeight;
}

export function visibleWindow(input: WindowInput): RowWindow {
  const { viewportHeight, rowHeight, total, overscan } = input;
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(firstRowAt(input.scrollTop, input));
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

/** The scrollTop that brings row `pos` fully into view with the least movement (undefined: already visible). */
export function scrollToReveal(pos: number, scrollTop: number, g: ListGeometry): number | undefined {
  const first = firstRowAt(scrollTop, g);
  const rows = g.viewportHeight / g.rowHeight;
  if (pos < first) return scrollTopFor(pos, g);
  if (pos + 1 > first + rows) return scrollTopFor(pos + 1 - rows, g);
  return undefined;
}
