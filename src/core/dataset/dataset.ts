// A preference file as the editor, the CLI and the scorer see it: an index of record byte ranges, records
// read and parsed on demand, a journal of unsaved edits, and an atomic save that rewrites only those records.
//
//   const ds = await Dataset.open(path, { onProgress, onFirstRecords, signal });
//   ds.shape / ds.format / ds.recordCount / ds.line(i) / ds.indexOfLine(n)
//   await ds.readRecords(0, 50)          → DatasetRecord[] (pairs or error records, unsaved edits included)
//   const plan = await ds.planLabel([i], 'B'); if (!('error' in plan)) ds.apply(plan);
//   ds.undo(); ds.redo(); ds.isDirty
//   await ds.save();                      // or save({ target }) for Save As
//   await ds.scan({ onProgress })         → DatasetStats
//   ds.backup() / await ds.restoreBackup(json)   (hot exit: the journal, not the file)
//
// Parquet files (shape 'parquet') have a row-group index instead of the line index: records are built from
// the rows a page needs, `line(i)` is the 1-based row, media stay in the file (`readMedia`), and edits are
// refused for now (read-only).
import { isUtf8 } from 'node:buffer';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { acquireSaveLock, FileChangedWhileSaving, saveWithReplacements, type SaveLock } from './atomicSave';
import { StatsTally, type DatasetStats } from './datasetStats';
import { EditJournal, type RecordEdit } from './editJournal';
import { detectShape, type Shape } from './fileShape';
import { isAdapterError, type FormatAdapter, type ValueEdit } from './formatAdapter';
import { fieldMappingAdapter } from './formats/fieldMapping';
import { adapterById, ADAPTERS, describeScores, detectFormat, scoreFormats } from './formats/registry';
import { indexJsonArray } from './jsonArrayIndex';
import { describeJsonError } from './jsonError';
import { indexLines } from './lineIndex';
import { ParquetSource } from './parquet/parquetSource';
import { RecordIndex, type IndexProblem, type IndexProgress } from './recordIndex';
import { applyValueEdits, type EditError } from './recordEdit';
import type { DatasetRecord, ErrorRecord, Label, MediaSource, PreferencePair } from './types';

export type { Shape } from './fileShape';
export type { RecordEdit } from './editJournal';
export type { EditError } from './recordEdit';

export interface OpenOptions {
  signal?: AbortSignal;
  onProgress?: IndexProgress;
  /** Called once, when about the first 200 records are indexed (or the file is done), to show a first page. */
  onFirstRecords?: (ds: Dataset) => void;
  /** Use this registered adapter instead of detecting one. */
  formatId?: string;
  /** A user's field mapping (see formats/fieldMapping.ts) instead of detection. */
  fieldMapping?: unknown;
  /** Use this adapter instead of detecting one. */
  adapter?: FormatAdapter;
}

export interface FormatInfo {
  id: string;
  displayName: string;
  /** Mean match over the sampled records (1 when the user chose the format). */
  confidence: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (records: number, total: number) => void;
  maxErrors?: number;
}

const FIRST_RECORDS = 200;
const DETECT_SAMPLE = 50;
const READ_BATCH = 8 << 20;
const ERROR_TEXT_MAX = 4096;

export class Dataset {
  readonly filePath: string;
  shape: Shape = 'jsonl';
  format: FormatInfo | undefined;
  private index = new RecordIndex();
  /** The row-group index and reader when the file is Parquet (then `index` stays empty). */
  private parquet: ParquetSource | undefined;
  private adapter: FormatAdapter | undefined;
  /** "closest: rewardbench 0.20" when detection found nothing, for the per-record message. */
  private closest = '';
  /** True once the index covers the whole file (open() resolves after that). */
  indexDone = false;
  private journal = new EditJournal();
  private file = { size: 0, mtimeMs: 0 };
  private readers = 0;
  private readersDone: (() => void) | undefined;
  private exclusive: Promise<unknown> | undefined;

  private constructor(
    filePath: string,
    private readonly opts: OpenOptions,
  ) {
    this.filePath = resolve(filePath);
  }

