// Tie calibration (Deutsch et al. 2023, Omni-RewardBench's calc_accuracy_with_ties): the ε that maximises
// three-way accuracy when |margin| ≤ ε is read as a tie. Pairs without a margin don't move ε.
import type { Judged } from './verdict';

export interface Calibration {
  epsilon: number;
  /** Three-way accuracy at that ε over the labelled pairs with a margin. */
  accuracy: number;
  n: number;
}

/**
 * Tries ε = 0 and every distinct |m|, in O(n log n): at ε = c, pairs with |m| ≤ c are predicted ties and the
 * rest by sign. Of equally good ε the smallest wins, so a file without tie labels calibrates to ε = 0.
 */
export function calibrateEpsilon(pairs: readonly Judged[]): Calibration {
  const items = pairs
    .filter((p) => p.label !== 'none' && p.margin !== undefined && !p.failed)
    .map((p) => ({
      abs: Math.abs(p.margin!),
      tie: p.label === 'tie',
      signRight: (p.margin! > 0 ? 'A' : 'B') === p.label,
    }))
    .sort((x, y) => x.abs - y.abs);
  const n = items.length;
  if (n === 0) return { epsilon: 0, accuracy: 0, n: 0 };

  // With nothing inside ε, every pair is judged by its sign.
  let correct = items.reduce((c, it) => c + (it.signRight ? 1 : 0), 0);
  let best = { epsilon: 0, correct };
  for (let i = 0; i < n;) {
    const abs = items[i].abs;
    // Moving ε up to `abs` turns this whole group into tie predictions.
    for (; i < n && items[i].abs === abs; i++) correct += (items[i].tie ? 1 : 0) - (items[i].signRight ? 1 : 0);
    if (abs === 0 || correct > best.correct) best = { epsilon: abs, correct };
  }
  return { epsilon: best.epsilon, accuracy: best.correct / n, n };
}
