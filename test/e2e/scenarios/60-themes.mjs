// Screenshots of every modality's pair view in the light and dark themes (switched with "Preferences: Color Theme"). UPDATE_SCREENSHOTS=1 copies them to docs/screenshots/<modality>-<theme>.png.
import fs from 'node:fs';
import path from 'node:path';
import { openPair } from '../lib/rewardLens.mjs';
import { firstWith, readSample } from '../lib/samples.mjs';
import { expect } from '../lib/checks.mjs';
import { MODALITIES, SAMPLE } from './20-pair-view.mjs';
import { setColorTheme } from '../lib/workbench.mjs';

const THEMES = { light: { name: 'Light Modern', cls: 'vs' }, dark: { name: 'Dark Modern', cls: 'vs-dark' } };
const FILE_NAME = { text: 'text', image: 'image', audio: 'audio', video: 'video', mesh: '3d' };

export default {
  name: 'themes',
  async run(t) {
    const { records } = readSample(t.ws(SAMPLE));
    await t.command('View: Close Primary Side Bar').catch(() => {}); // more room for the pair view
    let wv;
    for (const [theme, { name, cls }] of Object.entries(THEMES)) {
      await setColorTheme(t.page, name, cls);
      for (const [kind, checkKind] of Object.entries(MODALITIES)) {
        const record = firstWith(records, kind, kind === 'text' ? 'any' : 'responses'); // outputs: the A/B comparison
        const file = `${FILE_NAME[kind]}-${theme}.png`;
        await t.check(`screenshot ${file}: ${record?.value?.id} in ${name}`, async () => {
          expect(record, `${SAMPLE} has no record with ${kind} media`);
          wv ??= await t.open(SAMPLE);
          const view = await openPair(t.page, wv, record.index);
          await checkKind(view, record); // media loaded before the picture is taken
          await wv.locator(`body.vscode-${theme}`).waitFor({ state: 'attached', timeout: 10_000 });
          await new Promise((r) => setTimeout(r, 400)); // transitions settle
          const shot = path.join(t.out, 'themes', file);
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await t.page.screenshot({ path: shot });
          if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(shot, path.join(t.root, 'docs', 'screenshots', file));
        });
      }
    }
    await setColorTheme(t.page, THEMES.dark.name, THEMES.dark.cls);
    await t.command('View: Toggle Primary Side Bar Visibility').catch(() => {});
  },
};
