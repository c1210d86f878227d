// No lost updates: a save holds a lock file from its check to its rename, re-stats before the rename, and a
// writer that waited re-applies its edit when its record is unchanged — else nothing is written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { mock, test } from 'node:test';
import { lockPathFor } from '../../../src/core/dataset/atomicSave';
import { Dataset } from '../../../src/core/dataset/dataset';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const line = (i: number, pref = 'response1') =>
  `{"prompt": "Q${i}", "response1": "one", "response2": "two", "criteria": "be brief", "criteria_preference": "${pref}", "id": "r${i}"}`;

function fixture(t: { after(fn: () => void): void }, n: number): string {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'race.jsonl');
  writeFileSync(file, Array.from({ length: n }, (_, i) => line(i + 1)).join('\n') + '\n');
  return file;
}

const prefOnLine = (file: string, n: number) =>
  JSON.parse(readFileSync(file, 'utf8').split('\n')[n - 1]).criteria_preference as string;
const leftovers = (file: string) => readdirSync(join(file, '..')).filter((f) => f !== 'race.jsonl');

test('two editors saving different records of one file at once both land', async (t) => {
  const file = fixture(t, 50);
  const [a, b] = await Promise.all([Dataset.open(file), Dataset.open(file)]);
  for (const [ds, i] of [
    [a, 3],
    [b, 40],
  ] as const) {
    const plan = await ds.planLabel([i], 'B');
    assert.ok(!('error' in plan));
    ds.apply(plan);
  }
  await Promise.all([a.save(), b.save()]);
  assert.equal(prefOnLine(file, 4), 'response2');
  assert.equal(prefOnLine(file, 41), 'response2');
  assert.equal(a.isDirty || b.isDirty, false);
  assert.deepEqual(leftovers(file), [], 'no lock or temp file left');
});

test('a waiting writer whose own record was changed writes nothing and keeps its edit', async (t) => {
  const file = fixture(t, 10);
  const [a, b] = await Promise.all([Dataset.open(file), Dataset.open(file)]);
  for (const [ds, label] of [
    [a, 'B'],
    [b, 'tie'],
  ] as const) {
    const plan = await ds.planLabel([2], label);
    assert.ok(!('error' in plan));
    ds.apply(plan);
  }
  const [ra, rb] = await Promise.allSettled([a.save(), b.save()]);
  assert.equal(ra.status, 'fulfilled');
  assert.equal(rb.status, 'rejected');
  assert.match(
    String(rb.reason.message),
    /the file changed while saving; nothing written \(the record at line 3 was changed by someone else\)/,
  );
  assert.equal(prefOnLine(file, 3), 'response2');
  assert.equal(b.isDirty, true, 'the refused edit stays unsaved');
  assert.deepEqual(leftovers(file), []);
});

test("a lock held past the wait fails with nothing written; a dead writer's lock is broken", async (t) => {
  const file = fixture(t, 5);
  const before = readFileSync(file);
  const lock = await lockPathFor(file);
  const ds = await Dataset.open(file);
  const plan = await ds.planLabel([0], 'B');
  assert.ok(!('error' in plan));
  ds.apply(plan);
  // Held by a live process (this one).
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
  await assert.rejects(
    ds.save({ lockTimeoutMs: 300 }),
    /the file changed while saving; nothing written \(another save held .*reward-lens-lock for over 0 s\)/,
  );
  assert.ok(readFileSync(file).equals(before));
  // Left by a process that no longer exists.
  writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: new Date().toISOString() }));
  await ds.save({ lockTimeoutMs: 300 });
  assert.equal(prefOnLine(file, 1), 'response2');
  assert.equal(existsSync(lock), false);
});

test('a program that rewrites the file between the check and the rename (no lock) is not overwritten', async (t) => {
  const file = fixture(t, 5);
  const ds = await Dataset.open(file);
  const plan = await ds.planLabel([1], 'B');
  assert.ok(!('error' in plan));
  ds.apply(plan);
  const theirs = [line(1, 'tie'), line(2), line(3), line(4), line(5)].join('\n') + '\n';
  // chmod of the temporary file is the last step before the re-stat and rename.
  const realChmod = fsp.chmod;
  const m = mock.method(fsp, 'chmod', async (...args: Parameters<typeof fsp.chmod>) => {
    writeFileSync(file, theirs);
    return realChmod(...args);
  });
  try {
    await assert.rejects(
      ds.save(),
      /the file changed while saving; nothing written \(.*rewritten by another program\)/,
    );
  } finally {
    m.mock.restore();
  }
  assert.equal(readFileSync(file, 'utf8'), theirs);
  assert.deepEqual(leftovers(file), []);
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' } },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

test('racing CLI label processes never report an edit as saved that is then missing', async (t) => {
  // Big enough that indexing and saving overlap between processes.
  const file = fixture(t, 20_000);
  const jobs: { line: number; label: 'A' | 'B' | 'tie' }[] = [
    { line: 11, label: 'B' },
    { line: 5_000, label: 'tie' },
    { line: 9_999, label: 'B' },
    { line: 15_000, label: 'tie' },
    { line: 19_999, label: 'B' },
    { line: 20_000, label: 'tie' },
    // Two processes on one line with different labels: at most one may say it saved — or the later one wins.
    { line: 7, label: 'B' },
    { line: 7, label: 'tie' },
  ];
  const results = await Promise.all(jobs.map((j) => cli('label', file, '--line', String(j.line), '--set', j.label)));
  const want: Record<string, string> = { A: 'response1', B: 'response2', tie: 'tie' };
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  assert.equal(lines.length, 20_001, 'no line lost or split');
  for (const l of lines.slice(0, -1)) JSON.parse(l);
  const saved = new Map<number, string[]>();
  results.forEach((r, k) => {
    const j = jobs[k];
    if (r.code === 0) {
      assert.match(r.stdout, new RegExp(`line ${j.line} labelled ${j.label}`));
      saved.set(j.line, [...(saved.get(j.line) ?? []), want[j.label]]);
    } else {
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /the file changed while saving; nothing written/);
    }
  });
  for (const [n, labels] of saved) {
    const now = JSON.parse(lines[n - 1]).criteria_preference;
    assert.ok(labels.includes(now), `line ${n} reported saved as ${labels.join(' / ')} but holds ${now}`);
  }
  // Different lines never conflict: each of those edits is saved.
  for (const j of jobs.filter((j) => j.line !== 7))
    assert.equal(JSON.parse(lines[j.line - 1]).criteria_preference, want[j.label], `line ${j.line}`);
  assert.deepEqual(leftovers(file), []);
});
