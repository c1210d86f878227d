// The arithmetic behind the charts, kept apart from the drawing so it can be unit-tested: axis ranges,
// histogram bar layout, reliability point sizes, and the scatter's decimation for 100K+ points.
import type { HistogramBin, ReliabilityBin } from '../../src/core/analysis/charts';
import type { PairedJudged } from '../../src/core/analysis/comparison';
import type { Judged } from '../../src/core/analysis/verdict';

/** The q-quantile (0..1) of the values, by linear interpolation; undefined for none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (s.length - 1);
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** A rounded-up "nice" number (1, 2, 2.5, 5 × 10^k) at least x, so axis ends read cleanly. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** A tick step (1, 2, 2.5, 5 × 10^k) that divides `end` into at most `maxTicks` steps, so ±end both get a tick. */
export function tickStep(end: number, maxTicks = 6): number {
  if (!(end > 0) || !Number.isFinite(end)) return 1;
  let p = 10 ** Math.floor(Math.log10(end / maxTicks));
  for (let k = 0; k < 4; k++, p *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * p;
      const n = end / step;
      if (n <= maxTicks + 1e-9 && Math.abs(n - Math.round(n)) < 1e-9) return step;
    }
  }
  return end;
}

const absMargins = (pairs: readonly Judged[]) =>
  pairs.flatMap((p) => (p.margin !== undefined && !p.failed && Number.isFinite(p.margin) ? [Math.abs(p.margin)] : []));

/**
 * Half-width of the margin histogram: the 99th percentile of |m| rounded up, so one outlier does not squeeze
 * every other pair into the two middle bins (outliers land in the end bins).
 */
export function histogramRange(pairs: readonly Judged[]): number {
  return niceCeil(quantile(absMargins(pairs), 0.99) ?? 1);
}

/** The ε slider's range and step: up to the 75th percentile of |m| (beyond it most verdicts are ties). */
export function epsilonSliderRange(pairs: readonly Judged[]): { max: number; step: number } {
  const max = niceCeil(quantile(absMargins(pairs), 0.75) ?? 1);
  return { max, step: max / 200 };
}

export interface HistogramBar {
  x: number;
  width: number;
  right: number;
  wrong: number;
  from: number;
  to: number;
}

/** Bars at bin centres (for a linear x axis) with the bin's width, so the ε band lines up with margins. */
export function histogramBars(bins: readonly HistogramBin[]): HistogramBar[] {
  return bins.map((b) => ({
    x: (b.from + b.to) / 2,
    width: b.to - b.from,
    right: b.right,
    wrong: b.wrong,
    from: b.from,
    to: b.to,
  }));
}

/** Point radius for a reliability bin: area grows with n (sqrt), from minR for the smallest to maxR for the largest. */
export function reliabilityRadius(n: number, maxN: number, minR = 3, maxR = 11): number {
  if (n <= 0 || maxN <= 0) return 0;
  return minR + (maxR - minR) * Math.sqrt(n / maxN);
}

/** Reliability bins that have pairs, as chart points (x = mean confidence, y = accuracy). */
export function reliabilityPoints(bins: readonly ReliabilityBin[]): { x: number; y: number; n: number; r: number }[] {
  const maxN = Math.max(0, ...bins.map((b) => b.n));
  return bins
    .filter((b) => b.n > 0)
    .map((b) => ({ x: b.meanConfidence, y: b.accuracy, n: b.n, r: reliabilityRadius(b.n, maxN) }));
}

export type ScatterLabel = 'A' | 'B' | 'tie' | 'none';

export interface ScatterPoint {
  /** Record index of the pair. */
  index: number;
  /** Model A's margin (x) and model B's margin (y). */
  x: number;
  y: number;
  label: ScatterLabel;
}

/** Pairs both models gave a margin to (verdict-only or failed predictions have no place on the plane). */
export function scatterPoints(pairs: readonly PairedJudged[]): ScatterPoint[] {
  const out: ScatterPoint[] = [];
  for (const p of pairs) {
    const x = p.a?.failed ? undefined : p.a?.margin,
      y = p.b?.failed ? undefined : p.b?.margin;
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    out.push({ index: p.index, x, y, label: p.label });
  }
  return out;
}

/** Symmetric axis extent covering the 99.5th percentile of |value| (the rest are clamped to the border by the chart). */
export function scatterExtent(points: readonly ScatterPoint[], axis: 'x' | 'y'): number {
  const abs = points.map((p) => Math.abs(p[axis]));
  return niceCeil(quantile(abs, 0.995) ?? 1);
}

export interface Decimated {
  points: ScatterPoint[];
  /** How many input points each kept point stands for (same order as points). */
  weight: number[];
}

/**
 * Keeps one point per label per grid cell (cols × rows over the given extents), so 100K+ pairs draw as at
 * most cols × rows × labels marks; labels keep their own points so a minority label is never hidden.
 * Under `keepAll` points nothing is merged. Points outside the extents are clamped to the border cells.
 */
export function decimate(
  points: readonly ScatterPoint[],
  xExtent: number,
  yExtent: number,
  cols: number,
  rows: number,
  keepAll = 20000,
): Decimated {
  if (points.length <= keepAll) return { points: [...points], weight: points.map(() => 1) };
  const cell = new Map<number, number>();
  const kept: ScatterPoint[] = [];
  const weight: number[] = [];
  const labels: ScatterLabel[] = ['A', 'B', 'tie', 'none'];
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  for (const p of points) {
    const cx = clamp(Math.floor(((p.x + xExtent) / (2 * xExtent)) * cols), cols);
    const cy = clamp(Math.floor(((p.y + yExtent) / (2 * yExtent)) * rows), rows);
    const key = (labels.indexOf(p.label) * rows + cy) * cols + cx;
    const at = cell.get(key);
    if (at === undefined) {
      cell.set(key, kept.length);
      kept.push(p);
      weight.push(1);
    } else weight[at]++;
  }
  return { points: kept, weight };
}
