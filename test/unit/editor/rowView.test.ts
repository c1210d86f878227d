import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgePair, type JudgingRun } from '../../../src/core/analysis/verdict';
import type { RunEntry } from '../../../src/core/scoring/run';
import { toRowView } from '../../../src/core/view/rowView';
import { compileFilter } from '../../../src/core/view/rowFilter';
import { pair } from './fakeSource';

const judging = (e: Omit<RunEntry, 'index' | 'line' | 'id'>, epsilon = 0): JudgingRun => ({
  entries: new Map([[0, { index: 0, line: 1, id: 'x', ...e }]]),
  bradleyTerry: false,
  epsilon: () => epsilon,
});

test('a verdict is the margin under ε, a stated verdict, or nothing for an errored entry', () => {
  const p = pair(0, { label: 'A' });
  assert.equal(judgePair(p, judging({ score_a: 1, score_b: 3 }))?.verdict, 'B');
  assert.equal(judgePair(p, judging({ score_a: 2, score_b: 2 }))?.verdict, 'tie');
  assert.equal(judgePair(p, judging({ score_a: 2, score_b: 1.5 }, 0.5))?.verdict, 'tie');
  assert.equal(judgePair(p, judging({ verdict: 'A' }))?.verdict, 'A');
  const failed = judgePair(p, judging({ error: 'audio missing' }));
  assert.equal(failed?.verdict, undefined);
  assert.equal(failed?.error, 'audio missing');
});

test('a row carries modalities, the label and the first run verdict with agreement', () => {
  const p = pair(3, {
    label: 'A',
    prompt: [
      { type: 'text', text: 'draw' },
      { type: 'media', media: { modality: 'image', source: { kind: 'path', path: 'x.png' } } },
    ],
    a: { parts: [{ type: 'media', media: { modality: 'video', source: { kind: 'path', path: 'a.webm' } } }] },
    b: { parts: [{ type: 'media', media: { modality: 'video', source: { kind: 'path', path: 'b.webm' } } }] },
  });
  const row = toRowView(p, {
    a: {
      entries: new Map([[3, { index: 3, line: 4, id: 'p3', score_a: 0.1, score_b: 0.9 }]]),
      bradleyTerry: false,
      epsilon: () => 0,
    },
    threshold: 0.9,
  });
  assert.deepEqual(row.inputs, ['text', 'image']);
  assert.deepEqual(row.outputs, ['video']);
  assert.equal(row.verdict, 'B');
  assert.equal(row.agrees, false);
  assert.equal(row.label, 'A');
});

test('an error record is a row with its message and no pair fields', () => {
  const row = toRowView({ kind: 'error', index: 4, line: 9, message: 'line 9: not JSON', text: '{' });
  assert.equal(row.error, 'line 9: not JSON');
  assert.equal(row.line, 9);
  assert.deepEqual(row.outputs, []);
});

test('task and label filters never keep error records; errors only keeps nothing else', () => {
  const err = { kind: 'error' as const, index: 1, line: 2, message: 'T2I broken', text: '' };
  assert.equal(compileFilter({ task: 'T2I' })(err), false);
  assert.equal(compileFilter({ errorsOnly: true })(err), true);
  assert.equal(compileFilter({ errorsOnly: true })(pair(0)), false);
  assert.equal(compileFilter({ text: 'broken' })(err), true);
});
