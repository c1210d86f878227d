// CLAP parity with the PyTorch export: log-mel features and logits_per_audio from reference.json.
//
// Tolerances, and why. The features are bit-identical to ClapFeatureExtractor's (max |Δ| = 0 on all 2×1001×64
// values): same reflect padding, periodic Hann window, complex64 rounding of the FFT, slaney mel filters in
// float64 and 10·log10 — and Python's repeatpad (5 copies of a 2 s clip in a 10 s window, where transformers.js
// makes 4). We still allow 1e-3 dB on features for FFT rounding on other inputs (an FFT whose float64 result
// rounds to a different complex64 neighbour moves a bin by ~1e-7 relative). Scores then differ only by
// onnxruntime arithmetic: measured 0 against the Python onnxruntime scores (1.4e-6 against PyTorch), asserted 1e-5.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  clapFeatures,
  decodeWav,
  fitToWindow,
  parseClapFeatureConfig,
  resample,
} from '../../../src/core/scoring/audioProcessor';
import { ClapScorer } from '../../../src/core/scoring/clapScorer';
import { readModelFolder } from '../../../src/core/scoring/modelFolder';
import type { ScoreInput } from '../../../src/core/scoring/scorer';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const DIR = path.join(FIXTURES, 'models/clap-score');
const ref = JSON.parse(fs.readFileSync(path.join(DIR, 'reference.json'), 'utf8')) as {
  captions: string[];
  input_ids: number[][];
  onnx_logits_per_audio: number[][];
};
const cfg = parseClapFeatureConfig(JSON.parse(fs.readFileSync(path.join(DIR, 'preprocessor_config.json'), 'utf8')));
const SCORE_TOLERANCE = 1e-5;

function audioInput(caption: string, file: string, criterion?: string): ScoreInput {
  return {
    prompt: [{ type: 'text', text: caption }],
    criterion,
    response: {
      parts: [{ type: 'media', media: { modality: 'audio', source: { kind: 'path', path: path.basename(file) } } }],
    },
    mediaPaths: [undefined, file],
  };
}

const load = () => ClapScorer.load(readModelFolder({ id: 'clap', path: DIR }), 'test');

test('clap-score: log-mel features of both WAVs equal input_features.f32', () => {
  const b = fs.readFileSync(path.join(DIR, 'input_features.f32'));
  const want = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  for (let i = 0; i < 2; i++) {
    const { features, frames, longer } = clapFeatures(
      decodeWav(fs.readFileSync(path.join(DIR, `sample_${i}.wav`))),
      cfg,
    );
    assert.equal(frames, 1001);
    assert.equal(longer, false);
    let max = 0;
    for (let k = 0; k < features.length; k++)
      max = Math.max(max, Math.abs(features[k] - want[i * features.length + k]));
    assert.ok(max < 1e-3, `sample ${i}: max |Δ| ${max} dB`);
  }
});

