// The criterion editor in a DOM (jsdom): one commit per edit whatever ends it, nothing on cancel or no change.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { JSDOM } from 'jsdom';

let criterionEditor: typeof import('../../../webview/annotation/criterionEditor').criterionEditor;
let document: Document;
let win: Window & typeof globalThis;

before(async () => {
  const dom = new JSDOM('<!doctype html><body></body>');
  win = dom.window as unknown as Window & typeof globalThis;
  document = dom.window.document;
  Object.assign(globalThis, {
    document,
    window: dom.window,
    HTMLElement: dom.window.HTMLElement,
    Node: dom.window.Node,
    Element: dom.window.Element,
  });
  ({ criterionEditor } = await import('../../../webview/annotation/criterionEditor'));
});

function setup(initial: string | undefined, reply: { ok: boolean; message?: string } = { ok: true }) {
  const content = document.createElement('div');
  document.body.replaceChildren(content);
  const commits: string[] = [];
  criterionEditor(content, initial, async (text) => {
    commits.push(text);
    return reply;
  });
  const open = () => (content.querySelector('[data-testid="criterion-edit"]') as HTMLButtonElement).click();
  const area = () => content.querySelector('textarea') as HTMLTextAreaElement;
  const key = (k: string, shift = false) =>
    area().dispatchEvent(
      new win.KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true }),
    );
  return { content, commits, open, area, key };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test('Enter commits the new criterion once, and the blur that follows does not commit again', async () => {
  const e = setup('be concise');
  e.open();
  const area = e.area();
  area.value = 'be concise and cite sources';
  e.key('Enter');
  area.dispatchEvent(new win.FocusEvent('blur'));
  await settle();
  assert.deepEqual(e.commits, ['be concise and cite sources']);
  assert.equal(e.content.querySelector('textarea'), null, 'the editor closes');
  assert.match(e.content.textContent ?? '', /be concise and cite sources/);
});

test('leaving the field commits; Escape and an unchanged text commit nothing', async () => {
  const blur = setup('a');
  blur.open();
  blur.area().value = 'b';
  blur.area().dispatchEvent(new win.FocusEvent('blur'));
  await settle();
  assert.deepEqual(blur.commits, ['b']);

  const esc = setup('a');
  esc.open();
  esc.area().value = 'changed';
  esc.key('Escape');
  await settle();
  assert.deepEqual(esc.commits, []);
  assert.match(esc.content.textContent ?? '', /^a/);

  const same = setup('a');
  same.open();
  same.key('Enter');
  await settle();
  assert.deepEqual(same.commits, []);
});

test('Shift+Enter is a new line, not a commit', async () => {
  const e = setup('a');
  e.open();
  e.key('Enter', true);
  await settle();
  assert.deepEqual(e.commits, []);
  assert.ok(e.area(), 'the editor stays open');
});

test('a refused commit keeps the editor open with the reason, and a later Enter tries again', async () => {
  const e = setup(undefined, { ok: false, message: 'line 3: this format has no criterion field' });
  e.open();
  e.area().value = 'new';
  e.key('Enter');
  await settle();
  assert.ok(e.area(), 'the text stays editable');
  assert.match(e.content.querySelector('.criterion-status')?.textContent ?? '', /no criterion field/);
  e.key('Enter');
  await settle();
  assert.deepEqual(e.commits, ['new', 'new']);
});
