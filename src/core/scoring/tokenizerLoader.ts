// Loads a model folder's tokenizer (tokenizer.json + tokenizer_config.json) and encodes with HF truncation rules.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { ModelLoadError } from './scorer';

export type Side = 'left' | 'right';

export interface LoadedTokenizer {
  tokenizer: Tokenizer;
  /** tokenizer_config.json as read (empty when absent). */
  config: Record<string, unknown>;
  /** Special tokens by name (bos_token, eos_token, …), as chat templates expect them. */
  specialTokens: Record<string, string>;
  /** The chat template's source, when the folder has one. */
  chatTemplate?: { source: string; file: string };
  padId: number;
  paddingSide: Side;
  truncationSide: Side;
  /** model_max_length of the tokenizer, when it states a sane one. */
  modelMaxLength?: number;
}

export interface EncodeOptions {
  addSpecialTokens: boolean;
  maxLength: number;
  truncationSide: Side;
}

function readJson(dir: string, file: string, required: boolean): Record<string, unknown> | undefined {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    if (required) throw new ModelLoadError(file, 'missing (a model folder needs it)');
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(fs.readFileSync(p, 'utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected a JSON object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new ModelLoadError(file, `not valid JSON (${e instanceof Error ? e.message : e})`);
  }
}

/** A special token is written as a string or as an AddedToken object ({content: …}). */
function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string')
    return (v as { content: string }).content;
  return undefined;
}

function findChatTemplate(dir: string, config: Record<string, unknown>): LoadedTokenizer['chatTemplate'] {
  const t = config.chat_template;
  if (typeof t === 'string' && t.trim()) return { source: t, file: 'tokenizer_config.json' };
  // Older exports keep named templates as a list; the unnamed default is 'default'.
  if (Array.isArray(t)) {
    const named = t.find((x) => x && (x as { name?: string }).name === 'default') as { template?: string } | undefined;
    if (named?.template) return { source: named.template, file: 'tokenizer_config.json' };
  }
  const jinja = path.join(dir, 'chat_template.jinja');
  if (fs.existsSync(jinja)) return { source: fs.readFileSync(jinja, 'utf8'), file: 'chat_template.jinja' };
  const json = readJson(dir, 'chat_template.json', false);
  if (typeof json?.chat_template === 'string') return { source: json.chat_template, file: 'chat_template.json' };
  return undefined;
}

/**
 * Reads the tokenizer of a model folder. `modelConfig` (config.json) supplies pad/eos ids where the tokenizer
 * config names none: decoder RMs often pad with eos.
 */
export function loadTokenizer(dir: string, modelConfig: Record<string, unknown> = {}): LoadedTokenizer {
  const json = readJson(dir, 'tokenizer.json', true)!;
  const config = readJson(dir, 'tokenizer_config.json', false) ?? {};
  if (!json.model || typeof json.model !== 'object')
    throw new ModelLoadError('tokenizer.json', 'has no `model` section (not a Hugging Face fast tokenizer file)');
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (e) {
    throw new ModelLoadError(
      'tokenizer.json',
      `cannot be read by @huggingface/tokenizers (${e instanceof Error ? e.message : e})`,
    );
  }
  const specialTokens: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    const text = k.endsWith('_token') ? tokenText(v) : undefined;
    if (text !== undefined) specialTokens[k] = text;
  }
  const idOf = (t: string | undefined) => (t === undefined ? undefined : tokenizer.token_to_id(t));
  const padding = json.padding as { pad_id?: number; direction?: string } | null | undefined;
  const numeric = (v: unknown) =>
    typeof v === 'number' ? v : Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined;
  const padId =
    idOf(specialTokens.pad_token) ??
    padding?.pad_id ??
    numeric(modelConfig.pad_token_id) ??
    idOf(specialTokens.eos_token) ??
    numeric(modelConfig.eos_token_id) ??
    0;
  const side = (v: unknown): Side | undefined => (v === 'left' || v === 'right' ? v : undefined);
  const truncation = json.truncation as { direction?: string; max_length?: number } | null | undefined;
  const mml = config.model_max_length;
  return {
    tokenizer,
    config,
    specialTokens,
    chatTemplate: findChatTemplate(dir, config),
    padId,
    paddingSide: side(config.padding_side) ?? side(padding?.direction?.toLowerCase()) ?? 'right',
    truncationSide: side(config.truncation_side) ?? side(truncation?.direction?.toLowerCase()) ?? 'right',
    // transformers writes a huge sentinel (1e30) when it does not know the length.
    modelMaxLength: typeof mml === 'number' && mml > 0 && mml < 1e7 ? mml : truncation?.max_length,
  };
}

const vocabs = new WeakMap<Tokenizer, Map<string, number>>();
function vocabOf(tok: Tokenizer): Map<string, number> {
  let v = vocabs.get(tok);
  if (!v) vocabs.set(tok, (v = tok.get_vocab(true)));
  return v;
}

function cut(tokens: string[], keep: number, side: Side): string[] {
  if (tokens.length <= keep) return tokens;
  return side === 'right' ? tokens.slice(0, keep) : tokens.slice(tokens.length - keep);
}

/**
 * Encodes one sequence or a pair, truncated to maxLength the way HF fast tokenizers do (`longest_first`: the
 * longer sequence gives up tokens first), then with special tokens from the tokenizer's post-processor.
 * Returns undefined when the special tokens alone exceed maxLength.
 */
export function encode(
  lt: LoadedTokenizer,
  first: string,
  second: string | undefined,
  opts: EncodeOptions,
): number[] | undefined {
  const tok = lt.tokenizer;
  // Segments are tokenised once and assembled here (the same steps as Tokenizer.encode), so truncation costs no second pass.
  let a = tok.tokenize(first, { add_special_tokens: false });
  let b = second === undefined ? undefined : tok.tokenize(second, { add_special_tokens: false });
  const post = tok.post_processor;
  const assemble = (x: string[], y: string[] | undefined) =>
    opts.addSpecialTokens && post ? post.post_process(x, y ?? null, true).tokens : [...x, ...(y ?? [])];
  const specials = assemble([], b === undefined ? undefined : []).length;
  const budget = opts.maxLength - specials;
  if (budget <= 0) return undefined;
  if (b === undefined) a = cut(a, budget, opts.truncationSide);
  else if (a.length + b.length > budget) {
    const [longIsA, long, short] = a.length >= b.length ? [true, a.length, b.length] : [false, b.length, a.length];
    let keepShort = short;
    if (short > Math.floor(budget / 2)) keepShort = Math.floor(budget / 2);
    const keepLong = Math.min(long, budget - keepShort);
    a = cut(a, longIsA ? keepLong : keepShort, opts.truncationSide);
    b = cut(b, longIsA ? keepShort : keepLong, opts.truncationSide);
  }
  const vocab = vocabOf(tok);
  const unk = tok.model?.unk_token_id ?? 0;
  return assemble(a, b).map((t: string) => vocab.get(t) ?? unk);
}
