// MJ-Bench, both spellings. Repo: caption, image_0, image_1, label_0 (1 = image_0 preferred, 0 =
// image_1). HF: caption, image0, image1, label (0 = image0 preferred, 1 = image1), category, subcategory.
import type { FormatAdapter, ValueEdit } from '../formatAdapter';
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

const NAME = 'MJ-Bench';
const isRepo = (r: Rec) => 'image_0' in r || 'label_0' in r;

function labelOf(rec: Rec): Label | { error: string } {
  const [field, value] = isRepo(rec) ? ['label_0', rec.label_0] : ['label', rec.label];
  if (value === undefined || value === null) return 'none';
  const v = typeof value === 'string' && /^[01]$/.test(value) ? Number(value) : value;
  if (field === 'label_0') {
    if (v === 1) return 'A';
    if (v === 0) return 'B';
    return err(`\`label_0\` must be 1 (image_0 preferred) or 0 (image_1 preferred); got ${show(value)}`);
  }
  if (v === 0) return 'A';
  if (v === 1) return 'B';
  return err(`\`label\` must be 0 (image0 preferred) or 1 (image1 preferred); got ${show(value)}`);
}

export const mjBench: FormatAdapter = {
  id: 'mj-bench',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r)) return 0;
    if (('image_0' in r && 'image_1' in r) || ('image0' in r && 'image1' in r)) return 'caption' in r ? 1 : 0.6;
    return 0;
  },

  toPair(record, ctx) {
    const repo = isRec(record) && isRepo(record);
    const bad = missing(record, repo ? ['caption', 'image_0', 'image_1'] : ['caption', 'image0', 'image1'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    if (typeof rec.caption !== 'string') return err(`\`caption\` must be text; found ${describe(rec.caption)}`);
    const [fa, fb] = repo ? ['image_0', 'image_1'] : ['image0', 'image1'];
    const a = mediaParts(rec[fa], 'image');
    const b = mediaParts(rec[fb], 'image');
    for (const [f, parts] of [
      [fa, a],
      [fb, b],
    ] as const) {
      if (parts.length === 0)
        return err(
          `\`${f}\` must be an image path or an image bytes object; found ${describe(rec[f])} ${show(rec[f])}`,
        );
    }
    const label = labelOf(rec);
    if (typeof label !== 'string') return label;
    const subset = [str(rec.category), str(rec.subcategory)].filter(Boolean).join(' / ');
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(rec, ctx, ['id']),
      prompt: [textPart(rec.caption)],
      a: response(a, rec.model),
      b: response(b, rec.model),
      label,
      subset: subset || undefined,
    });
  },

  // Repo files: label_0 (and label_1 beside it when the file has one); HF files: label.
  labelEdits(record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    if (label === 'tie') return err(`${NAME} labels name the preferred image; they have no tie`);
    if (!isRec(record) || !isRepo(record)) return [{ op: 'set', path: ['label'], value: label === 'A' ? 0 : 1 }];
    const edits: ValueEdit[] = [{ op: 'set', path: ['label_0'], value: label === 'A' ? 1 : 0 }];
    if ('label_1' in record) edits.push({ op: 'set', path: ['label_1'], value: label === 'A' ? 0 : 1 });
    return edits;
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
