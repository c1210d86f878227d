import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  beforeSave,
  conflictMessage,
  onDiskChange,
  overwriteMessage,
  type DiskFacts,
} from '../../../src/core/annotation/diskConflict';

const facts = (f: Partial<DiskFacts>): DiskFacts => ({
  exists: true,
  changed: true,
  dirty: false,
  keptEdits: false,
  saving: false,
  ...f,
});

test('a change with no unsaved edits reloads silently', () => {
  assert.equal(onDiskChange(facts({})), 'reload');
});

test('a change under unsaved edits asks, once: after "Keep my edits" later events are ignored', () => {
  assert.equal(onDiskChange(facts({ dirty: true })), 'ask');
  assert.equal(onDiskChange(facts({ dirty: true, keptEdits: true })), 'ignore');
});

test('our own save and an event without a real change are ignored', () => {
  assert.equal(onDiskChange(facts({ dirty: true, saving: true })), 'ignore');
  assert.equal(onDiskChange(facts({ dirty: true, changed: false })), 'ignore');
});

test('a deleted file is reported, never reloaded', () => {
  assert.equal(onDiskChange(facts({ exists: false, dirty: true })), 'deleted');
});

test('save goes ahead on an unchanged file, asks on a changed one, and confirms the overwrite once edits were kept', () => {
  assert.equal(beforeSave({ exists: true, changed: false, keptEdits: false }), 'save');
  assert.equal(beforeSave({ exists: true, changed: true, keptEdits: false }), 'ask');
  assert.equal(beforeSave({ exists: true, changed: true, keptEdits: true }), 'confirm-overwrite');
  assert.equal(beforeSave({ exists: false, changed: true, keptEdits: true }), 'deleted');
});

test('the prompts name the file and how much is at stake', () => {
  assert.match(conflictMessage('a.jsonl', 1), /^a\.jsonl changed on disk while you have an unsaved edit\./);
  assert.match(conflictMessage('a.jsonl', 1200), /unsaved edits to 1,200 records/);
  assert.match(
    overwriteMessage('a.jsonl', 3),
    /Save your version of the 3 records you edited over it\? The rest of the file stays as it is on disk now\./,
  );
});
