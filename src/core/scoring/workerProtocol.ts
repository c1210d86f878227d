// Messages between the worker pool (caller thread) and a score worker.
import type { ScoreInput, ScoreResult, ScorerInfo } from './scorer';

export type ToWorker = { type: 'score'; id: number; inputs: ScoreInput[] } | { type: 'close' };

export type ToPool =
  | { type: 'ready'; info: ScorerInfo }
  | { type: 'loadError'; file: string; message: string }
  | { type: 'scored'; id: number; results: ScoreResult[] }
  | { type: 'failed'; id: number; message: string };