  /** Indexes the file (streaming) and detects its format from the first records. */
  static async open(filePath: string, opts: OpenOptions = {}): Promise<Dataset> {
    const ds = new Dataset(filePath, opts);
    await ds.load(opts.signal, opts.onProgress, opts.onFirstRecords);
    return ds;
  }

  /** Records indexed so far (all of them once `open` resolved). */
  get recordCount(): number {
    return this.parquet ? this.parquet.rowCount : this.index.count;
  }
  /** Structural problems of a JSON array file (unterminated, missing commas…), with lines. */
  get problems(): readonly IndexProblem[] {
    return this.index.problems;
  }
  /** 1-based physical line where record `i` starts (Parquet: its 1-based row). */
  line(i: number): number {
    return this.parquet ? i + 1 : this.index.line(i);
  }
  /** The record starting on physical `line` (Parquet: 1-based row), or -1. */
  indexOfLine(line: number): number {
    if (this.parquet) return Number.isInteger(line) && line >= 1 && line <= this.parquet.rowCount ? line - 1 : -1;
    return this.index.indexOfLine(line);
  }
  /** Where record `i` is, as messages name it: "line 12" or, in Parquet, "row 12". */
  private where(i: number): string {
    return this.parquet ? `row ${i + 1}` : `line ${this.index.line(i)}`;
  }

