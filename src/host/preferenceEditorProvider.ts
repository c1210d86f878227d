// The Reward Lens custom editor: one webview per preference document, speaking src/protocol.ts through an
// EditorSession. The host owns the file and its index; the webview pulls the pages it shows.
import * as vscode from 'vscode';
import type { RowContext } from '../core/analysis/rowFacts';
import { EditorSession } from '../core/view/editorSession';
import type { ViewOptions } from '../core/view/filteredView';
import {
  MessageHandler,
  MessageType,
  dispatch,
  toErrorMessage,
  type AnalysisStateMessage,
  type ComparisonResponseMessage,
  type DashboardResponseMessage,
  type EditResponseMessage,
  type EditorAction,
  type EpsilonChoice,
  type FromWebview,
  type FromWebviewMessage,
  type ProbeResponseMessage,
  type RowFilter,
  type ToWebviewMessage,
  type WebviewHandlers,
  type WebviewMessage,
} from '../protocol';
import { openDataLink } from './dataLinks';
import { DatasetSource } from './datasetSource';
import { mediaResolver } from './mediaResolver';
import { DiskGuard } from './annotation/diskGuard';
import { PreferenceDocument } from './preferenceDocument';
import { listRunsFor, type RunListing } from './runLoader';
import { editorSettings, resourceRoots } from './settings';
import { webviewHtml } from './webviewHtml';

export interface OpenEditor {
  document: PreferenceDocument;
  panel: vscode.WebviewPanel;
  session: EditorSession;
  /** The dataset's run files, by header (the analysis reads the entries of the runs it judges with). */
  runs: RunListing[];
}

/** What the editor needs of annotation (src/host/annotation): the edit messages and the selection. */
export interface AnnotationPart {
  setLabel(
    editor: OpenEditor,
    index: number,
    label: FromWebview<MessageType.SetLabel>['label'],
  ): Promise<EditResponseMessage>;
  commitCriterion(editor: OpenEditor, index: number, text: string): Promise<EditResponseMessage>;
  keyFocus(editor: OpenEditor, labelKeys: boolean): void;
  undo(): Promise<void>;
  selectionChanged(editor: OpenEditor, index: number): void;
}

/** What the editor needs of analysis (src/host/analysis): judging, run-aware filters, its views and messages. */
export interface AnalysisPart {
  /** After an editor's runs are (re)loaded, before its list refetches: choose runs, verdicts under ε. */
  runsLoaded(editor: OpenEditor): Promise<void>;
  /** How the list and the pair view judge pairs (undefined until a run is chosen and ε is known). */
  judging(editor: OpenEditor): RowContext | undefined;
  viewOptions(editor: OpenEditor, filter: RowFilter): ViewOptions | undefined;
  stateMessage(editor: OpenEditor): AnalysisStateMessage;
  dashboard(editor: OpenEditor): Promise<DashboardResponseMessage>;
  comparison(editor: OpenEditor): Promise<ComparisonResponseMessage>;
  exportReport(editor: OpenEditor, msg: FromWebview<MessageType.ExportReport>): void;
  probe(editor: OpenEditor, index: number, criterion: string): Promise<ProbeResponseMessage>;
  setEpsilon(editor: OpenEditor, epsilon: EpsilonChoice): void;
}

export interface EditorParts {
  annotation: AnnotationPart;
  analysis: AnalysisPart;
}

export class PreferenceEditorProvider implements vscode.CustomEditorProvider<PreferenceDocument> {
  static readonly viewType = 'rewardLens.preferenceEditor';

  private readonly editors = new Set<OpenEditor>();
  private readonly parts: EditorParts;
  private active: OpenEditor | undefined;
  private readonly _onDidChangeActiveEditor = new vscode.EventEmitter<void>();
  /** A Reward Lens editor became active or stopped being active (per-editor state such as the label keys follows). */
  readonly onDidChangeActiveEditor = this._onDidChangeActiveEditor.event;
  private readonly _onDidChangeCustomDocument = new vscode.EventEmitter<
    vscode.CustomDocumentEditEvent<PreferenceDocument>
  >();
  readonly onDidChangeCustomDocument = this._onDidChangeCustomDocument.event;

  /** One watcher per document: changes on disk never overwrite unsaved edits silently. */
  private readonly guards = new WeakMap<PreferenceDocument, DiskGuard>();

