// Scoring a file into a run: entries per record, resume after cancel or a torn line, the cache, per-record errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { DatasetRecord, PreferencePair } from '../../../src/core/dataset/types';
import { loadScorer } from '../../../src/core/scoring/modelFolder';
import { parseRun } from '../../../src/core/scoring/run';
import { scoreDataset, type PairSource } from '../../../src/core/scoring/scoreDataset';
import type { Scorer } from '../../../src/core/scoring/scorer';
import { tempDir } from '../tempDir';

const DEBERTA = path.resolve(__dirname, '../../fixtures/models/text-rm-deberta');
const rows: { criteria: string; prompt: string; response: string; onnx_score: number }[] = JSON.parse(
  fs.readFileSync(path.join(DEBERTA, 'reference.json'), 'utf8'),
).rows;

// Minimal JSONL reader for these tests: {id, prompt, criterion, a, b, a_image?} per line.
function source(file: string): PairSource {
  return {
    path: file,
    format: 'test',
    async *records(): AsyncIterable<DatasetRecord> {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      let index = 0;
      for (const [i, raw] of lines.entries()) {
        if (!raw.trim()) continue;
        const r = JSON.parse(raw);
        const pair: PreferencePair = {
          kind: 'pair',
          index: index++,
          line: i + 1,
          id: r.id,
          prompt: [{ type: 'text', text: r.prompt }],
          criterion: r.criterion,
          a: {
            parts: r.a_image
              ? [{ type: 'media', media: { modality: 'image', source: { kind: 'path', path: r.a_image } } }]
              : [{ type: 'text', text: r.a }],
          },
          b: { parts: [{ type: 'text', text: r.b }] },
          label: 'A',
          labelKind: 'explicit',
          format: 'test',
          raw: r,
        };
        yield pair;
      }
    },
  };
}

// Pairs built from the reference rows: row 2k is A, row 2k+1 is B.
const pairs = [0, 2, 4].map((k) => ({
  id: `p${k / 2}`,
  prompt: rows[k].prompt,
  criterion: rows[k].criteria,
  a: rows[k].response,
  b: rows[k + 1].response,
  ka: k,
  kb: k + 1,
}));

let scorer: Scorer;
let dir: string;
before(async () => {
  scorer = await loadScorer({ id: 'deb', path: DEBERTA });
});
after(async () => scorer.dispose());

