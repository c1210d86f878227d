// An in-memory RecordSource whose index can grow on demand, for the editor-session tests.
import type { DatasetRecord, Label, PreferencePair } from '../../../src/core/dataset/types';
import type { RecordSource } from '../../../src/core/view/recordSource';

export function pair(index: number, over: Partial<PreferencePair> = {}): PreferencePair {
  const labels: Label[] = ['A', 'B', 'tie'];
  return {
    kind: 'pair',
    index,
    line: index + 1,
    id: `p${index}`,
    task: index % 2 ? 'T2I' : 'T2T',
    prompt: [{ type: 'text', text: `prompt number ${index}` }],
    a: { parts: [{ type: 'text', text: 'answer a' }] },
    b: { parts: [{ type: 'text', text: 'answer b' }] },
    label: labels[index % 3],
    labelKind: 'explicit',
    format: 'omni-rewardbench',
    raw: {},
    ...over,
  };
}

export class FakeSource implements RecordSource {
  count: number;
  indexDone: boolean;
  reads = 0;
  constructor(
    readonly records: DatasetRecord[],
    indexed = records.length,
  ) {
    this.count = indexed;
    this.indexDone = indexed === records.length;
  }
  grow(to: number): void {
    this.count = Math.min(to, this.records.length);
    this.indexDone = this.count === this.records.length;
  }
  async read(indices: number[]): Promise<DatasetRecord[]> {
    this.reads++;
    return indices.map((i) => {
      if (i >= this.count) throw new Error(`read beyond the index: ${i}`);
      return this.records[i];
    });
  }
}

export function records(n: number, errorEvery = 0): DatasetRecord[] {
  return Array.from({ length: n }, (_, i): DatasetRecord =>
    errorEvery && i % errorEvery === errorEvery - 1
      ? { kind: 'error', index: i, line: i + 1, message: `line ${i + 1}: not JSON`, text: '{oops' }
      : pair(i),
  );
}
