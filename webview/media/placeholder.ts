// The placeholder for media that is missing, unreadable, remote (not allowed) or cannot play here.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { type MediaHandle } from './dom';
import { displayName } from './mediaKind';

/** Builds the placeholder element: what went wrong and every path that was tried (never a whole data: URI). */
export function placeholderElement(view: MediaView, message?: string): HTMLElement {
  const box = el('div', 'media-missing');
  box.setAttribute('role', 'note');
  box.dataset.modality = view.modality;
  const icon = { image: 'file-media', video: 'device-camera-video', audio: 'unmute', '3d': 'symbol-misc' }[
    view.modality
  ];
  box.append(el('span', `codicon codicon-${icon} media-missing-icon`));
  const text = el('div', 'media-missing-text');
  text.append(el('div', 'media-missing-message', message ?? view.error ?? `${capitalise(view.modality)} unavailable`));
  const paths = triedPaths(view);
  if (paths.length) {
    text.append(el('div', 'media-missing-label', paths.length > 1 ? 'Paths tried:' : 'Path tried:'));
    const list = el('ul', 'media-missing-paths');
    for (const p of paths) list.append(el('li', undefined, p));
    text.append(list);
  }
  box.append(text);
  return box;
}

export function renderPlaceholder(container: HTMLElement, view: MediaView, message?: string): MediaHandle {
  const box = placeholderElement(view, message);
  container.append(box);
  return { dispose: () => box.remove() };
}

function triedPaths(view: MediaView): string[] {
  const paths = view.tried?.length ? [...view.tried] : [];
  if (!paths.length && view.label) paths.push(view.label);
  if (!paths.length && view.src) paths.push(view.src.startsWith('data:') ? displayName(view) : view.src);
  return paths;
}

function capitalise(s: string): string {
  return s === '3d' ? '3D model' : s[0].toUpperCase() + s.slice(1);
}
