// How the analysis views write numbers: accuracies in percent with their counts, signed differences in
// points, p-values, ε and counts with thousands separators. Pure, so the table rows can be unit-tested.
import type { Accuracy } from '../../src/core/analysis/accuracyTable';
import { DASH, pct } from '../../src/core/format';

export { DASH, pct, pValue, signedMargin, signedPoints } from '../../src/core/format';

/** "75.30 (312/417)": the figure and the counts it comes from; a dash when no pair was judged. */
export function accuracyText(a: Accuracy): string {
  return a.n > 0 && a.value !== undefined ? `${pct(a.value)} (${a.correct}/${a.n})` : DASH;
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

/** What the ε control says while ε is calibrated: the range the per-task values span. */
export function calibratedSummary(calibrated: Record<string, number> | undefined): string {
  const values = Object.values(calibrated ?? {});
  if (!values.length) return 'calibrated per task';
  const lo = Math.min(...values),
    hi = Math.max(...values);
  return lo === hi
    ? `calibrated: ε = ${formatEpsilon(lo)} in every task`
    : `calibrated per task: ε from ${formatEpsilon(lo)} to ${formatEpsilon(hi)}`;
}

/** A long run name shortened in the middle ("Skywork/Skywork-Rew…-8B-v0.2"), keeping both ends readable. */
export function shortName(name: string, max = 32): string {
  if (name.length <= max) return name;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.6);
  return `${name.slice(0, head)}…${name.slice(name.length - (keep - head))}`;
}
