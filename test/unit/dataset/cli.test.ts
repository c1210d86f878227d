// The CLI on the dataset core, run as a user would (through tsx, so the test needs no build).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir, writeTemp } from './helpers';

const ROOT = resolve(__dirname, '../../..');
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, ORT_DISABLE_TELEMETRY: '1' };
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args],
      { cwd: ROOT, env },
      (err, stdout, stderr) => {
        done({ code: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

const omni = (pref: string, extra = '') =>
  `{"prompt": "Q", "response1": "one", "response2": "two", "model1": "m1", "model2": "m2", "criteria": "be brief", "criteria_preference": "${pref}", "id": "x"${extra}}`;
const OMNI_JSONL = `${omni('response1')}\r\n${omni('response2')}\r\n\r\n${omni('tie', ', "unknown": {"keep": [1, 2]}')}\r\n{"prompt": "broken",\r\n${omni('response1')}`;

test('inspect --json prints format, records, errors with lines, labels and tasks', async () => {
  const file = writeTemp('text_to_text_preferences.jsonl', OMNI_JSONL);
  const r = await cli('inspect', file, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.format, 'omni-rewardbench');
  assert.equal(out.records, 5);
  assert.equal(out.errors.length, 1);
  assert.equal(out.errors[0].line, 5);
  assert.match(out.errors[0].message, /^line 5, column \d+: not valid JSON/);
  assert.deepEqual(out.labels, { A: 2, B: 1, tie: 1, none: 0 });
  assert.deepEqual(out.tasks, { T2T: 4 });
});

test('inspect without --json prints a readable summary; --strict fails on errors', async () => {
  const file = writeTemp('text_to_text_preferences.jsonl', OMNI_JSONL);
  const r = await cli('inspect', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /format {3}Omni-RewardBench \(omni-rewardbench, confidence 1\.00\)/);
  assert.match(r.stdout, /records {2}5/);
  assert.match(r.stdout, /labels {3}A 2 · B 1 · tie 1 · none 0/);
  assert.match(r.stdout, /line 5, column/);
  assert.equal((await cli('inspect', file, '--strict')).code, 1);
});

test('label --line rewrites only the label value and keeps every other byte', async () => {
  const file = writeTemp('t.jsonl', OMNI_JSONL);
  const before = readFileSync(file);
  const r = await cli('label', file, '--line', '4', '--set', 'B');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /line 4 labelled B/);
  const expected = Buffer.from(
    OMNI_JSONL.replace('"criteria_preference": "tie"', '"criteria_preference": "response2"'),
  );
  assert.notDeepEqual(before, expected);
  assert.ok(readFileSync(file).equals(expected));
});

test('label --element and criteria --element edit a pretty-printed JSON array in place', async () => {
  const text = `[\n  {\n    "prompt": "Q",\n    "response1": "a",\n    "response2": "b",\n    "criteria": "old",\n    "criteria_preference": "response1"\n  },\n  ${omni('tie')}\n]\n`;
  const file = writeTemp('arr.json', text);
  assert.equal((await cli('label', file, '--element', '1', '--set', 'tie')).code, 0);
  const r = await cli('criteria', file, '--element', '2', '--set', 'naïve "quoted" \\ ✓');
  assert.equal(r.code, 0, r.stderr);
  const expected = text
    .replace('"criteria_preference": "response1"', '"criteria_preference": "tie"')
    .replace('"criteria": "be brief"', '"criteria": "naïve \\"quoted\\" \\\\ ✓"');
  assert.ok(readFileSync(file).equals(Buffer.from(expected)), readFileSync(file, 'utf8'));
});

test('refuses an error record, a missing record, the wrong flag and an inexpressible label, leaving the file untouched', async () => {
  const dir = tempDir();
  const file = writeTemp('t.jsonl', OMNI_JSONL, dir);
  const bench = writeTemp(
    'rb.jsonl',
    '{"prompt": "p", "chosen": "c", "chosen_model": "m", "rejected": "r", "rejected_model": "n", "subset": "s", "id": 1}\n',
    dir,
  );
  const cases: [string[], RegExp][] = [
    [['label', file, '--line', '5', '--set', 'A'], /cannot edit an error record: line 5/],
    [['label', file, '--line', '3', '--set', 'A'], /no record starts on line 3/],
    [['label', file, '--line', '99', '--set', 'A'], /no record starts on line 99/],
    [['label', file, '--element', '1', '--set', 'A'], /is JSON Lines: name the record with --line N/],
    [['label', bench, '--line', '1', '--set', 'tie'], /tie/i],
    [['criteria', bench, '--line', '1', '--set', 'x'], /criteri/i],
  ];
  const before = [readFileSync(file), readFileSync(bench)];
  const results = await Promise.all(cases.map(([args]) => cli(...args)));
  for (const [k, [args, message]] of cases.entries()) {
    const r = results[k];
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /the file is unchanged/);
    assert.equal(r.stdout, '');
  }
  assert.ok(readFileSync(file).equals(before[0]) && readFileSync(bench).equals(before[1]));
  assert.deepEqual(readdirSync(dirname(file)).sort(), ['rb.jsonl', 't.jsonl']);
});

test('relabelling a chosen/rejected record swaps the responses (and their models) and nothing else', async () => {
  const line =
    '{"prompt": "p", "chosen": "c \\u00e9", "chosen_model": "m", "rejected": "r", "rejected_model": "n", "subset": "s", "id": 1}';
  const file = writeTemp('rb.jsonl', `${line}\n`);
  const r = await cli('label', file, '--line', '1', '--set', 'B');
  assert.equal(r.code, 0, r.stderr);
  const swapped =
    '{"prompt": "p", "chosen": "r", "chosen_model": "n", "rejected": "c \\u00e9", "rejected_model": "m", "subset": "s", "id": 1}';
  assert.equal(readFileSync(file, 'utf8'), `${swapped}\n`);
});

test('usage errors exit 2 with the usage text', async () => {
  const r = await cli('label', 'x.jsonl', '--line', '1', '--set', 'C');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--set takes A, B or tie; got 'C'/);
  assert.match(r.stderr, /usage: reward-lens label/);
  assert.equal((await cli('label', 'x.jsonl', '--line', '0', '--set', 'A')).code, 2);
  assert.equal((await cli('inspect')).code, 2);
});
