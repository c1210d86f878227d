import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterKey, isEmptyFilter } from '../../../src/core/view/filterKey';
import { MessageHandler, type WebviewMessage } from '../../../src/protocol';

type Msg = { kind: string; n?: number; error?: string };

/** Two handlers wired back to back, as host and webview are; deliveries are async like postMessage. */
function pair(handleB: (m: Msg) => Promise<Msg | undefined> | Msg | undefined) {
  const wire: WebviewMessage<Msg>[] = [];
  // Each side's sender reaches the other side only after both exist (a timer later).
  const a: MessageHandler<Msg, Msg> = new MessageHandler<Msg, Msg>(
    (m) => (wire.push(m), setTimeout(() => void b.receive(m), 0)),
    () => undefined,
    (m) => m.error,
  );
  const b: MessageHandler<Msg, Msg> = new MessageHandler<Msg, Msg>(
    (m) => (wire.push(m), setTimeout(() => void a.receive(m), 0)),
    handleB,
    () => undefined,
    (error) => ({ kind: 'error', error }),
  );
  return { a, b, wire };
}

test('pairs each reply with its request by message id, even when replies come back out of order', async () => {
  const { a } = pair(async (m) => {
    await new Promise((r) => setTimeout(r, m.n === 1 ? 30 : 1));
    return { kind: 'reply', n: (m.n ?? 0) * 10 };
  });
  const [r1, r2] = await Promise.all([
    a.sendRequest<Msg>({ kind: 'q', n: 1 }),
    a.sendRequest<Msg>({ kind: 'q', n: 2 }),
  ]);
  assert.equal(r1.n, 10);
  assert.equal(r2.n, 20);
});

test('a handler that throws rejects the request with its message', async () => {
  const { a } = pair(() => {
    throw new Error('record 8 is not in the file');
  });
  await assert.rejects(a.sendRequest({ kind: 'q' }), /record 8 is not in the file/);
});

test('events get no reply, and a reply names the request it answers', async () => {
  const { a, wire } = pair((m) => (m.kind === 'q' ? { kind: 'reply' } : undefined));
  a.sendEvent({ kind: 'event' });
  await a.sendRequest({ kind: 'q' });
  const replies = wire.filter((m) => m.inReplyTo !== undefined);
  assert.equal(replies.length, 1);
  assert.equal(replies[0].inReplyTo, wire.find((m) => m.body.kind === 'q')?.messageId);
});

test('dispose rejects requests still waiting', async () => {
  const a = new MessageHandler<Msg, Msg>(
    () => {},
    () => undefined,
  );
  const waiting = a.sendRequest({ kind: 'q' });
  a.dispose();
  await assert.rejects(waiting, /closed/);
});

test('equal filters share one key; blank search is no filter', () => {
  assert.equal(filterKey({ text: ' Foo ', task: 'T2I' }), filterKey({ task: 'T2I', text: 'foo' }));
  assert.notEqual(filterKey({ task: 'T2I' }), filterKey({ task: 'T2V' }));
  assert.equal(isEmptyFilter({ text: '   ' }), true);
  assert.equal(isEmptyFilter({ errorsOnly: true }), false);
});
