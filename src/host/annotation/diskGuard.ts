// Keeps unsaved edits safe from changes on disk: a watcher on the document's file and a stat check before every
// save. No unsaved edits: reload silently. Unsaved edits: ask, as VS Code does for text files; "Keep my edits"
// makes the next save confirm once more and then write this editor's records into the file as it now is.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { beforeSave, conflictMessage, onDiskChange, overwriteMessage } from '../../core/annotation/diskConflict';
import type { PreferenceDocument } from '../preferenceDocument';

export const RELOAD = 'Reload (discard my edits)';
export const KEEP = 'Keep my edits';
export const OVERWRITE = 'Save over it';

interface GuardState {
  keptEdits: boolean;
  saving: boolean;
  asking: boolean;
  deletedShown: boolean;
}

export class DiskGuard implements vscode.Disposable {
  private readonly state: GuardState = { keptEdits: false, saving: false, asking: false, deletedShown: false };
  private readonly subs: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly document: PreferenceDocument) {
    const uri = document.uri;
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(path.dirname(uri.fsPath)), path.basename(uri.fsPath)),
    );
    const poke = () => this.schedule();
    this.subs.push(watcher, watcher.onDidChange(poke), watcher.onDidCreate(poke), watcher.onDidDelete(poke));
    // Watchers miss changes on some file systems (network mounts); coming back to the editor checks again.
    this.subs.push(vscode.window.onDidChangeWindowState((w) => w.focused && this.schedule()));
  }

  /** Debounced: a `git checkout` or an editor's save fires several events for one change. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), 300);
  }

  private async facts() {
    const ds = this.document.ds;
    const st = await stat(ds.filePath).catch(() => undefined);
    const known = ds.fileIdentity;
    return {
      exists: !!st,
      changed: !!st && (st.size !== known.size || st.mtimeMs !== known.mtimeMs),
      dirty: ds.isDirty,
      keptEdits: this.state.keptEdits,
      saving: this.state.saving,
    };
  }

  async check(): Promise<void> {
    if (this.state.asking) return;
    await this.document.indexed.catch(() => undefined);
    const f = await this.facts();
    if (f.exists) this.state.deletedShown = false;
    switch (onDiskChange(f)) {
      case 'ignore':
        return;
      case 'reload':
        // Nothing unsaved: show the file as it is now; the webview keeps its selection and filter.
        this.state.keptEdits = false;
        await this.document.revert();
        return;
      case 'deleted':
        if (this.state.deletedShown || !f.dirty) return;
        this.state.deletedShown = true;
        void vscode.window.showWarningMessage(
          `${this.document.fileName} was deleted or moved on disk. Your ${this.document.ds.editedCount} unsaved edits stay in this editor; ` +
            'Reward Lens reads untouched records from the file, so restore it (e.g. git checkout) and save to keep them.',
        );
        return;
      case 'ask':
        await this.askReloadOrKeep();
        return;
    }
  }

  /** The modal for a change under unsaved edits. Returns the choice (undefined = dismissed, which keeps the edits). */
  private async askReloadOrKeep(): Promise<typeof RELOAD | typeof KEEP | undefined> {
    this.state.asking = true;
    try {
      const choice = await vscode.window.showWarningMessage(
        conflictMessage(this.document.fileName, this.document.ds.editedCount),
        { modal: true },
        RELOAD,
        KEEP,
      );
      if (choice === RELOAD) {
        this.state.keptEdits = false;
        // Through VS Code, so its undo stack and dirty state are reset along with the document.
        await vscode.commands
          .executeCommand('workbench.action.files.revert', this.document.uri)
          .then(undefined, () => this.document.revert());
        if (this.document.ds.isDirty) await this.document.revert();
      } else {
        this.state.keptEdits = true;
      }
      return choice ?? KEEP;
    } finally {
      this.state.asking = false;
    }
  }

  /** Runs `save` unless the file changed underneath; then asks first, and rebases the edits onto the new file. */
  async guardedSave(save: () => Promise<void>): Promise<void> {
    await this.document.indexed;
    const f = await this.facts();
    let action = beforeSave(f);
    if (action === 'deleted') {
      throw new Error(
        `${this.document.fileName} was deleted or moved on disk; restore it and save again (your edits are kept)`,
      );
    }
    if (action === 'ask') {
      const choice = await this.askReloadOrKeep();
      if (choice === RELOAD) return;
      action = 'confirm-overwrite';
    }
    if (action === 'confirm-overwrite') {
      const sure = await vscode.window.showWarningMessage(
        overwriteMessage(this.document.fileName, this.document.ds.editedCount),
        { modal: true },
        OVERWRITE,
      );
      if (sure !== OVERWRITE)
        throw new Error(
          `not saved: ${this.document.fileName} changed on disk and you chose not to save over it (your edits are kept)`,
        );
      const refused = await this.document.ds.rebaseOntoDisk();
      if (refused) throw new Error(refused.error);
      this.document.contentChanged();
    }
    this.state.saving = true;
    try {
      await save();
      this.state.keptEdits = false;
      this.document.contentChanged(); // the edited marks go: those rows now match the file
    } finally {
      this.state.saving = false;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
  }
}
