// Writes "the original bytes with some byte ranges replaced" to a file atomically: a temporary file in
// the target's folder, fsync, rename over the target. On any failure the target is untouched and the
// temporary file is removed. A lock file beside the target keeps two Reward Lens writers (editors, windows,
// CLI processes) from both passing the check and renaming over each other's save.
import { constants } from 'node:fs';
import { access, chmod, open, readFile, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Replace source bytes [start, end) with `bytes`. */
export interface Replacement {
  start: number;
  end: number;
  bytes: Uint8Array;
}

export interface SaveCheck {
  /** Refuse when the source no longer has this size and mtime (changed on disk since it was indexed). */
  size: number;
  mtimeMs: number;
}

const COPY_CHUNK = 1 << 20;

/** How long a writer waits for another one's save before it gives up (nothing written). */
export const LOCK_TIMEOUT_MS = 10_000;

/** Someone else changed the file between this save's check and its rename, or held it too long. */
export class FileChangedWhileSaving extends Error {
  constructor(detail: string) {
    super(`the file changed while saving; nothing written (${detail})`);
  }
}

export interface SaveLock {
  readonly path: string;
  /** Whether another writer held the lock when this one asked for it. */
  readonly waited: boolean;
  release(): Promise<void>;
}

/** `.name.reward-lens-lock` beside the file a save replaces (its real path: symlinks are written through). */
export async function lockPathFor(target: string): Promise<string> {
  const real = await realpath(target).catch(() => target);
  return join(dirname(real), `.${basename(real)}.reward-lens-lock`);
}

/** A lock whose writer is gone: same host and its process no longer exists. */
async function isStale(lockPath: string): Promise<boolean> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === undefined) return false; // released meanwhile: just try again
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    // Created but not yet written, or garbage: stale once it is old.
    const st = await stat(lockPath).catch(() => undefined);
    return !!st && Date.now() - st.mtimeMs > 5_000;
  }
  if (holder.host !== hostname() || typeof holder.pid !== 'number') return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the save lock of `target` (exclusive create of the lock file), waiting up to `timeoutMs` for another
 * writer; a lock left by a killed process on this host is broken. Throws FileChangedWhileSaving on timeout.
 */
export async function acquireSaveLock(target: string, opts: { timeoutMs?: number } = {}): Promise<SaveLock> {
  const lockPath = await lockPathFor(target);
  const deadline = Date.now() + (opts.timeoutMs ?? LOCK_TIMEOUT_MS);
  let waited = false;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      const fh = await open(lockPath, 'wx', 0o644);
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      } finally {
        await fh.close();
      }
      let released = false;
      return {
        path: lockPath,
        waited,
        release: async () => {
          if (released) return;
          released = true;
          await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    waited = true;
    if (await isStale(lockPath)) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline)
      throw new FileChangedWhileSaving(
        `another save held ${lockPath} for over ${Math.round((opts.timeoutMs ?? LOCK_TIMEOUT_MS) / 1000)} s`,
      );
    await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
  }
}

/** A message a person can act on, for the errno codes saving meets. */
function saveError(e: unknown, source: string, target: string): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  const dir = dirname(target);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? `permission denied writing in ${dir} (is the folder read-only?)`
      : code === 'EROFS'
        ? `${dir} is on a read-only file system`
        : code === 'ENOSPC'
          ? `no space left on the device holding ${dir}`
          : code === 'EDQUOT'
            ? `disk quota exceeded in ${dir}`
            : code === 'ENOENT'
              ? `${dir} no longer exists, or ${source} was deleted or moved`
              : e instanceof Error
                ? e.message
                : String(e);
  const err = new Error(
    e instanceof FileChangedWhileSaving
      ? `cannot save ${target}: ${e.message}`
      : `cannot save ${target}: ${why}; your edits are kept and the file is unchanged`,
  );
  (err as NodeJS.ErrnoException).code = code;
  return err;
}

async function copyRange(src: FileHandle, dst: FileHandle, buf: Buffer, from: number, to: number): Promise<void> {
  for (let pos = from; pos < to;) {
    const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, to - pos), pos);
    if (bytesRead === 0) throw new Error(`the file became shorter while saving (at byte ${pos})`);
    await dst.write(buf, 0, bytesRead);
    pos += bytesRead;
  }
}

/**
 * Streams `source` into `target` with `replacements` (sorted, non-overlapping) applied. The target keeps
 * its mode (a new target gets the source's); a read-only target is refused rather than replaced.
 * Holds the target's save lock from the check to the rename (the caller's `lock`, else its own) and
 * re-stats the source just before the rename. Returns the new file's size and mtime.
 */
export async function saveWithReplacements(
  source: string,
  targetPath: string,
  replacements: Replacement[],
  check?: SaveCheck,
  opts: { lock?: SaveLock; lockTimeoutMs?: number } = {},
): Promise<{ size: number; mtimeMs: number }> {
  let tmp: string | undefined;
  let src: FileHandle | undefined;
  let dst: FileHandle | undefined;
  let ownLock: SaveLock | undefined;
  const target = await realpath(targetPath).catch(() => targetPath); // write through symlinks, not over them
  try {
    if (!opts.lock) ownLock = await acquireSaveLock(target, { timeoutMs: opts.lockTimeoutMs });
    src = await open(source, 'r');
    const st = await src.stat();
    if (check && (st.size !== check.size || st.mtimeMs !== check.mtimeMs)) {
      throw new Error(`${source} changed on disk since it was opened; reload it first`);
    }
    const existing = await stat(target).catch(() => undefined);
    if (existing) {
      // No write bit counts as read-only even for root, who passes every access() check.
      const writable =
        (existing.mode & 0o222) !== 0 &&
        (await access(target, constants.W_OK).then(
          () => true,
          () => false,
        ));
      if (!writable) throw new Error(`${target} is read-only`);
    }
    const mode = (existing ?? st).mode & 0o7777;
    tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    dst = await open(tmp, 'wx', 0o600);
    const buf = Buffer.allocUnsafe(COPY_CHUNK);
    let pos = 0;
    for (const r of replacements) {
      await copyRange(src, dst, buf, pos, r.start);
      await dst.write(r.bytes);
      pos = r.end;
    }
    await copyRange(src, dst, buf, pos, st.size);
    await dst.sync();
    await dst.close();
    dst = undefined;
    await chmod(tmp, mode);
    await src.close();
    src = undefined;
    // Writers that do not take the lock (other editors, scripts) still must not lose to this rename.
    const now = await stat(source).catch(() => undefined);
    if (
      !now ||
      now.ino !== st.ino ||
      now.size !== st.size ||
      now.mtimeMs !== st.mtimeMs ||
      now.ctimeMs !== st.ctimeMs
    ) {
      throw new FileChangedWhileSaving(
        now ? `${source} was rewritten by another program` : `${source} was deleted or moved`,
      );
    }
    await rename(tmp, target);
    tmp = undefined;
    await syncDir(dirname(target));
    const after = await stat(target);
    return { size: after.size, mtimeMs: after.mtimeMs };
  } catch (e) {
    throw saveError(e, source, target);
  } finally {
    await dst?.close().catch(() => undefined);
    await src?.close().catch(() => undefined);
    if (tmp) await unlink(tmp).catch(() => undefined);
    await ownLock?.release();
  }
}

/** Makes the rename durable; not every platform lets a directory be opened, so failure is fine. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  await fh?.sync().catch(() => undefined);
  await fh?.close().catch(() => undefined);
}
