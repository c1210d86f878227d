// HPDv2 (Human Preference Dataset v2). Train: prompt, file_path[] (two images), human_preference[]
// (1 = preferred). Test: prompt, image_path[] (several images), rank[] (lower = better). A and B are the
// first two images; every image stays reachable in `variants`.
import type { FormatAdapter } from '../formatAdapter';
import type { Label } from '../types';
import {
  describe,
  err,
  idOf,
  isRec,
  makePair,
  mediaParts,
  NO_CLEAR,
  noCriterion,
  found,
  show,
  textPart,
  type Rec,
} from './common';

const NAME = 'HPDv2';
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number');
const isTest = (r: Rec) => Array.isArray(r.image_path) && 'rank' in r;

function labelOf(rec: Rec): Label | { error: string } {
  if (isTest(rec)) {
    if (!nums(rec.rank) || rec.rank.length < 2)
      return err(`\`rank\` must be a list of numbers, one per image (lower = better); got ${show(rec.rank)}`);
    const [x, y] = rec.rank;
    return x < y ? 'A' : x > y ? 'B' : 'tie';
  }
  const hp = rec.human_preference;
  if (hp === undefined || hp === null) return 'none';
  if (nums(hp) && hp.length >= 2 && hp[0] + hp[1] === 1 && (hp[0] === 1 || hp[1] === 1)) return hp[0] === 1 ? 'A' : 'B';
  return err(`\`human_preference\` must be [1, 0] (the first image preferred) or [0, 1] (the second); got ${show(hp)}`);
}

export const hpdv2: FormatAdapter = {
  id: 'hpdv2',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r)) return 0;
    if (Array.isArray(r.file_path) && 'human_preference' in r) return 1;
    if (Array.isArray(r.image_path) && Array.isArray(r.rank)) return 1;
    if (Array.isArray(r.file_path) || Array.isArray(r.image_path)) return 0.5;
    return 0;
  },

  toPair(record, ctx) {
    if (!isRec(record)) return err(`expected a JSON object per record (${NAME}); ${found(record)}`);
    const field = Array.isArray(record.file_path)
      ? 'file_path'
      : Array.isArray(record.image_path)
        ? 'image_path'
        : undefined;
    if (!field)
      return err(
        `expected \`file_path\` (train) or \`image_path\` (test) as a list of images (${NAME}); ${found(record)}`,
      );
    const images = (record[field] as unknown[]).map((v) => ({ parts: mediaParts(v, 'image') }));
    if (images.length < 2 || images.some((r) => r.parts.length === 0)) {
      return err(
        `\`${field}\` must list at least two image paths; found ${describe(record[field])} ${show(record[field])}`,
      );
    }
    if (typeof record.prompt !== 'string') return err(`\`prompt\` must be text; found ${describe(record.prompt)}`);
    const label = labelOf(record);
    if (typeof label !== 'string') return label;
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(record, ctx),
      prompt: [textPart(record.prompt)],
      a: images[0],
      b: images[1],
      label,
      subset: isTest(record) ? 'test' : 'train',
      variants:
        images.length > 2
          ? { a: images, b: images, note: `A and B are the first two of ${images.length} images in \`${field}\`` }
          : undefined,
    });
  },

  // Train: rewrite human_preference. Test: trade the two ranks, so the other images keep theirs.
  labelEdits(record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    if (label === 'tie') return err(`${NAME} has no tie: \`human_preference\` marks one image, \`rank\` orders them`);
    if (!isRec(record)) return err(`expected a JSON object per record (${NAME}); ${found(record)}`);
    if (isTest(record)) {
      const now = labelOf(record);
      if (now === label) return [];
      if (now === 'tie')
        return err('`rank` gives the first two images the same rank; edit it by hand to say which is better');
      return [{ op: 'swap', a: ['rank', 0], b: ['rank', 1] }];
    }
    const hp = record.human_preference;
    if (Array.isArray(hp) && hp.length !== 2)
      return err(`\`human_preference\` lists ${hp.length} images; only two-image records can be relabelled here`);
    return [{ op: 'set', path: ['human_preference'], value: label === 'A' ? [1, 0] : [0, 1] }];
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
