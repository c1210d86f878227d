import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importAsRun } from '../../../src/core/analysis/importAsRun';
import { Dataset } from '../../../src/core/dataset/dataset';
import { readPreviousRun, runFileName } from '../../../src/core/scoring/runStore';
import { tempDir } from '../tempDir';

test('imported predictions become a run beside the others, named like a run and pointing at the dataset', async () => {
  const dir = tempDir('rl-import-');
  try {
    const data = path.join(dir, 'bench.jsonl');
    fs.copyFileSync('samples/omni-rewardbench/omni-sample.jsonl', data);
    const ids = fs
      .readFileSync(data, 'utf8')
      .split('\n')
      .filter(Boolean)
      .slice(0, 3)
      .map((l) => JSON.parse(l).id as string);
    const preds = path.join(dir, 'gpt4o-judge.jsonl');
    fs.writeFileSync(
      preds,
      [
        JSON.stringify({ id: ids[0], judgment: 'After comparing both, [[A]]' }),
        JSON.stringify({ id: ids[1], judgment: '[[B]]' }),
        JSON.stringify({ id: ids[2], score_a: 0.5, score_b: 1.5 }),
        JSON.stringify({ id: 'no-such-pair', judgment: '[[A]]' }),
      ].join('\n') + '\n',
    );
    const ds = await Dataset.open(data);
    const runs = path.join(dir, '.reward-lens', 'runs');
    const res = await importAsRun(ds, preds, runs);
    assert.equal(res.id, 'imported:gpt4o-judge');
    assert.equal(res.file, path.join(runs, runFileName(data, 'imported:gpt4o-judge')));
    assert.equal(res.entries, 3);
    assert.equal(res.problems.length, 1);
    assert.match(res.problems[0], /line 4/);
    const run = await readPreviousRun(res.file);
    assert.ok(run);
    assert.equal(path.resolve(runs, run.header.dataset.path), path.resolve(data)); // how the editor matches runs to files
    assert.equal(run.header.model.id, 'imported:gpt4o-judge');
    assert.equal(run.entries.get(0)?.verdict, 'A');
    assert.equal(run.entries.get(1)?.verdict, 'B');
    assert.equal(run.entries.get(2)?.score_b, 1.5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
