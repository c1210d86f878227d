// Where the pair view hands media to the renderers (webview/media). Until they are wired in, a plain element.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';

export interface Disposable {
  dispose(): void;
}

export function renderMedia(container: HTMLElement, view: MediaView): Disposable {
  container.append(plainMedia(view));
  return { dispose: () => container.replaceChildren() };
}

export function renderMediaPair(a: HTMLElement, b: HTMLElement, viewA: MediaView, viewB: MediaView): Disposable {
  const ha = renderMedia(a, viewA);
  const hb = renderMedia(b, viewB);
  return { dispose: () => (ha.dispose(), hb.dispose()) };
}

function plainMedia(view: MediaView): HTMLElement {
  if (!view.src || view.error) {
    const box = el('div', 'media-missing');
    box.append(el('div', 'media-missing-title', `${view.modality} unavailable: ${view.error ?? 'no source'}`));
    for (const t of view.tried ?? []) box.append(el('div', 'media-missing-path', t));
    return box;
  }
  switch (view.modality) {
    case 'image': {
      const img = el('img', 'media-image');
      img.src = view.src;
      img.alt = view.label ?? 'image';
      return img;
    }
    case 'video': {
      const v = el('video', 'media-video');
      v.controls = true;
      v.preload = 'metadata';
      v.src = view.src;
      return v;
    }
    case 'audio': {
      const a = el('audio', 'media-audio');
      a.controls = true;
      a.preload = 'metadata';
      a.src = view.src;
      return a;
    }
    case '3d':
      return el('div', 'media-missing', `3D asset ${view.label ?? view.src} (viewer not loaded)`);
  }
}
