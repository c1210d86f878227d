// Pick-a-Pic v2: caption, jpg_0, jpg_1 (image bytes), label_0, label_1 (1/0, 0/1, or 0.5/0.5 = tie),
// model_0, model_1, image_0_url, image_1_url, ranking_id, ….
import type { FormatAdapter } from '../formatAdapter';
import type { Label, Part } from '../types';
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
  textPart,
  type Rec,
} from './common';

const NAME = 'Pick-a-Pic';
const VALUES: Record<Exclude<Label, 'none'>, [number, number]> = { A: [1, 0], B: [0, 1], tie: [0.5, 0.5] };

function image(rec: Rec, i: 0 | 1): Part[] {
  const bytes = mediaParts(rec[`jpg_${i}`], 'image');
  return bytes.length > 0 ? bytes : mediaParts(rec[`image_${i}_url`], 'image');
}

export const pickAPic: FormatAdapter = {
  id: 'pick-a-pic',
  displayName: 'Pick-a-Pic v2',
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r)) return 0;
    if ('jpg_0' in r && 'jpg_1' in r) return 1;
    if ('image_0_url' in r && 'image_1_url' in r && 'label_0' in r) return 0.9;
    return 0;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['caption', 'label_0', 'label_1'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    if (typeof rec.caption !== 'string') return err(`\`caption\` must be text; found ${describe(rec.caption)}`);
    const a = image(rec, 0);
    const b = image(rec, 1);
    if (a.length === 0 || b.length === 0) {
      const i = a.length === 0 ? 0 : 1;
      return err(
        `\`jpg_${i}\` must hold the image bytes (or \`image_${i}_url\` its address); found ${describe(rec[`jpg_${i}`])}`,
      );
    }
    const l0 = Number(rec.label_0);
    const l1 = Number(rec.label_1);
    const label = (Object.keys(VALUES) as (keyof typeof VALUES)[]).find(
      (k) => VALUES[k][0] === l0 && VALUES[k][1] === l1,
    );
    if (!label) {
      return err(
        `\`label_0\`/\`label_1\` must be 1/0 (image 0 wins), 0/1 (image 1 wins) or 0.5/0.5 (tie); got ${show(rec.label_0)}/${show(rec.label_1)}`,
      );
    }
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(rec, ctx, ['ranking_id', 'id']),
      prompt: [textPart(rec.caption)],
      a: response(a, rec.model_0),
      b: response(b, rec.model_1),
      label,
    });
  },

  labelEdits(_record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    const [l0, l1] = VALUES[label];
    return [
      { op: 'set', path: ['label_0'], value: l0 },
      { op: 'set', path: ['label_1'], value: l1 },
    ];
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
