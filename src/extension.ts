// activate(): wires the host pieces together, nothing else.
import type * as vscode from 'vscode';
import { registerAnalysis } from './host/analysis';
import { registerAnnotation } from './host/annotation/annotator';
import { registerEditorCommands } from './host/editorCommands';
import { PreferenceEditorProvider } from './host/preferenceEditorProvider';
import { registerScoring } from './host/scoring';

export function activate(context: vscode.ExtensionContext): { reloadRuns(datasetUri?: vscode.Uri): Promise<void> } {
  // Annotation answers the edit messages; analysis chooses runs per file, judges rows under ε and owns the
  // dashboard, comparison, probe, sweep and status bar.
  const editor = PreferenceEditorProvider.register(context, (provider) => ({
    annotation: registerAnnotation(context, provider),
    analysis: registerAnalysis(context, provider),
  }));
  registerEditorCommands(context, editor);
  // Scoring tells open editors when it wrote a run, so their verdict columns fill in.
  registerScoring(context, editor);
  return { reloadRuns: (uri) => editor.reloadRuns(uri) };
}

export function deactivate(): void {}
