// Runs on disk: where a run file lives, reading a previous one for resume, appending entries, and the
// per-response score cache (keyed by model hash + template + content) that spares unchanged pairs a second scoring.
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sha } from './contentKey';
import { parseRunLine, type RunEntry, type RunHeader } from './run';

/** Runs folder: the setting (absolute, or relative to the workspace) or `.reward-lens/runs` in the workspace. */
export function runsFolder(workspaceRoot: string, setting?: string): string {
  return path.resolve(workspaceRoot, setting?.trim() ? setting : path.join('.reward-lens', 'runs'));
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);

/** `<dataset base>.<model id>.<hash of the dataset's absolute path>.jsonl`: one run per (file, model). */
export function runFileName(datasetPath: string, modelId: string): string {
  return `${safe(path.basename(datasetPath))}.${safe(modelId)}.${sha(path.resolve(datasetPath), 8)}.jsonl`;
}

export interface PreviousRun {
  header: RunHeader;
  entries: Map<number, RunEntry>;
  /** Bytes of complete lines: a torn last line (crash mid-write) starts here and is rewritten. */
  completeBytes: number;
  /** Complete lines that were not valid entries (left out on rewrite). */
  badLines: number;
}

/** Reads a run file for resume, tolerating a torn last line; undefined when absent or without a header. */
export async function readPreviousRun(file: string): Promise<PreviousRun | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n');
  let header: RunHeader | undefined;
  const entries = new Map<number, RunEntry>();
  let badLines = 0;
  for (let i = 0; i < lines.length; i++) {
    // Parsing a large run is chunked so the caller's event loop keeps turning.
    if (i % 2000 === 1999) await yieldToLoop();
    const raw = lines[i];
    if (!raw.trim()) continue;
    const line = parseRunLine(raw, i === 0);
    if (!line.ok) {
      if (i === 0) return undefined;
      badLines++;
    } else if ('header' in line) header = line.header;
    else entries.set(line.entry.index, line.entry);
  }
  if (!header) return undefined;
  return { header, entries, completeBytes: Buffer.byteLength(text.slice(0, end)), badLines };
}

/**
 * Reads only a run file's header line (listing runs must not read every run in full): the header, or what is
 * wrong with the file, naming it and the field.
 */
export async function readRunHeader(
  file: string,
): Promise<{ ok: true; header: RunHeader } | { ok: false; message: string }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (e) {
    return { ok: false, message: `${file}: cannot open (${e instanceof Error ? e.message : e})` };
  }
  try {
    const chunks: Buffer[] = [];
    let pos = 0;
    // A header is a few hundred bytes; read 4 KB at a time until its newline (or the end of the file).
    for (;;) {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
      chunks.push(buf.subarray(0, nl === -1 ? bytesRead : nl));
      pos += bytesRead;
      if (nl !== -1 || bytesRead === 0 || pos > 1 << 20) break;
    }
    const first = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    if (!first.trim()) return { ok: false, message: `${file}: empty run file (no header line)` };
    const line = parseRunLine(first, true);
    if (!line.ok) return { ok: false, message: `${file} line 1: ${line.message}` };
    return 'header' in line
      ? { ok: true, header: line.header }
      : { ok: false, message: `${file} line 1: expected the header line` };
  } finally {
    await handle.close();
  }
}

/** `<run>.<host>-<pid>.partial`: where this process writes a run before renaming it over the old one. */
export function partialRunFile(runFile: string): string {
  return `${runFile}.${safe(hostname())}-${process.pid}.partial`;
}

const STALE_ELSEWHERE_MS = 24 * 3600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `<run>.*.partial` files (and their `.tmp`) left by killed processes: on this host when the process is
 * gone; from another host (a shared runs folder) only when untouched for a day, since it may still be running.
 * Returns the removed paths.
 */
export async function sweepStalePartials(runFile: string, now = Date.now()): Promise<string[]> {
  const dir = path.dirname(runFile);
  const base = path.basename(runFile) + '.';
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    const m = /^(?:(.+)-)?(\d+)\.partial(?:\.\d+\.tmp)?$/.exec(name.slice(base.length));
    if (!m) continue;
    const file = path.join(dir, name);
    const pid = Number(m[2]);
    let stale: boolean;
    if (m[1] === safe(hostname())) stale = pid !== process.pid && !alive(pid);
    else stale = now - ((await fs.promises.stat(file).catch(() => undefined))?.mtimeMs ?? now) > STALE_ELSEWHERE_MS;
    if (
      stale &&
      (await fs.promises.rm(file, { force: true }).then(
        () => true,
        () => false,
      ))
    )
      removed.push(file);
  }
  return removed;
}

/** Pairs 1…N have an entry in the run on disk (what a resumed run would not score again). */
async function keptUpTo(runFile: string): Promise<number> {
  const run = await readPreviousRun(runFile);
  let n = 0;
  while (run?.entries.has(n)) n++;
  return n;
}

