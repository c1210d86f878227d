import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditJournal, type RecordEdit } from '../../../src/core/dataset/editJournal';

const edit = (index: number, before: string, after: string): RecordEdit => ({
  description: 'e',
  changes: [{ index, before, after }],
});

test('undo and redo move the current texts back and forth', () => {
  const j = new EditJournal();
  j.push(edit(3, 'x', 'y'));
  j.push(edit(3, 'y', 'z'));
  assert.equal(j.textOf(3), 'z');
  j.undo();
  assert.equal(j.textOf(3), 'y');
  j.undo();
  assert.equal(j.textOf(3), 'x');
  assert.equal(j.canUndo, false);
  j.redo();
  assert.equal(j.textOf(3), 'y');
  assert.equal(j.textOf(4), undefined);
});

test('is dirty away from the save point and clean back on it', () => {
  const j = new EditJournal();
  assert.equal(j.isDirty, false);
  j.push(edit(0, 'a', 'b'));
  assert.equal(j.isDirty, true);
  j.markSaved(j.pending());
  assert.equal(j.isDirty, false);
  j.push(edit(0, 'b', 'c'));
  assert.equal(j.isDirty, true);
  j.undo();
  assert.equal(j.isDirty, false);
  j.undo();
  assert.equal(j.isDirty, true);
  assert.deepEqual(
    j.pending().records,
    [{ index: 0, text: 'a' }],
    'undo past the save point must write the old text back',
  );
});

test('a new edit after undo drops the redo branch and makes an unreachable save point dirty for good', () => {
  const j = new EditJournal();
  j.push(edit(0, 'a', 'b'));
  j.markSaved(j.pending());
  j.undo();
  j.push(edit(1, 'p', 'q'));
  assert.equal(j.canRedo, false);
  assert.equal(j.isDirty, true);
  j.undo();
  assert.equal(j.isDirty, true, 'the saved state (record 0 = b) is no longer reachable');
  assert.deepEqual(j.pending().records, [{ index: 0, text: 'a' }]);
});

test('a bulk edit is one undo step over many records', () => {
  const j = new EditJournal();
  j.push({
    description: 'bulk',
    changes: [
      { index: 1, before: 'a', after: 'A' },
      { index: 5, before: 'b', after: 'B' },
    ],
  });
  assert.deepEqual(
    j.pending().records.map((r) => r.index),
    [1, 5],
  );
  j.undo();
  assert.equal(j.textOf(1), 'a');
  assert.equal(j.textOf(5), 'b');
  assert.deepEqual(j.pending().records, []);
});

test('edits pushed while a save is in flight stay unsaved', () => {
  const j = new EditJournal();
  j.push(edit(0, 'a', 'b'));
  const snap = j.pending();
  j.push(edit(1, 'c', 'd'));
  j.markSaved(snap);
  assert.equal(j.isDirty, true);
  assert.deepEqual(j.pending().records, [{ index: 1, text: 'd' }]);
});

test('a backup restores texts, position and save point, undo included', () => {
  const j = new EditJournal();
  j.push(edit(0, 'a', 'b'));
  j.markSaved(j.pending());
  j.push(edit(0, 'b', 'c'));
  j.push(edit(2, 'x', 'y'));
  j.undo();
  const backup = EditJournal.parseBackup(j.serialize({ size: 10, mtimeMs: 1, records: 3 }));
  assert.ok(!('error' in backup));
  const r = EditJournal.fromBackup(backup);
  assert.equal(r.textOf(0), 'c');
  assert.equal(r.textOf(2), 'x');
  assert.equal(r.isDirty, true);
  assert.equal(r.canRedo, true);
  r.redo();
  assert.equal(r.textOf(2), 'y');
  r.undo();
  r.undo();
  assert.equal(r.isDirty, false);
  assert.equal(r.textOf(0), 'b');
  assert.deepEqual(r.pending().records, []);
});

test('rejects a backup that is not a journal', () => {
  assert.deepEqual(EditJournal.parseBackup('nope'), { error: 'the backup is not valid JSON' });
  assert.deepEqual(EditJournal.parseBackup('{"version":2}'), {
    error: 'the backup is not a Reward Lens edit journal (version 1)',
  });
});
