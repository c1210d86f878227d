import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { saveWithReplacements } from '../../../src/core/dataset/atomicSave';
import { tempDir, writeTemp } from './helpers';

const rep = (start: number, end: number, text: string) => ({ start, end, bytes: Buffer.from(text) });

test('replaces only the given byte ranges and keeps everything else', async () => {
  const file = writeTemp('a.jsonl', '\ufeffAAA\r\nBBB\r\nCCC');
  await saveWithReplacements(file, file, [rep(3, 6, 'x'), rep(13, 16, 'yyyy')]);
  assert.equal(readFileSync(file, 'utf8'), '\ufeffx\r\nBBB\r\nyyyy');
});

test('keeps the file mode', async () => {
  const file = writeTemp('m.jsonl', 'abc');
  chmodSync(file, 0o640);
  await saveWithReplacements(file, file, [rep(0, 1, 'z')]);
  assert.equal(statSync(file).mode & 0o777, 0o640);
});

test('copies files larger than the copy buffer intact', async () => {
  const big = Buffer.alloc(3 * (1 << 20) + 17, 'q');
  const file = writeTemp('big.bin', big);
  await saveWithReplacements(file, file, [rep(5, 6, 'R')]);
  const out = readFileSync(file);
  assert.equal(out.length, big.length);
  assert.equal(out[5], 'R'.charCodeAt(0));
  assert.equal(out.subarray(6).equals(big.subarray(6)), true);
});

test('Save As writes the target and leaves the source as it was', async () => {
  const dir = tempDir();
  const file = writeTemp('s.jsonl', 'one\ntwo\n', dir);
  const target = join(dir, 'copy.jsonl');
  await saveWithReplacements(file, target, [rep(4, 7, 'TWO')]);
  assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
  assert.equal(readFileSync(target, 'utf8'), 'one\nTWO\n');
});

test('refuses a read-only file, leaving it untouched and no temp file behind', async () => {
  const dir = tempDir();
  const file = writeTemp('ro.jsonl', 'abc', dir);
  chmodSync(file, 0o444);
  await assert.rejects(
    saveWithReplacements(file, file, [rep(0, 1, 'z')]),
    /cannot save .*ro\.jsonl: .*is read-only; your edits are kept and the file is unchanged/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'abc');
  assert.deepEqual(readdirSync(dir), ['ro.jsonl']);
});

test('rejects with a clear message when the target folder is gone', async () => {
  const dir = tempDir();
  const file = writeTemp('src.jsonl', 'abc', dir);
  const gone = join(tempDir(), 'gone');
  await assert.rejects(
    saveWithReplacements(file, join(gone, 'out.jsonl'), []),
    /no longer exists.*the file is unchanged/,
  );
  assert.deepEqual(readdirSync(dir), ['src.jsonl']);
});

test('rejects when the source was deleted', async () => {
  const file = writeTemp('del.jsonl', 'abc');
  rmSync(file);
  await assert.rejects(saveWithReplacements(file, file, []), /was deleted or moved/);
});

test('refuses to save over a file that changed on disk since it was indexed', async () => {
  const dir = tempDir();
  const file = writeTemp('chg.jsonl', 'abc', dir);
  const st = statSync(file);
  writeFileSync(file, 'abcd');
  await assert.rejects(
    saveWithReplacements(file, file, [rep(0, 1, 'z')], { size: st.size, mtimeMs: st.mtimeMs }),
    /changed on disk since it was opened/,
  );
  assert.equal(readFileSync(file, 'utf8'), 'abcd');
  assert.deepEqual(readdirSync(dir), ['chg.jsonl']);
});

test('removes the temp file when writing fails midway (file shorter than its index)', async () => {
  const dir = tempDir();
  const file = writeTemp('short.jsonl', 'abc', dir);
  await assert.rejects(saveWithReplacements(file, file, [rep(10, 12, 'z')]), /became shorter/);
  assert.equal(readFileSync(file, 'utf8'), 'abc');
  assert.deepEqual(readdirSync(dir), ['short.jsonl']);
});
