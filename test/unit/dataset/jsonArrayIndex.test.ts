import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectShape } from '../../../src/core/dataset/fileShape';
import { indexJsonArray } from '../../../src/core/dataset/jsonArrayIndex';
import { recordsOf, writeTemp } from './helpers';

async function elements(content: string, chunkSize?: number) {
  const file = writeTemp('f.json', content);
  const index = await indexJsonArray(file, { chunkSize });
  return { records: recordsOf(index, readFileSync(file)), problems: index.problems };
}

const PRETTY = `\ufeff[\r
  {\r
    "prompt": "a [bracket] and {brace}",\r
    "nested": {"list": [1, [2, {"x": "]"}]]},\r
    "quote": "say \\"hi\\" \\\\",\r
    "uni": "é ✓ \\u00e9"\r
  },\r
  {"second": true}\r
]\r
`;

for (const chunkSize of [undefined, 3, 5, 8]) {
  const at = chunkSize ? ` (chunks of ${chunkSize} bytes)` : '';
  test(`indexes pretty-printed elements with brackets, escaped quotes and backslashes in strings${at}`, async () => {
    const { records, problems } = await elements(PRETTY, chunkSize);
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    assert.equal(records[0][0], 2);
    assert.deepEqual(JSON.parse(records[0][1]).nested, { list: [1, [2, { x: ']' }]] });
    assert.ok(records[0][1].startsWith('{\r\n    "prompt"') && records[0][1].endsWith('\r\n  }'));
    assert.deepEqual(records[1], [8, '{"second": true}']);
  });
  test(`indexes scalar, string and array elements${at}`, async () => {
    const { records, problems } = await elements('[1, -2.5e3 ,"s\\\\\\"]", null,[true],\n{}]', chunkSize);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records.map((r) => r[1]),
      ['1', '-2.5e3', '"s\\\\\\"]"', 'null', '[true]', '{}'],
    );
    assert.equal(records[5][0], 2);
  });
  test(`reports an unterminated array on its last line and keeps the partial element${at}`, async () => {
    const { records, problems } = await elements('[\n {"a": 1},\n {"b": [2,\n', chunkSize);
    assert.deepEqual(
      records.map((r) => r[1]),
      ['{"a": 1}', '{"b": [2,'],
    );
    assert.deepEqual(problems, [{ line: 3, message: 'the file ends inside an element: the array is not closed' }]);
  });
}

test('an empty array has no records and no problems', async () => {
  assert.deepEqual(await elements('[]'), { records: [], problems: [] });
  assert.deepEqual(await elements(' \n[ \n ]\n'), { records: [], problems: [] });
});

test('reports a missing comma between elements with its line, and keeps both elements', async () => {
  const { records, problems } = await elements('[\n{"a":1}\n{"b":2}\n]');
  assert.deepEqual(records, [
    [2, '{"a":1}'],
    [3, '{"b":2}'],
  ]);
  assert.deepEqual(problems, [{ line: 3, message: 'missing `,` between array elements' }]);
});

test('reports a trailing comma, an empty element, and text after the closing bracket', async () => {
  assert.deepEqual((await elements('[1,\n]')).problems, [{ line: 2, message: 'trailing `,` before the closing `]`' }]);
  assert.deepEqual((await elements('[1,,2]')).problems, [
    { line: 1, message: 'empty element: `,` where a value was expected' },
  ]);
  assert.deepEqual((await elements('[1]\n\n{"x":1}')).problems, [
    { line: 3, message: 'unexpected text after the closing `]` of the array' },
  ]);
});

test('reports a file that ends inside a string', async () => {
  const { records, problems } = await elements('[{"a": "never closed}]\n');
  assert.deepEqual(records, [[1, '{"a": "never closed}]']]);
  assert.deepEqual(problems, [{ line: 1, message: 'the file ends inside a string: the array is not closed' }]);
});

test('reports a missing closing bracket after a complete element', async () => {
  const { records, problems } = await elements('[\n  {"a": 1}\n\n');
  assert.deepEqual(records, [[2, '{"a": 1}']]);
  assert.deepEqual(problems, [{ line: 2, message: 'the file ends before the closing `]` of the array' }]);
});

test('detects the shape from the first byte after a BOM and whitespace', async () => {
  assert.equal(await detectShape(writeTemp('a.json', '\ufeff \r\n [ {"a":1} ]')), 'json-array');
  assert.equal(await detectShape(writeTemp('b.jsonl', '\n\n{"a":1}\n')), 'jsonl');
  assert.equal(await detectShape(writeTemp('c.jsonl', '')), 'jsonl');
  assert.equal(await detectShape(writeTemp('d.json', ' '.repeat(70_000) + '[]')), 'json-array');
});

test('indexes a multi-megabyte element', async () => {
  const big = JSON.stringify({ s: 'a\\"'.repeat(1_000_000) });
  const { records } = await elements(`[${big},\n{"b":1}]`, 1 << 16);
  assert.equal(records[0][1], big);
  assert.deepEqual(records[1], [2, '{"b":1}']);
});

test('reports progress and stops with an AbortError when cancelled', async () => {
  const file = writeTemp('c.json', `[${'{"a": [1, "x"]},\n'.repeat(1000)}{}]`);
  const seen: number[] = [];
  const ctl = new AbortController();
  await assert.rejects(
    indexJsonArray(file, {
      chunkSize: 256,
      signal: ctl.signal,
      onProgress: (_b, _t, r) => (seen.push(r), r > 100 && ctl.abort()),
    }),
    (e: Error) => e.name === 'AbortError',
  );
  assert.ok(seen.length > 3 && seen.at(-1)! > 100 && seen.at(-1)! < 1001);
});
