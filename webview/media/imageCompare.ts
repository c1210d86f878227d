// The slider compare: B underneath, A on top clipped at a divider the user drags (or moves with arrow keys).
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { type MediaHandle } from './dom';
import { displayName } from './mediaKind';

export function renderCompareSlider(host: HTMLElement, viewA: MediaView, viewB: MediaView): MediaHandle {
  const ac = new AbortController();
  const opts = { signal: ac.signal };
  const box = el('div', 'media-compare');
  const imgB = compareImage(viewB, 'media-compare-b');
  const imgA = compareImage(viewA, 'media-compare-a');
  const handle = el('div', 'media-compare-handle');
  handle.tabIndex = 0;
  handle.setAttribute('role', 'slider');
  handle.setAttribute('aria-label', 'Divider between A (left) and B (right)');
  handle.setAttribute('aria-valuemin', '0');
  handle.setAttribute('aria-valuemax', '100');
  handle.append(el('span', 'codicon codicon-arrow-both media-compare-grip'));
  box.append(
    imgB,
    imgA,
    handle,
    el('span', 'media-compare-tag media-compare-tag-a', 'A'),
    el('span', 'media-compare-tag media-compare-tag-b', 'B'),
  );
  host.append(box);

  let percent = 50;
  const set = (p: number): void => {
    percent = Math.min(100, Math.max(0, p));
    imgA.style.clipPath = `inset(0 ${100 - percent}% 0 0)`;
    handle.style.left = `${percent}%`;
    handle.setAttribute('aria-valuenow', String(Math.round(percent)));
  };
  set(50);

  // The box takes A's aspect ratio so the divider spans exactly the picture, never more than 55% of the view height.
  imgA.addEventListener('load', () => fitBox(box, imgA), opts);

  const fromPointer = (e: PointerEvent): void => {
    const r = box.getBoundingClientRect();
    set(((e.clientX - r.left) / Math.max(1, r.width)) * 100);
  };
  box.addEventListener(
    'pointerdown',
    (e) => {
      box.setPointerCapture(e.pointerId);
      fromPointer(e);
      handle.focus();
    },
    opts,
  );
  box.addEventListener(
    'pointermove',
    (e) => {
      if (box.hasPointerCapture(e.pointerId)) fromPointer(e);
    },
    opts,
  );
  handle.addEventListener(
    'keydown',
    (e) => {
      const step = e.shiftKey ? 10 : 2;
      const next = { ArrowLeft: percent - step, ArrowRight: percent + step, Home: 0, End: 100 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      set(next);
    },
    opts,
  );

  return {
    dispose: () => {
      ac.abort();
      box.remove();
    },
  };
}

/** |A − B| per pixel (A blended over B with `difference`): what an edit changed shows bright, the rest black. */
export function renderCompareDifference(host: HTMLElement, viewA: MediaView, viewB: MediaView): MediaHandle {
  const box = el('div', 'media-compare media-compare-difference');
  const imgB = compareImage(viewB, 'media-compare-b');
  const imgA = compareImage(viewA, 'media-compare-a');
  box.append(imgB, imgA, el('span', 'media-compare-tag media-compare-tag-a', '|A − B|'));
  host.append(box);
  const ac = new AbortController();
  imgA.addEventListener('load', () => fitBox(box, imgA), { signal: ac.signal });
  return {
    dispose: () => {
      ac.abort();
      box.remove();
    },
  };
}

function fitBox(box: HTMLElement, img: HTMLImageElement): void {
  const ratio = img.naturalWidth / Math.max(1, img.naturalHeight);
  box.style.aspectRatio = `${img.naturalWidth} / ${Math.max(1, img.naturalHeight)}`;
  box.style.width = `min(100%, calc(55vh * ${ratio.toFixed(4)}))`;
}

function compareImage(view: MediaView, className: string): HTMLImageElement {
  const img = el('img', `media-compare-image ${className}`);
  img.alt = displayName(view);
  img.draggable = false;
  img.src = view.src ?? '';
  return img;
}
