import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PairedJudged } from '../../../src/core/analysis/comparison';
import type { SweepCell } from '../../../src/core/analysis/criteriaSweep';
import type { Judged } from '../../../src/core/analysis/verdict';
import { comparisonModel, verdictSentence } from '../../../webview/analysis/comparisonModel';
import { dashboardModel, histogramBand } from '../../../webview/analysis/dashboardModel';
import { ignoresCriterion, movesWithoutFlips, sweepCsv, sweepRows } from '../../../webview/analysis/sweepModel';

const j = (index: number, task: string, label: Judged['label'], margin?: number): Judged => ({
  index,
  task,
  modality: 'text',
  label,
  margin,
});

test('the histogram band is the fixed ε, the shared calibrated ε, or the largest per-task ε', () => {
  assert.deepEqual(histogramBand({ epsilon: 0.4 }, { T2T: 0.1 }), { epsilon: 0.4, label: 'tie band' });
  assert.equal(histogramBand({ epsilon: 0 }, {}), undefined);
  assert.deepEqual(histogramBand({}, { T2T: 0.2, T2I: 0.2 }), { epsilon: 0.2, label: 'tie band' });
  assert.deepEqual(histogramBand({}, { T2T: 0.1, T2I: 0.3 }), { epsilon: 0.3, label: 'largest per-task ε' });
  assert.equal(histogramBand({}, { T2T: 0 }), undefined);
});

test('the dashboard calibrates ε per task by default and follows a fixed ε', () => {
  // In T2T the tie sits at |m| = 0.1 and every A/B pair is further out: calibration picks ε = 0.1.
  const pairs = [j(0, 'T2T', 'A', 2), j(1, 'T2T', 'B', -1), j(2, 'T2T', 'tie', 0.1), j(3, 'T2T', 'A', 1.5)];
  const cal = dashboardModel({ run: { name: 'rm', judged: pairs } });
  assert.equal(cal.epsilons.T2T, 0.1);
  assert.equal(cal.table.tasks.T2T.withTies.correct, 4);
  const fixed = dashboardModel({ run: { name: 'rm', judged: pairs } }, { epsilon: 1.2 });
  assert.equal(fixed.table.tasks.T2T.withTies.correct, 3); // the B pair at −1 now reads as a tie
  assert.equal(fixed.scoredAB, 3);
});

test('a run that is not Bradley–Terry gets no reliability curve; the baseline is calibrated on its own', () => {
  const pairs = [j(0, 'T2T', 'A', 30), j(1, 'T2T', 'B', 10)];
  const d = dashboardModel(
    { run: { name: 'length', judged: pairs, bradleyTerry: false }, baseline: { name: 'length', judged: pairs } },
    { epsilon: 5 },
  );
  assert.equal(d.reliability, undefined);
  assert.equal(d.baselineTable?.tasks.T2T.epsilon, 0);
  assert.ok(dashboardModel({ run: { name: 'rm', judged: pairs } }).reliability);
});

const pj = (index: number, task: string, a: number, b: number): PairedJudged => ({
  index,
  task,
  modality: 'text',
  label: 'A',
  a: { margin: a },
  b: { margin: b },
});

test('flips are split by task and direction for the clickable cells', () => {
  const m = comparisonModel({
    pairs: [pj(0, 'T2T', 1, -1), pj(1, 'T2I', -1, 1), pj(2, 'T2I', -1, 1), pj(3, 'T2T', 1, 1)],
    nameA: 'a',
    nameB: 'b',
  });
  assert.deepEqual(m.flipsByTask, { T2T: { onlyA: [0], onlyB: [] }, T2I: { onlyA: [], onlyB: [1, 2] } });
  assert.equal(m.compared, 4);
  assert.equal(m.points.length, 4);
});

