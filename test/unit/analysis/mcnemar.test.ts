import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactMcNemar } from '../../../src/core/analysis/mcnemar';
import { compareRuns, type PairedJudged } from '../../../src/core/analysis/comparison';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('no discordant pairs: p = 1 and too few to tell', () => {
  assert.deepEqual(exactMcNemar(0, 0), { b: 0, c: 0, p_value: 1, tooFew: true });
});

test('exact two-sided binomial p-values match hand computation', () => {
  close(exactMcNemar(1, 0).p_value, 1);
  close(exactMcNemar(5, 0).p_value, 2 / 32); // 0.0625: five discordant pairs can never be significant
  assert.equal(exactMcNemar(5, 0).tooFew, true);
  close(exactMcNemar(0, 6).p_value, 2 / 64);
  assert.equal(exactMcNemar(0, 6).tooFew, false);
  close(exactMcNemar(10, 2).p_value, (2 * (1 + 12 + 66)) / 4096); // P(X ≤ 2), n = 12
  close(exactMcNemar(3, 3).p_value, 1);
});

test('large balanced samples stay finite and near 1', () => {
  const r = exactMcNemar(5000, 5000);
  assert.ok(r.p_value > 0.95 && r.p_value <= 1, String(r.p_value));
  assert.ok(exactMcNemar(5000, 4000).p_value < 1e-10);
});

test('comparison counts the 2×2 table on pairs without ties and lists flips by direction', () => {
  const p = (index: number, label: PairedJudged['label'], a?: number, b?: number): PairedJudged => ({
    index,
    task: 'T2T',
    modality: 'text',
    label,
    a: a === undefined ? undefined : { margin: a },
    b: b === undefined ? undefined : { margin: b },
  });
  const pairs = [
    p(0, 'A', 1, 1), // both right
    p(1, 'A', 1, -1), // only model A
    p(2, 'B', 1, -1), // only model B
    p(3, 'B', -2, 2), // only model A
    p(4, 'A', -1, -1), // both wrong
    p(5, 'tie', 1, -1), // tie label: not in McNemar
    p(6, 'A', 1, undefined), // model B has no score: not in McNemar
  ];
  const c = compareRuns(pairs);
  assert.deepEqual(c.overall.agreement, { bothRight: 1, onlyA: 2, onlyB: 1, bothWrong: 1 });
  assert.deepEqual(c.flips, { onlyA: [1, 3], onlyB: [2] });
  assert.equal(c.overall.mcnemar.b, 2);
  assert.equal(c.overall.mcnemar.c, 1);
  close(c.overall.mcnemar.p_value, 1);
  assert.equal(c.tasks.T2T.withoutTies.a, 4 / 6); // 0,1,3,6 right of 6 non-tie scored pairs
  assert.equal(c.tasks.T2T.withoutTies.b, 2 / 5);
});

test('model names with pipes do not break the Markdown table', async () => {
  const { comparisonMarkdown } = await import('../../../src/core/analysis/report');
  const c = compareRuns([{ index: 0, task: 'T2T', modality: 'text', label: 'A', a: { margin: 1 }, b: { margin: -1 } }]);
  const md = comparisonMarkdown(c, 'rm|v1', 'rm-v2');
  assert.match(md, /\| task \| rm\\\|v1 w\/ ties \|/);
  for (const line of md.split('\n').filter((l) => l.startsWith('| T2T')))
    assert.equal(line.split(/(?<!\\)\|/).length, 14);
});