test('repeatpad repeats the clip ⌊window / length⌋ times and zero-pads the rest, as Python does', () => {
  const clip = Float64Array.from([1, 2, 3]);
  const small = { ...cfg, maxSamples: 10 };
  assert.deepEqual([...fitToWindow(clip, small).samples], [1, 2, 3, 1, 2, 3, 1, 2, 3, 0]);
  assert.deepEqual([...fitToWindow(clip, { ...small, padding: 'repeat' }).samples], [1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
  assert.deepEqual([...fitToWindow(clip, { ...small, padding: 'pad' }).samples], [1, 2, 3, 0, 0, 0, 0, 0, 0, 0]);
  const long = fitToWindow(
    Float64Array.from({ length: 12 }, (_, i) => i),
    small,
  );
  assert.deepEqual([long.longer, [...long.samples]], [true, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  // The fixture's 2 s clip fills the 10 s window exactly five times.
  const wav = decodeWav(fs.readFileSync(path.join(DIR, 'sample_0.wav')));
  const fitted = fitToWindow(wav.samples, cfg).samples;
  assert.deepEqual(fitted.subarray(4 * 96000, 5 * 96000), wav.samples);
});

test('clap-score: tokenises the captions to the reference ids exactly', async () => {
  const scorer = await load();
  try {
    ref.captions.forEach((c, i) => assert.deepEqual(scorer.encodeText(c), ref.input_ids[i]));
  } finally {
    await scorer.dispose();
  }
});

test(`clap-score: logits_per_audio of every audio × caption within ${SCORE_TOLERANCE}`, async () => {
  const scorer = await load();
  try {
    const inputs: ScoreInput[] = [];
    const want: number[] = [];
    for (let a = 0; a < 2; a++)
      for (let t = 0; t < 2; t++) {
        inputs.push(audioInput(ref.captions[t], path.join(DIR, `sample_${a}.wav`)));
        want.push(ref.onnx_logits_per_audio[a][t]);
      }
    const res = await scorer.scoreBatch(inputs);
    res.forEach((r, i) => {
      assert.ok('score' in r, JSON.stringify(r));
      assert.ok(Math.abs(r.score - want[i]) < SCORE_TOLERANCE, `input ${i}: ${r.score} vs ${want[i]}`);
    });
  } finally {
    await scorer.dispose();
  }
});

test('clap: FLAC decodes through ffmpeg.wasm to the same samples, features and score as the WAV', async () => {
  const scorer = await load();
  try {
    const [wav, flac] = await scorer.scoreBatch([
      audioInput(ref.captions[0], path.join(DIR, 'sample_0.wav')),
      audioInput(ref.captions[0], path.join(FIXTURES, 'audio/beep.flac')),
    ]);
    assert.ok('score' in wav && 'score' in flac, JSON.stringify([wav, flac]));
    assert.equal(flac.score, wav.score);
  } finally {
    await scorer.dispose();
  }
});

test('clap: a 44.1 kHz stereo Ogg is downmixed and resampled to 48 kHz and scores close to its WAV source', async () => {
  const scorer = await load();
  try {
    const [wav, ogg] = await scorer.scoreBatch([
      audioInput(ref.captions[1], path.join(DIR, 'sample_1.wav')),
      audioInput(ref.captions[1], path.join(FIXTURES, 'audio/whistle-44k-stereo.ogg')),
    ]);
    assert.ok('score' in wav && 'score' in ogg, JSON.stringify([wav, ogg]));
    // Lossy Vorbis at q2 and two resamplings: close, not equal.
    assert.ok(Math.abs(ogg.score - wav.score) < 0.05, `${ogg.score} vs ${wav.score}`);
  } finally {
    await scorer.dispose();
  }
});

test('resampling keeps a tone at its frequency', () => {
  const sr = 44100;
  const tone = Float64Array.from({ length: sr / 10 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / sr));
  const out = resample({ samples: tone, sampleRate: sr }, 48000);
  assert.equal(out.sampleRate, 48000);
  assert.equal(out.samples.length, 4800);
  let max = 0;
  for (let i = 200; i < 4600; i++)
    max = Math.max(max, Math.abs(out.samples[i] - 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48000)));
  assert.ok(max < 5e-3, `max error ${max}`);
});

test('decodes 24-bit stereo PCM WAV, averaging the channels', () => {
  const frames = [
    [0.5, -0.25],
    [-1, 0.75],
  ];
  const data = Buffer.alloc(frames.length * 6);
  frames.flat().forEach((v, i) => data.writeIntLE(v * 8388608, i * 3, 3));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(22050, 24);
  header.writeUInt32LE(22050 * 6, 28);
  header.writeUInt16LE(6, 32);
  header.writeUInt16LE(24, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const audio = decodeWav(new Uint8Array(Buffer.concat([header, data])));
  assert.equal(audio.sampleRate, 22050);
  assert.deepEqual([...audio.samples], [0.125, -0.125]);
});

test('clap: missing audio, a text response and an unreadable file are errors on those inputs', async () => {
  const scorer = await load();
  try {
    const [missing, text, bad] = await scorer.scoreBatch([
      { ...audioInput('a beep', 'gone.wav'), mediaPaths: [] },
      { prompt: [{ type: 'text', text: 'a beep' }], response: { parts: [{ type: 'text', text: 'beep' }] } },
      audioInput('a beep', path.join(DIR, 'config.json')),
    ]);
    assert.deepEqual(missing, {
      error: 'missing audio: gone.wav (not found under the dataset folder or the media roots)',
    });
    assert.ok('error' in text && /audio responses/.test(text.error));
    assert.ok('error' in bad && /^audio config\.json: no decodable audio stream/.test(bad.error), JSON.stringify(bad));
  } finally {
    await scorer.dispose();
  }
});
