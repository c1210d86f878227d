// Images: fit to the pane, click to zoom; for a pair, a toggle between side by side and an A-over-B slider.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { figure, type MediaHandle } from './dom';
import { renderCompareDifference, renderCompareSlider } from './imageCompare';
import { openZoom } from './imageZoom';
import { displayName } from './mediaKind';
import { placeholderElement } from './placeholder';

export function renderImage(container: HTMLElement, view: MediaView): MediaHandle {
  const ac = new AbortController();
  const name = displayName(view);
  const img = el('img', 'media-image');
  img.alt = name;
  img.decoding = 'async';
  img.draggable = false;
  img.title = `${name} — click to zoom`;
  let fig = figure(view.label ?? '', img);
  let closeZoom: (() => void) | undefined;
  img.addEventListener(
    'click',
    () => {
      closeZoom = openZoom(img.currentSrc || img.src, name);
    },
    { signal: ac.signal },
  );
  img.addEventListener(
    'error',
    () => {
      const box = placeholderElement(
        view,
        `Could not decode this image (${name}): the file is missing, truncated or not an image.`,
      );
      fig.replaceWith(box);
      fig = box;
    },
    { signal: ac.signal, once: true },
  );
  img.src = view.src ?? '';
  container.append(fig);
  return {
    dispose: () => {
      ac.abort();
      closeZoom?.();
      fig.remove();
    },
  };
}

type CompareMode = 'side' | 'slider' | 'difference';

/** Both images in their own panes, plus a toolbar in `bar` switching to a slider (A over B) or |A − B| view. */
export function renderImagePair(
  containerA: HTMLElement,
  containerB: HTMLElement,
  viewA: MediaView,
  viewB: MediaView,
  bar: HTMLElement,
): MediaHandle {
  const ac = new AbortController();
  const a = renderImage(containerA, viewA);
  const b = renderImage(containerB, viewB);
  const toolbar = el('div', 'media-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Image comparison');
  toolbar.append(el('span', 'media-toolbar-label', 'Compare'));
  const group = el('div', 'media-segmented');
  const buttons: Record<CompareMode, HTMLButtonElement> = {
    side: segment(group, 'split-horizontal', 'Side by side'),
    slider: segment(group, 'arrow-both', 'Slider (A over B)'),
    difference: segment(group, 'diff', 'Difference'),
  };
  buttons.difference.title = 'Difference |A − B|: what differs shows bright (edits), the rest black';
  toolbar.append(group);
  const stage = el('div', 'media-compare-stage');
  bar.append(toolbar, stage);
  let compare: MediaHandle | undefined;

  const setMode = (mode: CompareMode): void => {
    for (const [m, btn] of Object.entries(buttons)) btn.setAttribute('aria-pressed', String(m === mode));
    const staged = mode !== 'side';
    containerA.classList.toggle('media-compare-hidden', staged);
    containerB.classList.toggle('media-compare-hidden', staged);
    compare?.dispose();
    compare =
      mode === 'slider'
        ? renderCompareSlider(stage, viewA, viewB)
        : mode === 'difference'
          ? renderCompareDifference(stage, viewA, viewB)
          : undefined;
  };
  for (const mode of Object.keys(buttons) as CompareMode[])
    buttons[mode].addEventListener('click', () => setMode(mode), { signal: ac.signal });
  setMode('side');

  return {
    dispose: () => {
      ac.abort();
      compare?.dispose();
      a.dispose();
      b.dispose();
      containerA.classList.remove('media-compare-hidden');
      containerB.classList.remove('media-compare-hidden');
      toolbar.remove();
      stage.remove();
    },
  };
}

function segment(group: HTMLElement, icon: string, label: string): HTMLButtonElement {
  const btn = el('button', 'media-segment');
  btn.type = 'button';
  btn.title = label;
  btn.append(el('span', `codicon codicon-${icon}`), el('span', undefined, label));
  group.append(btn);
  return btn;
}
