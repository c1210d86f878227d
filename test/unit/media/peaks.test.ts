import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePeaks, peaksForWidth } from '../../../webview/media/peaks';

test('computePeaks keeps the min and max of each bucket', () => {
  const ch = Float32Array.from([0, 0.5, -0.25, 0.1, -1, 0.3, 0.2, 0.9]);
  const p = computePeaks([ch], 4);
  assert.deepEqual(Array.from(p.min), [0, -0.25, -1, 0.2].map(Math.fround));
  assert.deepEqual(Array.from(p.max), [0.5, 0.1, 0.3, 0.9].map(Math.fround));
});

test('computePeaks merges channels so a loud right channel still shows', () => {
  const left = new Float32Array(4);
  const right = Float32Array.from([0, 0, 0.8, -0.6]);
  const p = computePeaks([left, right], 2);
  assert.deepEqual(Array.from(p.max), [0, Math.fround(0.8)]);
  assert.deepEqual(Array.from(p.min), [0, Math.fround(-0.6)]);
});

test('computePeaks never makes more buckets than samples and clamps out-of-range samples', () => {
  const p = computePeaks([Float32Array.from([2, -3])], 100);
  assert.equal(p.min.length, 2);
  assert.deepEqual(Array.from(p.max), [1, -1]);
  assert.equal(computePeaks([], 10).min.length, 0);
});

test('peaksForWidth keeps the extremes when shrinking to fewer columns', () => {
  const p = computePeaks([Float32Array.from([0.1, -0.2, 0.7, -0.9, 0.3, 0.05])], 6);
  const w = peaksForWidth(p, 2);
  assert.deepEqual(Array.from(w.max), [0.7, 0.3].map(Math.fround));
  assert.deepEqual(Array.from(w.min), [-0.2, -0.9].map(Math.fround));
});

test('peaksForWidth repeats buckets instead of leaving gaps when widening', () => {
  const p = computePeaks([Float32Array.from([0.5, -0.5])], 2);
  const w = peaksForWidth(p, 5);
  assert.equal(w.max.length, 5);
  for (let x = 0; x < 5; x++) assert.ok(w.max[x] !== 0 || w.min[x] !== 0, `column ${x} is blank`);
  assert.equal(peaksForWidth({ min: new Float32Array(0), max: new Float32Array(0) }, 3).max.length, 3);
});
