// ffmpeg compiled to WebAssembly (@ffmpeg/core, single-threaded), run in-process: decodes video and audio
// formats without any system ffmpeg. One instance per thread, reused. Its calls are
// synchronous: callers touch its file system only between awaits, never across one, so calls cannot interleave.
import fs from 'node:fs';
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

/**
 * @ffmpeg/core is GPL-2.0-or-later, so Reward Lens does not ship it (it is a development dependency only):
 * the CLI in a source checkout finds it in node_modules; elsewhere `REWARD_LENS_FFMPEG_CORE` (or the
 * `rewardLens.ffmpegCorePath` setting, which the extension copies into it) names an installed copy.
 */
export function locateFfmpegCore(): { js: string; wasm: string } {
  const dir = process.env.REWARD_LENS_FFMPEG_CORE?.trim();
  const tryResolve = (id: string, paths?: string[]) => {
    try {
      return require.resolve(id, paths ? { paths } : undefined);
    } catch {
      return undefined;
    }
  };
  const from = dir ? [dir, `${dir}/node_modules`] : undefined;
  const js = tryResolve('@ffmpeg/core', from) ?? (dir && fs.existsSync(`${dir}/dist/umd/ffmpeg-core.js`) ? `${dir}/dist/umd/ffmpeg-core.js` : undefined);
  const wasm = tryResolve('@ffmpeg/core/wasm', from) ?? (dir && fs.existsSync(`${dir}/dist/umd/ffmpeg-core.wasm`) ? `${dir}/dist/umd/ffmpeg-core.wasm` : undefined);
  if (!js || !wasm) {
    throw new Error(
      'decoding video and compressed audio (MP3, FLAC, Ogg) needs @ffmpeg/core 0.12, which Reward Lens does not ship because it is GPL-2.0-or-later: ' +
        'install it (`npm install @ffmpeg/core@0.12.10` in any folder) and set `rewardLens.ffmpegCorePath` (or REWARD_LENS_FFMPEG_CORE) to that folder, or convert the clips to WAV' +
        (dir ? `; nothing usable was found under ${dir}` : ''),
    );
  }
  return { js, wasm };
}

/** One ffmpeg instance per thread, made on first use (compiling the 32 MB module takes ~0.3 s). */
export function ffmpeg(): Promise<FFmpegCore> {
  corePromise ??= (async () => {
    const { js: jsPath, wasm: wasmPath } = locateFfmpegCore();
    // The build targets browsers and workers; its only browser global is `self.location`, read once at start,
    // so it runs in Node when handed that object and the wasm bytes instead of fetching them.
    const mod = { exports: {} as unknown };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- evaluating the installed core's script is the point
    new Function('self', 'module', 'exports', fs.readFileSync(jsPath, 'utf8'))({ location: { href: 'file:///' } }, mod, mod.exports);
    const create = mod.exports as (o: object) => Promise<FFmpegCore>;
    const quiet = () => undefined;
    const c = await create({ wasmBinary: fs.readFileSync(wasmPath), print: quiet, printErr: quiet });
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
