// Named checks: each runs, records pass/fail with its time, and leaves a screenshot behind either way.
// A failed check also leaves its evidence (lib/evidence.mjs) in <out>/failures/.
import fs from 'node:fs';
import path from 'node:path';
import { collectEvidence } from './evidence.mjs';
import { clearWait, lastWait } from './waits.mjs';

/** A check that runs longer than this is failed: some step never returned (a renderer stuck in a loop does that). */
export const CHECK_TIMEOUT_MS = Number(process.env.E2E_CHECK_TIMEOUT_MS || 240_000);

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * `onHang()` is awaited after a check timed out, to give the next checks a working page.
 * `logsDir` is VS Code's logs folder, copied from into the evidence; `round()` names the current repeat (1-based).
 */
export function createChecks({ out, page, log, logsDir, round = () => 1, onHang = async () => {} }) {
  const results = [];
  const shotsDir = path.join(out, 'screenshots');
  const failuresDir = path.join(out, 'failures');
  fs.mkdirSync(shotsDir, { recursive: true });
  let n = 0;
  let failures = 0;

  /** A PNG of the whole 1280×800 page under <out>/screenshots; returns its path. */
  async function shot(name) {
    const file = path.join(shotsDir, `${String(++n).padStart(3, '0')}-${slug(name)}.png`);
    await page()
      .screenshot({ path: file, timeout: 15_000 })
      .catch(() => {});
    return file;
  }

  /**
   * Runs `fn`; a failure is recorded, never thrown, so later checks still run. Returns whether it passed.
   * `knownDefect` names an open issue this check reproduces: its failure is reported (with evidence) but does not
   * fail the run, and a pass is reported too; the check still runs, so the fix shows the day it lands.
   */
  async function check(name, fn, { timeoutMs = CHECK_TIMEOUT_MS, knownDefect } = {}) {
    const t0 = Date.now();
    let timer;
    let hung = false;
    clearWait();
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            hung = true;
            reject(new Error(`timed out after ${timeoutMs / 1000} s: a step never returned (page or webview hung?)`));
          }, timeoutMs);
        }),
      ]);
      results.push({ name, round: round(), ok: true, ms: Date.now() - t0, ...(knownDefect ? { knownDefect } : {}) });
      log(
        `PASS ${name} (${Date.now() - t0} ms)${knownDefect ? ` — the known defect (${knownDefect}) did not show this time` : ''}`,
      );
      await shot(name);
      return true;
    } catch (e) {
      const err = e?.message ?? String(e);
      const waiting = lastWait();
      const dir = path.join(failuresDir, `${String(++failures).padStart(2, '0')}-r${round()}-${slug(name)}`);
      const evidence = await collectEvidence({ dir, page: page(), logsDir, name, err, waiting }).catch((x) => {
        log(`could not collect the evidence: ${x.message}`);
        return undefined;
      });
      results.push({
        name,
        round: round(),
        ok: false,
        ms: Date.now() - t0,
        err,
        waiting: waiting?.what,
        evidence,
        ...(knownDefect ? { knownDefect } : {}),
      });
      log(
        `${knownDefect ? `KNOWN DEFECT (${knownDefect}) ` : ''}FAIL ${name} (${Date.now() - t0} ms)\n       ${err.replace(/\n/g, '\n       ')}` +
          `${waiting ? `\n       waiting for: ${waiting.what}` : ''}${evidence ? `\n       evidence: ${evidence}` : ''}`,
      );
      if (hung) await onHang().catch((x) => log(`could not recover from the hang: ${x.message}`));
      return false;
    } finally {
      clearTimeout(timer);
      clearWait();
    }
  }

  return { check, shot, results };
}

/** Throws `message` unless `cond`; keeps the checks readable. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Pass rate of each check across repeats, in first-run order: [{ name, passed, runs }]. A check that ran in some
 * rounds only (a crashed scenario skips the rest) counts the rounds it ran.
 */
export function passRates(results) {
  const byName = new Map();
  for (const r of results) {
    const e = byName.get(r.name) ?? { name: r.name, passed: 0, runs: 0 };
    e.runs++;
    if (r.ok) e.passed++;
    byName.set(r.name, e);
  }
  return [...byName.values()];
}
