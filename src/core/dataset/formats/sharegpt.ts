// OmniReward-Factory / LLaMA-Factory "sharegpt" ranking shape: conversations [{from, value}], chosen and
// rejected {from, value}, optional system, images / videos / audios (paths; `<image>` marks where
// they go in the text). The system message is the free-form criterion (how OmniReward injects it).
import type { FormatAdapter } from '../formatAdapter';
import type { ChatTurn, Part } from '../types';
import {
  chosenRejectedEdits,
  describe,
  err,
  idOf,
  isRec,
  makePair,
  mediaParts,
  missing,
  response,
  textPart,
  turnsOf,
  turnsToParts,
  type Rec,
} from './common';

const NAME = 'OmniReward-Factory (sharegpt)';

function replyText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isRec(v) && typeof v.value === 'string') return v.value;
  return undefined;
}

export const sharegpt: FormatAdapter = {
  id: 'sharegpt',
  displayName: NAME,
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || !Array.isArray(r.conversations)) return 0;
    if (isRec(r.chosen) && isRec(r.rejected)) return 1;
    return 'chosen' in r && 'rejected' in r ? 0.8 : 0.2;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['conversations', 'chosen', 'rejected'], NAME);
    if (bad) return bad;
    const rec = record as Rec;
    const turns = turnsOf(rec.conversations, 'conversations');
    if ('error' in turns) return turns;
    let criterion: string | undefined;
    let promptTurns: ChatTurn[] = turns;
    if (typeof rec.system === 'string') criterion = rec.system;
    else if (turns[0]?.role === 'system') [criterion, promptTurns] = [turns[0].content, turns.slice(1)];
    const a = replyText(rec.chosen);
    const b = replyText(rec.rejected);
    for (const [f, t] of [
      ['chosen', a],
      ['rejected', b],
    ] as const) {
      if (t === undefined)
        return err(`\`${f}\` must be a reply like {"from": "gpt", "value": "…"}; found ${describe(rec[f])}`);
    }
    const prompt: Part[] = [
      ...turnsToParts(promptTurns),
      ...mediaParts(rec.images, 'image'),
      ...mediaParts(rec.videos, 'video'),
      ...mediaParts(rec.audios, 'audio'),
    ];
    return makePair(this.id, 'implicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt,
      a: response([textPart(a!)]),
      b: response([textPart(b!)]),
      label: 'A',
      criterion,
      taskField: rec.task,
    });
  },

  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, NAME);
  },

  // LLaMA-Factory reads the criterion as the system prompt: edit where toPair read it (`system`, else a
  // leading system turn), and add `system` when the record has neither.
  criterionEdits(record, criterion) {
    const conv = isRec(record) ? record.conversations : undefined;
    const hasSystemField = isRec(record) && typeof record.system === 'string';
    if (!hasSystemField && Array.isArray(conv) && isRec(conv[0]) && conv[0].from === 'system') {
      return [{ op: 'set', path: ['conversations', 0, 'value'], value: criterion }];
    }
    return [{ op: 'set', path: ['system'], value: criterion }];
  },
};
