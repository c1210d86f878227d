// Files with problems: a malformed line shows as an error row with its message, a missing media file shows a
// placeholder naming the path tried, and a very long text stays inside its pane.
import { expect } from '../lib/checks.mjs';
import { openPair } from '../lib/rewardLens.mjs';
import { readSample } from '../lib/samples.mjs';

export default {
  name: 'edge-cases',
  async run(t) {
    await t.check('edge/malformed.jsonl shows an error row, with its line, for the cut-off line', async () => {
      const { records } = readSample(t.ws('edge/malformed.jsonl'));
      const bad = records.find((r) => r.value === undefined);
      expect(bad, 'edge/malformed.jsonl has no unparseable line');
      const wv = await t.open('edge/malformed.jsonl');
      const row = wv.locator(`.pair-row[data-index="${bad.index}"]`);
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      const cls = (await row.getAttribute('class')) ?? '';
      expect(/\berror-row\b/.test(cls), `row ${bad.index} (line ${bad.line}) has class "${cls}", not error-row`);
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(
        new RegExp(`line\\s*${bad.line}\\b`, 'i').test(text),
        `error row text "${text}" does not name line ${bad.line}`,
      );
      const good = records.find((r) => r.value?.response1 !== undefined);
      const goodCls = (await wv.locator(`.pair-row[data-index="${good.index}"]`).getAttribute('class')) ?? '';
      expect(!/\berror-row\b/.test(goodCls), `the valid record ${good.value.id} is shown as an error row`);
    });

    await t.check('edge/missing-media.jsonl shows a placeholder naming the missing path', async () => {
      const { records } = readSample(t.ws('edge/missing-media.jsonl'));
      const r = records.find((x) => x.value?.response1_path === 'media/does-not-exist.png') ?? records[0];
      const wv = await t.open('edge/missing-media.jsonl');
      const view = await openPair(t.page, wv, r.index);
      const ph = view.locator('.media-missing').first();
      await ph.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await ph.innerText();
      expect(text.includes('does-not-exist.png'), `placeholder says "${text.slice(0, 200)}", without the path tried`);
      // the other side still renders its image
      const img = view.locator('img.media-image').first();
      await img.waitFor({ state: 'visible', timeout: 10_000 });
    });

    await t.check('edge/long-text.jsonl keeps a long response inside its pane', async () => {
      const { records } = readSample(t.ws('edge/long-text.jsonl'));
      const longest = records.reduce((a, b) => (b.raw.length > a.raw.length ? b : a));
      const wv = await t.open('edge/long-text.jsonl');
      const view = await openPair(t.page, wv, longest.index);
      const sizes = await view.evaluate(() => ({ body: document.documentElement.scrollWidth, win: window.innerWidth }));
      expect(
        sizes.body <= sizes.win + 1,
        `the page scrolls sideways (${sizes.body} px wide in a ${sizes.win} px window)`,
      );
    });
  },
};
