// Annotation a new user can trust (issue 11), in the real VS Code:
//  1. with the browser's default auto save, an expression typed into the filter box, Enter, and more typing (digits
//     included) change nothing; label keys act only after the user picks a row; each relabel is confirmed, and the
//     row keeps a mark after auto save wrote it;
//  3. label keys work in a second Reward Lens tab after the probe box of the first had focus;
//  4. on a chosen/rejected file, B shows the swap ("the file's chosen is now B"), a second B changes nothing, A
//     restores the file's order;
//  7. Compare Runs… offers only the other runs, and the list's columns name the models;
//  8. F1 and Ctrl+Shift+P reach VS Code from the probe box and the filter box, and are not typed into them;
// 10. a relabel, a browser reload 2.5 s later (auto save off), then Save writes exactly that value.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import {
  copySample,
  editNotice,
  firstDifference,
  leaveClean,
  rowEdited,
  rowLabel,
  setAutoSave,
  tabDirty,
  until,
  withValue,
} from '../lib/annotation.mjs';
import { focusList, openPair, waitSelected } from '../lib/rewardLens.mjs';
import { openAlsoInRewardLens, reloadBrowser, webview } from '../lib/workbench.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const OMNI = 'omni-rewardbench/omni-sample.jsonl';

/** The deepest focused element inside `locator`'s element (shadow roots included), or null when focus is elsewhere. */
const focusInside = (locator) =>
  locator.first().evaluate((el) => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return el === document.activeElement || el.contains(document.activeElement) || el.shadowRoot?.contains(a) === true;
  });
const quickInputVisible = (page) =>
  page
    .locator('.quick-input-widget')
    .isVisible()
    .catch(() => false);
const rowChanged = async (wv, index) =>
  (await wv.locator(`.pair-row[data-index="${index}"]:not([hidden]) [data-testid="changed-mark"]`).count()) === 1;

