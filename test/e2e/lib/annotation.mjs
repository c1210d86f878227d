// Helpers for the annotation scenarios: rows' labels and edited marks, the tab's dirty dot, VS Code's modal dialog,
// and byte-exact expectations built from the file's own bytes (never from the extension's code).
import fs from 'node:fs';
import path from 'node:path';
import { waitingFor } from './waits.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns truthy; throws `what` with the last value. */
export async function until(fn, what, timeoutMs = 30_000) {
  waitingFor(what);
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    last = await Promise.resolve()
      .then(fn)
      .catch((e) => `error: ${e.message.split('\n')[0]}`);
    if (last && !(typeof last === 'string' && last.startsWith('error:'))) return last;
    await sleep(150);
  }
  throw new Error(`${what} (last: ${JSON.stringify(last)})`);
}

/** The human label the list row of record `index` shows ('A', 'B', 'tie', 'none'). */
export async function rowLabel(wv, index) {
  return (
    await wv.locator(`.pair-row[data-index="${index}"]:not([hidden]) .cell.label`).first().innerText({ timeout: 5000 })
  ).trim();
}

/** Whether the row of record `index` carries the edited mark (icon and class). */
export async function rowEdited(wv, index) {
  const row = wv.locator(`.pair-row[data-index="${index}"]:not([hidden])`).first();
  const cls = (await row.getAttribute('class', { timeout: 5000 })) ?? '';
  const mark = await row.locator('[data-testid="edited-mark"]').count();
  return cls.split(/\s+/).includes('edited') && mark === 1;
}

/** Whether the active editor tab shows the dirty dot. */
export async function tabDirty(page) {
  const cls =
    (await page
      .locator('.editor-group-container.active .tab.active')
      .first()
      .getAttribute('class')
      .catch(() => '')) ?? '';
  return cls.split(/\s+/).includes('dirty');
}

/** VS Code's modal dialog (a DOM dialog in the browser): its message, once one is shown. */
export async function dialogText(page, timeoutMs = 15_000) {
  const box = page.locator('.monaco-dialog-box');
  await box.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await box.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Clicks the modal dialog's button whose text starts with `label`. */
export async function dialogButton(page, label) {
  const buttons = page.locator('.monaco-dialog-box .dialog-buttons .monaco-button');
  const texts = await buttons.allInnerTexts();
  const i = texts.findIndex((t) => t.trim().startsWith(label));
  if (i < 0)
    throw new Error(
      `the dialog has no "${label}" button (buttons: ${texts.map((t) => JSON.stringify(t.trim())).join(', ')})`,
    );
  await buttons.nth(i).click();
  await page.locator('.monaco-dialog-box').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Copies a sample into a fresh workspace-relative path, so a scenario's edits never touch files others use. */
export function copySample(t, from, to) {
  const dst = t.ws(to);
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(t.ws(from), dst);
  return dst;
}

/**
 * The file's bytes with one JSON string value of one physical line replaced: the line is found by number, the
 * `"key":"old"` (any spacing) must occur exactly once in it. Built from bytes, independent of the extension.
 */
export function withValue(bytes, line, key, from, to) {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  const re = new RegExp(`("${key}"\\s*:\\s*)"${from}"`, 'g');
  const hits = lines[line - 1].match(re) ?? [];
  if (hits.length !== 1) throw new Error(`line ${line} has ${hits.length} "${key}": "${from}" values`);
  lines[line - 1] = lines[line - 1].replace(re, `$1"${to}"`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Where two buffers first differ, for a readable failure. */
export function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++)
    if (a[i] !== b[i])
      return `byte ${i}: ${JSON.stringify(a.subarray(Math.max(0, i - 30), i + 30).toString())} vs ${JSON.stringify(b.subarray(Math.max(0, i - 30), i + 30).toString())}`;
  return a.length === b.length ? 'identical' : `lengths ${a.length} and ${b.length}`;
}

/** Leaves no dirty editor behind (a later "Close All Editors" would stop at a save prompt): reverts, then closes. */
export async function leaveClean(t) {
  if (await t.page.locator('.monaco-dialog-box').count()) await t.page.keyboard.press('Escape');
  if (await tabDirty(t.page)) await t.command('File: Revert File').catch(() => {});
}

/**
 * Turns off auto save (the browser's default is afterDelay, which would save edits the test means to keep unsaved)
 * and gives the workbench time to read settings.json when that changed it. It stays off for later scenarios.
 */
export async function autoSaveOff(t) {
  let cur = {};
  try {
    cur = JSON.parse(fs.readFileSync(t.sandbox.settingsFile, 'utf8'));
  } catch {
    /* none yet */
  }
  if (cur['files.autoSave'] === 'off') return;
  t.sandbox.writeSettings({ 'files.autoSave': 'off' });
  await sleep(3000);
}

/** What "File: Toggle Auto Save" last left the running workbench with (the sandbox starts it with auto save off). */
let autoSaveMode = 'off';

/**
 * Sets auto save to `mode` ('afterDelay', the browser's default, or 'off') through "File: Toggle Auto Save", so the
 * running workbench applies it at once. (A settings.json written behind its back is not always picked up, and the
 * toggle's write does not land in the sandbox's settings.json, so the state is tracked here; the scenario proves it
 * by behaviour: an edit reaching the disk by itself.)
 */
export async function setAutoSave(t, mode) {
  if (autoSaveMode === mode) return;
  await t.command('File: Toggle Auto Save');
  autoSaveMode = mode;
  await sleep(1000);
}

/** The text of the edit notice ("line 1: A → B · …"), or '' while none is shown. */
export async function editNotice(wv) {
  const n = wv.locator('[data-testid="edit-notice"]');
  if (!(await n.isVisible().catch(() => false))) return '';
  return (await n.innerText()).replace(/\s+/g, ' ').trim();
}
