// Fixed-seed randomness so `npm run samples` writes the same files every time.

/** mulberry32: a tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Which of n pairs show the preferred item second: half of them (rounded down),
 * at seeded-random positions, so a task never ends up with every label on one side.
 */
export function balancedSwaps(n, random) {
  const flags = Array.from({ length: n }, (_, i) => i < Math.floor(n / 2));
  return shuffle(flags, random);
}
