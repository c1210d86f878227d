// Worker-thread entry: loads one model (tokeniser, template, onnxruntime session) and scores the batches it is sent.
// Bundled to dist/scoreWorker.js; run from source through tsx in tests.
process.env.ORT_DISABLE_TELEMETRY = '1';

import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadScorer, type LoadOptions, type ModelRef } from './modelFolder';
import { ModelLoadError, type Scorer, type ScoreInput } from './scorer';
import type { ToPool, ToWorker } from './workerProtocol';

export interface ScoreWorkerData {
  ref: ModelRef;
  load: LoadOptions;
  /** Tests only: exit the thread when a response text equals `text` (once, when `onceFile` is given). */
  testCrash?: { text: string; onceFile?: string };
}

const data = workerData as ScoreWorkerData;
const port = parentPort!;
const post = (m: ToPool) => port.postMessage(m);

function crashRequested(inputs: ScoreInput[]): boolean {
  const c = data.testCrash;
  if (!c || !inputs.some((i) => i.response.parts.some((p) => p.type === 'text' && p.text === c.text))) return false;
  if (!c.onceFile) return true;
  if (fs.existsSync(c.onceFile)) return false;
  fs.writeFileSync(c.onceFile, 'crashed');
  return true;
}

async function main(): Promise<void> {
  let scorer: Scorer;
  try {
    scorer = await loadScorer(data.ref, data.load);
  } catch (e) {
    const file = e instanceof ModelLoadError ? e.file : (data.ref.path ?? data.ref.id);
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'loadError', file, message: e instanceof ModelLoadError ? message.slice(file.length + 2) : message });
    return;
  }
  post({ type: 'ready', info: scorer.info });
  // One batch at a time: the pool keeps a second one queued here so the session never waits for the main thread.
  let chain = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'close') {
      chain = chain.then(() => scorer.dispose()).then(() => port.close());
      return;
    }
    chain = chain.then(async () => {
      if (crashRequested(m.inputs)) process.exit(3);
      try {
        post({ type: 'scored', id: m.id, results: await scorer.scoreBatch(m.inputs) });
      } catch (e) {
        post({ type: 'failed', id: m.id, message: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    });
  });
}

void main();
