// Hot exit in the real VS Code: unsaved relabels survive "Developer: Reload Window" (code-server's files.hotExit
// defaults to onExitAndWindowClose in the browser; VS Code keeps a backup of the edit journal, never of the file),
// come back marked and dirty, and saving them then writes exactly those values.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import {
  autoSaveOff,
  copySample,
  firstDifference,
  leaveClean,
  rowEdited,
  rowLabel,
  tabDirty,
  until,
  withValue,
} from '../lib/annotation.mjs';
import { focusList, waitSelected } from '../lib/rewardLens.mjs';
import { webview } from '../lib/workbench.mjs';

const FILE = 'annotation/hot-exit.jsonl';

/**
 * Whether a backup of Reward Lens's holds an edit whose record text matches `re`, written at or after `since`.
 * VS Code hands custom editors a destination under the workspace storage, in the extension's folder; the journal
 * stores record texts as JSON strings, so their quotes arrive escaped.
 */
function backupHolds(t, re, since) {
  const storage = path.join(t.sandbox.userData, 'User', 'workspaceStorage');
  const walk = (dir, ours) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return walk(p, ours || e.name.startsWith('reward-lens.'));
      return ours && fs.statSync(p).mtimeMs >= since && re.test(fs.readFileSync(p, 'utf8'));
    });
  return fs.existsSync(storage) && walk(storage, false);
}

export default {
  name: 'hot-exit',
  async run(t) {
    await autoSaveOff(t); // the browser's default (afterDelay) would save edits meant to stay unsaved
    const file = copySample(t, 'omni-rewardbench/omni-sample.jsonl', FILE);
    const original = fs.readFileSync(file);
    const lines = original.toString('utf8').split('\n');
    const pref = (i) => JSON.parse(lines[i]).criteria_preference;
    let wv;

    await t.check('unsaved relabels survive a window reload, marked and dirty, with the file untouched', async () => {
      expect(
        pref(0) === 'response1' && pref(1) !== 'tie',
        `${FILE}: records 1 and 2 are not labelled as this test expects`,
      );
      wv = await t.open(FILE);
      await focusList(t.page, wv);
      await waitSelected(wv, 0);
      const editedAt = Date.now() - 1000; // file times may be coarser than the clock
      await t.page.keyboard.press('2');
      await waitSelected(wv, 1);
      await t.page.keyboard.press('0');
      await until(async () => (await rowLabel(wv, 1)) === 'tie', 'row 1 did not turn tie');
      await until(() => tabDirty(t.page), 'the tab is not dirty after two relabels');
      // VS Code asks for a backup a moment after a change: wait until one that holds the tie is on disk
      await until(
        () => backupHolds(t, /criteria_preference\\+"\s*:\s*\\+"tie/, editedAt),
        'a backup of the two relabels in the workspace storage',
        60_000,
      );
      expect(fs.readFileSync(file).equals(original), 'the file was saved before the reload (auto save?)');
      // the old workbench's DOM stays until the reload navigates: wait for the new page, not for the old one
      const reloaded = t.page.waitForEvent('load', { timeout: 120_000 });
      await t.command('Developer: Reload Window');
      await reloaded;
      await t.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      wv = webview(t.page);
      await wv.locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
      await until(
        async () => (await rowLabel(wv, 0)) === 'B' && (await rowLabel(wv, 1)) === 'tie',
        'the relabels are not shown after the reload',
        20_000,
      );
      await until(
        async () => (await rowEdited(wv, 0)) && (await rowEdited(wv, 1)),
        'the restored rows carry no edited mark',
      );
      await until(() => tabDirty(t.page), 'the restored editor is not dirty');
      expect(
        fs.readFileSync(file).equals(original),
        'the file on disk changed: the backup must hold the edits, not write them',
      );
    });

    await t.check('saving the restored edits writes exactly the two values', async () => {
      await focusList(t.page, wv);
      await t.page.keyboard.press('Control+s');
      await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after Ctrl+S', 15_000);
      const expected = withValue(
        withValue(original, 1, 'criteria_preference', 'response1', 'response2'),
        2,
        'criteria_preference',
        pref(1),
        'tie',
      );
      const now = fs.readFileSync(file);
      expect(now.equals(expected), `saved bytes differ from the expected bytes at ${firstDifference(now, expected)}`);
    });
    await leaveClean(t);
  },
};
