// Palette commands: every keyboard action of the editor, posted to the active editor's webview; plus
// "Open in Reward Lens" for the editor-title button and "Reload Runs".
import * as vscode from 'vscode';
import type { EditorAction } from '../protocol';
import { PreferenceEditorProvider } from './preferenceEditorProvider';

const ACTIONS: Record<string, EditorAction> = {
  'rewardLens.nextPair': 'next',
  'rewardLens.previousPair': 'previous',
  'rewardLens.firstPair': 'first',
  'rewardLens.lastPair': 'last',
  'rewardLens.openPair': 'open',
  'rewardLens.backToList': 'back',
  'rewardLens.focusSearch': 'focusSearch',
  'rewardLens.toggleErrorsOnly': 'toggleErrorsOnly',
};

export function registerEditorCommands(context: vscode.ExtensionContext, provider: PreferenceEditorProvider): void {
  for (const [id, action] of Object.entries(ACTIONS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, () => {
        if (!provider.runAction(action))
          void vscode.window.showInformationMessage(
            'Open a preference file in Reward Lens first (Reopen Editor With… → Reward Lens).',
          );
      }),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('rewardLens.openInEditor', (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      return vscode.commands.executeCommand('vscode.openWith', target, PreferenceEditorProvider.viewType);
    }),
    vscode.commands.registerCommand('rewardLens.reloadRuns', () => provider.reloadRuns()),
  );
}
