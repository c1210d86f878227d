// Screenshots of the analysis views on the demo page, in dark, light and high contrast (1280×800), with
// Debian's Chromium driven by playwright-core from the e2e tools folder. Also checks the callbacks fire,
// a live theme switch redraws, and times the scatter on ~150K pairs.
//   node webview/analysis/dev/screenshots.mjs [outdir]     (default: test-output/analysis-screenshots)
//   --docs also writes docs/screenshots/{dashboard-dark,dashboard-light,comparison-dark,sweep-dark}.png (128-colour, via ffmpeg)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { serve } from '../../media/dev/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(root, '.e2e-tools/e2e/node_modules/playwright-core'));

const args = process.argv.slice(2);
const docs = args.includes('--docs');
const outdir = path.resolve(
  args.find((a) => !a.startsWith('--')) ?? path.join(root, 'test-output/analysis-screenshots'),
);
fs.mkdirSync(outdir, { recursive: true });
const only = process.env.SHOTS ? new RegExp(process.env.SHOTS) : undefined;

const dir = await build();
const server = await serve({ '/': dir });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failures = 0;
try {
  const shots = [];
  for (const theme of ['dark', 'light', 'hc', 'hcl']) {
    for (const view of ['dashboard', 'comparison', 'sweep', 'sweep-blind'])
      shots.push({ name: `${view}-${theme}`, query: `view=${view}&theme=${theme}` });
  }
  shots.push({
    name: 'dashboard-fixed-eps-dark',
    query: 'view=dashboard&theme=dark',
    then: async (page) => {
      await page.fill('.rl-epsilon-number', '0.6');
      await page.press('.rl-epsilon-number', 'Enter');
      await page.locator('.rl-epsilon-number').blur();
    },
  });
  shots.push({
    name: 'dashboard-modalities-dark',
    query: 'view=dashboard&theme=dark',
    then: async (page) => {
      await page.click('vscode-toolbar-button[label="Show accuracy per output modality"]');
    },
  });
  shots.push({
    name: 'dashboard-task-dark',
    query: 'view=dashboard&theme=dark',
    then: async (page) => {
      await page.evaluate(() => {
        const s = document.querySelector('.rl-chart-task');
        s.value = 'T2I';
        s.dispatchEvent(new Event('change'));
      });
    },
  });
  shots.push({ name: 'dashboard-long-names-dark', query: 'view=dashboard&theme=dark&long=1' });
  shots.push({ name: 'comparison-long-names-light', query: 'view=comparison&theme=light&long=1' });
  shots.push({ name: 'dashboard-single-light', query: 'view=dashboard&theme=light&baseline=0' });
  shots.push({ name: 'dashboard-empty-dark', query: 'view=dashboard&theme=dark&empty=1&baseline=0' });
  shots.push({
    name: 'dashboard-large-dark',
    query: 'view=dashboard&theme=dark&scale=40',
    timeout: 120000,
    then: async (page) => {
      // Time from typing ε to the recomputed table (149K pairs, fixed ε: one pass per task).
      const t0 = await page.evaluate(() => performance.now());
      await page.fill('.rl-epsilon-number', '0.5');
      await page.press('.rl-epsilon-number', 'Enter');
      await page.waitForFunction(() => window.rlEvents.some((e) => e.name === 'epsilon'));
      const at = await page.evaluate(() => window.rlEvents.find((e) => e.name === 'epsilon').detail.at);
      console.log(`  ε change on ~149K pairs: ${Math.round(at - t0)} ms to the new table`);
    },
  });
  shots.push({
    name: 'dashboard-theme-switch',
    query: 'view=dashboard&theme=dark',
    then: async (page) => {
      await page.evaluate(() => window.rlTheme('light'));
    },
  });
  shots.push({ name: 'comparison-large-dark', query: 'view=comparison&theme=dark&scale=40', timeout: 120000 });
  for (const shot of shots) {
    if (only && !only.test(shot.name)) continue;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: shot.timeout ?? 30000 });
    if ((await page.getAttribute('body', 'data-ready')) !== 'true') problems.push(await page.textContent('body'));
    await shot.then?.(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outdir, `${shot.name}.png`) });
    const timings = await page.evaluate(() => window.rlTimings);
    const t = Object.entries(timings ?? {})
      .map(([k, v]) => `${k} ${Math.round(v)} ms`)
      .join(', ');
    console.log(`${shot.name}.png  ${t}${problems.length ? `\n  PROBLEM: ${problems.join('\n  PROBLEM: ')}` : ''}`);
    if (problems.length) failures++;
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failures) process.exitCode = 1;
if (docs) {
  for (const name of ['dashboard-dark', 'dashboard-light', 'comparison-dark', 'sweep-dark']) {
    // A 128-colour palette keeps the PNGs small (~60 KB) without visible loss on flat UI colours.
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-i',
      path.join(outdir, `${name}.png`),
      '-vf',
      'split[a][b];[a]palettegen=max_colors=128:stats_mode=full[p];[b][p]paletteuse=dither=none',
      path.join(root, 'docs/screenshots', `${name}.png`),
    ]);
    console.log(`docs/screenshots/${name}.png`);
  }
}

