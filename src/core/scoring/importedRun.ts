// Runs made elsewhere: a predictions file (scores, a margin, or a judge's verdict per pair) keyed by the
// dataset's id, line or row index, read into the same Run the local scorers write.
import type { Label } from '../dataset/types';
import { parseJudgeVerdict } from './judge/verdictParser';
import type { Run, RunEntry } from './run';

/** What the importer needs of the dataset to key predictions to records. */
export interface ImportTarget {
  path: string;
  recordCount: number;
  indexOfId(id: string): number | undefined;
  /** 1-based physical line → record index. */
  indexOfLine(line: number): number | undefined;
  lineOf(index: number): number;
  idOf(index: number): string;
}

export type ImportKey = 'id' | 'line' | 'index' | 'idx';

export interface ImportResult {
  run: Run;
  /** Predictions that could not be used, each with its line in the predictions file. */
  problems: string[];
  key: ImportKey;
}

/**
 * Reads a judge's verdict from its output. `[[A]]`/`\boxed{A}` → A, `[[B]]` → B, `[[C]]` → tie (the
 * Omni-RewardBench judge prompt); GenAI-Bench's `[[A>B]]`, `[[B>A]]`, `[[A=B=Good]]`, `[[A=B=Bad]]`; bare
 * labels (A, B, tie, response1, response2, left, right, leftvote…). Both A and B stated → undefined (unparsed).
 */
export function parseVerdict(raw: unknown): Exclude<Label, 'none'> | undefined {
  if (typeof raw === 'number') return raw === 1 ? 'A' : raw === -1 || raw === 2 ? 'B' : raw === 0 ? 'tie' : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  const parsed = parseJudgeVerdict(s);
  if (parsed.ok) return parsed.verdict;
  if (parsed.reason === 'conflict') return undefined;
  const word = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const words: Record<string, Exclude<Label, 'none'>> = {
    a: 'A',
    b: 'B',
    tie: 'tie',
    c: 'tie',
    response1: 'A',
    response2: 'B',
    left: 'A',
    right: 'B',
    leftvote: 'A',
    rightvote: 'B',
    tievote: 'tie',
    bothbadvote: 'tie',
    output1: 'A',
    output2: 'B',
  };
  return words[word];
}

const VERDICT_FIELDS = ['verdict', 'prediction', 'model_vote', 'judgment', 'judgement', 'output', 'response'];

function parseRecords(text: string, source: string): { rec: Record<string, unknown>; line: number }[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    const arr = JSON.parse(trimmed) as unknown[];
    return arr.map((rec, i) => ({ rec: rec as Record<string, unknown>, line: i + 1 }));
  }
  const out: { rec: Record<string, unknown>; line: number }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim()) return;
    try {
      out.push({ rec: JSON.parse(l) as Record<string, unknown>, line: i + 1 });
    } catch (e) {
      throw new Error(`${source} line ${i + 1}: not JSON (${e instanceof Error ? e.message : e})`, { cause: e });
    }
  });
  return out;
}

function guessKey(first: Record<string, unknown>): ImportKey | undefined {
  if ('id' in first || 'ID' in first) return 'id';
  if ('line' in first) return 'line';
  if ('index' in first) return 'index';
  if ('idx' in first) return 'idx';
  return undefined;
}

const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/** Imports a predictions file. Throws when nothing can be keyed; per-prediction problems are collected. */
export function importRun(text: string, source: string, target: ImportTarget, key?: ImportKey): ImportResult {
  const records = parseRecords(text, source);
  if (records.length === 0) throw new Error(`${source}: no predictions found`);
  const k = key ?? guessKey(records[0].rec);
  if (!k)
    throw new Error(
      `${source} line ${records[0].line}: cannot tell which pair a prediction belongs to; expected one of \`id\`, \`line\`, \`index\`, \`idx\`; found keys ${Object.keys(
        records[0].rec,
      )
        .map((x) => `\`${x}\``)
        .join(', ')}`,
    );
  const entries = new Map<number, RunEntry>();
  const problems: string[] = [];
  for (const { rec, line } of records) {
    const where = `${source} line ${line}`;
    const keyValue = k === 'id' ? (rec.id ?? rec.ID) : rec[k];
    let index: number | undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ids are strings or numbers; anything else matches none
    if (k === 'id') index = keyValue === undefined ? undefined : target.indexOfId(String(keyValue));
    else if (k === 'line') index = num(keyValue) === undefined ? undefined : target.indexOfLine(num(keyValue)!);
    else {
      const i = num(keyValue);
      index = i !== undefined && Number.isInteger(i) && i >= 0 && i < target.recordCount ? i : undefined;
    }
    if (index === undefined) {
      problems.push(`${where}: no record with ${k} ${JSON.stringify(keyValue)} in ${target.path}`);
      continue;
    }
    const entry: RunEntry = { index, line: target.lineOf(index), id: target.idOf(index) };
    const sa = num(rec.score_a ?? rec.score1 ?? rec.score_1),
      sb = num(rec.score_b ?? rec.score2 ?? rec.score_2);
    const margin = num(rec.margin);
    if (sa !== undefined && sb !== undefined) Object.assign(entry, { score_a: sa, score_b: sb });
    else if (margin !== undefined) Object.assign(entry, { score_a: margin, score_b: 0 });
    else {
      const field = VERDICT_FIELDS.find((f) => rec[f] !== undefined);
      const verdict = field ? parseVerdict(rec[field]) : undefined;
      if (verdict) entry.verdict = verdict;
      else
        entry.error = field
          ? `unparsed judge output in \`${field}\``
          : `no scores, margin or verdict (expected \`score_a\`/\`score_b\`, \`margin\` or one of ${VERDICT_FIELDS.map((f) => `\`${f}\``).join(', ')})`;
    }
    entries.set(index, entry);
  }
  if (entries.size === 0)
    throw new Error(
      `${source}: none of the ${records.length} predictions matched a record of ${target.path} by ${k}; first problem: ${problems[0]}`,
    );
  const anyScores = [...entries.values()].some((e) => e.score_a !== undefined);
  return {
    key: k,
    problems,
    run: {
      header: {
        type: 'header',
        version: 1,
        model: {
          id: `imported:${source.split(/[\\/]/).pop()}`,
          kind: 'imported',
          bradleyTerry: anyScores ? false : undefined,
        },
        template: `imported from ${source} (keyed by ${k})`,
        dataset: { path: target.path },
        created: new Date().toISOString(),
      },
      entries,
    },
  };
}
