// A generative judge over the Chat Completions API, end to end against the local schema-following server:
// the requests it sends, the run it writes, swap, re-asks, retries, errors, concurrency, cancel and resume.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Dataset } from '../../../../src/core/dataset/dataset';
import { judgeDataset } from '../../../../src/core/scoring/judge/judgeDataset';
import { createOpenAIJudge, type OpenAIJudgeOptions } from '../../../../src/core/scoring/judge/openaiJudge';
import { JudgeFatalError } from '../../../../src/core/scoring/judge/pairJudge';
import { parseRun } from '../../../../src/core/scoring/run';
import { datasetPairSource } from '../../../../src/core/scoring/scoreDataset';
import { startTestServer, type ChatBody, type Reply, type TestServer } from './openaiTestServer';

const dirs: string[] = [];
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function t2t(id: string, r1: string, r2: string, label = 'response1') {
  return {
    id,
    task: 'T2T',
    prompt: `question ${id}`,
    response1: r1,
    response2: r2,
    criteria: `criterion of ${id}`,
    criteria_preference: label,
  };
}

/** A dataset folder with the given records (JSONL) and a PNG beside it. */
function dataset(records: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-judge-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'pic.png'), PNG);
  const file = path.join(dir, 'pairs.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

async function server(
  answer: (body: ChatBody, n: number) => Reply,
  extra: Partial<Parameters<typeof startTestServer>[0]> = {},
) {
  const s = await startTestServer({ answer, ...extra });
  servers.push(s);
  return s;
}

/** The text the judge was shown, whatever the content shape. */
const userText = (b: ChatBody) => {
  const c = b.messages[1].content;
  return typeof c === 'string'
    ? c
    : c
        .filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join('');
};
/** The response shown first ("Response A") in a request. */
const shownA = (b: ChatBody) =>
  /\[\[RESPONSE A\]\]\n([\s\S]*?)\n\[\[END OF RESPONSE A\]\]/.exec(userText(b))?.[1] ?? '';

/** A judge that prefers the response containing "good", whichever position it is shown in. */
const fairJudge = (b: ChatBody): Reply =>
  shownA(b).includes('good') ? 'Response A follows the criterion. [[A]]' : 'Response B follows the criterion. [[B]]';

async function judgeFile(
  file: string,
  s: TestServer,
  o: Partial<OpenAIJudgeOptions> & {
    swap?: boolean;
    concurrency?: number;
    signal?: AbortSignal;
    runFile?: string;
  } = {},
) {
  const ds = await Dataset.open(file);
  const judge = createOpenAIJudge({
    baseURL: s.baseURL,
    model: 'judge-1',
    ties: false,
    fileDir: path.dirname(file),
    maxRetries: 2,
    timeoutMs: 10_000,
    ...o,
  });
  const runFile = o.runFile ?? path.join(path.dirname(file), 'run.jsonl');
  const res = await judgeDataset({
    source: datasetPairSource(ds),
    judge,
    runFile,
    swap: o.swap ?? false,
    concurrency: o.concurrency,
    model: 'judge-1',
    signal: o.signal,
  });
  return { res, run: parseRun(fs.readFileSync(runFile, 'utf8')), text: fs.readFileSync(runFile, 'utf8') };
}

test("sends Omni-Reward's text-to-text prompt with the criterion, and writes verdict and rationale per pair", async () => {
  const s = await server(fairJudge);
  const file = dataset([t2t('p1', 'a good answer', 'a bad answer'), t2t('p2', 'meh', 'good one', 'response2')]);
  const { res, run } = await judgeFile(file, s, { apiKey: 'sk-secret-123' });
  assert.equal(res.scored, 2);
  assert.equal(s.chats.length, 2);
  const req = s.chats.find((c) => userText(c).includes('question p1'))!;
  assert.equal(req.model, 'judge-1');
  assert.equal(req.messages[0].role, 'system');
  assert.match(req.messages[0].content as string, /according to the following criteria:\n\ncriterion of p1\n\n/);
  assert.match(
    req.messages[0].content as string,
    /\\"\[\[A\]\]\\" if response A is better, \\"\[\[B\]\]\\" if response B is better\.\n$/,
  );
  assert.doesNotMatch(req.messages[0].content as string, /\[\[C\]\]/);
  assert.equal(
    userText(req),
    '\n[[PROMPT]]\nquestion p1\n[[END OF PROMPT]]\n[[RESPONSE A]]\na good answer\n[[END OF RESPONSE A]]\n[[RESPONSE B]]\na bad answer\n[[END OF RESPONSE B]]\n',
  );
  assert.equal(typeof req.messages[1].content, 'string', 'a text-only turn is a plain string');
  assert.equal(s.requests[0].headers.authorization, 'Bearer sk-secret-123');
  assert.equal(run.header.model.kind, 'openai-judge');
  assert.equal(run.header.judge?.model, 'judge-1');
  assert.deepEqual(
    [...run.entries.values()].sort((a, b) => a.index - b.index).map((e) => [e.line, e.id, e.verdict, e.rationale]),
    [
      [1, 'p1', 'A', 'Response A follows the criterion. [[A]]'],
      [2, 'p2', 'B', 'Response B follows the criterion. [[B]]'],
    ],
  );
  assert.doesNotMatch(fs.readFileSync(res.runFile, 'utf8'), /sk-secret-123/, 'the key is never written to the run');
});

test('with swap each pair is asked in both orders; a position-biased answer is recorded as inconsistent and becomes a tie', async () => {
  // Fair on p1; always says [[A]] on p2 (first-position bias).
  const s = await server((b) => (userText(b).includes('question p2') ? 'The first one. [[A]]' : fairJudge(b)));
  const file = dataset([t2t('p1', 'good', 'bad'), t2t('p2', 'good', 'bad')]);
  const { run, res } = await judgeFile(file, s, { swap: true });
  assert.equal(s.chats.length, 4);
  const p2 = s.chats
    .filter((c) => userText(c).includes('question p2'))
    .map(shownA)
    .sort();
  assert.deepEqual(p2, ['bad', 'good'], 'the swapped request shows B first');
  const e1 = run.entries.get(0)!,
    e2 = run.entries.get(1)!;
  assert.deepEqual([e1.verdict, e1.verdict_original, e1.verdict_swapped, e1.consistent], ['A', 'A', 'A', true]);
  assert.deepEqual([e2.verdict, e2.verdict_original, e2.verdict_swapped, e2.consistent], ['tie', 'A', 'B', false]);
  assert.equal(e2.rationale_swapped, 'The first one. [[A]]');
  assert.equal(res.inconsistent, 1);
  assert.match(run.header.template!, /both orders \(swap\), inconsistent → tie/);
});

test('the tie prompt asks for [[C]] and a [[C]] answer is a tie', async () => {
  const s = await server(() => 'Equally good. [[C]]');
  const file = dataset([t2t('p1', 'x', 'y', 'tie')]);
  const { run } = await judgeFile(file, s, { ties: true });
  assert.match(s.chats[0].messages[0].content as string, /\\"\[\[C\]\]\\" means you cannot decide/);
  assert.equal(run.entries.get(0)!.verdict, 'tie');
});

test('an answer without a verdict, or with two, is asked again up to --max-attempts, then the pair gets an error', async () => {
  let p2Asks = 0;
  // p1: alternately no token and two different ones; p2: no token twice, then a verdict.
  const s = await server((b, n) =>
    userText(b).includes('question p1')
      ? n % 2
        ? 'Hmm, no idea.'
        : 'Either [[A]] or [[B]].'
      : ++p2Asks < 3
        ? 'thinking…'
        : 'Fine: [[B]]',
  );
  const file = dataset([t2t('p1', 'x', 'y'), t2t('p2', 'x', 'y')]);
  const { run } = await judgeFile(file, s, { maxAttempts: 3, concurrency: 1 });
  assert.equal(s.chats.filter((c) => userText(c).includes('question p1')).length, 3);
  const e1 = run.entries.get(0)!;
  assert.match(e1.error!, /^no verdict after 3 attempts: /);
  assert.equal(e1.verdict, undefined);
  const e2 = run.entries.get(1)!;
  assert.equal(e2.verdict, 'B', 'the third ask of p2 parsed');
  assert.equal(s.chats.filter((c) => userText(c).includes('question p2')).length, 3);
});

test('429 and 503 are retried by the client (honouring Retry-After) and do not count as attempts', async () => {
  let n = 0;
  const s = await server((): Reply => {
    n++;
    if (n === 1)
      return {
        status: 429,
        error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
        headers: { 'retry-after': '0' },
      };
    if (n === 2)
      return {
        status: 503,
        error: { message: 'The engine is currently overloaded, please try again later', type: 'server_error' },
        headers: { 'retry-after-ms': '10' },
      };
    return 'ok [[A]]';
  });
  const file = dataset([t2t('p1', 'x', 'y')]);
  const { run } = await judgeFile(file, s, { maxAttempts: 1, maxRetries: 3 });
  assert.equal(run.entries.get(0)!.verdict, 'A');
  assert.equal(s.chats.length, 3);
});

test("a 400 from the server is an error for that pair only, with the status and the server's message", async () => {
  const s = await server((b) =>
    userText(b).includes('question p1')
      ? {
          status: 400,
          error: {
            message: "This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.",
            type: 'BadRequestError',
            param: null,
            code: null,
          },
        }
      : 'ok [[B]]',
  );
  const file = dataset([t2t('p1', 'x', 'y'), t2t('p2', 'x', 'y')]);
  const { run } = await judgeFile(file, s);
  assert.equal(
    run.entries.get(0)!.error,
    `${s.baseURL} (model judge-1): HTTP 400: This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.`,
  );
  assert.equal(run.entries.get(1)!.verdict, 'B');
});

test('a wrong key, an unknown model and an unreachable server stop the run with a message naming the server', async () => {
  const s = await server(() => 'ok [[A]]', { apiKey: 'sk-right' });
  const file = dataset([t2t('p1', 'x', 'y'), t2t('p2', 'x', 'y')]);
  await assert.rejects(
    judgeFile(file, s, { apiKey: 'sk-wrong' }),
    (e: Error) =>
      e instanceof JudgeFatalError &&
      e.message.includes(`${s.baseURL} (model judge-1) refused the API key (HTTP 401: Incorrect API key provided.`) &&
      !e.message.includes('sk-wrong'),
  );
  await assert.rejects(
    judgeFile(file, s, { apiKey: 'sk-right', model: 'judge-9' }),
    /\(model judge-9\): HTTP 404: The model `judge-9` does not exist or you do not have access to it\.; check --judge-model/,
  );
  const closed = await server(() => 'x');
  const url = closed.baseURL;
  await closed.close();
  await assert.rejects(
    judgeFile(file, { ...closed, baseURL: url }, { maxRetries: 0 }),
    new RegExp(`cannot reach ${url.replace(/[.]/g, '\\.')}: ECONNREFUSED`),
  );
});

test("images go as image_url data URLs in the template's place; a text-only judge gets a per-pair error instead", async () => {
  const s = await server(() => 'The image shows a table. [[A]]');
  const rec = {
    id: 'i1',
    task: 'TI2T',
    prompt: 'what is shown?',
    image: 'pic.png',
    response1: 'a table',
    response2: 'a sofa',
    criteria: 'accuracy',
    criteria_preference: 'response1',
  };
  const file = dataset([rec]);
  const { run } = await judgeFile(file, s);
  const content = s.chats[0].messages[1].content as Record<string, unknown>[];
  assert.deepEqual(
    content.map((p) => p.type),
    ['text', 'image_url', 'text'],
  );
  assert.match(content[0].text as string, /\[\[IMAGE\]\]\n$/);
  assert.deepEqual(content[1], {
    type: 'image_url',
    image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` },
  });
  assert.match(content[2].text as string, /^\n\[\[END OF IMAGE\]\]\n\n\[\[RESPONSE A\]\]\na table/);
  assert.match(s.chats[0].messages[0].content as string, /"Text-Image-to-Text" quality inspector/);
  assert.equal(run.entries.get(0)!.verdict, 'A');

  const textOnly = await server(() => 'x [[A]]');
  const again = await judgeFile(file, textOnly, {
    modalities: ['text'],
    runFile: path.join(path.dirname(file), 'run2.jsonl'),
  });
  assert.equal(textOnly.chats.length, 0, 'nothing was sent');
  assert.match(
    again.run.entries.get(0)!.error!,
    /^the judge takes text; this pair has image \(pic\.png\); add it with --modalities/,
  );
});

test('audio goes as input_audio (WAV, base64)', async () => {
  const s = await server(() => 'The second clip. [[B]]');
  const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(32)]);
  const file = dataset([
    {
      id: 'a1',
      task: 'TA2T',
      prompt: 'what is heard?',
      audio: 'clip.wav',
      response1: 'a dog',
      response2: 'a cat',
      criteria: 'accuracy',
      criteria_preference: 'response2',
    },
  ]);
  fs.writeFileSync(path.join(path.dirname(file), 'clip.wav'), wav);
  const { run } = await judgeFile(file, s, { modalities: ['text', 'audio'] });
  const content = s.chats[0].messages[1].content as Record<string, unknown>[];
  assert.deepEqual(
    content.find((p) => p.type === 'input_audio'),
    { type: 'input_audio', input_audio: { data: wav.toString('base64'), format: 'wav' } },
  );
  assert.match(s.chats[0].messages[0].content as string, /"Text-Audio-to-Text" quality inspector/);
  assert.equal(run.entries.get(0)!.verdict, 'B');
});

test('at most --concurrency requests are in flight, and that many are used', async () => {
  const s = await server(fairJudge, { latencyMs: 40 });
  const file = dataset(Array.from({ length: 12 }, (_, i) => t2t(`p${i}`, 'good', 'bad')));
  const { res } = await judgeFile(file, s, { concurrency: 3, swap: true });
  assert.equal(res.scored, 12);
  assert.equal(s.chats.length, 24);
  assert.equal(s.maxInFlight, 3);
});

test('cancel aborts requests in flight; the next run keeps what was judged and asks only the rest', async () => {
  const ac = new AbortController();
  const s = await server(
    (b, n) => {
      if (n === 4) setImmediate(() => ac.abort());
      return fairJudge(b);
    },
    { latencyMs: 30 },
  );
  const file = dataset(Array.from({ length: 10 }, (_, i) => t2t(`p${i}`, 'good', 'bad')));
  const first = await judgeFile(file, s, { concurrency: 2, signal: ac.signal });
  assert.equal(first.res.cancelled, true);
  const judged = first.run.entries.size;
  assert.ok(judged >= 3 && judged < 10, `judged ${judged} before the cancel`);
  const asked = s.chats.length;
  const second = await judgeFile(file, s, { concurrency: 2 });
  assert.equal(second.res.cancelled, false);
  assert.equal(second.res.reused, judged);
  assert.equal(second.run.entries.size, 10);
  assert.equal(s.chats.length - asked, 10 - judged, 'only the rest were asked');
});
