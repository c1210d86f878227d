// bench:score — responses/s of a bare onnxruntime-node loop (best batch/thread configuration) against the
// extension's scorer through the worker pool on the same inputs, their ratio, and the worst event-loop delay in
// the caller during the pool run. Model: ../shared/bench-model (DeBERTa-v2, 14.1M parameters, random weights).
// Run with `npm run bench:score` (node --import tsx). Prints figures; never fails on time.
import { execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import zlib from 'node:zlib';

process.env.ORT_DISABLE_TELEMETRY = '1';
const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const SHARED = path.resolve(ROOT, '../shared');
const BENCH = path.join(ROOT, '.bench');
const MODEL_SRC = path.join(SHARED, 'bench-model');
const MODEL = path.join(BENCH, 'bench-model');
const SHA256 = 'eb7ab0735e216f53e4ee021e40f324a84dda98ccff8810187d823a2f5be125c5';
const PAIRS = Number(process.env.BENCH_PAIRS ?? 200);

const { Dataset } = await import('../src/core/dataset/dataset.ts');
const { loadScorer } = await import('../src/core/scoring/modelFolder.ts');
const { WorkerPool } = await import('../src/core/scoring/workerPool.ts');
const { scoreDataset } = await import('../src/core/scoring/scoreDataset.ts');
const ortModule = await import('onnxruntime-node');
const ort = ortModule.InferenceSession ? ortModule : ortModule.default;

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

// 1. The model folder, with onnx/model.onnx rebuilt from its parts and checked against the README's sha256.
function prepareModel() {
  const onnx = path.join(MODEL, 'onnx', 'model.onnx');
  if (fs.existsSync(onnx) && sha256(onnx) === SHA256) return;
  fs.mkdirSync(path.dirname(onnx), { recursive: true });
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json'])
    fs.copyFileSync(path.join(MODEL_SRC, f), path.join(MODEL, f));
  const parts = fs
    .readdirSync(path.join(MODEL_SRC, 'onnx'))
    .filter((f) => f.startsWith('model.onnx.part-'))
    .sort();
  execSync(
    `cat ${parts.map((p) => JSON.stringify(path.join(MODEL_SRC, 'onnx', p))).join(' ')} > ${JSON.stringify(onnx)}`,
  );
  const got = sha256(onnx);
  if (got !== SHA256) throw new Error(`rebuilt ${onnx} has sha256 ${got}, expected ${SHA256}`);
}

// 2. Realistic inputs: the first PAIRS pairs of HH-RLHF harmless-base test (multi-turn prompts, real responses).
async function preparePairs() {
  const file = path.join(BENCH, 'hh-rlhf-harmless-base-test.jsonl');
  if (!fs.existsSync(file))
    fs.writeFileSync(
      file,
      zlib.gunzipSync(
        fs.readFileSync(path.join(SHARED, 'data/hh-rlhf-harmless-base-test/harmless-base-test.jsonl.gz')),
      ),
    );
  const ds = await Dataset.open(file);
  const records = (await ds.readRecords(0, Math.min(PAIRS, ds.recordCount))).filter((r) => r.kind === 'pair');
  return { file, format: ds.format?.id, pairs: records };
}

function rate(n, ms) {
  return (n / ms) * 1000;
}

async function bareLoop(seqs, padId, threads, batch) {
  const session = await ort.InferenceSession.create(path.join(MODEL, 'onnx', 'model.onnx'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const run = async () => {
    for (let i = 0; i < seqs.length; i += batch) {
      const b = seqs.slice(i, i + batch);
      const len = Math.max(...b.map((s) => s.length));
      const ids = new BigInt64Array(b.length * len).fill(BigInt(padId));
      const mask = new BigInt64Array(b.length * len);
      b.forEach((s, r) =>
        s.forEach((t, c) => {
          ids[r * len + c] = BigInt(t);
          mask[r * len + c] = 1n;
        }),
      );
      await session.run({
        input_ids: new ort.Tensor('int64', ids, [b.length, len]),
        attention_mask: new ort.Tensor('int64', mask, [b.length, len]),
      });
    }
  };
  await run(); // warm-up pass
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await session.release();
  return { rate: rate(seqs.length, ms), perCpuSecond: rate(seqs.length, (cpu.user + cpu.system) / 1000) };
}

async function poolRun(data, workers, intraOpThreads, batchSize) {
  const pool = await WorkerPool.start({ id: 'bench', path: MODEL }, { workers, intraOpThreads });
  const source = {
    path: data.file,
    format: data.format,
    recordCount: data.pairs.length,
    async *records() {
      yield* data.pairs;
    },
  };
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-'));
  // Warm-up on a few pairs so session creation and first-run allocation are not timed (as for the bare loop).
  await scoreDataset({
    source: {
      ...source,
      recordCount: 20,
      async *records() {
        yield* data.pairs.slice(0, 20);
      },
    },
    scorer: pool,
    runFile: path.join(runDir, 'warm.jsonl'),
    model: { id: 'bench' },
    batchSize,
  });
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const res = await scoreDataset({
    source,
    scorer: pool,
    runFile: path.join(runDir, 'run.jsonl'),
    model: { id: 'bench', path: MODEL },
    batchSize,
    inFlight: workers * 2 + 1,
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0).utilization;
  h.disable();
  await pool.dispose();
  fs.rmSync(runDir, { recursive: true, force: true });
  if (res.errors) throw new Error(`${res.errors} records failed`);
  return {
    rate: rate(res.scored * 2, ms),
    perCpuSecond: rate(res.scored * 2, (cpu.user + cpu.system) / 1000),
    maxDelayMs: h.max / 1e6,
    p99DelayMs: h.percentile(99) / 1e6,
    elu,
  };
}

prepareModel();
const data = await preparePairs();
const scorer = await loadScorer({ id: 'bench', path: MODEL });
const inputs = data.pairs.flatMap((p) =>
  [p.a, p.b].map((r) => ({ prompt: p.prompt, criterion: p.criterion, response: r })),
);
const seqs = scorer
  .encodeAll(inputs)
  .map((e) => e.ids)
  .filter(Boolean)
  .sort((x, y) => x.length - y.length);
await scorer.dispose();
const lens = seqs.map((s) => s.length);
const cores = os.availableParallelism?.() ?? os.cpus().length;
console.log(
  `bench-model: DeBERTa-v2 14.1M params (sha256 ok); ${data.pairs.length} HH-RLHF pairs = ${seqs.length} responses, ` +
    `tokens min/median/max ${lens[0]}/${lens[lens.length >> 1]}/${lens[lens.length - 1]}; ${cores} cores`,
);

console.log('\n(a) bare onnxruntime-node loop, pre-tokenised, length-sorted, dynamic padding:');
let bestBare = { rate: 0 };
let idleDelay;
for (const threads of [...new Set([1, cores])]) {
  for (const batch of [8, 16, 32]) {
    const r = await bareLoop(seqs, 0, threads, batch);
    console.log(
      `    intra-op threads ${threads}, batch ${String(batch).padStart(2)}: ${r.rate.toFixed(1)} responses/s (${r.perCpuSecond.toFixed(1)} per CPU-second)`,
    );
    if (r.rate > bestBare.rate) bestBare = { ...r, threads, batch };
  }
}
console.log(`    best: ${bestBare.rate.toFixed(1)} responses/s (threads ${bestBare.threads}, batch ${bestBare.batch})`);

// Control: the same event-loop monitor with nothing running in this process, to tell the machine's own
// scheduling delay (other processes on the cores) from anything the scorer does.
{
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, 3000));
  h.disable();
  idleDelay = { max: h.max / 1e6, p99: h.percentile(99) / 1e6 };
  console.log(
    `\ncontrol: event-loop delay with this process idle for 3 s: max ${idleDelay.max.toFixed(1)} ms (p99 ${idleDelay.p99.toFixed(1)} ms)`,
  );
}

console.log('\n(b) the extension scorer through the worker pool (tokenisation in workers, run file written):');
let bestPool = { rate: 0 };
let worstDelay = 0;
const configs = [
  ...new Map([
    [`${cores}x1`, [cores, 1]],
    [`1x${cores}`, [1, cores]],
  ]).values(),
];
for (const [workers, intra] of configs) {
  for (const batch of [...new Set([8, bestBare.batch])]) {
    const r = await poolRun(data, workers, intra, batch);
    console.log(
      `    ${workers} worker(s) × ${intra} intra-op thread(s), batch ${batch}: ${r.rate.toFixed(1)} responses/s (${r.perCpuSecond.toFixed(1)} per CPU-second), ` +
        `event-loop delay max ${r.maxDelayMs.toFixed(1)} ms (p99 ${r.p99DelayMs.toFixed(1)} ms), loop busy ${(100 * r.elu).toFixed(1)}% of the time`,
    );
    worstDelay = Math.max(worstDelay, r.maxDelayMs);
    if (r.rate > bestPool.rate) bestPool = { ...r, workers, intra, batch };
  }
}
console.log(
  `    best: ${bestPool.rate.toFixed(1)} responses/s (${bestPool.workers}×${bestPool.intra}, batch ${bestPool.batch})`,
);

// The machine is shared and rates drift by tens of percent between minutes: the ratio comes from the two best
// configurations measured alternately, side by side, summed over the rounds (not from best-of-all figures).
console.log('\nhead-to-head, alternating rounds (best configuration of each):');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 4);
const sum = { bare: 0, pool: 0, bareCpu: 0, poolCpu: 0 };
for (let round = 1; round <= ROUNDS; round++) {
  const a = await bareLoop(seqs, 0, bestBare.threads, bestBare.batch);
  const b = await poolRun(data, bestPool.workers, bestPool.intra, bestPool.batch);
  worstDelay = Math.max(worstDelay, b.maxDelayMs);
  console.log(
    `    round ${round}: bare ${a.rate.toFixed(1)}, pool ${b.rate.toFixed(1)} responses/s (ratio ${(b.rate / a.rate).toFixed(3)}); ` +
      `per CPU-second bare ${a.perCpuSecond.toFixed(1)}, pool ${b.perCpuSecond.toFixed(1)}; event-loop max ${b.maxDelayMs.toFixed(1)} ms`,
  );
  sum.bare += a.rate;
  sum.pool += b.rate;
  sum.bareCpu += a.perCpuSecond;
  sum.poolCpu += b.perCpuSecond;
}

console.log('\nsummary');
console.log(
  `  (a) bare loop          ${(sum.bare / ROUNDS).toFixed(1)} responses/s (mean of ${ROUNDS} rounds; best in the sweep ${bestBare.rate.toFixed(1)}, threads ${bestBare.threads}, batch ${bestBare.batch})`,
);
console.log(
  `  (b) worker pool        ${(sum.pool / ROUNDS).toFixed(1)} responses/s (mean of the same rounds; ${bestPool.workers} worker(s) × ${bestPool.intra}, batch ${bestPool.batch})`,
);
console.log(
  `  (c) ratio b/a          ${(sum.pool / sum.bare).toFixed(3)} (goal ≥ 0.95; rounds alternate, so both see the same machine)`,
);
console.log(
  `      per CPU-second: bare ${(sum.bareCpu / ROUNDS).toFixed(1)}, pool ${(sum.poolCpu / ROUNDS).toFixed(1)}, ratio ${(sum.poolCpu / sum.bareCpu).toFixed(3)} ` +
    '(the work the pool adds per response: tokenisation, messages, run file; robust when other processes share the cores)',
);
console.log(
  `  (d) worst event-loop delay in the caller during (b): ${worstDelay.toFixed(1)} ms over all pool runs (limit 50 ms); ` +
    `with this process idle: ${idleDelay.max.toFixed(1)} ms`,
);
const pressure = fs.existsSync('/proc/pressure/cpu')
  ? fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]
  : 'n/a';
console.log(
  `      (delay while the loop is idle = waiting for a core; the loop's own busy share is the ELU above. CPU pressure now: ${pressure})`,
);
