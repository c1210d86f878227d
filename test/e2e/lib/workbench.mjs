// Driving the VS Code workbench the way a user does: command palette, Quick Open, "Reopen Editor With…",
// and reaching into the active custom editor's webview (iframe.webview.ready >> #active-frame).
import path from 'node:path';
import { waitingFor } from './waits.mjs';

export const VIEW_TYPE_LABEL = 'Reward Lens';
const quickInput = (page) => page.locator('.quick-input-widget .quick-input-box input');
const quickRows = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Loads the workbench with `folder` open and waits for the explorer to show it. */
export async function openWorkbench(page, url, { timeoutMs = 90_000 } = {}) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view').waitFor({ timeout: timeoutMs });
}

/** Opens the quick input with `key` (F1 = commands, Control+P = files); retries when focus sat in a webview. */
async function openQuickInput(page, key) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(key);
    try {
      await quickInput(page).waitFor({ state: 'visible', timeout: 4000 });
      return;
    } catch {
      /* focus was elsewhere */
    }
    await page.keyboard.press('Escape');
    // give focus back to the workbench: the status bar is inert to a plain click on its empty middle
    await page
      .locator('.part.statusbar')
      .click({ position: { x: 640, y: 5 } })
      .catch(() => {});
  }
  throw new Error(`the quick input did not open with ${key}`);
}

/** Raised when the quick input went away before our Enter: nothing was picked, so the caller may start over. */
class QuickInputClosed extends Error {}

/** Whether the quick-input widget is on screen, and whether it holds the keyboard focus. */
const quickState = (page) =>
  page.evaluate(() => {
    const w = document.querySelector('.quick-input-widget');
    const visible = !!w && w.getClientRects().length > 0 && getComputedStyle(w).display !== 'none';
    return { visible, focused: visible && !!document.activeElement?.closest('.quick-input-widget') };
  });

/**
 * Picks the quick-input row whose label matches `label` (a RegExp or the start of the text) with the keyboard:
 * arrow keys to it, then Enter. (Clicks proved flaky: the list re-renders while it filters.)
 * A key goes out only while the widget is visible and focused: a quick input hides when it loses focus (a
 * webview taking focus does that), its rows stay in the DOM, and an Enter then lands in the webview instead.
 * Throws QuickInputClosed when the widget, once it listed our row, went away before the Enter, at once when `failIfClosed`
 * and it is not up at all (a command's own pick may open a moment after the palette closes, so only the
 * palette's pick sets it); otherwise fails listing the rows it saw.
 */
async function pickRow(page, label, timeoutMs = 15_000, { failIfClosed = false } = {}) {
  const match = typeof label === 'string' ? new RegExp(`^\\s*${escapeRe(label)}`) : label;
  waitingFor(`a quick-input row matching ${match}`);
  const t0 = Date.now();
  let seen = [];
  let seenVisible = false;
  while (Date.now() - t0 < timeoutMs) {
    const { visible, focused: hasFocus } = await quickState(page);
    if (!visible && (seenVisible || failIfClosed))
      throw new QuickInputClosed(`the quick input closed before a row matching ${match} could be picked`);
    const rows = visible
      ? await quickRows(page).evaluateAll((rs) =>
          rs.map((r) => ({
            label: r.getAttribute('aria-label') || r.textContent || '',
            index: Number(r.getAttribute('data-index')),
            focused: r.classList.contains('focused'),
          })),
        )
      : [];
    seen = rows.map((r) => r.label);
    const target = rows.find((r) => match.test(r.label));
    const focused = rows.find((r) => r.focused);
    // "seen" only once our row is listed: the palette's own rows linger a moment after it ran a command
    seenVisible ||= !!target;
    if (hasFocus && target && focused) {
      if (target.index === focused.index) {
        await page.keyboard.press('Enter');
        return;
      }
      await page.keyboard.press(target.index > focused.index ? 'ArrowDown' : 'ArrowUp');
      continue;
    }
    await sleep(150);
  }
  await page.keyboard.press('Escape');
  throw new Error(
    `no quick-input row matching ${match} (rows: ${seen.map((s) => JSON.stringify(s.slice(0, 80))).join(', ') || 'none'})`,
  );
}

