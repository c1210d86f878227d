// A generative judge behind any OpenAI-compatible Chat Completions server (vLLM, SGLang, TGI, llama.cpp, Ollama,
// hosted APIs), through the official `openai` client: it owns base URL, retries with backoff, timeouts, abort.
import crypto from 'node:crypto';
import OpenAI from 'openai';
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import type { PreferencePair } from '../../dataset/types';
import { judgeContent, type JudgeModality } from './judgeContent';
import { judgeTaskOf, omniRewardTemplate, renderJudgePrompt, type JudgeTemplate } from './judgePrompts';
import { JudgeFatalError, type JudgeOutcome, type PairJudge, type TokenUsage } from './pairJudge';
import { parseJudgeVerdict } from './verdictParser';

export interface OpenAIJudgeOptions {
  /** Server root with its API prefix, e.g. `http://127.0.0.1:8000/v1`. */
  baseURL: string;
  /** The served model name. */
  model: string;
  /** From SecretStorage or the environment; local servers often need none. Never stored or shown. */
  apiKey?: string;
  /** Ask with the tie prompt ([[C]] allowed). */
  ties: boolean;
  /** A user template; default Omni-Reward's template for each pair's task. */
  template?: JudgeTemplate;
  /** Modalities the model takes (default text and image). */
  modalities?: readonly JudgeModality[];
  /** Asks per order until a verdict parses, the first included (default 5, as the paper). */
  maxAttempts?: number;
  /** Per-request timeout in ms (default 120 000). */
  timeoutMs?: number;
  /** Retries of one request after a connection error, 408, 409, 429 or 5xx, honouring Retry-After (default 4). */
  maxRetries?: number;
  /** Sampling temperature; the server's default when undefined. */
  temperature?: number;
  /** Longest answer in tokens; the server's default when undefined. */
  maxTokens?: number;
  /** Name in runs (default the model name). */
  id?: string;
  /** Where media paths resolve: the dataset's folder, then extra roots. */
  fileDir: string;
  mediaRoots?: string[];
  /** Images over this many bytes are downscaled to `imageLongSide`. */
  maxImageBytes?: number;
  imageLongSide?: number;
}

const ZERO: TokenUsage = { prompt: 0, completion: 0 };

/** The server's own words for a failed request, and whether every other pair would fail the same way. */
function describeError(e: unknown, o: OpenAIJudgeOptions): { message: string; fatal: boolean } {
  const where = `${o.baseURL} (model ${o.model})`;
  if (e instanceof OpenAI.APIConnectionTimeoutError)
    return {
      message: `${where} did not answer within ${Math.round((o.timeoutMs ?? 120_000) / 1000)} s (after ${o.maxRetries ?? 4} retries)`,
      fatal: false,
    };
  if (e instanceof OpenAI.APIConnectionError) {
    const cause = e.cause as { cause?: { code?: string }; message?: string } | undefined;
    const why = cause?.cause?.code ?? cause?.message ?? e.message;
    return {
      message: `cannot reach ${o.baseURL}: ${why}; is the server running, and does the URL end in its API prefix (e.g. /v1)?`,
      fatal: true,
    };
  }
  if (e instanceof OpenAI.APIError) {
    const server = e.message.replace(/^\d{3}\s+/, '');
    const status = e.status ? `HTTP ${e.status}` : 'error';
    if (e.status === 401 || e.status === 403)
      return {
        message: `${where} refused the API key (${status}: ${server}); set REWARD_LENS_API_KEY or OPENAI_API_KEY`,
        fatal: true,
      };
    if (e.status === 404)
      return {
        message: `${where}: ${status}: ${server}; check --judge-model against the server's /models and that the base URL ends in /v1`,
        fatal: true,
      };
    return { message: `${where}: ${status}: ${server}`, fatal: false };
  }
  return { message: `${where}: ${e instanceof Error ? e.message : String(e)}`, fatal: false };
}

