// The vocabulary every stage speaks: a preference pair, its parts, and the record it came from.

export type Modality = 'text' | 'image' | 'video' | 'audio' | '3d';

/** The human preference. A = the first response, B = the second; 'none' = unlabelled. */
export type Label = 'A' | 'B' | 'tie' | 'none';

/** Omni-RewardBench's nine tasks; other benchmarks map onto them (or keep their own subset name). */
export const TASKS = ['T2T', 'TI2T', 'TV2T', 'TA2T', 'T2I', 'T2V', 'T2A', 'T23D', 'TI2I'] as const;
export type OmniTask = (typeof TASKS)[number];

/**
 * Where media lives. `path` is as written in the record (resolved later against the file's folder and
 * the media roots, never outside them); `data` is a data: URI (base64 and bytes objects become one);
 * `embedded` is media stored inside the dataset file itself (a Parquet Image/Audio feature), read on demand
 * by 0-based row and top-level column (`item`: the position within a list of media in that cell).
 */
export type MediaSource =
  | { kind: 'path'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'data'; uri: string; bytes?: number }
  | { kind: 'embedded'; row: number; column: string; item?: number; name?: string };

export interface MediaRef {
  modality: Exclude<Modality, 'text'>;
  source: MediaSource;
  /** e.g. "image/png"; guessed from the extension or the data URI when absent. */
  mime?: string;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One piece of a prompt or a response: plain text, a chat transcript, or a media reference. */
export type Part =
  { type: 'text'; text: string } | { type: 'chat'; turns: ChatTurn[] } | { type: 'media'; media: MediaRef };

export interface Response {
  parts: Part[];
  /** The model that produced it, when the record says. */
  model?: string;
  /**
   * Shown with the response but not scored: e.g. the mesh behind a 3D response's multi-view render
   * (Omni-RewardBench scores the render; the mesh is there to look at).
   */
  extras?: Part[];
}

/**
 * How the label is stored: 'explicit' formats name the winner in a field (and can say tie);
 * 'implicit' formats put the winner in `chosen` (relabelling swaps the responses, tie is inexpressible).
 */
export type LabelKind = 'explicit' | 'implicit';

export interface PreferencePair {
  kind: 'pair';
  /** 0-based ordinal of the record in the file (error records count too). */
  index: number;
  /** 1-based physical line where the record starts. */
  line: number;
  id: string;
  /** OmniTask when known, else the benchmark's own subset name, else undefined. */
  task?: string;
  prompt: Part[];
  /** The free-form criterion, when the record has one. */
  criterion?: string;
  a: Response;
  b: Response;
  label: Label;
  labelKind: LabelKind;
  /** Finer tie kinds some benchmarks keep apart (GenAI-Bench: 'good' = tievote, 'bad' = bothbad_vote). */
  tieKind?: 'good' | 'bad';
  /** The benchmark's own subset or category (RewardBench `subset`, MJ-Bench `category`…), kept beside the task. */
  subset?: string;
  /**
   * Every response variant when the record holds more than the two shown as A and B (RM-Bench's three
   * styles, RewardBench 2's several rejected, HPDv2's ranked images); `note` says which ones A and B are.
   */
  variants?: { a: Response[]; b: Response[]; note: string };
  /** Adapter id that read it, e.g. 'omni-rewardbench'. */
  format: string;
  /** A chosen/rejected pair relabelled B, not saved yet: a and b are the file's order, the file's chosen is now b. */
  swapped?: boolean;
  /** The untouched parsed record. */
  raw: unknown;
}

export interface ErrorRecord {
  kind: 'error';
  index: number;
  line: number;
  /** What a person can act on: "line 1842: expected `response1` or `chosen`; found keys `a`, `b`". */
  message: string;
  /** The record's text (or its first 4 KB), for display. */
  text: string;
}

export type DatasetRecord = PreferencePair | ErrorRecord;

/** Modalities a pair involves, for badges, filters and task inference. */
export function pairModalities(pair: PreferencePair): { input: Modality[]; output: Modality[] } {
  const of = (parts: Part[]): Modality[] => {
    const set = new Set<Modality>();
    for (const p of parts) set.add(p.type === 'media' ? p.media.modality : 'text');
    return [...set];
  };
  const output = new Set([...of(pair.a.parts), ...of(pair.b.parts)]);
  return { input: of(pair.prompt), output: [...output] };
}
