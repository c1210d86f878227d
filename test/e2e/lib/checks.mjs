// Named checks: each runs, records pass/fail with its time, and leaves a screenshot behind either way.
import fs from 'node:fs';
import path from 'node:path';

export function createChecks({ out, page, log }) {
  const results = [];
  const shotsDir = path.join(out, 'screenshots');
  fs.mkdirSync(shotsDir, { recursive: true });
  let n = 0;
  const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

  /** A PNG of the whole 1280×800 page under <out>/screenshots; returns its path. */
  async function shot(name) {
    const file = path.join(shotsDir, `${String(++n).padStart(2, '0')}-${slug(name)}.png`);
    await page().screenshot({ path: file }).catch(() => {});
    return file;
  }

  /** Runs `fn`; a failure is recorded, never thrown, so later checks still run. Returns whether it passed. */
  async function check(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`PASS ${name} (${Date.now() - t0} ms)`);
      await shot(name);
      return true;
    } catch (e) {
      const err = e?.message ?? String(e);
      results.push({ name, ok: false, ms: Date.now() - t0, err });
      log(`FAIL ${name} (${Date.now() - t0} ms)\n       ${err.replace(/\n/g, '\n       ')}`);
      await shot(`${name}-FAILED`);
      return false;
    }
  }

  return { check, shot, results };
}

/** Throws `message` unless `cond`; keeps the checks readable. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}
