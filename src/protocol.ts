// Every message between the extension host and the webview. Both sides import this file; nothing else crosses.
// Shape after vscode-hexeditor's shared/protocol.ts: one enum, two unions, replies paired by message id.
import type { EpsilonChoice } from './core/analysis/accuracyTable';

export type { EpsilonChoice };
import type { AnalysisFilter } from './core/analysis/rowFacts';
import type { ChatTurn, Label, Modality } from './core/dataset/types';
import type { Judged } from './core/analysis/verdict';
import type { PairedJudged } from './core/analysis/comparison';
import type { SweepCell, CriterionVariant } from './core/analysis/criteriaSweep';

/** A piece of media as the webview sees it: a URI it may load, or why it cannot. */
export interface MediaView {
  modality: 'image' | 'video' | 'audio' | '3d';
  /** A webview resource URI (asWebviewUri) or a data: URI; undefined when unresolved. */
  src?: string;
  /** File extension or mime, e.g. 'glb', 'image/png'. */
  mime?: string;
  /** Why it is unavailable, shown by the placeholder with the paths that were tried. */
  error?: string;
  tried?: string[];
  /** Short label shown with it, e.g. the relative path. */
  label?: string;
}

/**
 * Which rows the list shows. Everything unset = every record. Built into an index of record numbers by the host.
 * AnalysisFilter adds the run-aware filters, the expression and the sorts.
 */
export interface RowFilter extends AnalysisFilter {
  task?: string;
  label?: Label;
  /** Case-insensitive substring over id, prompt, criterion, responses and error text. */
  text?: string;
  errorsOnly?: boolean;
}

/** One line of the list. `index` is the record's 0-based ordinal in the file (not its position in the view). */
export interface RowView {
  index: number;
  line: number;
  id: string;
  task?: string;
  inputs: Modality[];
  outputs: Modality[];
  label: Label;
  /** Set for error records: the message a person can act on. */
  error?: string;
  /** The start of the prompt as one line, so rows without a telling id ("line-42") still read apart. */
  prompt?: string;
  /** The current run's verdict under its ε and margin (score_a − score_b), when it covers this record. */
  verdict?: Label;
  margin?: number;
  /** Why the first run has no verdict here (the model could not score this pair). */
  runError?: string;
  /** Whether the verdict matches the human label (undefined when either is missing or the label is 'none'). */
  agrees?: boolean;
  /** The current run scored other content (the pair was edited since): no verdict until it is rescored. */
  stale?: boolean;
  edited?: boolean;
  /** Changed since the editor opened the file and saved since (auto save): the row keeps a quieter mark. */
  changed?: boolean;
  /** The comparison run's verdict and margin, and which run alone is right ('onlyA' = the current run). */
  secondVerdict?: Label;
  secondMargin?: number;
  secondAgrees?: boolean;
  flip?: 'onlyA' | 'onlyB';
  /** P(the label opposite the human's), for label-noise candidates. */
  pOpposite?: number;
}

export type PartView =
  { type: 'text'; text: string } | { type: 'chat'; turns: ChatTurn[] } | { type: 'media'; media: MediaView };

export interface ResponseView {
  parts: PartView[];
  model?: string;
}

/**
 * One run's opinion of one pair, judged as the list judges it: scores (score A is for the response shown as A),
 * a stated verdict (judges, imported runs), the model's error, or stale (the pair changed after it was scored).
 */
export type ScoreView = { run: string } & (
  | { kind: 'scores'; scoreA: number; scoreB: number; margin: number; verdict: Label; agrees?: boolean }
  | { kind: 'verdict'; verdict?: Label; agrees?: boolean }
  | { kind: 'error'; message: string }
  | { kind: 'stale' }
);

export interface PairView {
  kind: 'pair';
  index: number;
  line: number;
  id: string;
  task?: string;
  subset?: string;
  format: string;
  prompt: PartView[];
  criterion?: string;
  a: ResponseView;
  b: ResponseView;
  label: Label;
  labelKind: 'explicit' | 'implicit';
  tieKind?: 'good' | 'bad';
  scores: ScoreView[];
  /** Which variants A and B are, when the record holds more than two responses. */
  variantsNote?: string;
  /** Unsaved changes to this record, and (chosen/rejected files) whether the file's chosen is now B. */
  edited?: boolean;
  swapped?: boolean;
}

export interface ErrorView {
  kind: 'error';
  index: number;
  line: number;
  message: string;
  text: string;
}

export type RecordView = PairView | ErrorView;

