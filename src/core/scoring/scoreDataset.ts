// Scores one dataset file with one model into a run file: records → inputs → length-sorted batches → scorer →
// run entries, with resume, the score cache, progress (count, rate, ETA) and cancel.
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../dataset/dataset';
import { resolveMediaPath } from '../dataset/media';
import type { DatasetRecord, MediaSource, Part, PreferencePair } from '../dataset/types';
import type { RunEntry, RunHeader } from './run';
import { pairKeys } from './contentKey';
import {
  LineAppender,
  partialRunFile,
  readPreviousRun,
  rewriteRun,
  ScoreCache,
  sweepStalePartials,
  writeFailure,
} from './runStore';
import type { Scorer, ScoreInput, ScoreResult } from './scorer';

/** Where the records come from (the Dataset class, or any reader of a preference file). */
export interface PairSource {
  /** The dataset file. */
  path: string;
  /** Format adapter id, for the run header. */
  format?: string;
  /** Number of records, when known up front (for progress). */
  recordCount?: number;
  /** Records in file order. */
  records(): AsyncIterable<DatasetRecord>;
  /** Bytes of media embedded in the file (Parquet), by the media's `embedded` source. */
  readMedia?(source: MediaSource): Promise<Uint8Array | { error: string }>;
}

export interface ScoreProgress {
  /** Records with an entry (kept, cached, scored or failed). */
  done: number;
  total: number | undefined;
  /** Records scored by the model in this session (not kept or cached). */
  scored: number;
  /** Records reused from the previous run or the cache. */
  reused: number;
  errors: number;
  /** Records per second scored by the model in this session. */
  rate: number;
  /** Seconds left at this rate, when the total is known. */
  etaSeconds: number | undefined;
}

export interface ScoreDatasetOptions {
  source: PairSource;
  scorer: Scorer;
  /** Run file to write (resumed when it exists). */
  runFile: string;
  /** Folder of the score cache (`<runs>/cache/`); none when undefined. */
  cacheFolder?: string;
  /** Model id and folder for the header. */
  model: { id: string; path?: string };
  /** Responses per batch (default 8: on CPU, small length-sorted batches beat large ones). */
  batchSize?: number;
  /** Batches in flight at once (default 4): enough to keep every worker fed. */
  inFlight?: number;
  /** Responses sorted and scored together (default 4096): bounds memory on large files. */
  window?: number;
  /** Extra folders media may come from (besides the dataset's folder). */
  mediaRoots?: string[];
  signal?: AbortSignal;
  onProgress?: (p: ScoreProgress) => void;
  /** Minimum milliseconds between progress calls (default 250). */
  progressIntervalMs?: number;
}

export interface ScoreDatasetResult extends ScoreProgress {
  runFile: string;
  cancelled: boolean;
  /** True when the previous run file was appended to rather than rewritten. */
  appended: boolean;
}

interface Pending {
  pair: PreferencePair;
  key: string;
  keys: [string, string];
  results: [ScoreResult | undefined, ScoreResult | undefined];
}

interface Job {
  input: ScoreInput;
  pending: Pending;
  side: 0 | 1;
  length: number;
}

const textLength = (parts: Part[]) =>
  parts.reduce(
    (n, p) =>
      n +
      (p.type === 'text' ? p.text.length : p.type === 'chat' ? p.turns.reduce((m, t) => m + t.content.length, 0) : 256),
    0,
  );

/** Modalities of a response's parts (text for text and chat). */
function modalities(parts: Part[]): string[] {
  return [...new Set(parts.map((p) => (p.type === 'media' ? p.media.modality : 'text')))];
}

/** Bytes of embedded media in the prompt then the response parts (undefined elsewhere), or the first failure's message. */
async function embeddedBytes(
  source: PairSource,
  pair: PreferencePair,
  response: Part[],
): Promise<(Uint8Array | undefined)[] | { error: string }> {
  const parts = [...pair.prompt, ...response];
  if (!parts.some((p) => p.type === 'media' && p.media.source.kind === 'embedded')) return [];
  const out: (Uint8Array | undefined)[] = [];
  for (const p of parts) {
    if (p.type !== 'media' || p.media.source.kind !== 'embedded') {
      out.push(undefined);
      continue;
    }
    const b = source.readMedia
      ? await source.readMedia(p.media.source)
      : { error: 'this source cannot read embedded media' };
    if ('error' in b) return { error: `${p.media.modality}: ${b.error}` };
    out.push(b);
  }
  return out;
}

