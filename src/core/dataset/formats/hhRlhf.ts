// Anthropic HH-RLHF: `chosen` and `rejected` are whole "\n\nHuman: … \n\nAssistant: …" transcripts; the
// prompt is their shared prefix up to the last "\n\nAssistant:", the responses are what follows it.
import type { FormatAdapter } from '../formatAdapter';
import type { ChatTurn, Part } from '../types';
import {
  chosenRejectedEdits,
  describe,
  err,
  idOf,
  isRec,
  makePair,
  missing,
  noCriterion,
  response,
  textPart,
  type Rec,
} from './common';

const ASSISTANT = '\n\nAssistant:';
const TURN = /\n\n(Human|Assistant):/g;

/** "\n\nHuman: hi\n\nAssistant: hello" → turns; text before the first marker becomes a system turn. */
export function transcriptTurns(s: string): ChatTurn[] {
  const turns: ChatTurn[] = [];
  const marks = [...s.matchAll(TURN)];
  const head = s.slice(0, marks[0]?.index ?? s.length).trim();
  if (head) turns.push({ role: 'system', content: head });
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index : s.length;
    turns.push({ role: m[1] === 'Human' ? 'user' : 'assistant', content: s.slice(m.index + m[0].length, end).trim() });
  });
  return turns;
}

/** Where the final assistant turn starts in both transcripts (at or before their first difference). */
function splitPoint(chosen: string, rejected: string): number {
  let lcp = 0;
  const n = Math.min(chosen.length, rejected.length);
  while (lcp < n && chosen.charCodeAt(lcp) === rejected.charCodeAt(lcp)) lcp++;
  // When one transcript is a prefix of the other, still leave the last reply of the shorter one out.
  const from = lcp === chosen.length || lcp === rejected.length ? lcp - 1 : lcp;
  let i = chosen.lastIndexOf(ASSISTANT, from);
  while (i >= 0 && !rejected.startsWith(ASSISTANT, i)) i = chosen.lastIndexOf(ASSISTANT, i - 1);
  return i;
}

function responseParts(tail: string): Part[] {
  const turns = transcriptTurns(ASSISTANT + tail);
  return turns.length === 1 ? [textPart(turns[0].content)] : [{ type: 'chat', turns }];
}

export const hhRlhf: FormatAdapter = {
  id: 'hh-rlhf',
  displayName: 'HH-RLHF',
  labelKind: 'implicit',

  match(r) {
    if (!isRec(r) || typeof r.chosen !== 'string' || typeof r.rejected !== 'string') return 0;
    if (!r.chosen.includes(ASSISTANT)) return 0.1;
    return 'prompt' in r ? 0.5 : 1;
  },

  toPair(record, ctx) {
    const bad = missing(record, ['chosen', 'rejected'], 'HH-RLHF');
    if (bad) return bad;
    const rec = record as Rec;
    for (const f of ['chosen', 'rejected']) {
      const v = rec[f];
      if (typeof v !== 'string')
        return err(`\`${f}\` must be a "\\n\\nHuman: … \\n\\nAssistant: …" transcript (HH-RLHF); found ${describe(v)}`);
      if (!v.includes(ASSISTANT)) {
        return err(`\`${f}\` has no "\\n\\nAssistant:" turn; HH-RLHF transcripts end with the assistant's reply`);
      }
    }
    const chosen = rec.chosen as string;
    const rejected = rec.rejected as string;
    const k = splitPoint(chosen, rejected);
    if (k < 0) {
      return err(
        '`chosen` and `rejected` do not share an opening that ends at an "\\n\\nAssistant:" turn, so the prompt cannot be found',
      );
    }
    return makePair(this.id, 'implicit', ctx, record, {
      id: idOf(rec, ctx),
      prompt: [{ type: 'chat', turns: transcriptTurns(chosen.slice(0, k)) }],
      a: response(responseParts(chosen.slice(k + ASSISTANT.length))),
      b: response(responseParts(rejected.slice(k + ASSISTANT.length))),
      label: 'A',
    });
  },

  labelEdits(record, label) {
    return chosenRejectedEdits(record, label, 'HH-RLHF');
  },

  criterionEdits() {
    return noCriterion('HH-RLHF');
  },
};