/** The header's numbers. Partial (complete = false) while the index or the stats scan is running. */
export interface HeaderStats {
  format: string;
  formatName: string;
  records: number;
  errors: number;
  labels: Record<Label, number>;
  tasks: Record<string, number>;
  complete: boolean;
}

export interface IndexProgress {
  bytes: number;
  total: number;
  records: number;
  done: boolean;
}

export interface RunInfo {
  id: string;
  model: string;
}

/** Actions the palette commands (and keybindings) send to the active editor's webview. */
export type EditorAction =
  'next' | 'previous' | 'open' | 'back' | 'focusSearch' | 'first' | 'last' | 'toggleErrorsOnly' | 'showDisagreements';

/** What the webview keeps across hide/show (vscode.setState). */
export interface WebviewState {
  /** Selected record (0-based index in the file) and its position in the filtered list. */
  selected: number;
  selectedPos: number;
  mode: 'list' | 'pair';
  filter: RowFilter;
  scrollTop: number;
}

export const enum MessageType {
  //#region to webview
  ReadyResponse,
  RowsResponse,
  PairResponse,
  ErrorResponse,
  IndexProgress,
  StatsChanged,
  /** The filtered view grew or finished (a streaming scan over a huge file). */
  ViewChanged,
  /** Records changed (edits, undo, reload from disk, a run appeared): drop cached pages and pairs. */
  Invalidate,
  RunAction,
  EditResponse,
  EditNotice,
  AnalysisState,
  ShowAnalysis,
  DashboardResponse,
  ComparisonResponse,
  ProbeResponse,
  SweepResult,
  //#endregion
  //#region from webview
  ReadyRequest,
  GetRows,
  GetPair,
  SelectionChanged,
  SetLabel,
  CommitCriterion,
  KeyFocus,
  Undo,
  GetDashboard,
  GetComparison,
  ExportReport,
  ProbeCriterion,
  SetEpsilon,
  OpenLink,
  //#endregion
}

export interface ReadyResponseMessage {
  type: MessageType.ReadyResponse;
  fileName: string;
  stats: HeaderStats;
  progress: IndexProgress;
  runs: RunInfo[];
}

export interface RowsResponseMessage {
  type: MessageType.RowsResponse;
  /** Canonical key of the filter these rows belong to (stale replies are dropped by the webview). */
  viewKey: string;
  start: number;
  rows: RowView[];
  /** Rows in the view so far, and whether the view is complete (index built and filter scan done). */
  total: number;
  done: boolean;
}

export interface PairResponseMessage {
  type: MessageType.PairResponse;
  record: RecordView;
}

export interface ErrorResponseMessage {
  type: MessageType.ErrorResponse;
  message: string;
}

export interface IndexProgressMessage {
  type: MessageType.IndexProgress;
  progress: IndexProgress;
}

export interface StatsChangedMessage {
  type: MessageType.StatsChanged;
  stats: HeaderStats;
}

export interface ViewChangedMessage {
  type: MessageType.ViewChanged;
  viewKey: string;
  total: number;
  done: boolean;
  /** Records scanned by the filter so far (equals the record count when done). */
  scanned: number;
}

export interface InvalidateMessage {
  type: MessageType.Invalidate;
  runs: RunInfo[];
}

export interface RunActionMessage {
  type: MessageType.RunAction;
  action: EditorAction;
}

/** The reply to an edit request: applied (one undoable edit; `unchanged` when it changed nothing), or why not. */
export type EditResponseMessage = { type: MessageType.EditResponse } & (
  { ok: true; unchanged?: boolean } | { ok: false; message: string }
);

/** A label button in the pair view (keys go through VS Code keybindings, so they are rebindable). */
export interface SetLabelMessage {
  type: MessageType.SetLabel;
  index: number;
  label: Label;
}

/** An edit was applied (from a key, a button or the palette): what changed, in words, with an Undo. */
export interface EditNoticeMessage {
  type: MessageType.EditNotice;
  /** e.g. "line 699: A → B", "12 pairs labelled B". */
  text: string;
  /** Extra words: "responses swapped: the file's chosen is now B". */
  detail?: string;
}

/** The notice's Undo: the host runs VS Code's own undo, so the undo stack stays VS Code's. */
export interface UndoMessage {
  type: MessageType.Undo;
}

/** The criterion editor committed (Enter, blur or Apply): one undoable edit. */
export interface CommitCriterionMessage {
  type: MessageType.CommitCriterion;
  index: number;
  text: string;
}

/**
 * Whether the 1 / 2 / 0 label keys may act in this webview: true only while focus is on the list or the pair view
 * and the user put it there (a click, a navigation key), never while typing or after a focus move the app made.
 */
