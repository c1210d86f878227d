// The list's rows under a filter: record numbers found by a streaming, cancellable scan that keeps up with
// an index that is still growing. The webview only ever sees the page it asks for.
import type { DatasetRecord } from '../dataset/types';
import type { RowFilter } from '../../protocol';
import { isEmptyFilter } from './filterKey';
import { compileFilter } from './rowFilter';
import { orderByKey } from '../analysis/rowFacts';
import type { RecordSource } from './recordSource';

/** Analysis extras (src/core/analysis/rowFacts.ts): a predicate that knows the runs, and a sort key. */
export interface ViewOptions {
  /** Replaces the plain filter's predicate (it already includes it). */
  keep?: (r: DatasetRecord) => boolean;
  /** Ascending key; undefined sorts last. A sorted view shows no rows until its scan is done. */
  sortKey?: (r: DatasetRecord) => number | undefined;
}

export interface ViewProgress {
  total: number;
  scanned: number;
  done: boolean;
}

const BATCH = 512;

/** setImmediate in Node (the host), setTimeout in a browser (the mock host). */
const yieldToLoop = (): Promise<void> =>
  new Promise((r) => {
    // Looked up through globalThis: the webview's compiler config has no Node types.
    const g = globalThis as { setImmediate?: (callback: () => void) => unknown };
    if (typeof g.setImmediate === 'function') g.setImmediate(r);
    else setTimeout(r, 0);
  });

export class FilteredView {
  private matches = new Uint32Array(1024);
  private found = 0;
  private scanned = 0;
  private running = false;
  private disposed = false;
  private readonly identity: boolean;
  private readonly keep: (r: DatasetRecord) => boolean;
  private keys: number[] = [];
  private sorted = false;

  constructor(
    private readonly source: RecordSource,
    filter: RowFilter,
    private readonly onProgress: (p: ViewProgress) => void = () => {},
    /** Yields between batches so the host stays responsive; tests may pass a no-op. */
    private readonly yieldFn: () => Promise<void> = yieldToLoop,
    private readonly options: ViewOptions = {},
  ) {
    this.identity = isEmptyFilter(filter) && !options.keep && !options.sortKey;
    this.keep = options.keep ?? compileFilter(filter);
  }

  /** Rows in the view so far (a sorted view: none until sorted). */
  get total(): number {
    if (this.options.sortKey && !this.sorted) return 0;
    return this.identity ? this.source.count : this.found;
  }

  get done(): boolean {
    return (
      this.source.indexDone &&
      (this.identity || this.scanned >= this.source.count) &&
      (!this.options.sortKey || this.sorted)
    );
  }

  get progress(): ViewProgress {
    return { total: this.total, scanned: this.identity ? this.source.count : this.scanned, done: this.done };
  }

  /** Record numbers of view rows [start, start + count). */
  slice(start: number, count: number): number[] {
    const end = Math.min(this.total, start + count);
    const out: number[] = [];
    for (let i = Math.max(0, start); i < end; i++) out.push(this.identity ? i : this.matches[i]);
    return out;
  }

  /** Position of a record in the view, or -1 (binary search: matches are ascending). */
  positionOf(index: number): number {
    if (this.identity) return index < this.source.count ? index : -1;
    if (this.options.sortKey) return this.matches.subarray(0, this.found).indexOf(index);
    let lo = 0;
    let hi = this.found - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.matches[mid];
      if (v === index) return mid;
      if (v < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Scans whatever has been indexed and not yet scanned; call again when the index grows. Resolves when caught up. */
  async pump(): Promise<void> {
    if (this.identity || this.running || this.disposed) return;
    this.running = true;
    try {
      while (!this.disposed && this.scanned < this.source.count) {
        const end = Math.min(this.source.count, this.scanned + BATCH);
        const indices: number[] = [];
        for (let i = this.scanned; i < end; i++) indices.push(i);
        const records = await this.source.read(indices);
        if (this.disposed) return;
        for (const r of records)
          if (this.keep(r)) {
            this.push(r.index);
            if (this.options.sortKey) this.keys.push(this.options.sortKey(r) ?? NaN);
          }
        this.scanned = end;
        this.onProgress(this.progress);
        await this.yieldFn();
      }
      if (
        this.options.sortKey &&
        !this.sorted &&
        !this.disposed &&
        this.source.indexDone &&
        this.scanned >= this.source.count
      )
        this.sort();
      if (!this.disposed && this.done) this.onProgress(this.progress);
    } finally {
      this.running = false;
    }
  }

  private sort(): void {
    const keys = this.keys;
    const sorted = orderByKey(this.matches.subarray(0, this.found), keys, (i) => Number.isNaN(keys[i]));
    this.matches.set(sorted);
    this.keys = [];
    this.sorted = true;
  }

  /** Stops the scan (a newer filter replaced this one, or the editor closed). */
  dispose(): void {
    this.disposed = true;
  }

  private push(index: number): void {
    if (this.found === this.matches.length) {
      const grown = new Uint32Array(this.matches.length * 2);
      grown.set(this.matches);
      this.matches = grown;
    }
    this.matches[this.found++] = index;
  }
}
