// Clicks on links written in the data: never navigate the webview and never reach VS Code's own link handler;
// the host opens them, after asking, when the user clicks one.
import { MessageType } from '../../src/protocol';
import type { HostApi } from '../hostApi';

export function routeDataLinks(host: HostApi, win: Window = window): void {
  const onActivate = (e: Event) => {
    const target = e.target as Element | null;
    const link = target?.closest?.('.markdown-body .data-link, .markdown-body a');
    if (!link) return;
    // Capture phase on the window: stopped here, the click reaches no other listener (VS Code's included).
    e.preventDefault();
    e.stopImmediatePropagation();
    const url = link.getAttribute('data-href');
    if (url && e.type !== 'auxclick') host.notify({ type: MessageType.OpenLink, url });
  };
  for (const type of ['click', 'auxclick']) win.addEventListener(type, onActivate, true);
}
