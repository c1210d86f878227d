// Waveform peaks: min/max per column, computed once from decoded samples and re-bucketed for any canvas width.

/** Min and max sample value per bucket, in [-1, 1]. */
export interface Peaks {
  min: Float32Array;
  max: Float32Array;
}

/** Reduces every channel's samples to `buckets` min/max pairs (channels merged so a loud channel still shows). */
export function computePeaks(channels: readonly Float32Array[], buckets: number): Peaks {
  const length = channels.reduce((n, c) => Math.max(n, c.length), 0);
  const count = Math.max(0, Math.min(Math.floor(buckets), length));
  const min = new Float32Array(count);
  const max = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * length) / count);
    const end = Math.floor(((b + 1) * length) / count);
    let lo = Infinity;
    let hi = -Infinity;
    for (const ch of channels) {
      for (let i = start; i < end && i < ch.length; i++) {
        const v = ch[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    min[b] = lo === Infinity ? 0 : clampUnit(lo);
    max[b] = hi === -Infinity ? 0 : clampUnit(hi);
  }
  return { min, max };
}

/** Re-buckets peaks to `width` columns: each column keeps the extreme of the buckets it covers. */
export function peaksForWidth(peaks: Peaks, width: number): Peaks {
  const n = peaks.min.length;
  const w = Math.max(0, Math.floor(width));
  const min = new Float32Array(w);
  const max = new Float32Array(w);
  if (n === 0) return { min, max };
  for (let x = 0; x < w; x++) {
    const start = Math.floor((x * n) / w);
    // When columns outnumber buckets, a column repeats its bucket rather than going blank.
    const end = Math.max(start + 1, Math.floor(((x + 1) * n) / w));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end && i < n; i++) {
      if (peaks.min[i] < lo) lo = peaks.min[i];
      if (peaks.max[i] > hi) hi = peaks.max[i];
    }
    min[x] = lo;
    max[x] = hi;
  }
  return { min, max };
}

function clampUnit(v: number): number {
  return v < -1 ? -1 : v > 1 ? 1 : v;
}
