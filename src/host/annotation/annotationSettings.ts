// The annotation settings, read fresh on every edit (they may change while an editor is open).
import * as vscode from 'vscode';

export interface AnnotationSettings {
  /** Move to the next pair after a label key. */
  autoAdvance: boolean;
  /** Write `_reward_lens_audit` into relabelled records. */
  auditTrail: boolean;
}

export function annotationSettings(uri: vscode.Uri): AnnotationSettings {
  const c = vscode.workspace.getConfiguration('rewardLens.annotation', uri);
  return { autoAdvance: c.get<boolean>('autoAdvance', true), auditTrail: c.get<boolean>('auditTrail', false) };
}