  get isDirty(): boolean {
    return this.journal.isDirty;
  }
  get canUndo(): boolean {
    return this.journal.canUndo;
  }
  get canRedo(): boolean {
    return this.journal.canRedo;
  }
  /** Whether record `i` has an unsaved change (the list marks it). */
  isEdited(i: number): boolean {
    return this.journal.isEdited(i);
  }
  /** Whether record `i` differs from what it was when this dataset was opened, saved or not (auto save keeps it). */
  changedSinceOpen(i: number): boolean {
    return this.journal.changedSinceOpen(i);
  }
  /** How many records differ from the file (what a save would write). */
  get editedCount(): number {
    return this.journal.pending().records.length;
  }
  /** Size and mtime of the file as this dataset last read or wrote it. */
  get fileIdentity(): { size: number; mtimeMs: number } {
    return { ...this.file };
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────

  /** The record's current text (unsaved edits included). */
  async recordText(i: number): Promise<string> {
    return (await this.readTexts(i, 1))[0];
  }

  async readRecord(i: number): Promise<DatasetRecord> {
    return (await this.readRecords(i, 1))[0];
  }

  /**
   * Records [start, start + count) clamped to the file; each is a pair or an error record. A chosen/rejected
   * pair relabelled B and not saved yet reads in the file's order with label B (`swapped`), so the responses
   * stay where the annotator saw them and a run's scores still belong to the side they were computed for.
   */
  async readRecords(start: number, count: number): Promise<DatasetRecord[]> {
    if (this.parquet) return this.parquetRecords(start, count);
    const texts = await this.readTexts(start, count);
    return texts.map((t, k) => this.presented(this.toRecord(start + k, t)));
  }

  private presented<R extends DatasetRecord>(r: R): R {
    if (r.kind !== 'pair' || !this.swappedOnDisk(r)) return r;
    const v = r.variants;
    return {
      ...r,
      a: r.b,
      b: r.a,
      label: 'B',
      swapped: true,
      ...(v ? { variants: { a: v.b, b: v.a, note: v.note } } : {}),
    };
  }

  /** A chosen/rejected record whose responses are the file's, exchanged (an unsaved relabel as B). */
  private swappedOnDisk(pair: PreferencePair): boolean {
    if (pair.labelKind !== 'implicit') return false;
    const disk = this.journal.diskTextOf(pair.index);
    if (disk === undefined || disk === this.journal.textOf(pair.index)) return false;
    const saved = this.toRecord(pair.index, disk);
    if (saved.kind !== 'pair') return false;
    const key = (a: unknown, b: unknown) => JSON.stringify([a, b]);
    return key(pair.a, pair.b) !== key(pair.b, pair.a) && key(pair.a, pair.b) === key(saved.b, saved.a);
  }

  /** Records at arbitrary indices (e.g. a filtered page), in the order given. */
  async readIndices(indices: number[]): Promise<DatasetRecord[]> {
    if (this.parquet) return this.parquetIndices(indices);
    const out: DatasetRecord[] = [];
    for (const i of indices) out.push(...(await this.readRecords(i, 1)));
    return out;
  }

  /**
   * The bytes of media embedded in the file (a Parquet Image/Audio cell), by the `embedded` source a record's
   * MediaRef carries, or why they cannot be read.
   */
  async readMedia(source: MediaSource): Promise<Uint8Array | { error: string }> {
    if (source.kind !== 'embedded')
      return { error: `this media is a ${source.kind}, not embedded in ${basename(this.filePath)}` };
    const parquet = this.parquet;
    if (!parquet)
      return { error: `${basename(this.filePath)} is not a Parquet file, so it embeds no media by row and column` };
    return this.withRead(() => parquet.readMedia(source.row, source.column, source.item));
  }

  /** Parquet records [start, start + count): a row group that cannot be read gives an error record per row. */
  private async parquetRecords(start: number, count: number): Promise<DatasetRecord[]> {
    const parquet = this.parquet!;
    if (!Number.isInteger(start) || start < 0 || start >= parquet.rowCount) {
      throw new RangeError(`no record ${start + 1}: the file has ${parquet.rowCount} records`);
    }
    const end = Math.min(start + count, parquet.rowCount);
    return this.withRead(async () => {
      const out: DatasetRecord[] = [];
      const idx = parquet.index;
      for (let g = idx.groupOf(start); g < idx.groups && idx.start(g) < end; g++) {
        const from = Math.max(start, idx.start(g));
        const to = Math.min(end, idx.end(g));
        if (from >= to) continue;
        let rows: unknown[];
        try {
          rows = await parquet.readRows(from, to);
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          for (let i = from; i < to; i++) out.push(this.errorRecord(i, `${this.where(i)}: ${why}`, ''));
          continue;
        }
        rows.forEach((raw, k) => out.push(this.rawToRecord(from + k, raw, () => rowText(raw))));
      }
      return out;
    });
  }

  /** Parquet records at arbitrary indices: one read per row group they fall in, not one per record. */
  private async parquetIndices(indices: number[]): Promise<DatasetRecord[]> {
    const idx = this.parquet!.index;
    const sorted = [...new Set(indices)].sort((a, b) => a - b);
    const found = new Map<number, DatasetRecord>();
    for (let k = 0; k < sorted.length;) {
      const end =
        Number.isInteger(sorted[k]) && sorted[k] >= 0 && sorted[k] < this.recordCount
          ? idx.end(idx.groupOf(sorted[k]))
          : sorted[k] + 1;
      let j = k;
      while (j + 1 < sorted.length && sorted[j + 1] < end) j++;
      const records = await this.parquetRecords(sorted[k], sorted[j] - sorted[k] + 1);
      for (let m = k; m <= j; m++) found.set(sorted[m], records[sorted[m] - sorted[k]]);
      k = j + 1;
    }
    return indices.map((i) => found.get(i)!);
  }

  /** Raw Parquet rows [start, start + count) clamped to the file. */
  private async readRows(start: number, count: number): Promise<unknown[]> {
    const parquet = this.parquet!;
    if (!Number.isInteger(start) || start < 0 || start >= parquet.rowCount) {
      throw new RangeError(`no record ${start + 1}: the file has ${parquet.rowCount} records`);
    }
    return this.withRead(() => parquet.readRows(start, Math.min(start + count, parquet.rowCount)));
  }

  private async readTexts(start: number, count: number): Promise<string[]> {
    if (this.parquet) return (await this.readRows(start, count)).map(rowText);
    if (!Number.isInteger(start) || start < 0 || start >= this.index.count) {
      throw new RangeError(`no record ${start + 1}: the file has ${this.index.count} records`);
    }
    const end = Math.min(start + count, this.index.count);
    return this.withRead(async () => {
      const out: string[] = [];
      await this.eachText(start, end, undefined, (_i, text) => out.push(text));
      return out;
    });
  }

  /** Streams records [from, to) in batches of up to 8 MB: one read per batch, texts decoded one by one. */
  private async eachText(
    from: number,
    to: number,
    signal: AbortSignal | undefined,
    fn: (i: number, text: string) => void,
  ): Promise<void> {
    if (from >= to) return;
    const fh = await open(this.filePath, 'r');
    try {
      let buf = Buffer.allocUnsafe(0);
      for (let i = from; i < to;) {
        if (signal?.aborted) throw Object.assign(new Error('the scan was cancelled'), { name: 'AbortError' });
        const base = this.index.start(i);
        let j = i + 1;
        while (j < to && this.index.end(j) - base <= READ_BATCH) j++;
        const span = this.index.end(j - 1) - base;
        if (buf.length < span) buf = Buffer.allocUnsafe(Math.max(span, Math.min(READ_BATCH, 1 << 16)));
        await readFully(fh, buf, span, base);
        for (let k = i; k < j; k++) {
          fn(k, this.journal.textOf(k) ?? buf.toString('utf8', this.index.start(k) - base, this.index.end(k) - base));
        }
        i = j;
      }
    } finally {
      await fh.close();
    }
  }

  private toRecord(i: number, text: string): DatasetRecord {
    const line = this.index.line(i);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return this.errorRecord(i, describeJsonError(text, line, e instanceof Error ? e.message : String(e)), text);
    }
    return this.rawToRecord(i, raw, () => text);
  }

