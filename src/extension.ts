// activate(): wires the host pieces together, nothing else.
import * as vscode from 'vscode';
import { registerEditorCommands } from './host/editorCommands';
import { PreferenceEditorProvider } from './host/preferenceEditorProvider';

export function activate(context: vscode.ExtensionContext): { reloadRuns(datasetUri?: vscode.Uri): Promise<void> } {
  const editor = PreferenceEditorProvider.register(context);
  registerEditorCommands(context, editor);
  editor.annotator.register(context);
  registerScoringIfPresent(context, editor);
  return { reloadRuns: (uri) => editor.reloadRuns(uri) };
}

/** Scoring lives in src/host/scoring (another part of the extension); it tells open editors when a run changes. */
function registerScoringIfPresent(context: vscode.ExtensionContext, editor: PreferenceEditorProvider): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scoring = require('./host/scoring') as { registerScoring?: (c: vscode.ExtensionContext, e: { reloadRuns(uri?: vscode.Uri): Promise<void> }) => void };
    scoring.registerScoring?.(context, editor);
  } catch {
    // not built into this bundle yet
  }
}

export function deactivate(): void {}
