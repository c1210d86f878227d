// A Parquet file as a source of records: the row-group index, records built lazily one row group (or one
// range) at a time without media bytes, and media bytes read on demand by (row, column).
import { basename } from 'node:path';
import { parquetReadObjects, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { decodeCell, lazyMediaColumns, readFeatures, type Feature, type MediaFeature } from './hfFeatures';
import { messageOf, openParquetFile, type ParquetFile } from './parquetFile';
import { RowGroupIndex } from './parquetIndex';
import { withoutLeaves } from './schemaProjection';

/** Row groups up to this many rows are decoded whole and kept (a few of them), so paging inside one is free. */
const CACHED_GROUP_ROWS = 4096;
const CACHED_GROUPS = 3;

type Row = Record<string, unknown>;

export class ParquetSource {
  readonly index: RowGroupIndex;
  readonly features: Record<string, Feature>;
  /** Why the `huggingface` metadata was ignored, when it was. */
  readonly featureProblem: string | undefined;
  /** Row-group reads of record columns so far (cache misses); tests check pages stay lazy. */
  groupReads = 0;
  private readonly name: string;
  private readonly media: Map<string, MediaFeature>;
  /** The metadata without the `bytes` leaves of media columns: what page reads use. */
  private readonly pageMetadata: FileMetaData;
  private readonly groupCache = new Map<number, Row[]>();
  private readonly byteMasks = new Map<string, Promise<(item?: number, row?: number) => boolean>>();

  private constructor(private readonly file: ParquetFile) {
    this.name = basename(file.path);
    this.index = new RowGroupIndex(file.metadata);
    this.columns = parquetColumns(file.metadata);
    const { features, problem } = readFeatures(file.metadata);
    this.features = features;
    this.featureProblem = problem;
    this.media = lazyMediaColumns(features);
    this.pageMetadata = withoutLeaves(
      file.metadata,
      (p) => this.media.has(p[0]) && p.length > 1 && p[p.length - 1] === 'bytes',
    );
  }

  static async open(filePath: string, size: number): Promise<ParquetSource> {
    return new ParquetSource(await openParquetFile(filePath, size));
  }

  get rowCount(): number {
    return this.index.rows;
  }
  /** Top-level columns in schema order. */
  readonly columns: string[];
  /** Byte ranges and bytes read from disk so far. */
  get reads(): { ranges: number; bytes: number } {
    return { ...this.file.reads };
  }

  /** Records [start, end) as `datasets` would give them, media bytes left in the file. */
  async readRows(start: number, end: number): Promise<Row[]> {
    const out: Row[] = [];
    if (start >= end) return out;
    for (let g = this.index.groupOf(start); g < this.index.groups && this.index.start(g) < end; g++) {
      const gs = this.index.start(g);
      const ge = this.index.end(g);
      if (ge === gs) continue;
      const from = Math.max(start, gs);
      const to = Math.min(end, ge);
      if (ge - gs <= CACHED_GROUP_ROWS) {
        const rows = await this.wholeGroup(g);
        for (let r = from; r < to; r++) out.push(rows[r - gs]);
      } else {
        out.push(...(await this.decodeRange(g, from, to)));
      }
    }
    return out;
  }

  /** The embedded bytes of one media cell, or why there are none. */
  async readMedia(row: number, column: string, item?: number): Promise<Uint8Array | { error: string }> {
    const at = `${this.name} row ${row + 1}, column \`${column}\`${item !== undefined ? ` item ${item + 1}` : ''}`;
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount)
      return { error: `${at}: the file has ${this.rowCount} rows` };
    if (!this.columns.includes(column)) return { error: `${at}: no such column` };
    let rows: Row[];
    try {
      rows = await this.read(this.file.metadata, [column], row, row + 1);
    } catch (e) {
      return { error: `${at}: cannot read the media (${messageOf(e)})` };
    }
    let cell = rows[0]?.[column];
    if (item !== undefined) cell = Array.isArray(cell) ? cell[item] : undefined;
    const bytes = cell !== null && typeof cell === 'object' ? (cell as { bytes?: unknown }).bytes : undefined;
    if (bytes instanceof Uint8Array) return bytes;
    return {
      error: `${at}: expected a \`{bytes, path}\` media struct with bytes; found ${cell === null || cell === undefined ? 'null' : `no bytes`}`,
    };
  }

  private async wholeGroup(g: number): Promise<Row[]> {
    const hit = this.groupCache.get(g);
    if (hit) {
      this.groupCache.delete(g);
      this.groupCache.set(g, hit);
      return hit;
    }
    const rows = await this.decodeRange(g, this.index.start(g), this.index.end(g));
    this.groupCache.set(g, rows);
    if (this.groupCache.size > CACHED_GROUPS) this.groupCache.delete(this.groupCache.keys().next().value as number);
    return rows;
  }

  private async decodeRange(g: number, from: number, to: number): Promise<Row[]> {
    this.groupReads++;
    const columns = this.columns;
    let raw: Row[];
    try {
      raw = await this.read(this.pageMetadata, undefined, from, to);
    } catch (e) {
      throw new Error(
        `${this.name}: row group ${g + 1} (rows ${this.index.start(g) + 1}–${this.index.end(g)}): ${await this.whichColumn(from, to, e)}`,
        { cause: e },
      );
    }
    const masks = new Map<string, (item?: number, row?: number) => boolean>();
    for (const c of this.media.keys()) masks.set(c, await this.byteMask(g, c));
    return raw.map((r, k) => {
      const row = from + k;
      const out: Row = {};
      for (const c of columns) {
        const mask = masks.get(c);
        out[c] = decodeCell(this.features[c], r[c], row, c, (item) => mask?.(item, row) ?? false);
      }
      return out;
    });
  }

  /** Which rows of group g have embedded bytes in media column c: from the chunk statistics, else by reading them. */
  private byteMask(g: number, c: string): Promise<(item?: number, row?: number) => boolean> {
    const key = `${g}\0${c}`;
    let m = this.byteMasks.get(key);
    if (!m) {
      m = this.computeByteMask(g, c);
      this.byteMasks.set(key, m);
    }
    return m;
  }

  private async computeByteMask(g: number, c: string): Promise<(item?: number, row?: number) => boolean> {
    const chunk = this.file.metadata.row_groups[g].columns.find(
      (ch) => ch.meta_data?.path_in_schema[0] === c && ch.meta_data.path_in_schema.at(-1) === 'bytes',
    );
    const meta = chunk?.meta_data;
    if (!meta) return () => false;
    const nulls = meta.statistics?.null_count;
    if (nulls === 0n) return () => true;
    if (nulls !== undefined && nulls === meta.num_values) return () => false;
    // Mixed or no statistics: read the bytes once to learn which cells have them.
    const gs = this.index.start(g);
    const rows = await this.read(this.file.metadata, [c], gs, this.index.end(g));
    const has = new Set<string>();
    rows.forEach((r, k) => {
      const v = r[c];
      const cells = Array.isArray(v) ? v : [v];
      cells.forEach((cell, i) => {
        if (cell && typeof cell === 'object' && (cell as { bytes?: unknown }).bytes instanceof Uint8Array)
          has.add(Array.isArray(v) ? `${gs + k}:${i}` : `${gs + k}`);
      });
    });
    return (item, row) => has.has(item === undefined ? `${row}` : `${row}:${item}`);
  }

  private read(
    metadata: FileMetaData,
    columns: string[] | undefined,
    rowStart: number,
    rowEnd: number,
  ): Promise<Row[]> {
    return parquetReadObjects({
      file: this.file.buffer,
      metadata,
      columns,
      rowStart,
      rowEnd,
      compressors,
      utf8: false,
      useOffsetIndex: true,
    });
  }

  /** After a failed read: the first column that fails on its own, for a message that names it. */
  private async whichColumn(from: number, to: number, first: unknown): Promise<string> {
    for (const c of this.columns) {
      try {
        await this.read(this.pageMetadata, [c], from, to);
      } catch (e) {
        return `column \`${c}\` cannot be read: ${messageOf(e)}`;
      }
    }
    return `cannot be read: ${messageOf(first)}`;
  }
}

/** Top-level column names in schema order. */
export function parquetColumns(md: FileMetaData): string[] {
  const out: string[] = [];
  let i = 1;
  const skip = (): void => {
    const n = md.schema[i++].num_children ?? 0;
    for (let c = 0; c < n; c++) skip();
  };
  for (let c = 0; c < (md.schema[0].num_children ?? 0); c++) {
    out.push(md.schema[i].name);
    skip();
  }
  return out;
}
