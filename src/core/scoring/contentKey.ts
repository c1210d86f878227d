// What a run entry scored, as content hashes: the key of each response (model, template, prompt, criterion,
// response) and of the pair. Used to reuse scores on resume, and to tell whether an entry still describes the
// pair as it is now, with its responses swapped (a relabel on a chosen/rejected file), or something else.
import crypto from 'node:crypto';
import type { Part, PreferencePair } from '../dataset/types';
import type { ContentMatch, RunEntry, RunHeader } from './run';

export const sha = (s: string, n = 16): string => crypto.createHash('sha256').update(s).digest('hex').slice(0, n);

export interface ScoreKeyContext {
  hash: string;
  template: string;
}

/** Key of one scored response: model, template, prompt, criterion, response content. */
export function responseKey(
  ctx: ScoreKeyContext,
  prompt: Part[],
  criterion: string | undefined,
  response: Part[],
): string {
  return sha(JSON.stringify([ctx.hash, ctx.template, prompt, criterion?.trim() ? criterion : '', response]));
}

/** Keys of a pair's two responses and of the pair (the run entry's `key`: its two response keys, combined). */
export function pairKeys(ctx: ScoreKeyContext, pair: PreferencePair): { a: string; b: string; pair: string } {
  const a = responseKey(ctx, pair.prompt, pair.criterion, pair.a.parts);
  const b = responseKey(ctx, pair.prompt, pair.criterion, pair.b.parts);
  return { a, b, pair: sha(a + b) };
}

/** The key context a run's entries were made with (imported runs have neither hash nor template: both empty). */
export function keyContext(header: RunHeader | undefined): ScoreKeyContext {
  return { hash: header?.model.hash ?? '', template: header?.template ?? '' };
}

// A list scan judges each record object more than once (filter, then sort key): hash it once per run context.
const memo = new WeakMap<PreferencePair, Map<string, { pair: string; swapped: string }>>();

/** Whether an entry scored the pair as it is now (by its `key`), the same responses swapped, or other content. */
export function matchEntry(entry: RunEntry, pair: PreferencePair, header: RunHeader | undefined): ContentMatch {
  if (!entry.key) return 'unknown';
  const ctx = keyContext(header);
  const ctxKey = `${ctx.hash}\u0000${ctx.template}`;
  let byCtx = memo.get(pair);
  if (!byCtx) memo.set(pair, (byCtx = new Map<string, { pair: string; swapped: string }>()));
  let keys = byCtx.get(ctxKey);
  if (!keys) {
    const k = pairKeys(ctx, pair);
    keys = { pair: k.pair, swapped: sha(k.b + k.a) };
    byCtx.set(ctxKey, keys);
  }
  return entry.key === keys.pair ? 'same' : entry.key === keys.swapped ? 'swapped' : 'changed';
}
