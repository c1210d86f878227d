// The Reward Lens custom editor: one webview per preference document, speaking src/protocol.ts through an
// EditorSession. The host owns the file and its index; the webview pulls the pages it shows.
import * as vscode from 'vscode';
import { EditorSession, type SessionOptions } from '../core/view/editorSession';
import type { LoadedRun } from '../core/view/rowView';
import { MessageHandler, toErrorMessage, type EditorAction, type FromWebviewMessage, type ToWebviewMessage, type WebviewMessage } from '../protocol';
import { DatasetSource } from './datasetSource';
import { mediaResolver } from './mediaResolver';
import { DiskGuard } from './annotation/diskGuard';
import { PreferenceDocument } from './preferenceDocument';
import { loadRunsFor } from './runLoader';
import { editorSettings, resourceRoots } from './settings';
import { webviewHtml } from './webviewHtml';

export interface OpenEditor {
  document: PreferenceDocument;
  panel: vscode.WebviewPanel;
  session: EditorSession;
  runs: LoadedRun[];
}

/** Answers some webview messages before the session does (annotation); undefined = not mine, the session answers. */
export type MessageHook = (editor: OpenEditor, msg: FromWebviewMessage) => Promise<ToWebviewMessage | undefined> | undefined;

export class PreferenceEditorProvider implements vscode.CustomEditorProvider<PreferenceDocument> {
  static readonly viewType = 'rewardLens.preferenceEditor';

  private readonly editors = new Set<OpenEditor>();
  private readonly hooks: MessageHook[] = [];
  // ── analysis ── run-aware rows and filters, and a step after runs load (choice of runs, verdicts under ε)
  sessionAnalysis?: (editor: OpenEditor) => SessionOptions['analysis'];
  private readonly runsHooks: ((editor: OpenEditor) => Promise<void>)[] = [];
  private active: OpenEditor | undefined;
  private readonly _onDidChangeCustomDocument = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<PreferenceDocument>>();
  readonly onDidChangeCustomDocument = this._onDidChangeCustomDocument.event;

  /** One watcher per document: changes on disk never overwrite unsaved edits silently. */
  private readonly guards = new WeakMap<PreferenceDocument, DiskGuard>();

  constructor(private readonly context: vscode.ExtensionContext) {}

