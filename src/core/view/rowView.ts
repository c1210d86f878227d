// A record as one line of the list: what the row shows, and the first run's verdict when a run covers it.
import type { DatasetRecord, Label, PreferencePair } from '../dataset/types';
import { pairModalities } from '../dataset/types';
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

/** The verdict a run entry states: its own verdict, else the sign of the margin (equal scores = tie). */
export function entryVerdict(e: RunEntry): { verdict?: Label; margin?: number } {
  const margin = typeof e.score_a === 'number' && typeof e.score_b === 'number' ? e.score_a - e.score_b : undefined;
  if (e.error !== undefined) return {};
  if (margin !== undefined) return { verdict: margin > 0 ? 'A' : margin < 0 ? 'B' : 'tie', margin };
  return e.verdict ? { verdict: e.verdict } : {};
}

function agreement(label: Label, verdict: Label | undefined): boolean | undefined {
  if (!verdict || verdict === 'none' || label === 'none') return undefined;
  return verdict === label;
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

export function toRowView(record: DatasetRecord, runs: readonly LoadedRun[], marks: RowMarks = {}): RowView {
  if (record.kind === 'error') {
    return { index: record.index, line: record.line, id: '', inputs: [], outputs: [], label: 'none', error: record.message };
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
  const entry = runs[0]?.entries.get(record.index);
  if (entry) {
    const { verdict, margin } = entryVerdict(entry);
    row.verdict = verdict;
    row.margin = margin;
    row.agrees = agreement(record.label, verdict);
    if (entry.error !== undefined) row.runError = entry.error || 'the model could not score this pair';
  }
  if (marks.edited) row.edited = true;
  else if (marks.changed) row.changed = true;
  return row;
}

/** Every run's scores for one pair, in run order; runs that did not score it are left out. */
export function scoreViews(pair: PreferencePair, runs: readonly LoadedRun[]): ScoreView[] {
  const out: ScoreView[] = [];
  for (const run of runs) {
    const e = run.entries.get(pair.index);
    if (!e) continue;
    const { verdict, margin } = entryVerdict(e);
    out.push({
      run: run.model,
      scoreA: e.score_a,
      scoreB: e.score_b,
      margin,
      verdict,
      agrees: agreement(pair.label, verdict),
      error: e.error,
    });
  }
  return out;
}
