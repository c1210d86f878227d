// The CLI on Parquet files, run as a user would (through tsx, so the test needs no build).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/parquet');
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, ORT_DISABLE_TELEMETRY: '1' };
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args],
      { cwd: ROOT, env },
      (err, stdout, stderr) => {
        done({ code: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

test('inspect --json on an Omni-RewardBench Parquet config reports records, labels and tasks as for JSONL', async () => {
  const r = await cli('inspect', join(FIXTURES, 'omni_t2i.parquet'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.shape, 'parquet');
  assert.equal(out.format, 'omni-rewardbench');
  assert.equal(out.records, 10);
  assert.equal(out.errorCount, 0);
  assert.deepEqual(out.labels, { A: 5, B: 3, tie: 2, none: 0 });
  assert.deepEqual(out.tasks, { T2I: 10 });
  const text = await cli('inspect', join(FIXTURES, 'omni_ta2t_zstd.parquet'));
  assert.match(text.stdout, /shape {4}Parquet\n/);
  assert.match(text.stdout, /records {2}6\n/);
});

test('label --row on Parquet is refused as read-only and leaves the file as it was', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'omni_t2i.parquet');
  copyFileSync(join(FIXTURES, 'omni_t2i.parquet'), file);
  const before = readFileSync(file);
  const r = await cli('label', file, '--row', '2', '--set', 'A');
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /^Parquet files are read-only in this version: the labels and criteria of omni_t2i\.parquet cannot be changed or saved yet \(nothing was written\)/,
  );
  const byLine = await cli('criteria', file, '--line', '2', '--set', 'x');
  assert.equal(byLine.code, 1);
  assert.match(byLine.stderr, /is Parquet: name the record with --row N \(1-based\), not --line or --element/);
  assert.deepEqual(readFileSync(file), before);
});
