// The editor's settings, read fresh each time (they may change while an editor is open).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface EditorSettings {
  /** Absolute folders where media may live besides the file's own folder. */
  mediaRoots: string[];
  allowRemoteMedia: boolean;
}

export function editorSettings(documentUri: vscode.Uri): EditorSettings {
  const config = vscode.workspace.getConfiguration('rewardLens', documentUri);
  const folder = vscode.workspace.getWorkspaceFolder(documentUri)?.uri.fsPath ?? path.dirname(documentUri.fsPath);
  const roots = config.get<string[]>('mediaRoots', []).filter((r) => typeof r === 'string' && r.trim() !== '');
  return {
    mediaRoots: roots.map((r) => path.resolve(folder, r.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'))),
    allowRemoteMedia: config.get<boolean>('allowRemoteMedia', false),
  };
}

/** Folders the webview may load from: the file's folder, the workspace, the media roots (and their real paths). */
export function resourceRoots(documentUri: vscode.Uri, extensionUri: vscode.Uri): vscode.Uri[] {
  const dirs = [
    path.dirname(documentUri.fsPath),
    ...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    ...editorSettings(documentUri).mediaRoots,
  ];
  const real = dirs.map((d) => {
    try {
      return fs.realpathSync(d);
    } catch {
      return d;
    }
  });
  const unique = [...new Set([...dirs, ...real])];
  return [
    ...unique.map((d) => vscode.Uri.file(d)),
    vscode.Uri.joinPath(extensionUri, 'dist'),
    vscode.Uri.joinPath(extensionUri, 'media'),
  ];
}