  /** `parts` builds annotation and analysis, which need the provider (active editor, reload of runs) in turn. */
  private constructor(
    private readonly context: vscode.ExtensionContext,
    parts: (provider: PreferenceEditorProvider) => EditorParts,
  ) {
    this.parts = parts(this);
  }

  static register(
    context: vscode.ExtensionContext,
    parts: (provider: PreferenceEditorProvider) => EditorParts,
  ): PreferenceEditorProvider {
    const provider = new PreferenceEditorProvider(context, parts);
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(PreferenceEditorProvider.viewType, provider, {
        // The webview restores its selection from getState, so it need not stay alive while hidden.
        webviewOptions: { retainContextWhenHidden: false },
        // One document, one editor: edits and the index live in the document, the hex editor does the same.
        supportsMultipleEditorsPerDocument: false,
      }),
    );
    return provider;
  }

  async openCustomDocument(
    uri: vscode.Uri,
    openContext: vscode.CustomDocumentOpenContext,
    _token: vscode.CancellationToken,
  ): Promise<PreferenceDocument> {
    let report: ((p: { bytes: number; total: number }) => void) | undefined;
    let finished: () => void = () => {};
    const done = new Promise<void>((r) => (finished = r));
    const name = uri.path.split('/').pop();
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Indexing ${name}` },
      async (progress) => {
        let last = 0;
        report = ({ bytes, total }) => {
          const pct = total > 0 ? Math.floor((100 * bytes) / total) : 0;
          if (pct > last) progress.report({ increment: pct - last, message: `${pct}%` });
          last = pct;
        };
        await done;
      },
    );
    try {
      const document = await PreferenceDocument.create(uri, openContext.backupId, (p) => report?.(p));
      document.indexed.then(finished, (e: unknown) => {
        finished();
        if ((e as Error)?.name !== 'AbortError')
          void vscode.window.showErrorMessage(
            `Reward Lens could not index ${name}: ${e instanceof Error ? e.message : e}`,
          );
      });
      document.onDidChange((e) => this._onDidChangeCustomDocument.fire({ document, ...e }));
      const guard = new DiskGuard(document);
      this.guards.set(document, guard);
      document.onDidDispose(() => guard.dispose());
      return document;
    } catch (e) {
      finished();
      throw e;
    }
  }

  async resolveCustomEditor(
    document: PreferenceDocument,
    panel: vscode.WebviewPanel,
    _token: vscode.CancellationToken,
  ): Promise<void> {
    const webview = panel.webview;
    const extensionUri = this.context.extensionUri;
    webview.options = { enableScripts: true, localResourceRoots: resourceRoots(document.uri, extensionUri) };
    webview.html = webviewHtml(webview, extensionUri, editorSettings(document.uri).allowRemoteMedia);

    const { analysis } = this.parts;
    const editor: OpenEditor = { document, panel, session: undefined as unknown as EditorSession, runs: [] };
    const handlers = this.handlers(editor);
    // Nothing is posted until the webview's ready request arrives (the session holds events until then).
    const channel = new MessageHandler<ToWebviewMessage, FromWebviewMessage>(
      (m) => void webview.postMessage(m),
      (body) => dispatch(handlers, body),
      () => undefined,
      toErrorMessage,
    );
    editor.session = new EditorSession({
      source: new DatasetSource(() => document.ds),
      isEdited: (i) => document.ds.isEdited(i),
      changedSinceOpen: (i) => document.ds.changedSinceOpen(i),
      fileName: document.fileName,
      format: () => ({ id: document.ds.format?.id ?? '', name: document.ds.format?.displayName ?? 'Unknown format' }),
      resolveMedia: mediaResolver(webview, document.uri),
      runs: () => editor.runs,
      send: (m) => channel.sendEvent(m),
      judging: () => analysis.judging(editor),
      viewOptions: (filter) => analysis.viewOptions(editor, filter),
    });
    editor.session.indexProgress(document.progress);
    this.editors.add(editor);
    this.active = editor;
    this._onDidChangeActiveEditor.fire();

    const subs: vscode.Disposable[] = [
      // Unchecked: the message's shape is trusted from here on (the handlers check the values they use).
      webview.onDidReceiveMessage((m: WebviewMessage<FromWebviewMessage>) => void channel.receive(m)),
      document.onIndexProgress((p) => editor.session.indexProgress(p)),
      document.onDidChangeContent(() => editor.session.invalidate()),
      panel.onDidChangeViewState(() => {
        if (panel.active) this.active = editor;
        this._onDidChangeActiveEditor.fire();
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subs) s.dispose();
      channel.dispose();
      editor.session.dispose();
      this.editors.delete(editor);
      if (this.active === editor) this.active = undefined;
      this._onDidChangeActiveEditor.fire();
    });
    void this.loadRuns(editor);
  }

  /** One owner per webview message: the session (list and pair pages), annotation (edits), analysis (its views). */
  private handlers(editor: OpenEditor): WebviewHandlers {
    const { annotation, analysis } = this.parts;
    const session = () => editor.session;
    return {
      [MessageType.ReadyRequest]: () => {
        const reply = session().ready();
        // Posted right after the session starts posting events, so it reaches the webview before the reply.
        session().notify(analysis.stateMessage(editor));
        return reply;
      },
      [MessageType.GetRows]: (m) => session().rows(m),
      [MessageType.GetPair]: (m) => session().pair(m),
      [MessageType.SelectionChanged]: (m) => {
        annotation.selectionChanged(editor, m.index);
        return session().select(m);
      },
      [MessageType.SetLabel]: (m) => annotation.setLabel(editor, m.index, m.label),
      [MessageType.CommitCriterion]: (m) => annotation.commitCriterion(editor, m.index, m.text),
      [MessageType.KeyFocus]: (m) => annotation.keyFocus(editor, m.labelKeys),
      [MessageType.Undo]: () => void annotation.undo(),
      [MessageType.GetDashboard]: () => analysis.dashboard(editor),
      [MessageType.GetComparison]: () => analysis.comparison(editor),
      [MessageType.ExportReport]: (m) => analysis.exportReport(editor, m),
      [MessageType.ProbeCriterion]: (m) => analysis.probe(editor, m.index, m.criterion),
      [MessageType.SetEpsilon]: (m) => analysis.setEpsilon(editor, m.epsilon),
      [MessageType.OpenLink]: (m) => void openDataLink(m.url),
    };
  }

  /** Every open Reward Lens editor. */
  openEditors(): OpenEditor[] {
    return [...this.editors];
  }

  /** The focused Reward Lens editor, if any. */
  activeEditor(): OpenEditor | undefined {
    return this.active && this.active.panel.active ? this.active : [...this.editors].find((e) => e.panel.active);
  }

  /** A palette command acts on the focused Reward Lens editor. */
  runAction(action: EditorAction): boolean {
    const editor = this.activeEditor();
    if (!editor) return false;
    editor.session.runAction(action);
    return true;
  }

  /** Runs on disk changed (the scoring commands call this): editors of `datasetUri` (or all) reload theirs. */
  async reloadRuns(datasetUri?: vscode.Uri): Promise<void> {
    await Promise.all(
      [...this.editors]
        .filter((e) => !datasetUri || e.document.uri.fsPath === datasetUri.fsPath)
        .map((e) => this.loadRuns(e)),
    );
  }

  /** The document and selected record of the active editor, for commands that act on it. */
  activeSelection(): { document: PreferenceDocument; index: number } | undefined {
    return this.active ? { document: this.active.document, index: this.active.session.selected } : undefined;
  }

  private async loadRuns(editor: OpenEditor): Promise<void> {
    try {
      editor.runs = await listRunsFor(editor.document.uri.fsPath);
    } catch {
      editor.runs = [];
    }
    await this.parts.analysis.runsLoaded(editor).catch(() => undefined);
    editor.session.invalidate();
  }

  saveCustomDocument(document: PreferenceDocument, cancellation: vscode.CancellationToken): Thenable<void> {
    const guard = this.guards.get(document);
    return guard ? guard.guardedSave(() => document.save(cancellation)) : document.save(cancellation);
  }

  saveCustomDocumentAs(
    document: PreferenceDocument,
    destination: vscode.Uri,
    cancellation: vscode.CancellationToken,
  ): Thenable<void> {
    return document.saveAs(destination, cancellation);
  }

  revertCustomDocument(document: PreferenceDocument, cancellation: vscode.CancellationToken): Thenable<void> {
    return document.revert(cancellation);
  }

  backupCustomDocument(
    document: PreferenceDocument,
    context: vscode.CustomDocumentBackupContext,
    cancellation: vscode.CancellationToken,
  ): Thenable<vscode.CustomDocumentBackup> {
    return document.backup(context.destination, cancellation);
  }
}
