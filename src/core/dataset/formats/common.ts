// What the adapters share: record checks, messages a researcher can act on, chat turns, media fields,
// pair assembly, and the chosen/rejected relabelling rule.
import type { AdapterContext, AdapterError, JsonPath, ValueEdit } from '../formatAdapter';
import { parseMediaValue, type MediaModality } from '../media';
import { inferTask } from '../task';
import type { ChatTurn, Label, LabelKind, Part, PreferencePair, Response } from '../types';

export type Rec = Record<string, unknown>;

export function isRec(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A non-empty list of strings (RewardBench 2 and RM-Bench keep responses so). */
export const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string');

export function err(message: string): AdapterError {
  return { error: message };
}

/** "a string", "a list of 3", "an object", "null"… for "found …" messages. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}

/** A value as it would appear in the file, shortened for a message. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** "found keys `a`, `b`" (at most 12 names), or what the record was when it was not an object. */
export function found(record: unknown): string {
  if (!isRec(record)) return `found ${describe(record)}`;
  const keys = Object.keys(record);
  if (keys.length === 0) return 'found an empty object';
  const listed = keys
    .slice(0, 12)
    .map((k) => `\`${k}\``)
    .join(', ');
  return `found keys ${listed}${keys.length > 12 ? `, … (${keys.length} keys)` : ''}`;
}

/** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
export function names(keys: string[]): string {
  const q = keys.map((k) => `\`${k}\``);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** The error for a record that lacks the keys a format needs. */
export function missing(record: unknown, required: string[], formatName: string): AdapterError | undefined {
  if (!isRec(record)) return err(`expected a JSON object per record (${formatName}); ${found(record)}`);
  const absent = required.filter((k) => !(k in record));
  if (absent.length === 0) return undefined;
  return err(
    `expected ${names(required)} (${formatName}); ${absent.length < required.length ? `missing ${names(absent)}; ` : ''}${found(record)}`,
  );
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function textPart(text: string): Part {
  return { type: 'text', text };
}

export function response(parts: Part[], model?: unknown): Response {
  const m = str(model);
  return m ? { parts, model: m } : { parts };
}

/** The record's id (first of `fields` that holds a string or number), else `line-N`. */
export function idOf(rec: Rec, ctx: AdapterContext, fields: string[] = ['id']): string {
  for (const f of fields) {
    const v = str(rec[f]);
    if (v !== undefined && v !== '') return v;
  }
  return `line-${ctx.line}`;
}

/** Media parts from a field that holds one reference or a list of them. */
export function mediaParts(value: unknown, hint?: MediaModality): Part[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const parts: Part[] = [];
  for (const v of values) {
    const media = parseMediaValue(v, hint);
    if (media) parts.push({ type: 'media', media });
  }
  return parts;
}

/**
 * Media from a field and its `<field>_path` sibling (Omni-RewardBench's HF shape): embedded bytes win,
 * then the `_path` (relative to the media root), then whatever path the field itself names.
 */
export function mediaWithPathField(rec: Rec, field: string, hint?: MediaModality): Part[] {
  const own = mediaParts(rec[field], hint);
  const embedded = own.filter((p) => p.type === 'media' && p.media.source.kind !== 'path');
  if (embedded.length > 0) return embedded;
  const viaPath = mediaParts(rec[`${field}_path`], hint);
  return viaPath.length > 0 ? viaPath : own;
}

// ---- chat ------------------------------------------------------------------------------------------

const ROLES: Record<string, ChatTurn['role']> = {
  system: 'system',
  user: 'user',
  human: 'user',
  observation: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  model: 'assistant',
  bot: 'assistant',
  function_call: 'assistant',
};

/** Text of a message's content: a string, or OpenAI-style parts ({type:'text', text}). */
function contentText(c: unknown): string | undefined {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) {
    const texts = c.map((p) =>
      typeof p === 'string' ? p : isRec(p) && typeof p.text === 'string' ? p.text : undefined,
    );
    if (texts.every((t) => t !== undefined)) return texts.join('\n');
  }
  return undefined;
}

/** Chat turns from `[{role, content}]` or sharegpt's `[{from, value}]`, or an error naming the field. */
export function turnsOf(list: unknown, field: string): ChatTurn[] | AdapterError {
  if (!Array.isArray(list))
    return err(
      `\`${field}\` must be a list of messages like {"role": "user", "content": "…"}; found ${describe(list)}`,
    );
  const turns: ChatTurn[] = [];
  for (let i = 0; i < list.length; i++) {
    const m: unknown = list[i];
    const roleName = isRec(m) ? str(m.role ?? m.from) : undefined;
    const content = isRec(m) ? contentText(m.content ?? m.value) : undefined;
    const role = roleName ? ROLES[roleName.toLowerCase()] : undefined;
    if (!role || content === undefined) {
      return err(
        `\`${field}[${i}]\` must be a message with \`role\` (user, assistant or system) and text \`content\`; found ${isRec(m) ? show(m) : describe(m)}`,
      );
    }
    turns.push({ role, content });
  }
  return turns;
}

/** One user turn reads best as plain text; anything longer stays a chat. */
export function turnsToParts(turns: ChatTurn[]): Part[] {
  if (turns.length === 0) return [];
  if (turns.length === 1 && turns[0].role !== 'system') return [textPart(turns[0].content)];
  return [{ type: 'chat', turns }];
}

/**
 * Two transcripts that share their opening: the shared turns are the prompt, what follows in each is
 * its response. At least the last turn of each stays a response, even when the transcripts are equal.
 */
export function splitShared(
  chosen: ChatTurn[],
  rejected: ChatTurn[],
): { prompt: ChatTurn[]; a: ChatTurn[]; b: ChatTurn[] } {
  const limit = Math.min(chosen.length, rejected.length) - 1;
  let k = 0;
  while (k < limit && chosen[k].role === rejected[k].role && chosen[k].content === rejected[k].content) k++;
  return { prompt: chosen.slice(0, k), a: chosen.slice(k), b: rejected.slice(k) };
}

// ---- pairs -----------------------------------------------------------------------------------------

export interface PairFields {
  id: string;
  prompt: Part[];
  a: Response;
  b: Response;
  label: Label;
  tieKind?: 'good' | 'bad';
  criterion?: string;
  /** The record's own `task` value, if it has one. */
  taskField?: unknown;
  subset?: string;
  variants?: PreferencePair['variants'];
}

export function makePair(
  format: string,
  labelKind: LabelKind,
  ctx: AdapterContext,
  record: unknown,
  f: PairFields,
): PreferencePair {
  const task = inferTask({
    field: f.taskField,
    fileName: ctx.fileName,
    prompt: f.prompt,
    responses: [...f.a.parts, ...f.b.parts],
  });
  const pair: PreferencePair = {
    kind: 'pair',
    index: ctx.index,
    line: ctx.line,
    id: f.id,
    prompt: f.prompt,
    a: f.a,
    b: f.b,
    label: f.label,
    labelKind,
    format,
    raw: record,
  };
  if (task !== undefined) pair.task = task;
  if (f.criterion !== undefined) pair.criterion = f.criterion;
  if (f.tieKind) pair.tieKind = f.tieKind;
  if (f.subset !== undefined && f.subset !== '') pair.subset = f.subset;
  if (f.variants) pair.variants = f.variants;
  return pair;
}

// ---- edits -----------------------------------------------------------------------------------------

export const NO_CLEAR = (formatName: string): AdapterError =>
  err(`${formatName} has no way to mark a pair unlabelled here; set A, B or tie`);

/**
 * Relabelling a format that stores the winner in `chosen`: A (the chosen side) needs no edit, B swaps
 * the two values (and each listed companion pair, e.g. `chosen_model`/`rejected_model`, when the record
 * has both), tie cannot be said.
 */
export function chosenRejectedEdits(
  record: unknown,
  label: Label,
  formatName: string,
  swaps: [JsonPath, JsonPath][] = [[['chosen'], ['rejected']]],
  companions: [string, string][] = [],
): ValueEdit[] | AdapterError {
  if (label === 'A') return [];
  if (label === 'tie') return err(`${formatName} stores the winner in \`chosen\`; it cannot express a tie`);
  if (label === 'none') return NO_CLEAR(formatName);
  const edits: ValueEdit[] = swaps.map(([a, b]) => ({ op: 'swap', a, b }));
  if (isRec(record)) {
    for (const [a, b] of companions) if (a in record && b in record) edits.push({ op: 'swap', a: [a], b: [b] });
  }
  return edits;
}

/** For formats with no criterion field: say so instead of inventing a key their tools would ignore. */
export function noCriterion(formatName: string): AdapterError {
  return err(
    `${formatName} records have no field for a free-form criterion, so none can be saved in this file; ` +
      'Omni-RewardBench files keep one in `criteria`, and a field mapping can name a `criterion` field',
  );
}

/** Value at a dotted path ("meta.scores.0"), or undefined. */
export function at(record: unknown, dotted: string): unknown {
  let cur: unknown = record;
  for (const key of dotted.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(key)) cur = cur[Number(key)];
    else if (isRec(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** A dotted path as a JsonPath (numeric segments index lists when the record has a list there). */
export function jsonPath(record: unknown, dotted: string): JsonPath {
  const out: JsonPath = [];
  let cur: unknown = record;
  for (const key of dotted.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = isRec(cur) ? cur[key] : undefined;
    }
  }
  return out;
}
