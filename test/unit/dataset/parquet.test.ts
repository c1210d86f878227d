// Parquet as a file shape, checked against the Hugging Face `datasets` library that wrote the fixtures
// (test/fixtures/parquet: rows.json is what `datasets` reads back, media.json the bytes it was given).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Dataset } from '../../../src/core/dataset/dataset';
import { EmbeddedMedia } from '../../../src/core/dataset/parquet/embeddedMedia';
import { openParquetFile } from '../../../src/core/dataset/parquet/parquetFile';
import { ParquetSource } from '../../../src/core/dataset/parquet/parquetSource';
import type { PreferencePair } from '../../../src/core/dataset/types';
import { tempDir } from './helpers';

const FIXTURES = resolve(__dirname, '../../fixtures/parquet');
const fixture = (name: string) => join(FIXTURES, name);
const ROWS: Record<string, Record<string, unknown>[]> = JSON.parse(readFileSync(fixture('rows.json'), 'utf8'));
const MEDIA: Record<string, { row: number; column: string; length: number; sha256: string }[]> = JSON.parse(
  readFileSync(fixture('media.json'), 'utf8'),
);
const FILES = Object.keys(ROWS);

const openSource = (name: string) => ParquetSource.open(fixture(name), statSync(fixture(name)).size);

/** A row as rows.json writes it: media cells (also in lists) as {path, has_bytes}. */
function asOracle(row: Record<string, unknown>): Record<string, unknown> {
  const cell = (v: unknown): unknown => {
    if (v instanceof EmbeddedMedia) return { path: v.path, has_bytes: true };
    if (v && typeof v === 'object' && !Array.isArray(v) && 'bytes' in v && 'path' in v)
      return { path: v.path, has_bytes: v.bytes !== null };
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = Array.isArray(v) && v.some((x) => x instanceof EmbeddedMedia) ? v.map(cell) : cell(v);
  return out;
}

/** media.json names a list item `images[1]`. */
function cellOf(column: string): { column: string; item?: number } {
  const m = /^(.*)\[(\d+)\]$/.exec(column);
  return m ? { column: m[1], item: Number(m[2]) } : { column };
}

function withTemp(t: { after: (fn: () => void) => void }): string {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('every row reads back as `datasets` reads it: values, ClassLabel names, chat lists, path-only media, lists of images', async () => {
  assert.deepEqual(FILES.sort(), [
    'genai_classlabel.parquet',
    'nested_features.parquet',
    'omni_t2i.parquet',
    'omni_ta2t_zstd.parquet',
    'skywork_chat.parquet',
  ]);
  for (const name of FILES) {
    const src = await openSource(name);
    assert.equal(src.rowCount, ROWS[name].length, name);
    const rows = await src.readRows(0, src.rowCount);
    assert.deepEqual(rows.map(asOracle), ROWS[name], name);
  }
});

test('embedded image and audio bytes read by (row, column) equal the bytes given to `datasets`', async () => {
  let checked = 0;
  for (const [name, cells] of Object.entries(MEDIA)) {
    const ds = await Dataset.open(fixture(name));
    for (const c of cells) {
      const bytes = await ds.readMedia({ kind: 'embedded', row: c.row, ...cellOf(c.column) });
      assert.ok(bytes instanceof Uint8Array, `${name} ${c.row} ${c.column}: ${JSON.stringify(bytes)}`);
      assert.equal(bytes.length, c.length);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), c.sha256, `${name} row ${c.row} ${c.column}`);
      checked++;
    }
  }
  assert.equal(checked, 20 + 6 + 10 + 7);
});

test('a page reads only the row groups that hold it, and no media bytes', async () => {
  const src = await openSource('omni_t2i.parquet'); // row groups 4 + 4 + 2
  assert.equal(src.index.groups, 3);
  const page = await src.readRows(4, 6);
  assert.equal(src.groupReads, 1, 'rows 5–6 live in the second row group only');
  assert.deepEqual(
    page.map((r) => r.id),
    ['t2i-4', 't2i-5'],
  );
  assert.ok(page[0].response1 instanceof EmbeddedMedia, 'media stay in the file until asked for');
  await src.readRows(5, 7);
  assert.equal(src.groupReads, 1, 'paging inside a read row group reads nothing again');
  await src.readRows(3, 5);
  assert.equal(src.groupReads, 2, 'a page across a boundary adds only the first group');
  await src.readRows(9, 10);
  assert.equal(src.groupReads, 3);
});

