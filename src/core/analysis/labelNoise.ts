// Label-noise candidates (the cleanlab idea, from Bradley–Terry probabilities): confident disagreements,
// ranked by the model's probability of the label opposite to the human's.
import { sigmoid, type Judged } from './verdict';

export interface NoiseCandidate {
  index: number;
  /** P(the other response wins) under the model: sigmoid(−m) for label A, sigmoid(m) for label B. */
  pOpposite: number;
  margin: number;
}

/** Pairs labelled A or B whose opposite label the model believes with probability ≥ threshold, most sure first. */
export function labelNoiseCandidates(pairs: readonly Judged[], threshold = 0.5): NoiseCandidate[] {
  const out: NoiseCandidate[] = [];
  for (const p of pairs) {
    if (p.margin === undefined || p.failed || (p.label !== 'A' && p.label !== 'B')) continue;
    const pOpposite = sigmoid(p.label === 'A' ? -p.margin : p.margin);
    // Only disagreements (the opposite is more likely than the label), and at least as sure as asked.
    if (pOpposite > 0.5 && pOpposite >= threshold) out.push({ index: p.index, pOpposite, margin: p.margin });
  }
  return out.sort((x, y) => y.pOpposite - x.pOpposite || x.index - y.index);
}
