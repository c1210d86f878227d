// What every reward model looks like to the rest of the code: score one response under a prompt and criterion.
import type { Part, Response } from '../dataset/types';

/** One response to score, with what it answers. */
export interface ScoreInput {
  prompt: Part[];
  /** The free-form criterion; empty or undefined = none. */
  criterion?: string;
  response: Response;
  /**
   * Absolute paths of the media the parts reference, resolved by the caller (index = position in the
   * flattened prompt parts then response parts); undefined where unresolved. Data URIs need no path.
   */
  mediaPaths?: (string | undefined)[];
  /** Bytes of media embedded in the dataset file (Parquet Image/Audio cells), read by the caller, same indexing. */
  mediaBytes?: (Uint8Array | undefined)[];
}

/** A score, or why this input could not be scored (missing media, too long, bad image): the run goes on. */
export type ScoreResult = { score: number } | { error: string };

export interface ScorerInfo {
  /** 'default', 'length', a configured id, or the folder name. */
  id: string;
  /** 'sequence-classifier' | 'clip' | 'clap' | 'length' | ... */
  kind: string;
  /** Content hash of the model files: part of the score-cache key. */
  hash: string;
  /** Human-readable description of how inputs are built (chat template, segment pair, ...). */
  template: string;
  /** Scores are Bradley–Terry logits (sigmoid of a margin is a probability). */
  bradleyTerry: boolean;
  /** Modalities of responses this scorer can score. */
  responseModalities: string[];
}

export interface Scorer {
  readonly info: ScorerInfo;
  /** Scores a batch; the result array is aligned with the inputs. Rejects only when the model itself fails. */
  scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]>;
  dispose(): Promise<void>;
}

/** A model that cannot load: names the file and the problem ("onnx/model.onnx: missing input `attention_mask`"). */
export class ModelLoadError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
