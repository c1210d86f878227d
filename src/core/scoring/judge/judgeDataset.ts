// Judges one dataset file with one generative judge into a run file of the same format scorers write: each pair in
// one order or both (swap), a bounded number of requests in flight, resume, progress with tokens, cancel.
import fs from 'node:fs';
import path from 'node:path';
import type { PreferencePair } from '../../dataset/types';
import type { RunEntry, RunHeader } from '../run';
import { pairKeys } from '../contentKey';
import { LineAppender, readPreviousRun, rewriteRun } from '../runStore';
import type { PairSource, ScoreProgress } from '../scoreDataset';
import { JudgeFatalError, type JudgeOutcome, type PairJudge, type TokenUsage } from './pairJudge';

/** What an inconsistent pair (the two orders disagree) becomes: a tie, or the verdict of the file's order. */
export type InconsistentRule = 'tie' | 'first';

export interface JudgeDatasetOptions {
  source: PairSource;
  judge: PairJudge;
  runFile: string;
  /** Judge each pair in both orders. */
  swap: boolean;
  /** Default 'tie'. */
  inconsistent?: InconsistentRule;
  /** HTTP requests in flight at once (default 8); with swap a pair's two orders are two requests. */
  concurrency?: number;
  /** The served model name, for the header. */
  model: string;
  signal?: AbortSignal;
  onProgress?: (p: JudgeProgress) => void;
  progressIntervalMs?: number;
}

export interface JudgeProgress extends ScoreProgress {
  tokens: TokenUsage;
  /** Pairs whose two orders disagreed (swap only). */
  inconsistent: number;
}

export interface JudgeDatasetResult extends JudgeProgress {
  runFile: string;
  cancelled: boolean;
}

/** The URL without user, password, query or fragment: what a run header may show. */
function displayUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

