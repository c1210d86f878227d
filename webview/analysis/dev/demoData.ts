// Realistic data for the demo page, made with the real core functions from generated pairs: the nine
// Omni-RewardBench tasks at the paper's size (3,725 pairs), a Bradley–Terry model at ~65–75 % accuracy,
// the length baseline (text outputs only), a second model for the comparison, and criteria sweeps.
import type { PairedJudged } from '../../../src/core/analysis/comparison';
import { runCriteriaSweep, DEFAULT_VARIANTS, type SweepResult } from '../../../src/core/analysis/criteriaSweep';
import type { Judged } from '../../../src/core/analysis/verdict';
import type { Label, PreferencePair } from '../../../src/core/dataset/types';

const TASK_SIZES: [task: string, n: number, modality: string, muA: number, muB: number][] = [
  ['T2T', 417, 'text', 1.25, 1.75],
  ['TI2T', 528, 'text', 1.05, 1.4],
  ['TV2T', 443, 'text', 0.9, 0.82],
  ['TA2T', 357, 'text', 0.85, 0.9],
  ['T2I', 509, 'image', 1.1, 1.55],
  ['T2V', 480, 'video', 0.75, 0.9],
  ['T2A', 411, 'audio', 0.7, 1.1],
  ['T23D', 302, '3d', 0.95, 0],
  ['TI2I', 278, 'image', 1.2, 1.05],
];

/** mulberry32: a small seeded generator, so the demo (and its screenshots) are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export interface DemoData {
  model: Judged[];
  baseline: Judged[];
  paired: PairedJudged[];
  ids: string[];
  pairs: PreferencePair[];
}

/** `scale` multiplies every task's size (e.g. 40 for ~150K pairs, to try the scatter on a large file). */
export function demoData(scale = 1): DemoData {
  const r = rng(20240611);
  const model: Judged[] = [],
    baseline: Judged[] = [],
    paired: PairedJudged[] = [],
    ids: string[] = [],
    pairs: PreferencePair[] = [];
  let index = 0;
  const sigma = 1.6;
  const extra: typeof TASK_SIZES = [['custom-slice', 12, 'text', 1.3, 1.3]];
  for (const [task, size, modality, muA, muB] of [...TASK_SIZES, ...extra]) {
    const n = Math.round(size * (task === 'custom-slice' ? 1 : scale));
    for (let i = 0; i < n; i++, index++) {
      const u = r();
      const label: Label = u < 0.15 ? 'tie' : u < 0.58 ? 'A' : 'B';
      const s = label === 'A' ? 1 : label === 'B' ? -1 : 0;
      // Both models see the same hard pairs: a shared latent term makes their errors correlate, as real RMs' do.
      const z = normal(r);
      const mA = s * muA + sigma * (0.75 * z + 0.66 * normal(r)) * (s === 0 ? 0.3 : 1);
      const mB = s * muB + sigma * (0.75 * z + 0.66 * normal(r)) * (s === 0 ? 0.3 : 1);
      const id = `${task.toLowerCase()}-${String(i + 1).padStart(4, '0')}`;
      ids[index] = id;
      // A handful of the newest audio pairs are not scored yet; a few 3D renders failed to load.
      const unscored = task === 'T2A' && i >= n - 9;
      const failed = task === 'T23D' && i % 97 === 13;
      const a: Judged = {
        index,
        task,
        modality,
        label,
        ...(unscored ? {} : failed ? { failed: true } : { margin: mA }),
      };
      model.push(a);
      // The length baseline only reads text: every non-text output fails, as in the real run.
      const text = modality === 'text';
      const lenMargin = s * 18 + 120 * normal(r) + 30 * z;
      baseline.push({ index, task, modality, label, ...(text ? { margin: Math.round(lenMargin) } : { failed: true }) });
      const bSide = muB === 0 ? { failed: true } : { margin: mB };
      paired.push({
        index,
        task,
        modality,
        label,
        a: unscored ? undefined : failed ? { failed: true } : { margin: mA },
        b: bSide,
      });
      pairs.push({
        index,
        task,
        label,
        criterion: `Prefer the response that ${['is more accurate', 'follows the instruction', 'is safer', 'is more concise'][i % 4]}.`,
      } as unknown as PreferencePair);
    }
  }
  return { model, baseline, paired, ids, pairs };
}

/** A criteria sweep over a slice: an aware model moves with the criterion; a blind one (bag of tokens) does not. */
export async function demoSweep(d: DemoData, aware: boolean, slice = 600): Promise<SweepResult> {
  const r = rng(aware ? 7 : 8);
  const byIndex = new Map(d.model.map((j) => [j.index, j]));
  const sample = d.pairs.filter((_, i) => i % Math.max(1, Math.floor(d.pairs.length / slice)) === 0).slice(0, slice);
  const variants = [
    ...DEFAULT_VARIANTS,
    {
      id: 'verbose',
      name: 'prefer longer',
      kind: 'template' as const,
      template: '{criteria} Prefer the longer response.',
    },
  ];
  return runCriteriaSweep(sample, variants, async (items) =>
    items.map(({ pair, criterion }) => {
      const m0 = byIndex.get(pair.index)?.margin ?? 0.1;
      if (!aware) return { margin: m0 };
      const c = criterion ?? '';
      const taskGain = pair.task === 'T2T' || pair.task === 'TI2T' ? 1 : 0.6;
      if (c.includes('NOT')) return { margin: -0.55 * taskGain * m0 + (1 - taskGain) * m0 + 0.9 * normal(r) };
      if (c.includes('longer')) return { margin: m0 + 0.5 * normal(r) + 0.3 };
      if (criterion === undefined) return { margin: m0 + 0.6 * normal(r) };
      return { margin: m0 };
    }),
  );
}
