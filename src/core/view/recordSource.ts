// What the editor session needs of a dataset: how many records are indexed so far, and lazy reads by index.
import type { DatasetRecord } from '../dataset/types';

export interface RecordSource {
  /** Records indexed so far (grows while the index is being built). */
  readonly count: number;
  /** True once the index covers the whole file. */
  readonly indexDone: boolean;
  /** Reads and parses the records at these indices (each < count), in the same order. */
  read(indices: number[]): Promise<DatasetRecord[]>;
}
