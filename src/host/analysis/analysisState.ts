// Per open editor: which runs it judges with (current, comparison, length baseline), their Judged pairs over
// the file, and the ε the list's verdicts use. Recomputed after runs load and when the file changes.
import { accuracyTable, type EpsilonChoice } from '../../core/analysis/accuracyTable';
import { judgedPairs, judgingRun, tableEpsilons } from '../../core/analysis/judgedPairs';
import { chooseRuns, runName } from '../../core/analysis/runChoice';
import { type RowContext } from '../../core/analysis/rowFacts';
import type { Judged, JudgingRun } from '../../core/analysis/verdict';
import type { LoadedRun } from '../../core/view/rowView';
import type { AnalysisRunInfo, AnalysisStateMessage } from '../../protocol';
import { MessageType } from '../../protocol';
import type { OpenEditor } from '../preferenceEditorProvider';
import { loadRun, type RunListing } from '../runLoader';

export interface RunJudged {
  /** The listing it was loaded from (a reload of the runs folder makes new listings, so the run is read again). */
  listing: RunListing;
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
    // Each task under the ε of its accuracy with the user's choice (updateEpsilons): the dashboard's and eval's.
    const judging = (r: RunJudged | undefined): JudgingRun | undefined =>
      r?.judged && judgingRun(r.run, r.epsilons, r.info.name);
    return {
      a: judging(this.current),
      b: judging(this.second),
      baseline: judging(this.baseline),
      threshold: this.threshold,
    };
  }

  /** Picks the runs (saved choice or the newest model run), reads the chosen ones' entries, orders editor.runs current-first. */
  async arrange(saved: { current?: string; second?: string }): Promise<void> {
    const runs = this.editor.runs;
    const choice = chooseRuns(
      runs.map((r) => ({ ...r, kind: r.header.model.kind })),
      saved,
    );
    const find = (c?: { id: string }) => (c ? runs.find((r) => r.id === c.id) : undefined);
    const load = async (listing: RunListing | undefined, old?: RunJudged): Promise<RunJudged | undefined> => {
      if (!listing) return undefined;
      if (old?.listing === listing) return old;
      const run = await loadRun(listing);
      return (
        run && {
          listing,
          run,
          info: { id: run.id, name: runName(run, runs), bradleyTerry: run.header?.model.bradleyTerry ?? false },
          epsilons: {},
        }
      );
    };
    [this.current, this.second, this.baseline] = await Promise.all([
      load(find(choice.current), this.current),
      load(find(choice.second), this.second),
      load(find(choice.baseline), this.baseline),
    ]);
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
      r.epsilons = tableEpsilons(table);
      if (r === this.current)
        this.accuracy = { withTies: table.overall.withTies, withoutTies: table.overall.withoutTies };
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
