// Opens a link written in a data file, only after the user confirms: the file, not Reward Lens, chose the URL.
import * as vscode from 'vscode';
import { dataLinkUrl } from '../core/view/dataLink';

const OPEN = 'Open Link';

export async function openDataLink(href: unknown): Promise<void> {
  const url = dataLinkUrl(href);
  if (!url) return; // the webview only sends links it rendered; anything else is not a link to open
  const pick = await vscode.window.showWarningMessage(
    'Open a link from the preference file?',
    { modal: true, detail: `${url}\n\nThe file, not Reward Lens, chose this address.` },
    OPEN,
  );
  if (pick === OPEN) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
