// Detection over every sample file in samples/formats/ and the real fixtures; low confidence on garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ADAPTERS,
  adapterById,
  describeScores,
  detectFormat,
  MIN_CONFIDENCE,
  scoreFormats,
} from '../../../src/core/dataset/formats/registry';
import { resolveMediaPath } from '../../../src/core/dataset/media';
import type { Part } from '../../../src/core/dataset/types';
import { fixtureJson } from './helpers';

const SAMPLES = path.resolve(__dirname, '../../../samples/formats');

const EXPECTED: Record<string, string> = {
  'hh-rlhf.jsonl': 'hh-rlhf',
  'rm-bench.json': 'rm-bench',
  'rewardbench.jsonl': 'rewardbench',
  'rewardbench-2.jsonl': 'rewardbench-2',
  'ultrafeedback-binarized.jsonl': 'ultrafeedback-binarized',
  'skywork-preference.jsonl': 'skywork-preference',
  'omnireward-factory-sharegpt.json': 'sharegpt',
  'mj-bench.json': 'mj-bench',
  'mj-bench-hf.jsonl': 'mj-bench',
  'genai-bench.jsonl': 'genai-bench',
  'genai-bench-video.jsonl': 'genai-bench',
  'genai-bench-editing.jsonl': 'genai-bench',
  'vl-rewardbench.jsonl': 'vl-rewardbench',
  'multimodal-rewardbench.jsonl': 'multimodal-rewardbench',
  'pick-a-pic.jsonl': 'pick-a-pic',
  'hpdv2-train.json': 'hpdv2',
  'hpdv2-test.json': 'hpdv2',
};

function records(file: string): unknown[] {
  const t = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
  return file.endsWith('.jsonl')
    ? t
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
    : JSON.parse(t);
}

