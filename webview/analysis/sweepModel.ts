// The sweep view's rows: per task (all first, then the paper's order) and per variant other than the
// original, the flip rate, mean |Δm| and accuracy; and whether the model ignores the criterion altogether.
import type { CriterionVariant, SweepCell } from '../../src/core/analysis/criteriaSweep';
import { orderedTasks } from '../../src/core/analysis/report';
import { csvRow } from '../../src/core/csv';
import { DASH, pct } from './format';

export interface SweepData {
  /** From a SweepResult (runCriteriaSweep): its variants and cells; the per-pair margins are not needed. */
  variants: CriterionVariant[];
  cells: SweepCell[];
  modelName?: string;
  /** What was swept, e.g. "filter: task == \"T2I\" (412 pairs)". */
  slice?: string;
}

export interface SweepRow {
  task: string;
  n: number;
  /** Accuracy under the original criterion. */
  original?: string;
  cells: {
    variant: string;
    flipRate: string;
    flips: number;
    n: number;
    meanAbsDelta: string;
    accuracy: string;
    errors: number;
    flipRateValue?: number;
    meanAbsDeltaValue?: number;
  }[];
}

/** Variants compared against the original (the original itself never flips). */
export function otherVariants(d: Pick<SweepData, 'variants'>): CriterionVariant[] {
  return d.variants.filter((v) => v.id !== 'original');
}

/** The rule sweepMarkdown uses: every variant over all pairs judged some pairs and moved no margin at all. */
export function ignoresCriterion(cells: readonly SweepCell[]): boolean {
  const all = cells.filter((c) => c.task === 'all' && c.variant !== 'original');
  return all.length > 0 && all.every((c) => c.n > 0 && c.flips === 0 && (c.meanAbsDelta ?? 0) === 0);
}

/** Margins moved but no verdict flipped anywhere: the criterion nudges scores without changing a decision. */
export function movesWithoutFlips(cells: readonly SweepCell[]): boolean {
  const all = cells.filter((c) => c.task === 'all' && c.variant !== 'original');
  return all.length > 0 && all.every((c) => c.flips === 0) && all.some((c) => (c.meanAbsDelta ?? 0) > 0);
}

export function sweepRows(d: SweepData): SweepRow[] {
  const tasks = ['all', ...orderedTasks(new Set(d.cells.map((c) => c.task).filter((t) => t !== 'all')))];
  const at = (variant: string, task: string) => d.cells.find((c) => c.variant === variant && c.task === task);
  return tasks.map((task) => {
    const orig = at('original', task);
    return {
      task,
      n: orig?.n ?? 0,
      original: orig?.accuracy === undefined ? DASH : pct(orig.accuracy, 1),
      cells: otherVariants(d).map((v) => {
        const c = at(v.id, task);
        return {
          variant: v.id,
          flipRate: c?.flipRate === undefined ? DASH : pct(c.flipRate, 1),
          flipRateValue: c?.flipRate,
          flips: c?.flips ?? 0,
          n: c?.n ?? 0,
          meanAbsDelta: c?.meanAbsDelta === undefined ? DASH : c.meanAbsDelta.toFixed(3),
          meanAbsDeltaValue: c?.meanAbsDelta,
          accuracy: c?.accuracy === undefined ? DASH : pct(c.accuracy, 1),
          errors: c?.errors ?? 0,
        };
      }),
    };
  });
}

/** The sweep's cells as CSV (variant by name), one row per variant and task, fractions in [0, 1]. */
export function sweepCsv(d: SweepData): string {
  const name = (id: string) => d.variants.find((v) => v.id === id)?.name ?? id;
  const lines = ['variant,task,n,flips,flip_rate,mean_abs_delta,accuracy,errors'];
  for (const c of d.cells)
    lines.push(csvRow([name(c.variant), c.task, c.n, c.flips, c.flipRate, c.meanAbsDelta, c.accuracy, c.errors]));
  return lines.join('\n') + '\n';
}
