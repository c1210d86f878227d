// Annotation with the keyboard in the real VS Code: 2 relabels the selected pair and moves on, Ctrl+Z / Ctrl+Shift+Z
// undo and redo it through VS Code's own undo stack, Ctrl+S saves, and the file on disk then differs from the
// original only in that one value (compared byte by byte with bytes built here from the original).
// Also: label keys do not fire while typing in the criterion editor, whose Enter is one edit; a tie in a
// chosen/rejected file is refused with a warning; a picture of edited rows for docs/screenshots.
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
import { focusList, selectedIndex, waitSelected } from '../lib/rewardLens.mjs';

const FILE = 'annotation/relabel.jsonl';

export default {
  name: 'annotation',
  async run(t) {
    await autoSaveOff(t); // the browser's default (afterDelay) would save edits meant to stay unsaved
    const file = copySample(t, 'omni-rewardbench/omni-sample.jsonl', FILE);
    const original = fs.readFileSync(file);
    const first = JSON.parse(original.toString('utf8').split('\n')[0]);
    let wv;

    await t.check(
      '2 relabels the selected pair as "B is better", marks the row and moves to the next pair',
      async () => {
        expect(first.criteria_preference === 'response1', `record 1 of ${FILE} is not labelled response1`);
        wv = await t.open(FILE);
        await focusList(t.page, wv);
        await waitSelected(wv, 0);
        expect((await rowLabel(wv, 0)) === 'A', `row 0 shows ${await rowLabel(wv, 0)} before the edit`);
        await t.page.keyboard.press('2');
        await until(async () => (await rowLabel(wv, 0)) === 'B', 'row 0 did not turn B after pressing 2');
        await until(() => rowEdited(wv, 0), 'row 0 has no edited mark');
        await waitSelected(wv, 1);
        await until(() => tabDirty(t.page), 'the tab shows no dirty dot');
        expect(fs.readFileSync(file).equals(original), 'the file changed before saving');
      },
    );

    await t.check('Ctrl+Z undoes the relabel and clears the dirty dot; Ctrl+Shift+Z redoes it', async () => {
      await t.page.keyboard.press('Control+z');
      await until(async () => (await rowLabel(wv, 0)) === 'A', 'row 0 is not A again after Ctrl+Z');
      await until(async () => !(await rowEdited(wv, 0)), 'row 0 still has the edited mark after undo');
      await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after undoing the only edit');
      await t.page.keyboard.press('Control+Shift+z');
      await until(async () => (await rowLabel(wv, 0)) === 'B', 'row 0 is not B after Ctrl+Shift+Z');
      await until(() => rowEdited(wv, 0), 'row 0 lost the edited mark after redo');
      await until(() => tabDirty(t.page), 'the tab is not dirty after redo');
    });

    await t.check('Ctrl+S saves, and the file differs from the original only in that label value', async () => {
      await t.page.keyboard.press('Control+s');
      await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after Ctrl+S', 15_000);
      await until(async () => !(await rowEdited(wv, 0)), 'row 0 still marked edited after saving');
      const expected = withValue(original, 1, 'criteria_preference', 'response1', 'response2');
      const now = fs.readFileSync(file);
      expect(now.equals(expected), `saved bytes differ from the expected bytes at ${firstDifference(now, expected)}`);
    });

    await t.check(
      'the criterion editor commits once on Enter, and 1 / 2 / 0 typed in it are text, not labels',
      async () => {
        await focusList(t.page, wv);
        await waitSelected(wv, 0);
        await t.page.keyboard.press('Enter');
        const view = wv.locator('[data-testid="pair-view"]');
        await view.waitFor({ state: 'visible', timeout: 10_000 });
        await wv.locator('[data-testid="criterion-edit"]').click();
        const input = wv.locator('[data-testid="criterion-input"]');
        await input.waitFor({ state: 'visible', timeout: 5000 });
        await t.page.keyboard.press('End');
        await t.page.keyboard.type(' 1 2 0');
        await t.page.keyboard.press('Enter');
        await until(
          async () => (await wv.locator('[data-testid="criterion"]').innerText()).includes(`${first.criteria} 1 2 0`),
          'the criterion does not show the typed text',
        );
        const label = (await wv.locator('[data-testid="human-label"]').innerText()).trim();
        expect(label === 'B', `typing 1 2 0 in the criterion changed the label to ${label}`);
        await until(() => tabDirty(t.page), 'the criterion edit did not make the file dirty');
        await t.page.keyboard.press('Control+z');
        await until(async () => !(await tabDirty(t.page)), 'one Ctrl+Z did not undo the whole criterion edit');
        await until(
          async () => !(await wv.locator('[data-testid="criterion"]').innerText()).includes(' 1 2 0'),
          'the criterion still shows the typed text after undo',
        );
        await t.page.keyboard.press('Escape');
        await wv.locator('[data-testid="pair-list"]').waitFor({ state: 'visible', timeout: 5000 });
      },
    );

    await t.check(
      'screenshot docs/screenshots/annotation-edited-rows.png: four quick label keys relabel four rows, each marked',
      async () => {
        try {
          await focusList(t.page, wv);
          await waitSelected(wv, 0);
          // rows 0-3 are B (saved above), B, B, tie: 0 0 1 0 changes the first three, the fourth already says tie
          // 150 ms apart: a brisk annotator. (Back to back, the first use of a command can overtake another: VS Code
          // activates each command's onCommand event once, asynchronously, before running it.)
          for (const key of ['0', '0', '1', '0']) {
            await t.page.keyboard.press(key);
            await new Promise((r) => setTimeout(r, 150));
          }
          await until(
            async () => (await selectedIndex(wv)) === 4,
            'auto-advance did not reach row 5 after four label keys',
          );
          const labels = [];
          const marks = [];
          for (let i = 0; i < 4; i++) {
            labels.push(await rowLabel(wv, i));
            marks.push(await rowEdited(wv, i));
          }
          expect(labels.join(' ') === 'tie tie A tie', `rows 1-4 show ${labels.join(' ')}, expected tie tie A tie`);
          expect(marks.join(' ') === 'true true true false', `edited marks on rows 1-4: ${marks.join(' ')}`);
          await new Promise((r) => setTimeout(r, 300));
          const shot = path.join(t.out, 'annotation', 'annotation-edited-rows.png');
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await t.page.screenshot({ path: shot });
          if (process.env.UPDATE_SCREENSHOTS)
            fs.copyFileSync(shot, path.join(t.root, 'docs', 'screenshots', 'annotation-edited-rows.png'));
        } finally {
          await t.command('File: Revert File'); // a dirty editor would make every later "Close All Editors" ask to save
        }
        await until(async () => !(await tabDirty(t.page)), 'Revert File left the tab dirty');
        await until(async () => !(await rowEdited(wv, 1)), 'Revert File left edited marks');
      },
    );

    await t.check(
      'Label All Shown Pairs… labels every row the search shows as one edit, and one Ctrl+Z reverts it',
      async () => {
        const shown = original
          .toString('utf8')
          .split('\n')
          .map((l, i) => [i, l])
          .filter(([, l]) => l.includes('"id":"tv2t-synthetic-'));
        const toChange = shown.filter(([, l]) => !l.includes('"criteria_preference":"response2"')).map(([i]) => i);
        expect(
          shown.length >= 2 && toChange.length >= 1,
          `expected several tv2t-synthetic records, some not labelled B (got ${shown.length})`,
        );
        try {
          await focusList(t.page, wv);
          await t.page.keyboard.press('/');
          await t.page.keyboard.type('tv2t-synthetic');
          await until(
            async () => (await wv.locator('.pair-row[data-index]:not([hidden])').count()) === shown.length,
            `the search does not show the ${shown.length} tv2t-synthetic rows`,
          );
          await t.command('Reward Lens: Label All Shown Pairs', { pick: 'B is better' });
          for (const [i] of shown)
            await until(async () => (await rowLabel(wv, i)) === 'B', `row ${i} is not B after the bulk label`);
          for (const i of toChange)
            await until(() => rowEdited(wv, i), `row ${i} has no edited mark after the bulk label`);
          await until(() => tabDirty(t.page), 'the bulk label did not make the file dirty');
          await focusList(t.page, wv);
          await t.page.keyboard.press('Control+z');
          await until(async () => !(await tabDirty(t.page)), 'one Ctrl+Z did not undo the whole bulk label');
          for (const i of toChange)
            await until(async () => !(await rowEdited(wv, i)), `row ${i} is still marked after undoing the bulk label`);
        } finally {
          if (await tabDirty(t.page)) await t.command('File: Revert File');
          await t.page.keyboard.press('/');
          await t.page.keyboard.press('Control+a');
          await t.page.keyboard.press('Backspace');
          await t.page.keyboard.press('Escape');
        }
      },
    );

    await t.check(
      '0 in a chosen/rejected file is refused with a warning that says why, and nothing changes',
      async () => {
        const hh = copySample(t, 'formats/hh-rlhf.jsonl', 'annotation/hh.jsonl');
        const before = fs.readFileSync(hh);
        const hv = await t.open('annotation/hh.jsonl');
        await focusList(t.page, hv);
        await t.page.keyboard.press('0');
        const toast = t.page.locator('.notifications-toasts .notification-toast', { hasText: 'tie' });
        await toast.first().waitFor({ state: 'visible', timeout: 10_000 });
        const msg = (await toast.first().innerText()).replace(/\s+/g, ' ');
        expect(/cannot express a tie/.test(msg), `the warning says "${msg}"`);
        expect(!/\bat \w+ \(|Error:/.test(msg), `the warning looks like a stack trace: ${msg}`);
        expect(!(await tabDirty(t.page)), 'a refused tie made the file dirty');
        try {
          await t.page.keyboard.press('2');
          await until(() => tabDirty(t.page), 'relabelling B in a chosen/rejected file did nothing');
        } finally {
          await t.command('File: Revert File');
        }
        await until(async () => !(await tabDirty(t.page)), 'Revert File left the tab dirty');
        expect(fs.readFileSync(hh).equals(before), 'the chosen/rejected file changed on disk without a save');
        await t.command('Notifications: Clear All Notifications').catch(() => {});
      },
    );
    await leaveClean(t);
  },
};
