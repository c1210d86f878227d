// Chosen/rejected as message lists: UltraFeedback-binarized (prompt, prompt_id, chosen/rejected as
// [{role, content}], messages, score_chosen, score_rejected) and Skywork-Reward-Preference (chosen,
// rejected, source). The shared opening of the two lists is the prompt; the rest of each is its response.
import type { AdapterContext, AdapterError, FormatAdapter, ValueEdit } from '../formatAdapter';
import type { Part } from '../types';
import {
  chosenRejectedEdits,
  idOf,
  isRec,
  makePair,
  missing,
  noCriterion,
  splitShared,
  str,
  textPart,
  turnsOf,
  turnsToParts,
  type PairFields,
  type Rec,
} from './common';

const isMessages = (v: unknown) =>
  Array.isArray(v) && v.length > 0 && v.every((m) => isRec(m) && 'role' in m && 'content' in m);

function readLists(rec: Rec): Omit<PairFields, 'id'> | AdapterError {
  const chosen = turnsOf(rec.chosen, 'chosen');
  if ('error' in chosen) return chosen;
  const rejected = turnsOf(rec.rejected, 'rejected');
  if ('error' in rejected) return rejected;
  const { prompt, a, b } = splitShared(chosen, rejected);
  let promptParts: Part[] = turnsToParts(prompt);
  if (promptParts.length === 0 && typeof rec.prompt === 'string') promptParts = [textPart(rec.prompt)];
  return { prompt: promptParts, a: { parts: turnsToParts(a) }, b: { parts: turnsToParts(b) }, label: 'A' };
}

function pairFrom(format: string, name: string, idFields: string[], record: unknown, ctx: AdapterContext) {
  const bad = missing(record, ['chosen', 'rejected'], name);
  if (bad) return bad;
  const rec = record as Rec;
  const fields = readLists(rec);
  if ('error' in fields) return fields;
  return makePair(format, 'implicit', ctx, record, {
    ...fields,
    id: idOf(rec, ctx, idFields),
    subset: str(rec.source),
  });
}

const sameJson = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

export const ultraFeedback: FormatAdapter = {
  id: 'ultrafeedback-binarized',
  displayName: 'UltraFeedback (binarized)',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || !isMessages(r.chosen) || !isMessages(r.rejected)) return 0;
    if ('prompt_id' in r || 'score_chosen' in r || 'messages' in r) return 1;
    return typeof r.prompt === 'string' ? 0.7 : 0.3;
  },

  toPair(record, ctx) {
    return pairFrom(this.id, 'UltraFeedback-binarized', ['prompt_id', 'id'], record, ctx);
  },

  // Scores describe the responses, so they swap with them; `messages` is the training copy of the
  // chosen conversation, so it follows the new chosen one.
  labelEdits(record, label) {
    const edits = chosenRejectedEdits(record, label, 'UltraFeedback-binarized', undefined, [
      ['score_chosen', 'score_rejected'],
    ]);
    if ('error' in edits || label !== 'B' || !isRec(record)) return edits;
    const extra: ValueEdit[] =
      'messages' in record && sameJson(record.messages, record.chosen)
        ? [{ op: 'set', path: ['messages'], value: record.rejected }]
        : [];
    return [...edits, ...extra];
  },

  criterionEdits() {
    return noCriterion('UltraFeedback-binarized');
  },
};

export const skywork: FormatAdapter = {
  id: 'skywork-preference',
  displayName: 'Skywork-Reward-Preference',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || !isMessages(r.chosen) || !isMessages(r.rejected)) return 0;
    if ('prompt_id' in r || 'score_chosen' in r || 'messages' in r) return 0.4;
    if ('prompt' in r) return 0.6;
    return 'source' in r ? 1 : 0.9;
  },

  toPair(record, ctx) {
    return pairFrom(this.id, 'Skywork-Reward-Preference', ['id'], record, ctx);
  },

  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, 'Skywork-Reward-Preference');
  },

  criterionEdits() {
    return noCriterion('Skywork-Reward-Preference');
  },
};
