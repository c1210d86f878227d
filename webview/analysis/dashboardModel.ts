// What the dashboard shows, computed from the runs' Judged pairs with the real core functions (cheap and
// pure, so moving ε recomputes everything in the webview without a round trip to the host).
import { accuracyTable, type AccuracyTable, type EpsilonChoice } from '../../src/core/analysis/accuracyTable';
import {
  marginHistogram,
  reliabilityCurve,
  type HistogramBin,
  type ReliabilityBin,
} from '../../src/core/analysis/charts';
import type { Judged } from '../../src/core/analysis/verdict';
import { epsilonSliderRange, histogramRange } from './chartMath';

export interface DashboardRun {
  /** Shown in headers and legends, e.g. "default (bag-of-tokens)" or "length baseline". */
  name: string;
  /** One per pair of the file: task, modality, human label, and the run's margin / verdict / failure. */
  judged: Judged[];
  /** Margins are Bradley–Terry logits (σ(m) = P(A wins)); the reliability curve needs it. Default true. */
  bradleyTerry?: boolean;
}

export interface DashboardData {
  run: DashboardRun;
  /** A second run beside the first, e.g. the length baseline (always calibrated per task: its scale differs). */
  baseline?: DashboardRun;
  /** Initial ε: {} = calibrated per task (default), { epsilon } = the same ε everywhere. */
  epsilon?: EpsilonChoice;
  /** The file's name, for headings and export file names. */
  title?: string;
}

export interface DashboardModel {
  table: AccuracyTable;
  baselineTable?: AccuracyTable;
  histogram: HistogramBin[];
  /** The band drawn on the histogram, and what it stands for. */
  band?: { epsilon: number; label: string };
  reliability?: { bins: ReliabilityBin[]; ece: number };
  slider: { max: number; step: number };
  /** ε per task as used in the table. */
  epsilons: Record<string, number>;
  /** Labelled pairs with a margin: how many the histogram and curve are drawn from. */
  scoredAB: number;
}

export function epsilonsOf(table: AccuracyTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, g] of Object.entries(table.tasks))
    if (g.epsilon !== undefined && g.supported && g.withTies.n > 0) out[t] = g.epsilon;
  return out;
}

/**
 * The ε band for the histogram: the fixed ε; for one task, its ε; else the per-task ε when they agree, or
 * the largest of them.
 */
export function histogramBand(
  choice: EpsilonChoice,
  epsilons: Record<string, number>,
  task?: string,
): { epsilon: number; label: string } | undefined {
  if (choice.epsilon !== undefined)
    return choice.epsilon > 0 ? { epsilon: choice.epsilon, label: 'tie band' } : undefined;
  if (task !== undefined) {
    const e = epsilons[task];
    return e !== undefined && e > 0 ? { epsilon: e, label: `${task} tie band` } : undefined;
  }
  const values = Object.values(epsilons);
  if (!values.length) return undefined;
  const hi = Math.max(...values);
  if (hi <= 0) return undefined;
  return { epsilon: hi, label: values.every((v) => v === hi) ? 'tie band' : 'largest per-task ε' };
}

/** Only the table depends on ε: the charts are kept when just ε moves. */
export function tableFor(run: DashboardRun, choice: EpsilonChoice): AccuracyTable {
  return accuracyTable(run.judged, choice);
}

/** `task` narrows the histogram and the reliability curve to one task (the table always shows all). */
export function dashboardModel(
  data: DashboardData,
  choice: EpsilonChoice = data.epsilon ?? {},
  task?: string,
): DashboardModel {
  const table = tableFor(data.run, choice);
  const epsilons = epsilonsOf(table);
  const judged = task === undefined ? data.run.judged : data.run.judged.filter((p) => p.task === task);
  const scoredAB = judged.filter(
    (p) => p.margin !== undefined && !p.failed && (p.label === 'A' || p.label === 'B'),
  ).length;
  return {
    table,
    baselineTable: data.baseline ? accuracyTable(data.baseline.judged, {}) : undefined,
    histogram: marginHistogram(judged, 24, histogramRange(judged)),
    band: histogramBand(choice, epsilons, task),
    reliability: data.run.bradleyTerry === false || scoredAB === 0 ? undefined : reliabilityCurve(judged, 10),
    slider: epsilonSliderRange(data.run.judged),
    epsilons,
    scoredAB,
  };
}