  /** A parsed record through the adapter; `text` (only asked for on errors) is what an error record shows. */
  private rawToRecord(i: number, raw: unknown, text: () => string): DatasetRecord {
    const line = this.line(i);
    if (!this.adapter) return this.errorRecord(i, `${this.where(i)}: ${noFormatMessage(raw, this.closest)}`, text());
    const pair = this.adapter.toPair(raw, { index: i, line, fileName: basename(this.filePath) });
    if (isAdapterError(pair)) return this.errorRecord(i, `${this.where(i)}: ${pair.error}`, text());
    pair.index = i;
    pair.line = line;
    return pair;
  }

  private errorRecord(index: number, message: string, text: string): ErrorRecord {
    return { kind: 'error', index, line: this.line(index), message, text: text.slice(0, ERROR_TEXT_MAX) };
  }

  // ── editing ────────────────────────────────────────────────────────────────────────────────

  /**
   * One undoable edit that gives every record in `indices` the label, or why it cannot. `annotate` adds edits
   * to each relabelled record (the audit trail), given the pair as it was before.
   */
  planLabel(
    indices: number[],
    label: Label,
    opts: { annotate?: (before: PreferencePair) => ValueEdit[] } = {},
  ): Promise<RecordEdit | EditError> {
    const what = indices.length === 1 ? `Label as ${label}` : `Label ${indices.length} records as ${label}`;
    return this.plan(indices, what, (a, raw, pair) => {
      // An unsaved swap reads as B (see readRecords): B keeps it, A swaps the responses back.
      const swapped = this.swappedOnDisk(pair);
      const edits = a.labelEdits(
        raw,
        swapped && (label === 'A' || label === 'B') ? (label === 'A' ? 'B' : 'A') : label,
      );
      const shown = swapped ? this.presented(pair) : pair;
      if (isAdapterError(edits) || !opts.annotate || shown.label === label) return edits;
      return [...edits, ...opts.annotate(shown)];
    });
  }

  /** One undoable edit that sets the record's free-form criterion, or why it cannot. */
  planCriterion(index: number, text: string): Promise<RecordEdit | EditError> {
    return this.plan([index], 'Edit criterion', (a, raw) => a.criterionEdits(raw, text));
  }

