// GenAI-Bench (TIGER-Lab arena votes): prompt, left_image/right_image or left_video/right_video,
// left_model, right_model, vote_type ∈ leftvote | rightvote | tievote | bothbad_vote. Image editing adds
// source_prompt, target_prompt, instruct_prompt, source_image, left_output_image, right_output_image.
import type { FormatAdapter } from '../formatAdapter';
import type { MediaModality } from '../media';
import type { Label, Part } from '../types';
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
  response,
  show,
  textPart,
  type Rec,
} from './common';

const NAME = 'GenAI-Bench';
const VOTES: Record<string, { label: Label; tieKind?: 'good' | 'bad' }> = {
  leftvote: { label: 'A' },
  rightvote: { label: 'B' },
  tievote: { label: 'tie', tieKind: 'good' },
  bothbad_vote: { label: 'tie', tieKind: 'bad' },
};
const VARIANTS: { left: string; right: string; modality: MediaModality; subset: string }[] = [
  { left: 'left_output_image', right: 'right_output_image', modality: 'image', subset: 'image_edition' },
  { left: 'left_image', right: 'right_image', modality: 'image', subset: 'image_generation' },
  { left: 'left_video', right: 'right_video', modality: 'video', subset: 'video_generation' },
];

const variantOf = (r: Rec) => VARIANTS.find((v) => v.left in r && v.right in r);

export const genaiBench: FormatAdapter = {
  id: 'genai-bench',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r) || !variantOf(r)) return 0;
    return 'vote_type' in r ? 1 : 0.8;
  },

  toPair(record, ctx) {
    if (!isRec(record)) return err(`expected a JSON object per record (${NAME}); ${found(record)}`);
    const v = variantOf(record);
    if (!v) {
      return err(
        `expected \`left_image\` and \`right_image\` (or \`left_video\`/\`right_video\`, or \`left_output_image\`/\`right_output_image\`) (${NAME}); ${found(record)}`,
      );
    }
    const a = mediaParts(record[v.left], v.modality);
    const b = mediaParts(record[v.right], v.modality);
    for (const [f, parts] of [
      [v.left, a],
      [v.right, b],
    ] as const) {
      if (parts.length === 0)
        return err(`\`${f}\` must be a ${v.modality} path or bytes object; found ${describe(record[f])}`);
    }
    const text = v.subset === 'image_edition' ? (record.instruct_prompt ?? record.prompt) : record.prompt;
    const prompt: Part[] = typeof text === 'string' ? [textPart(text)] : [];
    if (v.subset === 'image_edition') prompt.push(...mediaParts(record.source_image, 'image'));

    const vote = record.vote_type;
    let label: Label = 'none';
    let tieKind: 'good' | 'bad' | undefined;
    if (typeof vote === 'string' && vote in VOTES) ({ label, tieKind } = VOTES[vote]);
    else if (vote !== undefined && vote !== null && vote !== '') {
      return err(`\`vote_type\` must be "leftvote", "rightvote", "tievote" or "bothbad_vote"; got ${show(vote)}`);
    }
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(record, ctx, ['id', 'idx']),
      prompt,
      a: response(a, record.left_model),
      b: response(b, record.right_model),
      label,
      tieKind,
      subset: v.subset,
    });
  },

  // A tie is written as "tievote" (both good) unless the record already holds either kind of tie.
  labelEdits(record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    const current = isRec(record) ? record.vote_type : undefined;
    if (label === 'tie' && (current === 'tievote' || current === 'bothbad_vote')) return [];
    return [
      { op: 'set', path: ['vote_type'], value: label === 'A' ? 'leftvote' : label === 'B' ? 'rightvote' : 'tievote' },
    ];
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
