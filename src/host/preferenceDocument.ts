// The custom document: one preference file, indexed by the core Dataset. It resolves as soon as the first
// records are readable (the editor shows them while the rest is indexed) and owns edits, save, revert, backup.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Dataset, type RecordEdit } from '../core/dataset/dataset';
import type { IndexProgress } from '../protocol';

export class PreferenceDocument implements vscode.CustomDocument {
  private readonly _onDidChange = new vscode.EventEmitter<{ label: string; undo(): void; redo(): void }>();
  /** Fired for every edit, so VS Code tracks dirty state, undo and redo (annotation builds on `makeEdit`). */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeContent = new vscode.EventEmitter<void>();
  /** Records changed (edit, undo, redo, revert, reload): open webviews refetch what they show. */
  readonly onDidChangeContent = this._onDidChangeContent.event;
  private readonly _onIndexProgress = new vscode.EventEmitter<IndexProgress>();
  readonly onIndexProgress = this._onIndexProgress.event;
  private readonly _onDidDispose = new vscode.EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;

  progress: IndexProgress = { bytes: 0, total: 0, records: 0, done: false };
  /** Resolves when the whole file is indexed (rejects if indexing failed). */
  readonly indexed: Promise<void>;
  private constructor(
    readonly uri: vscode.Uri,
    private dataset: Dataset,
    indexed: Promise<void>,
    /** Cancels indexing when the editor closes before the index is complete. */
    private readonly abort: AbortController,
  ) {
    this.indexed = indexed;
  }

  /** Opens the file and resolves once the first page can be read; indexing of the rest goes on in the background. */
  static async create(
    uri: vscode.Uri,
    backupId: string | undefined,
    onProgress: (p: IndexProgress) => void,
  ): Promise<PreferenceDocument> {
    if (uri.scheme !== 'file') throw new Error(`Reward Lens opens files on disk; ${uri.toString()} is not one`);
    const abort = new AbortController();
    let doc: PreferenceDocument | undefined;
    let progress: IndexProgress = { bytes: 0, total: 0, records: 0, done: false };
    const report = (p: IndexProgress) => {
      progress = p;
      onProgress(p);
      if (doc) {
        doc.progress = p;
        doc._onIndexProgress.fire(p);
      }
    };
    return new Promise<PreferenceDocument>((resolveDoc, rejectDoc) => {
      const opened = Dataset.open(uri.fsPath, {
        signal: abort.signal,
        onProgress: (bytes, total, records) => report({ bytes, total, records, done: false }),
        onFirstRecords: (ds) => {
          if (doc) return;
          doc = new PreferenceDocument(uri, ds, indexed, abort);
          doc.progress = progress;
          resolveDoc(doc);
        },
      });
      const indexed = opened.then(async (ds) => {
        const total = progress.total || progress.bytes;
        report({ bytes: total, total, records: ds.recordCount, done: true });
        if (!doc) {
          doc = new PreferenceDocument(uri, ds, Promise.resolve(), abort);
          resolveDoc(doc);
        }
        if (backupId) await doc.restoreBackup(vscode.Uri.parse(backupId));
      });
      indexed.catch((e: unknown) => rejectDoc(e instanceof Error ? e : new Error(String(e))));
    });
  }

  get ds(): Dataset {
    return this.dataset;
  }

  get fileName(): string {
    return this.uri.path.split('/').pop() ?? this.uri.fsPath;
  }

  /** Applies one planned edit and announces it to VS Code with its undo and redo. */
  makeEdit(edit: RecordEdit): void {
    if (edit.changes.length === 0) return;
    this.dataset.apply(edit);
    this._onDidChangeContent.fire();
    this._onDidChange.fire({
      label: edit.description,
      undo: () => {
        this.dataset.undo();
        this._onDidChangeContent.fire();
      },
      redo: () => {
        this.dataset.redo();
        this._onDidChangeContent.fire();
      },
    });
  }

  /** Records changed outside an edit (rebased onto the file on disk): open webviews refetch. */
  contentChanged(): void {
    this._onDidChangeContent.fire();
  }

  async save(_cancel?: vscode.CancellationToken): Promise<void> {
    await this.indexed;
    if (!this.dataset.isDirty) return;
    await this.dataset.save();
  }

  async saveAs(target: vscode.Uri, _cancel?: vscode.CancellationToken): Promise<void> {
    await this.indexed;
    if (target.scheme !== 'file')
      throw new Error(`Reward Lens saves to files on disk; ${target.toString()} is not one`);
    await this.dataset.save({ target: target.fsPath });
  }

  /** Drops unsaved edits by indexing the file on disk again. */
  async revert(_cancel?: vscode.CancellationToken): Promise<void> {
    await this.indexed;
    await this.dataset.reload({ signal: this.abort.signal });
    this._onDidChangeContent.fire();
  }

  /**
   * Hot exit: writes the edit journal (not the file) where VS Code asks, at once. In the browser a reload can come
   * a second or two after an edit, so this is one small local write: the journal holds only edited records, and a
   * `file:` destination (the extension host's own storage) is written directly rather than through workspace.fs.
   */
  async backup(destination: vscode.Uri, _cancel: vscode.CancellationToken): Promise<vscode.CustomDocumentBackup> {
    if (!this.dataset.indexDone) await this.indexed;
    const journal = this.dataset.backup();
    if (destination.scheme === 'file') {
      await mkdir(dirname(destination.fsPath), { recursive: true });
      await writeFile(destination.fsPath, journal, 'utf8');
    } else await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(journal));
    return {
      id: destination.toString(),
      // VS Code does not wait for delete(); a backup already gone is fine.
      delete: () => void vscode.workspace.fs.delete(destination).then(undefined, () => undefined),
    };
  }

  private async restoreBackup(backup: vscode.Uri): Promise<void> {
    try {
      const json = new TextDecoder().decode(await vscode.workspace.fs.readFile(backup));
      const refused = await this.dataset.restoreBackup(json);
      if (refused) void vscode.window.showWarningMessage(`Reward Lens: ${refused.error}`);
      else this._onDidChangeContent.fire();
    } catch (e) {
      void vscode.window.showWarningMessage(
        `Reward Lens: could not read the unsaved edits of ${this.fileName}: ${e instanceof Error ? e.message : e}`,
      );
    }
  }

  dispose(): void {
    this.abort.abort();
    this._onDidDispose.fire();
    for (const e of [this._onDidChange, this._onDidChangeContent, this._onIndexProgress, this._onDidDispose])
      e.dispose();
  }
}
