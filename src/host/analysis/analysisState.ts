// Per open editor: which runs it judges with (current, comparison, length baseline), their Judged pairs over
// the file, and the ε the list's verdicts use. Recomputed after runs load and when the file changes.
import { accuracyTable, type EpsilonChoice } from '../../core/analysis/accuracyTable';
import { contentMatcher, judgedPairs } from '../../core/analysis/judgedPairs';
import { chooseRuns, runName } from '../../core/analysis/runChoice';
import { type RowContext } from '../../core/analysis/rowFacts';
import type { Judged, JudgingRun } from '../../core/analysis/verdict';
import type { LoadedRun } from '../../core/view/rowView';
import type { AnalysisRunInfo, AnalysisStateMessage } from '../../protocol';
import { MessageType } from '../../protocol';
import type { OpenEditor } from '../preferenceEditorProvider';

export interface RunJudged {
  run: LoadedRun;
  info: AnalysisRunInfo;
  judged?: Judged[];
  epsilons: Record<string, number>;
}

export class EditorAnalysis {
  current?: RunJudged;
  second?: RunJudged;
  baseline?: RunJudged;
  epsilon: EpsilonChoice = {};
  threshold = 0.9;
  accuracy?: { withTies?: number; withoutTies?: number };
  private generation = 0;

  constructor(readonly editor: OpenEditor) {}

  /**
   * How the list, the pair view and the filters judge pairs: the chosen runs under the ε the dashboard shows.
   * A run joins once its ε is known (its pairs judged), so no verdict under a provisional ε is ever shown.
   */
  context(): RowContext {
    const judging = (r: RunJudged | undefined): JudgingRun | undefined =>
      r?.judged && {
        name: r.info.name,
        entries: r.run.entries,
        header: r.run.header,
        bradleyTerry: r.info.bradleyTerry,
        // The ε of each task's accuracy under the user's choice (updateEpsilons): the dashboard's and eval's.
        epsilon: (t: string) => r.epsilons[t] ?? 0,
        match: contentMatcher(r.run),
      };
    return { a: judging(this.current), b: judging(this.second), baseline: judging(this.baseline), threshold: this.threshold };
  }

  /** Picks the runs (saved choice or the newest model run) and orders editor.runs current-first. */
  arrange(saved: { current?: string; second?: string }): void {
    const runs = this.editor.runs;
    const choice = chooseRuns(runs.map((r) => ({ ...r, kind: r.header?.model.kind })), saved);
    const find = (c?: { id: string }) => (c ? runs.find((r) => r.id === c.id) : undefined);
    const wrap = (r: LoadedRun | undefined, old?: RunJudged): RunJudged | undefined =>
      r && (old?.run === r ? old : { run: r, info: { id: r.id, name: runName(r, runs), bradleyTerry: r.header?.model.bradleyTerry ?? false }, epsilons: {} });
    this.current = wrap(find(choice.current), this.current);
    this.second = wrap(find(choice.second), this.second);
    this.baseline = wrap(find(choice.baseline), this.baseline);
    this.editor.runs = choice.ordered.map((c) => runs.find((r) => r.id === c.id)!);
  }

  /** Judged pairs and calibrated ε of every chosen run (reads the whole file once it is indexed). */
  async recompute(): Promise<boolean> {
    const gen = ++this.generation;
    await this.editor.document.indexed;
    const ds = this.editor.document.ds;
    for (const r of [this.current, this.second, this.baseline]) {
      if (!r || !r.run.header) continue;
      r.judged = await judgedPairs(ds, { header: r.run.header, entries: r.run.entries });
      if (gen !== this.generation) return false;
    }
    this.updateEpsilons();
    return true;
  }

  /** ε per task under the user's choice (calibrated per task unless a fixed ε is set). */
  updateEpsilons(): void {
    for (const r of [this.current, this.second, this.baseline]) {
      if (!r?.judged) continue;
      const table = accuracyTable(r.judged, r === this.baseline ? {} : this.epsilon);
      r.epsilons = Object.fromEntries(Object.entries(table.tasks).flatMap(([t, g]) => (g.epsilon === undefined ? [] : [[t, g.epsilon]])));
      if (r === this.current) this.accuracy = { withTies: table.overall.withTies, withoutTies: table.overall.withoutTies };
    }
    if (!this.current?.judged) this.accuracy = undefined;
  }

  stateMessage(): AnalysisStateMessage {
    return {
      type: MessageType.AnalysisState,
      current: this.current?.info,
      second: this.second?.info,
      baseline: this.baseline?.info,
      epsilons: this.current?.epsilons ?? {},
      epsilon: this.epsilon,
      threshold: this.threshold,
      accuracy: this.accuracy,
    };
  }
}