test('the overall verdict sentence names the better model only when McNemar says so', () => {
  const many = Array.from({ length: 20 }, (_, i) => pj(i, 'T2T', -1, 1));
  const sig = comparisonModel({ pairs: many, nameA: 'small', nameB: 'big' });
  assert.match(
    verdictSentence(sig.rows[sig.rows.length - 1], 'small', 'big'),
    /^big is right more often .*\(0 vs 20, p < 0\.001\)/,
  );
  const few = comparisonModel({ pairs: many.slice(0, 3), nameA: 'small', nameB: 'big' });
  assert.match(
    verdictSentence(few.rows[few.rows.length - 1], 'small', 'big'),
    /^Too few discordant pairs to tell \(3;/,
  );
  const none = comparisonModel({ pairs: [pj(0, 'T2T', 1, 1)], nameA: 'small', nameB: 'big' });
  assert.match(verdictSentence(none.rows[none.rows.length - 1], 'small', 'big'), /^No discordant pairs/);
  const even = comparisonModel({
    pairs: [...many.slice(0, 5), ...Array.from({ length: 5 }, (_, i) => pj(100 + i, 'T2T', 1, -1))],
    nameA: 'small',
    nameB: 'big',
  });
  assert.match(verdictSentence(even.rows[even.rows.length - 1], 'small', 'big'), /^No significant difference \(5 vs 5/);
});

const cell = (variant: string, task: string, flips: number, meanAbsDelta: number, n = 10): SweepCell => ({
  variant,
  task,
  n,
  flips,
  errors: 0,
  flipRate: flips / n,
  meanAbsDelta,
  accuracy: 0.7,
});

test('a sweep where no variant moved any margin says the model ignores the criterion', () => {
  const blind = [cell('original', 'all', 0, 0), cell('none', 'all', 0, 0), cell('opposite', 'all', 0, 0)];
  assert.equal(ignoresCriterion(blind), true);
  assert.equal(movesWithoutFlips(blind), false);
  const nudged = [cell('original', 'all', 0, 0), cell('none', 'all', 0, 0.01), cell('opposite', 'all', 0, 0.2)];
  assert.equal(ignoresCriterion(nudged), false);
  assert.equal(movesWithoutFlips(nudged), true);
  assert.equal(ignoresCriterion([cell('original', 'all', 0, 0), cell('opposite', 'all', 3, 1.2)]), false);
  assert.equal(
    ignoresCriterion([cell('original', 'all', 0, 0, 0), cell('opposite', 'all', 0, 0, 0)]),
    false,
    'nothing scored is not "ignores"',
  );
});

test('sweep rows put all pairs first, then tasks in the paper’s order, one cell per variant besides the original', () => {
  const variants = [
    { id: 'original', name: 'original', kind: 'original' as const },
    { id: 'opposite', name: 'opposite', kind: 'template' as const, template: 'NOT {criteria}' },
  ];
  const cells = [
    cell('original', 'all', 0, 0),
    cell('opposite', 'all', 4, 1),
    cell('original', 'T2I', 0, 0),
    cell('opposite', 'T2I', 1, 1),
    cell('original', 'T2T', 0, 0),
    cell('opposite', 'T2T', 3, 1),
  ];
  const rows = sweepRows({ variants, cells });
  assert.deepEqual(
    rows.map((r) => r.task),
    ['all', 'T2T', 'T2I'],
  );
  assert.deepEqual(
    rows[0].cells.map((c) => [c.variant, c.flipRate, c.flips]),
    [['opposite', '40.0', 4]],
  );
  assert.equal(rows[0].original, '70.0');
});

test('the sweep CSV names variants and quotes names with commas', () => {
  const variants = [
    { id: 'original', name: 'original', kind: 'original' as const },
    { id: 'v2', name: 'shorter, please', kind: 'template' as const, template: '{criteria}' },
  ];
  const csv = sweepCsv({ variants, cells: [cell('original', 'all', 0, 0), cell('v2', 'T2T', 2, 0.5)] });
  assert.equal(
    csv,
    'variant,task,n,flips,flip_rate,mean_abs_delta,accuracy,errors\noriginal,all,10,0,0,0,0.7,0\n"shorter, please",T2T,10,2,0.2,0.5,0.7,0\n',
  );
});

test('narrowed to one task, the charts use that task’s pairs and its own ε band; the slider keeps the whole file’s range', () => {
  const pairs = [
    j(0, 'T2T', 'A', 2),
    j(1, 'T2T', 'tie', 0.1),
    j(2, 'T2I', 'A', 9),
    j(3, 'T2I', 'tie', 0.5),
    j(4, 'T2I', 'B', -8),
  ];
  const all = dashboardModel({ run: { name: 'rm', judged: pairs } });
  const t2t = dashboardModel({ run: { name: 'rm', judged: pairs } }, {}, 'T2T');
  assert.equal(all.scoredAB, 3);
  assert.equal(t2t.scoredAB, 1);
  assert.deepEqual(t2t.band, { epsilon: 0.1, label: 'T2T tie band' });
  assert.deepEqual(all.band, { epsilon: 0.5, label: 'largest per-task ε' });
  assert.deepEqual(t2t.slider, all.slider);
  assert.equal(histogramBand({ epsilon: 0.3 }, { T2T: 0.1 }, 'T2T')?.epsilon, 0.3);
});
