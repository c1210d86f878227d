// Writes "the original bytes with some byte ranges replaced" to a file atomically: a temporary file in
// the target's folder, fsync, rename over the target. On any failure the target is untouched and the
// temporary file is removed.
import { constants } from 'node:fs';
import { access, chmod, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
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
  const err = new Error(`cannot save ${target}: ${why}; your edits are kept and the file is unchanged`);
  (err as NodeJS.ErrnoException).code = code;
  return err;
}

async function copyRange(src: FileHandle, dst: FileHandle, buf: Buffer, from: number, to: number): Promise<void> {
  for (let pos = from; pos < to; ) {
    const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, to - pos), pos);
    if (bytesRead === 0) throw new Error(`the file became shorter while saving (at byte ${pos})`);
    await dst.write(buf, 0, bytesRead);
    pos += bytesRead;
  }
}

/**
 * Streams `source` into `target` with `replacements` (sorted, non-overlapping) applied. The target keeps
 * its mode (a new target gets the source's); a read-only target is refused rather than replaced.
 * Returns the new file's size and mtime.
 */
export async function saveWithReplacements(
  source: string,
  targetPath: string,
  replacements: Replacement[],
  check?: SaveCheck,
): Promise<{ size: number; mtimeMs: number }> {
  let tmp: string | undefined;
  let src: FileHandle | undefined;
  let dst: FileHandle | undefined;
  const target = await realpath(targetPath).catch(() => targetPath); // write through symlinks, not over them
  try {
    src = await open(source, 'r');
    const st = await src.stat();
    if (check && (st.size !== check.size || st.mtimeMs !== check.mtimeMs)) {
      throw new Error(`${source} changed on disk since it was opened; reload it first`);
    }
    const existing = await stat(target).catch(() => undefined);
    if (existing) {
      // No write bit counts as read-only even for root, who passes every access() check.
      const writable = (existing.mode & 0o222) !== 0 && (await access(target, constants.W_OK).then(() => true, () => false));
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
  }
}

/** Makes the rename durable; not every platform lets a directory be opened, so failure is fine. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  await fh?.sync().catch(() => undefined);
  await fh?.close().catch(() => undefined);
}
