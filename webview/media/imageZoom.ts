// Click-to-zoom: the image large over the whole webview; a click or Escape closes it.
import { el } from '../components/badges';

/** Opens the overlay and returns a function that closes it (also called on dispose of the owning view). */
export function openZoom(src: string, alt: string): () => void {
  const overlay = el('div', 'media-zoom');
  overlay.setAttribute('role', 'dialog');
  overlay.setAttribute('aria-label', `${alt} (click or Escape to close)`);
  overlay.tabIndex = -1;
  const img = el('img', 'media-zoom-image');
  img.src = src;
  img.alt = alt;
  overlay.append(img, el('div', 'media-zoom-hint', `${alt} — click or Esc to close`));
  const previous = document.activeElement as HTMLElement | null;
  const ac = new AbortController();
  const close = (): void => {
    ac.abort();
    overlay.remove();
    previous?.focus?.();
  };
  overlay.addEventListener('click', close, { signal: ac.signal });
  // Capture phase: Escape closes the zoom instead of reaching the editor (where it means "back to the list").
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape') {
        e.stopImmediatePropagation();
        e.preventDefault();
        close();
      }
    },
    { capture: true, signal: ac.signal },
  );
  document.body.append(overlay);
  overlay.focus();
  return close;
}
