// One open editor's side of the protocol: answers the webview's requests from a RecordSource and pushes
// index progress, stats and filter-scan progress. Pure (no vscode), so the mock host in a browser runs it too.
import type { RowContext } from '../analysis/rowFacts';
import type { DatasetRecord } from '../dataset/types';
import {
  MessageType,
  type EditorAction,
  type FromWebview,
  type FromWebviewMessage,
  type HeaderStats,
  type IndexProgress,
  type PairResponseMessage,
  type ReadyResponseMessage,
  type RowFilter,
  type RowsResponseMessage,
  type RunInfo,
  type ToWebviewMessage,
} from '../../protocol';
import { FilteredView, type ViewOptions } from './filteredView';
import { filterKey } from './filterKey';
import { addToStats, emptyStats } from './headerStats';
import { toRecordView, type MediaResolver } from './pairView';
import type { RecordSource } from './recordSource';
import { toRowView, type LoadedRun } from './rowView';

export interface SessionOptions {
  source: RecordSource;
  fileName: string;
  /** Format id and display name (known once the first records are read). */
  format: () => { id: string; name: string };
  resolveMedia: MediaResolver;
  /** The dataset's runs, for the webview's run list. */
  runs?: () => readonly Pick<LoadedRun, 'id' | 'model'>[];
  isEdited?: (index: number) => boolean;
  /** Changed since the editor opened the file, saved or not (the row keeps a mark after an auto save). */
  changedSinceOpen?: (index: number) => boolean;
  /** Posts an event to the webview (the session only calls it after the webview said ready). */
  send: (msg: ToWebviewMessage) => void;
  /** Minimum milliseconds between progress events of one kind. */
  throttleMs?: number;
  /** How the list and the pair view judge pairs: the chosen runs under their ε. Absent: no verdicts. */
  judging?: () => RowContext | undefined;
  /** The run-aware predicate and sort of a filter (src/host/analysis); absent: the plain filters only. */
  viewOptions?: (filter: RowFilter) => ViewOptions | undefined;
}

const MAX_PAGE = 1000;

export class EditorSession {
  private webviewReady = false;
  private view?: { key: string; view: FilteredView };
  private stats: HeaderStats;
  private statsScanned = 0;
  private statsRunning = false;
  private progress: IndexProgress = { bytes: 0, total: 0, records: 0, done: false };
  private lastSent = new Map<string, number>();
  private disposed = false;
  /** The record the webview has selected (for commands that act on it). */
  selected = -1;
  /** The filter the list shows (of its latest page request): bulk labels and the sweep act on these rows. */
  filter: RowFilter = {};

  constructor(private readonly o: SessionOptions) {
    const f = o.format();
    this.stats = emptyStats(f.id, f.name);
  }

  /** Answers this session's messages (the mock hosts route every message here; others get undefined). */
  async handle(msg: FromWebviewMessage): Promise<ToWebviewMessage | undefined> {
    switch (msg.type) {
      case MessageType.ReadyRequest:
        return this.ready();
      case MessageType.GetRows:
        return this.rows(msg);
      case MessageType.GetPair:
        return this.pair(msg);
      case MessageType.SelectionChanged:
        return this.select(msg);
      default:
        return undefined;
    }
  }

  /** The handshake: from now on events are posted. */
  ready(): ReadyResponseMessage {
    this.webviewReady = true;
    void this.pumpStats();
    return {
      type: MessageType.ReadyResponse,
      fileName: this.o.fileName,
      stats: this.currentStats(),
      progress: this.progress,
      runs: this.runInfos(),
    };
  }

  async rows(msg: FromWebview<MessageType.GetRows>): Promise<RowsResponseMessage> {
    this.filter = msg.filter;
    const view = this.viewFor(msg.filter);
    const indices = view.slice(msg.start, Math.min(msg.count, MAX_PAGE));
    const records = await this.o.source.read(indices);
    const ctx = this.o.judging?.();
    return {
      type: MessageType.RowsResponse,
      viewKey: filterKey(msg.filter),
      start: msg.start,
      rows: records.map((r) =>
        toRowView(r, ctx, { edited: this.o.isEdited?.(r.index), changed: this.o.changedSinceOpen?.(r.index) }),
      ),
      total: view.total,
      done: view.done,
    };
  }

