// End-to-end tests of Reward Lens in a real VS Code (code-server), driven by headless Debian Chromium.
// Offline and sandboxed: a temp folder holds the user data, extensions, workspace (a copy of samples/) and XDG dirs;
// code-server runs in its own process group and is torn down in `finally`.
//
//   node test/e2e/run.mjs [scenario ...]     e.g. `node test/e2e/run.mjs xss keyboard`; default: all of them
// Env: OUT_DIR (default .e2e-out: screenshots/, code-server.log, vscode-logs/, report.json), E2E_TOOLS,
//      CHROMIUM, KEEP_SANDBOX=1 (keep the temp folder), UPDATE_SCREENSHOTS=1 (copy theme shots to docs/screenshots),
//      E2E_NO_BUILD=1 (use dist/ as it is), E2E_CHECK_TIMEOUT_MS (one check, default 240000; a hung check is failed
//      and the workbench reloaded in a fresh page), E2E_TIMEOUT_MS (the whole run, default 45 min).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertToolsInstalled } from './lib/tools.mjs';
import { makeSandbox, linkExtension } from './lib/sandbox.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser, newPage } from './lib/browser.mjs';
import { openWorkbench, openInRewardLens, webviewFrame, runCommand } from './lib/workbench.mjs';
import { startMemorySampler, childPids } from './lib/memory.mjs';
import { createChecks } from './lib/checks.mjs';

const VIEW_TYPE = 'rewardLens.preferenceEditor';
const OUT = path.resolve(process.env.OUT_DIR || path.join(ROOT, '.e2e-out'));
const T0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s]`, ...a);

const scenarioDir = path.join(ROOT, 'test', 'e2e', 'scenarios');
const wanted = process.argv.slice(2);
const scenarios = [];
for (const f of fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = (await import(pathToFileURL(path.join(scenarioDir, f)))).default;
  if (!wanted.length || wanted.some((w) => f.includes(w) || mod.name.includes(w))) scenarios.push(mod);
}
if (!scenarios.length) { console.error(`no scenario matches ${wanted.join(' ')}`); process.exit(2); }

assertToolsInstalled();
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

if (!process.env.E2E_NO_BUILD) {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) { console.error(b.stdout, b.stderr); process.exit(1); }
}

const sandbox = makeSandbox();
const timings = {};
const consoleErrors = [];
let server;
let browser;
let page;
const memory = startMemorySampler(() => ({ codeServer: server?.pid, chromium: browser && childPids([server?.pid])[0] }));

/** A fresh page on the workbench; after a hang the old page is closed without waiting (its renderer may not answer). */
async function freshPage() {
  const old = page;
  page = await newPage(browser);
  if (old) {
    page.dialogs.push(...old.dialogs);
    consoleErrors.push(...old.consoleErrors);
    old.close({ runBeforeUnload: false }).catch(() => {});
  }
  await openWorkbench(page, server.folderUrl());
}
const { check, shot, results } = createChecks({
  out: OUT, page: () => page, log,
  onHang: async () => { log('a check hung: reloading the workbench in a fresh page'); await freshPage(); },
});

let finished = false;
/** Stops everything code-server started (its own process group), writes the report, exits 0 only if all passed. */
async function finish(abortReason) {
  if (finished) return;
  finished = true;
  if (abortReason) {
    log(`ABORTED: ${abortReason}`);
    results.push({ name: 'harness', ok: false, err: String(abortReason) });
    if (page) await shot('aborted');
  }
  if (page) fs.writeFileSync(path.join(OUT, 'browser-console-errors.txt'), [...consoleErrors, ...page.consoleErrors].join('\n'));
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
  const peakMiB = memory.stop();
  try { fs.cpSync(path.join(sandbox.userData, 'logs'), path.join(OUT, 'vscode-logs'), { recursive: true }); } catch { /* no logs */ }
  if (process.env.KEEP_SANDBOX) log(`sandbox kept: ${sandbox.root}`); else sandbox.remove();
  timings.totalMs = Date.now() - T0;
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  fs.writeFileSync(path.join(OUT, 'report.json'), JSON.stringify({ results, timings, peakMiB }, null, 2));
  console.log('timings (ms):', JSON.stringify(timings));
  console.log('peak RSS (MiB):', JSON.stringify(peakMiB));
  for (const r of results.filter((r) => !r.ok)) console.log(`  failed: ${r.name}`);
  console.log(`screenshots and logs: ${OUT}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
// Ctrl+C, a CI timeout, or the whole run taking too long: still tear down and report.
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => finish(`${sig} received`));
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 45 * 60_000);
setTimeout(() => finish(`the run took longer than ${RUN_TIMEOUT_MS / 60_000} min (E2E_TIMEOUT_MS)`), RUN_TIMEOUT_MS).unref();

try {
  const ext = linkExtension(sandbox, ROOT);
  fs.cpSync(path.join(ROOT, 'samples'), sandbox.workspace, { recursive: true });
  log(`sandbox ${sandbox.root}; extension ${ext.id} (${ext.viewTypes.join(', ') || 'no custom editors yet'})`);

  server = await startCodeServer({ sandbox, folder: sandbox.workspace, logFile: path.join(OUT, 'code-server.log') });
  timings.codeServerUpMs = server.startMs;
  log(`code-server on ${server.base} (pid ${server.pid}) after ${server.startMs} ms`);
  browser = await launchBrowser(sandbox.env);

  const ok = await check('workbench loads with the samples folder', async () => {
    const t0 = Date.now();
    await freshPage();
    timings.workbenchMs = Date.now() - t0;
  });
  if (!ok) throw new Error('the workbench did not load; no scenario can run');

  // What a scenario gets. Getters and closures read `page` when called: it is replaced after a hang.
  const t = {
    get page() { return page; },
    sandbox, out: OUT, root: ROOT, log, check, shot, timings,
    ws: (rel) => path.join(sandbox.workspace, rel),
    open: (rel, opts) => {
      if (!ext.viewTypes.includes(VIEW_TYPE)) throw new Error(`package.json contributes no custom editor ${VIEW_TYPE} (contributes.customEditors)`);
      return openInRewardLens(page, rel, { log, ...opts });
    },
    frame: () => webviewFrame(page),
    command: (title, opts) => runCommand(page, title, opts),
  };
  for (const s of scenarios) {
    log(`-- ${s.name}`);
    const ts = Date.now();
    try { await s.run(t); } catch (e) { await check(`${s.name} (scenario crashed)`, () => { throw e; }); }
    timings[`scenario:${s.name}`] = Date.now() - ts;
  }
  await finish();
} catch (e) {
  await finish(e?.stack ?? e);
}