export interface KeyFocusMessage {
  type: MessageType.KeyFocus;
  labelKeys: boolean;
}

export interface AnalysisRunInfo {
  id: string;
  name: string;
  bradleyTerry: boolean;
}

/** Which runs the list judges with (the current one, and the comparison run when two are compared). */
export interface AnalysisStateMessage {
  type: MessageType.AnalysisState;
  current?: AnalysisRunInfo;
  second?: AnalysisRunInfo;
  /** A length-baseline run of this file (shown beside the model on the dashboard). */
  baseline?: AnalysisRunInfo;
  /** ε per task the list's verdicts use. */
  epsilons: Record<string, number>;
  /** ε chosen by the user ({} = calibrated per task). */
  epsilon: EpsilonChoice;
  threshold: number;
  /** Accuracy on the file (with / without ties), for the header. */
  accuracy?: { withTies?: number; withoutTies?: number };
}

export type AnalysisViewName = 'dashboard' | 'comparison' | 'sweep';

/** A palette command asks the webview to show an analysis view (or the list's filter to change). */
export interface ShowAnalysisMessage {
  type: MessageType.ShowAnalysis;
  view: AnalysisViewName;
}

export interface DashboardResponseMessage {
  type: MessageType.DashboardResponse;
  title: string;
  run?: { name: string; judged: Judged[]; bradleyTerry: boolean };
  baseline?: { name: string; judged: Judged[]; bradleyTerry: false };
  epsilon: EpsilonChoice;
}

/** The two runs paired per record (`a` = the current run, `b` = the second run), or what to do when there is no second run. */
export type ComparisonResponseMessage = { type: MessageType.ComparisonResponse; title: string } & (
  | { ok: true; pairs: PairedJudged[]; currentName: string; secondName: string; ids: string[] }
  | { ok: false; message: string }
);

/** One side of the probe: the scores and the verdict, or why the model could not score the pair. */
export type ProbeScores =
  { ok: true; scoreA: number; scoreB: number; margin: number; verdict: Label } | { ok: false; message: string };

/**
 * Scores under the file's criterion (`before`: from the run, or scored now when the run has none) and under the
 * probed one; or why the probe could not score (no run chosen, the model cannot load, an imported run…); or
 * superseded: a newer probe of this editor started meanwhile, so this one's result is not shown.
 */
export type ProbeResponseMessage = { type: MessageType.ProbeResponse; index: number; criterion: string } & (
  | { ok: true; model: string; before: ProbeScores; after: ProbeScores }
  | { ok: false; message: string }
  | { ok: false; superseded: true }
);

export interface SweepResultMessage {
  type: MessageType.SweepResult;
  variants: CriterionVariant[];
  cells: SweepCell[];
  modelName?: string;
  slice?: string;
}

export interface GetDashboardMessage {
  type: MessageType.GetDashboard;
}

export interface GetComparisonMessage {
  type: MessageType.GetComparison;
}

/** An export button in an analysis view: the host copies the text or saves it. */
export interface ExportReportMessage {
  type: MessageType.ExportReport;
  what: string;
  format: 'markdown' | 'csv';
  text: string;
  fileName: string;
}

export interface ProbeCriterionMessage {
  type: MessageType.ProbeCriterion;
  index: number;
  criterion: string;
}

/** The dashboard's ε control: the list's verdicts follow it. */
export interface SetEpsilonMessage {
  type: MessageType.SetEpsilon;
  epsilon: EpsilonChoice;
}

export type ToWebviewMessage =
  | EditResponseMessage
  | EditNoticeMessage
  | AnalysisStateMessage
  | ShowAnalysisMessage
  | DashboardResponseMessage
  | ComparisonResponseMessage
  | ProbeResponseMessage
  | SweepResultMessage
  | ReadyResponseMessage
  | RowsResponseMessage
  | PairResponseMessage
  | ErrorResponseMessage
  | IndexProgressMessage
  | StatsChangedMessage
  | ViewChangedMessage
  | InvalidateMessage
  | RunActionMessage;

export interface ReadyRequestMessage {
  type: MessageType.ReadyRequest;
}

export interface GetRowsMessage {
  type: MessageType.GetRows;
  start: number;
  count: number;
  filter: RowFilter;
}

export interface GetPairMessage {
  type: MessageType.GetPair;
  index: number;
}

export interface SelectionChangedMessage {
  type: MessageType.SelectionChanged;
  index: number;
}

/** The user clicked a link written in the data: the host asks before opening it. */
export interface OpenLinkMessage {
  type: MessageType.OpenLink;
  url: string;
}