  private async plan(
    indices: number[],
    description: string,
    editsFor: (a: FormatAdapter, raw: unknown, pair: PreferencePair) => ValueEdit[] | { error: string },
  ): Promise<RecordEdit | EditError> {
    if (this.parquet) return { error: parquetReadOnly(this.filePath) };
    const adapter = this.adapter;
    if (!adapter) return { error: 'no known format matched this file, so its records cannot be edited' };
    const wanted = [...new Set(indices)].sort((a, b) => a - b);
    for (const i of wanted) {
      if (!Number.isInteger(i) || i < 0 || i >= this.index.count) {
        return { error: `no record ${i + 1}: the file has ${this.index.count} records` };
      }
    }
    const changes: RecordEdit['changes'] = [];
    return this.withRead(async () => {
      const fh = await open(this.filePath, 'r');
      try {
        for (const i of wanted) {
          const line = this.index.line(i);
          let before = this.journal.textOf(i);
          if (before === undefined) {
            const bytes = Buffer.allocUnsafe(this.index.end(i) - this.index.start(i));
            await readFully(fh, bytes, bytes.length, this.index.start(i));
            if (!isUtf8(bytes))
              return { error: `line ${line}: the record is not valid UTF-8; editing it would change bytes it holds` };
            before = bytes.toString('utf8');
          }
          const record = this.toRecord(i, before);
          if (record.kind === 'error') return { error: `cannot edit an error record: ${record.message}` };
          const edits = editsFor(adapter, record.raw, record);
          if (isAdapterError(edits)) return { error: `line ${line}: ${edits.error}` };
          const after = applyValueEdits(before, edits);
          if (typeof after !== 'string') return { error: `line ${line}: ${after.error}` };
          if (after !== before) changes.push({ index: i, before, after });
        }
        return { description, changes };
      } finally {
        await fh.close();
      }
    });
  }

  /** Applies a planned edit (no-op for an edit without changes). */
  apply(edit: RecordEdit): void {
    if (edit.changes.length > 0) this.journal.push(edit);
  }
  undo(): RecordEdit | undefined {
    return this.journal.undo();
  }
  redo(): RecordEdit | undefined {
    return this.journal.redo();
  }

  // ── saving ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes the file with edited records replaced (atomic: temp file, fsync, rename; mode kept).
   * Saving to the dataset's own file moves the index and marks the journal saved; Save As to another
   * `target` leaves this dataset as it was (open the target as a new Dataset).
   * Rejects with an actionable message when the file changed on disk, is read-only, or the disk is full;
   * the edits then stay in the journal and the file is untouched.
   *
   * Another writer's save (it holds the lock) is waited for; when it changed the file meanwhile, this save
   * re-applies its edits onto the file as it now is if its records are unchanged there, else nothing is
   * written. `reapply: 'always'` does that for any change since the file was indexed (the CLI, whose open
   * and save are one command); by default a change made before this save began is refused as before.
   */
  async save(opts: { target?: string; reapply?: 'always' | 'after-wait'; lockTimeoutMs?: number } = {}): Promise<void> {
    const target = resolve(opts.target ?? this.filePath);
    if (this.parquet && (target !== this.filePath || this.journal.isDirty))
      throw new Error(parquetReadOnly(this.filePath));
    if (this.parquet) return;
    await this.withExclusive(async () => {
      const own = target === this.filePath;
      const changedBefore = own && (await this.changedOnDisk());
      let lock: SaveLock | undefined;
      try {
        lock = await acquireSaveLock(target, { timeoutMs: opts.lockTimeoutMs });
        if (own && (opts.reapply === 'always' || (lock.waited && !changedBefore)) && (await this.changedOnDisk())) {
          const why = await this.rebase(true);
          if (why) throw new FileChangedWhileSaving(why.error);
        }
      } catch (e) {
        await lock?.release();
        if (e instanceof FileChangedWhileSaving) throw new Error(`cannot save ${target}: ${e.message}`, { cause: e });
        throw e;
      }
      try {
        await this.saveLocked(target, lock);
      } finally {
        await lock.release();
      }
    });
  }

