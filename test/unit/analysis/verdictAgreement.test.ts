// The list, the pair view and `reward-lens eval` show the same verdict on every pair of a calibrated run
// (issue 14: the list used to say "tie" where the pair view said "A" with a disagreement mark).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accuracyTable } from '../../../src/core/analysis/accuracyTable';
import { judgedPairs, judgingRun, tableEpsilons } from '../../../src/core/analysis/judgedPairs';
import { Dataset } from '../../../src/core/dataset/dataset';
import { parseRun } from '../../../src/core/scoring/run';
import { EditorSession } from '../../../src/core/view/editorSession';
import { DatasetSource } from '../../../src/host/datasetSource';
import type { Label } from '../../../src/core/dataset/types';
import { MessageType } from '../../../src/protocol';

const ROOT = resolve(__dirname, '../../..');

function evalVerdicts(file: string, run: string): Promise<{ index: number; verdict: Label | null; epsilon: number }[]> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'eval', file, '--run', run, '--verdicts'],
      { cwd: ROOT, env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' } },
      (err, stdout, stderr) =>
        err
          ? fail(new Error(stderr))
          : done(
              stdout
                .trim()
                .split('\n')
                .map((l) => JSON.parse(l)),
            ),
    );
  });
}

const PREF: Record<string, string> = { A: 'response1', B: 'response2', tie: 'tie' };

test('the list, the pair view and eval agree on every pair of a calibrated run, ties included', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-agree-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Two tasks with tie labels and small margins, so calibration picks ε > 0; one task without ties (ε = 0).
  const pairs: { task: string; label: string; margin: number | 'error' | 'none' }[] = [];
  for (let i = 0; i < 12; i++) {
    pairs.push({
      task: 'T2T',
      label: ['A', 'B', 'tie'][i % 3],
      margin: [1.2, -0.9, 0.08, 0.15, -1.5, -0.05, 0.7, 0.12, 0.02, 2, -0.3, 0][i],
    });
    pairs.push({
      task: 'T2I',
      label: ['tie', 'A', 'B'][i % 3],
      margin: [0.3, 0.25, -2, -0.2, 1, 0.9, 0.01, -0.4, -0.35, 0.33, 0.6, -1][i],
    });
    pairs.push({
      task: 'TI2T',
      label: i % 2 ? 'A' : 'B',
      margin: i === 5 ? 'error' : i === 7 ? 'none' : [0.5, -0.1, -0.4, 0.2, 1, 0, 3, 0, -2, 0.05, -0.01, 0.6][i],
    });
  }
  const file = join(dir, 'bench.jsonl');
  writeFileSync(
    file,
    pairs
      .map((p, i) =>
        JSON.stringify({
          id: `p${i}`,
          task: p.task,
          prompt: `Q${i}`,
          response1: `one ${i}`,
          response2: `two ${i}`,
          model1: 'm1',
          model2: 'm2',
          criteria: 'be helpful',
          criteria_preference: PREF[p.label],
        }),
      )
      .join('\n') + '\n',
  );
  const runFile = join(dir, 'run.jsonl');
  const header = {
    type: 'header',
    version: 1,
    model: { id: 'rm', kind: 'test', bradleyTerry: true },
    dataset: { path: file },
    created: '2026-01-01T00:00:00Z',
  };
  const entries = pairs.flatMap((p, index) =>
    p.margin === 'none'
      ? []
      : [
          p.margin === 'error'
            ? { index, line: index + 1, id: `p${index}`, error: 'too long' }
            : { index, line: index + 1, id: `p${index}`, score_a: 1 + p.margin, score_b: 1 },
        ],
  );
  writeFileSync(runFile, [header, ...entries].map((x) => JSON.stringify(x)).join('\n') + '\n');

  // The editor's judging context, built as the analysis host builds it: the dashboard's table gives ε per task.
  const ds = await Dataset.open(file);
  const run = parseRun(readFileSync(runFile, 'utf8'), runFile);
  const epsilons = tableEpsilons(accuracyTable(await judgedPairs(ds, run), {}));
  assert.ok(epsilons.T2T > 0 && epsilons.T2I > 0, JSON.stringify(epsilons));
  assert.equal(epsilons.TI2T, 0);
  const ctx = { a: judgingRun(run, epsilons, 'rm'), threshold: 0.9 };
  const session = new EditorSession({
    source: new DatasetSource(() => ds),
    fileName: 'bench.jsonl',
    format: () => ({ id: '', name: '' }),
    resolveMedia: async (ref) => ({ modality: ref.modality }),
    send: () => {},
    judging: () => ctx,
  });
  session.ready();
  const rows = (await session.rows({ type: MessageType.GetRows, start: 0, count: pairs.length, filter: {} })).rows;
  const evals = await evalVerdicts(file, runFile);
  assert.equal(rows.length, pairs.length);
  assert.equal(evals.length, pairs.length);

  let calibratedTies = 0;
  for (const row of rows) {
    const view = (await session.pair({ type: MessageType.GetPair, index: row.index })).record;
    assert.ok(view.kind === 'pair');
    const score = view.scores[0];
    const e = evals[row.index];
    const where = `pair ${row.index} (${pairs[row.index].task}, label ${row.label}, margin ${pairs[row.index].margin})`;
    assert.equal(e.index, row.index);
    assert.equal(row.verdict ?? null, e.verdict, `list vs eval, ${where}`);
    if (pairs[row.index].margin === 'none') {
      assert.equal(score, undefined, where);
      continue;
    }
    assert.ok(score, where);
    const paneVerdict = score.kind === 'scores' || score.kind === 'verdict' ? score.verdict : undefined;
    const paneAgrees = score.kind === 'scores' || score.kind === 'verdict' ? score.agrees : undefined;
    assert.equal(paneVerdict ?? null, e.verdict, `pair view vs eval, ${where}`);
    assert.equal(paneAgrees, row.agrees, `agreement mark, ${where}`);
    if (score.kind === 'scores') assert.equal(score.margin, row.margin, where);
    if (e.verdict === 'tie' && row.margin !== 0) calibratedTies++;
  }
  // The case the bug was about: a nonzero margin within ε, a tie everywhere.
  assert.ok(calibratedTies >= 3, String(calibratedTies));
});
