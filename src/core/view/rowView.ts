// A record as one line of the list: what the row shows, and the chosen runs' verdicts under their ε.
import type { DatasetRecord, PreferencePair } from '../dataset/types';
import { pairModalities } from '../dataset/types';
import { rowFacts, type RowContext } from '../analysis/rowFacts';
import { judgePair, type JudgingRun } from '../analysis/verdict';
import type { RunEntry, RunHeader } from '../scoring/run';
import type { RowView, ScoreView } from '../../protocol';

/** A run the editor shows: its display name and its entries by record index. */
export interface LoadedRun {
  id: string;
  model: string;
  entries: Map<number, RunEntry>;
  /** The run file's header (model kind, Bradley–Terry, dataset), for the analysis. */
  header?: RunHeader;
}

/** Unsaved changes, and changes since the editor opened the file (saved since, e.g. by auto save). */
export interface RowMarks {
  edited?: boolean;
  changed?: boolean;
}

const PREVIEW = 160;

/** The prompt's first words as one line: its text, or the first user turn of a chat; media say what they are. */
export function promptPreview(pair: PreferencePair): string {
  const words: string[] = [];
  for (const p of pair.prompt) {
    if (p.type === 'text') words.push(p.text);
    else if (p.type === 'chat') words.push((p.turns.find((t) => t.role === 'user') ?? p.turns[0])?.content ?? '');
    else words.push(`[${p.media.modality}]`);
    if (words.join(' ').length > PREVIEW) break;
  }
  const line = words.join(' ').replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW ? `${line.slice(0, PREVIEW - 1)}…` : line;
}

/** `ctx` judges the rows (the current run under its ε, the comparison run); without it rows carry no verdict. */
export function toRowView(record: DatasetRecord, ctx?: RowContext, marks: RowMarks = {}): RowView {
  if (record.kind === 'error') {
    return {
      index: record.index,
      line: record.line,
      id: '',
      inputs: [],
      outputs: [],
      label: 'none',
      error: record.message,
    };
  }
  const { input, output } = pairModalities(record);
  const row: RowView = {
    index: record.index,
    line: record.line,
    id: record.id,
    task: record.task,
    inputs: input,
    outputs: output,
    label: record.label,
  };
  const prompt = promptPreview(record);
  if (prompt) row.prompt = prompt;
  if (ctx?.a) {
    const f = rowFacts(record, ctx);
    row.verdict = f.verdict;
    row.margin = f.margin;
    row.agrees = f.correct;
    if (f.stale) row.stale = true;
    if (f.pOpposite !== undefined && f.disagree) row.pOpposite = f.pOpposite;
    if (f.failed) row.runError = judgePair(record, ctx.a)?.error || 'the model could not score this pair';
    if (ctx.b) {
      row.secondVerdict = f.secondVerdict;
      row.secondMargin = f.secondMargin;
      row.secondAgrees = f.secondCorrect;
      row.flip = f.flip;
    }
  }
  if (marks.edited) row.edited = true;
  else if (marks.changed) row.changed = true;
  return row;
}

/** The chosen runs' scores for one pair (current, comparison, baseline), judged exactly as the list judges them. */
export function scoreViews(pair: PreferencePair, ctx?: RowContext): ScoreView[] {
  const runs = [ctx?.a, ctx?.b, ctx?.baseline].filter((r, i, all): r is JudgingRun => !!r && all.indexOf(r) === i);
  const out: ScoreView[] = [];
  for (const judging of runs) {
    const j = judgePair(pair, judging);
    if (!j) continue;
    const run = judging.name ?? 'run';
    const view: ScoreView = j.stale
      ? { run, kind: 'stale' }
      : j.error !== undefined || j.failed
        ? { run, kind: 'error', message: j.error ?? 'the model gave no usable answer' }
        : j.margin !== undefined && j.verdict
          ? {
              run,
              kind: 'scores',
              scoreA: j.scoreA!,
              scoreB: j.scoreB!,
              margin: j.margin,
              verdict: j.verdict,
              agrees: j.agrees,
            }
          : { run, kind: 'verdict', verdict: j.verdict, agrees: j.agrees };
    out.push(view);
  }
  return out;
}
