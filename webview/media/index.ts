// The media renderers' entry point: one item (renderMedia) or a preference pair (renderMediaPair).
import '@vscode/codicons/dist/codicon.css';
import './media.css';
import type { MediaView } from '../../src/protocol';
import { renderAudio, renderAudios } from './audioPair';
import { el } from '../components/badges';
import { type MediaHandle } from './dom';
import { renderImage, renderImagePair } from './imageView';
import { rendererFor } from './mediaKind';
import { renderMesh } from './meshViewer';
import { renderMeshPair } from './meshPair';
import { renderPlaceholder } from './placeholder';
import { renderVideo, renderVideos, type VideoOptions } from './videoPair';

export type { MediaHandle } from './dom';

export interface MediaOptions extends VideoOptions {
  /**
   * Pairs only: where the shared control bar (video/audio) or the image compare toolbar goes. Default: a new
   * `.media-pair-bar` inserted right after the pane holding containerB, spanning both panes.
   */
  bar?: HTMLElement;
}

/** Renders one piece of media into `container` (appended), choosing the renderer from its modality and type. */
export function renderMedia(container: HTMLElement, view: MediaView, options: MediaOptions = {}): MediaHandle {
  switch (rendererFor(view)) {
    case 'missing':
      return renderPlaceholder(container, view);
    case 'image':
      return renderImage(container, view);
    case 'video':
      return renderVideo(container, view, options);
    case 'audio':
      return renderAudio(container, view);
    case 'mesh':
      return renderMesh(container, view);
  }
}

/**
 * Renders A into containerA and B into containerB. Two videos or two audios play, pause and seek together
 * from one shared bar; two images get a side-by-side / slider compare toggle; two meshes orbit together
 * (toggle in the bar). Anything else (one side missing, different kinds) renders each side on its own.
 */
export function renderMediaPair(
  containerA: HTMLElement,
  containerB: HTMLElement,
  viewA: MediaView,
  viewB: MediaView,
  options: MediaOptions = {},
): MediaHandle {
  const kind = rendererFor(viewA);
  if (kind !== rendererFor(viewB) || kind === 'missing') {
    const a = renderMedia(containerA, viewA, options);
    const b = renderMedia(containerB, viewB, options);
    return { dispose: () => (a.dispose(), b.dispose()) };
  }
  const ownBar = !options.bar;
  const bar = options.bar ?? placeBar(containerA, containerB);
  const handle =
    kind === 'image'
      ? renderImagePair(containerA, containerB, viewA, viewB, bar)
      : kind === 'video'
        ? renderVideos([containerA, containerB], [viewA, viewB], bar, options)
        : kind === 'audio'
          ? renderAudios([containerA, containerB], [viewA, viewB], bar)
          : renderMeshPair(containerA, containerB, viewA, viewB, bar);
  return {
    dispose: () => {
      handle.dispose();
      if (ownBar) bar.remove();
    },
  };
}

/** A full-width bar after the panes: after the child of the panes' common ancestor that holds containerB. */
function placeBar(containerA: HTMLElement, containerB: HTMLElement): HTMLElement {
  const bar = el('div', 'media-pair-bar');
  let pane: HTMLElement = containerB;
  while (pane.parentElement && !pane.parentElement.contains(containerA)) pane = pane.parentElement;
  if (pane.contains(containerA) || !pane.parentElement) containerB.append(bar);
  else pane.after(bar);
  return bar;
}
