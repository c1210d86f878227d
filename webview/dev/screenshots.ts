// Screenshots of the webview app on the dev page (mock host, real core reading the samples), in light and dark.
//   node --import tsx webview/dev/screenshots.ts [outdir]     (default: test-output/editor-screenshots)
// Uses playwright-core from the e2e tools folder and Debian's Chromium, headless.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadChromium, type Page } from './chromium';
import { startDevServer } from './server';

const ROOT = path.resolve(__dirname, '../..');
const OMNI = process.env.OMNI ?? 'samples/omni-rewardbench/omni-sample.jsonl';

interface Shot {
  name: string;
  query: string;
  /** Runs in the page before the screenshot (e.g. press keys); the page is ready when #app[data-ready]. */
  then?: (page: Page) => Promise<void>;
}

async function firstOfEachTask(url: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}data?file=${encodeURIComponent(OMNI)}`);
  const data = (await res.json()) as { records: { kind: string; task?: string; index: number }[] };
  const out: Record<string, number> = {};
  for (const r of data.records) if (r.kind === 'pair' && r.task && out[r.task] === undefined) out[r.task] = r.index;
  return out;
}

async function main(): Promise<void> {
  const outdir = path.resolve(process.argv[2] ?? path.join(ROOT, 'test-output/editor-screenshots'));
  fs.mkdirSync(outdir, { recursive: true });
  const chromium = loadChromium();
  const server = await startDevServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const tasks = await firstOfEachTask(server.url);
    const only = process.env.SHOTS ? new RegExp(process.env.SHOTS) : undefined;
    const shots: Shot[] = [];
    for (const theme of ['dark', 'light']) {
      shots.push({ name: `list-${theme}`, query: `file=${OMNI}&run=1&theme=${theme}` });
      for (const [task, index] of Object.entries(tasks)) {
        shots.push({
          name: `pair-${task}-${theme}`,
          query: `file=${OMNI}&run=1&theme=${theme}&select=${index}&mode=pair`,
        });
      }
      shots.push({ name: `errors-${theme}`, query: `file=samples/edge/malformed.jsonl&theme=${theme}` });
      shots.push({ name: `xss-${theme}`, query: `file=samples/edge/xss.jsonl&theme=${theme}&select=1&mode=pair` });
      shots.push({
        name: `long-text-${theme}`,
        query: `file=samples/edge/long-text.jsonl&theme=${theme}&select=0&mode=pair`,
      });
      shots.push({
        name: `missing-media-${theme}`,
        query: `file=samples/edge/missing-media.jsonl&theme=${theme}&select=0&mode=pair`,
      });
    }
    shots.push({ name: 'list-hc', query: `file=${OMNI}&run=1&theme=hc` });
    // Filters through the same events a user's typing and picking fire.
    shots.push({
      name: 'search-light',
      query: `file=${OMNI}&run=1&theme=light`,
      then: (page) =>
        page.evaluate(
          `(() => { const f = document.querySelector('[data-testid="search"]'); f.value = 'furniture'; f.dispatchEvent(new Event('change')); })()`,
        ),
    });
    shots.push({
      name: 'task-filter-dark',
      query: `file=${OMNI}&run=1&theme=dark`,
      then: (page) =>
        page.evaluate(
          `(() => { const s = document.querySelector('[data-testid="task-filter"]'); s.value = 'T2A'; s.dispatchEvent(new Event('change')); })()`,
        ),
    });
    shots.push({ name: 'indexing-dark', query: `file=${OMNI}&records=740000&indexMs=60000&theme=dark` });
    for (const shot of shots) {
      if (only && !only.test(shot.name)) continue;
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${server.url}?${shot.query}`);
      await page.waitForSelector('#app[data-ready="true"]', { timeout: 15000 });
      if (shot.query.includes('mode=pair'))
        await page.waitForSelector('[data-testid="response-a"]', { timeout: 15000 });
      await shot.then?.(page);
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(outdir, `${shot.name}.png`) });
      const nodes = await page.evaluate(() => document.querySelectorAll('*').length);
      console.log(
        `${shot.name}.png  (${nodes} DOM nodes)${problems.length ? `\n  console: ${problems.join('\n  console: ')}` : ''}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
