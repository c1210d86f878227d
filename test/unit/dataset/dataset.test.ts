import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Dataset, type RecordEdit } from '../../../src/core/dataset/dataset';
import type { DatasetRecord } from '../../../src/core/dataset/types';
import { explicitAdapter, implicitAdapter, tempDir, writeTemp } from './helpers';

const rec = (pref: string, extra = '') => `{"q":"p","r1":"one","r2":"two","pref":"${pref}"${extra}}`;
const open = (file: string, adapter = explicitAdapter) => Dataset.open(file, { adapter });
const summary = (r: DatasetRecord) => (r.kind === 'pair' ? `${r.line}:${r.label}` : `${r.line}:error`);

async function planned(p: Promise<RecordEdit | { error: string }>): Promise<RecordEdit> {
  const e = await p;
  if ('error' in e) assert.fail(e.error);
  return e;
}

test('reads only the records asked for, with their physical lines', async () => {
  const file = writeTemp('a.jsonl', `${rec('a')}\r\n\r\n${rec('b')}\r\n${rec('tie')}`);
  const ds = await open(file);
  assert.equal(ds.shape, 'jsonl');
  assert.equal(ds.recordCount, 3);
  assert.deepEqual((await ds.readRecords(1, 10)).map(summary), ['3:B', '4:tie']);
  assert.equal(await ds.recordText(2), rec('tie'));
  await assert.rejects(ds.readRecord(3), /no record 4: the file has 3 records/);
});

test('turns unparsable and refused records into error records with line numbers', async () => {
  const file = writeTemp('e.jsonl', `${rec('a')}\n{"q": "x",\n\n{"r1": 1, "r2": 2}\n[1]\n`);
  const ds = await open(file);
  const rs = await ds.readRecords(0, 4);
  assert.deepEqual(rs.map(summary), ['1:A', '2:error', '4:error', '5:error']);
  assert.equal(
    rs[1].kind === 'error' && rs[1].message,
    'line 2, column 11: not valid JSON: expected a property name in double quotes (at the end of the record)',
  );
  assert.equal(rs[2].kind === 'error' && rs[2].message, 'line 4: expected `r1` and `r2` as text');
  assert.equal(rs[1].kind === 'error' && rs[1].text, '{"q": "x",');
});

test('gives the physical line and column of a JSON error inside a pretty-printed element', async () => {
  const file = writeTemp('p.json', '[\n  {"r1": "a", "r2": "b"},\n  {\n    "r1": "a",\n    "r2": tru\n  }\n]\n');
  const ds = await open(file);
  const r = await ds.readRecord(1);
  assert.equal(r.kind, 'error');
  assert.match(r.kind === 'error' ? r.message : '', /^line 5, column 11: not valid JSON/);
  assert.equal(r.line, 3);
});

test('says which keys it found and which formats it tried when no format matches', async () => {
  const file = writeTemp('n.jsonl', '{"foo": 1, "bar": 2}\n{"foo": 3}\n');
  const ds = await Dataset.open(file);
  assert.equal(ds.format, undefined);
  const r = await ds.readRecord(0);
  assert.equal(r.kind, 'error');
  assert.match(
    r.kind === 'error' ? r.message : '',
    /^line 1: no known format matched: found keys `foo`, `bar`; tried omni-rewardbench, .*hh-rlhf/,
  );
});

test('detects a registered format from the first records', async () => {
  const omni =
    '{"prompt":"q","response1":"a","response2":"b","criteria":"c","criteria_preference":"response2","id":"1"}';
  const ds = await Dataset.open(writeTemp('text_to_text_preferences.jsonl', `${omni}\n${omni}\n`));
  assert.equal(ds.format?.id, 'omni-rewardbench');
  assert.equal(ds.format?.confidence, 1);
  const r = await ds.readRecord(0);
  assert.equal(r.kind === 'pair' && r.label, 'B');
});

test('refuses an unknown --format id with the known ones', async () => {
  await assert.rejects(
    Dataset.open(writeTemp('x.jsonl', '{}\n'), { formatId: 'nope' }),
    /unknown format `nope`; known formats: omni-rewardbench/,
  );
});

test('calls onFirstRecords once, before the index is complete on a large file', async () => {
  const file = writeTemp('big.jsonl', `${rec('a')}\n`.repeat(60_000));
  let calls = 0;
  let countThen = 0;
  const ds = await Dataset.open(file, {
    adapter: explicitAdapter,
    onFirstRecords: (d) => {
      calls++;
      countThen = d.recordCount;
    },
  });
  assert.equal(calls, 1);
  assert.ok(countThen >= 200 && countThen < 60_000, `first page at ${countThen} records`);
  assert.equal(ds.recordCount, 60_000);
});

