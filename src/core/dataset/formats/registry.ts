// Every format adapter, and detection: which adapter fits the first records best, with what confidence.
import type { FormatAdapter } from '../formatAdapter';

/** Filled by the adapter modules (one file per benchmark under formats/). Order breaks ties in detection. */
export const ADAPTERS: FormatAdapter[] = [];

export interface Detection {
  adapter: FormatAdapter;
  /** Mean match over the sampled records, 0..1. */
  confidence: number;
}

/** Scores every adapter over the sample (parsed records; unparsable ones are skipped). */
export function detectFormat(sample: unknown[]): Detection | undefined {
  let best: Detection | undefined;
  const records = sample.filter((r) => r !== undefined);
  if (records.length === 0) return undefined;
  for (const adapter of ADAPTERS) {
    let sum = 0;
    for (const r of records) sum += adapter.match(r);
    const confidence = sum / records.length;
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { adapter, confidence };
  }
  return best;
}

export function adapterById(id: string): FormatAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
