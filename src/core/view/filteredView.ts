// The list's rows under a filter: record numbers found by a streaming, cancellable scan that keeps up with
// an index that is still growing. The webview only ever sees the page it asks for.
import type { DatasetRecord } from '../dataset/types';
import type { RowFilter } from '../../protocol';
import { isEmptyFilter } from '../../protocol';
import { compileFilter } from './rowFilter';
import type { RecordSource } from './recordSource';

export interface ViewProgress {
  total: number;
  scanned: number;
  done: boolean;
}

const BATCH = 512;

/** setImmediate in Node (the host), setTimeout in a browser (the mock host). */
const yieldToLoop = (): Promise<void> =>
  new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

export class FilteredView {
  private matches = new Uint32Array(1024);
  private found = 0;
  private scanned = 0;
  private running = false;
  private disposed = false;
  private readonly identity: boolean;
  private readonly keep: (r: DatasetRecord) => boolean;

  constructor(
    private readonly source: RecordSource,
    filter: RowFilter,
    private readonly onProgress: (p: ViewProgress) => void = () => {},
    /** Yields between batches so the host stays responsive; tests may pass a no-op. */
    private readonly yieldFn: () => Promise<void> = yieldToLoop,
  ) {
    this.identity = isEmptyFilter(filter);
    this.keep = compileFilter(filter);
  }

  /** Rows in the view so far. */
  get total(): number {
    return this.identity ? this.source.count : this.found;
  }

  get done(): boolean {
    return this.source.indexDone && (this.identity || this.scanned >= this.source.count);
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
        for (const r of records) if (this.keep(r)) this.push(r.index);
        this.scanned = end;
        this.onProgress(this.progress);
        await this.yieldFn();
      }
      if (!this.disposed && this.done) this.onProgress(this.progress);
    } finally {
      this.running = false;
    }
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