test('every sample file is listed here, so a new one gets a detection check', () => {
  const files = fs
    .readdirSync(SAMPLES)
    .filter((f) => /\.jsonl?$/.test(f))
    .sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

test('detects the format of every sample file with full confidence, and reads every record', () => {
  for (const [file, id] of Object.entries(EXPECTED)) {
    const recs = records(file);
    assert.ok(recs.length >= 5 && recs.length <= 20, `${file}: ${recs.length} records`);
    const d = detectFormat(recs);
    assert.equal(d?.adapter.id, id, `${file}: tried ${describeScores(scoreFormats(recs))}`);
    assert.equal(d.confidence, 1, file);
    assert.ok(
      d.tried.length === ADAPTERS.length && d.tried[1].confidence < 1,
      `${file}: runner-up ${JSON.stringify(d.tried[1])}`,
    );
    recs.forEach((r, i) => {
      const p = d.adapter.toPair(r, { index: i, line: i + 1, fileName: file });
      assert.ok(!('error' in p), `${file} record ${i + 1}: ${'error' in p ? p.error : ''}`);
    });
  }
});

test('every media path in the samples resolves inside samples/formats', async () => {
  let checked = 0;
  for (const [file, id] of Object.entries(EXPECTED)) {
    const adapter = adapterById(id)!;
    for (const [i, r] of records(file).entries()) {
      const p = adapter.toPair(r, { index: i, line: i + 1, fileName: file });
      if ('error' in p) continue;
      const parts: Part[] = [...p.prompt, ...p.a.parts, ...p.b.parts];
      for (const part of parts) {
        if (part.type !== 'media' || part.media.source.kind !== 'path') continue;
        const res = await resolveMediaPath(part.media, { fileDir: SAMPLES });
        assert.ok(res.ok, `${file} record ${i + 1}: ${!res.ok ? res.reason : ''}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} media paths checked`);
});

test('detects the real benchmark excerpts', () => {
  assert.equal(detectFormat(fixtureJson('hh-rlhf-harmless-base-test.jsonl'))?.adapter.id, 'hh-rlhf');
  assert.equal(detectFormat(fixtureJson('rm-bench-chat.json'))?.adapter.id, 'rm-bench');
  assert.equal(detectFormat(fixtureJson('mj-bench-captions.json'))?.adapter.id, 'mj-bench');
  assert.equal(detectFormat(fixtureJson('omnireward-factory-dpo-en-demo.json'))?.adapter.id, 'sharegpt');
});

test('detects Omni-RewardBench records in both shapes', () => {
  const hf = {
    prompt: 'p',
    response1: { bytes: null, path: 'a.png' },
    response1_path: 't2i/a.png',
    response2: { bytes: null, path: 'b.png' },
    response2_path: 't2i/b.png',
    model1: 'x',
    model2: 'y',
    criteria: 'c',
    criteria_preference: 'tie',
    id: '1',
  };
  const old = {
    prompt: 'p',
    response1: 't2v/a.mp4',
    response2: 't2v/b.mp4',
    video: 'x.mp4',
    criteria: 'c',
    criteria_preference: 'response1',
    id: '2',
  };
  assert.deepEqual([detectFormat([hf])?.adapter.id, detectFormat([hf])?.confidence], ['omni-rewardbench', 1]);
  assert.equal(detectFormat([old, old])?.adapter.id, 'omni-rewardbench');
});

test('reports no format for garbage, and low scores for every format it tried', () => {
  const garbage = [{ a: 1, b: 2 }, { foo: 'bar' }, 42, 'text', [1, 2], null];
  assert.equal(detectFormat(garbage), undefined);
  const scores = scoreFormats(garbage);
  assert.equal(scores.length, ADAPTERS.length);
  assert.ok(scores.every((s) => s.confidence < MIN_CONFIDENCE));
  assert.equal(describeScores(scores), `none of ${ADAPTERS.length} formats matched any field`);
  assert.equal(detectFormat([]), undefined);
  assert.equal(detectFormat([undefined, undefined]), undefined);
});

test('a few bad records lower the confidence but do not change the verdict', () => {
  const recs = records('rewardbench.jsonl');
  const d = detectFormat([...recs, { oops: true }]);
  assert.equal(d?.adapter.id, 'rewardbench');
  assert.ok(Math.abs(d.confidence - recs.length / (recs.length + 1)) < 1e-9, String(d.confidence));
});

test('tells the chosen/rejected formats apart by the types of their values', () => {
  const hh = { chosen: '\n\nHuman: hi\n\nAssistant: hello', rejected: '\n\nHuman: hi\n\nAssistant: go away' };
  const rb = {
    prompt: 'hi',
    chosen: 'hello',
    rejected: 'go away',
    chosen_model: 'a',
    rejected_model: 'b',
    subset: 's',
    id: 1,
  };
  const rb2 = { prompt: 'hi', chosen: ['hello'], rejected: ['x', 'y', 'z'], num_correct: 1 };
  const rm = {
    prompt: 'hi',
    chosen: ['a', 'b', 'c'],
    rejected: ['d', 'e', 'f'],
    error_key: 'k',
    error: 'e',
    subset: 's',
    id: 1,
  };
  const uf = {
    prompt: 'hi',
    prompt_id: 'x',
    chosen: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ],
    rejected: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'no' },
    ],
    score_chosen: 5,
    score_rejected: 1,
  };
  const sky = { chosen: uf.chosen, rejected: uf.rejected, source: 'magpie' };
  const sg = {
    conversations: [{ from: 'human', value: 'hi' }],
    chosen: { from: 'gpt', value: 'hello' },
    rejected: { from: 'gpt', value: 'no' },
  };
  const cases: [unknown, string][] = [
    [hh, 'hh-rlhf'],
    [rb, 'rewardbench'],
    [rb2, 'rewardbench-2'],
    [rm, 'rm-bench'],
    [uf, 'ultrafeedback-binarized'],
    [sky, 'skywork-preference'],
    [sg, 'sharegpt'],
  ];
  for (const [r, id] of cases)
    assert.equal(detectFormat([r])?.adapter.id, id, JSON.stringify(scoreFormats([r]).slice(0, 3)));
});
