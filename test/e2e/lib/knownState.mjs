// The state every scenario starts from, whatever the one before it did or left behind when it failed:
// no quick input, menu or modal dialog open; no editor open (unsaved edits dropped, never saved); no notification;
// the workspace's sample files as in the repository and no runs or score cache; the user settings the sandbox
// starts with, plus what the scenario asks for.
import fs from 'node:fs';
import path from 'node:path';
import { QUIET_SETTINGS } from './sandbox.mjs';
import { runCommand } from './workbench.mjs';
import { setAutoSave, until } from './annotation.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Copies every file of `from` whose bytes differ at `to` (a scenario may have saved an edit into a sample). */
function restoreTree(from, to) {
  let restored = 0;
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      restored += restoreTree(src, dst);
    } else if (!fs.existsSync(dst) || !fs.readFileSync(src).equals(fs.readFileSync(dst))) {
      fs.copyFileSync(src, dst);
      restored++;
    }
  }
  return restored;
}

/** Clicks "Don't Save" in VS Code's save prompt, or dismisses any other modal dialog. Returns whether one was up. */
async function answerDialog(page) {
  const box = page.locator('.monaco-dialog-box');
  if (!(await box.count())) return false;
  const dontSave = box.locator('.dialog-buttons .monaco-button', { hasText: /Don.t Save/ });
  if (await dontSave.count()) await dontSave.first().click();
  else await page.keyboard.press('Escape');
  await box
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => {});
  return true;
}

/** Closes every editor without saving: "Close All Editors", answering its save prompt with "Don't Save". */
async function closeAllEditors(page) {
  const tabs = page.locator('.editor-group-container .tab');
  for (let attempt = 0; attempt < 3 && (await tabs.count()); attempt++) {
    await runCommand(page, 'View: Close All Editors');
    // the save prompt appears a moment after the command, when an editor is dirty
    for (let i = 0; i < 20 && (await tabs.count()); i++) {
      if (await answerDialog(page)) continue;
      await sleep(250);
    }
  }
  await until(async () => (await tabs.count()) === 0, 'all editors closed before the scenario', 15_000);
}

/**
 * Brings the workbench and the sandbox into the known state. `settings`: user settings this scenario needs on top
 * of the sandbox's (e.g. `{ 'files.autoSave': 'afterDelay' }`); written only when they differ from what is there.
 */
export async function knownState(t, { settings = {} } = {}) {
  const { page } = t;
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
  await answerDialog(page);
  await closeAllEditors(page);
  await runCommand(page, 'Notifications: Clear All Notifications');
  // "File: Toggle Auto Save" (74-annotation-trust) writes where settings.json cannot undo it: toggle back
  await setAutoSave(t, 'off');
  const restored = restoreTree(path.join(t.root, 'samples'), t.sandbox.workspace);
  fs.rmSync(t.ws('.reward-lens'), { recursive: true, force: true });
  const want = { ...QUIET_SETTINGS, ...settings };
  let cur = {};
  try {
    cur = JSON.parse(fs.readFileSync(t.sandbox.settingsFile, 'utf8'));
  } catch {
    /* none yet */
  }
  const changed = Object.keys({ ...cur, ...want }).some((k) => JSON.stringify(cur[k]) !== JSON.stringify(want[k]));
  if (changed) {
    fs.writeFileSync(t.sandbox.settingsFile, JSON.stringify(want, null, 2));
    await sleep(3000); // the workbench watches settings.json; give it time to read the change
  }
  return { restored, settingsChanged: changed };
}