/**
 * Types `text` into a fresh quick input opened with `key` and picks the row matching `label`, retrying from the
 * start when the widget closes under us before the pick: a quick input hides when it loses focus, and a webview
 * that takes focus as it finishes loading (an editor just opened, a 3D canvas starting) does that. Nothing has run
 * before the pick's Enter, so a retry is safe.
 */
async function typeAndPick(page, key, text, label, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      await openQuickInput(page, key);
      await quickInput(page).fill(text, { timeout: 5000 });
      await pickRow(page, label, 15_000, { failIfClosed: true });
      return;
    } catch (e) {
      if (attempt >= attempts) throw e;
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
}

/**
 * Runs a command by its palette title, e.g. "View: Close All Editors"; `pick` chooses in the list it opens, after
 * typing `filter` into it (a text `pick` is its own filter). When the command's own list closes before the pick
 * (focus taken away), the command saw a cancel and did nothing: it is run again, up to three times in all.
 */
export async function runCommand(page, title, { pick, filter, pickTimeoutMs, attempts = 3 } = {}) {
  filter ??= typeof pick === 'string' ? pick : undefined;
  for (let attempt = 1; ; attempt++) {
    await typeAndPick(page, 'F1', `>${title}`, title);
    if (!pick) return;
    try {
      if (filter) await quickInput(page).fill(filter, { timeout: 10_000 });
      await pickRow(page, pick, pickTimeoutMs);
      return;
    } catch (e) {
      if (!(e instanceof QuickInputClosed) || attempt >= attempts) throw e;
    }
  }
}

/**
 * Switches the colour theme through its picker, as a user does (e.g. 'Light Modern'), and waits for the repaint.
 * Right after start-up the picker lists no themes yet (their extensions are still being scanned): retry until it does.
 */
export async function setColorTheme(page, label, workbenchClass, timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    try {
      // filter to the theme first: arrowing through the list previews (repaints) every theme on the way
      await runCommand(page, 'Preferences: Color Theme', {
        filter: label,
        pick: new RegExp(`^${label}\\b`),
        pickTimeoutMs: 10_000,
      });
      break;
    } catch (e) {
      if (Date.now() - t0 > timeoutMs) throw e;
      await sleep(1000);
    }
  }
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
}

/** Quick Open (Ctrl+P) a workspace-relative path; opens it with the editor VS Code picks for it. */
export async function quickOpen(page, relPath) {
  const base = path.basename(relPath);
  // rows read "<name>, <folder>" in their aria-label; the right one has our name and our folder
  const dir = path.dirname(relPath);
  await typeAndPick(
    page,
    'Control+P',
    relPath,
    new RegExp(`^${escapeRe(base)}\\b.*${dir === '.' ? '' : escapeRe(dir.split('/').pop())}`),
  );
}

/** The frame locator of the visible custom-editor webview's content. */
export function webview(page) {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/** The Frame object of the visible webview's content, for evaluate(); undefined when none is shown. */
export async function webviewFrame(page) {
  const outer = await page
    .locator('iframe.webview.ready >> visible=true')
    .first()
    .elementHandle({ timeout: 2000 })
    .catch(() => null);
  const outerFrame = await outer?.contentFrame();
  const inner = await outerFrame
    ?.locator('#active-frame')
    .elementHandle({ timeout: 2000 })
    .catch(() => null);
  return (await inner?.contentFrame()) ?? undefined;
}

/** Which editor VS Code chose for the file just opened: 'text' (Monaco), 'webview' (a custom editor) or 'none' yet. */
async function openedAs(page, timeoutMs = 10_000) {
  const text = page.locator('.editor-group-container.active .editor-instance .monaco-editor');
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await text.isVisible().catch(() => false)) return 'text';
    if (await page.locator('iframe.webview >> visible=true').count()) return 'webview';
    await sleep(100);
  }
  return 'none';
}

const activeTabTitle = (page) =>
  page
    .locator('.editor-group-container.active .tab.active')
    .first()
    .getAttribute('aria-label')
    .catch(() => '');