test('relabels by rewriting only the label value, reflected in reads before saving', async () => {
  const text = `${rec('a')}\n${rec('b', ', "extra": [1, {"k": "v"}]')}\n`;
  const file = writeTemp('l.jsonl', text);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'tie')));
  assert.equal(ds.isDirty, true);
  assert.equal(summary(await ds.readRecord(1)), '2:tie');
  assert.equal(readFileSync(file, 'utf8'), text, 'nothing is written before save');
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), text.replace('"pref":"b"', '"pref":"tie"'));
  assert.equal(ds.isDirty, false);
});

test('a bulk relabel is one undo step', async () => {
  const file = writeTemp('bulk.jsonl', [rec('a'), rec('b'), rec('a')].join('\n'));
  const ds = await open(file);
  const edit = await planned(ds.planLabel([0, 1, 2], 'B'));
  assert.deepEqual(
    edit.changes.map((c) => c.index),
    [0, 2],
    'record 1 is already B',
  );
  ds.apply(edit);
  assert.deepEqual((await ds.readRecords(0, 3)).map(summary), ['1:B', '2:B', '3:B']);
  ds.undo();
  assert.deepEqual((await ds.readRecords(0, 3)).map(summary), ['1:A', '2:B', '3:A']);
  ds.redo();
  assert.deepEqual((await ds.readRecords(0, 3)).map(summary), ['1:B', '2:B', '3:B']);
});

test('refuses to edit an error record, a missing record, or say a label the format cannot', async () => {
  const ds = await open(writeTemp('r.jsonl', `${rec('a')}\nnot json\n`));
  assert.match(
    ((await ds.planLabel([1], 'B')) as { error: string }).error,
    /^cannot edit an error record: line 2, column 1: not valid JSON/,
  );
  assert.deepEqual(await ds.planLabel([5], 'B'), { error: 'no record 6: the file has 2 records' });
  const imp = await open(writeTemp('i.jsonl', '{"chosen": "x", "rejected": "y"}\n'), implicitAdapter);
  assert.deepEqual(await imp.planLabel([0], 'tie'), { error: 'line 1: chosen/rejected files cannot say "tie"' });
  assert.deepEqual(await imp.planCriterion(0, 'c'), { error: 'line 1: this format has no criterion field' });
});

test('relabelling a chosen/rejected record swaps the two values and nothing else', async () => {
  const text = '{"chosen": "Yes \\u00e9 \\"q\\"" ,"rejected":\n  "b\\/c"}';
  const file = writeTemp('s.json', `[${text}]`);
  const ds = await open(file, implicitAdapter);
  ds.apply(await planned(ds.planLabel([0], 'B')));
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), '[{"chosen": "b\\/c" ,"rejected":\n  "Yes \\u00e9 \\"q\\""}]');
});

test('refuses to edit a record that is not valid UTF-8 (saving it would change its bytes)', async () => {
  const bytes = Buffer.concat([
    Buffer.from('{"r1":"a","r2":"'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('","pref":"a"}\n'),
  ]);
  const ds = await open(writeTemp('u.jsonl', bytes));
  assert.deepEqual(await ds.planLabel([0], 'B'), {
    error: 'line 1: the record is not valid UTF-8; editing it would change bytes it holds',
  });
});

test('after saving a pretty-printed array with an inserted key, the index matches a fresh one', async () => {
  const text =
    '[\n  {\n    "r1": "a",\n    "r2": "b"\n  },\n  {\n    "r1": "c",\n    "r2": "d",\n    "pref": "a"\n  }\n]\n';
  const file = writeTemp('pp.json', text);
  const ds = await open(file);
  ds.apply(await planned(ds.planCriterion(0, 'be brief')));
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), text.replace('"r2": "b"\n', '"r2": "b",\n    "crit": "be brief"\n'));
  const fresh = await open(file);
  for (let i = 0; i < 2; i++) {
    assert.equal(ds.line(i), fresh.line(i));
    assert.equal(await ds.recordText(i), await fresh.recordText(i));
  }
  assert.equal(ds.line(1), 7);
});

test('undo after save, then save, brings the original bytes back', async () => {
  const text = `\ufeff${rec('a')}\r\n${rec('b')}`;
  const file = writeTemp('u2.jsonl', text);
  const ds = await open(file);
  ds.apply(await planned(ds.planCriterion(1, 'naïve "quoted" \\ text')));
  await ds.save();
  assert.notEqual(readFileSync(file, 'utf8'), text);
  ds.undo();
  assert.equal(ds.isDirty, true);
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), text);
});