test('media bytes come from one row group: reading row 10 does not read the first groups', async () => {
  const src = await openSource('omni_t2i.parquet');
  const before = src.reads.bytes;
  const bytes = await src.readMedia(9, 'response1');
  assert.ok(bytes instanceof Uint8Array);
  const groupBytes =
    Number(src.index.groups) &&
    (await openParquetFile(fixture('omni_t2i.parquet'), statSync(fixture('omni_t2i.parquet')).size)).metadata
      .row_groups[2].total_byte_size;
  assert.ok(
    src.reads.bytes - before <= Number(groupBytes),
    `read ${src.reads.bytes - before} bytes for one cell; the last row group is ${groupBytes}`,
  );
  assert.equal(src.groupReads, 0);
});

test('Dataset opens hub Parquet files through the usual adapters: counts, labels, tasks', async () => {
  const expect: Record<
    string,
    { format: string; records: number; labels: Record<string, number>; tasks: Record<string, number> }
  > = {
    'omni_t2i.parquet': {
      format: 'omni-rewardbench',
      records: 10,
      labels: { A: 5, B: 3, tie: 2, none: 0 },
      tasks: { T2I: 10 },
    },
    'omni_ta2t_zstd.parquet': {
      format: 'omni-rewardbench',
      records: 6,
      labels: { A: 2, B: 2, tie: 2, none: 0 },
      tasks: { TA2T: 6 },
    },
    'genai_classlabel.parquet': {
      format: 'genai-bench',
      records: 5,
      labels: { A: 2, B: 1, tie: 2, none: 0 },
      tasks: { T2I: 5 },
    },
    'skywork_chat.parquet': {
      format: 'skywork-preference',
      records: 7,
      labels: { A: 7, B: 0, tie: 0, none: 0 },
      tasks: { T2T: 7 },
    },
  };
  for (const [name, e] of Object.entries(expect)) {
    const ds = await Dataset.open(fixture(name));
    assert.equal(ds.shape, 'parquet');
    assert.equal(ds.format?.id, e.format, name);
    assert.equal(ds.recordCount, e.records);
    const s = await ds.scan();
    assert.equal(s.records, e.records);
    assert.equal(s.errorCount, 0, JSON.stringify(s.errors));
    assert.deepEqual(s.labels, e.labels, name);
    assert.deepEqual(s.tasks, e.tasks, name);
  }
});

test('embedded media reach the pair as embedded references; labels come from ClassLabel names', async () => {
  const t2i = await Dataset.open(fixture('omni_t2i.parquet'));
  const [p] = (await t2i.readRecords(2, 1)) as PreferencePair[];
  assert.equal(p.kind, 'pair');
  assert.equal(p.line, 3, 'a Parquet record is addressed by its 1-based row');
  assert.equal(p.label, 'tie');
  assert.deepEqual(p.a.parts, [
    {
      type: 'media',
      media: {
        modality: 'image',
        mime: 'image/jpeg',
        source: { kind: 'embedded', row: 2, column: 'response1', name: 'furniture_10.jpg' },
      },
    },
  ]);
  assert.equal(t2i.indexOfLine(3), 2);

  const ta2t = await Dataset.open(fixture('omni_ta2t_zstd.parquet'));
  const [q] = (await ta2t.readRecords(4, 1)) as PreferencePair[];
  const audio = q.prompt.find((x) => x.type === 'media');
  assert.deepEqual(audio, {
    type: 'media',
    media: {
      modality: 'audio',
      mime: 'audio/wav',
      source: { kind: 'embedded', row: 4, column: 'audio', name: 'tone_4.wav' },
    },
  });

  const genai = await Dataset.open(fixture('genai_classlabel.parquet'));
  const pairs = (await genai.readRecords(0, 5)) as PreferencePair[];
  assert.deepEqual(
    pairs.map((x) => [x.label, x.tieKind]),
    [
      ['A', undefined],
      ['B', undefined],
      ['tie', 'good'],
      ['tie', 'bad'],
      ['A', undefined],
    ],
  );
});

test('edits and saves on Parquet are refused with a clear message and write nothing', async (t) => {
  const dir = withTemp(t);
  const file = join(dir, 'omni_t2i.parquet');
  copyFileSync(fixture('omni_t2i.parquet'), file);
  const before = readFileSync(file);
  const ds = await Dataset.open(file);
  const label = await ds.planLabel([0], 'B');
  assert.ok('error' in label);
  assert.match(
    label.error,
    /^Parquet files are read-only in this version: the labels and criteria of omni_t2i\.parquet cannot be changed or saved yet \(nothing was written\)/,
  );
  const crit = await ds.planCriterion(0, 'new');
  assert.ok('error' in crit && crit.error.startsWith('Parquet files are read-only in this version:'));
  await assert.rejects(ds.save({ target: join(dir, 'copy.parquet') }), /Parquet files are read-only in this version/);
  assert.deepEqual(readFileSync(file), before);
});

