// A run = one model over one file, stored as JSONL: a header line, then one line per scored record.
// The analysis stage reads runs through these types only; runStore.ts writes and resumes them.
import type { Label } from '../dataset/types';

export interface RunHeader {
  type: 'header';
  version: 1;
  model: {
    /** 'default', 'length', a configured id, or 'imported:<file>'. */
    id: string;
    path?: string;
    /** Content hash of the model files (cache key); absent for imported runs. */
    hash?: string;
    /** 'sequence-classifier' | 'clip' | 'clap' | 'length' | 'imported' | ... */
    kind: string;
    /** Bradley–Terry scores: sigmoid(score_a − score_b) is P(A wins). */
    bradleyTerry?: boolean;
  };
  /** The prompt template (or its description) the scores were made with. */
  template?: string;
  dataset: { path: string; size?: number; mtimeMs?: number; format?: string };
  created: string;
}

/** One scored record. Scores, or a verdict alone (imported judge runs), or an error. */
export interface RunEntry {
  /** 0-based record ordinal in the dataset. */
  index: number;
  /** 1-based physical line where the record starts. */
  line: number;
  id: string;
  score_a?: number;
  score_b?: number;
  /** A stated verdict (generative judges, imported runs) when there are no scores. */
  verdict?: Label;
  /** Why this record could not be scored (missing media, too long…); the run went on. */
  error?: string;
  /** Content key of what was scored (record + template), so unchanged pairs are never scored twice. */
  key?: string;
}

export interface Run {
  header: RunHeader;
  /** At most one entry per record index: a later line for the same index replaces an earlier one. */
  entries: Map<number, RunEntry>;
}

/** Parses a run file's text. Throws with the line number on a malformed line. */
export function parseRun(text: string, source = 'run'): Run {
  const lines = text.split(/\r?\n/);
  let header: RunHeader | undefined;
  const entries = new Map<number, RunEntry>();
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw new Error(`${source} line ${i + 1}: not JSON (${e instanceof Error ? e.message : e})`, { cause: e });
    }
    const rec = obj as Record<string, unknown>;
    if (rec.type === 'header') {
      if (header) throw new Error(`${source} line ${i + 1}: a second header line`);
      header = rec as unknown as RunHeader;
      return;
    }
    if (!header) throw new Error(`${source} line ${i + 1}: expected the header line first`);
    if (typeof rec.index !== 'number') throw new Error(`${source} line ${i + 1}: expected a numeric \`index\``);
    entries.set(rec.index, rec as unknown as RunEntry);
  });
  if (!header) throw new Error(`${source}: empty run file (no header line)`);
  return { header, entries };
}

/** Margin m = score_a − score_b, or undefined when the entry has no scores. */
export function entryMargin(e: RunEntry): number | undefined {
  return typeof e.score_a === 'number' && typeof e.score_b === 'number' ? e.score_a - e.score_b : undefined;
}
