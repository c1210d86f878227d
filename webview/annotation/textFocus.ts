// Tells the host when a text field has focus, so the 1 / 2 / 0 label keybindings (which VS Code sees for every key
// the webview forwards) stay out of the way while the user types.
import { MessageType } from '../../src/protocol';
import type { HostApi } from '../hostApi';

const TEXT = /^(INPUT|TEXTAREA|VSCODE-TEXTFIELD|VSCODE-TEXTAREA|VSCODE-SINGLE-SELECT)$/;

export function reportTextFocus(host: HostApi): void {
  let last = false;
  const update = () => {
    let a: Element | null = document.activeElement;
    let typing = false;
    while (a) {
      if (TEXT.test(a.tagName) || (a instanceof HTMLElement && a.isContentEditable)) typing = true;
      a = a.shadowRoot?.activeElement ?? null;
    }
    if (typing !== last) {
      last = typing;
      host.notify({ type: MessageType.TextInputFocus, focused: typing });
    }
  };
  document.addEventListener('focusin', update);
  document.addEventListener('focusout', () => setTimeout(update, 0));
  // Focus leaving the webview for the workbench keeps activeElement on the field: nobody is typing in it now.
  window.addEventListener('blur', () => {
    if (last) host.notify({ type: MessageType.TextInputFocus, focused: (last = false) });
  });
  window.addEventListener('focus', update);
}
