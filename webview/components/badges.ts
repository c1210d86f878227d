// Small pieces shared by the list and the pair view: codicons, modality badges, label chips.
import type { Label, Modality } from '../../src/core/dataset/types';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function icon(name: string, title?: string): HTMLElement {
  const i = el('span', `codicon codicon-${name}`);
  i.setAttribute('aria-hidden', 'true');
  if (title) i.title = title;
  return i;
}

const MODALITY_ICON: Record<Modality, string> = {
  text: 'symbol-text',
  image: 'file-media',
  video: 'device-camera-video',
  audio: 'unmute',
  '3d': 'symbol-namespace',
};

export function modalityBadges(inputs: Modality[], outputs: Modality[]): HTMLElement {
  const wrap = el('span', 'modalities');
  const add = (m: Modality) => {
    const b = el('span', `modality modality-${m === '3d' ? 'mesh' : m}`);
    b.append(icon(MODALITY_ICON[m]), document.createTextNode(m));
    b.title = m;
    wrap.append(b);
  };
  inputs.forEach(add);
  if (outputs.length) wrap.append(el('span', 'arrow codicon codicon-arrow-small-right'));
  outputs.forEach(add);
  return wrap;
}

const LABEL_TEXT: Record<Label, string> = { A: 'A', B: 'B', tie: 'tie', none: 'none' };

export function labelChip(label: Label, cls = 'label-chip'): HTMLElement {
  const c = el('span', `${cls} label-${label}`, LABEL_TEXT[label]);
  c.title = label === 'none' ? 'unlabelled' : label === 'tie' ? 'tie' : `${label} is better`;
  return c;
}
