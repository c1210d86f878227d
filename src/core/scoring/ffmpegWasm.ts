// ffmpeg compiled to WebAssembly (@ffmpeg/core, single-threaded), run in-process: decodes video and audio
// formats without any system ffmpeg. One instance per thread, reused. Its calls are
// synchronous: callers touch its file system only between awaits, never across one, so calls cannot interleave.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeWav, type Audio } from './audioProcessor';

export interface FFmpegCore {
  exec(...args: string[]): number;
  reset(): void;
  setLogger(fn: (m: { type: string; message: string }) => void): void;
  FS: {
    writeFile(p: string, d: Uint8Array): void;
    readFile(p: string): Uint8Array;
    readdir(p: string): string[];
    unlink(p: string): void;
    mkdir(p: string): void;
    analyzePath(p: string): { exists: boolean };
  };
}

let corePromise: Promise<FFmpegCore> | undefined;

/** The one @ffmpeg/core release Reward Lens loads, pinned by the SHA-256 of the two files it runs. */
export const FFMPEG_CORE = {
  name: '@ffmpeg/core',
  version: '0.12.10',
  files: {
    'dist/umd/ffmpeg-core.js': 'b266ab5b952555881dd6310663986994a182acb2b7ff25cf10a25f7a37ac2b21',
    'dist/umd/ffmpeg-core.wasm': '9f57947a5bd530d8f00c5b3f2cb2a3492faa7e5d823315342d6a8656d0a6b7b7',
  },
} as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const install =
  'decoding video and compressed audio (MP3, FLAC, Ogg) needs @ffmpeg/core 0.12.10, which Reward Lens does not ship because it is GPL-2.0-or-later: ' +
  'install it (`npm install @ffmpeg/core@0.12.10` in any folder) and set `rewardLens.ffmpegCorePath` in your user settings (or REWARD_LENS_FFMPEG_CORE) to that folder, or convert the clips to WAV';

/**
 * The user's `rewardLens.ffmpegCorePath` → an absolute folder. Only absolute and `~/` paths: a relative one
 * would resolve against whatever folder is open, which is how a downloaded benchmark could name its own code.
 */
export function ffmpegCoreFolderFromSetting(value: unknown, home = os.homedir()): Checked<string | undefined> {
  if (typeof value !== 'string' || value.trim() === '') return { ok: true, value: undefined };
  const v = value.trim().replace(/^~(?=$|[\\/])/, home);
  if (!path.isAbsolute(v)) {
    return {
      ok: false,
      message: `rewardLens.ffmpegCorePath must be an absolute path (or start with ~/), got "${value.trim()}"`,
    };
  }
  return { ok: true, value: path.normalize(v) };
}

/**
 * Checks that `pkgDir` is the pinned @ffmpeg/core: its package.json names it and its version, and the files
 * it runs are regular files inside the folder with the expected SHA-256. Only then are they loaded.
 */
export function verifyFfmpegCore(pkgDir: string): Checked<{ js: string; wasm: string }> {
  let pkg: { name?: unknown; version?: unknown };
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return { ok: false, message: `${pkgDir} has no readable package.json` };
  }
  if (pkg?.name !== FFMPEG_CORE.name)
    return { ok: false, message: `${pkgDir} holds ${JSON.stringify(pkg?.name)}, not ${FFMPEG_CORE.name}` };
  if (pkg.version !== FFMPEG_CORE.version) {
    return {
      ok: false,
      message: `${pkgDir} holds ${FFMPEG_CORE.name} ${String(pkg.version)}; Reward Lens loads only ${FFMPEG_CORE.version}`,
    };
  }
  const real = fs.realpathSync(pkgDir);
  const found: string[] = [];
  for (const [rel, sha] of Object.entries(FFMPEG_CORE.files)) {
    const file = path.join(pkgDir, rel);
    let bytes: Buffer;
    try {
      // A symlink could point the checked name at a file outside the package.
      const st = fs.lstatSync(file);
      if (!st.isFile() || !fs.realpathSync(file).startsWith(real + path.sep))
        return { ok: false, message: `${file} is not a regular file inside ${pkgDir}` };
      bytes = fs.readFileSync(file);
    } catch {
      return { ok: false, message: `${pkgDir} is missing ${rel}` };
    }
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha) {
      return {
        ok: false,
        message: `${file} is not the published ${FFMPEG_CORE.name} ${FFMPEG_CORE.version} (checksum differs)`,
      };
    }
    found.push(file);
  }
  return { ok: true, value: { js: found[0], wasm: found[1] } };
}