/** The hash of what decides a verdict: a changed model, template or tie setting re-judges every pair. */
function judgeHash(o: OpenAIJudgeOptions): string {
  const t = o.template ? [o.template.system, o.template.systemWithTie, o.template.pair] : 'omni-reward';
  return (
    'judge-' +
    crypto
      .createHash('sha256')
      .update(JSON.stringify([o.model, t, o.ties, o.temperature ?? null, o.maxTokens ?? null]))
      .digest('hex')
      .slice(0, 16)
  );
}

export function createOpenAIJudge(o: OpenAIJudgeOptions): PairJudge {
  const client = new OpenAI({
    baseURL: o.baseURL,
    // vLLM's convention for servers without keys; the client insists on some key.
    apiKey: o.apiKey || 'EMPTY',
    timeout: o.timeoutMs ?? 120_000,
    maxRetries: o.maxRetries ?? 4,
  });
  const maxAttempts = Math.max(1, o.maxAttempts ?? 5);
  const modalities = o.modalities ?? ['text', 'image'];
  const source = o.template ? `template file ${o.template.source}` : "Omni-Reward's per-task judge prompts";
  return {
    info: {
      id: o.id ?? o.model,
      kind: 'openai-judge',
      hash: judgeHash(o),
      template: `${source}, ${o.ties ? 'with ties ([[A]]/[[B]]/[[C]])' : 'without ties ([[A]]/[[B]])'}`,
      location: o.baseURL,
      ties: o.ties,
    },
    async judge(pair: PreferencePair, { swapped, signal }): Promise<JudgeOutcome> {
      const template = o.template ?? omniRewardTemplate(judgeTaskOf(pair));
      const prompt = renderJudgePrompt(template, pair, { ties: o.ties, swapped });
      const content = await judgeContent(prompt.user, {
        modalities,
        fileDir: o.fileDir,
        mediaRoots: o.mediaRoots,
        maxImageBytes: o.maxImageBytes,
        imageLongSide: o.imageLongSide,
      });
      if (!content.ok) return { ok: false, message: content.message, usage: ZERO };
      const textOnly = content.parts.every((p) => p.type === 'text');
      const body: ChatCompletionCreateParamsNonStreaming = {
        model: o.model,
        messages: [
          { role: 'system', content: prompt.system },
          // A text-only turn goes as a plain string: every server takes that, not all take part arrays.
          {
            role: 'user',
            content: textOnly
              ? content.parts.map((p) => (p as { text: string }).text).join('')
              : (content.parts as ChatCompletionContentPart[]),
          },
        ],
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        ...(o.maxTokens !== undefined ? { max_tokens: o.maxTokens } : {}),
      };
      const usage: TokenUsage = { prompt: 0, completion: 0 };
      let last: { text?: string; problem: string } = { problem: '' };
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let text: string | null | undefined;
        try {
          const res = await client.chat.completions.create(body, { signal });
          usage.prompt += res.usage?.prompt_tokens ?? 0;
          usage.completion += res.usage?.completion_tokens ?? 0;
          if (!Array.isArray(res.choices) || !res.choices[0]?.message)
            return {
              ok: false,
              message: `${o.baseURL} (model ${o.model}): malformed answer: no choices[0].message in ${JSON.stringify(res).slice(0, 200)}`,
              usage,
            };
          text = res.choices[0].message.content;
        } catch (e) {
          if (signal?.aborted) throw e;
          const d = describeError(e, o);
          if (d.fatal) throw new JudgeFatalError(d.message);
          return { ok: false, message: d.message, rationale: last.text, usage };
        }
        if (typeof text !== 'string' || text === '') {
          last = { problem: 'an empty answer' };
          continue;
        }
        const parsed = parseJudgeVerdict(text);
        if (parsed.ok) {
          // A tie from the prompt without ties is kept, as the paper's parser does; it counts as wrong there.
          const verdict = swapped && parsed.verdict !== 'tie' ? (parsed.verdict === 'A' ? 'B' : 'A') : parsed.verdict;
          return { ok: true, verdict, rationale: text, attempts: attempt, usage };
        }
        last = { text, problem: parsed.message };
      }
      return {
        ok: false,
        message: `no verdict after ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'}: ${last.problem}`,
        rationale: last.text,
        usage,
      };
    },
  };
}
