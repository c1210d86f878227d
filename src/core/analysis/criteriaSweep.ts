// Criteria-shift analysis (Omni-RewardBench §5): rescore a slice with variants of the free-form criterion —
// none, the original, its opposite, any template with {criteria} — and measure how far the verdicts move.
import type { PreferencePair } from '../dataset/types';

export interface CriterionVariant {
  id: string;
  /** Shown in reports, e.g. "opposite". */
  name: string;
  /** 'none' drops the criterion, 'original' keeps it, 'template' substitutes it into `template`. */
  kind: 'none' | 'original' | 'template';
  /** With {criteria} where the original goes, e.g. "Prefer the response that does NOT satisfy: {criteria}". */
  template?: string;
}

export const DEFAULT_VARIANTS: CriterionVariant[] = [
  { id: 'none', name: 'no criterion', kind: 'none' },
  { id: 'original', name: 'original', kind: 'original' },
  {
    id: 'opposite',
    name: 'opposite',
    kind: 'template',
    template: 'Prefer the response that does NOT satisfy: {criteria}',
  },
];

/** The criterion a variant gives a pair; undefined = no criterion. */
export function applyVariant(v: CriterionVariant, original: string | undefined): string | undefined {
  if (v.kind === 'none') return undefined;
  if (v.kind === 'original') return original;
  if (!v.template)
    throw new Error(`criterion variant \`${v.id}\`: a template variant needs a template with {criteria}`);
  return v.template.split('{criteria}').join(original ?? '');
}

/** Scores both responses of each pair under the given criterion: the margin score_a − score_b, or an error. */
export type MarginFn = (
  items: { pair: PreferencePair; criterion: string | undefined }[],
  signal?: AbortSignal,
) => Promise<({ margin: number } | { error: string })[]>;

export interface SweepCell {
  variant: string;
  task: string;
  n: number;
  /** Pairs whose verdict (sign of the margin) differs from the verdict under the original criterion. */
  flips: number;
  flipRate?: number;
  meanAbsDelta?: number;
  /** Accuracy against the human label (A/B pairs), which was given for the original criterion. */
  accuracy?: number;
  errors: number;
}

export interface SweepResult {
  variants: CriterionVariant[];
  /** One cell per variant × task, plus task "all". */
  cells: SweepCell[];
  /** Per pair and variant: the margin (undefined where scoring failed). */
  margins: Map<number, Record<string, number | undefined>>;
}

const sign = (m: number) => (m > 0 ? 'A' : m < 0 ? 'B' : 'tie');

/** Runs the sweep in batches; progress after each batch, cancellable between batches. */
export async function runCriteriaSweep(
  pairs: readonly PreferencePair[],
  variants: readonly CriterionVariant[],
  margins: MarginFn,
  opts: { batchSize?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<SweepResult> {
  const all = [
    { id: 'original', name: 'original', kind: 'original' } as CriterionVariant,
    ...variants.filter((v) => v.id !== 'original'),
  ];
  const batch = opts.batchSize ?? 32;
  const byPair = new Map<number, Record<string, number | undefined>>();
  const total = pairs.length * all.length;
  let done = 0;
  for (const v of all) {
    for (let i = 0; i < pairs.length; i += batch) {
      if (opts.signal?.aborted) throw new Error('criteria sweep cancelled');
      const slice = pairs.slice(i, i + batch);
      const res = await margins(
        slice.map((pair) => ({ pair, criterion: applyVariant(v, pair.criterion) })),
        opts.signal,
      );
      slice.forEach((pair, k) => {
        const row = byPair.get(pair.index) ?? {};
        const r = res[k];
        row[v.id] = 'margin' in r ? r.margin : undefined;
        byPair.set(pair.index, row);
      });
      done += slice.length;
      opts.onProgress?.(done, total);
    }
  }
  const cells: SweepCell[] = [];
  const tasks = ['all', ...new Set(pairs.map((p) => p.task ?? 'unknown'))];
  for (const v of all) {
    for (const task of tasks) {
      const group = pairs.filter((p) => task === 'all' || (p.task ?? 'unknown') === task);
      let n = 0,
        flips = 0,
        deltaSum = 0,
        errors = 0,
        right = 0,
        judged = 0;
      for (const p of group) {
        const row = byPair.get(p.index)!;
        const m = row[v.id],
          m0 = row.original;
        if (m === undefined || m0 === undefined) {
          errors++;
          continue;
        }
        n++;
        if (sign(m) !== sign(m0)) flips++;
        deltaSum += Math.abs(m - m0);
        if (p.label === 'A' || p.label === 'B') {
          judged++;
          if (sign(m) === p.label) right++;
        }
      }
      cells.push({
        variant: v.id,
        task,
        n,
        flips,
        errors,
        flipRate: n ? flips / n : undefined,
        meanAbsDelta: n ? deltaSum / n : undefined,
        accuracy: judged ? right / judged : undefined,
      });
    }
  }
  return { variants: all, cells, margins: byPair };
}

/** Markdown table of a sweep: per variant and task, flip rate and mean |Δm| against the original criterion. */
export function sweepMarkdown(result: SweepResult): string {
  const lines = [
    '| variant | task | n | flips | flip rate | mean abs Δm | accuracy | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const f = (x?: number, d = 3) => (x === undefined ? '–' : x.toFixed(d));
  for (const c of result.cells) {
    const name = result.variants.find((v) => v.id === c.variant)?.name ?? c.variant;
    lines.push(
      `| ${name} | ${c.task} | ${c.n} | ${c.flips} | ${f(c.flipRate)} | ${f(c.meanAbsDelta, 4)} | ${f(c.accuracy)} | ${c.errors} |`,
    );
  }
  const blind = result.cells
    .filter((c) => c.task === 'all' && c.variant !== 'original')
    .every((c) => c.n > 0 && c.flips === 0 && (c.meanAbsDelta ?? 0) === 0);
  if (blind) lines.push('', '**The model ignores the criterion:** no variant moved any margin.');
  return lines.join('\n') + '\n';
}