test('a truncated or corrupt Parquet file fails with what is wrong, never per-line JSON errors', async (t) => {
  const dir = withTemp(t);
  const good = readFileSync(fixture('omni_t2i.parquet'));
  const write = (name: string, bytes: Uint8Array) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };
  await assert.rejects(
    Dataset.open(write('cut.parquet', good.subarray(0, good.length >> 1))),
    /cut\.parquet is not a valid Parquet file: the footer does not end with `PAR1` \(the file is truncated/,
  );
  const noMagic = Buffer.from(good);
  noMagic.write('XXXX', 0, 'latin1');
  await assert.rejects(
    Dataset.open(write('magic.parquet', noMagic)),
    /magic\.parquet is not a Parquet file: it does not start with `PAR1`/,
  );
  const badLength = Buffer.from(good);
  badLength.writeUInt32LE(good.length * 2, good.length - 8);
  await assert.rejects(
    Dataset.open(write('len.parquet', badLength)),
    /the footer says its metadata is \d+ bytes, but the file has only \d+ \(corrupt footer length\)/,
  );
  const badFooter = Buffer.from(good);
  const footerLength = good.readUInt32LE(good.length - 8);
  badFooter.fill(0xff, good.length - 8 - footerLength, good.length - 8 - footerLength + 64);
  await assert.rejects(
    Dataset.open(write('footer.parquet', badFooter)),
    /footer\.parquet is not a valid Parquet file: /,
  );
  await assert.rejects(
    Dataset.open(write('tiny.parquet', Buffer.from('PAR1'))),
    /4 bytes is shorter than the 12 of an empty one/,
  );

  // A damaged data page: the `prompt` column chunk of the second row group.
  const md = (await openParquetFile(fixture('omni_t2i.parquet'), good.length)).metadata;
  const chunk = md.row_groups[1].columns.find((c) => c.meta_data?.path_in_schema[0] === 'prompt')!.meta_data!;
  const start = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
  const badPage = Buffer.from(good);
  badPage.fill(0xee, start, start + Number(chunk.total_compressed_size));
  const ds = await Dataset.open(write('page.parquet', badPage)); // the footer is intact, and the first rows detect the format
  assert.equal(ds.recordCount, 10);
  const [bad] = await ds.readRecords(4, 1);
  assert.equal(bad.kind, 'error');
  assert.match(
    bad.kind === 'error' ? bad.message : '',
    /^row 5: page\.parquet: row group 2 \(rows 5–8\): column `prompt` cannot be read: /,
  );
  const s = await ds.scan();
  assert.equal(s.records, 10);
  assert.equal(s.errorCount, 4, 'one error record per row of the damaged row group');
  assert.deepEqual(s.labels, { A: 4, B: 1, tie: 1, none: 0 }, 'the other row groups still read');
});

test('a media cell without bytes or outside the file says which', async () => {
  const ds = await Dataset.open(fixture('genai_classlabel.parquet'));
  assert.deepEqual(await ds.readMedia({ kind: 'embedded', row: 0, column: 'narration' }), {
    error:
      'genai_classlabel.parquet row 1, column `narration`: expected a `{bytes, path}` media struct with bytes; found no bytes',
  });
  assert.deepEqual(await ds.readMedia({ kind: 'embedded', row: 99, column: 'left_image' }), {
    error: 'genai_classlabel.parquet row 100, column `left_image`: the file has 5 rows',
  });
  assert.deepEqual(await ds.readMedia({ kind: 'embedded', row: 0, column: 'nope' }), {
    error: 'genai_classlabel.parquet row 1, column `nope`: no such column',
  });
});

test('a row group mixing media cells with and without bytes marks each cell right', async () => {
  const src = await openSource('nested_features.parquet'); // row 2's second image has a path only
  const [row1, row2] = await src.readRows(0, 2);
  assert.ok((row1.images as unknown[]).every((x) => x instanceof EmbeddedMedia));
  const [first, second] = row2.images as unknown[];
  assert.ok(first instanceof EmbeddedMedia && first.item === 0 && first.row === 1);
  assert.deepEqual(second, { bytes: null, path: 'missing/1_1.png' });
});

test('records at scattered indices come back in the order asked; an index past the end is refused', async () => {
  const ds = await Dataset.open(fixture('omni_t2i.parquet'));
  const records = (await ds.readIndices([9, 0, 5, 1, 4])) as PreferencePair[];
  assert.deepEqual(
    records.map((r) => r.id),
    ['t2i-9', 't2i-0', 't2i-5', 't2i-1', 't2i-4'],
  );
  await assert.rejects(ds.readIndices([0, 10]), /no record 11: the file has 10 records/);
});
