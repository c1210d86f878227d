// The file changes on disk under an open editor. Without unsaved edits it reloads by itself and keeps the selection;
// with unsaved edits VS Code shows a modal: "Reload (discard my edits)" / "Keep my edits", and a later save asks once
// more before it writes this editor's records into the file as the other tool left it.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import {
  autoSaveOff,
  copySample,
  dialogButton,
  dialogText,
  firstDifference,
  leaveClean,
  rowEdited,
  rowLabel,
  tabDirty,
  until,
  withValue,
} from '../lib/annotation.mjs';
import { focusList, selectedIndex, waitSelected } from '../lib/rewardLens.mjs';

const FILE = 'annotation/conflict.jsonl';
const KEY = 'criteria_preference';
const LABEL = { response1: 'A', response2: 'B', tie: 'tie' };

export default {
  name: 'conflict',
  async run(t) {
    await autoSaveOff(t); // the browser's default (afterDelay) would save edits meant to stay unsaved
    const file = copySample(t, 'omni-rewardbench/omni-sample.jsonl', FILE);
    const pref = (bytes, i) => JSON.parse(bytes.toString('utf8').split('\n')[i])[KEY];
    const flip = (v) => (v === 'response1' ? 'response2' : 'response1');
    let wv;

    await t.check('a change on disk with no unsaved edits reloads the editor and keeps the selection', async () => {
      wv = await t.open(FILE);
      await focusList(t.page, wv);
      await t.page.keyboard.press('j');
      await t.page.keyboard.press('j');
      await waitSelected(wv, 2);
      const before = fs.readFileSync(file);
      const to = flip(pref(before, 0));
      fs.writeFileSync(file, withValue(before, 1, KEY, pref(before, 0), to));
      await until(
        async () => (await rowLabel(wv, 0)) === LABEL[to],
        `row 0 did not show the label written on disk (${LABEL[to]})`,
        15_000,
      );
      expect((await selectedIndex(wv)) === 2, `the selection moved to ${await selectedIndex(wv)}`);
      expect(!(await tabDirty(t.page)), 'reloading from disk made the editor dirty');
    });

    await t.check(
      'a change on disk under unsaved edits asks: "Reload (discard my edits)" or "Keep my edits"',
      async () => {
        await focusList(t.page, wv);
        await waitSelected(wv, 0);
        await t.page.keyboard.press('j');
        await t.page.keyboard.press('j');
        await waitSelected(wv, 2);
        const disk = fs.readFileSync(file);
        const mine = pref(disk, 2) === 'tie' ? 'response1' : 'tie';
        await t.page.keyboard.press(mine === 'tie' ? '0' : '1');
        await until(() => rowEdited(wv, 2), 'row 2 has no edited mark');
        // another tool relabels record 6
        const theirs = withValue(disk, 6, KEY, pref(disk, 5), flip(pref(disk, 5)));
        fs.writeFileSync(file, theirs);
        const text = await dialogText(t.page);
        expect(
          /conflict\.jsonl changed on disk while you have an unsaved edit/.test(text),
          `the dialog says "${text}"`,
        );
        expect(
          /Reload \(discard my edits\)/.test(text) && /Keep my edits/.test(text),
          `the dialog lacks the two choices: "${text}"`,
        );
        const shot = path.join(t.out, 'annotation', 'annotation-conflict.png');
        fs.mkdirSync(path.dirname(shot), { recursive: true });
        await t.page.screenshot({ path: shot });
        if (process.env.UPDATE_SCREENSHOTS)
          fs.copyFileSync(shot, path.join(t.root, 'docs', 'screenshots', 'annotation-conflict.png'));
        await dialogButton(t.page, 'Keep my edits');
        expect(await tabDirty(t.page), 'keeping the edits left the editor clean');
        expect(fs.readFileSync(file).equals(theirs), 'keeping the edits wrote the file');

        // Save asks once more, then writes our record into their file
        await focusList(t.page, wv);
        await t.page.keyboard.press('Control+s');
        const again = await dialogText(t.page);
        expect(
          /Save your version of the record you edited over it\?/.test(again),
          `the save confirmation says "${again}"`,
        );
        await dialogButton(t.page, 'Save over it');
        await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after saving over', 15_000);
        const expected = withValue(theirs, 3, KEY, pref(theirs, 2), mine);
        const now = fs.readFileSync(file);
        expect(now.equals(expected), `the file is not theirs plus our one record: ${firstDifference(now, expected)}`);
        await until(
          async () => (await rowLabel(wv, 5)) === LABEL[pref(theirs, 5)],
          "the list does not show the other tool's label on row 5",
        );
      },
    );

    await t.check('"Reload (discard my edits)" drops the unsaved edits and shows the file on disk', async () => {
      await focusList(t.page, wv);
      await waitSelected(wv, 0);
      const disk = fs.readFileSync(file);
      const was = LABEL[pref(disk, 0)];
      await t.page.keyboard.press(was === 'A' ? '2' : '1');
      await until(() => tabDirty(t.page), 'the relabel did not make the editor dirty');
      const theirs = withValue(disk, 2, KEY, pref(disk, 1), flip(pref(disk, 1)));
      fs.writeFileSync(file, theirs);
      await dialogText(t.page);
      await dialogButton(t.page, 'Reload (discard my edits)');
      await until(async () => !(await tabDirty(t.page)), 'the editor is still dirty after reloading');
      await until(
        async () => (await rowLabel(wv, 0)) === was && (await rowLabel(wv, 1)) === LABEL[pref(theirs, 1)],
        'the rows do not show the file on disk',
      );
      expect(!(await rowEdited(wv, 0)), 'row 0 still carries the edited mark');
      expect(fs.readFileSync(file).equals(theirs), 'reloading wrote the file');
    });
    await t.check(
      'a read-only file: Save fails with a message saying so, the edits stay and the file is untouched',
      async () => {
        await focusList(t.page, wv);
        await waitSelected(wv, 0);
        const disk = fs.readFileSync(file);
        await t.page.keyboard.press(LABEL[pref(disk, 0)] === 'A' ? '2' : '1');
        await until(() => tabDirty(t.page), 'the relabel did not make the editor dirty');
        fs.chmodSync(file, 0o444);
        try {
          await focusList(t.page, wv);
          await t.page.keyboard.press('Control+s');
          const toast = t.page.locator('.notifications-toasts .notification-toast', { hasText: 'read-only' });
          await toast.first().waitFor({ state: 'visible', timeout: 15_000 });
          const msg = (await toast.first().innerText()).replace(/\s+/g, ' ');
          expect(/your edits are kept and the file is unchanged/.test(msg), `the save error says "${msg}"`);
          expect(await tabDirty(t.page), 'the editor lost its dirty state after a failed save');
          expect(await rowEdited(wv, 0), 'row 0 lost its edited mark after a failed save');
          expect(fs.readFileSync(file).equals(disk), 'the read-only file changed');
        } finally {
          fs.chmodSync(file, 0o644);
          await t.command('Notifications: Clear All Notifications').catch(() => {});
        }
      },
    );

    await t.check('a file deleted under unsaved edits: a warning says so and the edits stay', async () => {
      expect(await tabDirty(t.page), 'no unsaved edit to protect');
      const disk = fs.readFileSync(file);
      fs.unlinkSync(file);
      try {
        const toast = t.page.locator('.notifications-toasts .notification-toast', { hasText: 'deleted or moved' });
        await toast.first().waitFor({ state: 'visible', timeout: 15_000 });
        expect(await tabDirty(t.page), 'the editor lost its unsaved edit when the file was deleted');
      } finally {
        fs.writeFileSync(file, disk); // put it back, as `git checkout` would
        await t.command('Notifications: Clear All Notifications').catch(() => {});
      }
    });
    await leaveClean(t);
  },
};
