// Evidence for a failed check, in .e2e-out/failures/<nn>-<check>/: what a reader needs to tell a product bug from a
// test bug without rerunning — the page, the webview's text, the protocol messages both ways, the extension host's
// logs, the notifications on screen and what the check was waiting for.
import fs from 'node:fs';
import path from 'node:path';
import { webviewFrame } from './workbench.mjs';

const TAIL_LINES = 400;

function tail(file, lines = TAIL_LINES) {
  const text = fs.readFileSync(file, 'utf8').split('\n');
  return text.slice(-lines).join('\n');
}

/** Every file under `dir` whose path matches `re`. */
function findFiles(dir, re, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}

/** Runs `fn` but never for longer than `ms` and never throws: evidence gathering must not hang on a hung page. */
async function within(ms, fn, fallback) {
  let timer;
  try {
    return await Promise.race([
      fn(),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(fallback), ms);
      }),
    ]);
  } catch (e) {
    return `${fallback ?? ''}(could not read: ${e.message.split('\n')[0]})`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes the evidence of one failed check into `dir` and returns `dir`.
 * `logsDir`: VS Code's logs folder (user data), where the extension host log and the Reward Lens channel are.
 */
export async function collectEvidence({ dir, page, logsDir, name, err, waiting }) {
  fs.mkdirSync(dir, { recursive: true });
  const write = (f, s) => fs.writeFileSync(path.join(dir, f), s ?? '');
  write(
    'waiting.txt',
    [
      `check: ${name}`,
      `error: ${err}`,
      `waiting for: ${waiting ? `${waiting.what} (for ${(waiting.forMs / 1000).toFixed(1)} s)` : '(no wait recorded; see the error)'}`,
      `at: ${new Date().toISOString()}`,
      '',
    ].join('\n'),
  );
  if (page && !page.isClosed()) {
    await within(15_000, () => page.screenshot({ path: path.join(dir, 'page.png') }));
    const frame = await within(5000, () => webviewFrame(page));
    const text =
      frame && typeof frame === 'object'
        ? await within(5000, () => frame.evaluate(() => document.body.innerText), '(webview did not answer)')
        : '(no visible webview)';
    write('webview-text.txt', String(text).slice(0, 50_000));
    const trace =
      frame && typeof frame === 'object'
        ? await within(5000, () => frame.evaluate(() => globalThis.rewardLensProtocolTrace?.() ?? null), null)
        : null;
    write(
      'protocol.txt',
      Array.isArray(trace)
        ? [
            '# the newest last; body.type is a MessageType of src/protocol.ts (0 = its first member)',
            ...trace.map((e) => `${e.at} ${e.dir.padEnd(9)} ${e.text}`),
          ].join('\n')
        : `(no protocol trace: ${trace ?? 'no visible Reward Lens webview'})`,
    );
    const notes = await within(
      5000,
      () => page.locator('.notifications-toasts .notification-list-item, .notification-list-item').allInnerTexts(),
      [],
    );
    const dialog = await within(3000, () => page.locator('.monaco-dialog-box').allInnerTexts(), []);
    const quick = await within(3000, () => page.locator('.quick-input-widget:visible').allInnerTexts(), []);
    write(
      'workbench.txt',
      [
        `notifications: ${JSON.stringify(notes)}`,
        `modal dialog: ${JSON.stringify(dialog)}`,
        `quick input: ${JSON.stringify(quick)}`,
        `dialogs seen by the page: ${JSON.stringify(page.dialogs ?? [])}`,
        '',
      ].join('\n'),
    );
  } else {
    write('workbench.txt', '(the page was closed)\n');
  }
  // exthost.log: the extension host's own log; "Reward Lens" is the extension's output channel.
  for (const f of findFiles(logsDir, /(exthost\d*\.log|Reward Lens[^/]*\.log|remoteexthost\.log)$/)) {
    write(`log-${path.basename(f).replace(/[^\w.-]+/g, '_')}`, tail(f));
  }
  return dir;
}
