import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clampTime,
  formatTime,
  frameIndexAt,
  resyncTarget,
  sharedDuration,
  stepFrameTime,
} from '../../../webview/media/timeMath';

test('frameIndexAt puts an exact frame boundary on that frame despite float error', () => {
  assert.equal(frameIndexAt(10 / 30, 30), 10);
  assert.equal(frameIndexAt(0.3, 30), 9);
  assert.equal(frameIndexAt(0, 30), 0);
});

test('stepFrameTime moves one frame and lands mid-frame', () => {
  const t = stepFrameTime(0, 1, 30, 2);
  assert.equal(frameIndexAt(t, 30), 1);
  assert.ok(Math.abs(t - 1.5 / 30) < 1e-9);
  assert.equal(frameIndexAt(stepFrameTime(t, 1, 30, 2), 30), 2);
  assert.equal(frameIndexAt(stepFrameTime(t, -1, 30, 2), 30), 0);
});

test('stepFrameTime stops at the first and the last frame', () => {
  assert.equal(frameIndexAt(stepFrameTime(0, -1, 30, 2), 30), 0);
  const last = stepFrameTime(2, 1, 30, 2);
  assert.equal(frameIndexAt(last, 30), 59);
  assert.ok(last < 2);
});

test('stepFrameTime works before the duration is known', () => {
  assert.equal(frameIndexAt(stepFrameTime(1, 1, 25, NaN), 25), 26);
});

test('resyncTarget only moves a follower that drifted past the tolerance', () => {
  assert.equal(resyncTarget(1.0, 1.05, 10), undefined);
  assert.equal(resyncTarget(1.0, 1.3, 10), 1.0);
  assert.equal(resyncTarget(8, 2.5, 3), 3, 'clamped to the shorter clip');
  assert.equal(resyncTarget(8, 3, 3), undefined, 'a finished shorter clip stays at its end');
});

test('clampTime and sharedDuration ignore unknown durations', () => {
  assert.equal(clampTime(-1, 5), 0);
  assert.equal(clampTime(9, 5), 5);
  assert.equal(clampTime(9, NaN), 9);
  assert.equal(sharedDuration([NaN, 3, Infinity, 4.5]), 4.5);
  assert.equal(sharedDuration([]), 0);
});

test('formatTime shows minutes, seconds and tenths', () => {
  assert.equal(formatTime(0), '0:00.0');
  assert.equal(formatTime(65.37), '1:05.3');
  assert.equal(formatTime(3725), '1:02:05');
  assert.equal(formatTime(NaN), '0:00.0');
});
