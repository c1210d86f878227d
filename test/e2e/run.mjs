// End-to-end tests of Reward Lens in a real VS Code (code-server), driven by headless Debian Chromium.
// Offline and sandboxed: a temp folder holds the user data, extensions, workspace (a copy of samples/) and XDG dirs;
// code-server runs in its own process group and is torn down in `finally`.
//
//   node test/e2e/run.mjs [--repeat N] [--load] [scenario ...]
//     e.g. `node test/e2e/run.mjs xss keyboard`; default: all of them, once.
//     --repeat N   runs the chosen scenarios N times in one workbench and reports each check's pass rate.
//     --load       keeps one core busy for the whole run (a spinning child process), to surface timing assumptions.
// Every scenario starts from the known state of lib/knownState.mjs, so one scenario's failure never fails the next.
// A failed check leaves its evidence in <OUT_DIR>/failures/ (lib/evidence.mjs).
// Env: OUT_DIR (default .e2e-out: screenshots/, code-server.log, vscode-logs/, report.json), E2E_TOOLS,
//      CHROMIUM, KEEP_SANDBOX=1 (keep the temp folder), UPDATE_SCREENSHOTS=1 (copy theme shots to docs/screenshots),
//      E2E_NO_BUILD=1 (use dist/ as it is), E2E_CHECK_TIMEOUT_MS (one check, default 240000; a hung check is failed
//      and the workbench reloaded in a fresh page), E2E_TIMEOUT_MS (the whole run, default 45 min).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, assertToolsInstalled } from './lib/tools.mjs';
import { makeSandbox, linkExtension } from './lib/sandbox.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { launchBrowser, newPage } from './lib/browser.mjs';
import { openWorkbench, openInRewardLens, webviewFrame, runCommand } from './lib/workbench.mjs';
import { startMemorySampler, childPids } from './lib/memory.mjs';
import { createChecks, passRates } from './lib/checks.mjs';
import { knownState } from './lib/knownState.mjs';

