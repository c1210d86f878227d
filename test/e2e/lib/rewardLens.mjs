// Reading and driving the Reward Lens webview through its stable DOM hooks (helpers/UI-CONTRACT.md).
import { expect } from './checks.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The list's rows a user can see: the virtual list keeps spare rows around, hidden. */
const visibleRows = (wv) => wv.locator('.pair-row >> visible=true');

/** The header's numbers, e.g. { records: 44, errors: 0, format: 'Omni-RewardBench' }. */
export async function headerCounts(wv) {
  const num = async (id) => {
    const s = (await wv.locator(`[data-testid="${id}"]`).first().innerText({ timeout: 10_000 })).trim();
    const n = Number(s.replace(/[,\s\u202f]/g, ''));
    expect(Number.isFinite(n), `[data-testid="${id}"] shows "${s}", not a number`);
    return n;
  };
  const format = (
    await wv
      .locator('[data-testid="format"]')
      .first()
      .innerText({ timeout: 10_000 })
      .catch(() => '')
  ).trim();
  return { records: await num('record-count'), errors: await num('error-count'), format };
}

/** 0-based index of the selected row, or -1. */
export async function selectedIndex(wv) {
  const row = wv.locator('.pair-row[aria-selected="true"]');
  if (!(await row.count())) return -1;
  return Number(await row.first().getAttribute('data-index'));
}

/** Waits until the selection is `index` (the list updates after the key press is handled). */
export async function waitSelected(wv, index, timeoutMs = 15_000) {
  const t0 = Date.now();
  let cur;
  while (Date.now() - t0 < timeoutMs) {
    cur = await selectedIndex(wv);
    if (cur === index) return;
    await sleep(100);
  }
  throw new Error(`expected row ${index} to be selected (aria-selected), but it is ${cur}`);
}

/** Back to the list with Escape when the pair view is up (the pair view replaces the list). */
export async function backToList(page, wv) {
  const view = wv.locator('[data-testid="pair-view"]');
  for (let attempt = 0; attempt < 2 && (await view.isVisible()); attempt++) {
    if (attempt) await view.locator('[data-testid="prompt"]').click(); // focus was outside the webview
    await page.keyboard.press('Escape');
    await visibleRows(wv)
      .first()
      .waitFor({ timeout: 3000 })
      .catch(() => {});
  }
  await visibleRows(wv)
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error('Escape did not bring back the list of pairs');
    });
}

/** Gives the list keyboard focus by clicking its first visible row. */
export async function focusList(page, wv) {
  await backToList(page, wv);
  const first = visibleRows(wv).first();
  await first.click();
  await waitSelected(wv, Number(await first.getAttribute('data-index')));
}

/** Moves the selection to `index` with j / k, as a user does, and opens the pair view with Enter. */
export async function openPair(page, wv, index) {
  await focusList(page, wv);
  let cur = await selectedIndex(wv);
  for (let guard = 0; cur !== index && guard < 2000; guard++) {
    await page.keyboard.press(cur < index ? 'j' : 'k');
    const next = cur + (cur < index ? 1 : -1);
    await waitSelected(wv, next);
    cur = next;
  }
  await page.keyboard.press('Enter');
  const view = wv.locator('[data-testid="pair-view"]');
  await view.waitFor({ state: 'visible', timeout: 10_000 });
  return view;
}
