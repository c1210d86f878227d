// The standalone demo page: every media renderer on sample media, in a chosen theme (?theme=dark|light|hc).
import type { MediaView } from '../../../src/protocol';
import { renderMedia, renderMediaPair, type MediaHandle } from '../index';
import './demo.css';

/** Written by build.mjs from samples/ (or generated stand-ins). */
interface Manifest {
  imagePair: [MediaView, MediaView];
  imageData: MediaView;
  multiView: MediaView[];
  videoPair: [MediaView, MediaView];
  videoBroken: MediaView;
  audioPair: [MediaView, MediaView];
  meshes: MediaView[];
  meshBroken: MediaView;
  missing: [MediaView, MediaView];
}

declare global {
  interface Window {
    mediaDemo?: {
      handles: MediaHandle[];
      manifest: Manifest;
      api: { renderMedia: typeof renderMedia; renderMediaPair: typeof renderMediaPair };
      disposeAll(): void;
    };
  }
}

const theme = new URLSearchParams(location.search).get('theme') ?? 'dark';
document.documentElement.className =
  { dark: 'vscode-dark', light: 'vscode-light', hc: 'vscode-high-contrast' }[theme] ?? 'vscode-dark';

const handles: MediaHandle[] = [];
const main = document.getElementById('demo') as HTMLElement;

function section(id: string, title: string, note?: string): HTMLElement {
  const s = document.createElement('section');
  s.className = 'demo-section';
  s.dataset.section = id;
  const h2 = document.createElement('h2');
  h2.textContent = title;
  s.append(h2);
  if (note) {
    const p = document.createElement('p');
    p.textContent = note;
    s.append(p);
  }
  main.append(s);
  return s;
}

function panes(parent: HTMLElement, titles: string[]): HTMLElement[] {
  const grid = document.createElement('div');
  grid.className = 'demo-pair';
  parent.append(grid);
  return titles.map((t, i) => {
    const pane = document.createElement('div');
    pane.className = 'demo-pane';
    pane.dataset.testid = i === 0 ? 'response-a' : 'response-b';
    const h3 = document.createElement('h3');
    h3.textContent = t;
    pane.append(h3);
    grid.append(pane);
    return pane;
  });
}

function pair(id: string, title: string, views: [MediaView, MediaView], note?: string): void {
  const [a, b] = panes(section(id, title, note), ['Response A', 'Response B']);
  handles.push(renderMediaPair(a, b, views[0], views[1]));
}

async function main_(): Promise<void> {
  const m = (await (await fetch('manifest.json')).json()) as Manifest;
  pair(
    'image-pair',
    'Images: a pair',
    m.imagePair,
    'Click an image to zoom; switch to the slider to drag a divider over A and B.',
  );
  {
    const s = section(
      'image-single',
      'Images: a data: URI and 3D multi-view renders',
      'Omni-RewardBench 3D responses are rendered views, shown as images.',
    );
    const [a, b] = panes(s, ['data: URI', 'Multi-view renders (modality 3d)']);
    handles.push(renderMedia(a, m.imageData));
    for (const v of m.multiView) handles.push(renderMedia(b, v));
  }
  pair('video-pair', 'Video: a pair', m.videoPair, 'One bar plays, pauses, seeks and frame-steps both clips.');
  {
    const [a, b] = panes(section('video-single', 'Video: single, and one that cannot play'), [
      'Single video',
      'Unplayable file',
    ]);
    handles.push(renderMedia(a, m.videoPair[1]));
    handles.push(renderMedia(b, m.videoBroken));
  }
  pair('audio-pair', 'Audio: a pair', m.audioPair, 'Waveforms from the decoded samples; click one to seek both.');
  pair(
    'mesh-pair',
    '3D: glTF and OBJ meshes',
    [m.meshes[0], m.meshes[1]],
    'Drag to orbit, scroll to zoom, right-drag to pan.',
  );
  {
    const [a, b] = panes(section('mesh-single', '3D: PLY, an unsupported format, a truncated file'), [
      'PLY mesh',
      'Unsupported or broken',
    ]);
    handles.push(renderMedia(a, m.meshes[2]));
    handles.push(
      renderMedia(b, { modality: '3d', src: m.meshes[0].src?.replace(/\.glb$/, '.fbx'), label: 'model.fbx' }),
    );
    handles.push(renderMedia(b, m.meshBroken));
  }
  pair('missing', 'Missing media', m.missing);
  window.mediaDemo = {
    handles,
    manifest: m,
    api: { renderMedia, renderMediaPair },
    disposeAll: () => {
      for (const h of handles.splice(0)) h.dispose();
    },
  };
  document.body.dataset.ready = 'true';
}

main_().catch((e: Error) => {
  main.textContent = `Demo failed: ${e.message}`;
});
