// What to do when the file under an open editor changes on disk, decided from facts alone (the host asks the
// user and acts). The rules follow VS Code's text editor: never overwrite silently, reload silently when nothing
// would be lost.

export interface DiskFacts {
  /** The file is still there. */
  exists: boolean;
  /** Its size or mtime differ from what the editor last read or wrote. */
  changed: boolean;
  /** The editor holds unsaved edits. */
  dirty: boolean;
  /** The user already chose "Keep my edits" for this change (so the next save must confirm the overwrite). */
  keptEdits: boolean;
  /** Our own save is writing the file right now (its rename fires the watcher). */
  saving: boolean;
}

export type DiskAction =
  /** Nothing to do: our own write, or nothing changed. */
  | 'ignore'
  /** No unsaved edits: read the file again and keep the selection. */
  | 'reload'
  /** Unsaved edits and a foreign change: ask "Reload (discard my edits)" / "Keep my edits". */
  | 'ask'
  /** The file is gone: say so; the edits stay, and Save writes it back. */
  | 'deleted';

/** The watcher fired (or the editor regained focus): what to do. */
export function onDiskChange(f: DiskFacts): DiskAction {
  if (f.saving) return 'ignore';
  if (!f.exists) return 'deleted';
  if (!f.changed) return 'ignore';
  if (!f.dirty) return 'reload';
  return f.keptEdits ? 'ignore' : 'ask';
}

export type SaveAction =
  /** The file is as we left it: the core's atomic save. */
  | 'save'
  /** The file changed and the user kept their edits: confirm once more, then write our records into it. */
  | 'confirm-overwrite'
  /** The file changed and nobody asked yet (the watcher missed it): ask as on a change. */
  | 'ask'
  /** The file is gone: write it anew from what we hold (only possible when the editor kept its bytes). */
  | 'deleted';

/** Save was requested: what to do first. */
export function beforeSave(f: Omit<DiskFacts, 'saving' | 'dirty'>): SaveAction {
  if (!f.exists) return 'deleted';
  if (!f.changed) return 'save';
  return f.keptEdits ? 'confirm-overwrite' : 'ask';
}

/** The modal's wording for a change under unsaved edits. */
export function conflictMessage(fileName: string, edited: number): string {
  const what = edited === 1 ? 'an unsaved edit' : `unsaved edits to ${edited.toLocaleString('en-US')} records`;
  return `${fileName} changed on disk while you have ${what}. Reload it (your edits are discarded), or keep your edits and decide when you save?`;
}

/** The second confirmation before writing over a file someone else changed. */
export function overwriteMessage(fileName: string, edited: number): string {
  const recs = edited === 1 ? 'the record you edited' : `the ${edited.toLocaleString('en-US')} records you edited`;
  return `${fileName} changed on disk since you opened it. Save your version of ${recs} over it? The rest of the file stays as it is on disk now.`;
}
