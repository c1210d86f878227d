// The exact McNemar test: of the discordant pairs (one model right, the other wrong), is the split b : c
// further from even than chance? Two-sided binomial test with p = 1/2.

export interface McNemar {
  /** Pairs only model A gets right. */
  b: number;
  /** Pairs only model B gets right. */
  c: number;
  /** Two-sided exact p-value; 1 when there are no discordant pairs. */
  p_value: number;
  /** Fewer discordant pairs than can ever reach p < 0.05 (b + c < 6). */
  tooFew: boolean;
}

export function exactMcNemar(b: number, c: number): McNemar {
  const n = b + c;
  if (n === 0) return { b, c, p_value: 1, tooFew: true };
  const k = Math.min(b, c);
  // P(X ≤ k) for X ~ Bin(n, 1/2), summed in log space to stay finite for large n.
  const logHalfN = -n * Math.LN2;
  let tail = 0;
  let logTerm = logHalfN; // i = 0: C(n,0) / 2^n
  for (let i = 0; i <= k; i++) {
    if (i > 0) logTerm += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logTerm);
  }
  return { b, c, p_value: Math.min(1, 2 * tail), tooFew: n < 6 };
}
