import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateFfmpegCore } from '../../../src/core/scoring/ffmpegWasm';

test('an explicit ffmpeg core folder wins, and a wrong one says what to install and why it is not shipped', () => {
  const saved = process.env.REWARD_LENS_FFMPEG_CORE;
  try {
    process.env.REWARD_LENS_FFMPEG_CORE = '/nonexistent/ffmpeg-core';
    assert.throws(() => locateFfmpegCore(), /GPL-2\.0-or-later.*npm install @ffmpeg\/core@0\.12\.10.*rewardLens\.ffmpegCorePath.*nothing usable was found under \/nonexistent\/ffmpeg-core/);
    delete process.env.REWARD_LENS_FFMPEG_CORE;
    // In a source checkout it is a development dependency.
    assert.match(locateFfmpegCore().wasm, /ffmpeg-core\.wasm$/);
  } finally {
    if (saved === undefined) delete process.env.REWARD_LENS_FFMPEG_CORE;
    else process.env.REWARD_LENS_FFMPEG_CORE = saved;
  }
});
