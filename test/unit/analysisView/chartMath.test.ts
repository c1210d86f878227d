import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PairedJudged } from '../../../src/core/analysis/comparison';
import type { Judged } from '../../../src/core/analysis/verdict';
import {
  decimate,
  epsilonSliderRange,
  histogramBars,
  histogramRange,
  niceCeil,
  quantile,
  reliabilityPoints,
  reliabilityRadius,
  scatterExtent,
  scatterPoints,
  tickStep,
  type ScatterPoint,
} from '../../../webview/analysis/chartMath';

test('quantiles interpolate between sorted values', () => {
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([5], 0.99), 5);
  assert.equal(quantile([], 0.5), undefined);
  assert.equal(quantile([0, 10], 0.25), 2.5);
});

test('axis ends round up to 1, 2, 2.5 or 5 times a power of ten', () => {
  assert.equal(niceCeil(3.7), 5);
  assert.equal(niceCeil(0.21), 0.25);
  assert.equal(niceCeil(10), 10);
  assert.equal(niceCeil(11), 20);
  assert.equal(niceCeil(0), 1);
});

test('tick steps divide the axis end, so both ends and 0 get a tick', () => {
  assert.equal(tickStep(5, 5), 1);
  assert.equal(tickStep(10, 4), 2.5);
  assert.equal(tickStep(0.25, 5), 0.05);
  assert.equal(tickStep(200, 5), 50);
  for (const end of [1, 2, 2.5, 5, 10, 20, 25, 50, 0.5]) {
    const s = tickStep(end, 5);
    assert.ok(Math.abs(end / s - Math.round(end / s)) < 1e-9 && end / s <= 5, `${end} / ${s}`);
  }
});

const m = (margin: number, i = 0): Judged => ({ index: i, task: 'T2T', modality: 'text', label: 'A', margin });

test('the histogram range ignores a lone outlier (it lands in the end bin)', () => {
  const pairs = [...Array.from({ length: 200 }, (_, i) => m(((i % 40) - 20) / 10, i)), m(500, 999)];
  assert.equal(histogramRange(pairs), 2);
  assert.equal(histogramRange([]), 1);
});

test('the ε slider reaches the 75th percentile of |m| and moves in 200 steps', () => {
  const r = epsilonSliderRange(Array.from({ length: 100 }, (_, i) => m(i / 10, i)));
  assert.equal(r.max, 10); // q75 of 0..9.9 = 7.4 → 10
  assert.equal(r.step, 0.05);
  assert.equal(epsilonSliderRange([{ ...m(0), margin: undefined, failed: true }]).max, 1);
});

test('histogram bars sit at bin centres with the bin width', () => {
  const bars = histogramBars([
    { from: -1, to: 0, right: 3, wrong: 1 },
    { from: 0, to: 1, right: 5, wrong: 2 },
  ]);
  assert.deepEqual(
    bars.map((b) => [b.x, b.width, b.right, b.wrong]),
    [
      [-0.5, 1, 3, 1],
      [0.5, 1, 5, 2],
    ],
  );
});

test('reliability points grow with the square root of n and skip empty bins', () => {
  assert.equal(reliabilityRadius(0, 100), 0);
  assert.equal(reliabilityRadius(100, 100), 11);
  assert.equal(reliabilityRadius(25, 100), 3 + 8 * 0.5);
  const pts = reliabilityPoints([
    { from: 0.5, to: 0.6, meanConfidence: 0.55, accuracy: 0.6, n: 100 },
    { from: 0.6, to: 0.7, meanConfidence: NaN, accuracy: NaN, n: 0 },
    { from: 0.7, to: 0.8, meanConfidence: 0.74, accuracy: 0.7, n: 4 },
  ]);
  assert.deepEqual(
    pts.map((p) => [p.x, p.y, p.n]),
    [
      [0.55, 0.6, 100],
      [0.74, 0.7, 4],
    ],
  );
  assert.ok(pts[0].r > pts[1].r);
});

test('the scatter has a point only where both runs gave a margin', () => {
  const p = (index: number, a: PairedJudged['a'], b: PairedJudged['b']): PairedJudged => ({
    index,
    task: 'T2T',
    modality: 'text',
    label: 'B',
    a,
    b,
  });
  const pts = scatterPoints([
    p(0, { margin: 1 }, { margin: -2 }),
    p(1, { failed: true }, { margin: 1 }),
    p(2, { verdict: 'A' }, { margin: 1 }),
    p(3, undefined, { margin: 1 }),
    p(4, { margin: Infinity }, { margin: 0 }),
  ]);
  assert.deepEqual(pts, [{ index: 0, x: 1, y: -2, label: 'B' }]);
});

/** A deterministic cloud of n points, with every 50th labelled tie. */
function cloud(n: number): ScatterPoint[] {
  const out: ScatterPoint[] = [];
  let s = 1;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < n; i++)
    out.push({ index: i, x: (r() - 0.5) * 8, y: (r() - 0.5) * 8, label: i % 50 === 0 ? 'tie' : i % 2 ? 'A' : 'B' });
  return out;
}

test('decimation keeps every point under the threshold', () => {
  const pts = cloud(1000);
  const d = decimate(pts, 5, 5, 10, 10, 2000);
  assert.equal(d.points.length, 1000);
  assert.ok(d.weight.every((w) => w === 1));
});

test('decimation of 150K points keeps at most one mark per label and cell, weights add up, minority labels survive', () => {
  const pts = cloud(150000);
  const d = decimate(pts, 5, 5, 100, 100);
  assert.ok(d.points.length <= 100 * 100 * 3, String(d.points.length));
  assert.ok(d.points.length < 30000);
  assert.equal(
    d.weight.reduce((a, b) => a + b, 0),
    150000,
  );
  const ties = d.points.filter((p) => p.label === 'tie').length;
  assert.ok(ties > 1000, `ties kept: ${ties}`);
  const cells = new Set(
    d.points.map((p) => `${p.label}:${Math.floor(((p.x + 5) / 10) * 100)}:${Math.floor(((p.y + 5) / 10) * 100)}`),
  );
  assert.equal(cells.size, d.points.length);
});

test('decimation puts points beyond the extent in the border cells instead of dropping them', () => {
  const pts: ScatterPoint[] = [...cloud(30000), { index: -1, x: 1e6, y: -1e6, label: 'none' }];
  const d = decimate(pts, 5, 5, 50, 50);
  assert.ok(d.points.some((p) => p.index === -1));
  assert.equal(
    d.weight.reduce((a, b) => a + b, 0),
    30001,
  );
});

test('scatter extents cover nearly all points symmetrically', () => {
  const pts: ScatterPoint[] = [...cloud(1000), { index: 5000, x: 900, y: 0, label: 'A' }];
  assert.equal(scatterExtent(pts, 'x'), 5);
  assert.equal(scatterExtent(pts, 'y'), 5);
});
