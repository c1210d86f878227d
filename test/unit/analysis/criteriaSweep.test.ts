import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyVariant,
  DEFAULT_VARIANTS,
  runCriteriaSweep,
  sweepMarkdown,
  type MarginFn,
} from '../../../src/core/analysis/criteriaSweep';
import type { PreferencePair } from '../../../src/core/dataset/types';

const pair = (index: number, task: string, label: PreferencePair['label'], criterion?: string): PreferencePair => ({
  kind: 'pair',
  index,
  line: index + 1,
  id: `p${index}`,
  task,
  prompt: [{ type: 'text', text: 'q' }],
  criterion,
  a: { parts: [{ type: 'text', text: 'a' }] },
  b: { parts: [{ type: 'text', text: 'b' }] },
  label,
  labelKind: 'explicit',
  format: 'test',
  raw: {},
});
const pairs = [pair(0, 'T2T', 'A', 'be concise'), pair(1, 'T2T', 'B', 'be kind'), pair(2, 'T2I', 'A', 'be sharp')];

test('variants substitute the original criterion into their template', () => {
  const opposite = DEFAULT_VARIANTS.find((v) => v.id === 'opposite')!;
  assert.equal(applyVariant(opposite, 'be concise'), 'Prefer the response that does NOT satisfy: be concise');
  assert.equal(applyVariant(DEFAULT_VARIANTS[0], 'be concise'), undefined);
  assert.equal(
    applyVariant({ id: 'x', name: 'x', kind: 'template', template: '{criteria} and {criteria}' }, 'c'),
    'c and c',
  );
});

test('a criterion-sensitive model flips where the opposite criterion reverses its margin', async () => {
  // Margin = +2 under the original; the opposite criterion negates it; no criterion halves it.
  const margins: MarginFn = async (items) =>
    items.map(({ pair: p, criterion }) => {
      const base = p.index === 1 ? -2 : 2;
      if (criterion === undefined) return { margin: base / 2 };
      return { margin: criterion.startsWith('Prefer the response that does NOT') ? -base : base };
    });
  const r = await runCriteriaSweep(pairs, DEFAULT_VARIANTS, margins, { batchSize: 2 });
  const cell = (v: string, t: string) => r.cells.find((c) => c.variant === v && c.task === t)!;
  assert.deepEqual(
    [cell('opposite', 'all').flips, cell('opposite', 'all').flipRate, cell('opposite', 'all').meanAbsDelta],
    [3, 1, 4],
  );
  assert.equal(cell('opposite', 'all').accuracy, 0);
  assert.equal(cell('original', 'all').accuracy, 1);
  assert.deepEqual([cell('none', 'T2T').flips, cell('none', 'T2T').meanAbsDelta], [0, 1]);
  assert.equal(cell('opposite', 'T2I').n, 1);
  assert.doesNotMatch(sweepMarkdown(r), /ignores the criterion/);
});

test('a model blind to the criterion shows zero flips and says so', async () => {
  const margins: MarginFn = async (items) => items.map(({ pair: p }) => ({ margin: p.index - 1 }));
  const r = await runCriteriaSweep(pairs, DEFAULT_VARIANTS, margins);
  for (const c of r.cells) assert.equal(c.flips, 0);
  assert.match(sweepMarkdown(r), /ignores the criterion/);
});

test('scoring errors are counted per cell and the sweep can be cancelled', async () => {
  const margins: MarginFn = async (items) =>
    items.map(({ pair: p }) => (p.index === 2 ? { error: 'missing image' } : { margin: 1 }));
  const r = await runCriteriaSweep(pairs, DEFAULT_VARIANTS, margins);
  assert.equal(r.cells.find((c) => c.variant === 'none' && c.task === 'T2I')!.errors, 1);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(runCriteriaSweep(pairs, DEFAULT_VARIANTS, margins, { signal: ac.signal }), /cancelled/);
});
