// Annotation in the custom editor: label keys (commands, so they are rebindable), bulk labels, criterion edits.
// Every edit is planned by the core Dataset and applied through PreferenceDocument.makeEdit, which announces it
// to VS Code with undo and redo (dirty dot, Ctrl+Z, Save, Revert, hot exit all follow from that).
import * as vscode from 'vscode';
import { auditEdits } from '../../core/annotation/auditTrail';
import { planBulk } from '../../core/annotation/bulkLabel';
import type { DatasetRecord, Label } from '../../core/dataset/types';
import { FilteredView, type ViewOptions } from '../../core/view/filteredView';
import type { EditorSession } from '../../core/view/editorSession';
import { MessageType, type EditResponseMessage, type RowFilter } from '../../protocol';
import { DatasetSource } from '../datasetSource';
import type { PreferenceDocument } from '../preferenceDocument';
import { annotationSettings } from './annotationSettings';
import { auditUser } from './auditUser';

/** What the annotator needs of an open editor (the provider's OpenEditor has these). */
export interface AnnotatedEditor {
  document: PreferenceDocument;
  panel: vscode.WebviewPanel;
  session: EditorSession;
}

export const LABEL_WORDS: Record<Exclude<Label, 'none'>, string> = { A: 'A is better', B: 'B is better', tie: 'Tie' };
/**
 * True while the active Reward Lens editor's webview says the label keys may act: focus on its list or pair view,
 * put there by the user. Kept per editor, so switching tabs never carries another editor's state over.
 */
export const LABEL_KEYS_CONTEXT = 'rewardLens.labelKeys';

export class Annotator {
  /** Label keys run one after another: the next waits until auto-advance has moved the selection. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly selectionWaiters = new Map<AnnotatedEditor, (index: number) => void>();
  private readonly labelKeys = new WeakMap<AnnotatedEditor, boolean>();
  private contextValue: boolean | undefined;

  constructor(private readonly active: () => AnnotatedEditor | undefined) {}

  /** The active editor changed (or reported its focus): the label keys follow that editor's own state. */
  syncLabelKeys(): void {
    const editor = this.active();
    const on = !!editor && (this.labelKeys.get(editor) ?? false);
    if (on === this.contextValue) return;
    this.contextValue = on;
    void vscode.commands.executeCommand('setContext', LABEL_KEYS_CONTEXT, on);
  }

  register(context: vscode.ExtensionContext): void {
    const labels: [string, Exclude<Label, 'none'>][] = [
      ['rewardLens.labelA', 'A'],
      ['rewardLens.labelB', 'B'],
      ['rewardLens.labelTie', 'tie'],
    ];
    for (const [id, label] of labels) {
      context.subscriptions.push(
        vscode.commands.registerCommand(id, () => {
          // Queued: a fast annotator's next key must land on the next pair, not on this one again.
          this.queue = this.queue
            .then(() => this.withEditor((e) => this.labelSelected(e, label)))
            .catch(() => undefined);
          return this.queue;
        }),
      );
    }
    context.subscriptions.push(
      vscode.commands.registerCommand('rewardLens.labelAllShown', (label?: Exclude<Label, 'none'>) =>
        this.withEditor((e) => this.labelAllShown(e, label)),
      ),
    );
  }

  /** A label button in the pair view. */
  setLabel(editor: AnnotatedEditor, index: number, label: Label): Promise<EditResponseMessage> {
    return this.label(editor, [index], label, false);
  }

  /** The webview says whether the user put focus where label keys act (a row or the pair view). */
  keyFocus(editor: AnnotatedEditor, labelKeys: boolean): void {
    this.labelKeys.set(editor, labelKeys);
    this.syncLabelKeys();
  }

  /** The edit notice's Undo: VS Code's own undo (the active custom editor's stack), as Ctrl+Z would. */
  async undo(): Promise<void> {
    await vscode.commands.executeCommand('undo');
  }

  /** The webview moved its selection (the session records it right after this). */
  selectionChanged(editor: AnnotatedEditor, index: number): void {
    this.selectionWaiters.get(editor)?.(index);
  }

  private async withEditor(fn: (e: AnnotatedEditor) => Promise<unknown>): Promise<void> {
    const editor = this.active();
    if (!editor) {
      void vscode.window.showInformationMessage(
        'Open a preference file in Reward Lens first (Reopen Editor With… → Reward Lens).',
      );
      return;
    }
    await fn(editor);
  }

