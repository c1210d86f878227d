import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportFileName } from '../../../src/core/analysis/report';
import { formatEta } from '../../../src/core/format';
import {
  accuracyText,
  calibratedSummary,
  count,
  formatEpsilon,
  pct,
  pValue,
  shortName,
  signedMargin,
  signedPoints,
} from '../../../webview/analysis/format';

test('accuracies read as percent with two decimals and their counts beside', () => {
  assert.equal(accuracyText({ value: 312 / 417, correct: 312, n: 417 }), '74.82 (312/417)');
  assert.equal(accuracyText({ value: 1, correct: 5, n: 5 }), '100.00 (5/5)');
  assert.equal(accuracyText({ value: undefined, correct: 0, n: 0 }), '–');
  assert.equal(pct(0.753), '75.30');
  assert.equal(pct(undefined), '–');
  assert.equal(pct(Number.NaN), '–');
});

test('differences carry their sign in points, with a true minus and no "−0.00"', () => {
  assert.equal(signedPoints(0.0125), '+1.25');
  assert.equal(signedPoints(-0.004), '\u22120.40');
  assert.equal(signedPoints(-0.00001), '0.00');
  assert.equal(signedPoints(0), '0.00');
  assert.equal(signedPoints(undefined), '–');
  assert.equal(signedMargin(-1.234), '\u22121.23');
  assert.equal(signedMargin(123.4), '+123');
  assert.equal(signedMargin(-0.001), '\u22120.0010', 'a tiny negative margin keeps its digits, never −0.00');
  assert.equal(signedMargin(-0.004), '\u22120.0040');
  assert.equal(signedMargin(0), '0.00');
  assert.equal(signedMargin(-0), '0.00');
  assert.equal(signedMargin(-3e-9), '\u22123.0e-9');
  assert.equal(signedMargin(undefined), '');
});

test('exports ask for an ASCII minus; the screen keeps the typographic one', () => {
  assert.equal(signedPoints(-0.004, 2, { ascii: true }), '-0.40');
  assert.equal(signedPoints(0.004, 2, { ascii: true }), '+0.40');
  assert.equal(signedMargin(-1.234, { ascii: true }), '-1.23');
});

test('time left reads in minutes and seconds, and is undefined before there is an estimate', () => {
  assert.equal(formatEta(42.4), '42 s');
  assert.equal(formatEta(185), '3 min 5 s');
  assert.equal(formatEta(undefined), undefined);
  assert.equal(formatEta(Number.POSITIVE_INFINITY), undefined);
});

test('exports are offered as <data file>.<what>.<ext>, whichever separator the path uses', () => {
  assert.equal(exportFileName('/data/bench.jsonl', 'accuracy', 'markdown'), 'bench.accuracy.md');
  assert.equal(exportFileName('C:\\data\\bench.v2.json', 'comparison', 'csv'), 'bench.v2.comparison.csv');
  assert.equal(exportFileName(undefined, 'accuracy', 'csv'), 'accuracy.csv');
});

test('p-values below 0.001 are written as a bound', () => {
  assert.equal(pValue(0.0004), '< 0.001');
  assert.equal(pValue(0.04183), '0.042');
  assert.equal(pValue(1), '1.000');
});

test('ε is written without trailing zeros, small values keep two significant digits', () => {
  assert.equal(formatEpsilon(0), '0');
  assert.equal(formatEpsilon(0.25), '0.25');
  assert.equal(formatEpsilon(0.27931), '0.279');
  assert.equal(formatEpsilon(0.000412), '0.00041');
  assert.equal(formatEpsilon(1.3), '1.3');
  assert.equal(formatEpsilon(undefined), '–');
});

test('counts get thousands separators', () => {
  assert.equal(count(3725), '3,725');
  assert.equal(count(149012), '149,012');
  assert.equal(count(0), '0');
});

test('the calibrated ε summary gives the range, or the one value all tasks share', () => {
  assert.equal(calibratedSummary({ T2T: 0.1, T2I: 0.35 }), 'calibrated per task: ε from 0.1 to 0.35');
  assert.equal(calibratedSummary({ T2T: 0, T2I: 0 }), 'calibrated: ε = 0 in every task');
  assert.equal(calibratedSummary({}), 'calibrated per task');
});

test('long run names are shortened in the middle, keeping both ends', () => {
  assert.equal(shortName('length baseline'), 'length baseline');
  const s = shortName('Skywork/Skywork-Reward-Llama-3.1-8B-v0.2', 32);
  assert.equal(s.length, 32);
  assert.ok(s.startsWith('Skywork/Skywork-Rew') && s.endsWith('-8B-v0.2'), s);
  assert.ok(s.includes('…'));
});
