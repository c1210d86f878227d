// `reward-lens score FILE --judge BASE_URL --judge-model NAME …`: a generative judge over the OpenAI-compatible
// Chat Completions API into a run file (resumable, like every score run). The key comes from the environment only.
import path from 'node:path';
import { Dataset } from '../core/dataset/dataset';
import { JUDGE_MODALITIES, type JudgeModality } from '../core/scoring/judge/judgeContent';
import { judgeDataset, type JudgeProgress } from '../core/scoring/judge/judgeDataset';
import { loadTemplateFile } from '../core/scoring/judge/judgePrompts';
import { createOpenAIJudge } from '../core/scoring/judge/openaiJudge';
import { runFileName, runsFolder } from '../core/scoring/runStore';
import { datasetPairSource } from '../core/scoring/scoreDataset';
import { CliUsageError, positiveInt } from './common';

export const JUDGE_OPTIONS = {
  judge: { type: 'string' },
  'judge-model': { type: 'string' },
  ties: { type: 'boolean' },
  swap: { type: 'boolean' },
  inconsistent: { type: 'string' },
  concurrency: { type: 'string' },
  'max-attempts': { type: 'string' },
  'max-retries': { type: 'string' },
  timeout: { type: 'string' },
  modalities: { type: 'string' },
  template: { type: 'string' },
  temperature: { type: 'string' },
  'max-tokens': { type: 'string' },
} as const;

export const JUDGE_USAGE = `
Generative judge (OpenAI-compatible Chat Completions: vLLM, SGLang, TGI, llama.cpp, Ollama, hosted APIs):
  reward-lens score FILE --judge BASE_URL --judge-model NAME [--ties] [--swap] [--concurrency N]
                         [--max-attempts N] --out RUN.jsonl
  --judge BASE_URL            the server's API root, e.g. http://127.0.0.1:8000/v1
  --judge-model NAME          the served model name (see BASE_URL/models)
  --ties                      the prompt with ties: the judge may answer [[C]] (tie)
  --swap                      judge each pair in both orders; the run keeps both verdicts and \`consistent\`
  --inconsistent tie|first    what a pair whose orders disagree becomes (default tie)
  --concurrency N             HTTP requests in flight (default 8; with --swap a pair is two requests)
  --max-attempts N            asks per order until the answer holds one verdict token, the first included
                              (default 5); retries after 429/5xx are separate (--max-retries, default 4)
  --timeout SECONDS           per request (default 120)
  --modalities LIST           what the model takes, comma-separated from text,image,audio,video
                              (default text,image); a pair with other media gets an error, not a text-only verdict
  --template FILE             JSON {"system", "system_with_tie", "pair"} replacing Omni-Reward's prompts;
                              placeholders: {criteria} in system; {prompt} {responseA} {responseB} {criteria}
                              and {image}/{original_image}/{video}/{audio}/{media} (the prompt's media) in pair
  --temperature T, --max-tokens N   sampling settings (default: the server's)
  The API key is read from REWARD_LENS_API_KEY, else OPENAI_API_KEY (none needed for most local servers);
  it is never written to the run.`;

type JudgeValues = {
  [K in keyof typeof JUDGE_OPTIONS]?: (typeof JUDGE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
} & {
  out?: string;
  format?: string;
  'media-root'?: string[];
};

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
}

function number(v: string | undefined, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new CliUsageError(`${flag} takes a number ≥ ${min}; got '${v}'`);
  return n;
}

export async function runJudge(values: JudgeValues, fileArg: string): Promise<number> {
  const baseURL = values.judge!;
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new CliUsageError(`--judge expects the server's API root such as http://127.0.0.1:8000/v1; got '${baseURL}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliUsageError(`--judge must be an http(s) URL; got '${baseURL}'`);
  if (url.username || url.password)
    throw new CliUsageError('--judge must not carry a user or password; put the key in REWARD_LENS_API_KEY');
  if (!values['judge-model'])
    throw new CliUsageError('--judge-model NAME is required with --judge (the served model name)');
  if (url.protocol === 'http:' && !isLoopback(url))
    process.stderr.write(
      `warning: ${url.host} is neither https nor this machine: pairs and the key travel unencrypted\n`,
    );
  const rule = values.inconsistent ?? 'tie';
  if (rule !== 'tie' && rule !== 'first') throw new CliUsageError(`--inconsistent takes tie or first; got '${rule}'`);
  const modalities = (values.modalities ?? 'text,image')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const unknown = modalities.find((m) => !JUDGE_MODALITIES.includes(m as JudgeModality));
  if (unknown)
    throw new CliUsageError(`--modalities: unknown '${unknown}'; choose from ${JUDGE_MODALITIES.join(', ')}`);
  let template;
  if (values.template) {
    const t = await loadTemplateFile(path.resolve(values.template));
    if (!t.ok) throw new Error(`--template: ${t.message}`);
    template = t.value;
  }
  const model = values['judge-model'];
  const file = path.resolve(fileArg);
  const out = path.resolve(values.out ?? path.join(runsFolder(process.cwd()), runFileName(file, model)));
  const timeout = number(values.timeout, '--timeout', 1);
  const judge = createOpenAIJudge({
    baseURL,
    model,
    apiKey: process.env.REWARD_LENS_API_KEY || process.env.OPENAI_API_KEY || undefined,
    ties: !!values.ties,
    template,
    modalities: modalities as JudgeModality[],
    maxAttempts: positiveInt(values['max-attempts'], '--max-attempts'),
    maxRetries: number(values['max-retries'], '--max-retries', 0),
    timeoutMs: timeout !== undefined ? timeout * 1000 : undefined,
    temperature: number(values.temperature, '--temperature', 0),
    maxTokens: positiveInt(values['max-tokens'], '--max-tokens'),
    fileDir: path.dirname(file),
    mediaRoots: values['media-root']?.map((r) => path.resolve(r)),
  });

  const ds = await Dataset.open(file, values.format ? { formatId: values.format } : {});
  if (!ds.format) process.stderr.write(`warning: no format recognised in ${file}; every record will be an error\n`);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const onProgress = (p: JudgeProgress) => {
    const now = Date.now();
    if (!tty && now - lastLine < 5000 && p.done !== p.total) return;
    lastLine = now;
    const line = `${p.done}/${p.total ?? '?'} pairs (${p.reused} reused, ${p.errors} errors), ${p.rate.toFixed(2)} pairs/s, ${p.tokens.prompt + p.tokens.completion} tokens`;
    process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
  };
  try {
    const res = await judgeDataset({
      source: datasetPairSource(ds),
      judge,
      runFile: out,
      swap: !!values.swap,
      inconsistent: rule,
      concurrency: positiveInt(values.concurrency, '--concurrency'),
      model,
      signal: ac.signal,
      onProgress,
    });
    if (tty) process.stderr.write('\n');
    const swapNote = values.swap ? `, ${res.inconsistent} inconsistent` : '';
    process.stdout.write(
      `${res.cancelled ? 'cancelled; ' : ''}${res.runFile}: ${res.done}/${res.total} records (${res.scored} judged, ${res.reused} reused, ${res.errors} errors${swapNote}), ${res.tokens.prompt} prompt + ${res.tokens.completion} completion tokens\n`,
    );
    return res.cancelled ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
