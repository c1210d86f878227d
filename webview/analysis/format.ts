// How the analysis views write numbers: accuracies in percent with their counts, signed differences in
// points, p-values, ε and counts with thousands separators. Pure, so the table rows can be unit-tested.
import type { Accuracy } from '../../src/core/analysis/accuracyTable';

const MINUS = '\u2212';
export const DASH = '–';

/** A fraction as a percentage with two decimals ("75.30"), or a dash when there is nothing to show. */
export function pct(v: number | undefined, digits = 2): string {
  return v === undefined || !Number.isFinite(v) ? DASH : (100 * v).toFixed(digits);
}

/** "75.30 (312/417)": the figure and the counts it comes from; a dash when no pair was judged. */
export function accuracyText(a: Accuracy): string {
  return a.n > 0 && a.value !== undefined ? `${pct(a.value)} (${a.correct}/${a.n})` : DASH;
}

/** A difference of two fractions in percentage points with its sign ("+1.25", "−0.40"). */
export function signedPoints(d: number | undefined, digits = 2): string {
  if (d === undefined || !Number.isFinite(d)) return DASH;
  const s = (100 * Math.abs(d)).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return `${d > 0 ? '+' : MINUS}${s}`;
}

export function pValue(p: number): string {
  if (!Number.isFinite(p)) return DASH;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** ε as people type it: three decimals (two significant digits below 0.01), no trailing zeros ("0.25", "1.3", "0"). */
export function formatEpsilon(e: number | undefined): string {
  if (e === undefined || !Number.isFinite(e)) return DASH;
  if (e === 0) return '0';
  const a = Math.abs(e);
  if (a < 0.01) return String(Number(e.toPrecision(2)));
  return String(Number(e.toFixed(a >= 10 ? 2 : 3)));
}

/** 3725 → "3,725" (fixed to en-US so screenshots and tests read the same everywhere). */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * A margin with its sign ("+1.23", "−0.40", "+123"); never "−0.00": zero is "0.00", and a margin too small for two
 * decimals keeps two significant digits ("−0.0012"), since its sign is the verdict.
 */
export function signedMargin(m: number): string {
  const a = Math.abs(m);
  if (a === 0) return '0.00';
  const sign = m > 0 ? '+' : MINUS;
  if (a < 0.005) return sign + (a >= 1e-4 ? a.toPrecision(2) : a.toExponential(1));
  return sign + a.toFixed(a >= 100 ? 0 : 2);
}

/** What the ε control says while ε is calibrated: the range the per-task values span. */
export function calibratedSummary(calibrated: Record<string, number> | undefined): string {
  const values = Object.values(calibrated ?? {});
  if (!values.length) return 'calibrated per task';
  const lo = Math.min(...values), hi = Math.max(...values);
  return lo === hi ? `calibrated: ε = ${formatEpsilon(lo)} in every task` : `calibrated per task: ε from ${formatEpsilon(lo)} to ${formatEpsilon(hi)}`;
}

/** A long run name shortened in the middle ("Skywork/Skywork-Rew…-8B-v0.2"), keeping both ends readable. */
export function shortName(name: string, max = 32): string {
  if (name.length <= max) return name;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.6);
  return `${name.slice(0, head)}…${name.slice(name.length - (keep - head))}`;
}
