// A local server that speaks OpenAI's Chat Completions schema as OpenAI and vLLM do: request validation with
// 400 `{"error": {message, type, param, code}}`, 401 on a wrong key, 404 on an unknown model, 429 with
// Retry-After, `GET /v1/models`, and streaming (SSE chunks ending in `data: [DONE]`). Tests script the answers.
// It stops answering by itself after `maxRequests` (500 "budget exhausted"), so a looping client cannot hang a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
}

/** An assistant text, or an HTTP error as the real servers send it. */
export type Reply =
  | string
  | {
      status: number;
      error: { message: string; type: string; param?: string | null; code?: string | null };
      headers?: Record<string, string>;
    };

export interface TestServerOptions {
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Accept vLLM's `video_url` parts. */
  vllm?: boolean;
  /** Milliseconds before each answer. */
  latencyMs?: number;
  maxRequests?: number;
  answer: (body: ChatBody, n: number) => Reply;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string | Record<string, unknown>[] }[];
  [k: string]: unknown;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseURL: string;
  requests: SeenRequest[];
  /** Chat requests that passed validation. */
  chats: ChatBody[];
  maxInFlight: number;
  /** Requests whose client went away before the answer (cancel). */
  aborted: number;
  close(): Promise<void>;
}

// Top-level fields of the Chat Completions request body (OpenAI rejects others with 400).
const KNOWN = new Set([
  'model',
  'messages',
  'audio',
  'frequency_penalty',
  'function_call',
  'functions',
  'logit_bias',
  'logprobs',
  'max_completion_tokens',
  'max_tokens',
  'metadata',
  'modalities',
  'n',
  'parallel_tool_calls',
  'prediction',
  'presence_penalty',
  'reasoning_effort',
  'response_format',
  'seed',
  'service_tier',
  'stop',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'user',
  'web_search_options',
]);
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

type Invalid = { message: string; param: string };

function validate(body: unknown, opts: TestServerOptions): Invalid | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { message: 'The request body must be a JSON object.', param: '' };
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!KNOWN.has(k)) return { message: `Unrecognized request argument supplied: ${k}`, param: k };
  if (typeof b.model !== 'string') return { message: 'you must provide a model parameter', param: 'model' };
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return { message: "'messages' must contain at least one message.", param: 'messages' };
  for (const [i, m] of (b.messages as Record<string, unknown>[]).entries()) {
    const at = `messages.[${i}]`;
    if (typeof m !== 'object' || m === null || !ROLES.has(m.role as string))
      return { message: `Invalid value for '${at}.role'.`, param: `${at}.role` };
    if (typeof m.content === 'string') continue;
    if (!Array.isArray(m.content))
      return {
        message: `Invalid type for '${at}.content': expected a string or an array of content parts.`,
        param: `${at}.content`,
      };
    for (const [j, p] of (m.content as Record<string, unknown>[]).entries()) {
      const pat = `${at}.content.[${j}]`;
      const type = p?.type;
      if (m.role === 'system' && type !== 'text')
        return { message: `Invalid value: '${type}'. Supported values are: 'text'.`, param: `${pat}.type` };
      if (type === 'text') {
        if (typeof p.text !== 'string')
          return { message: `Missing required parameter: '${pat}.text'.`, param: `${pat}.text` };
      } else if (type === 'image_url') {
        const u = (p.image_url as { url?: unknown } | undefined)?.url;
        if (typeof u !== 'string')
          return { message: `Missing required parameter: '${pat}.image_url.url'.`, param: `${pat}.image_url.url` };
        if (u.startsWith('data:') && !/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(u))
          return {
            message: 'Invalid image data URL: expected data:image/(png|jpeg|gif|webp);base64,...',
            param: `${pat}.image_url.url`,
          };
      } else if (type === 'input_audio') {
        const a = p.input_audio as { data?: unknown; format?: unknown } | undefined;
        if (typeof a?.data !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(a.data))
          return {
            message: `Invalid '${pat}.input_audio.data': expected base64-encoded audio.`,
            param: `${pat}.input_audio.data`,
          };
        if (a.format !== 'wav' && a.format !== 'mp3')
          return {
            message: `Invalid value: '${a.format}'. Supported values are: 'wav' and 'mp3'.`,
            param: `${pat}.input_audio.format`,
          };
      } else if (type === 'video_url' && opts.vllm) {
        if (typeof (p.video_url as { url?: unknown } | undefined)?.url !== 'string')
          return { message: `Missing required parameter: '${pat}.video_url.url'.`, param: `${pat}.video_url.url` };
      } else
        return {
          message: `Invalid value: '${String(type)}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', 'audio', and 'file'.`,
          param: `${pat}.type`,
        };
    }
  }
  if (b.temperature !== undefined && (typeof b.temperature !== 'number' || b.temperature < 0 || b.temperature > 2))
    return {
      message: `Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${b.temperature} instead.`,
      param: 'temperature',
    };
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const errorBody = (message: string, type: string, param: string | null = null, code: string | null = null) => ({
  error: { message, type, param, code },
});

