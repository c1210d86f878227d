// Media references → what the webview may load: files inside the allowed folders as webview URIs, data: URIs
// as they are, remote URLs only when the user allowed them. Everything else becomes a placeholder with the reason.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveMediaPath } from '../core/dataset/media';
import { ignoredMediaRootsNote } from '../core/trust';
import type { MediaRef } from '../core/dataset/types';
import type { MediaView } from '../protocol';
import { editorSettings } from './settings';

/** In Restricted Mode VS Code applies only the user's media roots: say so when the workspace set its own. */
function ignoredRootsNote(documentUri: vscode.Uri): string {
  if (vscode.workspace.isTrusted) return '';
  const i = vscode.workspace.getConfiguration('rewardLens', documentUri).inspect<string[]>('mediaRoots');
  const n = [...(i?.workspaceValue ?? []), ...(i?.workspaceFolderValue ?? [])].length;
  return n > 0 ? `; ${ignoredMediaRootsNote(n)}` : '';
}

export function mediaResolver(webview: vscode.Webview, documentUri: vscode.Uri): (ref: MediaRef) => Promise<MediaView> {
  const fileDir = path.dirname(documentUri.fsPath);
  return async (ref) => {
    const { mediaRoots, allowRemoteMedia } = editorSettings(documentUri);
    const base = { modality: ref.modality, ...(ref.mime ? { mime: ref.mime } : {}) };
    switch (ref.source.kind) {
      case 'data':
        return { ...base, src: ref.source.uri, label: `embedded ${ref.mime ?? ref.modality}` };
      case 'url':
        return allowRemoteMedia
          ? { ...base, src: ref.source.url, label: ref.source.url }
          : {
              ...base,
              error: 'remote media is not loaded unless the setting rewardLens.allowRemoteMedia is on',
              tried: [ref.source.url],
              label: ref.source.url,
            };
      case 'embedded':
        // Parquet files do not open in the editor yet (issue 13); their media will be served from the file.
        return {
          ...base,
          error: `media embedded in the dataset file (row ${ref.source.row + 1}, column \`${ref.source.column}\`) is not shown in the editor yet`,
          tried: [],
          label: ref.source.name ?? ref.source.column,
        };
      case 'path': {
        const found = await resolveMediaPath(ref, { fileDir, mediaRoots });
        if (!found.ok)
          return {
            ...base,
            error: found.reason + ignoredRootsNote(documentUri),
            tried: found.tried,
            label: ref.source.path,
          };
        return { ...base, src: webview.asWebviewUri(vscode.Uri.file(found.path)).toString(), label: ref.source.path };
      }
    }
  };
}
