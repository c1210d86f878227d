// Every format adapter, and detection: which adapter fits the first records best, with what confidence.
import type { FormatAdapter } from '../formatAdapter';
import { genaiBench } from './genaiBench';
import { hhRlhf } from './hhRlhf';
import { hpdv2 } from './hpdv2';
import { skywork, ultraFeedback } from './messageLists';
import { mjBench } from './mjBench';
import { multimodalRewardBench } from './multimodalRewardBench';
import { omniRewardBench } from './omniRewardBench';
import { pickAPic } from './pickAPic';
import { rewardBench, rewardBench2 } from './rewardBench';
import { rmBench } from './rmBench';
import { sharegpt } from './sharegpt';
import { vlRewardBench } from './vlRewardBench';

/**
 * Order breaks ties in detection: the seed benchmark first, then formats with distinctive keys, then the
 * chosen/rejected family, most specific first (their match() already tells them apart by value types).
 */
export const ADAPTERS: FormatAdapter[] = [
  omniRewardBench,
  vlRewardBench,
  multimodalRewardBench,
  mjBench,
  genaiBench,
  pickAPic,
  hpdv2,
  sharegpt,
  rmBench,
  rewardBench2,
  rewardBench,
  ultraFeedback,
  skywork,
  hhRlhf,
];

export interface FormatScore {
  id: string;
  /** Mean match over the sampled records, 0..1. */
  confidence: number;
}

export interface Detection {
  adapter: FormatAdapter;
  /** Mean match over the sampled records, 0..1. */
  confidence: number;
  /** Every format tried, best first, for "tried: rewardbench 0.40, hh-rlhf 0.10…" messages. */
  tried: FormatScore[];
}

/** Below this, detection reports no format: the user should pick one or give a field mapping. */
export const MIN_CONFIDENCE = 0.3;

/** Each adapter's mean match over the sample (unparsable records, passed as undefined, are skipped), best first. */
export function scoreFormats(sample: unknown[], adapters: FormatAdapter[] = ADAPTERS): FormatScore[] {
  const records = sample.filter((r) => r !== undefined);
  if (records.length === 0) return [];
  const scores = adapters.map((adapter, order) => {
    let sum = 0;
    for (const r of records) {
      const m = adapter.match(r);
      sum += Number.isFinite(m) ? Math.min(1, Math.max(0, m)) : 0;
    }
    return { id: adapter.id, confidence: sum / records.length, order };
  });
  scores.sort((x, y) => y.confidence - x.confidence || x.order - y.order);
  return scores.map(({ id, confidence }) => ({ id, confidence }));
}

/** The best-fitting adapter, or undefined when none reaches MIN_CONFIDENCE (see scoreFormats for why). */
export function detectFormat(sample: unknown[], adapters: FormatAdapter[] = ADAPTERS): Detection | undefined {
  const tried = scoreFormats(sample, adapters);
  const best = tried[0];
  if (!best || best.confidence < MIN_CONFIDENCE) return undefined;
  return { adapter: adapters.find((a) => a.id === best.id)!, confidence: best.confidence, tried };
}

/** "rewardbench 0.40, hh-rlhf 0.10" — the top few, for a "no format fits" message. */
export function describeScores(scores: FormatScore[], top = 4): string {
  const shown = scores.filter((s) => s.confidence > 0).slice(0, top);
  if (shown.length === 0) return `none of ${scores.length} formats matched any field`;
  return shown.map((s) => `${s.id} ${s.confidence.toFixed(2)}`).join(', ');
}

export function adapterById(id: string): FormatAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
