import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { renderMarkdown } from '../../../webview/text/markdown';

const window = new JSDOM('').window;
const purify = createDOMPurify(window);

function render(text: string): Document {
  const html = renderMarkdown(text, purify);
  return new JSDOM(`<body>${html}</body>`).window.document;
}

test('renders a script tag in a response as inert text', () => {
  const doc = render('Hello <script>window.pwned = 1</script> world');
  assert.equal(doc.querySelectorAll('script').length, 0);
  assert.match(doc.body.textContent ?? '', /<script>window\.pwned = 1<\/script>/);
});

test('drops onerror handlers from img tags written as raw HTML', () => {
  const doc = render('<img src=x onerror="alert(1)">');
  for (const el of doc.querySelectorAll('*')) assert.equal(el.getAttribute('onerror'), null);
  assert.equal(doc.querySelectorAll('img').length, 0, 'raw HTML stays text');
});

test('removes javascript: links from markdown links', () => {
  const doc = render('[click me](javascript:alert(1)) and <a href="javascript:alert(2)">raw</a>');
  for (const a of doc.querySelectorAll('a')) assert.doesNotMatch(a.getAttribute('href') ?? '', /javascript:/i);
  assert.match(doc.body.textContent ?? '', /click me/);
});

test('keeps an SVG with a script as text, never as an element', () => {
  const doc = render('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>');
  assert.equal(doc.querySelectorAll('svg, script, circle').length, 0);
  assert.match(doc.body.textContent ?? '', /<svg/);
});

test('keeps ordinary markdown: emphasis, lists; links become text that remembers its URL', () => {
  const doc = render('**bold** and *it*\n\n- one\n- two\n\n[docs](https://example.org/x)');
  assert.equal(doc.querySelector('strong')?.textContent, 'bold');
  assert.equal(doc.querySelectorAll('li').length, 2);
  const link = doc.querySelector('.data-link');
  assert.equal(link?.tagName, 'SPAN');
  assert.equal(link?.textContent, 'docs');
  assert.equal(link?.getAttribute('data-href'), 'https://example.org/x');
});

test('no anchor survives: markdown, autolinked, mailto and raw HTML links render as text', () => {
  const doc = render(
    '[a](https://x.example) <https://y.example> see https://z.example or mailto:me@x.example <a href="https://w.example">raw</a> [bad](javascript:alert(1))',
  );
  assert.equal(doc.querySelectorAll('a, [href]').length, 0);
  const hrefs = [...doc.querySelectorAll('.data-link')].map((e) => e.getAttribute('data-href'));
  // Raw HTML stays text, so its URL is just another autolinked address.
  assert.deepEqual(hrefs, [
    'https://x.example',
    'https://y.example',
    'https://z.example',
    'mailto:me@x.example',
    'https://w.example',
  ]);
  for (const e of doc.querySelectorAll('*')) for (const a of e.attributes) assert.doesNotMatch(a.value, /javascript:/i);
});

test('highlights fenced code blocks with the named language', () => {
  const doc = render('```python\ndef f(x):\n    return x + 1\n```');
  const pre = doc.querySelector('pre.hljs');
  assert.ok(pre, 'a highlighted block');
  assert.equal(pre.querySelector('.hljs-keyword')?.textContent, 'def');
  assert.match(pre.textContent ?? '', /return x \+ 1/);
});

test('escapes HTML inside code blocks instead of interpreting it', () => {
  const doc = render('```html\n<img src=x onerror=alert(1)>\n```');
  assert.equal(doc.querySelectorAll('img').length, 0);
  assert.match(doc.querySelector('pre')?.textContent ?? '', /<img src=x onerror=alert\(1\)>/);
});

test('table alignment is a class, never a style attribute (the CSP blocks inline styles)', () => {
  const html = renderMarkdown('| a | b |\n| :-- | --: |\n| 1 | 2 |', purify);
  assert.doesNotMatch(html, /style=/);
  assert.match(html, /class="align-right"/);
});
