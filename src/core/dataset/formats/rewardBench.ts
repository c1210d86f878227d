// RewardBench (allenai): prompt, chosen, chosen_model, rejected, rejected_model, subset, id — chosen wins.
// RewardBench 2: chosen and rejected are lists (usually 1 chosen, 3 rejected), num_correct, subset.
import type { FormatAdapter } from '../formatAdapter';
import type { Part } from '../types';
import {
  chosenRejectedEdits,
  describe,
  err,
  idOf,
  isRec,
  isStrings,
  makePair,
  missing,
  noCriterion,
  response,
  str,
  textPart,
  type Rec,
} from './common';

const isTranscript = (s: unknown) => typeof s === 'string' && s.includes('\n\nAssistant:');

function promptParts(rec: Rec): Part[] | { error: string } {
  if (typeof rec.prompt !== 'string') return err(`\`prompt\` must be text; found ${describe(rec.prompt)}`);
  return [textPart(rec.prompt)];
}

export const rewardBench: FormatAdapter = {
  id: 'rewardbench',
  displayName: 'RewardBench',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || typeof r.chosen !== 'string' || typeof r.rejected !== 'string') return 0;
    if (typeof r.prompt !== 'string') return 0.1;
    if (isTranscript(r.chosen)) return 0.3;
    if ('chosen_model' in r && 'rejected_model' in r) return 1;
    return 'subset' in r ? 0.9 : 0.75;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['prompt', 'chosen', 'rejected'], 'RewardBench');
    if (bad) return bad;
    const rec = record as Rec;
    const prompt = promptParts(rec);
    if ('error' in prompt) return prompt;
    for (const f of ['chosen', 'rejected']) {
      if (typeof rec[f] !== 'string') return err(`\`${f}\` must be text (RewardBench); found ${describe(rec[f])}`);
    }
    return makePair(this.id, 'implicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt,
      a: response([textPart(rec.chosen as string)], rec.chosen_model),
      b: response([textPart(rec.rejected as string)], rec.rejected_model),
      label: 'A',
      subset: str(rec.subset),
    });
  },

  // The model names describe the responses, so they travel with them.
  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, 'RewardBench', undefined, [['chosen_model', 'rejected_model']]);
  },

  criterionEdits() {
    return noCriterion('RewardBench');
  },
};

export const rewardBench2: FormatAdapter = {
  id: 'rewardbench-2',
  displayName: 'RewardBench 2',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || !isStrings(r.chosen) || !isStrings(r.rejected)) return 0;
    if ('num_correct' in r || 'total_completions' in r || 'num_rejected' in r) return 1;
    if ('error_key' in r) return 0.1;
    return 0.5;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['prompt', 'chosen', 'rejected'], 'RewardBench 2');
    if (bad) return bad;
    const rec = record as Rec;
    const prompt = promptParts(rec);
    if ('error' in prompt) return prompt;
    for (const f of ['chosen', 'rejected']) {
      if (!isStrings(rec[f]))
        return err(`\`${f}\` must be a non-empty list of texts (RewardBench 2); found ${describe(rec[f])}`);
    }
    const chosen = (rec.chosen as string[]).map((t) => response([textPart(t)]));
    const rejected = (rec.rejected as string[]).map((t) => response([textPart(t)]));
    return makePair(this.id, 'implicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt,
      a: chosen[0],
      b: rejected[0],
      label: 'A',
      subset: str(rec.subset),
      variants: {
        a: chosen,
        b: rejected,
        note: `A is chosen[0] and B is rejected[0] of ${chosen.length} chosen and ${rejected.length} rejected; RewardBench 2 counts a win only when the chosen beats every rejected`,
      },
    });
  },

  // Only the two shown responses trade places; the other rejected ones stay rejected.
  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, 'RewardBench 2', [
      [
        ['chosen', 0],
        ['rejected', 0],
      ],
    ]);
  },

  criterionEdits() {
    return noCriterion('RewardBench 2');
  },
};
