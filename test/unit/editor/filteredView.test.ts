import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FilteredView } from '../../../src/core/view/filteredView';
import { FakeSource, pair, records } from './fakeSource';

const now = () => Promise.resolve();

test('an empty filter is the identity over every indexed record, without reading any', async () => {
  const src = new FakeSource(records(1000));
  const view = new FilteredView(src, {}, undefined, now);
  await view.pump();
  assert.equal(view.total, 1000);
  assert.deepEqual(view.slice(998, 10), [998, 999]);
  assert.equal(src.reads, 0);
  assert.equal(view.done, true);
});

test('keeps only records of the chosen task and label, in file order', async () => {
  const src = new FakeSource(records(3000));
  const view = new FilteredView(src, { task: 'T2I', label: 'A' }, undefined, now);
  await view.pump();
  const expected = src.records
    .filter((r) => r.kind === 'pair' && r.task === 'T2I' && r.label === 'A')
    .map((r) => r.index);
  assert.equal(view.total, expected.length);
  assert.deepEqual(view.slice(0, 5000), expected);
  assert.equal(view.positionOf(expected[7]), 7);
  assert.equal(view.positionOf(0), -1);
});

test('errors only keeps error records; a text search matches prompt text case-insensitively', async () => {
  const src = new FakeSource(records(100, 10));
  const errors = new FilteredView(src, { errorsOnly: true }, undefined, now);
  await errors.pump();
  assert.deepEqual(errors.slice(0, 100), [9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
  const search = new FilteredView(src, { text: '  PROMPT NUMBER 42 ' }, undefined, now);
  await search.pump();
  assert.deepEqual(search.slice(0, 100), [42]);
});

test('keeps scanning as the index grows, and is done only when the index is', async () => {
  const src = new FakeSource(records(2000), 600);
  const progress: boolean[] = [];
  const view = new FilteredView(src, { task: 'T2T' }, (p) => progress.push(p.done), now);
  await view.pump();
  assert.equal(view.total, 300);
  assert.equal(view.done, false);
  src.grow(2000);
  await view.pump();
  assert.equal(view.total, 1000);
  assert.equal(view.done, true);
  assert.equal(progress.at(-1), true);
});

test('stops scanning once disposed', async () => {
  const src = new FakeSource(records(5000));
  let batches = 0;
  const view = new FilteredView(
    src,
    { text: 'answer' },
    () => {
      if (++batches === 2) view.dispose();
    },
    now,
  );
  await view.pump();
  assert.ok(view.total <= 1024, `scanned ${view.total} after dispose`);
  assert.equal(batches, 2);
});

test('searches chat turns, criteria and model names', async () => {
  const src = new FakeSource([
    pair(0, { criterion: 'Prefer CONCISE answers' }),
    pair(1, { prompt: [{ type: 'chat', turns: [{ role: 'user', content: 'hello there' }] }] }),
    pair(2, { a: { parts: [], model: 'gpt-4o' } }),
  ]);
  for (const [text, want] of [
    ['concise', [0]],
    ['HELLO', [1]],
    ['gpt-4o', [2]],
  ] as const) {
    const v = new FilteredView(src, { text }, undefined, now);
    await v.pump();
    assert.deepEqual(v.slice(0, 10), want, text);
  }
});
