// Buttons beside the human label in the pair view: the mouse path to the same edit the 1 / 2 / 0 keys make.
import type { Label } from '../../src/core/dataset/types';
import { el } from '../components/badges';

export type SetLabel = (label: Label) => void;

const BUTTONS: [Label, string, string][] = [
  ['A', '1', 'A is better'],
  ['B', '2', 'B is better'],
  ['tie', '0', 'Tie'],
];

export function labelButtons(current: Label, labelKind: 'explicit' | 'implicit', setLabel: SetLabel): HTMLElement {
  const group = el('span', 'label-buttons');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Set the human label');
  for (const [label, key, words] of BUTTONS) {
    const b = el('button', `annotation-button label-button label-${label}`);
    b.type = 'button';
    b.dataset.testid = `set-label-${label}`;
    b.append(el('kbd', undefined, key), document.createTextNode(` ${words}`));
    b.setAttribute('aria-pressed', String(current === label));
    b.title =
      label === 'tie' && labelKind === 'implicit'
        ? 'This chosen/rejected format cannot say tie'
        : `Label: ${words} (key ${key})`;
    b.addEventListener('click', () => setLabel(label));
    group.append(b);
  }
  return group;
}