/**
 * @ffmpeg/core is GPL-2.0-or-later, so Reward Lens does not ship it (it is a development dependency only):
 * the CLI in a source checkout finds it in node_modules; elsewhere `REWARD_LENS_FFMPEG_CORE` (or the
 * user's `rewardLens.ffmpegCorePath`, which the extension copies into it) names an installed copy: the
 * package folder itself, or a folder where `npm install` put it.
 */
export function locateFfmpegCore(): { js: string; wasm: string } {
  const dir = process.env.REWARD_LENS_FFMPEG_CORE?.trim();
  let candidates: string[];
  if (dir) {
    candidates = [dir, path.join(dir, 'node_modules', '@ffmpeg', 'core')];
  } else {
    let main: string | undefined;
    try {
      main = require.resolve('@ffmpeg/core');
    } catch {
      main = undefined;
    }
    candidates = main ? [path.resolve(path.dirname(main), '..', '..')] : [];
  }
  const problems: string[] = [];
  for (const c of candidates) {
    if (!fs.existsSync(path.join(c, 'package.json'))) continue;
    const checked = verifyFfmpegCore(c);
    if (checked.ok) return checked.value;
    problems.push(checked.message);
  }
  const why = problems.length ? `; ${problems.join('; ')}` : dir ? `; nothing usable was found under ${dir}` : '';
  throw new Error(install + why);
}

/** One ffmpeg instance per thread, made on first use (compiling the 32 MB module takes ~0.3 s). */
export function ffmpeg(): Promise<FFmpegCore> {
  corePromise ??= (async () => {
    const { js: jsPath, wasm: wasmPath } = locateFfmpegCore();
    // Node's module loader, from the verified path: its UMD wrapper sets module.exports.
    const create = createRequire(jsPath)(jsPath) as (o: object) => Promise<FFmpegCore>;
    if (typeof create !== 'function') throw new Error(`${jsPath} did not export ffmpeg's factory`);
    const quiet = () => undefined;
    // The build targets workers; its only browser global is `self.location`, read once while the factory runs
    // synchronously, so `self` exists just for that call. The wasm bytes are handed over instead of fetched.
    const g = globalThis as { self?: unknown };
    const hadSelf = Object.prototype.hasOwnProperty.call(g, 'self');
    const before = g.self;
    if (!hadSelf) g.self = { location: { href: pathToFileURL(jsPath).href } };
    let made: Promise<FFmpegCore>;
    try {
      made = create({ wasmBinary: fs.readFileSync(wasmPath), print: quiet, printErr: quiet });
    } finally {
      if (!hadSelf) delete g.self;
      else g.self = before;
    }
    const c = await made;
    c.FS.mkdir('/frames');
    return c;
  })();
  corePromise.catch(() => (corePromise = undefined));
  return corePromise;
}

export function runFfmpeg(c: FFmpegCore, args: string[]): { code: number; log: string } {
  const log: string[] = [];
  c.setLogger(({ message }) => log.push(message));
  let code: number;
  try {
    code = c.exec('-hide_banner', '-nostdin', ...args);
  } finally {
    c.setLogger(() => undefined);
    c.reset();
  }
  return { code, log: log.join('\n') };
}

/** Any audio file ffmpeg reads (MP3, FLAC, Ogg, M4A…) → its first audio stream, float samples, channels averaged. */
export async function decodeAudioWithFfmpeg(bytes: Uint8Array): Promise<Audio> {
  const c = await ffmpeg();
  c.FS.writeFile('/audio-in', bytes);
  try {
    const res = runFfmpeg(c, ['-i', '/audio-in', '-map', '0:a:0', '-c:a', 'pcm_f32le', '-f', 'wav', '/audio-out.wav']);
    if (!c.FS.analyzePath('/audio-out.wav').exists) {
      const why = /Invalid data found[^\n]*|matches no streams[^\n]*|could not find codec[^\n]*/i.exec(res.log)?.[0];
      throw new Error(`no decodable audio stream${why ? ` (${why.trim()})` : ''}`);
    }
    const wav = c.FS.readFile('/audio-out.wav').slice();
    c.FS.unlink('/audio-out.wav');
    return decodeWav(wav);
  } finally {
    c.FS.unlink('/audio-in');
  }
}
