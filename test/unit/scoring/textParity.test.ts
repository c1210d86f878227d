// Parity with the PyTorch exports: the text fixtures' reference.json is the oracle for ids and scores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadScorer } from '../../../src/core/scoring/modelFolder';
import type { ScoreInput } from '../../../src/core/scoring/scorer';
import type { TextRewardModel } from '../../../src/core/scoring/textRewardModel';

const FIXTURES = path.resolve(__dirname, '../../fixtures/models');

interface RefRow {
  criteria: string;
  prompt: string;
  response: string;
  input_ids: number[];
  onnx_score: number;
  torch_score: number;
}

function rows(name: string): RefRow[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'reference.json'), 'utf8')).rows;
}

function input(r: RefRow): ScoreInput {
  return {
    prompt: [{ type: 'text', text: r.prompt }],
    criterion: r.criteria,
    response: { parts: [{ type: 'text', text: r.response }] },
  };
}

for (const name of ['text-rm-deberta', 'text-rm-llama']) {
  test(`${name}: reproduces reference token ids exactly`, async () => {
    const scorer = (await loadScorer({ id: name, path: path.join(FIXTURES, name) })) as TextRewardModel;
    try {
      const refs = rows(name);
      const encoded = scorer.encodeAll(refs.map(input));
      refs.forEach((r, i) => assert.deepEqual(encoded[i], { ids: r.input_ids }, `row ${i}`));
    } finally {
      await scorer.dispose();
    }
  });

  test(`${name}: scores one at a time match the reference to 1e-4`, async () => {
    const scorer = await loadScorer({ id: name, path: path.join(FIXTURES, name) });
    try {
      for (const [i, r] of rows(name).entries()) {
        const [res] = await scorer.scoreBatch([input(r)]);
        assert.ok('score' in res, `row ${i}: ${JSON.stringify(res)}`);
        assert.ok(Math.abs(res.score - r.onnx_score) < 1e-4, `row ${i}: ${res.score} vs ${r.onnx_score}`);
        assert.ok(Math.abs(res.score - r.torch_score) < 1e-4, `row ${i}: ${res.score} vs torch ${r.torch_score}`);
      }
    } finally {
      await scorer.dispose();
    }
  });

  test(`${name}: a padded batch scores the same as single inputs`, async () => {
    const scorer = await loadScorer({ id: name, path: path.join(FIXTURES, name) });
    try {
      const refs = rows(name);
      const batch = await scorer.scoreBatch(refs.map(input));
      for (const [i, r] of refs.entries()) {
        const [single] = await scorer.scoreBatch([input(r)]);
        assert.ok('score' in batch[i] && 'score' in single);
        assert.ok(Math.abs(batch[i].score - single.score) < 1e-5, `row ${i}`);
        assert.ok(Math.abs(batch[i].score - r.onnx_score) < 1e-4, `row ${i} batched`);
      }
    } finally {
      await scorer.dispose();
    }
  });
}

test('text-rm-llama: the scorer says it uses the chat template, the DeBERTa one a segment pair', async () => {
  const llama = await loadScorer({ id: 'l', path: path.join(FIXTURES, 'text-rm-llama') });
  const deberta = await loadScorer({ id: 'd', path: path.join(FIXTURES, 'text-rm-deberta') });
  assert.match(llama.info.template, /chat template \(chat_template\.jinja\)/);
  assert.match(deberta.info.template, /segment pair/);
  assert.notEqual(llama.info.hash, deberta.info.hash);
  await llama.dispose();
  await deberta.dispose();
});
