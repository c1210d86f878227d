// The criterion field of the pair view, editable: Edit (or double-click) opens a text area; Enter, leaving the field or
// Apply commits once (one undoable edit on the host), Shift+Enter adds a line, Escape cancels. `commit` is the one
// path a committed criterion takes; a future "probe" mode can reuse the field without calling it.
import { el, icon } from '../components/badges';
import { textBlock } from '../text/textView';
import { isWorkbenchKey } from './keyFocus';

export type CommitCriterion = (text: string) => Promise<{ ok: boolean; message?: string }>;

export function criterionEditor(
  content: HTMLElement,
  criterion: string | undefined,
  commit: CommitCriterion | undefined,
): void {
  const show = () => {
    content.replaceChildren();
    if (criterion) content.append(textBlock(criterion));
    else content.append(el('span', 'muted', 'This record has no criterion.'));
    if (!commit) return;
    const edit = el('button', 'annotation-button criterion-edit');
    edit.type = 'button';
    edit.dataset.testid = 'criterion-edit';
    edit.title = 'Edit the criterion (one undoable edit when you press Enter or leave the field)';
    edit.append(icon('edit'), document.createTextNode(criterion ? 'Edit' : 'Add criterion'));
    edit.addEventListener('click', open);
    content.append(edit);
  };

  const open = () => {
    if (!commit) return;
    const area = el('textarea', 'criterion-input');
    area.dataset.testid = 'criterion-input';
    area.value = criterion ?? '';
    area.rows = Math.min(8, Math.max(2, area.value.split('\n').length));
    area.setAttribute('aria-label', 'Criterion');
    const apply = el('button', 'annotation-button primary', 'Apply');
    apply.type = 'button';
    const cancel = el('button', 'annotation-button', 'Cancel');
    cancel.type = 'button';
    const status = el('span', 'criterion-status muted', 'Enter applies · Shift+Enter new line · Escape cancels');
    const bar = el('div', 'criterion-bar');
    bar.append(apply, cancel, status);
    let settled = false;
    const finish = async (save: boolean) => {
      if (settled) return;
      settled = true;
      const text = area.value;
      if (!save || text === (criterion ?? '')) return show();
      status.textContent = 'Applying…';
      const reply = await commit(text);
      if (reply.ok) {
        criterion = text; // the host refreshes the pair too; this avoids a flash of the old text
        show();
      } else {
        settled = false;
        status.textContent = reply.message ?? 'not applied';
        status.classList.add('error-message');
        area.focus();
      }
    };
    // Buttons must not take focus first, or the text area's blur would commit before Cancel is seen.
    for (const b of [apply, cancel]) b.addEventListener('pointerdown', (e) => e.preventDefault());
    apply.addEventListener('click', () => void finish(true));
    cancel.addEventListener('click', () => void finish(false));
    area.addEventListener('blur', () => void finish(true));
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void finish(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation(); // Escape here cancels the edit; it must not also leave the pair view
        void finish(false);
      }
      if (!isWorkbenchKey(e)) e.stopPropagation(); // VS Code's own keys (Ctrl/Meta/Alt, F1…) reach the workbench
    });
    content.replaceChildren(area, bar);
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  };

  show();
  if (commit)
    content.addEventListener('dblclick', (e) => {
      if (!(e.target as HTMLElement).closest('textarea')) open();
    });
}
