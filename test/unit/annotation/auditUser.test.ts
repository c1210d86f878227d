import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditUser, findGit, type Exec } from '../../../src/host/annotation/auditUser';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-audit-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('git for the audit trail runs by absolute path, with -C, from a folder outside the dataset', async (t) => {
  const data = tempDir(t);
  const calls: { file: string; args: string[]; cwd: string }[] = [];
  const exec: Exec = (file, args, o, done) => {
    calls.push({ file, args, cwd: o.cwd });
    done(null, 'Ada Lovelace\n');
  };
  const who = await auditUser(path.join(data, 'pairs.jsonl'), { git: true, exec, findGit: () => '/usr/bin/git' });
  assert.equal(who, 'Ada Lovelace');
  assert.equal(calls.length, 1);
  assert.equal(calls[0].file, '/usr/bin/git');
  assert.deepEqual(calls[0].args, ['-C', data, 'config', 'user.name']);
  assert.ok(path.isAbsolute(calls[0].cwd));
  assert.notEqual(path.resolve(calls[0].cwd), path.resolve(data));
  assert.ok(!path.resolve(calls[0].cwd).startsWith(path.resolve(data) + path.sep));
});

test('a git planted in the dataset folder or a relative PATH entry is never the one found', (t) => {
  const data = tempDir(t);
  const bin = tempDir(t);
  for (const d of [data, bin]) {
    fs.writeFileSync(path.join(d, 'git'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(d, 'git.exe'), 'MZ');
  }
  const rel = path.relative(process.cwd(), data);
  assert.equal(findGit({ PATH: ['.', rel, '', bin].join(path.delimiter) }, 'linux'), path.join(bin, 'git'));
  assert.equal(findGit({ Path: ['.', rel, bin].join(';') }, 'win32'), path.join(bin, 'git.exe'));
  assert.equal(findGit({ PATH: ['.', rel].join(path.delimiter) }, 'linux'), undefined);
});

test('no git (or Restricted Mode) means the OS user, and nothing runs', async (t) => {
  const data = tempDir(t);
  let ran = 0;
  const exec: Exec = (_f, _a, _o, done) => {
    ran++;
    done(null, 'x');
  };
  const me = os.userInfo().username;
  assert.equal(await auditUser(path.join(data, 'a.jsonl'), { git: false, exec }), me);
  assert.equal(await auditUser(path.join(data, 'b', 'a.jsonl'), { git: true, exec, findGit: () => undefined }), me);
  assert.equal(ran, 0);
});
