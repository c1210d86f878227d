import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { indexLines } from '../../../src/core/dataset/lineIndex';
import { recordsOf, writeTemp } from './helpers';

async function lines(content: string | Buffer, chunkSize?: number) {
  const file = writeTemp('f.jsonl', content);
  return recordsOf(await indexLines(file, { chunkSize }), readFileSync(file));
}

for (const chunkSize of [undefined, 4, 7]) {
  const at = chunkSize ? ` (chunks of ${chunkSize} bytes)` : '';
  test(`indexes LF lines with their 1-based line numbers${at}`, async () => {
    assert.deepEqual(await lines('{"a":1}\n{"b":2}\n', chunkSize), [
      [1, '{"a":1}'],
      [2, '{"b":2}'],
    ]);
  });
  test(`excludes CR of CRLF endings from records, even split across chunks${at}`, async () => {
    assert.deepEqual(await lines('{"a":1}\r\n{"bb":2}\r\n{"c":3}\n', chunkSize), [
      [1, '{"a":1}'],
      [2, '{"bb":2}'],
      [3, '{"c":3}'],
    ]);
  });
  test(`skips a UTF-8 BOM before the first record${at}`, async () => {
    assert.deepEqual(await lines('\ufeff{"a":"é"}\n', chunkSize), [[1, '{"a":"é"}']]);
  });
  test(`does not count blank or whitespace-only lines as records but keeps line numbers${at}`, async () => {
    assert.deepEqual(await lines('\n{"a":1}\n\n  \t\r\n{"b":2}\n\n', chunkSize), [
      [2, '{"a":1}'],
      [5, '{"b":2}'],
    ]);
  });
  test(`indexes a last record without a final newline${at}`, async () => {
    assert.deepEqual(await lines('{"a":1}\n{"b":2}', chunkSize), [
      [1, '{"a":1}'],
      [2, '{"b":2}'],
    ]);
    assert.deepEqual(await lines('{"a":1}\r', chunkSize), [[1, '{"a":1}']]);
  });
  test(`indexes invalid lines as records too (they become error records)${at}`, async () => {
    assert.deepEqual(await lines('not json\n{"a":\n', chunkSize), [
      [1, 'not json'],
      [2, '{"a":'],
    ]);
  });
}

test('an empty file and a file of blank lines have no records', async () => {
  assert.deepEqual(await lines(''), []);
  assert.deepEqual(await lines('\n\r\n\n'), []);
  assert.deepEqual(await lines('\ufeff'), []);
});

test('indexes a 5 MB line between short ones', async () => {
  const long = JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) });
  const got = await lines(`{"a":1}\n${long}\r\n{"b":2}`, 1 << 16);
  assert.equal(got.length, 3);
  assert.equal(got[1][0], 2);
  assert.equal(got[1][1].length, long.length);
  assert.deepEqual(got[2], [3, '{"b":2}']);
});

test('keeps at most 16 bytes a record once built', async () => {
  const file = writeTemp('many.jsonl', '{"a":1}\n'.repeat(10_000));
  const index = await indexLines(file);
  assert.equal(index.count, 10_000);
  assert.ok(index.byteSize <= 16 * index.count, `${index.byteSize} bytes for ${index.count} records`);
});

test('reports progress in bytes and records, ending at the file size', async () => {
  const content = '{"a":1}\n'.repeat(100);
  const file = writeTemp('p.jsonl', content);
  const seen: [number, number, number][] = [];
  await indexLines(file, { chunkSize: 64, onProgress: (b, t, r) => seen.push([b, t, r]) });
  assert.ok(seen.length > 5);
  assert.deepEqual(seen.at(-1), [content.length, content.length, 100]);
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k][0] > seen[k - 1][0]);
});

test('stops with an AbortError when cancelled', async () => {
  const file = writeTemp('c.jsonl', '{"a":1}\n'.repeat(1000));
  const ctl = new AbortController();
  await assert.rejects(
    indexLines(file, { chunkSize: 64, signal: ctl.signal, onProgress: (_b, _t, r) => r > 50 && ctl.abort() }),
    (e: Error) => e.name === 'AbortError',
  );
});

test('finds the record of a physical line, or -1 for blank lines', async () => {
  const index = await indexLines(writeTemp('l.jsonl', '{"a":1}\n\n{"b":2}\n'));
  assert.equal(index.indexOfLine(1), 0);
  assert.equal(index.indexOfLine(2), -1);
  assert.equal(index.indexOfLine(3), 1);
  assert.equal(index.indexOfLine(4), -1);
});
