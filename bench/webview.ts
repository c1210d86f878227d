// The editor's webview over the 1 GB JSONL (bench/index.ts generates it into .bench/): time from opening to
// the first rendered row, to the complete index, and the DOM node count while scrolling to the end, beside the
// same figures for the 44-record sample. The real core and EditorSession run in the dev server, the real
// webview app in headless Chromium. Prints figures; never fails on time.
//   node --import tsx bench/webview.ts [FILE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadChromium, type Page } from '../webview/dev/chromium';
import { startDevServer } from '../webview/dev/server';

const ROOT = path.resolve(__dirname, '..');

async function measure(page: Page, url: string, label: string): Promise<void> {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 600_000 });
  const firstRow = Date.now() - t0;
  const early = await page.evaluate(() => ({
    rows: Number(document.querySelector('[data-testid="record-count"]')?.textContent ?? 0),
    indexing: !document.querySelector<HTMLElement>('[data-testid="index-progress"]')?.hidden,
  }));
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { timeout: 600_000, state: 'attached' });
  const indexed = Date.now() - t0;
  const total = await page.evaluate(() => document.querySelectorAll('*').length);
  console.log(`${label}`);
  console.log(
    `  first rendered row      ${firstRow} ms  (index still building: ${early.indexing}; ${early.rows.toLocaleString()} records counted then)`,
  );
  console.log(`  index complete          ${indexed} ms`);
  const counts: number[] = [];
  const steps = 10;
  for (let k = 0; k <= steps; k++) {
    await page.evaluate(
      `(() => { const l = document.querySelector('[data-testid="pair-list"]'); l.scrollTop = ${k / steps} * (l.scrollHeight - l.clientHeight); })()`,
    );
    await page.waitForTimeout(400);
    counts.push(await page.evaluate(() => document.querySelectorAll('*').length));
  }
  const t1 = Date.now();
  await page.waitForSelector('.pair-row[data-index]', { timeout: 60_000, state: 'attached' });
  const last = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.pair-row[data-index]')].map((r) =>
      Number(r.dataset.index),
    );
    return Math.max(...rows);
  });
  const records = await page.evaluate(() =>
    Number(document.querySelector('[data-testid="record-count"]')?.textContent ?? 0),
  );
  console.log(
    `  DOM nodes before scroll ${total}; while scrolling to the end: ${counts.join(', ')} (min ${Math.min(...counts)}, max ${Math.max(...counts)})`,
  );
  console.log(
    `  last row rendered       #${last + 1} of ${records.toLocaleString()} (${Date.now() - t1} ms after the last scroll step)`,
  );
}

async function main(): Promise<void> {
  const big = process.argv[2] ?? path.join('.bench', 'omni-1gb.jsonl');
  if (!fs.existsSync(path.resolve(ROOT, big))) {
    console.error(`${big} is missing: run \`npm run bench:index\` (it generates the 1 GB file) or pass a file`);
    process.exit(2);
  }
  const server = await startDevServer();
  const browser = await loadChromium().launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const size = fs.statSync(path.resolve(ROOT, big)).size;
    await measure(
      page,
      `${server.url}?remote=samples/omni-rewardbench/omni-sample.jsonl`,
      'omni-sample.jsonl (44 records)',
    );
    await measure(
      page,
      `${server.url}?remote=${encodeURIComponent(big)}`,
      `${path.basename(big)} (${(size / 1e9).toFixed(2)} GB)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
