// The webview's page: one script and one stylesheet from dist, under a nonce-based CSP that runs nothing else.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, allowRemoteMedia: boolean): string {
  const nonce = crypto.randomBytes(18).toString('base64');
  const dist = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', f)).toString();
  const src = webview.cspSource;
  const remote = allowRemoteMedia ? ' https:' : '';
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${src} 'nonce-${nonce}'`,
    `img-src ${src} data: blob:${remote}`,
    `media-src ${src} data: blob:${remote}`,
    `font-src ${src}`,
    `connect-src ${src} data: blob:${remote}`,
  ].join('; ');
  // The stylesheet carries the codicons too; vscode-elements' icons find it by this id.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link id="vscode-codicon-stylesheet" rel="stylesheet" nonce="${nonce}" href="${dist('webview.css')}">
<title>Reward Lens</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${dist('webview.js')}"></script>
</body>
</html>`;
}
