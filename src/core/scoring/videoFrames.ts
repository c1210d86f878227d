// Samples frames from a video file in-process with ffmpeg compiled to WebAssembly (@ffmpeg/core): no system
// ffmpeg at run time. Frames come out as lossless PNGs and are decoded like any image, so CLIP preprocessing
// sees exactly the RGB that ffmpeg's YUV→RGB conversion made.
import fs from 'node:fs';
import { decodeImage, type RgbImage } from './imageProcessor';

/** Frames sampled per video unless the model says otherwise (8, as video reward models commonly sample). */
export const VIDEO_FRAMES = 8;

interface FFmpegCore {
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

/** One ffmpeg instance per thread, made on first use (compiling the 32 MB module takes ~0.3 s). */
function core(): Promise<FFmpegCore> {
  corePromise ??= (async () => {
    const jsPath = require.resolve('@ffmpeg/core');
    const wasmPath = require.resolve('@ffmpeg/core/wasm');
    // The build targets browsers and workers; its only browser global is `self.location`, read once at start,
    // so it runs in Node when handed that object and the wasm bytes instead of fetching them.
    const mod = { exports: {} as unknown };
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

function run(c: FFmpegCore, args: string[]): { code: number; log: string } {
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

/** Duration in seconds from ffmpeg's input summary, or undefined (live WebM recordings often have none). */
export function parseDuration(log: string): number | undefined {
  const m = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(log);
  if (!m) return undefined;
  const d = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  return d > 0 ? d : undefined;
}

/**
 * `count` frames at t = k·D/count (k = 0…count−1, the nearest decoded frame; ffmpeg's fps filter), as RGB.
 * Without a known duration D, one frame per second from the start, at most `count`.
 */
export async function decodeVideoFrames(bytes: Uint8Array, count = VIDEO_FRAMES): Promise<RgbImage[]> {
  const c = await core();
  const input = '/input';
  c.FS.writeFile(input, bytes);
  try {
    const probe = run(c, ['-i', input]);
    if (!/Stream #\d+:\d+.*: Video:/.test(probe.log)) {
      const why = /Invalid data found[^\n]*|could not find codec[^\n]*|Unknown[^\n]*/i.exec(probe.log)?.[0];
      throw new Error(`no decodable video stream${why ? ` (${why.trim()})` : ''}`);
    }
    const duration = parseDuration(probe.log);
    const rate = duration ? `${count}/${duration}` : '1';
    const res = run(c, ['-i', input, '-map', '0:v:0', '-vf', `fps=${rate}`, '-frames:v', String(count), '-c:v', 'png', '-f', 'image2', '/frames/%04d.png']);
    const names = c.FS.readdir('/frames').filter((n) => n.endsWith('.png')).sort();
    try {
      if (!names.length) throw new Error(`ffmpeg decoded no frames (exit ${res.code}): ${res.log.split('\n').slice(-2).join(' ').trim()}`);
      const frames: RgbImage[] = [];
      for (const n of names) frames.push(await decodeImage(c.FS.readFile(`/frames/${n}`)));
      return frames;
    } finally {
      for (const n of names) c.FS.unlink(`/frames/${n}`);
    }
  } finally {
    if (c.FS.analyzePath(input).exists) c.FS.unlink(input);
  }
}