/** Media paths of the prompt then the response parts, or the first missing one's message. */
async function mediaPaths(
  pair: PreferencePair,
  response: Part[],
  roots: string[],
): Promise<(string | undefined)[] | { error: string }> {
  const parts = [...pair.prompt, ...response];
  if (!parts.some((p) => p.type === 'media')) return [];
  const fileDir = roots[0];
  const out: (string | undefined)[] = [];
  for (const p of parts) {
    if (p.type !== 'media' || p.media.source.kind !== 'path') {
      out.push(undefined);
      continue;
    }
    const r = await resolveMediaPath(p.media, { fileDir, mediaRoots: roots.slice(1) });
    if (!r.ok) return { error: `${p.media.modality} \`${p.media.source.path}\` not found (${r.reason})` };
    out.push(r.path);
  }
  return out;
}

export async function scoreDataset(opts: ScoreDatasetOptions): Promise<ScoreDatasetResult> {
  const { source, scorer, runFile, signal } = opts;
  const info = scorer.info;
  const ctx = { hash: info.hash, template: info.template };
  const batchSize = Math.max(1, opts.batchSize ?? 8);
  const maxInFlight = Math.max(1, opts.inFlight ?? 4);
  const window = Math.max(batchSize, opts.window ?? 4096);
  const roots = [path.dirname(path.resolve(source.path)), ...(opts.mediaRoots ?? [])];
  const st = await fs.promises.stat(source.path);
  const header: RunHeader = {
    type: 'header',
    version: 1,
    model: {
      id: opts.model.id,
      path: opts.model.path,
      hash: info.hash,
      kind: info.kind,
      bradleyTerry: info.bradleyTerry,
    },
    template: info.template,
    dataset: { path: path.resolve(source.path), size: st.size, mtimeMs: st.mtimeMs, format: source.format },
    created: new Date().toISOString(),
  };

  // Resume: entries of the previous run stay when the model, the template and the record are unchanged.
  const prev = await readPreviousRun(runFile);
  const sameModel = prev && prev.header.model.hash === info.hash && prev.header.template === info.template;
  const sameFile =
    sameModel &&
    prev.header.dataset.size === st.size &&
    prev.header.dataset.mtimeMs === st.mtimeMs &&
    prev.badLines === 0;
  const prevEntries = sameModel ? prev.entries : new Map<number, RunEntry>();
  const cache = opts.cacheFolder ? await ScoreCache.open(opts.cacheFolder, info.hash) : undefined;

  // An unchanged file: the old run is appended to (a torn last line cut off). Otherwise a new run is written
  // next to it and renamed over it at the end, so a crash part-way leaves the previous run whole.
  const appended = !!sameFile;
  // Partial runs of processes killed before their rename would otherwise pile up beside the run.
  await sweepStalePartials(runFile);
  const tmp = partialRunFile(runFile);
  let out: LineAppender;
  try {
    if (!sameFile) await rewriteRun(tmp, header, []);
    out = sameFile
      ? await LineAppender.open(runFile, { truncateTo: prev.completeBytes })
      : await LineAppender.open(tmp);
  } catch (e) {
    await cache?.close().catch(() => undefined);
    if (!sameFile) await fs.promises.rm(tmp, { force: true });
    throw await writeFailure(e, runFile);
  }
  // The first failed write (a full disk) stops the run: nothing after it would reach the file.
  const writeError = () => out.error ?? cache?.error;

  const started = Date.now();
  const progress: ScoreProgress = {
    done: 0,
    total: source.recordCount,
    scored: 0,
    reused: 0,
    errors: 0,
    rate: 0,
    etaSeconds: undefined,
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
    opts.onProgress({ ...progress });
  };

  const emit = (e: RunEntry, reused: boolean) => {
    progress.done++;
    if (reused) progress.reused++;
    if (e.error) progress.errors++;
    out.push(e);
    report();
  };

  const errorEntry = (pair: PreferencePair, key: string, error: string): RunEntry => ({
    index: pair.index,
    line: pair.line,
    id: pair.id,
    error,
    key,
  });
  const finish = (p: Pending) => {
    const [a, b] = p.results;
    if (!a || !b) return;
    const base = { index: p.pair.index, line: p.pair.line, id: p.pair.id };
    if ('error' in a || 'error' in b) {
      const which = 'error' in a ? `A: ${a.error}` : `B: ${(b as { error: string }).error}`;
      emit(
        {
          ...base,
          error: 'error' in a && 'error' in b && a.error !== b.error ? `A: ${a.error}; B: ${b.error}` : which,
          key: p.key,
        },
        false,
      );
    } else {
      if (cache) {
        cache.set(p.keys[0], a.score);
        cache.set(p.keys[1], b.score);
      }
      progress.scored++;
      emit({ ...base, score_a: a.score, score_b: b.score, key: p.key }, false);
    }
  };

  // Scores a window of jobs: sorted by length (dynamic padding wastes little), several batches in flight.
  const scoreWindow = async (jobs: Job[]) => {
    jobs.sort((x, y) => x.length - y.length);
    let next = 0;
    const runBatch = async (batch: Job[]) => {
      let results: ScoreResult[];
      try {
        results = await scorer.scoreBatch(batch.map((j) => j.input));
      } catch (e) {
        if (signal?.aborted) return;
        results = batch.map(() => ({ error: `scoring failed: ${e instanceof Error ? e.message : e}` }));
      }
      batch.forEach((j, i) => {
        j.pending.results[j.side] = results[i];
        finish(j.pending);
      });
    };
    await Promise.all(
      Array.from({ length: maxInFlight }, async () => {
        while (next < jobs.length && !signal?.aborted && !writeError()) {
          const batch = jobs.slice(next, next + batchSize);
          next += batchSize;
          await runBatch(batch);
        }
      }),
    );
  };

  // Every record reuses a previous entry or cached scores, fails up front, or becomes two jobs; jobs are scored
  // a window at a time, so memory stays bounded on large files and the first scores arrive early.
  let jobs: Job[] = [];
  let count = 0;
  try {
    for await (const rec of source.records()) {
      if (writeError()) break;
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
        } else if (!signal?.aborted) emit(e, false);
        continue;
      }
      const k = pairKeys(ctx, rec);
      const key = k.pair;
      const old = prevEntries.get(rec.index);
      if (old && old.key === key && typeof old.score_a === 'number' && typeof old.score_b === 'number') {
        // Unchanged: kept (line numbers follow the current file). After a cancel only this still happens, so a
        // rewritten run loses nothing the previous one had.
        if (!sameFile) out.push({ ...old, line: rec.line, id: rec.id });
        progress.done++;
        progress.reused++;
        continue;
      }
      if (signal?.aborted) {
        if (sameFile) break;
        continue;
      }
      const keys: [string, string] = [k.a, k.b];
      const ca = cache?.get(keys[0]);
      const cb = cache?.get(keys[1]);
      if (ca !== undefined && cb !== undefined) {
        emit({ index: rec.index, line: rec.line, id: rec.id, score_a: ca, score_b: cb, key }, true);
        continue;
      }
      const unsupported = [...modalities(rec.a.parts), ...modalities(rec.b.parts)].find(
        (m) => !info.responseModalities.includes(m),
      );
      if (unsupported) {
        emit(
          errorEntry(
            rec,
            key,
            `${info.id} scores ${info.responseModalities.join('/')} responses; this pair's responses are ${unsupported}`,
          ),
          false,
        );
        continue;
      }
      const pending: Pending = { pair: rec, key, keys, results: [undefined, undefined] };
      for (const side of [0, 1] as const) {
        const response = side === 0 ? rec.a : rec.b;
        const media = await mediaPaths(rec, response.parts, roots);
        if ('error' in media) {
          pending.results[side] = { error: media.error };
          continue;
        }
        const bytes = await embeddedBytes(source, rec, response.parts);
        if ('error' in bytes) {
          pending.results[side] = { error: bytes.error };
          continue;
        }
        const input: ScoreInput = {
          prompt: rec.prompt,
          criterion: rec.criterion,
          response,
          mediaPaths: media.length ? media : undefined,
          ...(bytes.length ? { mediaBytes: bytes } : {}),
        };
        jobs.push({
          input,
          pending,
          side,
          length: textLength(rec.prompt) + textLength(response.parts) + (rec.criterion?.length ?? 0),
        });
      }
      if (pending.results[0] && pending.results[1]) finish(pending);
      if (jobs.length >= window) {
        await scoreWindow(jobs);
        jobs = [];
      }
    }
    if (!signal?.aborted && !writeError()) await scoreWindow(jobs);
  } catch (e) {
    // A failure of the reader or the scorer: the previous run stays as it was; scores made so far are in the cache.
    await out.close().catch(() => undefined);
    await cache?.close().catch(() => undefined);
    if (!sameFile) await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  const closed = await Promise.allSettled([out.close(), cache?.close()]);
  const failed =
    writeError() ??
    closed.map((c) => (c.status === 'rejected' ? (c.reason as unknown) : undefined)).find((e) => e !== undefined);
  if (failed !== undefined) {
    // The previous run stays whole (or, appended to, ends at its last complete line); the partial one goes.
    if (!sameFile) await fs.promises.rm(tmp, { force: true });
    throw await writeFailure(failed, runFile);
  }
  if (!signal?.aborted) progress.total = count;
  report(true);
  if (!sameFile) await fs.promises.rename(tmp, runFile);
  return { ...progress, runFile, cancelled: !!signal?.aborted, appended };
}

/** The records of an open Dataset (unsaved edits included), read in chunks. */
export function datasetPairSource(ds: Dataset, chunk = 256): PairSource {
  return {
    path: ds.filePath,
    format: ds.format?.id,
    recordCount: ds.recordCount,
    async *records() {
      for (let i = 0; i < ds.recordCount; i += chunk)
        yield* await ds.readRecords(i, Math.min(chunk, ds.recordCount - i));
    },
    readMedia: (source) => ds.readMedia(source),
  };
}
