// `reward-lens score` reproduces the text fixtures' reference scores from the untouched ../shared/fixtures folders.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseRun } from '../../../src/core/scoring/run';
import { tempDir } from '../tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const SHARED = path.resolve(ROOT, '../shared/fixtures');

function sharedFixture(name: string): string {
  const dir = path.join(SHARED, name);
  if (!fs.existsSync(path.join(dir, 'reference.json')))
    throw new Error(`${dir} is missing: the repository expects ../shared (with fixtures/${name}) beside it, as in CI`);
  return dir;
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

for (const name of ['text-rm-deberta', 'text-rm-llama']) {
  test(`the CLI scores an Omni-RewardBench file with ${name} to the reference${name === 'text-rm-deberta' ? ', and a re-run scores nothing' : ''}`, () => {
    const model = sharedFixture(name);
    const rows: { criteria: string; prompt: string; response: string; onnx_score: number }[] = JSON.parse(
      fs.readFileSync(path.join(model, 'reference.json'), 'utf8'),
    ).rows;
    const dir = tempDir('rl-cli-');
    const data = path.join(dir, 'text_to_text_preferences.jsonl');
    // One record per reference row; both responses are the row's, so both scores must equal its reference.
    const records = rows.map((r, i) => ({
      id: `r${i}`,
      prompt: r.prompt,
      response1: r.response,
      response2: r.response,
      model1: 'x',
      model2: 'y',
      criteria: r.criteria,
      criteria_preference: 'response1',
    }));
    fs.writeFileSync(data, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = path.join(dir, 'run.jsonl');
    const summary = cli(['score', data, '--model', model, '--out', out, '--no-cache', '--batch-size', '3']);
    assert.match(
      summary,
      new RegExp(`${rows.length}/${rows.length} records \\(${rows.length} scored, 0 reused, 0 errors\\)`),
    );
    const run = parseRun(fs.readFileSync(out, 'utf8'));
    assert.equal(run.header.model.path, model);
    assert.equal(run.entries.size, rows.length);
    rows.forEach((r, i) => {
      const e = run.entries.get(i)!;
      assert.ok(Math.abs(e.score_a! - r.onnx_score) < 1e-4, `row ${i}: ${e.score_a} vs ${r.onnx_score}`);
      assert.ok(Math.abs(e.score_b! - r.onnx_score) < 1e-4, `row ${i} (B)`);
    });
    if (name === 'text-rm-deberta') {
      const again = cli(['score', data, '--model', model, '--out', out, '--no-cache']);
      assert.match(again, /\(0 scored, 7 reused, 0 errors\)/);
    }
  });
}

test('the CLI names the missing file when a model folder cannot load', () => {
  const dir = tempDir('rl-cli-bad-');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ architectures: ['BertForMaskedLM'] }));
  const data = path.join(dir, 'd.jsonl');
  fs.writeFileSync(
    data,
    JSON.stringify({ prompt: 'p', response1: 'a', response2: 'b', criteria: '', criteria_preference: 'tie', id: '1' }) +
      '\n',
  );
  assert.throws(
    () => cli(['score', data, '--model', dir, '--out', path.join(dir, 'run.jsonl'), '--no-cache']),
    (e: { status: number; stderr: string }) =>
      e.status === 1 && /config\.json: architecture `BertForMaskedLM` is not a reward model/.test(e.stderr),
  );
});
