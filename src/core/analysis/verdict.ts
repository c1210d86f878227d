// From a run's scores to a verdict: margin m = score_a − score_b; tie when |m| ≤ ε, else A or B. Every view
// (list, pair view, dashboard, eval) reads an entry through readEntry and decides through predict.
import type { Label, PreferencePair } from '../dataset/types';
import type { ContentMatch, RunEntry, RunHeader } from '../scoring/run';
import { outputModality } from './modality';

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
  /** The run scored other content (an edited response, prompt or criterion): no prediction until rescored. */
  stale?: boolean;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function verdictFromMargin(margin: number, epsilon: number): Exclude<Label, 'none'> {
  if (Math.abs(margin) <= epsilon) return 'tie';
  return margin > 0 ? 'A' : 'B';
}

/** The model's verdict for a pair under ε, or undefined when it has neither a margin nor a verdict. */
export function predict(
  j: Pick<Judged, 'margin' | 'verdict' | 'failed' | 'stale'>,
  epsilon: number,
): Label | undefined {
  if (j.failed || j.stale) return undefined;
  if (j.margin !== undefined) return verdictFromMargin(j.margin, epsilon);
  return j.verdict;
}

/** What a run entry says about a pair as it is now. */
export interface EntryReading {
  scoreA?: number;
  scoreB?: number;
  margin?: number;
  /** A stated verdict (judges, imported runs), when there are no scores. */
  verdict?: Label;
  error?: string;
  failed?: boolean;
  stale?: boolean;
}

const swapLabel = (l: Label): Label => (l === 'A' ? 'B' : l === 'B' ? 'A' : l);

/**
 * Reads an entry against the pair's current content. Scores follow the responses they were made for: after a
 * relabel that swapped the responses, score A is the entry's score_b. An entry made for other content is stale.
 */
export function readEntry(e: RunEntry, match: ContentMatch = 'unknown'): EntryReading {
  if (match === 'changed') return { stale: true };
  if (e.error !== undefined) return { error: e.error, failed: true };
  const swap = match === 'swapped';
  if (typeof e.score_a === 'number' && typeof e.score_b === 'number') {
    const [scoreA, scoreB] = swap ? [e.score_b, e.score_a] : [e.score_a, e.score_b];
    return { scoreA, scoreB, margin: scoreA - scoreB };
  }
  if (e.verdict) return { verdict: swap ? swapLabel(e.verdict) : e.verdict };
  return { failed: true };
}

/** The part of a Judged that comes from the run. */
export function judgement(r: EntryReading): Pick<Judged, 'margin' | 'verdict' | 'failed' | 'stale'> {
  if (r.stale) return { stale: true };
  if (r.failed) return { failed: true };
  return r.margin !== undefined ? { margin: r.margin } : { verdict: r.verdict };
}

/** Whether a run entry says anything about its pair (undefined: no entry). */
export function entryJudgement(
  e: RunEntry | undefined,
  match?: ContentMatch,
): Pick<Judged, 'margin' | 'verdict' | 'failed' | 'stale'> | undefined {
  return e && judgement(readEntry(e, match));
}

/** One run as a judge of pairs: its entries, how ties are drawn (ε per task), how entries match content. */
export interface JudgingRun {
  /** Display name (pair view). */
  name?: string;
  entries: ReadonlyMap<number, RunEntry>;
  header?: RunHeader;
  /** Margins are Bradley–Terry logits (σ(m) = P(A wins)). */
  bradleyTerry: boolean;
  /** ε per task (calibrated or set by the user); 0 when unknown. */
  epsilon: (task: string) => number;
  /** Compares an entry with the pair's content (the host passes scoring/contentKey's matchEntry); absent: trusted. */
  match?: (entry: RunEntry, pair: PreferencePair) => ContentMatch;
}

/** A pair as the analysis tables see it, judged by one run. */
export function toJudged(pair: PreferencePair, run: Pick<JudgingRun, 'entries' | 'match'>): Judged {
  const e = run.entries.get(pair.index);
  const base: Judged = {
    index: pair.index,
    task: pair.task ?? 'unknown',
    modality: outputModality(pair),
    label: pair.label,
  };
  return e ? { ...base, ...judgement(readEntry(e, run.match?.(e, pair))) } : base;
}

export interface PairVerdict extends EntryReading {
  /** Whether the verdict is the human label (undefined when either is missing or the label is 'none'). */
  agrees?: boolean;
}

/**
 * The one verdict of a run on a pair under the run's ε for the pair's task: the list, the pair view and the
 * dashboard/eval (through toJudged + predict, with the same ε) all come here. Undefined when the run has no entry.
 */
export function judgePair(pair: PreferencePair, run: JudgingRun): PairVerdict | undefined {
  const e = run.entries.get(pair.index);
  if (!e) return undefined;
  const reading = readEntry(e, run.match?.(e, pair));
  const verdict = predict(judgement(reading), run.epsilon(pair.task ?? 'unknown'));
  const agrees = verdict && verdict !== 'none' && pair.label !== 'none' ? verdict === pair.label : undefined;
  return { ...reading, verdict, agrees };
}

/**
 * Confidence that the verdict is right, for sorting and "confident errors": P(winner) = sigmoid(|m|) for
 * Bradley–Terry scores; |m| itself otherwise (still orders pairs by how sure the model was).
 */
export function confidence(margin: number, bradleyTerry: boolean): number {
  return bradleyTerry ? sigmoid(Math.abs(margin)) : Math.abs(margin);
}
