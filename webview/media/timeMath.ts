// Time arithmetic for the shared media controls: frame steps, seek clamping, drift and labels.

/** Frame rate assumed when the file does not say (most generated-video benchmarks render at 24–30 fps). */
export const DEFAULT_FPS = 30;

/** How far apart (seconds) two synchronised players may drift before the follower is re-seeked. */
export const SYNC_TOLERANCE = 0.1;

export function clampTime(t: number, duration: number): number {
  if (!Number.isFinite(t) || t < 0) return 0;
  return Number.isFinite(duration) && duration > 0 ? Math.min(t, duration) : t;
}

/** Index of the frame shown at time t (a hair of slack so t = n/fps lands on frame n, not n-1). */
export function frameIndexAt(t: number, fps: number): number {
  return Math.max(0, Math.floor(t * fps + 1e-4));
}

/**
 * Time to seek to for stepping `frames` frames from t. Lands mid-frame so decoders that round either way
 * still show the intended frame; never past the last frame of `duration`.
 */
export function stepFrameTime(t: number, frames: number, fps: number, duration: number): number {
  const last = Number.isFinite(duration) && duration > 0 ? Math.max(0, Math.ceil(duration * fps - 1e-4) - 1) : Infinity;
  const target = Math.min(last, Math.max(0, frameIndexAt(t, fps) + frames));
  return clampTime((target + 0.5) / fps, duration);
}

/** The time a follower should be moved to, or undefined when it is close enough to the leader. */
export function resyncTarget(
  leader: number,
  follower: number,
  followerDuration: number,
  tolerance = SYNC_TOLERANCE,
): number | undefined {
  const want = clampTime(leader, followerDuration);
  return Math.abs(want - follower) > tolerance ? want : undefined;
}

/** Longest finite duration among the players (the shared timeline spans the longer clip). */
export function sharedDuration(durations: readonly number[]): number {
  return durations.reduce((m, d) => (Number.isFinite(d) && d > m ? d : m), 0);
}

/** "m:ss.t" (or "h:mm:ss" past an hour) for the time readout. */
export function formatTime(t: number): string {
  if (!Number.isFinite(t) || t < 0) t = 0;
  const tenths = Math.floor(t * 10) % 10;
  const s = Math.floor(t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}.${tenths}`;
}
