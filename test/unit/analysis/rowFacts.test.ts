import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analysisPredicate,
  orderByKey,
  rowFacts,
  rowFields,
  sortKeyFor,
  type JudgingRun,
  type RowContext,
} from '../../../src/core/analysis/rowFacts';
import type { RunEntry } from '../../../src/core/scoring/run';
import { FilteredView } from '../../../src/core/view/filteredView';
import { FakeSource, pair } from '../editor/fakeSource';

const run = (margins: Record<number, number | 'error'>, bradleyTerry = true, eps = 0): JudgingRun => ({
  entries: new Map(
    Object.entries(margins).map(([i, m]): [number, RunEntry] => [
      Number(i),
      m === 'error'
        ? { index: Number(i), line: Number(i) + 1, id: `p${i}`, error: 'too long' }
        : { index: Number(i), line: Number(i) + 1, id: `p${i}`, score_a: m, score_b: 0 },
    ]),
  ),
  bradleyTerry,
  epsilon: () => eps,
});

test('verdict follows the margin under the task ε; a disagreement is a verdict unlike the human label', () => {
  const ctx: RowContext = { a: run({ 0: 3, 1: -0.2, 2: 0.5 }, true, 0.3), threshold: 0.9 };
  const a = rowFacts(pair(0, { label: 'B' }), ctx);
  assert.equal(a.verdict, 'A');
  assert.equal(a.disagree, true);
  assert.equal(a.correct, false);
  const tie = rowFacts(pair(1, { label: 'tie' }), ctx);
  assert.equal(tie.verdict, 'tie'); // |−0.2| ≤ ε = 0.3
  assert.equal(tie.correct, true);
  assert.equal(rowFacts(pair(2, { label: 'A' }), ctx).disagree, false);
});

test('confident error: P(opposite) = σ(m) against label B reaches the threshold; a weak disagreement does not', () => {
  const ctx: RowContext = { a: run({ 0: 3, 1: 0.5 }), threshold: 0.9 };
  const sure = rowFacts(pair(0, { label: 'B' }), ctx);
  assert.ok(Math.abs(sure.pOpposite! - 1 / (1 + Math.exp(-3))) < 1e-12);
  assert.equal(sure.confidentError, true);
  assert.equal(rowFacts(pair(1, { label: 'B' }), ctx).confidentError, false); // σ(0.5) ≈ 0.62
});

test('a failed entry has no verdict and is neither correct nor a disagreement', () => {
  const f = rowFacts(pair(0, { label: 'A' }), { a: run({ 0: 'error' }), threshold: 0.9 });
  assert.equal(f.failed, true);
  assert.equal(f.verdict, undefined);
  assert.equal(f.disagree, undefined);
});

test('flips say which run alone is right', () => {
  const ctx: RowContext = { a: run({ 0: 2, 1: -2 }), b: run({ 0: -1, 1: 1 }), threshold: 0.9 };
  assert.equal(rowFacts(pair(0, { label: 'A' }), ctx).flip, 'onlyA');
  assert.equal(rowFacts(pair(1, { label: 'A' }), ctx).flip, 'onlyB');
});

test('row fields answer the filter language: task, margin, len_a, len_b, verdict_b', () => {
  const p = pair(0, {
    task: 'T2I',
    a: { parts: [{ type: 'text', text: 'abcdef' }] },
    b: { parts: [{ type: 'text', text: 'ab' }] },
  });
  const ctx: RowContext = { a: run({ 0: -2.5 }), b: run({ 0: 1 }), threshold: 0.9 };
  const row = rowFields(p, rowFacts(p, ctx));
  assert.equal(row('task'), 'T2I');
  assert.equal(row('margin'), -2.5);
  assert.equal(row('len_a'), 6);
  assert.equal(row('len_b'), 2);
  assert.equal(row('len_diff'), 4);
  assert.equal(row('verdict_b'), 'A');
  assert.equal(row('modality'), 'image');
});

test('the expression and quick filters combine; an unknown field is a syntax error with its column', () => {
  const ctx: RowContext = { a: run({ 0: -3, 1: 2, 2: -3 }), threshold: 0.9 };
  const keep = analysisPredicate({ expr: 'task == "T2T" and margin < -2' }, ctx);
  assert.deepEqual(
    [pair(0), pair(1), pair(2)].filter(keep).map((p) => p.index),
    [0, 2],
  );
  const dis = analysisPredicate({ show: 'disagreements' }, ctx);
  assert.deepEqual(
    [pair(0, { label: 'A' }), pair(1, { label: 'A' })].filter(dis).map((p) => p.index),
    [0],
  );
  assert.throws(() => analysisPredicate({ expr: 'margn < 1' }, ctx), /column 1: unknown field `margn`/);
});

test('sorts: margin ascending, confidence surest first, label-noise by P(opposite), missing keys last', () => {
  const ctx: RowContext = { a: run({ 0: 1, 1: -4, 2: 2.5 }), threshold: 0.5 };
  const recs = [pair(0, { label: 'B' }), pair(1, { label: 'A' }), pair(2, { label: 'B' }), pair(3, { label: 'B' })];
  const order = (key: (r: (typeof recs)[number]) => number | undefined) => {
    const keys = recs.map((r) => key(r) ?? NaN);
    return orderByKey(
      recs.map((r) => r.index),
      keys,
      (i) => Number.isNaN(keys[i]),
    );
  };
  assert.deepEqual(order(sortKeyFor({ sort: 'margin' }, ctx)!), [1, 0, 2, 3]);
  assert.deepEqual(order(sortKeyFor({ sort: 'margin', sortReverse: true }, ctx)!), [2, 0, 1, 3]);
  assert.deepEqual(order(sortKeyFor({ sort: 'confidence' }, ctx)!), [1, 2, 0, 3]);
  assert.deepEqual(order(sortKeyFor({ show: 'noise' }, ctx)!), [1, 2, 0, 3]);
});

test('a sorted filtered view shows nothing until the scan is done, then the sorted rows and their positions', async () => {
  const recs = [pair(0), pair(1), pair(2), pair(3)];
  const src = new FakeSource(recs);
  const margins: Record<number, number> = { 0: 1, 1: -2, 2: 3, 3: 0 };
  const view = new FilteredView(src, { sort: 'margin' }, undefined, () => Promise.resolve(), {
    keep: () => true,
    sortKey: (r) => margins[r.index],
  });
  assert.equal(view.total, 0);
  assert.equal(view.done, false);
  await view.pump();
  assert.equal(view.done, true);
  assert.deepEqual(view.slice(0, 10), [1, 3, 0, 2]);
  assert.equal(view.positionOf(2), 3);
});
