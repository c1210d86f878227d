// Scoring in the real extension host: "Reward Lens: Score with Model…" on an open sample writes a run with an
// entry per record under .reward-lens/runs, through the worker pool (dist/scoreWorker.js) of the bundled extension.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib/checks.mjs';
import { readSample } from '../lib/samples.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Entries of the newest run of `base` with `model`, once it has `want` of them (or what it has at the deadline). */
async function waitForRun(runsDir, base, model, want, timeoutMs) {
  const t0 = Date.now();
  let got = { file: undefined, entries: 0, header: undefined };
  while (Date.now() - t0 < timeoutMs) {
    const file =
      fs.existsSync(runsDir) &&
      fs.readdirSync(runsDir).find((f) => f.startsWith(`${base}.${model}.`) && f.endsWith('.jsonl'));
    if (file) {
      const lines = fs
        .readFileSync(path.join(runsDir, file), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const indices = new Set(
        lines.slice(1).map((l) => {
          try {
            return JSON.parse(l).index;
          } catch {
            return undefined;
          }
        }),
      );
      got = { file, entries: indices.size, header: JSON.parse(lines[0]) };
      if (got.entries >= want) return got;
    }
    await sleep(500);
  }
  return got;
}

export default {
  name: 'score',
  async run(t) {
    const rel = 'omni-rewardbench/omni-sample.jsonl';
    const { records } = readSample(t.ws(rel));
    for (const model of ['length', 'default']) {
      await t.check(
        `Score with Model… (${model}) writes a run with an entry for each of the ${records.length} records`,
        async () => {
          await t.open(rel);
          await t.command('Reward Lens: Score with Model…', { pick: new RegExp(`^\\s*${model}\\b`) });
          const run = await waitForRun(t.ws('.reward-lens/runs'), path.basename(rel), model, records.length, 120_000);
          expect(run.file, `no run file for ${model} appeared in .reward-lens/runs`);
          expect(run.entries === records.length, `the ${model} run has ${run.entries} of ${records.length} entries`);
          expect(
            run.header?.model?.id === model && run.header?.dataset?.path === t.ws(rel),
            `unexpected header ${JSON.stringify(run.header)}`,
          );
          await t.shot(`score-${model}`);
        },
      );
    }
  },
};
