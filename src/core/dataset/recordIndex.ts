// Where each record lives in the file: byte start, byte length and 1-based start line, 16 bytes a record.

/** Progress of an indexing pass: bytes read so far, file size, records found so far. */
export type IndexProgress = (bytes: number, total: number, records: number) => void;

export interface IndexOptions {
  signal?: AbortSignal;
  onProgress?: IndexProgress;
  /** Called after each chunk with the index so far, so callers can read the first records early. */
  onChunk?: (index: RecordIndex) => void;
  /** Read size; tests use small chunks to exercise records that straddle chunk boundaries. */
  chunkSize?: number;
}

/** A structural problem found while indexing (e.g. an unterminated JSON array), with its 1-based line. */
export interface IndexProblem {
  line: number;
  message: string;
}

export const DEFAULT_CHUNK = 1 << 20;

/**
 * Growable columns: Float64Array starts (files beyond 4 GB), Uint32Array lengths (a record < 4 GB)
 * and Uint32Array lines. `trim()` drops the growth slack once indexing is done.
 */
export class RecordIndex {
  private starts = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  count = 0;
  /** Structural problems (JSON arrays only; JSONL lines are records or blank). */
  readonly problems: IndexProblem[] = [];

  push(start: number, end: number, line: number): void {
    if (this.count === this.starts.length) this.grow(Math.ceil(this.count * 1.5));
    this.starts[this.count] = start;
    this.lengths[this.count] = end - start;
    this.lines[this.count] = line;
    this.count++;
  }

  start(i: number): number {
    return this.starts[i];
  }
  end(i: number): number {
    return this.starts[i] + this.lengths[i];
  }
  line(i: number): number {
    return this.lines[i];
  }

  /** The record starting on 1-based physical `line`, or -1 (lines are ascending: binary search). */
  indexOfLine(line: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.lines[mid];
      if (v === line) return mid;
      if (v < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * After a save rewrote some records in place: give them their new byte lengths and move every later
   * record (and structural problem) by the bytes and lines gained or lost. `changes` ascend by index.
   */
  shift(changes: { index: number; length: number; lineDelta: number }[]): void {
    let bytes = 0;
    let lines = 0;
    let c = 0;
    for (const p of this.problems) {
      for (const ch of changes) if (this.lines[ch.index] < p.line) p.line += ch.lineDelta;
    }
    for (let i = 0; i < this.count; i++) {
      this.starts[i] += bytes;
      this.lines[i] += lines;
      if (c < changes.length && changes[c].index === i) {
        bytes += changes[c].length - this.lengths[i];
        lines += changes[c].lineDelta;
        this.lengths[i] = changes[c].length;
        c++;
      }
    }
  }

  trim(): void {
    if (this.starts.length !== this.count) this.grow(this.count);
  }

  /** Bytes held by the columns (for the ≤ 16 bytes a record budget). */
  get byteSize(): number {
    return this.starts.byteLength + this.lengths.byteLength + this.lines.byteLength;
  }

  private grow(capacity: number): void {
    const starts = new Float64Array(Math.max(capacity, 1));
    const lengths = new Uint32Array(starts.length);
    const lines = new Uint32Array(starts.length);
    starts.set(this.starts.subarray(0, this.count));
    lengths.set(this.lengths.subarray(0, this.count));
    lines.set(this.lines.subarray(0, this.count));
    this.starts = starts;
    this.lengths = lengths;
    this.lines = lines;
  }
}

export function abortError(): Error {
  const e = new Error('indexing was cancelled');
  e.name = 'AbortError';
  return e;
}

export function isBom(buf: Buffer, length: number): boolean {
  return length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}
