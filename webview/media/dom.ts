// Tiny DOM builders shared by the renderers (over the webview's one `el`), and the handle every renderer returns.
import { el } from '../components/badges';

/** What every renderer returns: dispose() removes its elements and listeners, stops playback, frees GPU memory. */
export interface MediaHandle {
  dispose(): void;
}

/** A toolbar button showing one codicon, labelled for screen readers and tooltips. */
export function iconButton(icon: string, label: string): HTMLButtonElement {
  const b = el('button', 'media-btn');
  b.type = 'button';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.append(el('span', `codicon codicon-${icon}`));
  return b;
}

/** Swaps the codicon shown by an iconButton (e.g. play ⇄ pause). */
export function setIcon(button: HTMLButtonElement, icon: string, label: string): void {
  const span = button.firstElementChild as HTMLElement;
  span.className = `codicon codicon-${icon}`;
  button.title = label;
  button.setAttribute('aria-label', label);
}

/** A figure holding one media element with its caption (the file name the user recognises). */
export function figure(caption: string, ...content: HTMLElement[]): HTMLElement {
  const fig = el('figure', 'media-figure');
  fig.append(...content);
  if (caption) fig.append(el('figcaption', 'media-caption', caption));
  return fig;
}

/** Media elements keep downloading and decoding after removal unless their source is dropped. */
export function releaseMedia(el: HTMLMediaElement): void {
  el.pause();
  el.removeAttribute('src');
  el.load();
}
