// One verdict everywhere (issue 14) and scores that follow the responses (issue 11): a hand-made run whose
// calibrated ε makes small margins ties, read in the list and in the pair view; and a length run of a
// chosen/rejected file relabelled with key 2: the verdict stays with the responses until the save swaps them on
// disk, then follows them.
// UPDATE_SCREENSHOTS=1 copies verdict-tie-list.png and verdict-tie-pair.png to docs/screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import { rowLabel, tabDirty, until } from '../lib/annotation.mjs';
import { focusList, openPair } from '../lib/rewardLens.mjs';

function keep(t, shot, name) {
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(shot, path.join(t.root, 'docs', 'screenshots', name));
}

const row = (wv, index) => wv.locator(`.pair-row[data-index="${index}"]`).first();
const verdictOf = async (wv, index) =>
  (
    await row(wv, index)
      .locator('.verdict-chip')
      .first()
      .innerText()
      .catch(() => '')
  ).trim();

export default {
  name: 'verdicts',
  async run(t) {
    let wv;
    await t.check('a calibrated tie reads as a tie in the list and in the pair view', async () => {
      const file = t.ws('verdicts/ties.jsonl');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // T2T: the tie-labelled pairs' margins are 0.05 and −0.04, so calibration picks ε = 0.05 (5 of 6 right, ε = 0
      // gets 4); pair 3 (label A, margin 0.03) is then a tie, and a disagreement.
      const pairs = [
        ['response1', 1.5],
        ['response2', -1.2],
        ['response1', 0.03],
        ['tie', 0.05],
        ['tie', -0.04],
        ['response2', -2],
      ];
      fs.writeFileSync(
        file,
        pairs
          .map(([pref], i) =>
            JSON.stringify({
              id: `tie-${i}`,
              task: 'T2T',
              prompt: `Question ${i}`,
              response1: `first answer ${i}`,
              response2: `second answer ${i}`,
              criteria: 'be helpful',
              criteria_preference: pref,
            }),
          )
          .join('\n') + '\n',
      );
      const runs = t.ws('.reward-lens/runs');
      fs.mkdirSync(runs, { recursive: true });
      const header = {
        type: 'header',
        version: 1,
        model: { id: 'handmade-rm', kind: 'test', bradleyTerry: true },
        dataset: { path: file },
        created: new Date().toISOString(),
      };
      const entries = pairs.map(([, m], index) => ({
        index,
        line: index + 1,
        id: `tie-${index}`,
        score_a: m,
        score_b: 0,
      }));
      fs.writeFileSync(
        path.join(runs, 'ties.jsonl.handmade-rm.e2e.jsonl'),
        [header, ...entries].map((x) => JSON.stringify(x)).join('\n') + '\n',
      );
      wv = await t.open('verdicts/ties.jsonl');
      await t.command('Reward Lens: Reload Runs');
      await until(
        async () => (await verdictOf(wv, 2)) === 'tie',
        `row 3 shows "${await verdictOf(wv, 2)}", not the calibrated tie`,
        20_000,
      );
      expect(
        await row(wv, 2).evaluate((e) => e.classList.contains('disagree')),
        'the calibrated tie against label A is not marked as a disagreement',
      );
      keep(t, await t.shot('calibrated-tie-list'), 'verdict-tie-list.png');
      const view = await openPair(t.page, wv, 2);
      const scores = view.locator('[data-testid="scores"]');
      await scores.waitFor({ state: 'visible', timeout: 10_000 });
      const chip = (await scores.locator('.verdict-chip').first().innerText()).trim();
      expect(chip === 'tie', `the pair view's verdict is "${chip}" where the list says tie`);
      expect(
        (await scores.locator('.codicon-warning').count()) === 1,
        'the pair view does not mark the same disagreement as the list',
      );
      keep(t, await t.shot('calibrated-tie-pair'), 'verdict-tie-pair.png');
    });

    await t.check(
      'label key 2 on a chosen/rejected file: scores stay with their responses before the save and follow the swap after it',
      async () => {
        const file = t.ws('verdicts/swap.jsonl');
        fs.writeFileSync(
          file,
          [0, 1, 2]
            .map((i) =>
              JSON.stringify({
                prompt: `Question ${i}`,
                chosen: `a much longer and more careful answer number ${i}`,
                rejected: `short ${i}`,
              }),
            )
            .join('\n') + '\n',
        );
        const r = spawnSync(
          process.execPath,
          [path.join(t.root, 'dist', 'cli.js'), 'score', file, '--model', 'length'],
          { cwd: t.sandbox.workspace, encoding: 'utf8', timeout: 120_000 },
        );
        expect(r.status === 0, `reward-lens score --model length failed: ${r.stderr || r.stdout}`);
        wv = await t.open('verdicts/swap.jsonl');
        await t.command('Reward Lens: Reload Runs');
        await until(
          async () => (await verdictOf(wv, 0)) === 'A',
          `row 1 shows "${await verdictOf(wv, 0)}" before the relabel, not A`,
          20_000,
        );
        await focusList(t.page, wv);
        await t.page.keyboard.press('2');
        // unsaved: the pair reads in the file's order, labelled B; the length model still prefers A, now a disagreement
        await until(
          async () => (await rowLabel(wv, 0)) === 'B',
          `row 1's label is "${await rowLabel(wv, 0)}" after pressing 2, not B`,
        );
        await until(
          async () =>
            (await verdictOf(wv, 0)) === 'A' && (await row(wv, 0).evaluate((e) => e.classList.contains('disagree'))),
          `after the relabel row 1 shows verdict "${await verdictOf(wv, 0)}" without the disagreement mark`,
        );
        await t.shot('swap-list-unsaved');
        await t.page.keyboard.press('Control+s');
        await until(async () => !(await tabDirty(t.page)), 'the tab is still dirty after Ctrl+S');
        // saved: the file's chosen is the short answer; the run's scores follow the responses: B wins, against label A
        await until(
          async () => (await rowLabel(wv, 0)) === 'A' && (await verdictOf(wv, 0)) === 'B',
          `after the save row 1 reads label "${await rowLabel(wv, 0)}", verdict "${await verdictOf(wv, 0)}": the scores stayed with the old order`,
        );
        expect(
          await row(wv, 0).evaluate((e) => e.classList.contains('disagree')),
          'the swapped row is not marked: the length model still prefers the old chosen, now B',
        );
        const view = await openPair(t.page, wv, 0);
        const cells = await view.locator('[data-testid="scores"] td.num').allInnerTexts();
        expect(
          cells.length >= 3 && Number(cells[0]) < Number(cells[1]),
          `pair view scores A, B, margin: ${cells.join(', ')}`,
        );
        await t.shot('swap-pair');
      },
    );
  },
};
