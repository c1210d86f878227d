// Screenshots of the analysis views on the demo page, in dark, light and high contrast (1280×800), with
// Debian's Chromium driven by playwright-core from the e2e tools folder. Also checks the callbacks fire,
// a live theme switch redraws, and times the scatter on ~150K pairs.
//   node webview/analysis/dev/screenshots.mjs [outdir]     (default: test-output/analysis-screenshots)
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

const outdir = path.resolve(process.argv[2] ?? path.join(root, 'test-output/analysis-screenshots'));
fs.mkdirSync(outdir, { recursive: true });
const only = process.env.SHOTS ? new RegExp(process.env.SHOTS) : undefined;

const dir = await build();
const server = await serve({ '/': dir });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
let failures = 0;
try {
  const shots = [];
  for (const theme of ['dark', 'light', 'hc']) {
    for (const view of ['dashboard', 'comparison', 'sweep', 'sweep-blind']) shots.push({ name: `${view}-${theme}`, query: `view=${view}&theme=${theme}` });
  }
  shots.push({ name: 'dashboard-fixed-eps-dark', query: 'view=dashboard&theme=dark', then: async (page) => {
    await page.fill('.rl-epsilon-number', '0.6');
    await page.press('.rl-epsilon-number', 'Enter');
    await page.locator('.rl-epsilon-number').blur();
  } });
  shots.push({ name: 'dashboard-theme-switch', query: 'view=dashboard&theme=dark', then: async (page) => { await page.evaluate(() => window.rlTheme('light')); } });
  shots.push({ name: 'comparison-large-dark', query: 'view=comparison&theme=dark&scale=40', timeout: 120000 });
  for (const shot of shots) {
    if (only && !only.test(shot.name)) continue;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: shot.timeout ?? 30000 });
    if ((await page.getAttribute('body', 'data-ready')) !== 'true') problems.push(await page.textContent('body'));
    await shot.then?.(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outdir, `${shot.name}.png`) });
    const timings = await page.evaluate(() => window.rlTimings);
    const t = Object.entries(timings ?? {}).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ');
    console.log(`${shot.name}.png  ${t}${problems.length ? `\n  PROBLEM: ${problems.join('\n  PROBLEM: ')}` : ''}`);
    if (problems.length) failures++;
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failures) process.exitCode = 1;
