// Analysis in the real VS Code (issues 6 and 7): runs of the omni sample with the default model and the length
// baseline (made with the CLI under the runStore naming, reused when the score scenario already wrote them);
// verdicts and disagreement marks on rows; the disagreements filter and the expression box (with its inline
// syntax error); the criterion probe on one disagreement ("no change" for the criterion-blind default model);
// the dashboard and the status bar; the comparison with the length baseline and its flips.
// UPDATE_SCREENSHOTS=1 copies probe.png, dashboard.png and comparison.png to docs/screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import { tabDirty, until } from '../lib/annotation.mjs';
import { focusList } from '../lib/rewardLens.mjs';

const REL = 'omni-rewardbench/omni-sample.jsonl';

/** Sets a vscode-single-select as a user's pick does (value, then a change event). */
async function pick(wv, testid, value) {
  await wv.locator(`[data-testid="${testid}"]`).evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

async function rows(wv) {
  return wv.locator('.pair-row:not([hidden])').evaluateAll((els) =>
    els
      .filter((e) => e.dataset.index !== undefined)
      .map((e) => ({
        index: Number(e.dataset.index),
        disagree: e.classList.contains('disagree'),
        chips: e.querySelectorAll('.verdict-chip').length,
        warn: !!e.querySelector('.verdict .codicon-warning'),
      })),
  );
}

function keep(t, shot, name) {
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(shot, path.join(t.root, 'docs', 'screenshots', name));
}

export default {
  name: 'analysis',
  async run(t) {
    const file = t.ws(REL);
    let wv;
    await t.check(
      'runs of the sample with the default model and the length baseline are in .reward-lens/runs',
      async () => {
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
        const runs = fs
          .readdirSync(t.ws('.reward-lens/runs'))
          .filter((f) => f.startsWith('omni-sample.jsonl.') && f.endsWith('.jsonl'));
        expect(runs.length >= 2, `runs folder holds ${runs.join(', ')}`);
      },
    );

    await t.check(
      "rows show the default run's verdict; rows it gets wrong carry the warning icon and the disagree mark",
      async () => {
        wv = await t.open(REL);
        await t.command('Reward Lens: Reload Runs');
        await until(
          async () => (await wv.locator('.rl-run-names').innerText()).includes('default'),
          'the analysis bar does not name the default run',
        );
        await until(async () => (await rows(wv)).some((r) => r.chips > 0), 'no row shows a verdict chip');
        await until(
          async () => (await rows(wv)).some((r) => r.disagree),
          'no visible row is marked as a disagreement',
          20_000,
        );
        const rs = await rows(wv);
        const marked = rs.filter((r) => r.disagree);
        expect(marked.length > 0, 'no visible row is marked as a disagreement');
        expect(
          marked.every((r) => r.warn),
          'a disagreement row lacks the warning icon (colour alone)',
        );
        expect(
          rs.filter((r) => !r.disagree).every((r) => !r.warn),
          'a row without the mark shows the warning icon',
        );
      },
    );

    await t.check(
      'the Disagreements filter shows only disagreements; a bad expression shows its column inline',
      async () => {
        await pick(wv, 'analysis-show', 'disagreements');
        await until(async () => {
          const rs = await rows(wv);
          return rs.length > 0 && rs.every((r) => r.disagree);
        }, 'the disagreements view shows rows without the mark');
        const input = wv.locator('[data-testid="filter-expression"] input');
        await input.fill('margn < 1');
        const err = wv.locator('[data-testid="filter-expression-error"]');
        await err.waitFor({ state: 'visible', timeout: 5000 });
        const text = await err.innerText();
        expect(/column 1/.test(text) && /unknown field `margn`/.test(text), `error reads: ${text}`);
        await input.fill('abs(margin) > 0.01 and task == "T2T"');
        await until(async () => !(await err.isVisible()), 'the error stays after a valid expression');
        await until(async () => {
          const rs = await rows(wv);
          return rs.length > 0 && rs.every((r) => r.disagree);
        }, 'expression + disagreements shows other rows');
        const tasks = await wv.locator('.pair-row:not([hidden]) .task').allInnerTexts();
        expect(tasks.length > 0 && tasks.every((x) => x.trim() === 'T2T'), `rows of other tasks: ${tasks.join(', ')}`);
        await input.fill('');
        await input.press('Enter');
        await until(async () => (await rows(wv)).length > 0, 'no rows after clearing the expression');
      },
    );

    await t.check(
      'the probe rescoring a disagreement with an edited criterion says "no change" for the criterion-blind default model',
      async () => {
        await focusList(t.page, wv);
        await t.page.keyboard.press('Enter');
        const probe = wv.locator('[data-testid="probe-input"]');
        await probe.waitFor({ state: 'visible', timeout: 10_000 });
        await probe.fill('Prefer the shorter response, whatever it says.');
        const summary = wv.locator('[data-testid="probe-summary"]');
        await summary.waitFor({ state: 'visible', timeout: 60_000 });
        const text = await summary.innerText();
        expect(/no change/.test(text), `probe summary: ${text}`);
        const table = await wv.locator('[data-testid="probe-result"] table').innerText();
        expect(/file criterion/.test(table) && /probe/.test(table), `probe table: ${table}`);
        expect((await wv.locator('[data-testid="probe-history"] li').count()) >= 1, 'the probe history is empty');
        keep(t, await t.shot('probe'), 'probe.png');
      },
    );

    await t.check('the dashboard shows the accuracy table and charts; the status bar shows the accuracy', async () => {
      await t.page.keyboard.press('Escape');
      await pick(wv, 'analysis-show', '');
      await t.command('Reward Lens: Show Dashboard');
      const dash = wv.locator('[data-testid="dashboard"]');
      await dash.waitFor({ state: 'visible', timeout: 30_000 });
      await until(async () => (await dash.locator('canvas').count()) >= 2, 'the dashboard has no charts');
      const text = await dash.innerText();
      expect(/T2T/.test(text), `dashboard text lacks the task rows: ${text.slice(0, 200)}`);
      const status = t.page.locator('.statusbar-item', { hasText: /default: .*%/ });
      await status.first().waitFor({ state: 'visible', timeout: 10_000 });
      keep(t, await t.shot('dashboard'), 'dashboard.png');
      await wv.locator('[data-testid="dashboard"] canvas').first().scrollIntoViewIfNeeded();
      keep(t, await t.shot('dashboard-charts'), 'dashboard-charts.png');
    });

    await t.check(
      'Compare Runs… with the length baseline opens the comparison (2×2, McNemar, scatter); flips show both verdicts',
      async () => {
        await t.command('Reward Lens: Compare Runs…', { pick: /length baseline/ });
        const cmp = wv.locator('[data-testid="comparison"]');
        await cmp.waitFor({ state: 'visible', timeout: 30_000 });
        const text = await cmp.innerText();
        expect(/McNemar/i.test(text), `comparison lacks McNemar: ${text.slice(0, 300)}`);
        await until(async () => (await cmp.locator('canvas').count()) >= 1, 'no scatter canvas');
        keep(t, await t.shot('comparison'), 'comparison.png');
        await cmp.locator('canvas').first().scrollIntoViewIfNeeded();
        keep(t, await t.shot('comparison-scatter'), 'comparison-scatter.png');
        await wv.locator('[data-testid="analysis-close"]').click();
        await pick(wv, 'analysis-show', 'flips');
        await until(async () => {
          const rs = await rows(wv);
          return rs.length > 0 && rs.every((r) => r.chips >= 2);
        }, 'flips rows lack the second verdict');
        await pick(wv, 'analysis-show', '');
      },
    );

    await t.check(
      'Criteria Sweep… with the default model shows zero flips and says it ignores the criterion',
      async () => {
        const input = wv.locator('[data-testid="filter-expression"] input');
        await input.fill('task == "T2T"');
        await input.press('Enter');
        await until(async () => {
          const ts = await wv.locator('.pair-row:not([hidden]) .task').allInnerTexts();
          return ts.length > 0 && ts.every((x) => x.trim() === 'T2T');
        }, 'the T2T slice is not shown');
        await t.command('Reward Lens: Criteria Sweep…');
        // Every variant is pre-selected: accept the multi-select pick with its OK button.
        const ok = t.page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' });
        await ok.waitFor({ state: 'visible', timeout: 20_000 });
        await ok.click();
        const sweep = wv.locator('[data-testid="sweep"]');
        await sweep.waitFor({ state: 'visible', timeout: 60_000 });
        const text = await sweep.innerText();
        expect(/ignores the criterion/i.test(text), `sweep view: ${text.slice(0, 300)}`);
        const stored = fs
          .readdirSync(t.ws('.reward-lens/runs'))
          .filter((f) => f.includes('.sweep-') && f.endsWith('.json'));
        expect(stored.length >= 1, 'no sweep JSON beside the runs');
        const json = JSON.parse(fs.readFileSync(t.ws(`.reward-lens/runs/${stored[0]}`), 'utf8'));
        expect(
          json.cells.some((c) => c.task === 'all' && c.variant === 'opposite' && c.n === 7 && c.flips === 0),
          `stored cells: ${JSON.stringify(json.cells.slice(0, 4))}`,
        );
        keep(t, await t.shot('sweep'), 'sweep.png');
        await wv.locator('[data-testid="analysis-close"]').click();
      },
    );

    await t.check(
      'a criterion-sensitive model (text-rm-llama, criterion as system message) moves its scores in the probe',
      async () => {
        // The toy Llama RM from test/fixtures, configured as a user would, scored through Score with Model….
        // The toy Llama RM from test/fixtures, scored with the CLI; the probe loads it from the folder its run names.
        const model = path.join(t.root, 'test', 'fixtures', 'models', 'text-rm-llama');
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
        expect(r.status === 0, `reward-lens score --model text-rm-llama failed: ${r.stderr || r.stdout}`);
        await t.command('Reward Lens: Reload Runs');
        const runsDir = t.ws('.reward-lens/runs');
        const llama = fs
          .readdirSync(runsDir)
          .find((f) => f.startsWith('omni-sample.jsonl.') && f.includes('llama') && f.endsWith('.jsonl'));
        expect(llama, `no llama run in ${fs.readdirSync(runsDir).join(', ')}`);
        const id = JSON.parse(fs.readFileSync(path.join(runsDir, llama), 'utf8').split('\n')[0]).model.id;
        const pickRun = new RegExp(id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        // A notification or a stale quick input can hold the palette for a moment: one retry after Escape.
        await t.command('Reward Lens: Choose Run…', { pick: pickRun }).catch(async () => {
          await t.page.keyboard.press('Escape');
          await t.command('Reward Lens: Choose Run…', { pick: pickRun });
        });
        await until(
          async () => (await wv.locator('.rl-run-names').innerText()).startsWith(id),
          `the list does not judge with ${id}`,
        );
        await focusList(t.page, wv);
        await t.page.keyboard.press('Enter');
        const probe = wv.locator('[data-testid="probe-input"]');
        await probe.waitFor({ state: 'visible', timeout: 10_000 });
        await probe.fill('Prefer the response that is longer and mentions more details.');
        const summary = wv.locator('[data-testid="probe-summary"]');
        await until(
          async () => (await summary.isVisible()) && /margin [+−]/.test(await summary.innerText()),
          'the probe shows no margin change for llama-toy',
          60_000,
        );
        keep(t, await t.shot('probe-llama'), 'probe-llama.png');
      },
    );

    await t.check('"Apply to file" makes the probed criterion one undoable edit; Ctrl+Z takes it back', async () => {
      const text = 'Prefer the response that is longer and mentions more details.';
      expect(!(await tabDirty(t.page)), 'the file was dirty before applying (probing must not edit it)');
      await wv.locator('[data-testid="probe-apply"]').click();
      await until(
        async () => (await wv.locator('[data-testid="criterion"]').innerText()).includes(text),
        'the criterion does not show the applied text',
      );
      await until(() => tabDirty(t.page), 'applying did not make the file dirty');
      await wv.locator('[data-testid="prompt"]').click();
      await t.page.keyboard.press('Control+z');
      await until(async () => !(await tabDirty(t.page)), 'Ctrl+Z did not undo the applied criterion');
      await until(
        async () => !(await wv.locator('[data-testid="criterion"]').innerText()).includes(text),
        'the criterion still shows the applied text after undo',
      );
      await t.page.keyboard.press('Escape');
    });
  },
};
