// The Python `openai` client, an implementation independent of ours, agrees that the test server speaks the Chat
// Completions schema: answers, streaming, models, and the typed errors it raises for 400 / 401 / 404 / 429.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startTestServer } from './openaiTestServer';

const run = promisify(execFile);
// A tool cache, kept between runs in the project's ignored .cache/ (never in the temp folder): the venv is built
// once from the machine's offline wheelhouse and only read afterwards.
const VENV = path.resolve(__dirname, '..', '..', '..', '..', '.cache', 'openai-venv');

/** The venv with the Python client, made from the offline wheelhouse when missing. */
async function python(): Promise<string> {
  const py = path.join(VENV, 'bin', 'python');
  const ok = await run(py, ['-c', 'import openai']).then(
    () => true,
    () => false,
  );
  if (!ok) {
    await run('python3', ['-m', 'venv', VENV]);
    await run(
      path.join(VENV, 'bin', 'pip'),
      ['install', '-q', '--no-index', '--find-links', '/opt/pypi/files', 'openai'],
      { timeout: 300_000 },
    );
  }
  return py;
}

const SCRIPT = String.raw`
import json, sys, openai
base, key = sys.argv[1], sys.argv[2]
c = openai.OpenAI(base_url=base, api_key=key, max_retries=2, timeout=20)
out = {}
out["models"] = [m.id for m in c.models.list()]
png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
r = c.chat.completions.create(model="judge-1", messages=[
    {"role": "system", "content": "judge"},
    {"role": "user", "content": [{"type": "text", "text": "which?"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64," + png}},
        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}])
out["answer"] = r.choices[0].message.content
out["finish"] = r.choices[0].finish_reason
out["usage"] = r.usage.total_tokens
s = c.chat.completions.create(model="judge-1", stream=True, stream_options={"include_usage": True}, messages=[{"role": "user", "content": "stream please"}])
pieces, usage = [], None
for ch in s:
    if ch.choices and ch.choices[0].delta.content: pieces.append(ch.choices[0].delta.content)
    if ch.usage: usage = ch.usage.total_tokens
out["stream"] = "".join(pieces)
out["stream_usage"] = usage
def err(f):
    try:
        f(); return None
    except openai.APIStatusError as e:
        return {"cls": type(e).__name__, "status": e.status_code, "param": (e.body or {}).get("param"), "message": (e.body or {}).get("message")}
out["bad_part"] = err(lambda: c.chat.completions.create(model="judge-1", messages=[{"role": "user", "content": [{"type": "bogus"}]}]))
out["bad_model"] = err(lambda: c.chat.completions.create(model="nope", messages=[{"role": "user", "content": "x"}]))
out["bad_key"] = err(lambda: openai.OpenAI(base_url=base, api_key="wrong", max_retries=0).models.list())
r = c.chat.completions.create(model="judge-1", messages=[{"role": "user", "content": "RATE LIMIT ME"}])
out["after_429"] = r.choices[0].message.content
print(json.dumps(out))
`;

test('the Python openai client reads the test server as a Chat Completions server', async () => {
  let limited = 0;
  const server = await startTestServer({
    apiKey: 'sk-test',
    answer: (body) => {
      const text = JSON.stringify(body.messages);
      if (text.includes('RATE LIMIT ME') && limited++ === 0)
        return {
          status: 429,
          error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
          headers: { 'retry-after': '0' },
        };
      return text.includes('stream please') ? 'streamed verdict [[B]]' : 'Both fine, A is better. [[A]]';
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-oracle-'));
  try {
    const script = path.join(dir, 'oracle.py');
    fs.writeFileSync(script, SCRIPT);
    const { stdout } = await run(await python(), [script, server.baseURL, 'sk-test'], { timeout: 60_000 });
    const out = JSON.parse(stdout);
    assert.deepEqual(out.models, ['judge-1']);
    assert.equal(out.answer, 'Both fine, A is better. [[A]]');
    assert.equal(out.finish, 'stop');
    assert.ok(out.usage > 0);
    assert.equal(out.stream, 'streamed verdict [[B]]');
    assert.ok(out.stream_usage > 0);
    assert.deepEqual(out.bad_part, {
      cls: 'BadRequestError',
      status: 400,
      param: 'messages.[0].content.[0].type',
      message:
        "Invalid value: 'bogus'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', 'audio', and 'file'.",
    });
    assert.equal(out.bad_model.cls, 'NotFoundError');
    assert.match(out.bad_model.message, /The model `nope` does not exist/);
    assert.equal(out.bad_key.cls, 'AuthenticationError');
    assert.equal(out.bad_key.status, 401);
    assert.equal(out.after_429, 'Both fine, A is better. [[A]]');
    assert.equal(limited, 2, 'the client retried once after the 429');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
