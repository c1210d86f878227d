import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importRun, parseVerdict, type ImportTarget } from '../../../src/core/scoring/importedRun';
import { groupAccuracy } from '../../../src/core/analysis/accuracyTable';
import { entryJudgement, predict, type Judged } from '../../../src/core/analysis/verdict';
import type { Label } from '../../../src/core/dataset/types';

test('reads judge verdicts in the formats benchmarks use', () => {
  assert.equal(parseVerdict('Thus the answer is [[A]].'), 'A');
  assert.equal(parseVerdict('\\boxed{B}'), 'B');
  assert.equal(parseVerdict('[[C]]'), 'tie');
  assert.equal(parseVerdict('[[A]] ... on reflection [[B]]'), undefined);
  assert.equal(parseVerdict('[[A>B]]'), 'A');
  assert.equal(parseVerdict('[[B>A]]'), 'B');
  assert.equal(parseVerdict('[[A=B=Good]]'), 'tie');
  assert.equal(parseVerdict('[[A=B=Bad]]'), 'tie');
  assert.equal(parseVerdict('response2'), 'B');
  assert.equal(parseVerdict('leftvote'), 'A');
  assert.equal(parseVerdict(-1), 'B');
  assert.equal(parseVerdict(null), undefined);
  assert.equal(parseVerdict('I cannot decide'), undefined);
});

const target = (n: number, ids?: string[]): ImportTarget => ({
  path: 'bench.jsonl',
  recordCount: n,
  indexOfId: (id) => {
    const i = ids?.indexOf(id) ?? -1;
    return i >= 0 ? i : undefined;
  },
  indexOfLine: (line) => (line >= 1 && line <= n ? line - 1 : undefined),
  lineOf: (i) => i + 1,
  idOf: (i) => ids?.[i] ?? `line-${i + 1}`,
});

test('imports scores, margins and verdicts keyed by id, and reports what it could not use', () => {
  const text = [
    '{"id": "p1", "score_a": 1.5, "score_b": 0.5}',
    '{"id": "p2", "margin": -2}',
    '{"id": "p3", "output": "The first is better. [[A]]"}',
    '{"id": "p9", "verdict": "A"}',
    '{"id": "p4", "output": "no idea"}',
  ].join('\n');
  const { run, problems, key } = importRun(text, 'preds.jsonl', target(4, ['p1', 'p2', 'p3', 'p4']));
  assert.equal(key, 'id');
  assert.deepEqual(problems, ['preds.jsonl line 4: no record with id "p9" in bench.jsonl']);
  assert.equal(run.entries.get(0)!.score_a! - run.entries.get(0)!.score_b!, 1);
  assert.equal(run.entries.get(1)!.score_a! - run.entries.get(1)!.score_b!, -2);
  assert.equal(run.entries.get(2)!.verdict, 'A');
  assert.equal(run.entries.get(3)!.error, 'unparsed judge output in `output`');
});

test('a predictions file that cannot be keyed says which keys it expected', () => {
  assert.throws(
    () => importRun('{"foo": 1}', 'p.jsonl', target(1)),
    /p\.jsonl line 1: cannot tell which pair.*`id`, `line`, `index`, `idx`; found keys `foo`/,
  );
});

// Real GPT-4o judgments against human arena votes (GenAI-Bench, MIT): `idx` keys the HF rows.
test('GenAI-Bench GPT-4o judgments score against the human votes as the file says', () => {
  const file = path.resolve(
    __dirname,
    '../../../../shared/data/genai-bench-gpt4o-judgments/image_generation_gpt4o_pairwise.jsonl',
  );
  assert.ok(fs.existsSync(file), `missing ${file}: the repository expects ../shared beside it`);
  const text = fs.readFileSync(file, 'utf8');
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { idx: number; human_vote: string; correct: boolean });
  const humanLabel = (v: string): Label => (v === 'leftvote' ? 'A' : v === 'rightvote' ? 'B' : 'tie');
  const { run, problems } = importRun(text, 'pairwise.jsonl', target(rows.length));
  assert.deepEqual(problems, []);
  const judged: Judged[] = rows.map((r) => ({
    index: r.idx,
    task: 'T2I',
    modality: 'image',
    label: humanLabel(r.human_vote),
    ...entryJudgement(run.entries.get(r.idx)),
  }));
  // Where the human picked a side, our verdicts agree with the file's own `correct` flag on every row.
  for (const [i, r] of rows.entries()) {
    if (r.human_vote === 'leftvote' || r.human_vote === 'rightvote')
      assert.equal(predict(judged[i], 0) === judged[i].label, r.correct, `idx ${r.idx}`);
  }
  // Three-way, both arena tie kinds are a tie: 397 + 327 A/B right, 46 + 21 + 35 + 6 tie-on-tie; 11 unparsed are wrong.
  const g = groupAccuracy(judged, 0);
  assert.equal(g.withTies.n, 1735);
  assert.equal(g.withTies.correct, 832);
  assert.equal(g.failed, 11);
});
