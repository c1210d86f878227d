// A judge's verdict from its answer text: the one place that reads `[[A]]` / `[[B]]` / `[[C]]`, `\boxed{…}`
// and GenAI-Bench's arena tokens.
import type { Label } from '../../dataset/types';

export type JudgeVerdict = Exclude<Label, 'none'>;

/** A verdict, or why there is none: no token at all, or tokens that disagree ("[[A]] … [[B]]"). */
export type ParsedVerdict =
  { ok: true; verdict: JudgeVerdict } | { ok: false; reason: 'none' | 'conflict'; message: string };

const ARENA = /\[\[\s*(A\s*>\s*B|B\s*>\s*A|A\s*=\s*B(?:\s*=\s*(?:Good|Bad))?)\s*\]\]/gi;
const TAGS = /\[\[\s*([ABC])\s*\]\]|\\boxed\{\s*([ABC])\s*\}/g;

/**
 * `[[A]]`/`\boxed{A}` → A, `[[B]]` → B, `[[C]]` → tie (Omni-RewardBench's judge prompts); `[[A>B]]`, `[[B>A]]`,
 * `[[A=B]]`, `[[A=B=Good]]`, `[[A=B=Bad]]` (GenAI-Bench). As in the paper's `parse_judgement`, an answer with no
 * token, or with two different ones, has no verdict (the caller asks again); repeating the same token is fine.
 */
export function parseJudgeVerdict(text: string): ParsedVerdict {
  const arena = text.match(ARENA);
  const kinds = arena
    ? arena.map((m): JudgeVerdict => (/A\s*>\s*B/i.test(m) ? 'A' : /B\s*>\s*A/i.test(m) ? 'B' : 'tie'))
    : [...text.matchAll(TAGS)].map((m): JudgeVerdict => {
        const k = (m[1] ?? m[2]).toUpperCase();
        return k === 'A' ? 'A' : k === 'B' ? 'B' : 'tie';
      });
  const distinct = [...new Set(kinds)];
  if (distinct.length === 1) return { ok: true, verdict: distinct[0] };
  if (distinct.length === 0)
    return { ok: false, reason: 'none', message: 'no verdict token ([[A]], [[B]] or [[C]]) in the answer' };
  const shown = distinct.map((v) => (v === 'A' ? '[[A]]' : v === 'B' ? '[[B]]' : '[[C]]')).join(' and ');
  return { ok: false, reason: 'conflict', message: `the answer gives different verdicts (${shown})` };
}