/**
 * Opens `relPath` in the Reward Lens custom editor and waits for its first page of rows (#app[data-ready="true"]).
 * Quick Open first (it may already pick Reward Lens through editorAssociations), then "Reopen Editor With… → Reward Lens".
 * Retries the whole dance (the first open after start-up can race the extension's activation), except when
 * "Reopen Editor With…" does not offer Reward Lens at all.
 */
export async function openInRewardLens(page, relPath, { attempts = 3, readyTimeoutMs = 60_000, log = () => {} } = {}) {
  const errors = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let stage = 'close editors';
    const at = (s) => {
      stage = s;
      waitingFor(`opening ${relPath} in ${VIEW_TYPE_LABEL} (attempt ${attempt}): ${s}`);
    };
    try {
      at(stage);
      await runCommand(page, 'View: Close All Editors');
      at('quick open');
      await quickOpen(page, relPath);
      const tab = page.locator('.editor-group-container.active .tab.active', { hasText: path.basename(relPath) });
      await tab.waitFor({ timeout: 15_000 });
      if ((await openedAs(page)) === 'text') {
        at('reopen with');
        await runCommand(page, 'View: Reopen Editor With', { pick: new RegExp(`^${VIEW_TYPE_LABEL}`) });
      }
      at('webview iframe');
      await webview(page).locator('#app').waitFor({ state: 'attached', timeout: 20_000 });
      at('#app[data-ready="true"]');
      await webview(page).locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: readyTimeoutMs });
      if (errors.length) log(`opened ${relPath} after ${errors.length} failed attempt(s):\n  ${errors.join('\n  ')}`);
      return webview(page);
    } catch (e) {
      errors.push(
        `attempt ${attempt}, at ${stage} (active tab: ${await activeTabTitle(page)}): ${e.message.split('\n')[0]}`,
      );
      await page.keyboard.press('Escape').catch(() => {});
      if (page.isClosed() || (stage === 'reopen with' && /no quick-input row/.test(e.message))) break;
    }
  }
  throw new Error(`could not open ${relPath} in the ${VIEW_TYPE_LABEL} editor:\n  ${errors.join('\n  ')}`);
}

/** Polls `fn(element)` in the element's frame until it returns truthy; returns that value or throws with the last one. */
export async function waitForElement(locator, fn, { timeoutMs = 20_000, what = 'condition' } = {}) {
  waitingFor(what);
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    last = await locator.evaluate(fn).catch((e) => `error: ${e.message.split('\n')[0]}`);
    if (last && !(typeof last === 'string' && last.startsWith('error:'))) return last;
    await sleep(250);
  }
  throw new Error(`${what} not met within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)})`);
}

/**
 * Opens `relPath` in Reward Lens beside the editors already open (openInRewardLens closes them first): Quick Open,
 * then "Reopen Editor With… → Reward Lens" when it came up as text. Returns the visible webview.
 */
export async function openAlsoInRewardLens(page, relPath) {
  await quickOpen(page, relPath);
  await page
    .locator('.editor-group-container.active .tab.active', { hasText: path.basename(relPath) })
    .waitFor({ timeout: 15_000 });
  if ((await openedAs(page)) === 'text')
    await runCommand(page, 'View: Reopen Editor With', { pick: new RegExp(`^${VIEW_TYPE_LABEL}`) });
  await webview(page).locator('#app[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  return webview(page);
}

/**
 * Reloads the browser tab, as a user pressing F5 does; a "leave site?" prompt (VS Code's veto while a change has no
 * backup yet) is accepted, as the user would to get the reload, and returned so a test can say it was there.
 */
export async function reloadBrowser(page) {
  const saved = page.listeners('dialog');
  page.removeAllListeners('dialog');
  const prompts = [];
  page.on('dialog', (d) => {
    prompts.push(`${d.type()}: ${d.message()}`);
    (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {});
  });
  try {
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  } finally {
    page.removeAllListeners('dialog');
    for (const l of saved) page.on('dialog', l);
  }
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  return prompts;
}
