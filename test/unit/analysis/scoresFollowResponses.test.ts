// Issue 11, item 2: a relabel that swaps the responses of a chosen/rejected file must not leave the run's
// scores where they were; an edit the run never scored leaves no verdict at all (stale) until rescored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyTable } from '../../../src/core/analysis/accuracyTable';
import { compareRuns } from '../../../src/core/analysis/comparison';
import { importAsRun } from '../../../src/core/analysis/importAsRun';
import { judgedPairs, judgingRun, pairedJudged } from '../../../src/core/analysis/judgedPairs';
import { judgePair } from '../../../src/core/analysis/verdict';
import { Dataset } from '../../../src/core/dataset/dataset';
import type { PreferencePair } from '../../../src/core/dataset/types';
import { pairKeys } from '../../../src/core/scoring/contentKey';
import type { Run } from '../../../src/core/scoring/run';
import { readPreviousRun } from '../../../src/core/scoring/runStore';
import { scoreViews, toRowView } from '../../../src/core/view/rowView';

const HEADER = {
  type: 'header' as const,
  version: 1 as const,
  model: { id: 'rm', kind: 'test', hash: 'h1', bradleyTerry: true },
  template: 't1',
  dataset: { path: 'x' },
  created: '2026-01-01T00:00:00Z',
};

/** A run as the scorer writes it: each entry keyed by the content it scored. */
async function scoredRun(ds: Dataset, scores: (p: PreferencePair) => [number, number]): Promise<Run> {
  const entries = new Map();
  for (const p of await ds.readRecords(0, ds.recordCount)) {
    if (p.kind !== 'pair') continue;
    const [a, b] = scores(p);
    entries.set(p.index, {
      index: p.index,
      line: p.line,
      id: p.id,
      score_a: a,
      score_b: b,
      key: pairKeys({ hash: 'h1', template: 't1' }, p).pair,
    });
  }
  return { header: HEADER, entries };
}

async function pairAt(ds: Dataset, i: number): Promise<PreferencePair> {
  const [r] = await ds.readRecords(i, 1);
  assert.ok(r.kind === 'pair');
  return r;
}