  private async saveLocked(target: string, lock: SaveLock): Promise<void> {
    const snapshot = this.journal.pending();
    const pending = snapshot.records;
    const encoded = pending.map((p) => Buffer.from(p.text, 'utf8'));
    const replacements = pending.map((p, k) => ({
      start: this.index.start(p.index),
      end: this.index.end(p.index),
      bytes: encoded[k],
    }));
    const saved = await saveWithReplacements(this.filePath, target, replacements, this.file, { lock });
    if (target !== this.filePath) return;
    this.index.shift(
      pending.map((p, k) => ({
        index: p.index,
        length: encoded[k].length,
        lineDelta: countLf(p.text) - countLf(this.journal.diskTextOf(p.index) ?? ''),
      })),
    );
    this.file = saved;
    this.journal.markSaved(snapshot);
  }

  // ── whole-file passes ──────────────────────────────────────────────────────────────────────

  /** Counts records, errors, labels and tasks over the whole file in one streaming pass. */
  async scan(opts: ScanOptions = {}): Promise<DatasetStats> {
    const tally = new StatsTally(opts.maxErrors);
    const parquet = this.parquet;
    if (parquet) {
      const total = parquet.rowCount;
      for (let g = 0; g < parquet.index.groups; g++) {
        if (opts.signal?.aborted) throw Object.assign(new Error('the scan was cancelled'), { name: 'AbortError' });
        const start = parquet.index.start(g);
        const end = parquet.index.end(g);
        if (end > start) for (const r of await this.parquetRecords(start, end - start)) tally.add(r);
        opts.onProgress?.(end, total);
      }
      if (parquet.featureProblem) tally.error(0, parquet.featureProblem);
      return tally.finish();
    }
    const total = this.index.count;
    await this.withRead(() =>
      this.eachText(0, total, opts.signal, (i, text) => {
        tally.add(this.presented(this.toRecord(i, text)));
        if ((i & 0xfff) === 0xfff) opts.onProgress?.(i + 1, total);
      }),
    );
    for (const p of this.index.problems) tally.error(p.line, `line ${p.line}: ${p.message}`);
    opts.onProgress?.(total, total);
    return tally.finish();
  }

  /** Whether the file on disk is no longer the one this dataset indexed or last saved (size or mtime moved, or it is gone). */
  async changedOnDisk(): Promise<boolean> {
    const st = await stat(this.filePath).catch(() => undefined);
    return !st || st.size !== this.file.size || st.mtimeMs !== this.file.mtimeMs;
  }

  /**
   * The file changed on disk and the user keeps their edits: index the file as it is now and keep the journal,
   * so the next save writes this editor's version of every touched record into the new file and leaves the rest
   * of it as the other tool wrote it. Refuses (changing nothing) when the records no longer line up.
   */
  async rebaseOntoDisk(): Promise<EditError | undefined> {
    return this.withExclusive(() => this.rebase(false));
  }

  /** `unchanged`: each edited record must read on disk exactly as it did when edited, not just keep its id. */
  private async rebase(unchanged: boolean): Promise<EditError | undefined> {
    const fresh = await Dataset.open(this.filePath, {
      formatId: this.opts.formatId,
      fieldMapping: this.opts.fieldMapping,
      adapter: this.opts.adapter,
    });
    if (fresh.recordCount !== this.index.count) {
      return {
        error: `${basename(this.filePath)} now has ${fresh.recordCount} records on disk, not ${this.index.count}, so your edits cannot be matched to their records; reload it (dropping your edits) or copy your changes elsewhere first`,
      };
    }
    const texts = new Map<number, string>();
    for (const i of this.journal.touched()) {
      const now = await fresh.diskText(i);
      const was = this.journal.diskTextOf(i);
      if (unchanged && now !== was) {
        return { error: `the record at line ${fresh.line(i)} was changed by someone else` };
      }
      const idNow = idOf(fresh.toRecord(i, now));
      const idWas = was === undefined ? undefined : idOf(this.toRecord(i, was));
      if (idNow !== idWas) {
        return {
          error: `the record at line ${fresh.line(i)} is now \`${idNow ?? '?'}\`, not \`${idWas ?? '?'}\`: the file's records moved, so your edits cannot be matched to them; reload it (dropping your edits) or copy your changes elsewhere first`,
        };
      }
      texts.set(i, now);
    }
    this.index = fresh.index;
    this.parquet = fresh.parquet;
    this.file = fresh.file;
    this.shape = fresh.shape;
    this.adapter = fresh.adapter;
    this.format = fresh.format;
    this.closest = fresh.closest;
    this.journal.rebaseDisk(texts);
    return undefined;
  }

