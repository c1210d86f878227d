// One reader for run files: every line checked, errors naming the file, the line and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRun } from '../../../src/core/scoring/run';
import { readPreviousRun, readRunHeader } from '../../../src/core/scoring/runStore';

const header = {
  type: 'header',
  version: 1,
  model: { id: 'rm', kind: 'test' },
  dataset: { path: 'bench.jsonl' },
  created: '2026-01-01T00:00:00Z',
};
const text = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

test('a malformed entry is refused with its line and the field that is wrong', () => {
  assert.throws(
    () => parseRun(text(header, { index: 0, line: 1, id: 'a', score_a: '0.5', score_b: 1 }), 'run.jsonl'),
    /run\.jsonl line 2: `score_a` should be a finite number, got "0\.5"/,
  );
  assert.throws(
    () => parseRun(text(header, { index: -1, line: 1, id: 'a' }), 'r'),
    /r line 2: `index` should be a record's 0-based ordinal, got -1/,
  );
  assert.throws(
    () => parseRun(text(header, { index: 0, line: 1, id: 'a', score_a: 1 }), 'r'),
    /`score_a` and `score_b` come together/,
  );
  assert.throws(
    () => parseRun(text(header, { index: 0, line: 1, id: 'a', verdict: 'left' }), 'r'),
    /`verdict` should be A, B, tie or none, got "left"/,
  );
  assert.throws(
    () => parseRun(text({ ...header, model: { id: 'rm' } }), 'r'),
    /r line 1: header: `model\.kind` should be a string, got nothing/,
  );
  assert.throws(
    () => parseRun(text({ index: 0, line: 1, id: 'a' }), 'r'),
    /r line 1: expected the header line .* first, got keys `index`, `line`, `id`/,
  );
  const run = parseRun(text(header, { index: 3, line: 4, id: 'd', score_a: 1, score_b: 2, key: 'k' }));
  assert.equal(run.entries.get(3)?.score_b, 2);
});

test('listing reads the header line alone; resume skips a torn last line and counts bad ones', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-runfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'run.jsonl');
  writeFileSync(
    file,
    text(header, { index: 0, line: 1, id: 'a', score_a: 1, score_b: 0 }, { index: 'x' }) + '{"index": 1, "li',
  );
  const head = await readRunHeader(file);
  assert.ok(head.ok);
  assert.equal(head.header.model.id, 'rm');
  const prev = await readPreviousRun(file);
  assert.equal(prev?.entries.size, 1);
  assert.equal(prev?.badLines, 1);
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, text({ ...header, version: 2 }));
  const refused = await readRunHeader(bad);
  assert.ok(!refused.ok);
  assert.match(refused.message, /bad\.jsonl line 1: header: `version` should be 1, got 2/);
});
