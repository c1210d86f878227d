// activate(): wires the host pieces together, nothing else.
import type * as vscode from 'vscode';
import { registerAnalysis } from './host/analysis';
import { registerAnnotation } from './host/annotation/annotator';
import { registerEditorCommands } from './host/editorCommands';
import { PreferenceEditorProvider } from './host/preferenceEditorProvider';
import { registerScoring } from './host/scoring';

export function activate(context: vscode.ExtensionContext): { reloadRuns(datasetUri?: vscode.Uri): Promise<void> } {
  const editor = PreferenceEditorProvider.register(context);
  registerEditorCommands(context, editor);
  registerAnnotation(context, editor);
  // Scoring tells open editors when it wrote a run, so their verdict columns fill in.
  registerScoring(context, editor);
  // Analysis: runs chosen per file, run-aware filters, dashboard, comparison, probe, sweep, status bar.
  registerAnalysis(context, editor);
  return { reloadRuns: (uri) => editor.reloadRuns(uri) };
}

export function deactivate(): void {}
