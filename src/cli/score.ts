// `reward-lens score FILE --model DIR|default|length --out RUN.jsonl`: one model over one file into a run
// (resumable: re-running continues where a cancel or crash stopped, unchanged pairs are never scored twice).
import path from 'node:path';
import { Dataset } from '../core/dataset/dataset';
import { ModelLoadError } from '../core/scoring/scorer';
import { defaultThreads, WorkerPool } from '../core/scoring/workerPool';
import { datasetPairSource, scoreDataset, type ScoreProgress } from '../core/scoring/scoreDataset';
import { runFileName, runsFolder } from '../core/scoring/runStore';
import { formatEta } from '../core/format';
import { CliUsageError, parseCli, positiveInt, type CliCommand } from './common';
import { JUDGE_OPTIONS, JUDGE_USAGE, runJudge } from './scoreJudge';

const usage = `usage: reward-lens score FILE --model DIR|default|length [--out RUN.jsonl] [options]
       reward-lens score FILE --judge BASE_URL --judge-model NAME [options] --out RUN.jsonl

Scores every pair of FILE with a reward model into a run file (JSONL: a header, then one line per record).
Re-running the same command resumes; pairs already scored by the same model and template are reused.

  --model DIR|default|length  a model folder (HF/optimum export layout), the built-in default model, or the
                              length baseline (response length in word tokens)
  --out RUN.jsonl             run file (default .reward-lens/runs/<file>.<model>.<hash>.jsonl)
  --batch-size N              responses per batch (default 8)
  --threads N                 total CPU threads (default: all cores): one worker each, at most 4 workers,
                              the rest as onnxruntime intra-op threads
  --workers N                 worker threads (overrides the split; threads are shared among them)
  --media-root DIR            extra folder media paths resolve against (repeatable)
  --format ID                 format adapter id instead of detection
  --no-cache                  do not read or write the score cache (.reward-lens/runs/cache)
${JUDGE_USAGE}`;

export const command: CliCommand = {
  usage,
  async run(args) {
    const parsed = parseCli(
      args,
      {
        model: { type: 'string' },
        out: { type: 'string' },
        'batch-size': { type: 'string' },
        threads: { type: 'string' },
        workers: { type: 'string' },
        'media-root': { type: 'string', multiple: true },
        format: { type: 'string' },
        'no-cache': { type: 'boolean' },
        ...JUDGE_OPTIONS,
      },
      usage,
    );
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new CliUsageError('expected exactly one FILE');
    if (values.judge !== undefined) {
      if (values.model) throw new CliUsageError('give --model or --judge, not both');
      return runJudge(values, positionals[0]);
    }
    const judgeOnly = Object.keys(JUDGE_OPTIONS).find((k) => values[k as keyof typeof values] !== undefined);
    if (judgeOnly) throw new CliUsageError(`--${judgeOnly} needs --judge BASE_URL`);
    if (!values.model)
      throw new CliUsageError('--model is required (a model folder, `default` or `length`), or --judge BASE_URL');
    const file = path.resolve(positionals[0]);
    const batchSize = positiveInt(values['batch-size'], '--batch-size');
    const threads = positiveInt(values.threads, '--threads');
    const split = defaultThreads(threads);
    const workers = positiveInt(values.workers, '--workers') ?? split.workers;
    const intraOpThreads = threads ? Math.max(1, Math.floor(threads / workers)) : split.intraOpThreads;

    const builtin = values.model === 'default' || values.model === 'length';
    const ref = builtin
      ? { id: values.model }
      : { id: path.basename(path.resolve(values.model)), path: path.resolve(values.model) };
    const runs = runsFolder(process.cwd());
    const out = path.resolve(values.out ?? path.join(runs, runFileName(file, ref.id)));

    const ds = await Dataset.open(file, values.format ? { formatId: values.format } : {});
    if (!ds.format) process.stderr.write(`warning: no format recognised in ${file}; every record will be an error\n`);

    let pool: WorkerPool;
    try {
      pool = await WorkerPool.start(ref, { workers, intraOpThreads });
    } catch (e) {
      if (e instanceof ModelLoadError) throw new Error(`cannot load the model: ${e.message}`, { cause: e });
      throw e;
    }
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    const onProgress = (p: ScoreProgress) => {
      const now = Date.now();
      if (!tty && now - lastLine < 5000 && p.done !== p.total) return;
      lastLine = now;
      const line = `${p.done}/${p.total ?? '?'} records (${p.reused} reused, ${p.errors} errors), ${p.rate.toFixed(1)} pairs/s, ETA ${formatEta(p.etaSeconds) ?? '…'}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    };
    try {
      const res = await scoreDataset({
        source: datasetPairSource(ds),
        scorer: pool,
        runFile: out,
        cacheFolder: values['no-cache'] ? undefined : runs,
        model: { id: ref.id, path: ref.path },
        batchSize,
        inFlight: workers * 2 + 1,
        mediaRoots: values['media-root']?.map((r) => path.resolve(r)),
        signal: ac.signal,
        onProgress,
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(
        `${res.cancelled ? 'cancelled; ' : ''}${res.runFile}: ${res.done}/${res.total} records (${res.scored} scored, ${res.reused} reused, ${res.errors} errors)\n`,
      );
      return res.cancelled ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      await pool.dispose();
    }
  },
};
