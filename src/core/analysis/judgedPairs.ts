// Joins a dataset with a run: one Judged per labelled or unlabelled pair (error records are skipped),
// carrying the task, the output modality and what the model said.
import fs from 'node:fs/promises';
import type { Dataset } from '../dataset/dataset';
import type { PreferencePair } from '../dataset/types';
import { importRun } from '../scoring/importedRun';
import { matchEntry } from '../scoring/contentKey';
import { parseRun, type Run } from '../scoring/run';
import { judgement, readEntry, toJudged, type Judged, type JudgingRun } from './verdict';
import type { AccuracyTable } from './accuracyTable';
import type { PairedJudged } from './comparison';

import { outputModality } from './modality';
export { outputModality };

/** Every pair of the dataset, read in chunks (bounded memory besides the result). */
export async function eachPair(ds: Dataset, fn: (p: PreferencePair) => void, chunk = 2000): Promise<void> {
  for (let start = 0; start < ds.recordCount; start += chunk) {
    for (const r of await ds.readRecords(start, chunk)) if (r.kind === 'pair') fn(r);
  }
}

/** Entries matched to the pairs' current content by the run's content keys (swapped responses, stale scores). */
export function contentMatcher(run: Pick<Run, 'header'> | { header?: undefined }): NonNullable<JudgingRun['match']> {
  return (entry, pair) => matchEntry(entry, pair, run.header);
}

/** ε per task of an accuracy table: the ε its three-way accuracies used (calibrated or the user's). */
export function tableEpsilons(table: AccuracyTable): Record<string, number> {
  return Object.fromEntries(
    Object.entries(table.tasks).flatMap(([t, g]) => (g.epsilon === undefined ? [] : [[t, g.epsilon]])),
  );
}

/** A run as the list and the pair view judge it: entries matched to content, each task under the table's ε. */
export function judgingRun(
  run: Pick<Run, 'entries'> & { header?: Run['header'] },
  epsilons: Record<string, number>,
  name?: string,
): JudgingRun {
  return {
    name,
    entries: run.entries,
    header: run.header,
    bradleyTerry: run.header?.model.bradleyTerry ?? false,
    epsilon: (task) => epsilons[task] ?? 0,
    match: contentMatcher(run),
  };
}

export async function judgedPairs(ds: Dataset, run: Run): Promise<Judged[]> {
  const out: Judged[] = [];
  const judging = { entries: run.entries, match: contentMatcher(run) };
  await eachPair(ds, (p) => out.push(toJudged(p, judging)));
  return out;
}

export async function pairedJudged(ds: Dataset, a: Run, b: Run): Promise<PairedJudged[]> {
  const side = (run: Run, p: PreferencePair) => {
    const e = run.entries.get(p.index);
    return e && judgement(readEntry(e, matchEntry(e, p, run.header)));
  };
  const out: PairedJudged[] = [];
  await eachPair(ds, (p) =>
    out.push({
      index: p.index,
      task: p.task ?? 'unknown',
      modality: outputModality(p),
      label: p.label,
      a: side(a, p),
      b: side(b, p),
    }),
  );
  return out;
}

/**
 * Reads a run for a dataset: a Reward Lens run file (header line first), or else a predictions file made
 * elsewhere (scores, margins or judge verdicts keyed by id, line or row index), imported on the fly.
 */
export async function loadRunFor(ds: Dataset, file: string): Promise<{ run: Run; problems: string[] }> {
  const text = await fs.readFile(file, 'utf8');
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  if (/"type"\s*:\s*"header"/.test(first)) return { run: parseRun(text, file), problems: [] };
  const ids = new Map<string, number>();
  const idOf: string[] = [];
  await eachPair(ds, (p) => {
    ids.set(p.id, p.index);
    idOf[p.index] = p.id;
  });
  const { run, problems } = importRun(text, file, {
    path: ds.filePath,
    recordCount: ds.recordCount,
    indexOfId: (id) => ids.get(id),
    indexOfLine: (line) => {
      const i = ds.indexOfLine(line);
      return i >= 0 ? i : undefined;
    },
    lineOf: (i) => ds.line(i),
    idOf: (i) => idOf[i] ?? `line-${ds.line(i)}`,
  });
  return { run, problems };
}
