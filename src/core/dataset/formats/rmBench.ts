// RM-Bench (THU-KEG): id, subset, prompt, chosen[3], rejected[3], error_key, error — chosen wins.
// The three entries are one response in three styles: [0] concise, [1] detailed plain, [2] detailed markdown.
import type { FormatAdapter } from '../formatAdapter';
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

const STYLES = ['concise', 'detailed plain text', 'detailed markdown'];

export const rmBench: FormatAdapter = {
  id: 'rm-bench',
  displayName: 'RM-Bench',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || !isStrings(r.chosen) || !isStrings(r.rejected)) return 0;
    if ('error_key' in r || 'error' in r) return 1;
    if ('num_correct' in r) return 0.1;
    return r.chosen.length === 3 && r.rejected.length === 3 ? 0.6 : 0.3;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['prompt', 'chosen', 'rejected'], 'RM-Bench');
    if (bad) return bad;
    const rec = record as Rec;
    if (typeof rec.prompt !== 'string') return err(`\`prompt\` must be text; found ${describe(rec.prompt)}`);
    for (const f of ['chosen', 'rejected']) {
      if (!isStrings(rec[f]))
        return err(`\`${f}\` must be a list of texts, one per style (RM-Bench); found ${describe(rec[f])}`);
    }
    const chosen = (rec.chosen as string[]).map((t) => response([textPart(t)]));
    const rejected = (rec.rejected as string[]).map((t) => response([textPart(t)]));
    return makePair(this.id, 'implicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt: [textPart(rec.prompt)],
      a: chosen[0],
      b: rejected[0],
      label: 'A',
      subset: str(rec.subset),
      variants: {
        a: chosen,
        b: rejected,
        note: `A is chosen[0] and B is rejected[0], the ${STYLES[0]} style; [1] is ${STYLES[1]}, [2] ${STYLES[2]}${typeof rec.error_key === 'string' ? `; the rejected one's injected error: ${rec.error_key}` : ''}`,
      },
    });
  },

  // All three styles of one response travel together, so the whole lists swap.
  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, 'RM-Bench');
  },

  criterionEdits() {
    return noCriterion('RM-Bench');
  },
};