test('a failed save keeps the edits and the file; Save As writes elsewhere and keeps this dataset dirty', async () => {
  const dir = tempDir();
  const text = `${rec('a')}\n`;
  const file = writeTemp('f.jsonl', text, dir);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([0], 'B')));
  chmodSync(file, 0o444);
  await assert.rejects(ds.save(), /is read-only; your edits are kept and the file is unchanged/);
  assert.equal(ds.isDirty, true);
  assert.equal(readFileSync(file, 'utf8'), text);
  const target = join(dir, 'copy.jsonl');
  await ds.save({ target });
  assert.equal(readFileSync(target, 'utf8'), text.replace('"pref":"a"', '"pref":"b"'));
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.equal(ds.isDirty, true);
  assert.deepEqual(readdirSync(dir).sort(), ['copy.jsonl', 'f.jsonl']);
});

test('refuses to save over a file changed on disk since it was opened', async () => {
  const file = writeTemp('c.jsonl', `${rec('a')}\n`);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([0], 'B')));
  writeFileSync(file, `${rec('a')}\n${rec('a')}\n`);
  await assert.rejects(ds.save(), /changed on disk since it was opened; reload it first/);
});

test('restores a backup onto the same file, and refuses one whose records changed', async () => {
  const text = `${rec('a')}\n${rec('b')}\n`;
  const file = writeTemp('b.jsonl', text);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'A')));
  const backup = ds.backup();

  const again = await open(file);
  assert.equal(await again.restoreBackup(backup), undefined);
  assert.equal(again.isDirty, true);
  assert.equal(summary(await again.readRecord(1)), '2:A');
  again.undo();
  assert.equal(summary(await again.readRecord(1)), '2:B');

  writeFileSync(file, text.replace('"pref":"b"', '"pref":"x"')); // same size, other content
  const changed = await open(file);
  assert.deepEqual(await changed.restoreBackup(backup), {
    error: `cannot restore unsaved edits onto ${file}: the record at line 2 changed since the edits were made`,
  });
  assert.equal(changed.isDirty, false);
  writeFileSync(file, text + text);
  const longer = await open(file);
  assert.match((await longer.restoreBackup(backup))?.error ?? '', /it had 2 records and \d+ bytes, now 4/);
});

test('reload picks up the file as it is now and drops unsaved edits', async () => {
  const file = writeTemp('rl.jsonl', `${rec('a')}\n`);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([0], 'B')));
  writeFileSync(file, `${rec('tie')}\n\n${rec('b')}\n`);
  await ds.reload();
  assert.equal(ds.isDirty, false);
  assert.deepEqual((await ds.readRecords(0, 5)).map(summary), ['1:tie', '3:B']);
});

test('scan counts records, errors (structural ones too), labels and tasks, unsaved edits included', async () => {
  const file = writeTemp(
    's.json',
    `[\n${rec('a', ',"task":"T2T"')},\n${rec('b')},\n{"r1": 1},\n${rec('tie', ',"task":"T2I"')}\n`,
  );
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'tie')));
  const stats = await ds.scan();
  assert.deepEqual(stats, {
    records: 4,
    errorCount: 2,
    errors: [
      { line: 4, message: 'line 4: expected `r1` and `r2` as text' },
      { line: 5, message: 'line 5: the file ends before the closing `]` of the array' },
    ],
    labels: { A: 1, B: 0, tie: 2, none: 0 },
    tasks: { T2T: 1, unknown: 1, T2I: 1 },
  });
});

test('scan keeps at most maxErrors messages but counts them all', async () => {
  const ds = await open(writeTemp('m.jsonl', 'x\n'.repeat(50)));
  const stats = await ds.scan({ maxErrors: 3 });
  assert.equal(stats.errorCount, 50);
  assert.deepEqual(
    stats.errors.map((e) => e.line),
    [1, 2, 3],
  );
});

test('says plainly when the file does not exist or is a folder', async () => {
  const dir = tempDir();
  await assert.rejects(
    Dataset.open(join(dir, 'missing.jsonl')),
    new RegExp(`^Error: cannot open ${join(dir, 'missing.jsonl')}: no such file$`),
  );
  await assert.rejects(Dataset.open(dir), /it is a folder, not a file/);
});

test('reads records at scattered indices in the order asked, and reports indexing progress', async () => {
  const content = [rec('a'), rec('b'), rec('tie'), rec('a')].join('\n');
  const progress: number[] = [];
  const ds = await Dataset.open(writeTemp('s.jsonl', content), {
    adapter: explicitAdapter,
    onProgress: (bytes) => progress.push(bytes),
  });
  assert.deepEqual((await ds.readIndices([3, 0, 2])).map(summary), ['4:A', '1:A', '3:tie']);
  assert.equal(progress.at(-1), Buffer.byteLength(content));
  assert.equal(ds.indexDone, true);
});
