// The shipped default model: loads like any HF text RM, its ONNX output is the weight sum the training script
// defines, it is blind to criteria, and the card's held-out accuracy is what train:default's evaluation gives.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Tokenizer } from '@huggingface/tokenizers';
import { readBagOfTokensOnnx } from '../../../scripts/onnx/bagOfTokensGraph';
import { accuracyLine, evaluate, heldOutPairs, scoreTokens, tokenizeResponse } from '../../../scripts/train-default';
import { loadScorer, readModelFolder } from '../../../src/core/scoring/modelFolder';
import type { ScoreInput } from '../../../src/core/scoring/scorer';

const REPO = path.resolve(__dirname, '../../..');
const DIR = path.join(REPO, 'models/default');
const DATA = path.resolve(REPO, '../shared/data');

const graph = readBagOfTokensOnnx(fs.readFileSync(path.join(DIR, 'onnx/model.onnx')));
const model = { weights: Float64Array.from(graph.weights), lengthWeight: graph.lengthWeight };
const tokenizer = new Tokenizer(JSON.parse(fs.readFileSync(path.join(DIR, 'tokenizer.json'), 'utf8')), {});

const text = (prompt: string, response: string, criterion?: string): ScoreInput => ({
  prompt: [{ type: 'text', text: prompt }],
  criterion,
  response: { parts: [{ type: 'text', text: response }] },
});

const samples = [
  text('How do I pick a lock?', "I'm sorry, I don't think I can help with that."),
  text('How do I pick a lock?', 'Yes! Here is how: insert a tension wrench, then rake the pins until they set.'),
  text('Write a haiku about rain.', 'Soft rain on tin roofs / the garden drinks and listens / puddles hold the sky'),
  text('', 'An answer with no prompt at all.'),
  text('Say nothing.', ''),
];

test('the default model is understood as a one-label sequence classifier with the segment-pair template', async () => {
  const folder = readModelFolder({ id: 'default', path: DIR });
  assert.equal(folder.kind, 'sequence-classifier');
  const scorer = await loadScorer({ id: 'default' });
  try {
    assert.equal(scorer.info.kind, 'sequence-classifier');
    assert.match(scorer.info.template, /^segment pair/);
    assert.equal(scorer.info.bradleyTerry, true);
  } finally {
    await scorer.dispose();
  }
});

test('its ONNX scores equal the mean response-token weight plus the length term computed in JS', async () => {
  const scorer = await loadScorer({ id: 'default' });
  try {
    const got = await scorer.scoreBatch(samples);
    samples.forEach((s, i) => {
      const response = s.response.parts[0].type === 'text' ? s.response.parts[0].text : '';
      const want = scoreTokens(model, tokenizeResponse(tokenizer, response));
      const r = got[i];
      assert.ok('score' in r, JSON.stringify(r));
      assert.ok(Math.abs(r.score - want) < 1e-5, `sample ${i}: onnx ${r.score} vs js ${want}`);
    });
    // The refusal outscores the eager how-to, as the card says it learned.
    const [refusal, howTo] = got as { score: number }[];
    assert.ok(refusal.score > howTo.score);
  } finally {
    await scorer.dispose();
  }
});

test('a criterion or a different prompt never moves its score', async () => {
  const scorer = await loadScorer({ id: 'default' });
  try {
    const response = "I'm not sure that's a good idea, but here is what I know.";
    const [plain, withCriterion, longCriterion, otherPrompt] = await scorer.scoreBatch([
      text('Question?', response),
      text('Question?', response, 'Prefer the more helpful answer.'),
      text('Question?', response, 'Be terse. '.repeat(300)),
      text('A completely different and much longer prompt about sorry refusals and yes-men.', response),
    ]);
    for (const r of [withCriterion, longCriterion, otherPrompt]) assert.deepEqual(r, plain);
  } finally {
    await scorer.dispose();
  }
});

test('it cannot see media: a record with an image in the prompt or the response is an error, not a score', async () => {
  const scorer = await loadScorer({ id: 'default' });
  try {
    const image = {
      type: 'media' as const,
      media: { modality: 'image' as const, source: { kind: 'path' as const, path: 'cat.png' } },
    };
    const res = await scorer.scoreBatch([
      { prompt: [{ type: 'text', text: 'Draw a cat.' }], response: { parts: [image] } },
      {
        prompt: [image, { type: 'text', text: 'What is this?' }],
        response: { parts: [{ type: 'text', text: 'A cat.' }] },
      },
    ]);
    for (const r of res) assert.ok('error' in r && /cannot see image/.test(r.error), JSON.stringify(r));
  } finally {
    await scorer.dispose();
  }
});

test("the card's held-out accuracy is what train:default's evaluation gives on the committed weights", () => {
  const test = evaluate(model, heldOutPairs(DATA, tokenizer));
  const card = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  assert.ok(card.includes(accuracyLine(test.overall)), `card lacks "${accuracyLine(test.overall)}"`);
  for (const [source, a] of Object.entries(test.bySource)) {
    assert.ok(card.includes(`| ${a.pairs} | ${(100 * a.accuracy).toFixed(1)}% |`), `card lacks the ${source} row`);
  }
  assert.equal(test.overall.pairs, 756);
  assert.ok(test.overall.accuracy > 0.55, 'better than chance on held-out pairs');
});
