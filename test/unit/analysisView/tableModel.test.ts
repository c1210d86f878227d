import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyTable } from '../../../src/core/analysis/accuracyTable';
import { compareRuns, type PairedJudged } from '../../../src/core/analysis/comparison';
import type { Judged } from '../../../src/core/analysis/verdict';
import { accuracyRows, comparisonRows } from '../../../webview/analysis/tableModel';

const j = (index: number, task: string, label: Judged['label'], rest: Partial<Judged>): Judged => ({
  index,
  task,
  modality: 'text',
  label,
  ...rest,
});

// T2I: 3 right of 4 (one tie label, ε fixed at 0.5); T2T: 1 of 2; T2A: every prediction failed; TA2T: labelled, not scored.
const judged: Judged[] = [
  j(0, 'T2I', 'A', { margin: 2 }),
  j(1, 'T2I', 'B', { margin: -1 }),
  j(2, 'T2I', 'tie', { margin: 0.2 }),
  j(3, 'T2I', 'A', { margin: -3 }),
  j(4, 'T2T', 'A', { margin: 1 }),
  j(5, 'T2T', 'B', { margin: 1 }),
  j(6, 'T2A', 'A', { failed: true }),
  j(7, 'T2A', 'B', { failed: true }),
  j(8, 'TA2T', 'A', {}),
  j(9, 'zz-extra', 'B', { margin: -1 }),
];

test('rows follow the paper’s task order, other tasks after, then the overall mean', () => {
  const rows = accuracyRows(accuracyTable(judged, { epsilon: 0.5 }));
  assert.deepEqual(
    rows.map((r) => r.name),
    ['T2T', 'TA2T', 'T2I', 'T2A', 'zz-extra', 'overall'],
  );
  const t2i = rows.find((r) => r.name === 'T2I')!;
  assert.equal(t2i.main.withTies, '75.00 (3/4)');
  assert.equal(t2i.main.withoutTies, '66.67 (2/3)');
  assert.equal(t2i.epsilon, '0.5');
  assert.equal(t2i.ties, 1);
});

test('a task where every prediction failed says "not supported" and is left out of the mean', () => {
  const rows = accuracyRows(accuracyTable(judged, { epsilon: 0.5 }));
  const t2a = rows.find((r) => r.name === 'T2A')!;
  assert.equal(t2a.main.status, 'unsupported');
  assert.equal(t2a.main.withTies, 'not supported');
  assert.equal(t2a.failed, 2);
  const overall = rows[rows.length - 1];
  // Mean over T2T (0.5), T2I (0.75), zz-extra (1): TA2T has nothing judged, T2A is not supported.
  assert.equal(overall.note, 'mean of 3 tasks');
  assert.equal(overall.main.withTies, '75.00');
  assert.equal(overall.pairs, 10);
  assert.equal(overall.failed, 2);
});

test('labelled pairs without predictions read "not scored yet"', () => {
  const ta2t = accuracyRows(accuracyTable(judged, { epsilon: 0.5 })).find((r) => r.name === 'TA2T')!;
  assert.equal(ta2t.main.status, 'unscored');
  assert.equal(ta2t.main.withTies, 'not scored yet');
  assert.equal(ta2t.unscored, 1);
});

test('before anything is scored the overall row says so and no ε is shown', () => {
  const rows = accuracyRows(accuracyTable([j(0, 'T2T', 'A', {}), j(1, 'T2I', 'tie', {})]));
  assert.deepEqual(
    rows.map((r) => [r.name, r.main.withTies, r.epsilon]),
    [
      ['T2T', 'not scored yet', '–'],
      ['T2I', 'not scored yet', '–'],
      ['overall', 'not scored yet', ''],
    ],
  );
  assert.equal(
    accuracyRows(accuracyTable([j(0, 'T2T', 'none', { margin: 1 })])).at(-1)?.main.withTies,
    'no labelled pairs',
  );
});

test('beside a second run, Δ is the run minus the second in points, blank where either has no value', () => {
  const second = accuracyTable([
    j(4, 'T2T', 'A', { margin: 1 }),
    j(5, 'T2T', 'B', { margin: -1 }),
    j(0, 'T2I', 'A', { failed: true }),
  ]);
  const rows = accuracyRows(accuracyTable(judged, { epsilon: 0.5 }), second);
  const t2t = rows.find((r) => r.name === 'T2T')!;
  assert.equal(t2t.second?.withoutTies, '100.00 (2/2)');
  assert.equal(t2t.deltaWithoutTies, '\u221250.00');
  const t2i = rows.find((r) => r.name === 'T2I')!;
  assert.equal(t2i.second?.status, 'unsupported');
  assert.equal(t2i.deltaWithTies, '–');
  assert.equal(rows.find((r) => r.name === 'T2A')!.second?.status, 'empty');
});

const pj = (
  index: number,
  task: string,
  label: PairedJudged['label'],
  a: number | 'fail',
  b: number | 'fail',
): PairedJudged => ({
  index,
  task,
  modality: 'text',
  label,
  a: a === 'fail' ? { failed: true } : { margin: a },
  b: b === 'fail' ? { failed: true } : { margin: b },
});

test('comparison rows say "too few" under six discordant pairs and give no p without any', () => {
  const pairs: PairedJudged[] = [];
  let i = 0;
  // T2T: B right on 8 pairs A gets wrong, A right on none → significant (p = 2/256).
  for (let k = 0; k < 8; k++) pairs.push(pj(i++, 'T2T', 'A', -1, 1));
  for (let k = 0; k < 4; k++) pairs.push(pj(i++, 'T2T', 'B', -1, -1));
  // T2I: 3 discordant pairs: too few to tell.
  for (let k = 0; k < 3; k++) pairs.push(pj(i++, 'T2I', 'A', 1, -1));
  pairs.push(pj(i++, 'T2I', 'B', -1, -1));
  // TI2I: both models always agree: no discordant pair.
  for (let k = 0; k < 3; k++) pairs.push(pj(i++, 'TI2I', 'A', 1, 1));
  // T2A: model B fails everywhere: not supported.
  pairs.push(pj(i, 'T2A', 'A', 1, 'fail'));
  const rows = comparisonRows(compareRuns(pairs));
  const by = (n: string) => rows.find((r) => r.name === n)!;
  assert.equal(by('T2T').onlyB, 8);
  assert.equal(by('T2T').significant, true);
  assert.equal(by('T2T').p, '0.008');
  assert.equal(by('T2T').deltaWithoutTies, '+66.67');
  assert.equal(by('T2I').tooFew, true);
  assert.equal(by('T2I').significant, false);
  assert.match(by('T2I').pNote, /Only 3 discordant pairs .*too few/);
  assert.equal(by('TI2I').discordant, 0);
  assert.equal(by('TI2I').p, '–');
  assert.match(by('T2A').pNote, /does not support/);
  assert.equal(by('T2A').b.status, 'unsupported');
  assert.deepEqual(
    rows.map((r) => r.name),
    ['T2T', 'T2I', 'T2A', 'TI2I', 'overall'],
  );
  assert.equal(rows[rows.length - 1].discordant, 11);
});
