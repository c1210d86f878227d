// The length baseline: score = the response's length in word tokens, the bias reference RewardBench users ask for.
import type { Part } from '../dataset/types';
import type { Scorer, ScoreInput, ScoreResult } from './scorer';

/**
 * Word tokens: runs of letters/digits/marks, each CJK/kana/hangul character alone, and each other non-space
 * character (punctuation, emoji) alone, like BERT's basic pre-tokeniser. Independent of any model's vocabulary,
 * so the baseline means the same thing next to every model.
 */
const WORD_TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function wordTokenCount(text: string): number {
  let n = 0;
  WORD_TOKEN.lastIndex = 0;
  while (WORD_TOKEN.exec(text)) n++;
  return n;
}

function partsText(parts: Part[]): string | undefined {
  const out: string[] = [];
  for (const p of parts) {
    if (p.type === 'text') out.push(p.text);
    else if (p.type === 'chat') out.push(...p.turns.map((t) => t.content));
    else return undefined;
  }
  return out.join('\n');
}

export function createLengthBaseline(): Scorer {
  return {
    info: {
      id: 'length',
      kind: 'length',
      hash: 'length-words-v1',
      template: 'response length in word tokens (letter/digit runs, single CJK characters, single punctuation/emoji)',
      bradleyTerry: false,
      responseModalities: ['text'],
    },
    async scoreBatch(inputs: ScoreInput[]): Promise<ScoreResult[]> {
      return inputs.map((input) => {
        const text = partsText(input.response.parts);
        if (text === undefined) return { error: 'the length baseline measures text responses; this response is media' };
        return { score: wordTokenCount(text) };
      });
    },
    async dispose() {},
  };
}