  async pair(msg: FromWebview<MessageType.GetPair>): Promise<PairResponseMessage> {
    if (!(msg.index >= 0 && msg.index < this.o.source.count))
      throw new Error(`record ${msg.index + 1} is not in the file (it has ${this.o.source.count})`);
    const [record] = await this.o.source.read([msg.index]);
    return {
      type: MessageType.PairResponse,
      record: await toRecordView(record, this.o.resolveMedia, this.o.judging?.(), this.o.isEdited?.(msg.index)),
    };
  }

  select(msg: FromWebview<MessageType.SelectionChanged>): undefined {
    this.selected = msg.index;
    return undefined;
  }

  /** The host calls this as the index grows; the first call may come before the webview is ready. */
  indexProgress(p: IndexProgress): void {
    this.progress = p;
    if (!this.webviewReady) return;
    this.sendThrottled('index', { type: MessageType.IndexProgress, progress: p }, p.done);
    const v = this.view;
    if (v) {
      void v.view.pump();
      this.sendThrottled('view', { type: MessageType.ViewChanged, viewKey: v.key, ...v.view.progress }, v.view.done);
    }
    void this.pumpStats();
  }

  /** Records or runs changed: forget every scan and tell the webview to refetch what it shows. */
  invalidate(): void {
    this.view?.view.dispose();
    this.view = undefined;
    const f = this.o.format();
    this.stats = emptyStats(f.id, f.name);
    this.statsScanned = 0;
    if (!this.webviewReady) return;
    this.send({ type: MessageType.Invalidate, runs: this.runInfos() });
    void this.pumpStats();
  }

  /** Posts an event from another host part (analysis) once the webview is ready. */
  notify(msg: ToWebviewMessage): void {
    this.send(msg);
  }

  runAction(action: EditorAction): void {
    if (this.webviewReady) this.send({ type: MessageType.RunAction, action });
  }

  dispose(): void {
    this.disposed = true;
    this.view?.view.dispose();
  }

  private viewFor(filter: RowFilter): FilteredView {
    const key = filterKey(filter);
    if (this.view?.key === key) return this.view.view;
    this.view?.view.dispose();
    const view = new FilteredView(
      this.o.source,
      filter,
      (p) => {
        if (this.view?.view === view)
          this.sendThrottled('view', { type: MessageType.ViewChanged, viewKey: key, ...p }, p.done);
      },
      undefined,
      this.viewOptions(filter),
    );
    this.view = { key, view };
    void view.pump();
    return view;
  }

  /** The analysis predicate and sort for a filter (bulk commands must see the rows the list shows). */
  viewOptions(filter: RowFilter): ViewOptions | undefined {
    return this.o.viewOptions?.(filter);
  }

  private currentStats(): HeaderStats {
    const f = this.o.format();
    // The record count is the index's (exact as soon as indexed); labels, tasks and errors follow the scan.
    return {
      ...this.stats,
      records: this.o.source.count,
      format: f.id,
      formatName: f.name,
      complete: this.o.source.indexDone && this.statsScanned >= this.o.source.count,
    };
  }

  /** Counts labels, tasks and errors over every indexed record, a batch at a time. */
  private async pumpStats(): Promise<void> {
    if (this.statsRunning || this.disposed) return;
    this.statsRunning = true;
    try {
      while (!this.disposed && this.statsScanned < this.o.source.count) {
        const start = this.statsScanned;
        const end = Math.min(this.o.source.count, start + 512);
        const stats = this.stats;
        const records: DatasetRecord[] = await this.o.source.read(range(start, end));
        if (stats !== this.stats) continue; // invalidated meanwhile: start over
        for (const r of records) addToStats(stats, r);
        this.statsScanned = end;
        const s = this.currentStats();
        this.sendThrottled('stats', { type: MessageType.StatsChanged, stats: s }, s.complete);
        await new Promise((r) => setTimeout(r, 0));
      }
    } finally {
      this.statsRunning = false;
    }
    const s = this.currentStats();
    if (s.complete) this.sendThrottled('stats', { type: MessageType.StatsChanged, stats: s }, true);
  }

  private runInfos(): RunInfo[] {
    return (this.o.runs?.() ?? []).map((r) => ({ id: r.id, model: r.model }));
  }

  private sendThrottled(kind: string, msg: ToWebviewMessage, force: boolean): void {
    const now = Date.now();
    if (!force && now - (this.lastSent.get(kind) ?? 0) < (this.o.throttleMs ?? 100)) return;
    this.lastSent.set(kind, now);
    this.send(msg);
  }

  private send(msg: ToWebviewMessage): void {
    if (this.webviewReady && !this.disposed) this.o.send(msg);
  }
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}
