// Media embedded in a Parquet file reach a scorer as bytes, read on demand by (row, column): nothing is written
// next to the dataset.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Dataset } from '../../../src/core/dataset/dataset';
import { findMedia, readMediaBytes } from '../../../src/core/scoring/mediaInput';
import { parseRun } from '../../../src/core/scoring/run';
import { datasetPairSource, scoreDataset } from '../../../src/core/scoring/scoreDataset';
import type { Scorer } from '../../../src/core/scoring/scorer';

const FIXTURES = path.resolve(__dirname, '../../fixtures/parquet');
const MEDIA: Record<string, { row: number; column: string; length: number }[]> = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, 'media.json'), 'utf8'),
);

/** Scores a response by the byte length of its image, so the run shows which bytes the scorer got. */
const byteLengthScorer: Scorer = {
  info: {
    id: 'bytes',
    kind: 'test',
    hash: 'bytes-v1',
    template: 'image byte length',
    bradleyTerry: false,
    responseModalities: ['image'],
  },
  async scoreBatch(inputs) {
    return Promise.all(
      inputs.map(async (input) => {
        const [image] = findMedia(input, 'image');
        const bytes = await readMediaBytes(input, image);
        return 'error' in bytes ? bytes : { score: bytes.length };
      }),
    );
  },
  async dispose() {},
};

test('a scorer reads the embedded image bytes of each response of a Parquet file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-parquet-score-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(FIXTURES, 'omni_t2i.parquet');
  const before = fs.readdirSync(FIXTURES).sort();
  const ds = await Dataset.open(file);
  const runFile = path.join(dir, 'run.jsonl');
  const result = await scoreDataset({
    source: datasetPairSource(ds),
    scorer: byteLengthScorer,
    runFile,
    model: { id: 'bytes' },
  });
  assert.equal(result.errors, 0);
  const run = parseRun(fs.readFileSync(runFile, 'utf8'));
  const length = (row: number, column: string) =>
    MEDIA['omni_t2i.parquet'].find((m) => m.row === row && m.column === column)!.length;
  const entries = [...run.entries.values()].filter((e) => 'score_a' in e);
  assert.equal(entries.length, 10);
  for (const e of entries) {
    assert.ok('score_a' in e && 'score_b' in e);
    assert.equal(e.score_a, length(e.index, 'response1'), `row ${e.index + 1} A`);
    assert.equal(e.score_b, length(e.index, 'response2'), `row ${e.index + 1} B`);
  }
  assert.deepEqual(fs.readdirSync(FIXTURES).sort(), before, 'nothing is written next to the dataset');
});

test('embedded media without bytes handed over give a message, not a crash', async () => {
  const input = {
    prompt: [],
    response: {
      parts: [
        {
          type: 'media' as const,
          media: { modality: 'image' as const, source: { kind: 'embedded' as const, row: 2, column: 'response1' } },
        },
      ],
    },
  };
  const [image] = findMedia(input, 'image');
  assert.deepEqual(await readMediaBytes(input, image), {
    error: 'image (embedded: row 3, column response1): the embedded bytes were not read for scoring',
  });
});