  /** A label key: the selected row in the list, or the pair on screen; then on to the next pair. */
  private async labelSelected(editor: AnnotatedEditor, label: Exclude<Label, 'none'>): Promise<void> {
    const index = editor.session.selected;
    if (index < 0) return;
    const reply = await this.label(editor, [index], label, true);
    if (!reply.ok || !annotationSettings(editor.document.uri).autoAdvance) return;
    // Wait (briefly: the last row has no next) for the webview to report the new selection.
    const moved = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      this.selectionWaiters.set(editor, (now) => {
        if (now === index) return; // a late echo of the pair just labelled, not the move
        clearTimeout(timer);
        resolve();
      });
    });
    editor.session.runAction('next');
    await moved;
    this.selectionWaiters.delete(editor);
    await new Promise((r) => setImmediate(r)); // let the session take the new selection first
  }

  /** Every row the list shows under its current filter, as one undoable edit (asks first when there are many). */
  private async labelAllShown(editor: AnnotatedEditor, given?: Exclude<Label, 'none'>): Promise<void> {
    const label =
      given ??
      (
        await vscode.window.showQuickPick(
          (Object.keys(LABEL_WORDS) as Exclude<Label, 'none'>[]).map((l) => ({ label: LABEL_WORDS[l], l })),
          { title: 'Label every pair the list shows', placeHolder: 'Which label?' },
        )
      )?.l;
    if (!label) return;
    const filter = editor.session.filter; // the bulk command labels what the list shows
    const indices = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Finding the pairs to label' },
      () => shownIndices(editor.document, filter, editor.session.viewOptions(filter)),
    );
    const what = Object.keys(filter).length ? 'every pair the filter shows' : 'every pair in the file';
    const plan = planBulk(indices, LABEL_WORDS[label], what);
    if ('error' in plan) return void vscode.window.showWarningMessage(`Reward Lens: ${plan.error}`);
    if (plan.confirm) {
      const go = `Label ${plan.indices.length.toLocaleString('en-US')} Pairs`;
      if ((await vscode.window.showWarningMessage(plan.confirm, { modal: true }, go)) !== go) return;
    }
    await this.label(editor, plan.indices, label, true);
  }

  private async label(
    editor: AnnotatedEditor,
    indices: number[],
    label: Label,
    quiet: boolean,
  ): Promise<EditResponseMessage> {
    const doc = editor.document;
    const settings = annotationSettings(doc.uri);
    const by = settings.auditTrail ? await auditUser(doc.uri.fsPath, { git: vscode.workspace.isTrusted }) : '';
    const at = new Date();
    const single = indices.length === 1 ? await doc.ds.readRecord(indices[0]).catch(() => undefined) : undefined;
    const plan = await doc.ds.planLabel(
      indices,
      label,
      settings.auditTrail ? { annotate: (before) => auditEdits(before, by, at) } : {},
    );
    const reply = this.apply(doc, plan, quiet);
    if (reply.ok && !('error' in plan)) await this.announce(editor, indices, label, single, plan.changes.length);
    return reply;
  }

  /** Every relabel says what it did where the user looks (the webview's notice, with Undo): nothing changes unseen. */
  private async announce(
    editor: AnnotatedEditor,
    indices: number[],
    label: Label,
    before: DatasetRecord | undefined,
    changed: number,
  ): Promise<void> {
    const words = label === 'tie' ? 'tie' : label;
    if (!before || before.kind !== 'pair') {
      const text = changed
        ? `${changed.toLocaleString('en-US')} of ${indices.length.toLocaleString('en-US')} pairs labelled ${words}`
        : `all ${indices.length.toLocaleString('en-US')} pairs were already ${words}`;
      return editor.session.notify({ type: MessageType.EditNotice, text });
    }
    if (!changed)
      return editor.session.notify({
        type: MessageType.EditNotice,
        text: `line ${before.line}: already ${words}, nothing changed`,
      });
    const now = await editor.document.ds.readRecord(before.index).catch(() => undefined);
    const detail =
      now?.kind === 'pair' && now.swapped
        ? "responses swapped: the file's chosen is now B (unsaved)"
        : before.swapped
          ? "responses back in the file's order"
          : undefined;
    editor.session.notify({
      type: MessageType.EditNotice,
      text: `line ${before.line}: ${before.label} → ${now?.kind === 'pair' ? now.label : words}`,
      ...(detail ? { detail } : {}),
    });
  }

  /** The criterion editor's commit path (Enter, blur or Apply): one undoable edit. The analysis probe reuses the field, not this path. */
  async commitCriterion(editor: AnnotatedEditor, index: number, text: string): Promise<EditResponseMessage> {
    const plan = await editor.document.ds.planCriterion(index, text);
    const reply = this.apply(editor.document, plan, false);
    if (reply.ok && !('error' in plan) && plan.changes.length) {
      editor.session.notify({
        type: MessageType.EditNotice,
        text: `line ${editor.document.ds.line(index)}: criterion ${text.trim() ? 'edited' : 'cleared'}`,
      });
    }
    return reply;
  }

  private apply(
    doc: PreferenceDocument,
    plan: Awaited<ReturnType<PreferenceDocument['ds']['planLabel']>>,
    quiet: boolean,
  ): EditResponseMessage {
    if ('error' in plan) {
      // A refusal the user can act on (a tie in a chosen/rejected file, an error record): a warning, never a stack.
      void vscode.window.showWarningMessage(`Reward Lens: ${plan.error}`);
      return { type: MessageType.EditResponse, ok: false, message: plan.error };
    }
    doc.makeEdit(plan);
    if (!quiet && plan.changes.length === 0) return { type: MessageType.EditResponse, ok: true, unchanged: true };
    return { type: MessageType.EditResponse, ok: true };
  }
}

/** Annotation's commands; the editor routes its edit messages to the returned Annotator. */
export function registerAnnotation(
  context: vscode.ExtensionContext,
  provider: { activeEditor(): AnnotatedEditor | undefined; onDidChangeActiveEditor: vscode.Event<void> },
): Annotator {
  const annotator = new Annotator(() => provider.activeEditor());
  annotator.register(context);
  context.subscriptions.push(provider.onDidChangeActiveEditor(() => annotator.syncLabelKeys()));
  return annotator;
}

/** Record indices the list shows under `filter`, after a full scan of the file. */
async function shownIndices(document: PreferenceDocument, filter: RowFilter, options?: ViewOptions): Promise<number[]> {
  await document.indexed;
  // options: the analysis filters (disagreements, expression…) that need the editor's runs
  const view = new FilteredView(
    new DatasetSource(() => document.ds),
    filter,
    () => {},
    () => Promise.resolve(),
    options,
  );
  await view.pump();
  return view.slice(0, view.total);
}
