// Keyboard navigation in the list: j / k / ArrowDown / ArrowUp move aria-selected, Enter opens the pair view,
// Escape returns, `/` focuses the search box.
import { expect } from '../lib/checks.mjs';
import { focusList, selectedIndex, waitSelected } from '../lib/rewardLens.mjs';
import { SAMPLE } from './20-pair-view.mjs';

export default {
  name: 'keyboard',
  async run(t) {
    let wv;
    await t.check('j, ArrowDown, k and ArrowUp move the selected row', async () => {
      wv = await t.open(SAMPLE);
      await focusList(t.page, wv);
      const start = await selectedIndex(wv);
      for (const [key, delta] of [
        ['j', 1],
        ['j', 1],
        ['ArrowDown', 1],
        ['k', -1],
        ['ArrowUp', -1],
      ]) {
        const before = await selectedIndex(wv);
        await t.page.keyboard.press(key);
        await waitSelected(wv, before + delta).catch((e) => {
          throw new Error(`after ${key}: ${e.message}`);
        });
      }
      expect((await selectedIndex(wv)) === start + 1, 'net movement of j j ↓ k ↑ is not one row');
    });
    await t.check('Enter opens the pair view of the selected row and Escape returns to the list', async () => {
      const sel = await selectedIndex(wv);
      await t.page.keyboard.press('Enter');
      await wv.locator('[data-testid="pair-view"]').waitFor({ state: 'visible', timeout: 10_000 });
      await t.page.keyboard.press('Escape');
      await t.page.keyboard.press('j');
      await waitSelected(wv, sel + 1).catch((e) => {
        throw new Error(`after Escape, j did not move the list selection: ${e.message}`);
      });
    });
    await t.check('/ focuses the search box', async () => {
      await t.page.keyboard.press('/');
      const t0 = Date.now();
      let focused = false;
      while (!focused && Date.now() - t0 < 5000) {
        focused = await wv
          .locator('[data-testid="search"]')
          .first()
          .evaluate((el) => {
            let a = document.activeElement;
            while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; // vscode-textfield keeps its <input> in a shadow root
            return el === document.activeElement || el.contains(a) || el.shadowRoot?.contains(a) === true;
          });
        if (!focused) await new Promise((r) => setTimeout(r, 100));
      }
      expect(focused, 'the search box does not have focus after /');
      await t.page.keyboard.press('Escape');
    });
  },
};