export type FromWebviewMessage =
  | ReadyRequestMessage
  | GetRowsMessage
  | GetPairMessage
  | SelectionChangedMessage
  | SetLabelMessage
  | CommitCriterionMessage
  | KeyFocusMessage
  | UndoMessage
  | GetDashboardMessage
  | GetComparisonMessage
  | ExportReportMessage
  | ProbeCriterionMessage
  | SetEpsilonMessage
  | OpenLinkMessage;

/** Which reply each request gets. */
export interface ReplyOf {
  [MessageType.ReadyRequest]: ReadyResponseMessage;
  [MessageType.GetRows]: RowsResponseMessage;
  [MessageType.GetPair]: PairResponseMessage;
  [MessageType.CommitCriterion]: EditResponseMessage;
  [MessageType.SetLabel]: EditResponseMessage;
  [MessageType.GetDashboard]: DashboardResponseMessage;
  [MessageType.GetComparison]: ComparisonResponseMessage;
  [MessageType.ProbeCriterion]: ProbeResponseMessage;
}

/** The envelope on the wire: every message has an id; a reply names the id it answers. */
export interface WebviewMessage<T> {
  messageId: number;
  inReplyTo?: number;
  body: T;
}

/** The message of one type from the webview. */
export type FromWebview<K extends FromWebviewMessage['type']> = Extract<FromWebviewMessage, { type: K }>;

/** What the host answers a message of type K with: its reply for a request, nothing for an event. */
export type HostReply<K extends FromWebviewMessage['type']> = K extends keyof ReplyOf
  ? Promise<ReplyOf[K]> | ReplyOf[K]
  : void;

/** One handler per message type from the webview: the compiler checks that every type has exactly one. */
export type WebviewHandlers = {
  [K in FromWebviewMessage['type']]: (msg: FromWebview<K>) => HostReply<K>;
};

/** Hands a message to its handler (the one cast: TypeScript cannot correlate the key with the message). */
export function dispatch(
  handlers: WebviewHandlers,
  msg: FromWebviewMessage,
): Promise<ToWebviewMessage | undefined> | ToWebviewMessage | undefined {
  return (
    handlers[msg.type] as (
      m: FromWebviewMessage,
    ) => Promise<ToWebviewMessage | undefined> | ToWebviewMessage | undefined
  )(msg);
}

/**
 * Both ends of the channel: sends events and requests, pairs replies with requests by id, and answers the other
 * side's requests with whatever `handle` returns (a rejected handler becomes an ErrorResponse).
 */
export class MessageHandler<TSend, TReceive> {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(v: TReceive): void; reject(e: Error): void }>();

  constructor(
    private readonly post: (msg: WebviewMessage<TSend>) => void,
    private readonly handle: (body: TReceive) => Promise<TSend | undefined> | TSend | undefined,
    private readonly isError: (body: TReceive) => string | undefined = () => undefined,
    private readonly toError: (message: string) => TSend | undefined = () => undefined,
  ) {}

  sendEvent(body: TSend): void {
    this.post({ messageId: this.nextId++, body });
  }

  sendRequest<R extends TReceive>(body: TSend): Promise<R> {
    const messageId = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(messageId, { resolve: resolve as (v: TReceive) => void, reject });
      this.post({ messageId, body });
    });
  }

  /** Feed every message from the other side here. */
  async receive(msg: WebviewMessage<TReceive>): Promise<void> {
    if (msg.inReplyTo !== undefined) {
      const waiter = this.pending.get(msg.inReplyTo);
      if (!waiter) return;
      this.pending.delete(msg.inReplyTo);
      const error = this.isError(msg.body);
      if (error !== undefined) waiter.reject(new Error(error));
      else waiter.resolve(msg.body);
      return;
    }
    let reply: TSend | undefined;
    try {
      reply = await this.handle(msg.body);
    } catch (e) {
      reply = this.toError(e instanceof Error ? e.message : String(e));
    }
    if (reply !== undefined) this.post({ messageId: this.nextId++, inReplyTo: msg.messageId, body: reply });
  }

  /** Rejects every request still waiting (the other side went away). */
  dispose(): void {
    for (const w of this.pending.values()) w.reject(new Error('the editor was closed'));
    this.pending.clear();
  }
}

export const errorOf = (m: ToWebviewMessage): string | undefined =>
  m.type === MessageType.ErrorResponse ? m.message : undefined;
export const toErrorMessage = (message: string): ToWebviewMessage => ({ type: MessageType.ErrorResponse, message });
