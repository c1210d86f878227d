// A pair's output modality group (per-modality tables, the list's modality filter). No Node imports: the webview uses it too.
import { pairModalities, type PreferencePair } from '../dataset/types';

/** Omni-RewardBench tasks by what they output; other benchmarks fall back to the pair's own media. */
const TASK_OUTPUT: Record<string, string> = {
  T2T: 'text',
  TI2T: 'text',
  TV2T: 'text',
  TA2T: 'text',
  T2I: 'image',
  TI2I: 'image',
  T2V: 'video',
  T2A: 'audio',
  T23D: '3d',
};

export function outputModality(pair: PreferencePair): string {
  return (pair.task && TASK_OUTPUT[pair.task]) || pairModalities(pair).output.join('+') || 'text';
}
