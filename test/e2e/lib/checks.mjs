// Named checks: each runs, records pass/fail with its time, and leaves a screenshot behind either way.
import fs from 'node:fs';
import path from 'node:path';

/** A check that runs longer than this is failed: some step never returned (a renderer stuck in a loop does that). */
export const CHECK_TIMEOUT_MS = Number(process.env.E2E_CHECK_TIMEOUT_MS || 240_000);

/** `onHang()` is awaited after a check timed out, to give the next checks a working page. */
export function createChecks({ out, page, log, onHang = async () => {} }) {
  const results = [];
  const shotsDir = path.join(out, 'screenshots');
  fs.mkdirSync(shotsDir, { recursive: true });
  let n = 0;
  const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

  /** A PNG of the whole 1280×800 page under <out>/screenshots; returns its path. */
  async function shot(name) {
    const file = path.join(shotsDir, `${String(++n).padStart(2, '0')}-${slug(name)}.png`);
    await page().screenshot({ path: file, timeout: 15_000 }).catch(() => {});
    return file;
  }

  /** Runs `fn`; a failure is recorded, never thrown, so later checks still run. Returns whether it passed. */
  async function check(name, fn, { timeoutMs = CHECK_TIMEOUT_MS } = {}) {
    const t0 = Date.now();
    let timer;
    let hung = false;
    try {
      await Promise.race([fn(), new Promise((_, reject) => {
        timer = setTimeout(() => { hung = true; reject(new Error(`timed out after ${timeoutMs / 1000} s: a step never returned (page or webview hung?)`)); }, timeoutMs);
      })]);
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`PASS ${name} (${Date.now() - t0} ms)`);
      await shot(name);
      return true;
    } catch (e) {
      const err = e?.message ?? String(e);
      results.push({ name, ok: false, ms: Date.now() - t0, err });
      log(`FAIL ${name} (${Date.now() - t0} ms)\n       ${err.replace(/\n/g, '\n       ')}`);
      await shot(`${name}-FAILED`);
      if (hung) await onHang().catch((e) => log(`could not recover from the hang: ${e.message}`));
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  return { check, shot, results };
}

/** Throws `message` unless `cond`; keeps the checks readable. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}
