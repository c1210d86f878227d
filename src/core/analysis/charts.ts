// Data behind the dashboard's charts: a margin histogram split by right and wrong, and a reliability curve.
import { sigmoid, predict, type Judged } from './verdict';

export interface HistogramBin {
  from: number;
  to: number;
  right: number;
  wrong: number;
}

/** Margins of labelled A/B pairs in `bins` equal-width bins over [−range, range] (outliers go to the end bins). */
export function marginHistogram(pairs: readonly Judged[], bins = 20, range?: number): HistogramBin[] {
  const scored = pairs.filter((p) => p.margin !== undefined && !p.failed && (p.label === 'A' || p.label === 'B'));
  const r = range ?? Math.max(1e-9, ...scored.map((p) => Math.abs(p.margin!)));
  const width = (2 * r) / bins;
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    from: -r + i * width,
    to: -r + (i + 1) * width,
    right: 0,
    wrong: 0,
  }));
  for (const p of scored) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((p.margin! + r) / width)));
    if (predict(p, 0) === p.label) out[i].right++;
    else out[i].wrong++;
  }
  return out;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  meanConfidence: number;
  accuracy: number;
  n: number;
}

/**
 * Reliability of the model's stated confidence P(winner) = sigmoid(|m|) ∈ [0.5, 1] against how often it was
 * right (pairs without tie labels), in equal-width bins. A well-calibrated BT model sits on the diagonal.
 */
export function reliabilityCurve(pairs: readonly Judged[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const scored = pairs.filter((p) => p.margin !== undefined && !p.failed && (p.label === 'A' || p.label === 'B'));
  const acc = Array.from({ length: bins }, () => ({ conf: 0, right: 0, n: 0 }));
  for (const p of scored) {
    const c = sigmoid(Math.abs(p.margin!));
    const i = Math.min(bins - 1, Math.floor(((c - 0.5) / 0.5) * bins));
    acc[i].conf += c;
    acc[i].n++;
    if (predict(p, 0) === p.label) acc[i].right++;
  }
  const out: ReliabilityBin[] = acc.map((a, i) => ({
    from: 0.5 + (0.5 * i) / bins,
    to: 0.5 + (0.5 * (i + 1)) / bins,
    meanConfidence: a.n ? a.conf / a.n : NaN,
    accuracy: a.n ? a.right / a.n : NaN,
    n: a.n,
  }));
  // Expected calibration error: the n-weighted gap between confidence and accuracy.
  const total = scored.length;
  const ece = total
    ? out.reduce((s, b) => s + (b.n ? (b.n / total) * Math.abs(b.meanConfidence - b.accuracy) : 0), 0)
    : 0;
  return { bins: out, ece };
}