  /** Record `i` as the file holds it (unsaved edits ignored). */
  private async diskText(i: number): Promise<string> {
    return this.withRead(async () => {
      const fh = await open(this.filePath, 'r');
      try {
        const bytes = Buffer.allocUnsafe(this.index.end(i) - this.index.start(i));
        await readFully(fh, bytes, bytes.length, this.index.start(i));
        return bytes.toString('utf8');
      } finally {
        await fh.close();
      }
    });
  }

  /** The file changed on disk: index it again and detect its format again. Unsaved edits are discarded. */
  async reload(opts: { signal?: AbortSignal; onProgress?: IndexProgress } = {}): Promise<void> {
    await this.withExclusive(() => this.load(opts.signal, opts.onProgress, undefined));
  }

  // ── hot exit ───────────────────────────────────────────────────────────────────────────────

  /** The unsaved edits and enough identity of the file to refuse restoring them onto another one. */
  backup(): string {
    return this.journal.serialize({ ...this.file, records: this.recordCount });
  }

  /** Restores `backup()` output; refuses (with the reason) when the file is not the one it was made for. */
  async restoreBackup(json: string): Promise<EditError | undefined> {
    const b = EditJournal.parseBackup(json);
    if ('error' in b) return b;
    const refuse = (why: string) => ({ error: `cannot restore unsaved edits onto ${this.filePath}: ${why}` });
    if (b.file.size !== this.file.size || b.file.records !== this.recordCount) {
      return refuse(
        `the file changed since the edits were made (it had ${b.file.records} records and ${b.file.size} bytes, now ${this.recordCount} and ${this.file.size})`,
      );
    }
    if (this.parquet && b.disk.length > 0) return refuse(parquetReadOnly(this.filePath));
    for (const [i, text] of b.disk) {
      if (i >= this.index.count) return refuse(`record ${i + 1} no longer exists`);
      const now = await this.withRead(async () => {
        const fh = await open(this.filePath, 'r');
        try {
          const bytes = Buffer.allocUnsafe(this.index.end(i) - this.index.start(i));
          await readFully(fh, bytes, bytes.length, this.index.start(i));
          return bytes.toString('utf8');
        } finally {
          await fh.close();
        }
      });
      if (now !== text) return refuse(`the record at line ${this.index.line(i)} changed since the edits were made`);
    }
    this.journal = EditJournal.fromBackup(b);
    return undefined;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private async load(
    signal?: AbortSignal,
    onProgress?: IndexProgress,
    onFirstRecords?: (ds: Dataset) => void,
  ): Promise<void> {
    const st = await stat(this.filePath).catch((e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.message;
      throw new Error(`cannot open ${this.filePath}: ${why}`);
    });
    if (st.isDirectory()) throw new Error(`cannot open ${this.filePath}: it is a folder, not a file`);
    this.shape = await detectShape(this.filePath);
    this.journal = new EditJournal();
    this.indexDone = false;
    this.adapter = undefined;
    this.format = undefined;
    this.parquet = undefined;
    if (this.shape === 'parquet') {
      this.index = new RecordIndex();
      this.parquet = await ParquetSource.open(this.filePath, st.size);
      onProgress?.(st.size, st.size, this.parquet.rowCount);
      this.indexDone = true;
      await this.detect();
      onFirstRecords?.(this);
      this.file = { size: st.size, mtimeMs: st.mtimeMs };
      return;
    }
    let first: Promise<void> | undefined;
    const onChunk = (index: RecordIndex) => {
      this.index = index;
      if (!first && index.count >= FIRST_RECORDS) first = this.detect().then(() => onFirstRecords?.(this));
    };
    const build = this.shape === 'jsonl' ? indexLines : indexJsonArray;
    this.index = await build(this.filePath, { signal, onProgress, onChunk });
    this.indexDone = true;
    await (first ?? this.detect().then(() => onFirstRecords?.(this)));
    this.file = { size: st.size, mtimeMs: st.mtimeMs };
  }

  private async detect(): Promise<void> {
    let forced = this.opts.adapter ?? (this.opts.formatId !== undefined ? adapterById(this.opts.formatId) : undefined);
    if (!forced && this.opts.fieldMapping !== undefined) {
      const mapped = fieldMappingAdapter(this.opts.fieldMapping);
      if (isAdapterError(mapped)) throw new Error(mapped.error);
      forced = mapped;
    }
    if (this.opts.formatId !== undefined && !forced) {
      throw new Error(
        `unknown format \`${this.opts.formatId}\`; known formats: ${ADAPTERS.map((a) => a.id).join(', ') || '(none)'}`,
      );
    }
    if (forced) {
      this.adapter = forced;
      this.format = { id: forced.id, displayName: forced.displayName, confidence: 1 };
      return;
    }
    const sample: unknown[] = [];
    const n = Math.min(DETECT_SAMPLE, this.recordCount);
    if (this.parquet && n > 0) {
      // Rows of row groups that cannot be read do not vote; reading them later gives their error records.
      for (let g = 0; g < this.parquet.index.groups && this.parquet.index.start(g) < n; g++) {
        const rows = await this.parquet
          .readRows(this.parquet.index.start(g), Math.min(n, this.parquet.index.end(g)))
          .catch(() => []);
        sample.push(...rows);
      }
    } else if (n > 0) {
      await this.eachText(0, n, undefined, (_i, text) => {
        try {
          sample.push(JSON.parse(text));
        } catch {
          // unparsable records do not vote
        }
      });
    }
    const found = detectFormat(sample);
    this.closest = found ? '' : describeScores(scoreFormats(sample));
    this.adapter = found?.adapter;
    this.format = found && {
      id: found.adapter.id,
      displayName: found.adapter.displayName,
      confidence: found.confidence,
    };
  }

  /** Reads share the file; save and reload wait for them and keep new ones out (offsets move). */
  private async withRead<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive.catch(() => undefined);
    this.readers++;
    try {
      return await fn();
    } finally {
      if (--this.readers === 0) this.readersDone?.();
    }
  }

