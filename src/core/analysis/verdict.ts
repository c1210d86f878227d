// From a run's scores to a verdict: margin m = score_a − score_b; tie when |m| ≤ ε, else A or B.
import type { Label } from '../dataset/types';
import type { RunEntry } from '../scoring/run';

/** What the analysis needs of one pair: its human label, where it belongs, and what the model said. */
export interface Judged {
  /** 0-based record index. */
  index: number;
  task: string;
  /** Output modality group for per-modality tables, e.g. 'text', 'image'. */
  modality: string;
  label: Label;
  /** score_a − score_b, when the run has scores. */
  margin?: number;
  /** A stated verdict (imported judge runs), used when there is no margin. */
  verdict?: Label;
  /** The model failed on this pair (per-record error, unparsable judge output): counted as wrong. */
  failed?: boolean;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function verdictFromMargin(margin: number, epsilon: number): Exclude<Label, 'none'> {
  if (Math.abs(margin) <= epsilon) return 'tie';
  return margin > 0 ? 'A' : 'B';
}

/** The model's verdict for a pair under ε, or undefined when it has neither a margin nor a verdict. */
export function predict(j: Judged, epsilon: number): Label | undefined {
  if (j.failed) return undefined;
  if (j.margin !== undefined) return verdictFromMargin(j.margin, epsilon);
  return j.verdict;
}

/** Whether a run entry says anything about its pair. */
export function entryJudgement(e: RunEntry | undefined): Pick<Judged, 'margin' | 'verdict' | 'failed'> | undefined {
  if (!e) return undefined;
  if (e.error !== undefined) return { failed: true };
  if (typeof e.score_a === 'number' && typeof e.score_b === 'number') return { margin: e.score_a - e.score_b };
  if (e.verdict) return { verdict: e.verdict };
  return { failed: true };
}

/**
 * Confidence that the verdict is right, for sorting and "confident errors": P(winner) = sigmoid(|m|) for
 * Bradley–Terry scores; |m| itself otherwise (still orders pairs by how sure the model was).
 */
export function confidence(margin: number, bradleyTerry: boolean): number {
  return bradleyTerry ? sigmoid(Math.abs(margin)) : Math.abs(margin);
}
