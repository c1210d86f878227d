// Indexing and `inspect` over a ~1 GB Omni-RewardBench-like JSONL, beside `wc -l` on the same file.
// Run: npm run bench:index. The file is generated once into .bench/; the CLI is bundled there as in esbuild.mjs.
// Prints time, records/s and peak RSS of each, and ratios; never fails on time.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const FILE = join(ROOT, '.bench', 'omni-1gb.jsonl');
const TARGET_BYTES = 1_000_000_000;

// ── data: deterministic, realistic records (~1.4 KB: prose prompt, two responses, criterion, media paths) ──
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const WORDS = (
  'the a model response image video audio should prefer answer concise accurate helpful harmless ' +
  'describe explain scene person object color light sound music speech object texture detail step ' +
  'because however therefore first second finally user asks about how why what when where which ' +
  'quality faithful prompt follows instruction style natural smooth clear sharp noisy blurry good ' +
  'über café naïve 画像 音声 — “quoted” \\"escaped\\"'
).split(' ');
const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const TASKS = ['T2T', 'TI2T', 'TV2T', 'TA2T', 'T2I', 'T2V', 'T2A', 'T23D', 'TI2I'] as const;
const MODELS = [
  'gpt-4o',
  'claude-3-5-sonnet',
  'llama-3.1-70b',
  'qwen2.5-vl-72b',
  'sdxl',
  'flux.1-dev',
  'cogvideox',
  'audioldm2',
];

function record(n: number): string {
  const task = TASKS[n % TASKS.length];
  const textOut = task.endsWith('2T');
  const r: Record<string, unknown> = {
    id: `${task.toLowerCase()}-${n}`,
    task,
    prompt: words(27 + Math.floor(rand() * 22)),
  };
  if (task === 'TI2T' || task === 'TI2I')
    Object.assign(r, { image: `images/${n}.jpg`, image_path: `media_data/images/${n}.jpg` });
  if (task === 'TV2T') r.video = `videos/${n}.mp4`;
  if (task === 'TA2T') Object.assign(r, { audio: `audio/${n}.wav`, audio_path: `media_data/audio/${n}.wav` });
  if (textOut) {
    r.response1 = words(40 + Math.floor(rand() * 22));
    r.response2 = words(40 + Math.floor(rand() * 22));
  } else {
    const ext = { T2I: 'png', T2V: 'mp4', T2A: 'wav', T23D: 'png', TI2I: 'png' }[task as 'T2I'];
    r.response1 = `${task}/${n}_1.${ext}`;
    r.response2 = `${task}/${n}_2.${ext}`;
    r.response1_path = `media_data/${task}/${n}_1.${ext}`;
    r.response2_path = `media_data/${task}/${n}_2.${ext}`;
    r.prompt = words(100 + Math.floor(rand() * 36));
  }
  Object.assign(r, {
    model1: pick(MODELS),
    model2: pick(MODELS),
    criteria: words(22 + Math.floor(rand() * 16)),
    criteria_preference: pick(['response1', 'response2', 'tie']),
  });
  return JSON.stringify(r);
}

async function generate(): Promise<void> {
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  const tmp = FILE + '.part';
  const out = createWriteStream(tmp, { highWaterMark: 4 << 20 });
  let bytes = 0;
  let n = 0;
  const t0 = Date.now();
  while (bytes < TARGET_BYTES) {
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++) lines.push(record(n++));
    const chunk = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error) => (e ? j(e) : r())));
  renameSync(tmp, FILE);
  console.log(
    `generated ${FILE}: ${n} records, ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

// ── measuring: each subject runs in its own process under /usr/bin/time -v (peak RSS) ──
interface Figure {
  name: string;
  seconds: number;
  records: number;
  rssMb: number;
  /** user + system CPU seconds (the machine may be shared: wall time then says less). */
  cpu: number;
  stdout: string;
}

function measure(name: string, cmd: string[], records: (stdout: string) => number): Figure {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const cpu = ['User', 'System'].reduce(
    (sum, k) => sum + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN),
    0,
  );
  return { name, seconds, records: records(r.stdout), rssMb: rss ? Number(rss[1]) / 1024 : NaN, cpu, stdout: r.stdout };
}

async function main(): Promise<void> {
  if (!existsSync(FILE)) await generate();
  // Both subjects are bundled as esbuild.mjs does, and run with plain node (no tsx in their RSS).
  const cli = join(ROOT, '.bench', 'cli.js');
  const indexOnce = join(ROOT, '.bench', 'indexOnce.js');
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['vscode', 'onnxruntime-node'],
    logLevel: 'warning',
  };
  await build({ ...common, entryPoints: [join(ROOT, 'src', 'cli.ts')], outfile: cli });
  await build({ ...common, entryPoints: [join(ROOT, 'bench', 'indexOnce.ts')], outfile: indexOnce });
  const size = statSync(FILE).size;
  const load = loadavg();
  // Warm the page cache so every subject reads from memory, as the second open in an editor would.
  spawnSync('cat', [FILE], { stdio: ['ignore', 'ignore', 'inherit'] });

  const wc = measure('wc -l', ['wc', '-l', FILE], (out) => Number(out.trim().split(/\s+/)[0]));
  const index = measure(
    'index (lineIndex, process)',
    [process.execPath, indexOnce, FILE],
    (out) => JSON.parse(out).records,
  );
  const inspect = measure(
    'inspect --json (bundled CLI)',
    [process.execPath, cli, 'inspect', '--json', FILE],
    (out) => JSON.parse(out).records,
  );
  const indexInfo = JSON.parse(index.stdout);
  const inProcess: Figure = { ...index, name: 'index (lineIndex, in-process)', seconds: indexInfo.ms / 1000, cpu: NaN };

  console.log(`\nfile: ${FILE} (${(size / 1e6).toFixed(0)} MB, ${wc.records} lines), node ${process.version}\n`);
  console.log(`load average before the runs: ${load.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
  console.log('subject                          time s   records/s     MB/s   peak RSS MB   cpu s');
  for (const f of [wc, inProcess, index, inspect]) {
    console.log(
      `${f.name.padEnd(32)} ${f.seconds.toFixed(2).padStart(6)} ${Math.round(f.records / f.seconds)
        .toLocaleString('en-US')
        .padStart(
          11,
        )} ${(size / 1e6 / f.seconds).toFixed(0).padStart(8)} ${f.rssMb.toFixed(0).padStart(13)} ${(Number.isNaN(f.cpu) ? '-' : f.cpu.toFixed(2)).padStart(7)}`,
    );
  }
  const ratio = (a: Figure, b: Figure) => `${(a.seconds / b.seconds).toFixed(1)}x`;
  console.log(
    `\ntime ratios: index(in-process) / wc -l ${ratio(inProcess, wc)}; index(process) / wc -l ${ratio(index, wc)}; inspect / wc -l ${ratio(inspect, wc)}; inspect / index(process) ${ratio(inspect, index)}`,
  );
  console.log(
    '(index(process) and inspect include node start-up; in-process is the indexing call alone; the RSS column of in-process is its whole process)',
  );
  console.log(
    `index columns: ${(indexInfo.indexBytes / 1e6).toFixed(1)} MB = ${(indexInfo.indexBytes / indexInfo.records).toFixed(1)} bytes a record`,
  );
  console.log(
    `inspect peak RSS ${inspect.rssMb.toFixed(0)} MB (budget 600 MB): ${inspect.rssMb < 600 ? 'within' : 'OVER'}`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
