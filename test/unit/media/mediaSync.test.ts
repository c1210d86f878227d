import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncMedia } from '../../../webview/media/mediaSync';
import { FakeMedia, settle } from './fakeMedia';

const pair = (da: number, db: number) => {
  const a = new FakeMedia(da);
  const b = new FakeMedia(db);
  const sync = syncMedia([a, b] as unknown as HTMLMediaElement[]);
  return { a, b, sync };
};

test('playing or pausing one player (its own controls) plays or pauses the other', async () => {
  const { a, b } = pair(3, 3);
  await a.play();
  await settle();
  assert.equal(b.paused, false);
  b.pause();
  await settle();
  assert.equal(a.paused, true);
});

test('seeking one player moves the other to the same time without echoing back', async () => {
  const { a, b } = pair(3, 3);
  a.currentTime = 1.25;
  await settle();
  assert.equal(b.currentTime, 1.25);
  assert.equal(a.currentTime, 1.25);
});

test('seeking past the shorter clip parks it at its end and leaves the longer one where the user put it', async () => {
  const { a, b } = pair(4, 2);
  a.currentTime = 3;
  await settle();
  assert.equal(b.currentTime, 2);
  assert.equal(a.currentTime, 3);
});

test('the shorter clip ending does not pause the longer one', async () => {
  const { a, b, sync } = pair(4, 1);
  sync.play();
  await settle();
  b.advance(1);
  a.advance(1);
  await settle();
  assert.equal(b.ended, true);
  assert.equal(a.paused, false);
  assert.equal(sync.playing(), true);
});

test('drift past the tolerance during playback is corrected from the leader', async () => {
  const { a, b, sync } = pair(5, 5);
  sync.play();
  await settle();
  a.advance(1);
  b.advance(0.5);
  await settle();
  a.advance(0.25);
  await settle();
  assert.ok(Math.abs(a.currentTime - b.currentTime) < 0.1, `a=${a.currentTime} b=${b.currentTime}`);
});

test('step pauses both and moves them to the same next frame', async () => {
  const { a, b, sync } = pair(2, 2);
  sync.play();
  await settle();
  sync.step(1, 30);
  await settle();
  assert.equal(a.paused && b.paused, true);
  assert.equal(a.currentTime, b.currentTime);
  assert.equal(Math.floor(a.currentTime * 30), 1);
});

test('play after everything ended starts both from the beginning', async () => {
  const { a, b, sync } = pair(1, 1);
  sync.play();
  await settle();
  a.advance(1);
  b.advance(1);
  await settle();
  sync.play();
  await settle();
  assert.equal(a.paused || b.paused, false);
  assert.ok(a.currentTime < 0.1 && b.currentTime < 0.1);
});

test('a player that failed to load is left out; dispose stops the syncing', async () => {
  const { a, b, sync } = pair(3, 3);
  b.error = { code: 4 };
  sync.play();
  await settle();
  assert.equal(b.paused, true);
  assert.equal(sync.duration(), 3);
  b.error = null;
  sync.dispose();
  await a.play();
  await settle();
  assert.equal(b.paused, true);
});
