import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrateEpsilon } from '../../../src/core/analysis/tieCalibration';
import { accuracyTable, groupAccuracy } from '../../../src/core/analysis/accuracyTable';
import { verdictFromMargin, type Judged } from '../../../src/core/analysis/verdict';

const j = (task: string, label: Judged['label'], margin?: number, extra: Partial<Judged> = {}): Judged => ({
  index: 0,
  task,
  modality: 'text',
  label,
  margin,
  ...extra,
});

// Hand-worked case: sorted |m| = .1(tie) .2(tie) .3(A✓) .5(B, sign A ✗) 1(B✓) 2(A✓).
// ε=0 → 3 right; ε=.1 → 4; ε=.2 → 5; ε=.3 → 4; ε=.5 → 4; ε=1 → 3; ε=2 → 2.
const T2T = [
  j('T2T', 'tie', 0.1),
  j('T2T', 'A', 0.3),
  j('T2T', 'tie', -0.2),
  j('T2T', 'A', 2),
  j('T2T', 'B', -1),
  j('T2T', 'B', 0.5),
];

test('a margin within ε is a tie, otherwise its sign decides', () => {
  assert.equal(verdictFromMargin(0.2, 0.2), 'tie');
  assert.equal(verdictFromMargin(-0.2, 0.2), 'tie');
  assert.equal(verdictFromMargin(0.21, 0.2), 'A');
  assert.equal(verdictFromMargin(-3, 0.2), 'B');
  assert.equal(verdictFromMargin(0, 0), 'tie');
});

test('tie calibration picks the ε that maximises three-way accuracy', () => {
  const c = calibrateEpsilon(T2T);
  assert.equal(c.epsilon, 0.2);
  assert.equal(c.accuracy, 5 / 6);
  assert.equal(c.n, 6);
});

test('a file without tie labels calibrates to ε = 0', () => {
  const c = calibrateEpsilon([j('T2T', 'A', 0.3), j('T2T', 'B', 0.4), j('T2T', 'B', -1)]);
  assert.equal(c.epsilon, 0);
  assert.equal(c.accuracy, 2 / 3);
});

test('a zero margin is already a tie at ε = 0', () => {
  const c = calibrateEpsilon([j('T2T', 'tie', 0), j('T2T', 'A', 1)]);
  assert.deepEqual(c, { epsilon: 0, accuracy: 1, n: 2 });
});

test('of equally good ε the smallest wins', () => {
  // ε=0: 1 right (A); ε=.5: the tie is right but the A becomes a tie → still 1; smallest stays 0.
  const c = calibrateEpsilon([j('T2T', 'A', 0.5), j('T2T', 'tie', 0.5)]);
  assert.equal(c.epsilon, 0);
  assert.equal(c.accuracy, 1 / 2);
});

test('accuracy without ties drops tie labels and reads the margin by its sign', () => {
  const g = groupAccuracy(T2T, 0.2);
  assert.deepEqual([g.withTies.correct, g.withTies.n], [5, 6]);
  // Non-tie pairs: .3 A ✓, 2 A ✓, −1 B ✓, .5 B ✗.
  assert.deepEqual([g.withoutTies.correct, g.withoutTies.n], [3, 4]);
  assert.equal(g.ties, 2);
});

test('overall accuracy is the mean over tasks, not over pairs', () => {
  const T2I = [j('T2I', 'A', 1, { modality: 'image' }), j('T2I', 'B', 1, { modality: 'image' })];
  const t = accuracyTable([...T2T, ...T2I]);
  assert.equal(t.tasks.T2T.epsilon, 0.2);
  assert.equal(t.tasks.T2I.epsilon, 0);
  assert.equal(t.tasks.T2I.withTies.value, 0.5);
  assert.equal(t.overall.withTies, (5 / 6 + 1 / 2) / 2);
  assert.equal(t.overall.withoutTies, (3 / 4 + 1 / 2) / 2);
  assert.equal(t.overall.tasks, 2);
  assert.equal(t.modalities.image.withTies.value, 0.5);
  assert.equal(t.modalities.text.withTies.value, 5 / 6);
});

test('a task with nothing to judge is left out of the mean, not counted as zero', () => {
  const t = accuracyTable([...T2T, j('T2V', 'none', 1), j('T2V', 'A', undefined)]);
  assert.equal(t.tasks.T2V.withTies.value, undefined);
  assert.equal(t.tasks.T2V.withTies.n, 0);
  assert.equal(t.tasks.T2V.unscored, 1);
  assert.equal(t.overall.tasks, 1);
  assert.equal(t.overall.withTies, 5 / 6);
});

test('a fixed ε overrides calibration for every task', () => {
  const t = accuracyTable(T2T, { epsilon: 0 });
  assert.equal(t.tasks.T2T.epsilon, 0);
  assert.equal(t.tasks.T2T.withTies.value, 3 / 6);
});

test('failed predictions count as wrong; verdict-only runs are judged by their verdict', () => {
  const g = groupAccuracy(
    [
      j('T2T', 'A', undefined, { verdict: 'A' }),
      j('T2T', 'tie', undefined, { verdict: 'tie' }),
      j('T2T', 'B', undefined, { failed: true }),
      j('T2T', 'B', undefined, { verdict: 'tie' }),
    ],
    0,
  );
  assert.deepEqual([g.withTies.correct, g.withTies.n], [2, 4]);
  // Without ties: A ✓, failed ✗, stated tie on a B pair ✗.
  assert.deepEqual([g.withoutTies.correct, g.withoutTies.n], [1, 3]);
  assert.equal(g.failed, 1);
});

test('a task where every prediction failed is not supported and leaves the overall mean', () => {
  const t = accuracyTable([
    ...T2T,
    j('T2A', 'A', undefined, { failed: true }),
    j('T2A', 'B', undefined, { failed: true }),
  ]);
  assert.equal(t.tasks.T2A.supported, false);
  assert.equal(t.tasks.T2A.withTies.value, undefined);
  assert.equal(t.tasks.T2A.failed, 2);
  assert.equal(t.overall.tasks, 1);
  assert.equal(t.overall.withTies, 5 / 6);
});

test('a per-task ε overrides the global choice for that task only', () => {
  const T2I = [j('T2I', 'A', 1, { modality: 'image' }), j('T2I', 'tie', 0.5, { modality: 'image' })];
  const t = accuracyTable([...T2T, ...T2I], { epsilon: 0, perTask: { T2I: 0.5 } });
  assert.equal(t.tasks.T2T.epsilon, 0);
  assert.equal(t.tasks.T2I.epsilon, 0.5);
  assert.equal(t.tasks.T2I.withTies.value, 1);
});
