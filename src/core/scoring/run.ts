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
  /** Generative judges: the server and how each pair was asked. Never holds a key. */
  judge?: { baseURL?: string; model: string; ties: boolean; swap: boolean; inconsistent?: 'tie' | 'first' };
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
  /** The judge's text that gave the verdict (generative judges), for a person to read. */
  rationale?: string;
  /** With swap: the verdict of the order as in the file (before the inconsistency rule made `verdict`). */
  verdict_original?: Label;
  /** With swap: the verdict of the swapped order, in the file's A/B (a judge saying "[[A]]" there means B). */
  verdict_swapped?: Label;
  rationale_swapped?: string;
  /** With swap: both orders gave the same verdict. */
  consistent?: boolean;
  /** Why this record could not be scored (missing media, too long…); the run went on. */
  error?: string;
  /** Content key of what was scored (record + template), so unchanged pairs are never scored twice. */
  key?: string;
}

/**
 * How an entry's scored content relates to its pair now: the same, the same two responses swapped (a relabel on
 * a chosen/rejected file), changed (an edited response, prompt or criterion), or unknown (an entry without a key).
 */
export type ContentMatch = 'same' | 'swapped' | 'changed' | 'unknown';

export interface Run {
  header: RunHeader;
  /** At most one entry per record index: a later line for the same index replaces an earlier one. */
  entries: Map<number, RunEntry>;
}

/** One line of a run file, checked: the header, an entry, or what is wrong with it (naming the field). */
export type RunLine = { ok: true; header: RunHeader } | { ok: true; entry: RunEntry } | { ok: false; message: string };

const LABELS: readonly string[] = ['A', 'B', 'tie', 'none'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const got = (v: unknown) => (v === undefined ? 'nothing' : (JSON.stringify(v)?.slice(0, 40) ?? typeof v));

/** The first field of `obj` that is not what a header needs, or undefined when it is a valid header. */
function headerProblem(obj: Record<string, unknown>): string | undefined {
  if (obj.version !== 1) return `\`version\` should be 1, got ${got(obj.version)}`;
  const model = obj.model;
  if (!isObject(model)) return `\`model\` should be an object, got ${got(model)}`;
  if (typeof model.id !== 'string') return `\`model.id\` should be a string, got ${got(model.id)}`;
  if (typeof model.kind !== 'string') return `\`model.kind\` should be a string, got ${got(model.kind)}`;
  for (const k of ['path', 'hash'] as const)
    if (model[k] !== undefined && typeof model[k] !== 'string')
      return `\`model.${k}\` should be a string, got ${got(model[k])}`;
  if (model.bradleyTerry !== undefined && typeof model.bradleyTerry !== 'boolean')
    return `\`model.bradleyTerry\` should be true or false, got ${got(model.bradleyTerry)}`;
  if (obj.template !== undefined && typeof obj.template !== 'string')
    return `\`template\` should be a string, got ${got(obj.template)}`;
  if (!isObject(obj.dataset) || typeof obj.dataset.path !== 'string')
    return `\`dataset.path\` should be the dataset file's path, got ${got(isObject(obj.dataset) ? obj.dataset.path : obj.dataset)}`;
  if (typeof obj.created !== 'string') return `\`created\` should be an ISO date string, got ${got(obj.created)}`;
  return undefined;
}

function entryProblem(obj: Record<string, unknown>): string | undefined {
  if (!Number.isInteger(obj.index) || (obj.index as number) < 0)
    return `\`index\` should be a record's 0-based ordinal, got ${got(obj.index)}`;
  if (!Number.isInteger(obj.line) || (obj.line as number) < 1)
    return `\`line\` should be a 1-based line number, got ${got(obj.line)}`;
  if (typeof obj.id !== 'string') return `\`id\` should be a string, got ${got(obj.id)}`;
  for (const k of ['score_a', 'score_b'] as const)
    if (obj[k] !== undefined && !Number.isFinite(obj[k]))
      return `\`${k}\` should be a finite number, got ${got(obj[k])}`;
  if ((obj.score_a === undefined) !== (obj.score_b === undefined))
    return `\`score_a\` and \`score_b\` come together, got only ${obj.score_a === undefined ? '`score_b`' : '`score_a`'}`;
  if (obj.verdict !== undefined && !LABELS.includes(obj.verdict as string))
    return `\`verdict\` should be A, B, tie or none, got ${got(obj.verdict)}`;
  for (const k of ['error', 'key'] as const)
    if (obj[k] !== undefined && typeof obj[k] !== 'string') return `\`${k}\` should be a string, got ${got(obj[k])}`;
  return undefined;
}

/** Checks one line of a run file (the first line is the header, every other an entry). */
export function parseRunLine(raw: string, first: boolean): RunLine {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    return { ok: false, message: `not JSON (${e instanceof Error ? e.message : e})` };
  }
  if (!isObject(obj)) return { ok: false, message: `expected a JSON object, got ${got(obj)}` };
  if (obj.type === 'header') {
    if (!first) return { ok: false, message: 'a second header line' };
    const problem = headerProblem(obj);
    return problem ? { ok: false, message: `header: ${problem}` } : { ok: true, header: obj as unknown as RunHeader };
  }
  if (first)
    return {
      ok: false,
      message: `expected the header line ({"type": "header", …}) first, got keys ${Object.keys(obj)
        .slice(0, 6)
        .map((k) => `\`${k}\``)
        .join(', ')}`,
    };
  const problem = entryProblem(obj);
  return problem ? { ok: false, message: problem } : { ok: true, entry: obj as unknown as RunEntry };
}

/** Parses a run file's text. Throws naming the file, the line and the field on the first malformed line. */
export function parseRun(text: string, source = 'run'): Run {
  let header: RunHeader | undefined;
  const entries = new Map<number, RunEntry>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = parseRunLine(raw, !header);
    if (!line.ok) throw new Error(`${source} line ${i + 1}: ${line.message}`);
    if ('header' in line) header = line.header;
    else entries.set(line.entry.index, line.entry);
  });
  if (!header) throw new Error(`${source}: empty run file (no header line)`);
  return { header, entries };
}
