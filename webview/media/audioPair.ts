// Audio: a waveform over a real <audio> element for each side; a pair plays, pauses and seeks together
// from one control bar, a waveform click seeks both.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { figure, releaseMedia, type MediaHandle } from './dom';
import { renderMediaControls } from './mediaControls';
import { displayName } from './mediaKind';
import { syncMedia } from './mediaSync';
import { placeholderElement } from './placeholder';
import { renderWaveform, type Waveform } from './waveform';

/** Renders views[i] into containers[i]; for two or more, the shared control bar goes into `bar`. */
export function renderAudios(containers: HTMLElement[], views: MediaView[], bar?: HTMLElement): MediaHandle {
  const ac = new AbortController();
  const shown: HTMLElement[] = [];
  const waves: Waveform[] = [];
  const audios = views.map((view, i) => {
    const name = displayName(view);
    const audio = el('audio', 'media-audio');
    audio.preload = 'metadata';
    audio.controls = true;
    const canvas = el('canvas', 'media-waveform');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Waveform of ${name}; click to seek`);
    const note = el('div', 'media-note');
    note.hidden = true;
    let fig = figure(view.label ?? '', canvas, audio, note);
    fig.classList.add('media-audio-item');
    shown[i] = fig;
    containers[i].append(fig);
    audio.addEventListener(
      'error',
      () => {
        const box = placeholderElement(
          view,
          `This audio cannot be played here: ${name} is damaged or in a format this build does not decode.`,
        );
        if (audio.error?.message) box.title = audio.error.message;
        fig.replaceWith(box);
        shown[i] = fig = box;
        if (bar && audios.every((a) => a.error)) bar.hidden = true;
      },
      { signal: ac.signal, once: true },
    );
    audio.src = view.src ?? '';
    const wave = renderWaveform(canvas, audio, view.src ?? '');
    wave.ready.catch((e: Error) => {
      // Playback may still work where decoding for the picture failed; say why the picture is missing.
      canvas.hidden = true;
      note.hidden = false;
      note.textContent = `No waveform for ${name}: ${e.message}. The player below still works.`;
    });
    waves.push(wave);
    return audio;
  });
  const sync = syncMedia(audios);
  // Two voices at once are hard to tell apart: hear A by default, switch sides without losing the position.
  const controls = bar && audios.length > 1 ? renderMediaControls(bar, sync, { listen: 'A' }) : undefined;
  return {
    dispose: () => {
      ac.abort();
      controls?.dispose();
      sync.dispose();
      for (const w of waves) w.dispose();
      for (const a of audios) releaseMedia(a);
      for (const el of shown) el.remove();
    },
  };
}

export function renderAudio(container: HTMLElement, view: MediaView): MediaHandle {
  return renderAudios([container], [view]);
}
