// What an annotator sees after a relabel: a chosen/rejected swap reads as B in the file's order until saved, label keys
// are idempotent there, and a record keeps its "changed since open" mark after a save (auto save included).
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, test } from 'node:test';
import { Dataset, type RecordEdit } from '../../../src/core/dataset/dataset';
import { EditJournal } from '../../../src/core/dataset/editJournal';
import type { PreferencePair } from '../../../src/core/dataset/types';
import { explicitAdapter, implicitAdapter, writeTemp } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (name: string, text: string) => {
  const file = writeTemp(name, text);
  dirs.push(dirname(file));
  return file;
};

async function planned(p: Promise<RecordEdit | { error: string }>): Promise<RecordEdit> {
  const e = await p;
  if ('error' in e) assert.fail(e.error);
  return e;
}
const text = (r: PreferencePair, side: 'a' | 'b') =>
  r.kind === 'pair' && r[side].parts[0].type === 'text' ? r[side].parts[0].text : '';
const pair = async (ds: Dataset, i: number) => (await ds.readRecord(i)) as PreferencePair;

const CR = '{"chosen": "x", "rejected": "y"}\n{"chosen": "p", "rejected": "q"}\n';

test('a chosen/rejected pair relabelled B reads as B in the file order, marked swapped, until saved', async () => {
  const file = temp('cr.jsonl', CR);
  const ds = await Dataset.open(file, { adapter: implicitAdapter });
  ds.apply(await planned(ds.planLabel([0], 'B')));
  const r = await pair(ds, 0);
  assert.deepEqual([r.label, r.swapped, text(r, 'a'), text(r, 'b')], ['B', true, 'x', 'y']);
  assert.equal(ds.isEdited(0), true);
  assert.equal((await ds.scan()).labels.B, 1, 'the header counts it as B');
  await ds.save();
  assert.equal(readFileSync(file, 'utf8').split('\n')[0], '{"chosen": "y", "rejected": "x"}');
  const saved = await pair(ds, 0);
  assert.deepEqual(
    [saved.label, saved.swapped, text(saved, 'a')],
    ['A', undefined, 'y'],
    'after saving, the file order is the new one',
  );
});

test('B twice on a chosen/rejected pair changes nothing the second time; A swaps back to the original bytes', async () => {
  const file = temp('cr2.jsonl', CR);
  const ds = await Dataset.open(file, { adapter: implicitAdapter });
  ds.apply(await planned(ds.planLabel([1], 'B')));
  const again = await planned(ds.planLabel([1], 'B'));
  assert.equal(again.changes.length, 0, 'a second B is not a toggle');
  const back = await planned(ds.planLabel([1], 'A'));
  assert.equal(back.changes.length, 1);
  ds.apply(back);
  assert.equal(await ds.recordText(1), '{"chosen": "p", "rejected": "q"}');
  assert.equal(ds.isEdited(1), false);
  const r = await pair(ds, 1);
  assert.deepEqual([r.label, r.swapped], ['A', undefined]);
});

test('a saved relabel keeps its changed-since-open mark; undoing back to the opened text clears it', async () => {
  const file = temp('ex.jsonl', '{"r1":"one","r2":"two","pref":"a"}\n{"r1":"1","r2":"2","pref":"b"}\n');
  const ds = await Dataset.open(file, { adapter: explicitAdapter });
  ds.apply(await planned(ds.planLabel([0], 'B')));
  assert.deepEqual([ds.isEdited(0), ds.changedSinceOpen(0), ds.changedSinceOpen(1)], [true, true, false]);
  await ds.save(); // what auto save does a second later
  assert.deepEqual(
    [ds.isEdited(0), ds.changedSinceOpen(0)],
    [false, true],
    'saved, and still marked as changed since open',
  );
  ds.undo();
  assert.deepEqual(
    [ds.isEdited(0), ds.changedSinceOpen(0)],
    [true, false],
    'back to the opened text: unsaved again, not changed since open',
  );
});

test('a journal restored from a backup marks its edits changed since open', () => {
  const j = new EditJournal();
  j.push({ description: 'Label as B', changes: [{ index: 3, before: 'old', after: 'new' }] });
  const back = EditJournal.parseBackup(j.serialize({ size: 1, mtimeMs: 1, records: 5 }));
  assert.ok(!('error' in back));
  const restored = EditJournal.fromBackup(back);
  assert.deepEqual(
    [restored.isEdited(3), restored.changedSinceOpen(3), restored.changedSinceOpen(2)],
    [true, true, false],
  );
});
