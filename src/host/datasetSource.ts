// The core Dataset as the editor session's RecordSource: contiguous indices are read in one pass.
import type { Dataset } from '../core/dataset/dataset';
import type { DatasetRecord } from '../core/dataset/types';
import type { RecordSource } from '../core/view/recordSource';

export class DatasetSource implements RecordSource {
  constructor(private readonly ds: () => Dataset) {}

  get count(): number {
    return this.ds().recordCount;
  }

  get indexDone(): boolean {
    return this.ds().indexDone;
  }

  async read(indices: number[]): Promise<DatasetRecord[]> {
    const out: DatasetRecord[] = [];
    for (let i = 0; i < indices.length;) {
      let j = i + 1;
      while (j < indices.length && indices[j] === indices[j - 1] + 1) j++;
      out.push(...(await this.ds().readRecords(indices[i], j - i)));
      i = j;
    }
    return out;
  }
}