export default {
  name: 'annotation-trust',
  async run(t) {
    await t.check(
      'item 1: typing an expression, Enter, and more typing (digits too) in the filter box change nothing, even with auto save on',
      async () => {
        await setAutoSave(t, 'afterDelay'); // the browser's default; the sandbox starts with it off
        const file = copySample(t, OMNI, 'trust/auto-save.jsonl');
        const original = fs.readFileSync(file);
        const wv = await t.open('trust/auto-save.jsonl');
        try {
          await focusList(t.page, wv); // the user was working the list: label keys are on
          const box = wv.locator('[data-testid="filter-expression"]');
          await box.locator('input').click();
          await t.page.keyboard.type('task == "T2T" and index < 20', { delay: 20 });
          await t.page.keyboard.press('Enter');
          await until(
            async () => (await wv.locator('.pair-row[data-index]:not([hidden])').count()) > 0,
            'the filter shows no rows after Enter',
          );
          expect(await focusInside(box), 'Enter moved the focus out of the filter box');
          await t.page.keyboard.type(' or len_diff > 200 and index != 2 1 2 0 1', { delay: 20 });
          await sleep(2500); // auto save (afterDelay, 1 s) would have written any edit by now
          expect(await focusInside(box), 'typing after Enter left the filter box');
          expect(
            fs.readFileSync(file).equals(original),
            `the file changed on disk: ${firstDifference(fs.readFileSync(file), original)}`,
          );
          expect(!(await tabDirty(t.page)), 'the document is dirty');
          expect((await wv.locator('.pair-row.edited, .pair-row.changed').count()) === 0, 'a row is marked edited');
          const value = await box.evaluate((el) => el.value);
          expect(
            value.endsWith('2 1 2 0 1'),
            `the digits did not land in the filter box (it says ${JSON.stringify(value)})`,
          );
          await t.shot('item1-typing-stays-in-filter-box');
          // Escape leaves the box; the focus the app moves does not turn the label keys on, and says so.
          await t.page.keyboard.press('Escape');
          await box.locator('input').fill('');
          await t.page.keyboard.press('Enter');
          await t.page.keyboard.press('Escape');
          await t.page.keyboard.press('2');
          await until(
            async () => /Label keys are off/.test(await editNotice(wv)),
            'a label key after Escape gave no hint',
          );
          await sleep(1500);
          expect(fs.readFileSync(file).equals(original), 'a label key after Escape changed the file');
        } finally {
          await leaveClean(t);
        }
      },
    );

    await t.check(
      'item 1: a relabel the user makes is confirmed ("line 1: A → B"), auto saved, and the row stays marked; Undo reverts it',
      async () => {
        const file = t.ws('trust/auto-save.jsonl');
        const original = fs.readFileSync(file);
        const wv = webview(t.page);
        try {
          await focusList(t.page, wv);
          await waitSelected(wv, 0);
          await t.page.keyboard.press('2');
          await until(
            async () => (await editNotice(wv)).startsWith('line 1: A → B'),
            'no "line 1: A → B" notice after pressing 2',
          );
          const expected = withValue(original, 1, 'criteria_preference', 'response1', 'response2');
          await until(
            async () => fs.readFileSync(file).equals(expected),
            'auto save did not write the relabel (is auto save on?)',
            10_000,
          );
          await until(async () => !(await tabDirty(t.page)), 'the tab stayed dirty after auto save');
          await until(() => rowChanged(wv, 0), 'row 1 lost its mark after auto save');
          await t.shot('item1-relabel-confirmed-and-marked-after-auto-save');
          await wv.locator('[data-testid="edit-notice-undo"]').click();
          await until(
            async () => fs.readFileSync(file).equals(original),
            'Undo (then auto save) did not restore the file',
            10_000,
          );
          await until(
            async () => !(await rowChanged(wv, 0)) && !(await rowEdited(wv, 0)),
            'row 1 is still marked after Undo',
          );
        } finally {
          await leaveClean(t);
          await setAutoSave(t, 'off');
        }
      },
    );

    await t.check(
      'item 3: after the probe box of one Reward Lens tab had focus, a row clicked in another tab takes 0',
      async () => {
        copySample(t, OMNI, 'trust/tab-one.jsonl');
        copySample(t, OMNI, 'trust/tab-two.jsonl');
        await t.open('trust/tab-one.jsonl');
        let one;
        const two = await openAlsoInRewardLens(t.page, 'trust/tab-two.jsonl');
        try {
          await t.page.locator('.editor-group-container.active .tab', { hasText: 'tab-one.jsonl' }).click();
          one = webview(t.page);
          await one.locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
          await openPair(t.page, one, 0);
          await one.locator('[data-testid="probe-input"]').click();
          await t.page.keyboard.type('x');
          await t.page.locator('.editor-group-container.active .tab', { hasText: 'tab-two.jsonl' }).click();
          const wv = webview(t.page);
          await wv.locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
          const row = wv.locator('.pair-row[data-index="1"]:not([hidden])').first();
          await row.click();
          await waitSelected(wv, 1);
          await t.page.keyboard.press('0');
          await until(
            async () => (await rowLabel(wv, 1)) === 'tie',
            'pressing 0 on a clicked row of the second tab did nothing',
          );
          void two;
        } finally {
          await leaveClean(t);
        }
      },
    );

    await t.check(
      'item 4: on a chosen/rejected file B shows the swap until saved; B again changes nothing; 1 restores the order',
      async () => {
        const file = copySample(t, 'formats/hh-rlhf.jsonl', 'trust/hh.jsonl');
        const original = fs.readFileSync(file);
        const wv = await t.open('trust/hh.jsonl');
        try {
          await focusList(t.page, wv);
          await waitSelected(wv, 0);
          await t.page.keyboard.press('2');
          await until(async () => (await rowLabel(wv, 0)) === 'B', 'row 1 does not read B after pressing 2');
          await until(() => rowEdited(wv, 0), 'row 1 has no edited mark');
          await until(
            async () => /chosen is now B/.test(await editNotice(wv)),
            'the notice does not say the responses were swapped',
          );
          await t.page.keyboard.press('ArrowUp');
          await waitSelected(wv, 0);
          await t.page.keyboard.press('Enter');
          const view = wv.locator('[data-testid="pair-view"]');
          await view.waitFor({ state: 'visible', timeout: 10_000 });
          await until(
            async () =>
              /chosen is now B/.test(
                await view
                  .locator('[data-testid="pair-edit-state"]')
                  .innerText()
                  .catch(() => ''),
              ),
            'the pair view does not show the swap',
          );
          expect(
            (await wv.locator('[data-testid="human-label"]').innerText()).trim() === 'B',
            "the pair view's label is not B",
          );
          const chosen = JSON.parse(original.toString('utf8').split('\n')[0]).chosen.split('Assistant:').pop().trim(); // the last turn
          const shownA = (await wv.locator('[data-testid="response-a"]').innerText()).trim();
          expect(
            shownA === chosen,
            `response A reads ${JSON.stringify(shownA)}, not the file's chosen ${JSON.stringify(chosen)}`,
          );
          await t.shot('item4-swap-shown-in-pair-view');
          await t.page.keyboard.press('2');
          await until(
            async () => /already B, nothing changed/.test(await editNotice(wv)),
            'a second B did not say "already B"',
          );
          await t.page.keyboard.press('k');
          await until(
            async () =>
              (await wv.locator('[data-testid="pair-where"], .pair-where').first().innerText()).startsWith('Pair 1'),
            'k did not go back to pair 1',
          );
          await t.page.keyboard.press('1');
          await until(async () => /B → A/.test(await editNotice(wv)), 'pressing 1 did not say B → A');
          expect(fs.readFileSync(file).equals(original), 'the file changed on disk (auto save must be off here)');
          await t.page.keyboard.press('k');
          await until(
            async () =>
              (await wv.locator('[data-testid="pair-edit-state"]').count()) === 0 &&
              (await wv.locator('[data-testid="human-label"]').innerText()).trim() === 'A',
            'after 1 the pair is not back to A without the swap note',
          );
          await t.page.keyboard.press('Control+s');
          await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after Ctrl+S', 15_000);
          expect(
            fs.readFileSync(file).equals(original),
            `B then A saved different bytes: ${firstDifference(fs.readFileSync(file), original)}`,
          );
        } finally {
          await leaveClean(t);
        }
      },
    );

    await t.check(
      'item 8: F1 and Ctrl+Shift+P reach VS Code from the probe box and the filter box, and type nothing',
      async () => {
        const wv = await t.open(OMNI);
        await openPair(t.page, wv, 0);
        const probe = wv.locator('[data-testid="probe-input"]');
        expect((await probe.inputValue()) === '', 'the probe box is pre-filled');
        for (const key of ['F1', 'Control+Shift+P']) {
          await probe.click();
          await t.page.keyboard.press(key);
          await until(() => quickInputVisible(t.page), `${key} in the probe box did not open the command palette`);
          await t.page.keyboard.press('Escape');
          expect((await probe.inputValue()) === '', `${key} typed into the probe box`);
        }
        await t.page.keyboard.press('Escape'); // back to the list (focus may be in the workbench: click the prompt first)
        await wv
          .locator('[data-testid="prompt"]')
          .click()
          .catch(() => {});
        await t.page.keyboard.press('Escape');
        const box = wv.locator('[data-testid="filter-expression"]');
        await box.locator('input').click();
        await t.page.keyboard.press('F1');
        await until(() => quickInputVisible(t.page), 'F1 in the filter box did not open the command palette');
        await t.page.keyboard.press('Escape');
        expect((await box.evaluate((el) => el.value)) === '', 'F1 typed into the filter box');
      },
    );

    await t.check(
      'item 7: Compare Runs… offers only the other runs, and the list names both models in its column headers',
      async () => {
        const file = copySample(t, OMNI, 'trust/runs.jsonl');
        for (const model of ['default', 'length']) {
          const r = spawnSync(
            process.execPath,
            [path.join(t.root, 'dist', 'cli.js'), 'score', file, '--model', model, '--threads', '1'],
            {
              cwd: t.sandbox.workspace,
              encoding: 'utf8',
              env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
              timeout: 180_000,
            },
          );
          expect(r.status === 0, `reward-lens score --model ${model} failed: ${r.stderr || r.stdout}`);
        }
        const wv = await t.open('trust/runs.jsonl');
        await t.command('Reward Lens: Reload Runs');
        await until(
          async () => (await wv.locator('.rl-run-names').innerText()).includes('default'),
          'the analysis bar does not name the default run',
        );
        await t.command('Reward Lens: Compare Runs…');
        const rowsSeen = await until(async () => {
          const labels = await t.page
            .locator('.quick-input-widget .quick-input-list .monaco-list-row')
            .evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || r.textContent || ''));
          return labels.some((l) => /\bscored \d{4}-\d\d-\d\d\b/.test(l)) ? labels : undefined; // the runs ("scored <date>"), not the palette's commands
        }, 'Compare Runs… showed no runs to choose');
        expect(
          !rowsSeen.some((l) => /current run/.test(l) || /^\s*default\b/.test(l)),
          `Compare Runs… offers the current run: ${rowsSeen.join(' | ')}`,
        );
        expect(
          rowsSeen.some((l) => /length baseline/.test(l)),
          `Compare Runs… does not offer the length baseline: ${rowsSeen.join(' | ')}`,
        );
        // Pick the baseline as a user does (typing filters the list). The list may already have closed under us
        // (a quick pick hides when the webview takes focus): the shared runCommand picks again when it does.
        await t.page.keyboard.press('Escape');
        await t.command('Reward Lens: Compare Runs…', { filter: 'length baseline', pick: /length baseline/ });
        await wv.locator('[data-testid="comparison"]').waitFor({ state: 'visible', timeout: 60_000 });
        await wv.locator('[data-testid="analysis-close"]').click();
        const head = wv.locator('.list-head');
        await until(async () => {
          const [a, b] = [await head.locator('.run-a').innerText(), await head.locator('.run-b').innerText()];
          return /default/i.test(a) && /length/i.test(b);
        }, "the list's model columns are not named after the two runs");
        const headText = (await head.innerText()).replace(/\s+/g, ' ');
        expect(!/\bMODEL\b/.test(headText), `a column is still headed MODEL: ${headText}`);
        await t.shot('item7-model-columns-named');
      },
    );

    await t.check(
      'item 10: a relabel, a browser reload 2.5 s later (auto save off), then Save writes exactly that value',
      async () => {
        await setAutoSave(t, 'off');
        const file = copySample(t, OMNI, 'trust/reload.jsonl');
        const original = fs.readFileSync(file);
        let wv = await t.open('trust/reload.jsonl');
        await focusList(t.page, wv);
        await waitSelected(wv, 0);
        await t.page.keyboard.press('2');
        await until(async () => (await rowLabel(wv, 0)) === 'B', 'row 1 did not turn B');
        await until(() => tabDirty(t.page), 'the tab is not dirty after the relabel');
        await sleep(2500);
        const prompts = await reloadBrowser(t.page);
        wv = webview(t.page);
        await wv.locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
        await until(
          async () => (await rowLabel(wv, 0)) === 'B',
          `the relabel is gone after the reload${prompts.length ? ` (the page asked: ${prompts.join('; ')})` : ''}`,
          20_000,
        );
        await until(() => rowEdited(wv, 0), 'the restored row carries no edited mark');
        await until(() => tabDirty(t.page), 'the restored editor is not dirty');
        expect(fs.readFileSync(file).equals(original), 'the file changed before Save');
        await focusList(t.page, wv);
        await t.page.keyboard.press('Control+s');
        await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after Ctrl+S', 15_000);
        const expected = withValue(original, 1, 'criteria_preference', 'response1', 'response2');
        const now = fs.readFileSync(file);
        expect(now.equals(expected), `saved bytes differ from the expected bytes at ${firstDifference(now, expected)}`);
        await leaveClean(t);
      },
      { knownDefect: 'issue 11 item 10: a backup is not always written 2.5 s after an edit' },
    );
  },
};
