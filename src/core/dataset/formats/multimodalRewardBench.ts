// Multimodal RewardBench (facebookresearch): ID, Text, Image (relative path), Output1, Output2,
// Better ∈ "Output1" | "Output2", Category.
import type { FormatAdapter } from '../formatAdapter';
import type { Label } from '../types';
import {
  describe,
  err,
  idOf,
  isRec,
  makePair,
  mediaParts,
  missing,
  NO_CLEAR,
  noCriterion,
  response,
  show,
  str,
  textPart,
  type Rec,
} from './common';

const NAME = 'Multimodal RewardBench';

export const multimodalRewardBench: FormatAdapter = {
  id: 'multimodal-rewardbench',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r) || !('Output1' in r) || !('Output2' in r)) return 0;
    return 'Better' in r || 'Text' in r ? 1 : 0.8;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['Text', 'Output1', 'Output2'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    for (const f of ['Text', 'Output1', 'Output2']) {
      if (typeof rec[f] !== 'string') return err(`\`${f}\` must be text (${NAME}); found ${describe(rec[f])}`);
    }
    let label: Label = 'none';
    if (rec.Better === 'Output1') label = 'A';
    else if (rec.Better === 'Output2') label = 'B';
    else if (rec.Better !== undefined && rec.Better !== null && rec.Better !== '') {
      return err(`\`Better\` must be "Output1" or "Output2"; got ${show(rec.Better)}`);
    }
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(rec, ctx, ['ID', 'id']),
      prompt: [textPart(rec.Text as string), ...mediaParts(rec.Image, 'image')],
      a: response([textPart(rec.Output1 as string)]),
      b: response([textPart(rec.Output2 as string)]),
      label,
      subset: str(rec.Category),
    });
  },

  labelEdits(_record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    if (label === 'tie') return err(`${NAME}'s \`Better\` names one output ("Output1" or "Output2"); it has no tie`);
    return [{ op: 'set', path: ['Better'], value: label === 'A' ? 'Output1' : 'Output2' }];
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