function setup(records: object[] = pairs): { data: string; runFile: string; cache: string } {
  dir = tempDir('rl-score-');
  const data = path.join(dir, 'pairs.jsonl');
  fs.writeFileSync(data, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { data, runFile: path.join(dir, 'runs', 'pairs.deb.jsonl'), cache: path.join(dir, 'runs') };
}

const run = (data: string, runFile: string, cache: string, extra: Partial<Parameters<typeof scoreDataset>[0]> = {}) =>
  scoreDataset({
    source: source(data),
    scorer,
    runFile,
    cacheFolder: cache,
    model: { id: 'deb', path: DEBERTA },
    batchSize: 2,
    ...extra,
  });

// Criteria differ per row in the reference, but a pair shares its A row's criterion: B's expected score is
// only the reference when both rows have the same criterion (rows 0/1 do not), so compare A scores and B via the scorer.
async function expected(p: (typeof pairs)[number]) {
  const mk = (text: string) => ({
    prompt: [{ type: 'text' as const, text: p.prompt }],
    criterion: p.criterion,
    response: { parts: [{ type: 'text' as const, text }] },
  });
  const [a, b] = await scorer.scoreBatch([mk(p.a), mk(p.b)]);
  return [(a as { score: number }).score, (b as { score: number }).score];
}

test('writes a header and one entry per record with the model scores', async () => {
  const { data, runFile, cache } = setup();
  const res = await run(data, runFile, cache);
  assert.equal(res.scored, 3);
  const parsed = parseRun(fs.readFileSync(runFile, 'utf8'));
  assert.equal(parsed.header.model.hash, scorer.info.hash);
  assert.equal(parsed.header.dataset.path, data);
  assert.match(parsed.header.template!, /segment pair/);
  assert.equal(parsed.entries.size, 3);
  for (const [i, p] of pairs.entries()) {
    const e = parsed.entries.get(i)!;
    assert.equal(e.id, p.id);
    assert.equal(e.line, i + 1);
    assert.ok(Math.abs(e.score_a! - rows[p.ka].onnx_score) < 1e-4);
    const [, b] = await expected(p);
    assert.ok(Math.abs(e.score_b! - b) < 1e-6);
  }
});

test('a second run over the unchanged file scores nothing new', async () => {
  const { data, runFile, cache } = setup();
  await run(data, runFile, cache);
  const before = fs.readFileSync(runFile, 'utf8');
  const res = await run(data, runFile, cache);
  assert.equal(res.scored, 0);
  assert.equal(res.reused, 3);
  assert.equal(res.appended, true);
  assert.equal(fs.readFileSync(runFile, 'utf8'), before);
});

test('resumes after a cancel: the second run scores only what the first did not', async () => {
  const { data, runFile } = setup();
  const ac = new AbortController();
  const first = await run(data, runFile, '', {
    cacheFolder: undefined,
    batchSize: 1,
    inFlight: 1,
    signal: ac.signal,
    progressIntervalMs: 0,
    onProgress: (p) => {
      if (p.scored >= 1) ac.abort();
    },
  });
  assert.equal(first.cancelled, true);
  const partial = parseRun(fs.readFileSync(runFile, 'utf8')).entries.size;
  assert.ok(partial >= 1 && partial < 3, `partial run has ${partial} entries`);
  const second = await run(data, runFile, '', { cacheFolder: undefined });
  assert.equal(second.scored, 3 - partial);
  assert.equal(parseRun(fs.readFileSync(runFile, 'utf8')).entries.size, 3);
});

test('a torn last line (crash mid-write) is dropped and its record scored again', async () => {
  const { data, runFile } = setup();
  await run(data, runFile, '', { cacheFolder: undefined });
  const text = fs.readFileSync(runFile, 'utf8');
  const lines = text.trimEnd().split('\n');
  fs.writeFileSync(runFile, lines.slice(0, -1).join('\n') + '\n' + lines.at(-1)!.slice(0, 20));
  const res = await run(data, runFile, '', { cacheFolder: undefined });
  assert.equal(res.scored, 1);
  const parsed = parseRun(fs.readFileSync(runFile, 'utf8'));
  assert.equal(parsed.entries.size, 3);
});

test('after an edit only the changed pair is scored; the others come from the previous run', async () => {
  const { data, runFile, cache } = setup();
  await run(data, runFile, cache);
  const edited = pairs.map((p, i) => (i === 1 ? { ...p, b: p.b + ' Edited.' } : p));
  fs.writeFileSync(data, edited.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const res = await run(data, runFile, cache);
  assert.equal(res.scored, 1);
  assert.equal(res.appended, false);
  const parsed = parseRun(fs.readFileSync(runFile, 'utf8'));
  assert.equal(parsed.entries.size, 3);
  const [, b] = await expected(edited[1]);
  assert.ok(Math.abs(parsed.entries.get(1)!.score_b! - b) < 1e-6);
});

test('the score cache serves a new run file for the same content without scoring', async () => {
  const { data, runFile, cache } = setup();
  await run(data, runFile, cache);
  const other = path.join(dir, 'runs', 'other.jsonl');
  const res = await run(data, other, cache);
  assert.equal(res.scored, 0);
  assert.equal(res.reused, 3);
  const a = parseRun(fs.readFileSync(runFile, 'utf8'));
  const b = parseRun(fs.readFileSync(other, 'utf8'));
  for (const [i, e] of a.entries) assert.equal(b.entries.get(i)!.score_a, e.score_a);
});

test('a text model asked to score an image response records why on that record and goes on', async () => {
  const { data, runFile, cache } = setup([
    ...pairs,
    { id: 'img', prompt: 'Draw a cat', a: '', a_image: 'cat.png', b: 'a cat' },
  ]);
  const res = await run(data, runFile, cache);
  assert.equal(res.scored, 3);
  assert.equal(res.errors, 1);
  const e = parseRun(fs.readFileSync(runFile, 'utf8')).entries.get(3)!;
  assert.equal(e.id, 'img');
  assert.match(e.error!, /scores text responses; this pair's responses are image/);
});

test('reports progress with count, total, rate and ETA', async () => {
  const { data, runFile, cache } = setup();
  const seen: { done: number; total?: number; rate: number }[] = [];
  await run(data, runFile, cache, {
    batchSize: 1,
    inFlight: 1,
    progressIntervalMs: 0,
    onProgress: (p) => seen.push(p),
  });
  const last = seen.at(-1)!;
  assert.equal(last.done, 3);
  assert.equal(last.total, 3);
  assert.ok(last.rate > 0);
});

test('scores in windows when the file is larger than one window, with the same scores', async () => {
  const { data, runFile } = setup();
  const res = await run(data, runFile, '', { cacheFolder: undefined, window: 2, batchSize: 1 });
  assert.equal(res.scored, 3);
  const parsed = parseRun(fs.readFileSync(runFile, 'utf8'));
  for (const [i, p] of pairs.entries())
    assert.ok(Math.abs(parsed.entries.get(i)!.score_a! - rows[p.ka].onnx_score) < 1e-4);
});

test('a cancelled re-run of an edited file keeps the entries of the unchanged pairs', async () => {
  const { data, runFile } = setup();
  await run(data, runFile, '', { cacheFolder: undefined });
  fs.writeFileSync(data, pairs.map((p, i) => JSON.stringify(i === 0 ? { ...p, a: p.a + '!' } : p)).join('\n') + '\n');
  const ac = new AbortController();
  ac.abort();
  const res = await run(data, runFile, '', { cacheFolder: undefined, signal: ac.signal });
  assert.equal(res.cancelled, true);
  assert.equal(res.scored, 0);
  const parsed = parseRun(fs.readFileSync(runFile, 'utf8'));
  assert.deepEqual([...parsed.entries.keys()].sort(), [1, 2]);
  assert.equal(fs.readdirSync(path.dirname(runFile)).filter((f) => f.endsWith('.partial')).length, 0);
});
