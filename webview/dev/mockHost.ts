// A HostApi for the plain browser page: the real EditorSession over records served by the dev server, so the
// app runs, scrolls and filters exactly as in VS Code, without VS Code. Options simulate huge files and slow indexing.
import type { DatasetRecord } from '../../src/core/dataset/types';
import type { RunEntry } from '../../src/core/scoring/run';
import { EditorSession } from '../../src/core/view/editorSession';
import type { RecordSource } from '../../src/core/view/recordSource';
import type { LoadedRun } from '../../src/core/view/rowView';
import type { ToWebviewMessage, WebviewState } from '../../src/protocol';
import type { HostApi, RequestMessage } from '../hostApi';
import type { DevData } from './devData';

export interface MockOptions {
  /** Pretend the file has this many records (the real ones repeated). */
  records?: number;
  /** Spread indexing over this many milliseconds, to show the progress bar and the early first page. */
  indexMs?: number;
  /** Add a synthetic run so the verdict and margin columns show. */
  run?: boolean;
}

class RepeatingSource implements RecordSource {
  count = 0;
  indexDone = false;
  constructor(
    private readonly data: DevData,
    readonly total: number,
  ) {}

  async read(indices: number[]): Promise<DatasetRecord[]> {
    return indices.map((i) => {
      const base = this.data.records[i % this.data.records.length];
      const lap = Math.floor(i / this.data.records.length);
      return lap === 0
        ? base
        : { ...base, index: i, line: i + 1, ...(base.kind === 'pair' ? { id: `${base.id}~${lap}` } : {}) };
    });
  }
}

function syntheticRun(total: number): LoadedRun {
  const entries = new Map<number, RunEntry>();
  for (let i = 0; i < Math.min(total, 200_000); i++) {
    const a = Math.sin(i * 12.9898) * 3;
    const b = Math.cos(i * 78.233) * 3;
    entries.set(i, { index: i, line: i + 1, id: String(i), score_a: a, score_b: b });
  }
  return { id: 'dev-run', model: 'tiny-rm (synthetic)', entries };
}

export function mockHost(data: DevData, opts: MockOptions = {}): HostApi {
  const total = opts.records ?? data.records.length;
  const source = new RepeatingSource(data, total);
  const listeners: ((m: ToWebviewMessage) => void)[] = [];
  const runs = opts.run ? [syntheticRun(total)] : [];
  const session = new EditorSession({
    source,
    fileName: data.fileName,
    format: () => data.format,
    runs: () => runs,
    // The synthetic run is judged at ε = 0 (the dev page has no analysis host to calibrate it).
    judging: () =>
      runs[0]
        ? {
            a: { name: runs[0].model, entries: runs[0].entries, bradleyTerry: false, epsilon: () => 0 },
            threshold: 0.9,
          }
        : undefined,
    resolveMedia: async (ref) => {
      const base = { modality: ref.modality, ...(ref.mime ? { mime: ref.mime } : {}) };
      if (ref.source.kind === 'data') return { ...base, src: ref.source.uri };
      if (ref.source.kind === 'url')
        return {
          ...base,
          error: 'remote media is not loaded unless rewardLens.allowRemoteMedia is on',
          tried: [ref.source.url],
        };
      if (ref.source.kind === 'embedded')
        return { ...base, error: 'embedded media is not served by the mock host', tried: [] };
      const found = data.media[ref.source.path];
      return { ...base, label: ref.source.path, ...(found ?? { error: 'not resolved by the dev server', tried: [] }) };
    },
    // Events cross an async boundary in VS Code too.
    send: (m) => setTimeout(() => listeners.forEach((l) => l(structuredClone(m))), 0),
  });

  const grow = () => {
    const steps = 20;
    let step = 0;
    const tick = () => {
      step++;
      source.count = Math.floor((total * step) / steps);
      source.indexDone = step === steps;
      session.indexProgress({ bytes: step, total: steps, records: source.count, done: source.indexDone });
      if (step < steps) setTimeout(tick, (opts.indexMs ?? 0) / steps);
    };
    tick();
  };
  if (opts.indexMs) grow();
  else {
    source.count = total;
    source.indexDone = true;
    session.indexProgress({ bytes: 1, total: 1, records: total, done: true });
  }

  const key = `reward-lens-dev-state:${data.fileName}`;
  return {
    request: async <M extends RequestMessage>(msg: M) => {
      const reply = await session.handle(structuredClone(msg));
      return structuredClone(reply) as never;
    },
    notify: (msg) => void session.handle(msg),
    onEvent: (l) => listeners.push(l),
    getState: () => {
      const s = sessionStorage.getItem(key);
      return s ? (JSON.parse(s) as WebviewState) : undefined;
    },
    setState: (s) => sessionStorage.setItem(key, JSON.stringify(s)),
  };
}
