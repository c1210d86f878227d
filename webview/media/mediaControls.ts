// The one control bar shared by synchronised players: play/pause, frame steps (video), a seek slider,
// the time, and for pairs which side you hear (positions stay in sync either way).
import { el } from '../components/badges';
import { iconButton, setIcon, type MediaHandle } from './dom';
import type { MediaSync } from './mediaSync';
import { DEFAULT_FPS, formatTime } from './timeMath';

export type Listen = 'A' | 'B' | 'both';

export interface ControlsOptions {
  /** Show ‹ › frame-step buttons (video). */
  frameStep?: boolean;
  /** Frames per second for the steps, read at each step (it may be learnt during playback). */
  fps?: () => number;
  /** For pairs: which side is audible at first. Omit for a single player. */
  listen?: Listen;
}

export function renderMediaControls(host: HTMLElement, sync: MediaSync, options: ControlsOptions = {}): MediaHandle {
  const ac = new AbortController();
  const opts = { signal: ac.signal };
  const fps = options.fps ?? (() => DEFAULT_FPS);
  const bar = el('div', 'media-toolbar media-controls');
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', sync.players.length > 1 ? 'Playback of A and B together' : 'Playback');

  const play = iconButton('play', 'Play');
  play.classList.add('media-play');
  play.addEventListener('click', () => sync.toggle(), opts);
  bar.append(play);

  if (options.frameStep) {
    const back = iconButton('chevron-left', 'Previous frame');
    const fwd = iconButton('chevron-right', 'Next frame');
    back.classList.add('media-frame-back');
    fwd.classList.add('media-frame-forward');
    const label = (): void => {
      back.title = `Previous frame (${fps()} fps)`;
      fwd.title = `Next frame (${fps()} fps)`;
    };
    back.addEventListener('pointerenter', label, opts);
    fwd.addEventListener('pointerenter', label, opts);
    back.addEventListener('click', () => sync.step(-1, fps()), opts);
    fwd.addEventListener('click', () => sync.step(1, fps()), opts);
    label();
    bar.append(back, fwd);
  }

  const seek = el('input', 'media-seek');
  seek.type = 'range';
  seek.min = '0';
  seek.step = 'any';
  seek.value = '0';
  seek.setAttribute('aria-label', 'Seek');
  let dragging = false;
  seek.addEventListener(
    'input',
    () => {
      dragging = true;
      sync.seek(Number(seek.value));
      seek.style.setProperty('--media-seek-fill', `${(Number(seek.value) / Math.max(1e-9, sync.duration())) * 100}%`);
      time.textContent = `${formatTime(Number(seek.value))} / ${formatTime(sync.duration())}`;
    },
    opts,
  );
  seek.addEventListener(
    'change',
    () => {
      dragging = false;
    },
    opts,
  );
  const time = el('span', 'media-time', '0:00.0 / 0:00.0');
  bar.append(seek, time);

  if (options.listen && sync.players.length > 1) bar.append(listenSelector(sync.players, options.listen, ac.signal));
  host.append(bar);

  const update = (): void => {
    const playing = sync.playing();
    setIcon(play, playing ? 'debug-pause' : 'play', playing ? 'Pause' : 'Play');
    const d = sync.duration();
    seek.max = String(d || 0);
    if (!dragging) seek.value = String(Math.min(sync.time(), d || 0));
    seek.style.setProperty('--media-seek-fill', `${d > 0 ? (Number(seek.value) / d) * 100 : 0}%`);
    if (!dragging) time.textContent = `${formatTime(sync.time())} / ${formatTime(d)}`;
  };
  for (const p of sync.players) {
    for (const ev of ['play', 'pause', 'ended', 'timeupdate', 'seeked', 'durationchange', 'loadedmetadata', 'emptied'])
      p.addEventListener(ev, update, opts);
  }
  update();
  return {
    dispose: () => {
      ac.abort();
      bar.remove();
    },
  };
}

/** "Hear: A | B | Both" — mutes the other side so two sounds playing at once can be told apart. */
function listenSelector(players: readonly HTMLMediaElement[], initial: Listen, signal: AbortSignal): HTMLElement {
  const group = el('div', 'media-segmented media-listen');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Which side you hear');
  group.append(el('span', 'media-toolbar-label', 'Hear'));
  const buttons = (['A', 'B', 'both'] as const).map((side) => {
    const b = el('button', 'media-segment', side === 'both' ? 'Both' : side);
    b.type = 'button';
    b.dataset.listen = side;
    b.title = side === 'both' ? 'Hear A and B together' : `Hear only ${side} (the other keeps playing, muted)`;
    group.append(b);
    return b;
  });
  const set = (side: Listen): void => {
    players.forEach((p, i) => {
      p.muted = side !== 'both' && side !== (i === 0 ? 'A' : 'B');
    });
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.listen === side));
  };
  for (const b of buttons) b.addEventListener('click', () => set(b.dataset.listen as Listen), { signal });
  set(initial);
  return group;
}
