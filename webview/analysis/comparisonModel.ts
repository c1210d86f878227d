// The comparison view's data, computed with the core: both accuracy tables, the 2×2 agreement and McNemar
// per task and overall, the flips by direction (and per task, for the clickable cells), the scatter points.
import type { EpsilonChoice } from '../../src/core/analysis/accuracyTable';
import { compareRuns, type Comparison, type PairedJudged } from '../../src/core/analysis/comparison';
import { scatterPoints, type ScatterPoint } from './chartMath';
import { comparisonRows, type ComparisonRow } from './tableModel';

export interface ComparisonData {
  /** One per pair: task, modality, human label, and what each run said (from pairedJudged() in the host). */
  pairs: PairedJudged[];
  nameA: string;
  nameB: string;
  /** Pair ids by record index (tooltips); optional. */
  ids?: readonly (string | undefined)[];
  /** ε for the with-ties columns: {} = calibrated per task (default). */
  epsilon?: EpsilonChoice;
  /** The file's name, for headings and export file names. */
  title?: string;
}

export interface ComparisonModel {
  cmp: Comparison;
  rows: ComparisonRow[];
  /** Flip indices per task and direction ("only A right" = A right, B wrong). */
  flipsByTask: Record<string, { onlyA: number[]; onlyB: number[] }>;
  points: ScatterPoint[];
  /** Pairs without tie labels both models judged in tasks both support: what McNemar counts. */
  compared: number;
}

export function comparisonModel(d: ComparisonData): ComparisonModel {
  const cmp = compareRuns(d.pairs, d.epsilon ?? {});
  const taskOf = new Map(d.pairs.map((p) => [p.index, p.task]));
  const flipsByTask: ComparisonModel['flipsByTask'] = {};
  for (const dir of ['onlyA', 'onlyB'] as const) {
    for (const i of cmp.flips[dir]) {
      const t = taskOf.get(i) ?? 'unknown';
      (flipsByTask[t] ??= { onlyA: [], onlyB: [] })[dir].push(i);
    }
  }
  const o = cmp.overall.agreement;
  return {
    cmp,
    rows: comparisonRows(cmp),
    flipsByTask,
    points: scatterPoints(d.pairs),
    compared: o.bothRight + o.onlyA + o.onlyB + o.bothWrong,
  };
}

/** One sentence on the overall McNemar result, in the words a PR description would use. */
export function verdictSentence(row: ComparisonRow, nameA: string, nameB: string): string {
  if (row.discordant === 0) return 'No discordant pairs: the models are right on exactly the same pairs.';
  if (row.tooFew) return `Too few discordant pairs to tell (${row.discordant}; at least 6 are needed for p < 0.05).`;
  const better = row.onlyB > row.onlyA ? nameB : nameA;
  if (row.significant)
    return `${better} is right more often where they disagree (${row.onlyA} vs ${row.onlyB}, p ${row.p.startsWith('<') ? row.p : `= ${row.p}`}).`;
  return `No significant difference (${row.onlyA} vs ${row.onlyB} discordant pairs, p = ${row.p}).`;
}