/** A failed run write as a message a person can act on, saying how much of the run is kept. */
export async function writeFailure(e: unknown, runFile: string): Promise<Error> {
  const code = (e as NodeJS.ErrnoException)?.code;
  const kept = `run kept up to pair ${await keptUpTo(runFile)}`;
  const dir = path.dirname(runFile);
  const message =
    code === 'ENOSPC'
      ? `no space left on device (${kept}); free space on the disk holding ${dir} and score again to resume`
      : code === 'EDQUOT'
        ? `disk quota exceeded (${kept}); free space in ${dir} and score again to resume`
        : `cannot write the run in ${dir}: ${e instanceof Error ? e.message : String(e)} (${kept})`;
  const err = new Error(message);
  (err as NodeJS.ErrnoException).code = code;
  return err;
}

/**
 * Appends JSON lines to a file in chunks, flushing at most every `intervalMs` so writes never pile up. The first
 * write error (a full disk) is kept, the file cut back to its last complete chunk, and nothing more is written:
 * `error` says so at once and `close()` rejects with it.
 */
export class LineAppender {
  private buffer: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  /** Lines written and the file's size after the last complete chunk. */
  private written = { lines: 0, bytes: 0 };

  private constructor(
    private readonly handle: fs.promises.FileHandle,
    private readonly intervalMs: number,
    bytes: number,
  ) {
    this.written.bytes = bytes;
  }

  /** Opens for append; `truncateTo` cuts a torn last line first. */
  static async open(file: string, opts: { truncateTo?: number; intervalMs?: number } = {}): Promise<LineAppender> {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const handle = await fs.promises.open(file, 'a');
    if (opts.truncateTo !== undefined) await handle.truncate(opts.truncateTo);
    return new LineAppender(handle, opts.intervalMs ?? 200, (await handle.stat()).size);
  }

  /** The first write error, once there was one. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Lines this appender wrote completely. */
  get linesWritten(): number {
    return this.written.lines;
  }

  push(obj: unknown): void {
    if (this.failure) return;
    this.buffer.push(JSON.stringify(obj) + '\n');
    if (this.buffer.length >= 1000) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length && !this.failure) {
      const lines = this.buffer.length;
      const chunk = this.buffer.join('');
      this.buffer = [];
      this.writing = this.writing.then(() => this.write(chunk, lines));
    }
    return this.writing;
  }

  private async write(chunk: string, lines: number): Promise<void> {
    if (this.failure) return;
    try {
      await this.handle.appendFile(chunk, 'utf8');
      this.written.lines += lines;
      this.written.bytes += Buffer.byteLength(chunk);
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      this.buffer = [];
      // A torn chunk would leave half a line; cutting back needs no space.
      await this.handle.truncate(this.written.bytes).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
    if (this.failure) throw this.failure;
  }
}

/**
 * Writes a fresh run file (header + entries kept from before) atomically: a temp file renamed over the old one,
 * so a crash mid-way leaves the previous run intact.
 */
export async function rewriteRun(file: string, header: RunHeader, kept: Iterable<RunEntry>): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    let chunk = [JSON.stringify(header)];
    for (const e of kept) {
      chunk.push(JSON.stringify(e));
      if (chunk.length >= 2000) {
        await handle.appendFile(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length) await handle.appendFile(chunk.join('\n') + '\n');
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  await fs.promises.rename(tmp, file);
}

/** The per-response score cache of one model (hash): `<runs>/cache/<hash>.jsonl`, lines {"k": key, "s": score}. */
export class ScoreCache {
  private appender: LineAppender | undefined;

  private constructor(
    private readonly file: string,
    readonly scores: Map<string, number>,
  ) {}

  static async open(folder: string, modelHash: string): Promise<ScoreCache> {
    const file = path.join(folder, 'cache', `${safe(modelHash)}.jsonl`);
    const scores = new Map<string, number>();
    let text = '';
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      // No cache yet.
    }
    const end = text.lastIndexOf('\n') + 1;
    const lines = text.slice(0, end).split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i % 5000 === 4999) await yieldToLoop();
      if (!lines[i]) continue;
      try {
        const { k, s } = JSON.parse(lines[i]) as { k?: unknown; s?: unknown };
        if (typeof k === 'string' && typeof s === 'number') scores.set(k, s);
      } catch {
        // A damaged cache line only costs a re-score.
      }
    }
    const cache = new ScoreCache(file, scores);
    cache.appender = await LineAppender.open(file, { truncateTo: Buffer.byteLength(text.slice(0, end)) });
    return cache;
  }

  get(key: string): number | undefined {
    return this.scores.get(key);
  }

  set(key: string, score: number): void {
    if (this.scores.has(key)) return;
    this.scores.set(key, score);
    this.appender?.push({ k: key, s: score });
  }

  async close(): Promise<void> {
    await this.appender?.close();
  }

  /** The first failed cache write, once there was one. */
  get error(): Error | undefined {
    return this.appender?.error;
  }

  get path(): string {
    return this.file;
  }
}
