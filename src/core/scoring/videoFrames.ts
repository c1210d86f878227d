// Samples frames from a video file in-process with ffmpeg compiled to WebAssembly: no system ffmpeg at run
// time. Frames come out as lossless PNGs and are decoded like any image, so CLIP preprocessing sees exactly
// the RGB that ffmpeg's YUV→RGB conversion made.
import { ffmpeg, runFfmpeg, type FFmpegCore } from './ffmpegWasm';
import { decodeImage, type RgbImage } from './imageProcessor';

/** Frames sampled per video unless the model says otherwise (8, as video reward models commonly sample). */
export const VIDEO_FRAMES = 8;

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
  const c = await ffmpeg();
  // Everything touching ffmpeg's file system happens synchronously here, so concurrent calls cannot interleave.
  const pngs = extractFrames(c, bytes, count);
  return Promise.all(pngs.map((png) => decodeImage(png)));
}

function extractFrames(c: FFmpegCore, bytes: Uint8Array, count: number): Uint8Array[] {
  const input = '/video-in';
  c.FS.writeFile(input, bytes);
  try {
    const probe = runFfmpeg(c, ['-i', input]);
    if (!/Stream #\d+:\d+.*: Video:/.test(probe.log)) {
      const why = /Invalid data found[^\n]*|could not find codec[^\n]*|Unknown[^\n]*/i.exec(probe.log)?.[0];
      throw new Error(`no decodable video stream${why ? ` (${why.trim()})` : ''}`);
    }
    const duration = parseDuration(probe.log);
    const rate = duration ? `${count}/${duration}` : '1';
    const res = runFfmpeg(c, [
      '-i',
      input,
      '-map',
      '0:v:0',
      '-vf',
      `fps=${rate}`,
      '-frames:v',
      String(count),
      '-c:v',
      'png',
      '-f',
      'image2',
      '/frames/%04d.png',
    ]);
    const names = c.FS.readdir('/frames')
      .filter((n) => n.endsWith('.png'))
      .sort();
    const pngs = names.map((n) => c.FS.readFile(`/frames/${n}`).slice());
    for (const n of names) c.FS.unlink(`/frames/${n}`);
    if (!pngs.length)
      throw new Error(`ffmpeg decoded no frames (exit ${res.code}): ${res.log.split('\n').slice(-2).join(' ').trim()}`);
    return pngs;
  } finally {
    if (c.FS.analyzePath(input).exists) c.FS.unlink(input);
  }
}
