// Frame rate from presented-frame timestamps (requestVideoFrameCallback's mediaTime), since the browser
// exposes no fps: lets frame steps move one real frame on 15, 24 or 60 fps clips instead of assuming 30.

const COMMON_RATES = [10, 12, 15, 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60];

/** Estimated frames per second from ≥ 5 media times, or undefined when they do not say. */
export function estimateFps(mediaTimes: readonly number[]): number | undefined {
  const times = [...new Set(mediaTimes)].sort((a, b) => a - b);
  const deltas: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    if (d > 1e-3 && d < 1) deltas.push(d);
  }
  if (deltas.length < 4) return undefined;
  // The smallest gaps are single frames; larger ones are frames the compositor skipped under load.
  deltas.sort((a, b) => a - b);
  const frame = deltas[Math.floor((deltas.length - 1) / 4)];
  const fps = 1 / frame;
  const nearest = COMMON_RATES.reduce((best, r) => (Math.abs(r - fps) < Math.abs(best - fps) ? r : best));
  return Math.abs(nearest - fps) / nearest < 0.04 ? nearest : Math.round(fps);
}

/** Watches a playing video's presented frames and reports its frame rate once known (Chromium's rVFC). */
export function probeFrameRate(video: HTMLVideoElement, onRate: (fps: number) => void): () => void {
  if (typeof video.requestVideoFrameCallback !== 'function') return () => undefined;
  const times: number[] = [];
  let handle = 0;
  let done = false;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    times.push(meta.mediaTime);
    const fps = times.length >= 12 ? estimateFps(times) : undefined;
    if (fps) {
      done = true;
      onRate(fps);
      return;
    }
    if (times.length > 120) times.splice(0, 60);
    handle = video.requestVideoFrameCallback(onFrame);
  };
  handle = video.requestVideoFrameCallback(onFrame);
  return () => {
    if (!done) video.cancelVideoFrameCallback(handle);
  };
}
