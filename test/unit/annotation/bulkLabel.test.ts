import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planBulk } from '../../../src/core/annotation/bulkLabel';
import { Dataset } from '../../../src/core/dataset/dataset';
import { explicitAdapter, writeTemp } from '../dataset/helpers';

test('a few rows are labelled without asking; duplicates collapse and order ascends', () => {
  assert.deepEqual(planBulk([5, 1, 5, 3], 'Tie', 'every pair the filter shows'), {
    indices: [1, 3, 5],
    confirm: undefined,
  });
});

test('many rows ask first, saying how many, which label and that one undo reverts them', () => {
  const plan = planBulk(
    Array.from({ length: 2500 }, (_, i) => i),
    'B is better',
    'every pair the filter shows',
    20,
  );
  assert.ok(!('error' in plan));
  assert.equal(
    plan.confirm,
    'Label 2,500 pairs (every pair the filter shows) as "B is better"? This is one edit: Undo reverts all of them.',
  );
});

test('an empty selection is refused with the reason', () => {
  assert.deepEqual(planBulk([], 'Tie', 'every pair the filter shows'), {
    error: 'no pairs to label: every pair the filter shows is empty',
  });
});

test('a bulk plan applied to a dataset is one undo step that marks exactly the changed rows as edited', async () => {
  const rec = (p: string) => `{"r1":"x","r2":"y","pref":"${p}"}`;
  const ds = await Dataset.open(writeTemp('bulk.jsonl', [rec('a'), rec('b'), rec('a'), rec('tie')].join('\n')), {
    adapter: explicitAdapter,
  });
  const plan = planBulk([0, 1, 2, 3], 'B is better', 'x');
  assert.ok(!('error' in plan));
  const edit = await ds.planLabel(plan.indices, 'B');
  assert.ok(!('error' in edit));
  ds.apply(edit);
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => ds.isEdited(i)),
    [true, false, true, true],
  );
  assert.equal(ds.editedCount, 3);
  ds.undo();
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => ds.isEdited(i)),
    [false, false, false, false],
  );
  assert.equal(ds.isDirty, false);
});
