// CLIP parity with the PyTorch export: pixel values, token ids and logits_per_image from reference.json.
//
// Tolerances, and why. Preprocessing reproduces both Python image processors to float rounding (max |Δ| < 1e-6
// on every value; the 8-bit pixels before rescale/normalise are identical): our resize is the same fixed-point
// algorithm as PyTorch's uint8 antialias kernel (torchvision, transformers' default) and as Pillow's, and sharp
// decodes JPEG with libjpeg-turbo like Pillow. So the scores only differ by float arithmetic in onnxruntime
// (batch shape, thread count): we reach 1.0e-6 (32 px) and 1.7e-6 (224 px) and assert 1e-5. For scale: the two Python processors
// differ by one 8-bit level on a few pixels (0.015 after normalising), which already moves a score by more
// than that (asserted below), so the bound would catch a resize that is off by one level anywhere that matters.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ClipScorer } from '../../../src/core/scoring/clipScorer';
import { decodeImage, toPixelValues, type ResizeBackend } from '../../../src/core/scoring/imageProcessor';
import { readModelFolder } from '../../../src/core/scoring/modelFolder';
import type { ScoreInput } from '../../../src/core/scoring/scorer';
import { tempDir } from '../tempDir';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const IMAGES = path.join(FIXTURES, 'images/mj-bench');
const SCORE_TOLERANCE = 1e-5;
const PIXEL_TOLERANCE = 1e-5;

interface Row {
  caption: string;
  input_ids: number[];
  image_0: string;
  image_1: string;
  onnx_score_0: number;
  onnx_score_1: number;
}
const reference = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'models', name, 'reference.json'), 'utf8')) as { rows: Row[] };

function f32(file: string): Float32Array {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

function imageInput(caption: string, image: string, criterion?: string): ScoreInput {
  return {
    prompt: [{ type: 'text', text: caption }],
    criterion,
    response: { parts: [{ type: 'media', media: { modality: 'image', source: { kind: 'path', path: image } } }] },
    mediaPaths: [undefined, path.join(IMAGES, image)],
  };
}

async function load(name: string, resize?: ResizeBackend): Promise<ClipScorer> {
  const folder = readModelFolder({ id: name, path: path.join(FIXTURES, 'models', name) });
  return ClipScorer.load(folder, 'test', { resize });
}

for (const name of ['clip-score', 'clip-score-224']) {
  const ref = reference(name);
  const names = [...ref.rows.map((r) => r.image_0), ...ref.rows.map((r) => r.image_1)];

  for (const [backend, file] of [
    ['torchvision', 'pixel_values.f32'],
    ['pillow', 'pixel_values_pil.f32'],
  ] as const) {
    test(`${name}: ${backend} resize reproduces ${file} to float rounding`, async () => {
      const cfg = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'models', name, 'preprocessor_config.json'), 'utf8'));
      const { parseImageProcessorConfig } = await import('../../../src/core/scoring/imageProcessor');
      const want = f32(path.join(FIXTURES, 'models', name, file));
      const per = want.length / names.length;
      let max = 0;
      for (const [i, n] of names.entries()) {
        const got = toPixelValues(
          await decodeImage(fs.readFileSync(path.join(IMAGES, n))),
          parseImageProcessorConfig(cfg),
          backend,
        );
        assert.equal(got.length, per);
        for (let k = 0; k < per; k++) max = Math.max(max, Math.abs(got[k] - want[i * per + k]));
      }
      assert.ok(max < PIXEL_TOLERANCE, `max |Δ| ${max}`);
    });
  }

  test(`${name}: tokenises the captions to the reference ids exactly`, async () => {
    const scorer = await load(name);
    try {
      for (const r of ref.rows) assert.deepEqual(scorer.encodeText(r.caption), r.input_ids);
    } finally {
      await scorer.dispose();
    }
  });

  test(`${name}: logits_per_image of every reference pair within ${SCORE_TOLERANCE}`, async () => {
    const scorer = await load(name);
    try {
      const inputs = ref.rows.flatMap((r) => [imageInput(r.caption, r.image_0), imageInput(r.caption, r.image_1)]);
      const res = await scorer.scoreBatch(inputs);
      const want = ref.rows.flatMap((r) => [r.onnx_score_0, r.onnx_score_1]);
      res.forEach((x, i) => {
        assert.ok('score' in x, JSON.stringify(x));
        assert.ok(Math.abs(x.score - want[i]) < SCORE_TOLERANCE, `input ${i}: ${x.score} vs ${want[i]}`);
      });
      // One at a time gives the same scores as the batch (padding and text de-duplication change nothing).
      const [single] = await scorer.scoreBatch([inputs[3]]);
      assert.ok('score' in single && Math.abs(single.score - want[3]) < SCORE_TOLERANCE);
    } finally {
      await scorer.dispose();
    }
  });
}

