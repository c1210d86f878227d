// Tiny DOM builders shared by the renderers, and the handle every renderer returns.

/** What every renderer returns: dispose() removes its elements and listeners, stops playback, frees GPU memory. */
export interface MediaHandle {
  dispose(): void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A toolbar button showing one codicon, labelled for screen readers and tooltips. */
export function iconButton(icon: string, label: string): HTMLButtonElement {
  const b = h('button', 'media-btn');
  b.type = 'button';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.append(h('span', `codicon codicon-${icon}`));
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
  const fig = h('figure', 'media-figure');
  fig.append(...content);
  if (caption) fig.append(h('figcaption', 'media-caption', caption));
  return fig;
}

/** Media elements keep downloading and decoding after removal unless their source is dropped. */
export function releaseMedia(el: HTMLMediaElement): void {
  el.pause();
  el.removeAttribute('src');
  el.load();
}
