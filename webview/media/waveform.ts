// A waveform drawn on canvas from the decoded samples of `src`; the played part is highlighted and a click
// or drag seeks the <audio> element it belongs to.
import { computePeaks, peaksForWidth, type Peaks } from './peaks';

/** Enough resolution for a wide pane; re-bucketed to the canvas width on every draw. */
const PEAK_BUCKETS = 4000;
/** Decoding at a lower rate keeps long clips small in memory; the envelope barely changes. */
const DECODE_RATE = 16000;
/** Past this the picture is not worth reading and decoding the whole file in the webview (playback still streams). */
const MAX_WAVEFORM_BYTES = 64 * 1024 * 1024;

export interface Waveform {
  /** Resolves when peaks are drawn; rejects with a message when the audio could not be fetched or decoded. */
  readonly ready: Promise<void>;
  dispose(): void;
}

export function renderWaveform(canvas: HTMLCanvasElement, audio: HTMLAudioElement, src: string): Waveform {
  const ac = new AbortController();
  const opts = { signal: ac.signal };
  let peaks: Peaks | undefined;
  let frame = 0;

  const draw = (): void => {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const hgt = Math.max(1, Math.round(canvas.clientHeight * dpr));
    if (canvas.width !== w || canvas.height !== hgt) {
      canvas.width = w;
      canvas.height = hgt;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const style = getComputedStyle(canvas);
    const played = style.getPropertyValue('--waveform-played').trim() || style.color;
    const rest = style.getPropertyValue('--waveform-rest').trim() || style.color;
    const cursor = style.getPropertyValue('--waveform-cursor').trim() || style.color;
    ctx.clearRect(0, 0, w, hgt);
    const mid = hgt / 2;
    const d = audio.duration;
    const playedX = Number.isFinite(d) && d > 0 ? (audio.currentTime / d) * w : 0;
    if (!peaks) {
      ctx.fillStyle = rest;
      ctx.fillRect(0, Math.floor(mid), w, Math.max(1, Math.round(dpr)));
      return;
    }
    const cols = peaksForWidth(peaks, w);
    for (let x = 0; x < w; x++) {
      const top = mid - cols.max[x] * mid * 0.95;
      const bottom = mid - cols.min[x] * mid * 0.95;
      ctx.fillStyle = x < playedX ? played : rest;
      ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
    if (playedX > 0) {
      ctx.fillStyle = cursor;
      ctx.fillRect(Math.min(w - 1, Math.round(playedX)), 0, Math.max(1, Math.round(dpr)), hgt);
    }
  };

  // While playing, redraw every frame so the highlight moves smoothly; otherwise only on events.
  const tick = (): void => {
    draw();
    frame = audio.paused ? 0 : requestAnimationFrame(tick);
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(tick);
  };
  for (const ev of ['play', 'pause', 'seeked', 'seeking', 'timeupdate', 'durationchange', 'ended'])
    audio.addEventListener(ev, schedule, opts);
  const resize = new ResizeObserver(schedule);
  resize.observe(canvas);

  const seekTo = (e: PointerEvent): void => {
    const d = audio.duration;
    if (!Number.isFinite(d) || d <= 0) return;
    const r = canvas.getBoundingClientRect();
    audio.currentTime = Math.min(d, Math.max(0, ((e.clientX - r.left) / Math.max(1, r.width)) * d));
  };
  canvas.addEventListener(
    'pointerdown',
    (e) => {
      canvas.setPointerCapture(e.pointerId);
      seekTo(e);
    },
    opts,
  );
  canvas.addEventListener(
    'pointermove',
    (e) => {
      if (canvas.hasPointerCapture(e.pointerId)) seekTo(e);
    },
    opts,
  );

  canvas.dataset.state = 'loading';
  const ready = decodePeaks(src, ac.signal).then((p) => {
    peaks = p;
    canvas.dataset.state = 'ready';
    schedule();
  });
  ready.catch(() => {
    canvas.dataset.state = 'error';
  });
  schedule();
  return {
    ready,
    dispose: () => {
      ac.abort();
      resize.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

async function decodePeaks(src: string, signal: AbortSignal): Promise<Peaks> {
  let bytes: ArrayBuffer;
  try {
    const res = await fetch(src, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_WAVEFORM_BYTES) throw new TooLarge(declared);
    bytes = await res.arrayBuffer();
  } catch (e) {
    if (e instanceof TooLarge) throw e;
    throw new Error(`could not read the file (${(e as Error).message})`, { cause: e });
  }
  if (bytes.byteLength > MAX_WAVEFORM_BYTES) throw new TooLarge(bytes.byteLength);
  // An offline context decodes without touching the audio device or needing a user gesture.
  const ctx = new OfflineAudioContext(1, 1, DECODE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await ctx.decodeAudioData(bytes);
  } catch (e) {
    throw new Error(`this build cannot decode it (${(e as Error).message || 'unsupported format'})`, { cause: e });
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
  return computePeaks(channels, PEAK_BUCKETS);
}

class TooLarge extends Error {
  constructor(bytes: number) {
    super(
      `the file is ${Math.round(bytes / 1048576)} MB, more than the ${MAX_WAVEFORM_BYTES / 1048576} MB drawn as a waveform`,
    );
  }
}