function tempFile(t: { after(fn: () => void): void }, name: string, lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-follow-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

test('after a relabel swaps chosen and rejected, scores, margin and verdict follow the responses everywhere', async (t) => {
  const file = tempFile(
    t,
    'rb.jsonl',
    [0, 1, 2].map((i) => ({ prompt: `Q${i}`, chosen: `good answer ${i}`, rejected: `bad ${i}` })),
  );
  const ds = await Dataset.open(file);
  // The model prefers each file's chosen response by 1.5.
  const run = await scoredRun(ds, () => [2, 0.5]);
  const judging = judgingRun(run, {}, 'rm');
  const before = await pairAt(ds, 1);
  assert.equal(judgePair(before, judging)?.verdict, 'A');
  assert.equal(judgePair(before, judging)?.agrees, true);

  const plan = await ds.planLabel([1], 'B');
  assert.ok(!('error' in plan), JSON.stringify(plan));
  ds.apply(plan);
  // Unsaved, the pair reads in the file's order with label B: the run's scores stay with their responses.
  const unsaved = await pairAt(ds, 1);
  assert.equal(unsaved.a.parts[0].type === 'text' && unsaved.a.parts[0].text, 'good answer 1');
  assert.equal(unsaved.label, 'B');
  assert.equal(unsaved.swapped, true);
  const u = judgePair(unsaved, judging);
  assert.deepEqual([u?.scoreA, u?.scoreB, u?.margin, u?.verdict, u?.agrees], [2, 0.5, 1.5, 'A', false]);

  // Saved and reopened, the file's chosen is the old rejected: A is 'bad 1', and the scores follow the responses.
  await ds.save();
  const reopened = await Dataset.open(file);
  const after = await pairAt(reopened, 1);
  assert.equal(after.a.parts[0].type === 'text' && after.a.parts[0].text, 'bad 1'); // the swap happened on disk
  assert.equal(after.label, 'A');
  const j = judgePair(after, judging);
  assert.equal(j?.scoreA, 0.5);
  assert.equal(j?.scoreB, 2);
  assert.equal(j?.margin, -1.5);
  assert.equal(j?.verdict, 'B'); // the model still prefers the old chosen, now shown as B
  assert.equal(j?.agrees, false);
  const ctx = { a: judging, threshold: 0.9 };
  const row = toRowView(after, ctx);
  assert.equal(row.verdict, 'B');
  assert.equal(row.margin, -1.5);
  assert.equal(row.agrees, false);
  const [view] = scoreViews(after, ctx);
  assert.ok(view.kind === 'scores');
  assert.deepEqual([view.scoreA, view.scoreB, view.verdict], [0.5, 2, 'B']);
  // The dashboard and eval read the dataset through the same path.
  const judged = await judgedPairs(reopened, run);
  assert.equal(judged[1].margin, -1.5);
  assert.equal(accuracyTable(judged).overall.withTies, 2 / 3);
});

test('an edit the run never scored is stale: no verdict in the list, the pair view, the tables or the comparison', async (t) => {
  const rec = (i: number) => ({
    id: `p${i}`,
    task: 'T2T',
    prompt: `Q${i}`,
    response1: `one ${i}`,
    response2: `two ${i}`,
    model1: 'm1',
    model2: 'm2',
    criteria: 'be brief',
    criteria_preference: 'response1',
  });
  const file = tempFile(t, 'omni.jsonl', [0, 1].map(rec));
  const ds = await Dataset.open(file);
  const a = await scoredRun(ds, () => [1, 0]); // right on both
  const b = await scoredRun(ds, () => [0, 1]); // wrong on both
  const plan = await ds.planCriterion(0, 'be long-winded');
  assert.ok(!('error' in plan), JSON.stringify(plan));
  ds.apply(plan);
  const edited = await pairAt(ds, 0);
  const ctx = { a: judgingRun(a, {}, 'a'), b: judgingRun(b, {}, 'b'), threshold: 0.9 };
  const row = toRowView(edited, ctx);
  assert.equal(row.stale, true);
  assert.equal(row.verdict, undefined);
  assert.equal(row.agrees, undefined);
  assert.equal(row.flip, undefined);
  assert.deepEqual(
    scoreViews(edited, ctx).map((s) => s.kind),
    ['stale', 'stale'],
  );
  const judged = await judgedPairs(ds, a);
  assert.equal(judged[0].stale, true);
  assert.equal(accuracyTable(judged).tasks.T2T.unscored, 1);
  assert.equal(accuracyTable(judged).tasks.T2T.withTies.n, 1);
  // Only the unedited pair counts as a flip.
  assert.deepEqual(compareRuns(await pairedJudged(ds, a, b)).flips.onlyA, [1]);
  // The untouched pair still reads as scored.
  assert.equal(toRowView(await pairAt(ds, 1), ctx).verdict, 'A');
});

test('imported predictions remember what they judged: a stated verdict follows a swap too', async (t) => {
  const file = tempFile(
    t,
    'rb.jsonl',
    [0, 1].map((i) => ({ id: `r${i}`, prompt: `Q${i}`, chosen: `good ${i}`, rejected: `bad ${i}` })),
  );
  const ds = await Dataset.open(file);
  const preds = file.replace('rb.jsonl', 'judge.jsonl');
  writeFileSync(preds, ['{"id": "r0", "judgment": "[[A]]"}', '{"id": "r1", "judgment": "[[A]]"}'].join('\n') + '\n');
  const res = await importAsRun(ds, preds, join(file, '..', 'runs'));
  const stored = await readPreviousRun(res.file);
  assert.ok(stored);
  const judging = judgingRun(stored, {}, 'judge');
  const plan = await ds.planLabel([0], 'B');
  assert.ok(!('error' in plan));
  ds.apply(plan);
  // unsaved: file order, label B, the stated verdict A now disagrees
  assert.deepEqual(
    [judgePair(await pairAt(ds, 0), judging)?.verdict, judgePair(await pairAt(ds, 0), judging)?.agrees],
    ['A', false],
  );
  await ds.save();
  const reopened = await Dataset.open(file);
  // saved: the responses swapped on disk, and the verdict followed them
  assert.equal(judgePair(await pairAt(reopened, 0), judging)?.verdict, 'B');
  assert.equal(judgePair(await pairAt(reopened, 1), judging)?.verdict, 'A');
});
