// A pool of score workers (worker_threads), one model each: batches queue here and go to the first free worker.
// A worker that dies is replaced and its batches are retried once; then their records get an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelRef } from './modelFolderReader';
import type { ScoreWorkerData } from './scoreWorker';
import { ModelLoadError, type Scorer, type ScoreInput, type ScoreResult, type ScorerInfo } from './scorer';
import type { ToPool, ToWorker } from './workerProtocol';

export interface PoolOptions {
  /** Worker threads (default: see defaultThreads). */
  workers?: number;
  /** onnxruntime intra-op threads per worker. */
  intraOpThreads?: number;
  /** Batches queued in each worker beyond the one it runs, so it never waits for the caller. */
  prefetch?: number;
  /** Tests only: see ScoreWorkerData.testCrash. */
  testCrash?: ScoreWorkerData['testCrash'];
}

/**
 * Threads split into workers × intra-op threads. One worker per thread keeps tokenisation of the next batch off the
 * critical path (best on 2 cores); past 4 workers each extra session costs a model's memory, so threads go intra-op.
 */
export function defaultThreads(threads = Math.max(1, os.availableParallelism?.() ?? os.cpus().length)): {
  workers: number;
  intraOpThreads: number;
} {
  const workers = Math.min(threads, 4);
  return { workers, intraOpThreads: Math.max(1, Math.floor(threads / workers)) };
}

interface Task {
  id: number;
  inputs: ScoreInput[];
  attempts: number;
  resolve: (r: ScoreResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  inFlight: Map<number, Task>;
  /** Set when we asked it to stop: its exit is not a crash. */
  closing: boolean;
}

/** The worker entry: the bundled dist/scoreWorker.js next to this bundle, or the TypeScript source under tsx. */
function workerEntry(): { file: string; eval: boolean } {
  const js = path.join(__dirname, 'scoreWorker.js');
  if (fs.existsSync(js)) return { file: js, eval: false };
  const ts = path.join(__dirname, 'scoreWorker.ts');
  // Node 20 resolves a worker's .ts entry before --import hooks run, so register tsx from a tiny CJS shim.
  if (fs.existsSync(ts))
    return {
      file: `const r = require('node:module').createRequire(${JSON.stringify(ts)}); r('tsx/cjs/api').register(); r(${JSON.stringify(ts)});`,
      eval: true,
    };
  throw new Error(`score worker not found next to ${__dirname} (run the build)`);
}

export class WorkerPool implements Scorer {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private fatal: Error | undefined;
  info!: ScorerInfo;
  /** Worker restarts after crashes, for logs and tests. */
  restarts = 0;

  private constructor(
    private readonly ref: ModelRef,
    private readonly opts: Required<Omit<PoolOptions, 'testCrash'>> & Pick<PoolOptions, 'testCrash'>,
  ) {}

  /** Starts the workers and waits until each has loaded the model; a model that cannot load rejects with ModelLoadError. */
  static async start(ref: ModelRef, options: PoolOptions = {}): Promise<WorkerPool> {
    const d = defaultThreads();
    const pool = new WorkerPool(ref, {
      workers: Math.max(1, options.workers ?? d.workers),
      intraOpThreads: Math.max(1, options.intraOpThreads ?? d.intraOpThreads),
      prefetch: options.prefetch ?? 1,
      testCrash: options.testCrash,
    });
    try {
      // The first worker alone first: a bad model fails once, with one message, and hashing runs once.
      await pool.spawn();
      await Promise.all(Array.from({ length: pool.opts.workers - 1 }, () => pool.spawn()));
    } catch (e) {
      await pool.dispose();
      throw e;
    }
    return pool;
  }

  private spawn(): Promise<void> {
    const entry = workerEntry();
    const data: ScoreWorkerData = {
      ref: this.ref,
      load: { intraOpThreads: this.opts.intraOpThreads, knownHash: this.info?.hash },
      testCrash: this.opts.testCrash,
    };
    const worker = new Worker(entry.file, {
      workerData: data,
      eval: entry.eval,
      env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, inFlight: new Map(), closing: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (m: ToPool) => {
        switch (m.type) {
          case 'ready':
            slot.ready = true;
            this.info ??= m.info;
            resolve();
            this.dispatch();
            break;
          case 'loadError':
            slot.closing = true;
            reject(new ModelLoadError(m.file, m.message));
            void worker.terminate();
            break;
          case 'scored':
          case 'failed': {
            const task = slot.inFlight.get(m.id);
            if (!task) break;
            slot.inFlight.delete(m.id);
            if (m.type === 'scored') task.resolve(m.results);
            else task.resolve(task.inputs.map(() => ({ error: `the model failed on this batch: ${m.message}` })));
            this.dispatch();
            break;
          }
        }
      });
      worker.on('error', (e) => {
        if (!slot.ready) reject(new Error(`score worker failed to start: ${e.message}`));
        this.onDeath(slot, e.message);
      });
      worker.on('exit', (code) => {
        if (!slot.ready && !slot.closing)
          reject(new Error(`score worker exited (code ${code}) before loading the model`));
        this.onDeath(slot, `exit code ${code}`);
      });
    });
  }

  private onDeath(slot: Slot, why: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.closing || this.closed) return;
    const orphans = [...slot.inFlight.values()];
    slot.inFlight.clear();
    for (const t of orphans.reverse()) {
      if (t.attempts < 2) this.queue.unshift(t);
      else t.resolve(t.inputs.map(() => ({ error: `the score worker crashed on this batch twice (${why})` })));
    }
    if (!slot.ready) return;
    this.restarts++;
    this.spawn().catch((e: Error) => {
      // The model loaded before, so a failed restart leaves no way to go on: fail what is left.
      this.fatal = e;
      if (this.slots.length === 0) for (const t of this.queue.splice(0)) t.reject(e);
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && !slot.closing && slot.inFlight.size <= this.opts.prefetch && this.queue.length) {
        const task = this.queue.shift()!;
        task.attempts++;
        slot.inFlight.set(task.id, task);
        const msg: ToWorker = { type: 'score', id: task.id, inputs: task.inputs };
        slot.worker.postMessage(msg);
      }
    }
  }

  /** Batches waiting for a worker (not yet sent). */
  get queued(): number {
    return this.queue.length;
  }

  scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.fatal && this.slots.length === 0) return Promise.reject(this.fatal);
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, inputs, attempts: 0, resolve, reject });
      this.dispatch();
    });
  }

  /** Drops batches not yet sent to a worker (cancel); they reject with `reason`. */
  clearQueue(reason = 'cancelled'): void {
    for (const t of this.queue.splice(0)) t.reject(new Error(reason));
  }

  async dispose(): Promise<void> {
    this.closed = true;
    this.clearQueue('the worker pool closed');
    await Promise.all(
      this.slots.map((s) => {
        s.closing = true;
        for (const t of s.inFlight.values()) t.reject(new Error('the worker pool closed'));
        return s.worker.terminate();
      }),
    );
    this.slots.length = 0;
  }
}