const VIEW_TYPE = 'rewardLens.preferenceEditor';
const OUT = path.resolve(process.env.OUT_DIR || path.join(ROOT, '.e2e-out'));
const T0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s]`, ...a);

const scenarioDir = path.join(ROOT, 'test', 'e2e', 'scenarios');
/** `--repeat N`, `--load` and scenario names, in any order. */
function parseArgs(argv) {
  const o = { repeat: 1, load: false, wanted: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--load') o.load = true;
    else if (a === '--repeat' || a.startsWith('--repeat=')) {
      const v = a.includes('=') ? a.split('=')[1] : argv[++i];
      o.repeat = Number(v);
      if (!Number.isInteger(o.repeat) || o.repeat < 1) {
        console.error(`--repeat wants a whole number ≥ 1, got ${v}`);
        process.exit(2);
      }
    } else if (a.startsWith('--')) {
      console.error(`unknown option ${a}; options: --repeat N, --load`);
      process.exit(2);
    } else o.wanted.push(a);
  }
  return o;
}
const { repeat: REPEAT, load: LOAD, wanted } = parseArgs(process.argv.slice(2));
const scenarios = [];
for (const f of fs
  .readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const mod = (await import(pathToFileURL(path.join(scenarioDir, f)))).default;
  if (!wanted.length || wanted.some((w) => f.includes(w) || mod.name.includes(w))) scenarios.push(mod);
}
if (!scenarios.length) {
  console.error(`no scenario matches ${wanted.join(' ')}`);
  process.exit(2);
}

assertToolsInstalled();
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

if (!process.env.E2E_NO_BUILD) {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) {
    console.error(b.stdout, b.stderr);
    process.exit(1);
  }
}

const sandbox = makeSandbox();
const timings = {};
const consoleErrors = [];
let server;
let browser;
let page;
let round = 1;
let spinner;
const memory = startMemorySampler(() => ({
  codeServer: server?.pid,
  chromium: browser && childPids([server?.pid])[0],
}));

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
  out: OUT,
  page: () => page,
  log,
  logsDir: path.join(sandbox.userData, 'logs'),
  round: () => round,
  onHang: async () => {
    log('a check hung: reloading the workbench in a fresh page');
    await freshPage();
  },
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
  if (page)
    fs.writeFileSync(
      path.join(OUT, 'browser-console-errors.txt'),
      [...consoleErrors, ...page.consoleErrors].join('\n'),
    );
  spinner?.kill('SIGKILL');
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
  const peakMiB = memory.stop();
  try {
    fs.cpSync(path.join(sandbox.userData, 'logs'), path.join(OUT, 'vscode-logs'), { recursive: true });
  } catch {
    /* no logs */
  }
  if (process.env.KEEP_SANDBOX) log(`sandbox kept: ${sandbox.root}`);
  else sandbox.remove();
  timings.totalMs = Date.now() - T0;
  const passed = results.filter((r) => r.ok).length;
  const known = results.filter((r) => !r.ok && r.knownDefect);
  const failed = results.length - passed - known.length;
  const rates = passRates(results);
  fs.writeFileSync(
    path.join(OUT, 'report.json'),
    JSON.stringify({ repeat: REPEAT, load: LOAD, results, rates, timings, peakMiB }, null, 2),
  );
  console.log('timings (ms):', JSON.stringify(timings));
  console.log('peak RSS (MiB):', JSON.stringify(peakMiB));
  if (REPEAT > 1) {
    console.log(`pass rate of each check over ${REPEAT} rounds${LOAD ? ' (one core kept busy)' : ''}:`);
    for (const r of rates) console.log(`  ${r.passed === r.runs ? '   ' : '!! '}${r.passed}/${r.runs}  ${r.name}`);
  }
  for (const r of known) console.log(`  known defect, not counted (${r.knownDefect}): ${r.name}`);
  for (const r of results.filter((r) => !r.ok && !r.knownDefect)) {
    console.log(
      `  failed${REPEAT > 1 ? ` (round ${r.round})` : ''}: ${r.name}${r.evidence ? `\n    evidence: ${path.relative(process.cwd(), r.evidence) || r.evidence}` : ''}`,
    );
  }
  console.log(`screenshots and logs: ${OUT}`);
  console.log(
    `${passed} passed, ${failed} failed${known.length ? `, ${known.length} known defect(s)` : ''}${LOAD ? ' (one core kept busy)' : ''}`,
  );
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
// Ctrl+C, a CI timeout, or the whole run taking too long: still tear down and report.
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => finish(`${sig} received`));
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || REPEAT * 45 * 60_000);
setTimeout(
  () => finish(`the run took longer than ${RUN_TIMEOUT_MS / 60_000} min (E2E_TIMEOUT_MS)`),
  RUN_TIMEOUT_MS,
).unref();

try {
  if (LOAD) {
    // one core busy for the whole run: a second process spinning, as a loaded CI machine would have
    spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    log(`load: one core kept busy by pid ${spinner.pid}`);
  }
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
    get page() {
      return page;
    },
    sandbox,
    out: OUT,
    root: ROOT,
    log,
    check,
    shot,
    timings,
    ws: (rel) => path.join(sandbox.workspace, rel),
    open: (rel, opts) => {
      if (!ext.viewTypes.includes(VIEW_TYPE))
        throw new Error(`package.json contributes no custom editor ${VIEW_TYPE} (contributes.customEditors)`);
      return openInRewardLens(page, rel, { log, ...opts });
    },
    frame: () => webviewFrame(page),
    command: (title, opts) => runCommand(page, title, opts),
  };
  for (round = 1; round <= REPEAT; round++) {
    for (const s of scenarios) {
      log(`-- ${s.name}${REPEAT > 1 ? ` (round ${round} of ${REPEAT})` : ''}`);
      const ts = Date.now();
      // a failed reset is a failed check of its own, and the scenario still runs: its checks then say what broke
      await check(
        `${s.name}: starts from the known state`,
        async () => {
          if (page.isClosed()) await freshPage();
          await knownState(t, { settings: s.settings });
        },
        { timeoutMs: 120_000 },
      );
      try {
        await s.run(t);
      } catch (e) {
        await check(`${s.name} (scenario crashed)`, () => {
          throw e;
        });
      }
      const key = `scenario:${s.name}`;
      timings[key] = Math.max(timings[key] ?? 0, Date.now() - ts);
    }
  }
  await finish();
} catch (e) {
  await finish(e?.stack ?? e);
}
