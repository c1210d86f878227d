import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { Dataset, type RecordEdit } from '../../../src/core/dataset/dataset';
import { explicitAdapter, tempDir, writeTemp } from '../dataset/helpers';

const rec = (id: string, pref: string) => `{"id":"${id}","q":"p","r1":"one","r2":"two","pref":"${pref}"}`;
const open = (file: string) => Dataset.open(file, { adapter: explicitAdapter });

async function planned(p: Promise<RecordEdit | { error: string }>): Promise<RecordEdit> {
  const e = await p;
  if ('error' in e) assert.fail(e.error);
  return e;
}

test('after relabelling one pair and saving, git diff shows exactly that one value', async () => {
  const dir = tempDir();
  const file = writeTemp('bench.jsonl', [rec('a', 'a'), rec('b', 'b'), rec('c', 'tie')].join('\r\n') + '\r\n', dir);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'core.autocrlf=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  git('init', '-q');
  git('add', 'bench.jsonl');
  git('commit', '-q', '-m', 'start');
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'A')));
  await ds.save();
  assert.equal(git('diff', '--numstat').trim(), '1\t1\tbench.jsonl', 'one line changed');
  const words = git('diff', '--word-diff=porcelain', '--word-diff-regex=[^",:{}]+', '-U0')
    .split('\n')
    .filter((l) => /^[-+][^-+]/.test(l));
  assert.deepEqual(words, ['-b', '+a'], 'the only changed word is the label value');
});

test('"keep my edits" over a file another tool changed: save writes our record and keeps theirs', async () => {
  const file = writeTemp('rebase.jsonl', [rec('a', 'a'), rec('b', 'b'), rec('c', 'a')].join('\n') + '\n');
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'A')));
  // another tool relabels record c (same length, new mtime)
  writeFileSync(file, [rec('a', 'a'), rec('b', 'b'), rec('c', 'b')].join('\n') + '\n');
  assert.equal(await ds.changedOnDisk(), true);
  await assert.rejects(ds.save(), /changed on disk/, 'a plain save still refuses');
  assert.equal(await ds.rebaseOntoDisk(), undefined);
  assert.equal(ds.isDirty, true);
  assert.equal(ds.isEdited(1), true);
  const theirs = await ds.readRecord(2);
  assert.equal(theirs.kind === 'pair' && theirs.label, 'B', 'reads show their change');
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), [rec('a', 'a'), rec('b', 'a'), rec('c', 'b')].join('\n') + '\n');
  assert.equal(await ds.changedOnDisk(), false);
  ds.undo();
  assert.equal(
    ds.isDirty,
    true,
    'undo after the rebase goes back to our original text, which the file no longer holds',
  );
});

test('"keep my edits" when the other tool changed the same record: our version wins on save', async () => {
  const file = writeTemp('same.jsonl', [rec('a', 'a'), rec('b', 'b')].join('\n'));
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'A')));
  writeFileSync(file, [rec('a', 'a'), rec('b', 'tie')].join('\n'));
  assert.equal(await ds.rebaseOntoDisk(), undefined);
  await ds.save();
  assert.equal(readFileSync(file, 'utf8'), [rec('a', 'a'), rec('b', 'a')].join('\n'));
});

test('refuses to place edits when records were added or moved, and changes nothing', async () => {
  const text = [rec('a', 'a'), rec('b', 'b')].join('\n');
  const file = writeTemp('moved.jsonl', text);
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([1], 'A')));
  writeFileSync(file, [rec('x', 'a'), rec('a', 'a'), rec('b', 'b')].join('\n'));
  assert.match((await ds.rebaseOntoDisk())?.error ?? '', /now has 3 records on disk, not 2/);
  writeFileSync(file, [rec('b', 'b'), rec('a', 'a')].join('\n'));
  assert.match((await ds.rebaseOntoDisk())?.error ?? '', /the record at line 2 is now `a`, not `b`/);
  assert.equal(ds.isEdited(1), true, 'the edit is still in the editor');
  assert.equal(ds.isDirty, true);
});

test('a backup with a bulk edit and an undone edit restores both, and undo reverts the bulk edit in one step', async () => {
  const file = writeTemp('bk.jsonl', [rec('a', 'a'), rec('b', 'b'), rec('c', 'a')].join('\n'));
  const ds = await open(file);
  ds.apply(await planned(ds.planLabel([0, 1, 2], 'tie')));
  ds.apply(await planned(ds.planCriterion(1, 'be brief')));
  ds.undo();
  const again = await open(file);
  assert.equal(await again.restoreBackup(ds.backup()), undefined);
  assert.deepEqual(
    [0, 1, 2].map((i) => again.isEdited(i)),
    [true, true, true],
  );
  assert.equal(again.canRedo, true);
  again.redo();
  const r1 = await again.readRecord(1);
  assert.equal(r1.kind === 'pair' && r1.criterion, 'be brief');
  again.undo();
  again.undo();
  assert.equal(again.isDirty, false);
  assert.equal(again.editedCount, 0);
});
