// Decides when the 1 / 2 / 0 label keys may act, and tells the host (which sets the keybindings' context key).
// They act only while focus is on the list or the pair view *and the user put it there*: a click there, or an
// arrow / Home / End / Page key there. Typing in a field, focus leaving the webview, or focus landing on any other
// control turns them off; focus the app moves by itself (Escape from a field, opening a pair) never turns them on.
import { MessageType } from '../../src/protocol';
import type { HostApi } from '../hostApi';

const TEXT = /^(INPUT|TEXTAREA|VSCODE-TEXTFIELD|VSCODE-TEXTAREA|VSCODE-SINGLE-SELECT)$/;
/** Keys that move through the rows and carry no text: pressing one on the list is a choice to work there. */
const NAVIGATION = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
const LABEL_KEYS = new Set(['1', '2', '0']);

/** Chords a text field keeps for itself: its own undo, clipboard, select-all and caret moves. */
const TEXT_EDITING_CHORD = /^(z|y|a|c|v|x|backspace|delete|arrowleft|arrowright|arrowup|arrowdown|home|end)$/i;

/**
 * Keys VS Code must see from every text field: chords with Ctrl, Meta or Alt (Ctrl+Shift+P, Ctrl+S, Alt+…) and the
 * function keys (F1…), except the editing chords a field needs for its own text.
 */
export function isWorkbenchKey(e: KeyboardEvent): boolean {
  if (/^F\d{1,2}$/.test(e.key)) return true;
  if (!(e.ctrlKey || e.metaKey || e.altKey)) return false;
  return e.altKey || !TEXT_EDITING_CHORD.test(e.key);
}

/** Whether `a` (or the element focused inside its shadow roots) takes typed text. */
export function isTextField(a: Element | null): boolean {
  while (a) {
    if (TEXT.test(a.tagName) || (a instanceof HTMLElement && a.isContentEditable)) return true;
    a = a.shadowRoot?.activeElement ?? null;
  }
  return false;
}

export class LabelKeyGate {
  private armed = false;
  private sent: boolean | undefined;

  constructor(
    private readonly host: HostApi,
    /** The list and the pair view: where a label key has a pair to act on. */
    private readonly regions: () => HTMLElement[],
    /** A label key pressed on the list while the keys are off: say how to turn them on. */
    private readonly onInertKey: () => void,
  ) {
    const inRegion = (t: EventTarget | null) =>
      t instanceof Node && this.regions().some((r) => !r.hidden && r.contains(t));
    document.addEventListener(
      'pointerdown',
      (e) => {
        const target = e.composedPath()[0] as Element | undefined;
        this.armed = inRegion(target ?? null) && !isTextField(target ?? null);
        setTimeout(() => this.update(), 0);
      },
      true,
    );
    document.addEventListener(
      'keydown',
      (e) => {
        if (isWorkbenchKey(e) || isTextField(document.activeElement) || !inRegion(document.activeElement)) return;
        if (NAVIGATION.has(e.key)) {
          this.armed = true;
          this.update();
        } else if (LABEL_KEYS.has(e.key) && !this.armed) this.onInertKey();
      },
      true,
    );
    document.addEventListener('focusin', () => this.update());
    document.addEventListener('focusout', () => setTimeout(() => this.update(), 0));
    // Focus leaving the webview for the workbench keeps activeElement where it was: nobody is on the list now.
    window.addEventListener('blur', () => {
      this.armed = false;
      this.update();
    });
    this.update();
  }

  /** Whether a label key would act now (the dev page and tests read it). */
  get active(): boolean {
    return this.sent ?? false;
  }

  private update(): void {
    const a = document.activeElement;
    const typing = isTextField(a);
    const inRegion = !!a && this.regions().some((r) => !r.hidden && r.contains(a));
    // Focus on another control turns the keys off; focus dropped to <body> (a redrawn view) leaves them as they are.
    if (typing || (!inRegion && a !== document.body && a !== null)) this.armed = false;
    const on = this.armed && inRegion && !typing && document.hasFocus();
    document.body.dataset.labelKeys = String(on);
    if (on === this.sent) return;
    this.sent = on;
    this.host.notify({ type: MessageType.KeyFocus, labelKeys: on });
  }
}
