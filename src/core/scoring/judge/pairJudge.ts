// What every generative judge looks like to the run: one pair, in one order, in; a verdict and the text behind it out.
import type { PreferencePair } from '../../dataset/types';
import type { JudgeVerdict } from './verdictParser';

export interface PairJudgeInfo {
  /** Name in the model list and in run files, e.g. the served model name. */
  id: string;
  /** 'openai-judge' | 'command' | … */
  kind: string;
  /** Content hash of everything that decides a verdict (server model, template, ties): the resume key. */
  hash: string;
  /** Human-readable description of the prompt (template source, ties). */
  template: string;
  /** Where the judge runs (server URL), for the run header; never a key. */
  location?: string;
  /** The judge may answer tie ([[C]]). */
  ties: boolean;
}

/** Tokens one request used, as the server reports them. */
export interface TokenUsage {
  prompt: number;
  completion: number;
}

/**
 * One order's outcome. The verdict is in the file's A/B: with `swapped`, a judge that prefers the first response
 * shown (B) gives 'B'. A failed outcome keeps the last answer text, when there was one.
 */
export type JudgeOutcome =
  | { ok: true; verdict: JudgeVerdict; rationale: string; attempts: number; usage: TokenUsage }
  | { ok: false; message: string; rationale?: string; usage: TokenUsage };

export interface PairJudge {
  readonly info: PairJudgeInfo;
  /** Judges one pair in one order. Rejects with JudgeFatalError when no pair can succeed; resolves otherwise. */
  judge(pair: PreferencePair, opts: { swapped: boolean; signal?: AbortSignal }): Promise<JudgeOutcome>;
}

/** A failure no other pair would escape (bad key, unknown model, unreachable server): the run stops. */
export class JudgeFatalError extends Error {}
