// The worker pool: same scores as in-thread, load errors at once, crashed workers replaced and batches retried.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ModelLoadError, type ScoreInput } from '../../../src/core/scoring/scorer';
import { WorkerPool } from '../../../src/core/scoring/workerPool';
import { tempDir } from '../tempDir';

const DEBERTA = path.resolve(__dirname, '../../fixtures/models/text-rm-deberta');
const rows: { criteria: string; prompt: string; response: string; onnx_score: number }[] = JSON.parse(
  fs.readFileSync(path.join(DEBERTA, 'reference.json'), 'utf8'),
).rows;
const input = (r: (typeof rows)[number]): ScoreInput => ({
  prompt: [{ type: 'text', text: r.prompt }],
  criterion: r.criteria,
  response: { parts: [{ type: 'text', text: r.response }] },
});

test('scores batches in two workers with the reference scores', async () => {
  const pool = await WorkerPool.start({ id: 'deb', path: DEBERTA }, { workers: 2, intraOpThreads: 1 });
  try {
    assert.equal(pool.info.kind, 'sequence-classifier');
    const batches = await Promise.all([
      pool.scoreBatch(rows.slice(0, 3).map(input)),
      pool.scoreBatch(rows.slice(3).map(input)),
    ]);
    const scores = batches.flat();
    rows.forEach((r, i) => {
      const s = scores[i];
      assert.ok('score' in s && Math.abs(s.score - r.onnx_score) < 1e-4, `row ${i}: ${JSON.stringify(s)}`);
    });
  } finally {
    await pool.dispose();
  }
});

test('a model folder without its ONNX file fails at start with a ModelLoadError naming the file', async () => {
  const dir = tempDir('rl-model-');
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json'])
    fs.copyFileSync(path.join(DEBERTA, f), path.join(dir, f));
  await assert.rejects(WorkerPool.start({ id: 'x', path: dir }, { workers: 2 }), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError);
    assert.equal(e.file, 'onnx/model.onnx');
    assert.match(e.message, /missing/);
    return true;
  });
});

test('a worker that crashes once is restarted and its batch retried with the right scores', async () => {
  const once = path.join(tempDir('rl-crash-'), 'crashed');
  const pool = await WorkerPool.start(
    { id: 'deb', path: DEBERTA },
    { workers: 1, testCrash: { text: rows[0].response, onceFile: once } },
  );
  try {
    const res = await pool.scoreBatch(rows.map(input));
    assert.ok(fs.existsSync(once), 'the worker did crash');
    assert.equal(pool.restarts, 1);
    rows.forEach((r, i) => assert.ok('score' in res[i] && Math.abs(res[i].score - r.onnx_score) < 1e-4));
  } finally {
    await pool.dispose();
  }
});

test('a batch that crashes its worker twice gets per-record errors and the pool goes on', async () => {
  const pool = await WorkerPool.start(
    { id: 'deb', path: DEBERTA },
    { workers: 1, testCrash: { text: rows[0].response } },
  );
  try {
    const bad = await pool.scoreBatch([input(rows[0]), input(rows[1])]);
    assert.equal(bad.length, 2);
    for (const r of bad) assert.ok('error' in r && /crashed on this batch twice/.test(r.error));
    const good = await pool.scoreBatch([input(rows[2])]);
    assert.ok('score' in good[0] && Math.abs(good[0].score - rows[2].onnx_score) < 1e-4);
    assert.equal(pool.restarts, 2);
  } finally {
    await pool.dispose();
  }
});

test('threads split into at most 4 workers, the rest as intra-op threads', async () => {
  const { defaultThreads } = await import('../../../src/core/scoring/workerPool');
  assert.deepEqual(defaultThreads(2), { workers: 2, intraOpThreads: 1 });
  assert.deepEqual(defaultThreads(1), { workers: 1, intraOpThreads: 1 });
  assert.deepEqual(defaultThreads(8), { workers: 4, intraOpThreads: 2 });
});
