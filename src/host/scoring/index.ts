// Scoring in the extension host: the "Score with Model…" command, its output channel, and the event that tells
// open editors a run was written.
import * as vscode from 'vscode';
import { ScoreCommand } from './scoreCommand';

/** Fires with the dataset's path when a run of it was written (finished or cancelled part-way). */
const runWritten = new vscode.EventEmitter<string>();
export const onDidWriteRun = runWritten.event;

export interface RunConsumer {
  reloadRuns(datasetUri?: vscode.Uri): Promise<void>;
}

export function registerScoring(context: vscode.ExtensionContext, editor?: RunConsumer): void {
  // onnxruntime's own telemetry stays off in the host too (workers set it before they load it).
  process.env.ORT_DISABLE_TELEMETRY = '1';
  const output = vscode.window.createOutputChannel('Reward Lens Scoring');
  const command = new ScoreCommand(output, (datasetPath) => {
    runWritten.fire(datasetPath);
    void editor?.reloadRuns(vscode.Uri.file(datasetPath));
  });
  context.subscriptions.push(
    output,
    runWritten,
    vscode.commands.registerCommand('rewardLens.scoreWithModel', (arg?: unknown) => command.run(arg)),
  );
}
