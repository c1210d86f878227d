import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AUDIT_FIELD, auditEdits } from '../../../src/core/annotation/auditTrail';
import { Dataset } from '../../../src/core/dataset/dataset';
import type { PreferencePair } from '../../../src/core/dataset/types';
import { explicitAdapter, writeTemp } from '../dataset/helpers';

const at = new Date('2026-11-26T12:00:00.000Z');
const pair = (label: PreferencePair['label'], raw: unknown): PreferencePair => ({
  kind: 'pair',
  index: 0,
  line: 1,
  id: 'x',
  prompt: [],
  a: { parts: [] },
  b: { parts: [] },
  label,
  labelKind: 'explicit',
  format: 't',
  raw,
});

test('records the label before the edit, the time and the person', () => {
  assert.deepEqual(auditEdits(pair('A', {}), 'Ada', at), [
    { op: 'set', path: [AUDIT_FIELD], value: { previous: 'A', at: '2026-11-26T12:00:00.000Z', by: 'Ada' } },
  ]);
});

test('a second relabel keeps the original label as previous, so it is never lost', () => {
  const raw = { [AUDIT_FIELD]: { previous: 'B', at: '2026-01-01T00:00:00.000Z', by: 'Bob' } };
  const [edit] = auditEdits(pair('A', raw), 'Ada', at);
  assert.deepEqual(edit.op === 'set' && edit.value, { previous: 'B', at: '2026-11-26T12:00:00.000Z', by: 'Ada' });
});

test('an audit field that is not ours (no valid previous label) is replaced with the current label', () => {
  const [edit] = auditEdits(pair('tie', { [AUDIT_FIELD]: 'free text' }), 'Ada', at);
  assert.equal(edit.op === 'set' && (edit.value as { previous: string }).previous, 'tie');
});

test('with the audit trail on, a relabel appends the field after the last key and touches nothing else', async () => {
  const line = '{"q": "p", "r1": "one", "r2": "two", "pref": "a"}';
  const file = writeTemp('audit.jsonl', `${line}\n${line}\n`);
  const ds = await Dataset.open(file, { adapter: explicitAdapter });
  const plan = await ds.planLabel([0], 'B', { annotate: (before) => auditEdits(before, 'Ada', at) });
  assert.ok(!('error' in plan));
  ds.apply(plan);
  await ds.save();
  const audited =
    '{"q": "p", "r1": "one", "r2": "two", "pref": "b", "_reward_lens_audit": {"previous":"A","at":"2026-11-26T12:00:00.000Z","by":"Ada"}}';
  assert.equal(readFileSync(file, 'utf8'), `${audited}\n${line}\n`);
});

test('with the audit trail off, or when the label does not change, no field is written', async () => {
  const line = '{"r1": "one", "r2": "two", "pref": "a"}';
  const file = writeTemp('noaudit.jsonl', `${line}\n`);
  const ds = await Dataset.open(file, { adapter: explicitAdapter });
  const same = await ds.planLabel([0], 'A', { annotate: (before) => auditEdits(before, 'Ada', at) });
  assert.ok(!('error' in same));
  assert.equal(same.changes.length, 0, 'relabelling A as A changes nothing, audit included');
  const off = await ds.planLabel([0], 'B');
  assert.ok(!('error' in off));
  assert.equal(off.changes[0].after, '{"r1": "one", "r2": "two", "pref": "b"}');
});
