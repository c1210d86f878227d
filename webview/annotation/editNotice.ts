// The confirmation every edit gets, where the annotator looks: "line 699: A → B" with an Undo button, at the foot of
// the editor, replaced by the next edit and gone after a while. The Undo runs VS Code's own undo.
import { el, icon } from '../components/badges';

const SHOW_MS = 8000;

export class EditNotice {
  readonly el: HTMLElement;
  private readonly text = el('span', 'edit-notice-text');
  private readonly detail = el('span', 'edit-notice-detail');
  private timer = 0;

  constructor(undo: () => void) {
    this.el = el('div', 'edit-notice');
    this.el.dataset.testid = 'edit-notice';
    this.el.setAttribute('role', 'status');
    this.el.setAttribute('aria-live', 'polite');
    const button = el('button', 'annotation-button edit-notice-undo');
    button.type = 'button';
    button.dataset.testid = 'edit-notice-undo';
    button.title = 'Undo this edit (Ctrl+Z)';
    button.append(icon('discard'), document.createTextNode('Undo'));
    // The button must not take focus: the label keys stay on where the user put them.
    button.addEventListener('pointerdown', (e) => e.preventDefault());
    button.addEventListener('click', () => {
      undo();
      this.hide();
    });
    this.el.append(icon('edit'), this.text, this.detail, button);
    this.el.hidden = true;
  }

  show(text: string, detail?: string, undoable = true): void {
    this.text.textContent = text;
    this.detail.textContent = detail ? `· ${detail}` : '';
    this.el.querySelector<HTMLElement>('.edit-notice-undo')!.hidden = !undoable;
    this.el.hidden = false;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.hide(), SHOW_MS);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.el.hidden = true;
  }
}