  private async withExclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive.catch(() => undefined);
    const run = (async () => {
      while (this.readers > 0) await new Promise<void>((r) => (this.readersDone = r));
      return fn();
    })();
    this.exclusive = run;
    try {
      return await run;
    } finally {
      if (this.exclusive === run) this.exclusive = undefined;
    }
  }
}

function noFormatMessage(raw: unknown, closest: string): string {
  const tried = `${ADAPTERS.map((a) => a.id).join(', ') || 'none registered'}${closest ? ` (closest: ${closest})` : ''}`;
  const found =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? `found keys ${
          Object.keys(raw)
            .slice(0, 20)
            .map((k) => `\`${k}\``)
            .join(', ') || '(none)'
        }`
      : `found ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : `a ${typeof raw}`}, not an object`;
  return `no known format matched: ${found}; tried ${tried}; choose a format or give a field mapping`;
}

function parquetReadOnly(filePath: string): string {
  return `Parquet files are read-only in this version: the labels and criteria of ${basename(filePath)} cannot be changed or saved yet (nothing was written)`;
}

/** A Parquet row as text for error records and the raw view (media stay placeholders, binary shows its size). */
function rowText(raw: unknown): string {
  return JSON.stringify(raw, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v));
}

function idOf(r: DatasetRecord): string | undefined {
  return r.kind === 'error' ? undefined : r.id;
}

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

async function readFully(fh: FileHandle, buf: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0)
      throw new Error(
        `the file is shorter than its index (at byte ${position + done}); it changed on disk — reload it`,
      );
    done += bytesRead;
  }
}
