// Workspace trust in the host: refuse what needs it with the reason and a way to grant it.
import * as vscode from 'vscode';
import { MANAGE_WORKSPACE_TRUST, untrustedRefusal, type TrustedAction } from '../core/trust';

/** True (and tells the user why, with a "Manage Workspace Trust" action) when the workspace is not trusted. */
export function refuseUntrusted(action: TrustedAction): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window
    .showWarningMessage(`Reward Lens: ${untrustedRefusal(action)}`, MANAGE_WORKSPACE_TRUST)
    .then((a) => {
      if (a === MANAGE_WORKSPACE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return true;
}
