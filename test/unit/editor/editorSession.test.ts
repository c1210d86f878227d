import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorSession } from '../../../src/core/view/editorSession';
import {
  MessageType,
  type ToWebviewMessage,
  type RowsResponseMessage,
  type PairResponseMessage,
  type ReadyResponseMessage,
} from '../../../src/protocol';
import type { LoadedRun } from '../../../src/core/view/rowView';
import { FakeSource, pair, records } from './fakeSource';

function session(src: FakeSource, runs: LoadedRun[] = []) {
  const sent: ToWebviewMessage[] = [];
  const s = new EditorSession({
    source: src,
    fileName: 'bench.jsonl',
    format: () => ({ id: 'omni-rewardbench', name: 'Omni-RewardBench' }),
    resolveMedia: async (ref) => ({
      modality: ref.modality,
      src: `uri:${ref.source.kind === 'path' ? ref.source.path : ''}`,
    }),
    runs: () => runs,
    // The first run judges the list; every run shows in the pair view (ε = 0 here).
    judging: () => {
      const [a, ...rest] = runs.map((r) => ({
        name: r.model,
        entries: r.entries,
        bradleyTerry: false,
        epsilon: () => 0,
      }));
      return a && { a, b: rest[0], threshold: 0.9 };
    },
    send: (m) => sent.push(m),
    throttleMs: 0,
  });
  return { s, sent };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

/** Waits (up to 5 s, the machine may be busy) until `done` holds; the scans yield between batches. */
async function until(done: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!done() && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 5));
}

test('sends nothing before the webview says ready', async () => {
  const src = new FakeSource(records(10), 5);
  const { s, sent } = session(src);
  s.indexProgress({ bytes: 5, total: 10, records: 5, done: false });
  s.invalidate();
  s.runAction('next');
  await settle();
  assert.equal(sent.length, 0);
  const ready = (await s.handle({ type: MessageType.ReadyRequest })) as ReadyResponseMessage;
  assert.equal(ready.type, MessageType.ReadyResponse);
  assert.equal(ready.progress.records, 5);
});

test('answers a page of rows with the total of the view', async () => {
  const src = new FakeSource(records(250, 50));
  const { s } = session(src);
  await s.handle({ type: MessageType.ReadyRequest });
  const reply = (await s.handle({
    type: MessageType.GetRows,
    start: 45,
    count: 10,
    filter: {},
  })) as RowsResponseMessage;
  assert.equal(reply.total, 250);
  assert.deepEqual(
    reply.rows.map((r) => r.index),
    [45, 46, 47, 48, 49, 50, 51, 52, 53, 54],
  );
  assert.equal(reply.rows[4].error, 'line 50: not JSON');
  assert.equal(reply.rows[0].task, 'T2I');
});

test('the header counts labels, tasks and errors over the whole file once indexed', async () => {
  const src = new FakeSource(records(300, 100));
  const { s, sent } = session(src);
  await s.handle({ type: MessageType.ReadyRequest });
  await until(() => sent.some((m) => m.type === MessageType.StatsChanged && m.stats.complete));
  const last = sent.filter((m) => m.type === MessageType.StatsChanged).at(-1);
  assert.ok(last && last.type === MessageType.StatsChanged);
  assert.equal(last.stats.complete, true);
  assert.equal(last.stats.records, 300);
  assert.equal(last.stats.errors, 3);
  assert.equal(last.stats.labels.A + last.stats.labels.B + last.stats.labels.tie, 297);
  assert.equal(last.stats.tasks.T2T + last.stats.tasks.T2I, 297);
});

test('a filtered page reports the scan progress until it is complete', async () => {
  const src = new FakeSource(records(2000));
  const { s, sent } = session(src);
  await s.handle({ type: MessageType.ReadyRequest });
  await s.handle({ type: MessageType.GetRows, start: 0, count: 50, filter: { task: 'T2I' } });
  await until(() => sent.some((m) => m.type === MessageType.ViewChanged && m.done));
  const views = sent.filter((m) => m.type === MessageType.ViewChanged);
  const last = views.at(-1);
  assert.ok(last && last.type === MessageType.ViewChanged);
  assert.equal(last.done, true);
  assert.equal(last.total, 1000);
  const page = (await s.handle({
    type: MessageType.GetRows,
    start: 0,
    count: 3,
    filter: { task: 'T2I' },
  })) as RowsResponseMessage;
  assert.deepEqual(
    page.rows.map((r) => r.index),
    [1, 3, 5],
  );
});

test('a pair comes with its media resolved and every run that scored it', async () => {
  const p = pair(0, {
    label: 'B',
    a: { parts: [{ type: 'media', media: { modality: 'image', source: { kind: 'path', path: 'img/a.png' } } }] },
  });
  const src = new FakeSource([p]);
  const runs: LoadedRun[] = [
    {
      id: 'r1',
      model: 'tiny-rm',
      entries: new Map([[0, { index: 0, line: 1, id: 'p0', score_a: 0.2, score_b: 1.7 }]]),
    },
    { id: 'r2', model: 'judge', entries: new Map([[0, { index: 0, line: 1, id: 'p0', verdict: 'A' as const }]]) },
  ];
  const { s } = session(src, runs);
  await s.handle({ type: MessageType.ReadyRequest });
  const reply = (await s.handle({ type: MessageType.GetPair, index: 0 })) as PairResponseMessage;
  assert.equal(reply.record.kind, 'pair');
  if (reply.record.kind !== 'pair') return;
  assert.deepEqual(reply.record.a.parts[0], { type: 'media', media: { modality: 'image', src: 'uri:img/a.png' } });
  assert.equal(reply.record.scores.length, 2);
  const [scores, judge] = reply.record.scores;
  assert.ok(scores.kind === 'scores' && judge.kind === 'verdict');
  assert.equal(scores.verdict, 'B');
  assert.equal(scores.agrees, true);
  assert.ok(Math.abs(scores.margin + 1.5) < 1e-9);
  assert.equal(judge.agrees, false);
  const rows = (await s.handle({ type: MessageType.GetRows, start: 0, count: 1, filter: {} })) as RowsResponseMessage;
  assert.equal(rows.rows[0].verdict, 'B');
});

test('refuses a pair outside the file with a message that says so', async () => {
  const { s } = session(new FakeSource(records(3)));
  await assert.rejects(s.handle({ type: MessageType.GetPair, index: 7 }), /record 8 is not in the file \(it has 3\)/);
});
