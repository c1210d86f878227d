// `reward-lens score FILE --judge BASE_URL --judge-model NAME [--ties] [--swap] …` as issue 12's CLI contract
// gives it, against the local Chat Completions server; `eval` reads the judge run it writes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer, type ChatBody } from './openaiTestServer';

const ROOT = path.resolve(__dirname, '../../../..');
const exec = promisify(execFile);

/** The CLI, asynchronously: the test server answers from this process. */
function cli(args: string[], env: Record<string, string> = {}) {
  return exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, REWARD_LENS_API_KEY: '', OPENAI_API_KEY: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const shownA = (b: ChatBody) =>
  /\[\[RESPONSE A\]\]\n([\s\S]*?)\n\[\[END OF RESPONSE A\]\]/.exec(b.messages[1].content as string)?.[1] ?? '';

test('score --judge --ties --swap writes verdict, rationale, verdict_swapped and consistent; eval reads it three-way', async () => {
  // Prefers "good"; says tie when both are "same"; always [[A]] on "biased" pairs.
  const server = await startTestServer({
    apiKey: 'sk-cli-secret',
    answer: (b) => {
      const a = shownA(b);
      const text = b.messages[1].content as string;
      if (text.includes('biased')) return 'First. [[A]]';
      if (a === 'same') return 'No difference. [[C]]';
      return a.includes('good') ? 'A is right. [[A]]' : 'B is right. [[B]]';
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-cli-judge-'));
  try {
    const file = path.join(dir, 'text_to_text_preferences.jsonl');
    const recs = [
      { id: 'r1', prompt: 'q1', response1: 'good', response2: 'bad', criteria: 'c', criteria_preference: 'response1' },
      { id: 'r2', prompt: 'q2', response1: 'bad', response2: 'good', criteria: 'c', criteria_preference: 'response2' },
      { id: 'r3', prompt: 'q3', response1: 'same', response2: 'same', criteria: 'c', criteria_preference: 'tie' },
      { id: 'r4', prompt: 'biased', response1: 'x', response2: 'y', criteria: 'c', criteria_preference: 'response1' },
    ];
    fs.writeFileSync(file, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = path.join(dir, 'run.jsonl');
    const { stdout } = await cli(
      [
        'score',
        file,
        '--judge',
        server.baseURL,
        '--judge-model',
        'judge-1',
        '--ties',
        '--swap',
        '--concurrency',
        '2',
        '--max-attempts',
        '2',
        '--out',
        out,
      ],
      { REWARD_LENS_API_KEY: 'sk-cli-secret' },
    );
    assert.match(stdout, /4\/4 records \(4 judged, 0 reused, 0 errors, 1 inconsistent\)/);
    assert.equal(server.chats.length, 8);
    assert.ok(server.maxInFlight <= 2);
    const text = fs.readFileSync(out, 'utf8');
    assert.doesNotMatch(text, /sk-cli-secret/);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'header');
    const byId = Object.fromEntries(lines.slice(1).map((e) => [e.id, e]));
    assert.deepEqual(
      ['r1', 'r2', 'r3', 'r4'].map((id) => [
        byId[id].line,
        byId[id].verdict,
        byId[id].verdict_swapped,
        byId[id].consistent,
      ]),
      [
        [1, 'A', 'A', true],
        [2, 'B', 'B', true],
        [3, 'tie', 'tie', true],
        [4, 'tie', 'B', false],
      ],
    );
    assert.equal(byId.r1.rationale, 'A is right. [[A]]');
    const evald = JSON.parse((await cli(['eval', file, '--run', out, '--json'])).stdout);
    // With ties r1–r3 are right and r4 (an inconsistent tie on an A pair) wrong; without ties r3 leaves the count.
    assert.equal(evald.tasks.T2T.correct_with_ties, 3);
    assert.equal(evald.tasks.T2T.n, 4);
    const again = await cli(
      ['score', file, '--judge', server.baseURL, '--judge-model', 'judge-1', '--ties', '--swap', '--out', out],
      { OPENAI_API_KEY: 'sk-cli-secret' },
    );
    assert.match(again.stdout, /\(0 judged, 4 reused, 0 errors/);
    assert.equal(server.chats.length, 8, 'a re-run asks nothing');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('score --judge with a refused key exits 1 naming the server, and never prints the key', async () => {
  const server = await startTestServer({ apiKey: 'sk-right', answer: () => '[[A]]' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-cli-judge-'));
  try {
    const file = path.join(dir, 'pairs.jsonl');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'r1',
        prompt: 'q',
        response1: 'a',
        response2: 'b',
        criteria: 'c',
        criteria_preference: 'response1',
      }) + '\n',
    );
    await assert.rejects(
      cli(
        ['score', file, '--judge', server.baseURL, '--judge-model', 'judge-1', '--out', path.join(dir, 'run.jsonl')],
        { REWARD_LENS_API_KEY: 'sk-wrong-key' },
      ),
      (e: { code: number; stderr: string }) =>
        e.code === 1 &&
        e.stderr.includes(`${server.baseURL} (model judge-1) refused the API key (HTTP 401`) &&
        !e.stderr.includes('sk-wrong-key'),
    );
    await assert.rejects(
      cli(['score', file, '--judge', server.baseURL, '--out', 'x.jsonl']),
      (e: { code: number; stderr: string }) => e.code === 2 && /--judge-model NAME is required/.test(e.stderr),
    );
    await assert.rejects(
      cli(['score', file, '--model', 'length', '--swap']),
      (e: { code: number; stderr: string }) => e.code === 2 && /--swap needs --judge BASE_URL/.test(e.stderr),
    );
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
