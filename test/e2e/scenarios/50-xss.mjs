// Nothing from a data file executes: every record of edge/xss.jsonl is shown (list and pair view), and no dialog
// fires, no frame gets window.__pwned, and the webview's DOM holds no script, handler or javascript: link from data.
import { expect } from '../lib/checks.mjs';
import { openPair } from '../lib/rewardLens.mjs';
import { readSample } from '../lib/samples.mjs';

export default {
  name: 'xss',
  async run(t) {
    const { records } = readSample(t.ws('edge/xss.jsonl'));
    let wv;
    await t.check(`edge/xss.jsonl: showing all ${records.length} pairs runs none of their scripts`, async () => {
      const dialogsBefore = t.page.dialogs.length;
      wv = await t.open('edge/xss.jsonl');
      for (const r of records) await openPair(t.page, wv, r.index);
      await new Promise((r) => setTimeout(r, 1500)); // let any onerror/onload fire
      const dialogs = t.page.dialogs.slice(dialogsBefore);
      expect(!dialogs.length, `dialogs fired: ${dialogs.join('; ')}`);
      const pwned = [];
      for (const f of t.page.frames()) {
        const v = await f
          .evaluate(() => (typeof window.__pwned === 'undefined' ? null : String(window.__pwned)))
          .catch(() => null);
        if (v !== null) pwned.push(`${f.url().slice(0, 80)}: ${v}`);
      }
      expect(!pwned.length, `window.__pwned was set in ${pwned.join(', ')}`);
    });
    await t.check(
      'edge/xss.jsonl: the webview DOM holds no script, inline handler or javascript: URL from the data',
      async () => {
        const found = await wv.locator('#app').evaluate((app) => {
          const bad = [];
          const walk = (root) => {
            for (const el of root.querySelectorAll('*')) {
              const tag = el.tagName.toLowerCase();
              if (['script', 'iframe', 'object', 'embed', 'form'].includes(tag)) bad.push(`<${tag}>`);
              for (const a of el.attributes) {
                if (/^on/i.test(a.name)) bad.push(`<${tag} ${a.name}>`);
                if (/^\s*javascript:/i.test(a.value)) bad.push(`<${tag} ${a.name}="${a.value.slice(0, 40)}">`);
              }
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(app);
          return bad;
        });
        expect(!found.length, `found in the webview: ${[...new Set(found)].join(', ')}`);
        const prompt = (await wv.locator('[data-testid="prompt"]').first().innerText()).trim();
        expect(
          prompt.length > 0,
          'the prompt of the last xss record rendered as nothing (it should show as inert text)',
        );
      },
    );
  },
};
