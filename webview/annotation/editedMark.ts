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

/** The quieter mark on a row changed since the file was opened and saved since (auto save): it stays until close. */
export function changedMark(): HTMLElement {
  const m = el('span', 'changed-mark');
  m.dataset.testid = 'changed-mark';
  m.title = 'Changed since you opened the file (saved)';
  m.append(icon('circle-small-filled'), el('span', 'visually-hidden', 'changed since opened, saved'));
  return m;
}
