import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { dataLinkUrl } from '../../../src/core/view/dataLink';
import { MessageType, type FromWebviewMessage } from '../../../src/protocol';
import type { HostApi } from '../../../webview/hostApi';
import { routeDataLinks } from '../../../webview/text/dataLinks';
import { renderMarkdown } from '../../../webview/text/markdown';

test('only http(s) and mailto links without control characters may be offered for opening', () => {
  assert.equal(dataLinkUrl('https://example.org/a?b=c'), 'https://example.org/a?b=c');
  assert.equal(dataLinkUrl('mailto:a@b.example'), 'mailto:a@b.example');
  for (const bad of [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'vscode://x',
    'https://',
    'https://a\nb',
    42,
    undefined,
    'https://x/' + 'a'.repeat(3000),
  ]) {
    assert.equal(dataLinkUrl(bad), undefined, String(bad).slice(0, 40));
  }
});

test('a click on a link from the data goes to the host only, and stops before any other listener', () => {
  const dom = new JSDOM('<body></body>');
  const { window } = dom;
  const purify = createDOMPurify(window);
  const sent: FromWebviewMessage[] = [];
  const host = { notify: (m: FromWebviewMessage) => sent.push(m) } as unknown as HostApi;
  routeDataLinks(host, window as unknown as Window);
  // Stands in for VS Code's webview click handler (it posts did-click-link for anchors).
  let reachedOthers = 0;
  window.addEventListener('click', () => reachedOthers++);
  window.document.body.innerHTML = `<div class="markdown-body">${renderMarkdown('see [docs](https://example.org/x) and mailto:me@x.example', purify)}</div><p id="plain">plain</p>`;
  const links = window.document.querySelectorAll('.data-link');
  assert.equal(links.length, 2);
  for (const l of links) {
    const ev = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    l.dispatchEvent(ev);
    assert.equal(ev.defaultPrevented, true);
  }
  links[0].dispatchEvent(new window.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }));
  assert.equal(reachedOthers, 0, 'VS Code never sees the click');
  assert.deepEqual(sent, [
    { type: MessageType.OpenLink, url: 'https://example.org/x' },
    { type: MessageType.OpenLink, url: 'mailto:me@x.example' },
  ]);
  // Other clicks pass through untouched.
  window.document.getElementById('plain')!.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
  assert.equal(reachedOthers, 1);
});
