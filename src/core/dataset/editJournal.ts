// The document's edit history: undoable units of record rewrites, the undo/redo position and the saved
// position. It holds record texts only, never the file: backups serialize the journal, not the data.

/** One record's text before and after an edit. `index` is the 0-based record ordinal. */
export interface RecordChange {
  index: number;
  before: string;
  after: string;
}

/** One undoable unit: a single relabel, or a bulk relabel of many records. */
export interface RecordEdit {
  description: string;
  changes: RecordChange[];
}

/** What a backup remembers about the file it was made for, to refuse restoring onto another one. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  records: number;
}

export interface SaveSnapshot {
  position: number;
  records: { index: number; text: string }[];
}

export interface JournalBackup {
  version: 1;
  file: FileIdentity;
  edits: RecordEdit[];
  position: number;
  savedPosition: number;
  /** Text on disk, when the backup was made, of every record an edit touches: [index, text]. */
  disk: [number, string][];
}

export class EditJournal {
  private edits: RecordEdit[] = [];
  /** edits[0, position) are applied. */
  private position = 0;
  /** The position the file on disk corresponds to; -1 when no undo/redo reaches it any more. */
  private savedPosition = 0;
  /** Current text of every record an edit ever touched (kept after undo, since save may have moved on). */
  private readonly current = new Map<number, string>();
  /** Text on disk of every touched record. */
  private readonly disk = new Map<number, string>();
  /** Text of every touched record when this editor first touched it: saves (auto save too) do not move it. */
  private readonly opened = new Map<number, string>();

  get isDirty(): boolean {
    return this.position !== this.savedPosition;
  }
  get canUndo(): boolean {
    return this.position > 0;
  }
  get canRedo(): boolean {
    return this.position < this.edits.length;
  }
  get length(): number {
    return this.edits.length;
  }

  /** The record's current text when an edit touched it, else undefined (read it from disk). */
  textOf(index: number): string | undefined {
    return this.current.get(index);
  }

  /** The record's text as saved on disk, when an edit touched it. */
  diskTextOf(index: number): string | undefined {
    return this.disk.get(index);
  }

  /** What save must write: records whose current text differs from the file (ascending), at this position. */
  pending(): SaveSnapshot {
    const records: { index: number; text: string }[] = [];
    for (const [index, text] of this.current) if (this.disk.get(index) !== text) records.push({ index, text });
    return { position: this.position, records: records.sort((a, b) => a.index - b.index) };
  }

  /** Applies a new edit; anything that could be redone is dropped, as in any editor. */
  push(edit: RecordEdit): void {
    if (this.savedPosition > this.position) this.savedPosition = -1;
    this.edits.length = this.position;
    this.edits.push(edit);
    this.redo();
  }

  undo(): RecordEdit | undefined {
    if (!this.canUndo) return undefined;
    const edit = this.edits[--this.position];
    for (let k = edit.changes.length - 1; k >= 0; k--) this.current.set(edit.changes[k].index, edit.changes[k].before);
    return edit;
  }

  redo(): RecordEdit | undefined {
    if (!this.canRedo) return undefined;
    const edit = this.edits[this.position++];
    for (const c of edit.changes) {
      if (!this.disk.has(c.index)) this.disk.set(c.index, c.before);
      if (!this.opened.has(c.index)) this.opened.set(c.index, c.before);
      this.current.set(c.index, c.after);
    }
    return edit;
  }

  /** The file now holds the snapshot's texts (edits applied while saving stay unsaved). */
  markSaved(saved: SaveSnapshot): void {
    this.savedPosition = saved.position;
    for (const r of saved.records) this.disk.set(r.index, r.text);
  }

  /** Whether the record's current text differs from the file's (an unsaved change the list marks). */
  isEdited(index: number): boolean {
    const now = this.current.get(index);
    return now !== undefined && now !== this.disk.get(index);
  }

  /** Whether the record differs from its text when the editor opened it, saved or not (auto save keeps this mark). */
  changedSinceOpen(index: number): boolean {
    const now = this.current.get(index);
    return now !== undefined && now !== this.opened.get(index);
  }

  /** Indices of every record an edit ever touched. */
  touched(): number[] {
    return [...this.current.keys()].sort((a, b) => a - b);
  }

  /**
   * The file changed on disk and the user keeps their edits: `texts` are the touched records as the file now
   * holds them. The old save point is gone, so the journal stays dirty until the next save.
   */
  rebaseDisk(texts: Map<number, string>): void {
    for (const [index, text] of texts) this.disk.set(index, text);
    this.savedPosition = -1;
  }

  serialize(file: FileIdentity): string {
    const backup: JournalBackup = {
      version: 1,
      file,
      edits: this.edits,
      position: this.position,
      savedPosition: this.savedPosition,
      disk: [...this.disk],
    };
    return JSON.stringify(backup);
  }

  /** Rebuilds a journal from `serialize` output; the caller checks `backup.file` and `backup.disk` first. */
  static fromBackup(backup: JournalBackup): EditJournal {
    const j = new EditJournal();
    j.edits = backup.edits;
    for (const [index, text] of backup.disk) {
      j.disk.set(index, text);
      j.opened.set(index, text);
      j.current.set(index, text);
    }
    // A record's text at `position`: the last applied edit's `after`, else the first unapplied edit's
    // `before`, else what is on disk.
    for (let k = backup.edits.length - 1; k >= backup.position; k--) {
      for (const c of backup.edits[k].changes) j.current.set(c.index, c.before);
    }
    for (let k = 0; k < backup.position; k++) {
      for (const c of backup.edits[k].changes) j.current.set(c.index, c.after);
    }
    j.position = backup.position;
    j.savedPosition = backup.savedPosition;
    return j;
  }

  static parseBackup(json: string): JournalBackup | { error: string } {
    let b: JournalBackup;
    try {
      b = JSON.parse(json) as JournalBackup;
    } catch {
      return { error: 'the backup is not valid JSON' };
    }
    if (b?.version !== 1 || !Array.isArray(b.edits) || !Array.isArray(b.disk) || typeof b.file?.size !== 'number') {
      return { error: 'the backup is not a Reward Lens edit journal (version 1)' };
    }
    return b;
  }
}