/** A counting gate: at most `n` holders at once. */
function gate(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(f: () => Promise<T>): Promise<T> {
      if (free > 0) free--;
      else await new Promise<void>((r) => waiting.push(r));
      try {
        return await f();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}

/** One pair's run entry from its one or two outcomes. */
export function judgeEntry(
  pair: PreferencePair,
  key: string,
  first: JudgeOutcome,
  second: JudgeOutcome | undefined,
  rule: InconsistentRule,
): RunEntry {
  const base: RunEntry = { index: pair.index, line: pair.line, id: pair.id };
  if (!second) {
    if (!first.ok)
      return { ...base, error: first.message, ...(first.rationale ? { rationale: first.rationale } : {}), key };
    return { ...base, verdict: first.verdict, rationale: first.rationale, key };
  }
  const orders = {
    ...(first.ok ? { verdict_original: first.verdict } : {}),
    ...(first.rationale ? { rationale: first.rationale } : {}),
    ...(second.ok ? { verdict_swapped: second.verdict } : {}),
    ...(second.rationale ? { rationale_swapped: second.rationale } : {}),
  };
  if (!first.ok || !second.ok) {
    const error = [!first.ok && `original order: ${first.message}`, !second.ok && `swapped order: ${second.message}`]
      .filter(Boolean)
      .join('; ');
    return { ...base, ...orders, error, key };
  }
  const consistent = first.verdict === second.verdict;
  const verdict = consistent || rule === 'first' ? first.verdict : 'tie';
  return { ...base, verdict, ...orders, consistent, key };
}

export async function judgeDataset(opts: JudgeDatasetOptions): Promise<JudgeDatasetResult> {
  const { source, judge, runFile } = opts;
  const info = judge.info;
  const rule = opts.inconsistent ?? 'tie';
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  // The swap and the inconsistency rule change verdicts, so they are part of the template (the resume key).
  const template = `${info.template}; ${opts.swap ? `both orders (swap), inconsistent → ${rule}` : 'file order only'}`;
  const ctx = { hash: info.hash, template };
  const st = await fs.promises.stat(source.path);
  const header: RunHeader = {
    type: 'header',
    version: 1,
    model: { id: info.id, hash: info.hash, kind: info.kind },
    template,
    judge: {
      baseURL: displayUrl(info.location),
      model: opts.model,
      ties: info.ties,
      swap: opts.swap,
      ...(opts.swap ? { inconsistent: rule } : {}),
    },
    dataset: { path: path.resolve(source.path), size: st.size, mtimeMs: st.mtimeMs, format: source.format },
    created: new Date().toISOString(),
  };

  // Resume: a verdict stays when the judge, the template and the pair are unchanged; errors are asked again.
  const prev = await readPreviousRun(runFile);
  const sameJudge = prev && prev.header.model.hash === info.hash && prev.header.template === template;
  const sameFile =
    sameJudge &&
    prev.header.dataset.size === st.size &&
    prev.header.dataset.mtimeMs === st.mtimeMs &&
    prev.badLines === 0;
  const prevEntries = sameJudge ? prev.entries : new Map<number, RunEntry>();
  const tmp = `${runFile}.${process.pid}.partial`;
  if (!sameFile) await rewriteRun(tmp, header, []);
  const out = sameFile
    ? await LineAppender.open(runFile, { truncateTo: prev.completeBytes })
    : await LineAppender.open(tmp);

  // Our own abort: the caller's cancel, or a fatal error (bad key, unknown model) that every pair would hit.
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) ac.abort();
  let fatal: JudgeFatalError | undefined;

  const started = Date.now();
  const progress: JudgeProgress = {
    done: 0,
    total: source.recordCount,
    scored: 0,
    reused: 0,
    errors: 0,
    rate: 0,
    etaSeconds: undefined,
    tokens: { prompt: 0, completion: 0 },
    inconsistent: 0,
  };
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!opts.onProgress || (!force && now - lastReport < (opts.progressIntervalMs ?? 250))) return;
    lastReport = now;
    const secs = (now - started) / 1000;
    progress.rate = secs > 0 ? progress.scored / secs : 0;
    const left = progress.total !== undefined ? progress.total - progress.done : undefined;
    progress.etaSeconds = left !== undefined && progress.rate > 0 ? left / progress.rate : undefined;
    opts.onProgress({ ...progress, tokens: { ...progress.tokens } });
  };
  const emit = (e: RunEntry) => {
    progress.done++;
    if (e.error) progress.errors++;
    else progress.scored++;
    if (e.consistent === false) progress.inconsistent++;
    out.push(e);
    report();
  };

  const requests = gate(concurrency);
  const ask = async (pair: PreferencePair, swapped: boolean): Promise<JudgeOutcome> => {
    const o = await requests.run(() => judge.judge(pair, { swapped, signal: ac.signal }));
    progress.tokens.prompt += o.usage.prompt;
    progress.tokens.completion += o.usage.completion;
    return o;
  };
  // Pairs in flight are bounded too, so a 100K-pair file never queues 100K promises.
  const inFlight = new Set<Promise<void>>();
  const maxPairs = concurrency * 2;
  const judgePair = async (pair: PreferencePair, key: string) => {
    try {
      const [first, second] = await Promise.all([
        ask(pair, false),
        opts.swap ? ask(pair, true) : Promise.resolve(undefined),
      ]);
      if (!ac.signal.aborted) emit(judgeEntry(pair, key, first, second, rule));
    } catch (e) {
      if (e instanceof JudgeFatalError && !fatal) fatal = e;
      if (!ac.signal.aborted && !(e instanceof JudgeFatalError)) {
        emit({
          index: pair.index,
          line: pair.line,
          id: pair.id,
          error: `judging failed: ${e instanceof Error ? e.message : e}`,
          key,
        });
        return;
      }
      ac.abort();
    }
  };

  let count = 0;
  try {
    for await (const rec of source.records()) {
      if (++count % 500 === 0) await new Promise((r) => setImmediate(r));
      if (rec.kind === 'error') {
        const e: RunEntry = {
          index: rec.index,
          line: rec.line,
          id: '',
          error: `the record could not be read: ${rec.message}`,
        };
        if (sameFile && prevEntries.get(rec.index)?.error === e.error) {
          progress.done++;
          progress.errors++;
        } else if (!ac.signal.aborted) emit(e);
        continue;
      }
      const key = pairKeys(ctx, rec).pair;
      const old = prevEntries.get(rec.index);
      if (old && old.key === key && old.verdict && !old.error) {
        // Unchanged: kept. After a cancel or a fatal error only this still happens, so nothing judged is lost.
        if (!sameFile) out.push({ ...old, line: rec.line, id: rec.id });
        progress.done++;
        progress.reused++;
        continue;
      }
      if (ac.signal.aborted) {
        if (sameFile) break;
        continue;
      }
      while (inFlight.size >= maxPairs) await Promise.race(inFlight);
      const p = judgePair(rec, key).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  } catch (e) {
    // The reader failed: the previous run stays as it was.
    ac.abort();
    await Promise.allSettled(inFlight);
    await out.close().catch(() => undefined);
    if (!sameFile) await fs.promises.rm(tmp, { force: true });
    opts.signal?.removeEventListener('abort', onAbort);
    throw e;
  }
  opts.signal?.removeEventListener('abort', onAbort);
  if (!ac.signal.aborted) progress.total = count;
  report(true);
  await out.close();
  if (!sameFile) await fs.promises.rename(tmp, runFile);
  if (fatal) throw fatal;
  return { ...progress, runFile, cancelled: ac.signal.aborted };
}