  static register(context: vscode.ExtensionContext): PreferenceEditorProvider {
    const provider = new PreferenceEditorProvider(context);
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

  async openCustomDocument(uri: vscode.Uri, openContext: vscode.CustomDocumentOpenContext, _token: vscode.CancellationToken): Promise<PreferenceDocument> {
    let report: ((p: { bytes: number; total: number }) => void) | undefined;
    let finished: () => void = () => {};
    const done = new Promise<void>((r) => (finished = r));
    const name = uri.path.split('/').pop();
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Indexing ${name}` }, async (progress) => {
      let last = 0;
      report = ({ bytes, total }) => {
        const pct = total > 0 ? Math.floor((100 * bytes) / total) : 0;
        if (pct > last) progress.report({ increment: pct - last, message: `${pct}%` });
        last = pct;
      };
      await done;
    });
    try {
      const document = await PreferenceDocument.create(uri, openContext.backupId, (p) => report?.(p));
      document.indexed.then(finished, (e: unknown) => {
        finished();
        if ((e as Error)?.name !== 'AbortError') void vscode.window.showErrorMessage(`Reward Lens could not index ${name}: ${e instanceof Error ? e.message : e}`);
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

  async resolveCustomEditor(document: PreferenceDocument, panel: vscode.WebviewPanel, _token: vscode.CancellationToken): Promise<void> {
    const webview = panel.webview;
    const extensionUri = this.context.extensionUri;
    webview.options = { enableScripts: true, localResourceRoots: resourceRoots(document.uri, extensionUri) };
    webview.html = webviewHtml(webview, extensionUri, editorSettings(document.uri).allowRemoteMedia);

    const editor: OpenEditor = { document, panel, session: undefined as unknown as EditorSession, runs: [] };
    // Nothing is posted until the webview's ready request arrives (the session holds events until then).
    const channel = new MessageHandler<ToWebviewMessage, FromWebviewMessage>(
      (m) => void webview.postMessage(m),
      (body) => this.hooks.reduce<ReturnType<MessageHook>>((reply, hook) => reply ?? hook(editor, body), undefined) ?? editor.session.handle(body),
      () => undefined,
      toErrorMessage,
    );
    editor.session = new EditorSession({
      source: new DatasetSource(() => document.ds),
      isEdited: (i) => document.ds.isEdited(i),
      fileName: document.fileName,
      format: () => ({ id: document.ds.format?.id ?? '', name: document.ds.format?.displayName ?? 'Unknown format' }),
      resolveMedia: mediaResolver(webview, document.uri),
      runs: () => editor.runs,
      send: (m) => channel.sendEvent(m),
      analysis: this.sessionAnalysis?.(editor),
    });
    editor.session.indexProgress(document.progress);
    this.editors.add(editor);
    this.active = editor;

    const subs: vscode.Disposable[] = [
      // Unchecked: the message's shape is trusted from here on (the handlers check the values they use).
      webview.onDidReceiveMessage((m: WebviewMessage<FromWebviewMessage>) => void channel.receive(m)),
      document.onIndexProgress((p) => editor.session.indexProgress(p)),
      document.onDidChangeContent(() => editor.session.invalidate()),
      panel.onDidChangeViewState(() => {
        if (panel.active) this.active = editor;
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subs) s.dispose();
      channel.dispose();
      editor.session.dispose();
      this.editors.delete(editor);
      if (this.active === editor) this.active = undefined;
    });
    void this.loadRuns(editor);
  }

  /** Lets another host part (annotation) answer its own messages from every editor's webview. */
  addMessageHook(hook: MessageHook): vscode.Disposable {
    this.hooks.push(hook);
    return new vscode.Disposable(() => this.hooks.splice(this.hooks.indexOf(hook), 1));
  }

  /** Runs after an editor's runs are (re)loaded, before its list refetches (analysis). */
  addRunsHook(hook: (editor: OpenEditor) => Promise<void>): vscode.Disposable {
    this.runsHooks.push(hook);
    return new vscode.Disposable(() => this.runsHooks.splice(this.runsHooks.indexOf(hook), 1));
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
    await Promise.all([...this.editors].filter((e) => !datasetUri || e.document.uri.fsPath === datasetUri.fsPath).map((e) => this.loadRuns(e)));
  }

  /** The document and selected record of the active editor, for commands that act on it. */
  activeSelection(): { document: PreferenceDocument; index: number } | undefined {
    return this.active ? { document: this.active.document, index: this.active.session.selected } : undefined;
  }

  private async loadRuns(editor: OpenEditor): Promise<void> {
    try {
      editor.runs = await loadRunsFor(editor.document.uri.fsPath);
    } catch {
      editor.runs = [];
    }
    for (const hook of this.runsHooks) await hook(editor).catch(() => undefined);
    editor.session.invalidate();
  }

  saveCustomDocument(document: PreferenceDocument, cancellation: vscode.CancellationToken): Thenable<void> {
    const guard = this.guards.get(document);
    return guard ? guard.guardedSave(() => document.save(cancellation)) : document.save(cancellation);
  }

  saveCustomDocumentAs(document: PreferenceDocument, destination: vscode.Uri, cancellation: vscode.CancellationToken): Thenable<void> {
    return document.saveAs(destination, cancellation);
  }

  revertCustomDocument(document: PreferenceDocument, cancellation: vscode.CancellationToken): Thenable<void> {
    return document.revert(cancellation);
  }

  backupCustomDocument(document: PreferenceDocument, context: vscode.CustomDocumentBackupContext, cancellation: vscode.CancellationToken): Thenable<vscode.CustomDocumentBackup> {
    return document.backup(context.destination, cancellation);
  }
}

