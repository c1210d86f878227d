import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateFps } from '../../../webview/media/frameRate';

const frames = (fps: number, n: number, skip: number[] = []) =>
  Array.from({ length: n }, (_, i) => i / fps).filter((_, i) => !skip.includes(i));

test('estimateFps finds common rates from presented frame times', () => {
  assert.equal(estimateFps(frames(15, 12)), 15);
  assert.equal(estimateFps(frames(24, 12)), 24);
  assert.equal(estimateFps(frames(30000 / 1001, 12)), 29.97);
  assert.equal(estimateFps(frames(60, 12)), 60);
});

test('estimateFps is not fooled by frames the compositor skipped', () => {
  assert.equal(estimateFps(frames(25, 20, [3, 4, 9, 14, 15])), 25);
});

test('estimateFps waits for enough distinct frames and ignores repeats', () => {
  assert.equal(estimateFps([0, 0, 0.1, 0.1]), undefined);
  assert.equal(estimateFps([0, 1 / 30, 1 / 30, 2 / 30, 3 / 30, 4 / 30, 4 / 30]), 30);
});

test('estimateFps rounds unusual rates', () => {
  assert.equal(estimateFps(frames(7, 10)), 7);
});