export async function startTestServer(opts: TestServerOptions): Promise<TestServer> {
  const models = opts.models ?? ['judge-1'];
  const maxRequests = opts.maxRequests ?? 500;
  let inFlight = 0;
  let n = 0;
  const state: Omit<TestServer, 'baseURL' | 'close'> = { requests: [], chats: [], maxInFlight: 0, aborted: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      let parseError: string | undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch (e) {
          parseError = e instanceof Error ? e.message : String(e);
        }
      }
      const url = new URL(req.url ?? '/', 'http://x');
      state.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body });
      if (state.requests.length > maxRequests)
        return send(res, 500, errorBody('test server request budget exhausted', 'server_error'));
      if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`)
        return send(
          res,
          401,
          errorBody(
            'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
            'invalid_request_error',
            null,
            'invalid_api_key',
          ),
        );
      if (req.method === 'GET' && url.pathname === '/v1/models')
        return send(res, 200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'reward-lens-test' })),
        });
      if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions')
        return send(res, 404, errorBody(`Invalid URL (${req.method} ${url.pathname})`, 'invalid_request_error'));
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return send(res, 400, errorBody("Invalid content type. Expected 'application/json'.", 'invalid_request_error'));
      if (parseError !== undefined)
        return send(
          res,
          400,
          errorBody(`We could not parse the JSON body of your request. (${parseError})`, 'invalid_request_error'),
        );
      const invalid = validate(body, opts);
      if (invalid)
        return send(
          res,
          400,
          errorBody(invalid.message, 'invalid_request_error', invalid.param, invalid.param ? 'invalid_value' : null),
        );
      const chat = body as unknown as ChatBody;
      if (!models.includes(chat.model))
        return send(
          res,
          404,
          errorBody(
            `The model \`${chat.model}\` does not exist or you do not have access to it.`,
            'invalid_request_error',
            null,
            'model_not_found',
          ),
        );
      state.chats.push(chat);
      const my = ++n;
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      let gone = false;
      res.on('close', () => {
        if (!res.writableEnded) gone = true;
      });
      try {
        if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
        if (gone) {
          state.aborted++;
          return;
        }
        const reply = opts.answer(chat, my);
        if (typeof reply !== 'string')
          return send(res, reply.status, { error: { param: null, code: null, ...reply.error } }, reply.headers);
        const usage = {
          prompt_tokens: JSON.stringify(chat.messages).length >> 2,
          completion_tokens: reply.length >> 2,
          total_tokens: 0,
        };
        usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
        const id = `chatcmpl-test${my}`;
        const created = Math.floor(Date.now() / 1000);
        if (chat.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const chunk = (delta: object, finish: string | null) => ({
            id,
            object: 'chat.completion.chunk',
            created,
            model: chat.model,
            system_fingerprint: null,
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          });
          res.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }, null))}\n\n`);
          for (const piece of reply.match(/[\s\S]{1,8}/g) ?? [])
            res.write(`data: ${JSON.stringify(chunk({ content: piece }, null))}\n\n`);
          res.write(`data: ${JSON.stringify(chunk({}, 'stop'))}\n\n`);
          if ((chat.stream_options as { include_usage?: boolean } | undefined)?.include_usage)
            res.write(
              `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: chat.model, choices: [], usage })}\n\n`,
            );
          res.end('data: [DONE]\n\n');
          return;
        }
        send(res, 200, {
          id,
          object: 'chat.completion',
          created,
          model: chat.model,
          system_fingerprint: null,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply, refusal: null, annotations: [] },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage,
        });
      } finally {
        inFlight--;
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign<typeof state, Omit<TestServer, keyof typeof state>>(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
