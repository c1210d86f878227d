// Video responses: frames decoded in-process by ffmpeg.wasm (no system ffmpeg), scored by CLIP and averaged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ClipScorer } from '../../../src/core/scoring/clipScorer';
import { readModelFolder } from '../../../src/core/scoring/modelFolder';
import type { ScoreInput } from '../../../src/core/scoring/scorer';
import { decodeVideoFrames, parseDuration } from '../../../src/core/scoring/videoFrames';
import sharp from 'sharp';
import { tempDir } from '../tempDir';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const VIDEO = path.join(FIXTURES, 'video');
const caption = 'A large room with a long wooden table and many chairs.';

function mediaInput(modality: 'image' | 'video', file: string): ScoreInput {
  return {
    prompt: [{ type: 'text', text: caption }],
    response: { parts: [{ type: 'media', media: { modality, source: { kind: 'path', path: path.basename(file) } } }] },
    mediaPaths: [undefined, file],
  };
}

for (const file of ['two-scenes.webm', 'two-scenes.mp4']) {
  test(`decodes 8 evenly spaced frames of ${file} at its size, first scene then second`, async () => {
    const frames = await decodeVideoFrames(fs.readFileSync(path.join(VIDEO, file)), 8);
    assert.equal(frames.length, 8);
    for (const f of frames) assert.deepEqual([f.width, f.height, f.data.length], [96, 64, 96 * 64 * 3]);
    // Frames 0–3 come from the first second, 4–7 from the second: the edit makes them differ.
    const diff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
    assert.ok(diff(frames[0].data, frames[3].data) < 2, 'same scene');
    assert.ok(
      diff(frames[3].data, frames[4].data) > diff(frames[0].data, frames[3].data) + 1,
      'scene change between frames 3 and 4',
    );
  });
}

test('a video scores as the mean of its frames scored as images', async () => {
  const scorer = await ClipScorer.load(
    readModelFolder({ id: 'clip', path: path.join(FIXTURES, 'models/clip-score') }),
    'test',
  );
  const tmp = tempDir('frames-');
  try {
    const frames = await decodeVideoFrames(fs.readFileSync(path.join(VIDEO, 'two-scenes.webm')), 8);
    const pngs = await Promise.all(
      frames.map(async (f, i) => {
        const p = path.join(tmp, `${i}.png`);
        await sharp(Buffer.from(f.data), { raw: { width: f.width, height: f.height, channels: 3 } })
          .png()
          .toFile(p);
        return p;
      }),
    );
    const perFrame = await scorer.scoreBatch(pngs.map((p) => mediaInput('image', p)));
    const mean = perFrame.reduce((s, r) => s + ('score' in r ? r.score : NaN), 0) / perFrame.length;
    const [video] = await scorer.scoreBatch([mediaInput('video', path.join(VIDEO, 'two-scenes.webm'))]);
    assert.ok('score' in video, JSON.stringify(video));
    assert.ok(Math.abs(video.score - mean) < 1e-5, `${video.score} vs ${mean}`);
    const scores = perFrame.map((r) => ('score' in r ? r.score : NaN));
    assert.ok(Math.min(...scores) < Math.max(...scores), 'the two scenes score differently');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    await scorer.dispose();
  }
});

test('a file that is not a video is an error on that input, naming the file', async () => {
  const scorer = await ClipScorer.load(
    readModelFolder({ id: 'clip', path: path.join(FIXTURES, 'models/clip-score') }),
    'test',
  );
  try {
    const [res] = await scorer.scoreBatch([mediaInput('video', path.join(FIXTURES, 'video/PROVENANCE.md'))]);
    assert.ok(
      'error' in res && /^video PROVENANCE\.md: no decodable video stream/.test(res.error),
      JSON.stringify(res),
    );
  } finally {
    await scorer.dispose();
  }
});

test("reads the duration from ffmpeg's input summary", () => {
  assert.equal(parseDuration('  Duration: 00:01:02.50, start: 0.000000'), 62.5);
  assert.equal(parseDuration('  Duration: N/A, start: 0.000000'), undefined);
});
