import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SCROLL_PX,
  contentHeight,
  firstRowAt,
  pagesFor,
  rowTop,
  scrollToReveal,
  scrollTopFor,
  visibleWindow,
} from '../../../webview/list/virtualWindow';
import { RowCache } from '../../../webview/list/rowCache';

test('renders the same number of rows for 40 and for 740K records', () => {
  const at = (total: number, scrollTop: number) =>
    visibleWindow({ scrollTop, viewportHeight: 600, rowHeight: 26, total, overscan: 10 });
  const small = at(740_000, 0);
  const deep = at(200_000, 26 * 150_000);
  const end = at(740_000, MAX_SCROLL_PX - 600);
  assert.equal(small.end - small.start, 35);
  assert.equal(deep.end - deep.start, 45);
  assert.equal(deep.start, 149_990);
  assert.equal(end.end, 740_000);
  assert.ok(end.end - end.start <= 45);
  const few = at(40, 0);
  assert.deepEqual(few, { start: 0, end: 35 });
  assert.deepEqual(at(5, 0), { start: 0, end: 5 });
  assert.deepEqual(at(0, 0), { start: 0, end: 0 });
});

test('asks for every page a window overlaps, once', () => {
  assert.deepEqual(pagesFor({ start: 95, end: 205 }, 100), [0, 1, 2]);
  assert.deepEqual(pagesFor({ start: 100, end: 200 }, 100), [1]);
  assert.deepEqual(pagesFor({ start: 3, end: 3 }, 100), []);
});

test('scrolls just enough to reveal a row above or below the viewport', () => {
  const g = { viewportHeight: 260, rowHeight: 26, total: 100 };
  assert.equal(scrollToReveal(10, 0, g), 26);
  assert.equal(scrollToReveal(2, 260, g), 52);
  assert.equal(scrollToReveal(5, 0, g), undefined);
});

test('row cache claims a page once, evicts the least recently used, refetches short pages', () => {
  const cache = new RowCache(2, 2);
  const row = (index: number) => ({
    index,
    line: index + 1,
    id: `r${index}`,
    inputs: [],
    outputs: [],
    label: 'A' as const,
  });
  assert.equal(cache.claim(0), true);
  assert.equal(cache.claim(0), false);
  cache.put(0, [row(0), row(1)]);
  cache.put(1, [row(2), row(3)]);
  cache.touch(0);
  cache.put(2, [row(4)]);
  assert.equal(cache.row(3), undefined, 'page 1 was evicted');
  assert.equal(cache.row(1)?.id, 'r1');
  assert.equal(cache.row(4)?.id, 'r4');
  cache.dropPartial();
  assert.equal(cache.row(4), undefined);
  assert.equal(cache.claim(2), true);
});

test('a page fetched while the view was shorter counts as missing once more rows are expected', () => {
  const cache = new RowCache(100);
  cache.put(0, []);
  assert.equal(cache.has(0, 0), true);
  assert.equal(cache.has(0, 5), false);
  assert.equal(cache.claim(0), true, 'the short page can be fetched again');
});

test('a list taller than the browser allows maps the scrollbar onto every row, first to last', () => {
  const g = { viewportHeight: 600, rowHeight: 26, total: 3_000_000 };
  assert.equal(contentHeight(g), MAX_SCROLL_PX);
  assert.equal(firstRowAt(0, g), 0);
  const bottom = MAX_SCROLL_PX - 600;
  const last = visibleWindow({ ...g, scrollTop: bottom, overscan: 0 });
  assert.equal(last.end, 3_000_000, 'the last row is reachable');
  // rows sit next to each other inside the viewport, the top one at the viewport's top
  const mid = 5_000_000;
  const first = firstRowAt(mid, g);
  assert.ok(Math.abs(rowTop(Math.ceil(first), mid, g) - (mid + (Math.ceil(first) - first) * 26)) < 1e-6);
  assert.equal(rowTop(101, mid, g) - rowTop(100, mid, g), 26);
  // revealing a far row scrolls to where that row is at the top or bottom
  const to = scrollToReveal(2_000_000, 0, g);
  assert.ok(to !== undefined);
  const w = visibleWindow({ ...g, scrollTop: to, overscan: 0 });
  assert.ok(w.start <= 2_000_000 && 2_000_000 < w.end);
  assert.ok(Math.abs(scrollTopFor(firstRowAt(1234567, g), g) - 1234567) < 1e-3);
});

test('below the cap, rows are placed at pos × rowHeight', () => {
  const g = { viewportHeight: 600, rowHeight: 26, total: 200_000 };
  assert.equal(contentHeight(g), 200_000 * 26);
  assert.equal(rowTop(150_000, 12345, g), 150_000 * 26);
  assert.equal(scrollTopFor(10, g), 260);
});