// Interactions: every callback reaches the host with the data it needs.
{
  const dir2 = await build();
  const server2 = await serve({ '/': dir2 });
  const browser2 = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const events = async (page) => page.evaluate(() => window.rlEvents.map((e) => e.name));
  const check = (what, ok) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) process.exitCode = 1;
  };
  try {
    const page = await browser2.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server2.url}?view=dashboard&theme=dark`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('vscode-toolbar-button[label="Copy as Markdown"]');
    await page.click('.rl-task-row');
    await page.fill('.rl-epsilon-number', '0.4');
    await page.press('.rl-epsilon-number', 'Enter');
    await page.waitForTimeout(100);
    const ev = await events(page);
    check(
      'dashboard: export, task click and ε change call back',
      ['export', 'task', 'epsilon'].every((e) => ev.includes(e)),
    );
    const eps = await page.evaluate(() => [...document.querySelectorAll('.rl-eps')].map((e) => e.textContent));
    check(
      'dashboard: a typed ε shows in every task row',
      eps.slice(0, 9).every((e) => e === '0.4'),
    );
    await page.goto(`${server2.url}?view=comparison&theme=dark`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('.rl-flip-button');
    const shown = await page.evaluate(() => window.rlEvents.find((e) => e.name === 'showPairs')?.detail);
    check(`comparison: "flips first" lists the pairs (${JSON.stringify(shown)})`, !!shown && shown.n > 0);
    // Walk up the diagonal's dense middle until a click lands on a point.
    const box = await page.locator('.rl-scatter canvas').boundingBox();
    let opened = false;
    for (let i = 0; i < 60 && !opened; i++) {
      await page.mouse.click(box.x + box.width * (0.55 + 0.005 * i), box.y + box.height * (0.45 - 0.004 * i));
      opened = (await events(page)).includes('openPair');
    }
    check('comparison: clicking a scatter point opens its pair', opened);
    for (const view of ['dashboard', 'comparison', 'sweep']) {
      const errors = [];
      page.removeAllListeners('pageerror');
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server2.url}?view=${view}&theme=dark`);
      await page.waitForSelector('body[data-ready="true"]');
      const before = await page.textContent('.rl-view-title');
      await page.evaluate(() => window.rlUpdate());
      await page.waitForTimeout(100);
      const after = await page.textContent('.rl-view-title');
      const canvases = await page.evaluate(() => document.querySelectorAll('canvas').length);
      check(
        `${view}: update() redraws in place (${before.trim()} → ${after.trim()}, ${canvases} canvases)`,
        !errors.length && (before !== after || view === 'sweep'),
      );
    }
    await page.close();
  } finally {
    await browser2.close();
    await server2.close();
  }
}
