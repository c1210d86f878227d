// `reward-lens eval` and `compare` end to end through tsx: a hand-made benchmark, two hand-made runs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../tempDir';

const ROOT = resolve(__dirname, '../../..');
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' } },
      (err, stdout, stderr) => done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const dir = tempDir('rl-eval-');
const rec = (id: string, task: string, pref: string) =>
  JSON.stringify({
    id,
    task,
    prompt: 'Q',
    response1: 'one',
    response2: 'two',
    model1: 'm1',
    model2: 'm2',
    criteria: 'c',
    criteria_preference: pref,
  });
// T2T: A, A, B, tie; T2I: A, B.
const FILE = join(dir, 'bench.jsonl');
writeFileSync(
  FILE,
  [
    rec('t1', 'T2T', 'response1'),
    rec('t2', 'T2T', 'response1'),
    rec('t3', 'T2T', 'response2'),
    rec('t4', 'T2T', 'tie'),
    rec('i1', 'T2I', 'response1'),
    rec('i2', 'T2I', 'response2'),
  ].join('\n') + '\n',
);
const run = (name: string, margins: (number | null)[]) => {
  const file = join(dir, `${name}.jsonl`);
  const header = {
    type: 'header',
    version: 1,
    model: { id: name, kind: 'test' },
    dataset: { path: FILE },
    created: '2026-01-01T00:00:00Z',
  };
  const entries = margins.map((m, index) =>
    m === null
      ? { index, line: index + 1, id: `r${index}`, error: 'bad image' }
      : { index, line: index + 1, id: `r${index}`, score_a: m, score_b: 0 },
  );
  writeFileSync(file, [header, ...entries].map((x) => JSON.stringify(x)).join('\n') + '\n');
  return file;
};
// Model A: T2T margins 2 ✓, 0.1 ✓ (but a tie at ε=0.2), −1 ✓, 0.2 (tie label); T2I 1 ✓, 1 ✗.
const RUN_A = run('model-a', [2, 0.1, -1, 0.2, 1, 1]);
// Model B: T2T −2 ✗, 3 ✓, 1 ✗, 5; T2I −1 ✗, −1 ✓.
const RUN_B = run('model-b', [-2, 3, 1, 5, -1, -1]);

test('eval --json reports the paper protocol per task and the mean over tasks', async () => {
  const r = await cli('eval', FILE, '--run', RUN_A, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  // T2T: ε=0.2 makes the tie right and turns the 0.1 A into a tie: 3/4 either way; smallest ε wins → ε = 0 gives 3/4 too.
  assert.equal(out.tasks.T2T.epsilon, 0);
  assert.equal(out.tasks.T2T.with_ties, 3 / 4);
  assert.equal(out.tasks.T2T.without_ties, 1);
  assert.equal(out.tasks.T2T.n, 4);
  assert.equal(out.tasks.T2I.with_ties, 1 / 2);
  assert.equal(out.overall.with_ties, (3 / 4 + 1 / 2) / 2);
  assert.equal(out.overall.without_ties, (1 + 1 / 2) / 2);
});

test('eval --epsilon fixes the tie threshold for every task', async () => {
  const out = JSON.parse((await cli('eval', FILE, '--run', RUN_A, '--json', '--epsilon', '0.15')).stdout);
  // |0.1| ≤ 0.15 → tie (wrong, label A); 0.2 > 0.15 → A (wrong, label tie).
  assert.equal(out.tasks.T2T.with_ties, 2 / 4);
  assert.equal(out.tasks.T2T.epsilon, 0.15);
});

test('eval prints a Markdown table and a CSV table', async () => {
  const md = await cli('eval', FILE, '--run', RUN_A);
  assert.match(md.stdout, /\| T2T \| 75\.00 \(3\/4\) \| 100\.00 \(3\/3\) \|/);
  const csv = await cli('eval', FILE, '--run', RUN_A, '--csv');
  assert.match(csv.stdout, /^group,name,with_ties,/);
  assert.match(csv.stdout, /\ntask,T2T,0\.75,3,4,1,3,3,/);
});

test('compare --json gives McNemar b, c and p on pairs without ties', async () => {
  const r = await cli('compare', FILE, '--run', RUN_A, '--run', RUN_B, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  // Non-tie pairs: t1 A✓B✗, t2 A✓B✓, t3 A✓B✗, i1 A✓B✗, i2 A✗B✓ → b = 3, c = 1; p = 2·P(X≤1 | n=4) = 2·5/16.
  assert.equal(out.mcnemar.b, 3);
  assert.equal(out.mcnemar.c, 1);
  assert.equal(out.mcnemar.p_value, 0.625);
  assert.equal(out.tasks.T2T.mcnemar.b, 2);
  assert.equal(out.tasks.T2I.mcnemar.c, 1);
});

test('runs made elsewhere import by id, and bad flags are usage errors', async () => {
  const preds = join(dir, 'judge.jsonl');
  writeFileSync(
    preds,
    ['t1', 't2', 't3', 't4', 'i1', 'i2']
      .map((id, k) => JSON.stringify({ id, output: k % 2 ? '[[B]]' : '[[A]]' }))
      .join('\n'),
  );
  const out = JSON.parse((await cli('eval', FILE, '--run', preds, '--json')).stdout);
  // Verdicts A B A B A B vs labels A A B tie A B: T2T 1/4, T2I 2/2.
  assert.equal(out.tasks.T2T.with_ties, 1 / 4);
  assert.equal(out.tasks.T2I.with_ties, 1);
  assert.equal((await cli('eval', FILE)).code, 2);
  assert.equal((await cli('compare', FILE, '--run', RUN_A)).code, 2);
  assert.equal((await cli('eval', FILE, '--run', RUN_A, '--epsilon', '-1')).code, 2);
});