test('clip-score: a one-level resize difference (Pillow vs torchvision) moves scores by more than the tolerance', async () => {
  const ref = reference('clip-score');
  const scorer = await load('clip-score', 'pillow');
  try {
    const res = await scorer.scoreBatch(
      ref.rows.flatMap((r) => [imageInput(r.caption, r.image_0), imageInput(r.caption, r.image_1)]),
    );
    const want = ref.rows.flatMap((r) => [r.onnx_score_0, r.onnx_score_1]);
    const worst = Math.max(...res.map((x, i) => ('score' in x ? Math.abs(x.score - want[i]) : Infinity)));
    assert.ok(worst > 10 * SCORE_TOLERANCE && worst < 0.05, `worst |Δ| ${worst}`);
  } finally {
    await scorer.dispose();
  }
});

test('clip: the criterion follows the prompt, joined by a space, and changes the score', async () => {
  const scorer = await load('clip-score');
  try {
    const r = reference('clip-score').rows[0];
    const [plain, withCriterion, joined] = await scorer.scoreBatch([
      imageInput(r.caption, r.image_0),
      imageInput(r.caption, r.image_0, 'Focus on the chairs.'),
      imageInput(`${r.caption} Focus on the chairs.`, r.image_0),
    ]);
    assert.ok('score' in plain && 'score' in withCriterion && 'score' in joined);
    assert.notEqual(plain.score, withCriterion.score);
    assert.ok(Math.abs(withCriterion.score - joined.score) < 1e-6);
  } finally {
    await scorer.dispose();
  }
});

test('clip: missing images, text responses and inline data URIs', async () => {
  const scorer = await load('clip-score');
  try {
    const r = reference('clip-score').rows[0];
    const bytes = fs.readFileSync(path.join(IMAGES, r.image_0));
    const [missing, text, inline] = await scorer.scoreBatch([
      { ...imageInput(r.caption, 'gone.jpg'), mediaPaths: [] },
      { prompt: [{ type: 'text', text: r.caption }], response: { parts: [{ type: 'text', text: 'a room' }] } },
      {
        prompt: [{ type: 'text', text: r.caption }],
        response: {
          parts: [
            {
              type: 'media',
              media: {
                modality: 'image',
                source: { kind: 'data', uri: `data:image/jpeg;base64,${bytes.toString('base64')}` },
              },
            },
          ],
        },
      },
    ]);
    assert.deepEqual(missing, {
      error: 'missing image: gone.jpg (not found under the dataset folder or the media roots)',
    });
    assert.ok('error' in text && /image or video responses/.test(text.error));
    assert.ok('score' in inline && Math.abs(inline.score - r.onnx_score_0) < SCORE_TOLERANCE);
  } finally {
    await scorer.dispose();
  }
});

test('clip: a corrupt image is an error on that input; the rest of the batch scores', async () => {
  const scorer = await load('clip-score');
  try {
    const r = reference('clip-score').rows[0];
    const bad = {
      prompt: [{ type: 'text' as const, text: r.caption }],
      response: {
        parts: [
          {
            type: 'media' as const,
            media: {
              modality: 'image' as const,
              source: { kind: 'data' as const, uri: 'data:image/jpeg;base64,/9j/AAAA' },
            },
          },
        ],
      },
    };
    const [err, ok] = await scorer.scoreBatch([bad, imageInput(r.caption, r.image_0)]);
    assert.ok('error' in err && /^image \(inline data\): not a readable image \(/.test(err.error), JSON.stringify(err));
    assert.ok('score' in ok && Math.abs(ok.score - r.onnx_score_0) < SCORE_TOLERANCE);
  } finally {
    await scorer.dispose();
  }
});

test('clip: a folder without preprocessor_config.json, or with a graph of another kind, fails at load naming the file', async () => {
  const { loadScorer } = await import('../../../src/core/scoring/modelFolder');
  const tmp = tempDir('clip-bad-');
  try {
    fs.cpSync(path.join(FIXTURES, 'models/clip-score'), tmp, { recursive: true });
    fs.rmSync(path.join(tmp, 'preprocessor_config.json'));
    await assert.rejects(loadScorer({ id: 'bad', path: tmp }), /^Error: preprocessor_config\.json: missing/);
    fs.copyFileSync(
      path.join(FIXTURES, 'models/clip-score/preprocessor_config.json'),
      path.join(tmp, 'preprocessor_config.json'),
    );
    fs.copyFileSync(path.join(FIXTURES, 'models/clap-score/onnx/model.onnx'), path.join(tmp, 'onnx/model.onnx'));
    await assert.rejects(loadScorer({ id: 'bad', path: tmp }), /onnx\/model\.onnx: has no input `pixel_values`/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
