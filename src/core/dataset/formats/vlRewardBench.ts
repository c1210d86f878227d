// VL-RewardBench: id, query, image (bytes), response[2], human_ranking, models, query_source, …;
// `human_ranking` ranks the two responses: [0, 1] = the first wins, [1, 0] = the second.
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

const NAME = 'VL-RewardBench';

function labelOf(ranking: unknown): Label | { error: string } {
  if (ranking === undefined || ranking === null) return 'none';
  if (Array.isArray(ranking) && ranking.length === 2 && ranking.every((n) => typeof n === 'number')) {
    const [x, y] = ranking;
    return x < y ? 'A' : x > y ? 'B' : 'tie';
  }
  return err(
    `\`human_ranking\` must be [0, 1] (the first response wins) or [1, 0] (the second wins); got ${show(ranking)}`,
  );
}

export const vlRewardBench: FormatAdapter = {
  id: 'vl-rewardbench',
  displayName: NAME,
  labelKind: 'explicit',

  match(r) {
    if (!isRec(r) || !Array.isArray(r.response) || !('query' in r)) return 0;
    return 'human_ranking' in r ? 1 : 0.6;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['query', 'response'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    const resp = rec.response;
    if (!Array.isArray(resp) || resp.length !== 2 || !resp.every((t) => typeof t === 'string')) {
      return err(`\`response\` must be a list of two texts (${NAME}); found ${describe(resp)}`);
    }
    if (typeof rec.query !== 'string') return err(`\`query\` must be text; found ${describe(rec.query)}`);
    const label = labelOf(rec.human_ranking);
    if (typeof label !== 'string') return label;
    const models = Array.isArray(rec.models) ? rec.models : [];
    return makePair(this.id, 'explicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt: [textPart(rec.query), ...mediaParts(rec.image, 'image')],
      a: response([textPart(resp[0])], models[0]),
      b: response([textPart(resp[1])], models[1]),
      label,
      subset: str(rec.query_source),
    });
  },

  labelEdits(_record, label) {
    if (label === 'none') return NO_CLEAR(NAME);
    if (label === 'tie') return err(`${NAME} ranks one response above the other; \`human_ranking\` has no tie`);
    return [{ op: 'set', path: ['human_ranking'], value: label === 'A' ? [0, 1] : [1, 0] }];
  },

  criterionEdits() {
    return noCriterion(NAME);
  },
};
