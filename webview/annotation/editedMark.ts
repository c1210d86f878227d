// The mark on a row with unsaved changes: a pencil icon with words for screen readers, coloured like VS Code's
// "modified" decorations (shape and text, never colour alone).
import { el, icon } from '../components/badges';

export function editedMark(): HTMLElement {
  const m = el('span', 'edited-mark');
  m.dataset.testid = 'edited-mark';
  m.title = 'Edited, not saved yet';
  m.append(icon('edit'), el('span', 'visually-hidden', 'edited, not saved'));
  return m;
}
