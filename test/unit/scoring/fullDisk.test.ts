// A full disk while scoring: the first failed write stops the run with how much is kept, removes the partial
// run, and partial runs left by killed processes are swept at the next start.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mock, test } from 'node:test';
import type { DatasetRecord } from '../../../src/core/dataset/types';
import { createLengthBaseline } from '../../../src/core/scoring/lengthBaseline';
import { parseRun } from '../../../src/core/scoring/run';
import { partialRunFile } from '../../../src/core/scoring/runStore';
import { scoreDataset, type PairSource } from '../../../src/core/scoring/scoreDataset';
import type { Scorer } from '../../../src/core/scoring/scorer';

const N = 3000;
const DEAD_PID = 2 ** 22 + 12345; // above Linux's largest pid_max: never a live process

// Equal-length pairs, so length sorting keeps file order and "kept up to pair N" is exact.
function source(file: string): PairSource {
  return {
    path: file,
    format: 'test',
    recordCount: N,
    async *records(): AsyncIterable<DatasetRecord> {
      for (let i = 0; i < N; i++) {
        const t = (s: string) => [{ type: 'text' as const, text: `${s}${String(i).padStart(5, '0')}` }];
        yield {
          kind: 'pair',
          index: i,
          line: i + 1,
          id: `p${i}`,
          prompt: t('q'),
          a: { parts: t('a') },
          b: { parts: t('b b') },
          label: 'A',
          labelKind: 'explicit',
          format: 'test',
          raw: {},
        };
      }
    },
  };
}

function setup(t: { after(fn: () => void): void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-fulldisk-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const data = path.join(dir, 'pairs.jsonl');
  fs.writeFileSync(data, 'x\n');
  return { dir, data, runFile: path.join(dir, 'runs', 'pairs.len.jsonl'), runs: path.join(dir, 'runs') };
}

/** The length baseline, counting the pairs it was asked for and yielding to I/O between batches. */
function countingScorer(): Scorer & { responses: number } {
  const inner = createLengthBaseline();
  const s = {
    responses: 0,
    info: inner.info,
    async scoreBatch(inputs: Parameters<Scorer['scoreBatch']>[0]) {
      s.responses += inputs.length;
      await new Promise((r) => setImmediate(r));
      return inner.scoreBatch(inputs);
    },
    dispose: () => inner.dispose(),
  };
  return s;
}

/** FileHandle.appendFile that fails with ENOSPC from the `failAt`-th chunk of run entries, after writing half of it. */
async function injectFullDisk(t: { after(fn: () => void): void }, failAt: number) {
  const probe = await fs.promises.open(os.devNull, 'r');
  const proto = Object.getPrototypeOf(probe) as fs.promises.FileHandle;
  await probe.close();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called below with the handle as `this`
  const real = proto.appendFile;
  let chunks = 0;
  const m = mock.method(
    proto,
    'appendFile',
    async function (this: fs.promises.FileHandle, data: string, enc?: BufferEncoding) {
      if (typeof data === 'string' && data.includes('"score_a"') && ++chunks >= failAt) {
        await real.call(this, data.slice(0, data.length >> 1), enc);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'write',
        });
      }
      return real.call(this, data, enc);
    },
  );
  t.after(() => m.mock.restore());
}

const opts = (data: string, runFile: string, runs: string, scorer: Scorer) => ({
  source: source(data),
  scorer,
  runFile,
  cacheFolder: runs,
  model: { id: 'len' },
  batchSize: 8,
  inFlight: 1,
  window: 64,
});

test('a full disk on a fresh run stops it, says so, and leaves no partial run or torn line', async (t) => {
  const { data, runFile, runs } = setup(t);
  await injectFullDisk(t, 1);
  const scorer = countingScorer();
  await assert.rejects(scoreDataset(opts(data, runFile, runs, scorer)), (e: Error) => {
    assert.match(
      e.message,
      /^no space left on device \(run kept up to pair 0\); free space on the disk holding .*runs and score again to resume$/,
    );
    return true;
  });
  assert.ok(scorer.responses < 2 * N, `stopped early (${scorer.responses / 2} of ${N} pairs scored)`);
  assert.deepEqual(
    fs.readdirSync(runs).filter((f) => f !== 'cache'),
    [],
    'no run, partial or temp file',
  );
  // The cache was cut back to whole lines.
  for (const f of fs.readdirSync(path.join(runs, 'cache'))) {
    const text = fs.readFileSync(path.join(runs, 'cache', f), 'utf8');
    assert.ok(text === '' || text.endsWith('\n'), 'cache ends on a complete line');
  }
});

test('a full disk while appending to a run keeps it up to the last complete write and says up to which pair', async (t) => {
  const { data, runFile, runs } = setup(t);
  // A complete run, then cut to its first 100 entries: the next run appends to it.
  await scoreDataset({ ...opts(data, runFile, runs, countingScorer()), cacheFolder: undefined });
  const lines = fs.readFileSync(runFile, 'utf8').split('\n');
  fs.writeFileSync(runFile, lines.slice(0, 101).join('\n') + '\n');
  await injectFullDisk(t, 2); // the first chunk of entries lands, the second fails half-written
  let kept = -1;
  await assert.rejects(
    scoreDataset({ ...opts(data, runFile, runs, countingScorer()), cacheFolder: undefined }),
    (e: Error) => {
      kept = Number(/^no space left on device \(run kept up to pair (\d+)\)/.exec(e.message)?.[1]);
      return true;
    },
  );
  assert.ok(kept > 100 && kept < N, `kept up to pair ${kept}`);
  const run = parseRun(fs.readFileSync(runFile, 'utf8'));
  assert.deepEqual(
    [...run.entries.keys()].sort((x, y) => x - y),
    Array.from({ length: kept }, (_, i) => i),
    'pairs 1…N, no more',
  );
  assert.ok(fs.readFileSync(runFile, 'utf8').endsWith('\n'), 'no torn last line');
  assert.deepEqual(
    fs.readdirSync(runs).filter((f) => f !== path.basename(runFile)),
    [],
  );
});

test('partial runs of killed processes are swept at the next start; a live one elsewhere is left', async (t) => {
  const { data, runFile, runs } = setup(t);
  fs.mkdirSync(runs, { recursive: true });
  const mine = partialRunFile(runFile).replace(`-${process.pid}.partial`, `-${DEAD_PID}.partial`);
  const killed = [mine, `${mine}.${DEAD_PID}.tmp`, `${runFile}.other-host-77.partial`];
  const live = `${runFile}.another-host-88.partial`;
  for (const f of [...killed, live]) fs.writeFileSync(f, '{"type":"header"}\n');
  const old = new Date(Date.now() - 2 * 24 * 3600_000);
  fs.utimesSync(killed[2], old, old); // untouched for two days on another host
  const unrelated = path.join(runs, 'other.len.jsonl.1.partial');
  fs.writeFileSync(unrelated, '');
  await scoreDataset(opts(data, runFile, runs, countingScorer()));
  for (const f of killed) assert.equal(fs.existsSync(f), false, `${path.basename(f)} swept`);
  assert.equal(fs.existsSync(live), true, 'a partial run another host may still be writing is left');
  assert.equal(fs.existsSync(unrelated), true, "another run's partial is not this run's");
  assert.equal(parseRun(fs.readFileSync(runFile, 'utf8')).entries.size, N);
});
