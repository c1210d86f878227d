// Keeps several <video>/<audio> elements in lock-step: play, pause and seek on any one (its own controls,
// a waveform click, the shared bar) reach the others; drift past SYNC_TOLERANCE during playback is corrected.
import { clampTime, resyncTarget, sharedDuration, stepFrameTime } from './timeMath';

export interface MediaSync {
  readonly players: readonly HTMLMediaElement[];
  play(): void;
  pause(): void;
  toggle(): void;
  seek(t: number): void;
  /** Pauses and moves every player by `frames` frames of `fps`, from the leader's frame. */
  step(frames: number, fps: number): void;
  time(): number;
  duration(): number;
  playing(): boolean;
  dispose(): void;
}

export function syncMedia(all: readonly HTMLMediaElement[]): MediaSync {
  const ac = new AbortController();
  const opts = { signal: ac.signal };
  // Times we set ourselves, so the seeking event they cause is not echoed back to the others.
  const commanded = new Map<HTMLMediaElement, number>();
  const live = (): HTMLMediaElement[] => all.filter((p) => !p.error && p.isConnected);
  const leader = (): HTMLMediaElement | undefined => {
    const ps = live();
    return (
      ps.find((p) => !p.paused && !p.ended) ??
      ps.reduce<HTMLMediaElement | undefined>(
        (best, p) => (!best || (p.duration || 0) > (best.duration || 0) ? p : best),
        undefined,
      )
    );
  };
  const moveTo = (p: HTMLMediaElement, t: number): void => {
    const target = clampTime(t, p.duration);
    if (p.readyState === 0) return; // Not loaded yet: it starts at 0 and catches up on the next timeupdate.
    commanded.set(p, target);
    p.currentTime = target;
  };
  const startOne = (p: HTMLMediaElement): void => {
    // Autoplay or decode refusals surface through the element's own state; the others keep going.
    p.play().catch(() => undefined);
  };

  for (const p of all) {
    p.addEventListener(
      'play',
      () => {
        const t = p.currentTime;
        for (const o of live()) {
          if (o === p || !o.paused) continue;
          // A shorter clip already past its end stays finished rather than restarting from 0.
          if (Number.isFinite(o.duration) && t >= o.duration - 0.05) continue;
          const target = resyncTarget(t, o.currentTime, o.duration);
          if (target !== undefined) moveTo(o, target);
          startOne(o);
        }
      },
      opts,
    );
    p.addEventListener(
      'pause',
      () => {
        // Reaching its end pauses a clip; that must not stop the longer one.
        if (p.ended || (Number.isFinite(p.duration) && p.currentTime >= p.duration - 0.05)) return;
        for (const o of live()) if (o !== p && !o.paused) o.pause();
      },
      opts,
    );
    p.addEventListener(
      'seeking',
      () => {
        const mine = commanded.get(p);
        if (mine !== undefined && Math.abs(mine - p.currentTime) < 0.02) {
          commanded.delete(p);
          return;
        }
        commanded.delete(p);
        for (const o of live()) {
          if (o === p) continue;
          if (Math.abs(clampTime(p.currentTime, o.duration) - o.currentTime) > 0.01) moveTo(o, p.currentTime);
        }
      },
      opts,
    );
    p.addEventListener(
      'timeupdate',
      () => {
        if (p.paused || leader() !== p || p.seeking) return;
        for (const o of live()) {
          if (o === p || o.paused || o.seeking) continue;
          const target = resyncTarget(p.currentTime, o.currentTime, o.duration);
          if (target !== undefined) moveTo(o, target);
        }
      },
      opts,
    );
  }

  const api: MediaSync = {
    players: all,
    play() {
      const ps = live();
      const d = api.duration();
      // Everything finished: start over together, as a single player would.
      const restart = ps.every((p) => p.ended || (d > 0 && p.currentTime >= (p.duration || d) - 0.05));
      const t = restart ? 0 : api.time();
      for (const p of ps) {
        if (Number.isFinite(p.duration) && t >= p.duration - 0.05) continue;
        if (Math.abs(clampTime(t, p.duration) - p.currentTime) > 0.01) moveTo(p, t);
        startOne(p);
      }
    },
    pause() {
      for (const p of live()) p.pause();
    },
    toggle() {
      if (api.playing()) api.pause();
      else api.play();
    },
    seek(t) {
      for (const p of live()) moveTo(p, t);
    },
    step(frames, fps) {
      api.pause();
      const next = stepFrameTime(api.time(), frames, fps, api.duration());
      for (const p of live()) moveTo(p, next);
    },
    time: () => leader()?.currentTime ?? 0,
    duration: () => sharedDuration(live().map((p) => p.duration)),
    playing: () => live().some((p) => !p.paused && !p.ended),
    dispose: () => {
      ac.abort();
      commanded.clear();
    },
  };
  return api;
}
