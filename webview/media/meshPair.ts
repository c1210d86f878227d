// Two meshes side by side whose cameras orbit together (same viewing direction and relative zoom, each framed
// on its own model), with a toggle in the pair bar to orbit them separately.
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { type MediaHandle } from './dom';
import { renderMesh, type MeshHandle } from './meshViewer';

export function renderMeshPair(
  containerA: HTMLElement,
  containerB: HTMLElement,
  viewA: MediaView,
  viewB: MediaView,
  bar: HTMLElement,
): MediaHandle {
  const ac = new AbortController();
  let together = true;
  let a: MeshHandle | undefined;
  let b: MeshHandle | undefined;
  a = renderMesh(containerA, viewA, (pose) => together && b?.follow(pose));
  b = renderMesh(containerB, viewB, (pose) => together && a?.follow(pose));

  const toolbar = el('div', 'media-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '3D cameras');
  toolbar.append(el('span', 'media-toolbar-label', 'Orbit'));
  const group = el('div', 'media-segmented');
  const option = (icon: string, label: string, value: boolean): HTMLButtonElement => {
    const btn = el('button', 'media-segment');
    btn.type = 'button';
    btn.dataset.orbit = value ? 'together' : 'separately';
    btn.append(el('span', `codicon codicon-${icon}`), el('span', undefined, label));
    btn.addEventListener('click', () => set(value), { signal: ac.signal });
    group.append(btn);
    return btn;
  };
  const buttons = [option('link', 'Together', true), option('debug-disconnect', 'Separately', false)];
  const set = (value: boolean): void => {
    together = value;
    buttons.forEach((btn, i) => btn.setAttribute('aria-pressed', String((i === 0) === value)));
  };
  set(true);
  toolbar.append(group);
  bar.append(toolbar);

  return {
    dispose: () => {
      ac.abort();
      a?.dispose();
      b?.dispose();
      a = b = undefined;
      toolbar.remove();
    },
  };
}
