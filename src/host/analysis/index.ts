// Analysis in the custom editor (issues 6 and 7): which runs the list judges with, run-aware filters and
// sorts, the dashboard and comparison data, exports, the status bar, the criterion probe and the sweep.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { accuracyTable } from '../../core/analysis/accuracyTable';
import {
  accuracyCsv,
  accuracyMarkdown,
  comparisonCsv,
  comparisonMarkdown,
  exportFileName,
} from '../../core/analysis/report';
import { compareRuns, type PairedJudged } from '../../core/analysis/comparison';
import { importAsRun } from '../../core/analysis/importAsRun';
import { analysisPredicate, hasAnalysis, sortKeyFor, type RowContext } from '../../core/analysis/rowFacts';
import { judgePair, verdictFromMargin } from '../../core/analysis/verdict';
import type { DatasetRecord } from '../../core/dataset/types';
import { untrustedRefusal } from '../../core/trust';
import type { ViewOptions } from '../../core/view/filteredView';
import { pct } from '../../core/format';
import { compileFilter as plainPredicate } from '../../core/view/rowFilter';
import {
  MessageType,
  type ComparisonResponseMessage,
  type DashboardResponseMessage,
  type EpsilonChoice,
  type FromWebview,
  type ProbeResponseMessage,
  type ProbeScores,
  type RowFilter,
  type ToWebviewMessage,
} from '../../protocol';
import type { AnalysisPart, OpenEditor, PreferenceEditorProvider } from '../preferenceEditorProvider';
import { runsFolders } from '../runLoader';
import { refuseUntrusted } from '../trust';
import { EditorAnalysis } from './analysisState';
import { ProbeScorer } from './probeScorer';
import { runSweep } from './sweepCommand';

type Saved = { current?: string; second?: string };

export class AnalysisHost implements AnalysisPart {
  private readonly states = new WeakMap<OpenEditor, EditorAnalysis>();
  readonly scorer = new ProbeScorer();
  private readonly status = vscode.window.createStatusBarItem(
    'rewardLens.accuracy',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private probeTicket = new WeakMap<OpenEditor, number>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly provider: PreferenceEditorProvider,
  ) {
    this.status.name = 'Reward Lens Accuracy';
    this.status.command = 'rewardLens.showDashboard';
  }

  register(): void {
    const p = this.provider;
    const cmd = (id: string, fn: (e: OpenEditor) => unknown) =>
      vscode.commands.registerCommand(id, () => {
        const e = p.activeEditor() ?? p.openEditors()[0];
        if (!e)
          return void vscode.window.showInformationMessage(
            'Open a preference file in Reward Lens first (Reopen Editor With… → Reward Lens).',
          );
        return fn(e);
      });
    this.context.subscriptions.push(
      this.status,
      this.scorer,
      cmd('rewardLens.chooseRun', (e) => this.chooseRun(e, 'current')),
      cmd('rewardLens.compareRuns', (e) => this.chooseRun(e, 'second')),
      cmd('rewardLens.importPredictions', (e) => this.importPredictions(e)),
      cmd('rewardLens.showDashboard', (e) => this.show(e, 'dashboard')),
      cmd('rewardLens.showComparison', (e) => this.show(e, 'comparison')),
      cmd('rewardLens.exportAccuracyTable', (e) => this.exportAccuracy(e)),
      cmd('rewardLens.exportComparison', (e) => this.exportComparison(e)),
      cmd('rewardLens.criteriaSweep', (e) => runSweep(this, e)),
      // From the "scoring finished" notification: judge with the new run, optionally showing its disagreements.
      vscode.commands.registerCommand(
        'rewardLens.useRun',
        (datasetPath: string, runFile: string, show?: 'disagreements') => this.useRun(datasetPath, runFile, show),
      ),
      vscode.window.tabGroups.onDidChangeTabs(() => this.updateStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
    );
  }

  state(editor: OpenEditor): EditorAnalysis {
    let s = this.states.get(editor);
    if (!s) {
      s = new EditorAnalysis(editor);
      this.states.set(editor, s);
      editor.document.onDidChangeContent(() => void this.refresh(editor));
      editor.panel.onDidChangeViewState(() => this.updateStatus());
    }
    return s;
  }

  private savedKey(editor: OpenEditor): string {
    return `rewardLens.runs:${editor.document.uri.fsPath}`;
  }

  async runsLoaded(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    s.threshold = vscode.workspace
      .getConfiguration('rewardLens', editor.document.uri)
      .get<number>('analysis.confidentThreshold', 0.9);
    await s.arrange(this.context.workspaceState.get<Saved>(this.savedKey(editor)) ?? {});
    this.send(editor);
    void this.refresh(editor);
  }

  /** Judged pairs and ε after runs or records changed; then the list refetches with the new verdicts. */
  private async refresh(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    if (!(await s.recompute().catch(() => false))) return;
    editor.session.invalidate();
    this.send(editor);
    this.updateStatus();
  }

  send(editor: OpenEditor, msg: ToWebviewMessage = this.stateMessage(editor)): void {
    editor.session.notify(msg);
  }

  stateMessage(editor: OpenEditor) {
    return this.state(editor).stateMessage();
  }

  judging(editor: OpenEditor): RowContext | undefined {
    return this.state(editor).context();
  }

  viewOptions(editor: OpenEditor, filter: RowFilter): ViewOptions | undefined {
    if (!hasAnalysis(filter)) return undefined;
    const s = this.state(editor);
    const ctx = s.context();
    const plain = {
      ...filter,
      show: undefined,
      modality: undefined,
      expr: undefined,
      sort: undefined,
      sortReverse: undefined,
      flipDirection: undefined,
    };
    const base = plainPredicate(plain);
    const extra = analysisPredicate(filter, ctx);
    return { keep: (r: DatasetRecord) => base(r) && extra(r), sortKey: sortKeyFor(filter, ctx) };
  }

  exportReport(editor: OpenEditor, msg: FromWebview<MessageType.ExportReport>): void {
    void this.export(msg.text, msg.fileName, msg.format, editor);
  }

  /** The dashboard's ε control: the list's verdicts, the status bar and the header follow it. */
  setEpsilon(editor: OpenEditor, epsilon: EpsilonChoice): void {
    const s = this.state(editor);
    s.epsilon = epsilon;
    s.updateEpsilons();
    editor.session.invalidate();
    this.send(editor);
    this.updateStatus();
  }

  async dashboard(editor: OpenEditor): Promise<DashboardResponseMessage> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && !s.current.judged) await s.recompute();
    return {
      type: MessageType.DashboardResponse,
      title: editor.document.fileName,
      run: s.current?.judged && {
        name: s.current.info.name,
        judged: s.current.judged,
        bradleyTerry: s.current.info.bradleyTerry,
      },
      baseline: s.baseline?.judged && { name: s.baseline.info.name, judged: s.baseline.judged, bradleyTerry: false },
      epsilon: s.epsilon,
    };
  }

  private pairedJudged(s: EditorAnalysis): PairedJudged[] | undefined {
    const a = s.current?.judged;
    const b = s.second?.judged;
    if (!a || !b) return undefined;
    const byIndex = new Map(b.map((j) => [j.index, j]));
    return a.map((j) => {
      const o = byIndex.get(j.index);
      const side = (x?: typeof j) =>
        x &&
        (x.failed
          ? { failed: true }
          : x.margin !== undefined
            ? { margin: x.margin }
            : x.verdict
              ? { verdict: x.verdict }
              : undefined);
      return { index: j.index, task: j.task, modality: j.modality, label: j.label, a: side(j), b: side(o) };
    });
  }

  async comparison(editor: OpenEditor): Promise<ComparisonResponseMessage> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.second && !s.second.judged) await s.recompute();
    const pairs = this.pairedJudged(s);
    const title = editor.document.fileName;
    if (!pairs)
      return {
        type: MessageType.ComparisonResponse,
        title,
        ok: false,
        message: 'Choose a second run to compare with: Reward Lens: Compare Runs…',
      };
    const ids: string[] = [];
    for (const r of [s.current!, s.second!]) for (const e of r.run.entries.values()) ids[e.index] ??= e.id;
    return {
      type: MessageType.ComparisonResponse,
      title,
      ok: true,
      pairs,
      currentName: s.current!.info.name,
      secondName: s.second!.info.name,
      ids,
    };
  }

  async probe(editor: OpenEditor, index: number, criterion: string): Promise<ProbeResponseMessage> {
    const ticket = (this.probeTicket.get(editor) ?? 0) + 1;
    this.probeTicket.set(editor, ticket);
    const s = this.state(editor);
    const head = { type: MessageType.ProbeResponse, index, criterion } as const;
    const fail = (message: string): ProbeResponseMessage => ({ ...head, ok: false, message });
    if (refuseUntrusted('rescore')) return fail(untrustedRefusal('rescore'));
    const run = s.current?.run;
    if (!run?.header)
      return fail('No run yet: score the file (Reward Lens: Score with Model…) or choose a run, then probe.');
    const why = ProbeScorer.cannotRescore(run.header.model.id, run.header.model.kind);
    if (why) return fail(why);
    const [record] = await editor.document.ds.readRecords(index, 1);
    if (record?.kind !== 'pair') return fail('This record is not a pair.');
    const eps = s.current!.epsilons[record.task ?? 'unknown'] ?? s.epsilon.epsilon ?? 0;
    const toView = (r: { scoreA: number; scoreB: number; margin: number } | { error: string }): ProbeScores =>
      'error' in r ? { ok: false, message: r.error } : { ok: true, ...r, verdict: verdictFromMargin(r.margin, eps) };
    // The run's scores count as "before" only when they were made for this pair as it is now (not stale).
    const judged = s.context().a;
    const before = judged && judgePair(record, judged);
    const haveBefore = before?.scoreA !== undefined && before.scoreB !== undefined;
    const items = [{ pair: record, criterion }, ...(haveBefore ? [] : [{ pair: record, criterion: record.criterion }])];
    const results = await this.scorer.margins(editor.document.uri, run.header.model.id, items, run.header.model.path);
    if (this.probeTicket.get(editor) !== ticket) return { ...head, ok: false, superseded: true };
    return {
      ...head,
      ok: true,
      model: s.current!.info.name,
      after: toView(results[0]),
      before: haveBefore
        ? toView({ scoreA: before.scoreA!, scoreB: before.scoreB!, margin: before.margin! })
        : toView(results[1]),
    };
  }

  private show(editor: OpenEditor, view: 'dashboard' | 'comparison' | 'sweep'): void {
    editor.panel.reveal();
    this.send(editor, { type: MessageType.ShowAnalysis, view });
  }

  private async chooseRun(editor: OpenEditor, which: 'current' | 'second'): Promise<void> {
    const s = this.state(editor);
    if (editor.runs.length === 0) {
      const go = await vscode.window.showInformationMessage(
        'Reward Lens: this file has no runs yet.',
        'Score with Model…',
        'Import Predictions…',
      );
      if (go === 'Score with Model…')
        void vscode.commands.executeCommand('rewardLens.scoreWithModel', editor.document.uri);
      if (go === 'Import Predictions…') void this.importPredictions(editor);
      return;
    }
    type Item = vscode.QuickPickItem & { id?: string };
    // A run compared with itself is an empty page: Compare Runs… offers only the other runs.
    const offered = which === 'second' ? editor.runs.filter((r) => r.id !== s.current?.run.id) : editor.runs;
    if (offered.length === 0) {
      const go = await vscode.window.showInformationMessage(
        `Reward Lens: ${editor.document.fileName} has one run (${s.current?.info.name ?? 'the current one'}); score it with another model to compare.`,
        'Score with Model…',
      );
      if (go) void vscode.commands.executeCommand('rewardLens.scoreWithModel', editor.document.uri);
      return;
    }
    const items: Item[] = offered.map((r) => ({
      label: r.model === 'length' ? 'length baseline' : r.model,
      description: `scored ${r.header.created.slice(0, 16).replace('T', ' ')} · ${path.basename(r.id)}`,
      detail: r.id === s.current?.run.id ? 'current run' : r.id === s.second?.run.id ? 'comparison run' : undefined,
      id: r.id,
    }));
    if (which === 'second') items.push({ label: 'No comparison', description: 'show one run only' });
    const pick = await vscode.window.showQuickPick(items, {
      title:
        which === 'current'
          ? `Judge ${editor.document.fileName} with which run?`
          : `Compare ${s.current?.info.name ?? 'the current run'} with which run?`,
    });
    if (!pick) return;
    const saved: Saved = { current: s.current?.run.id, second: s.second?.run.id, [which]: pick.id };
    if (which === 'current' && saved.second === pick.id) saved.second = undefined;
    await this.context.workspaceState.update(this.savedKey(editor), saved);
    await s.arrange(saved);
    this.send(editor);
    await this.refresh(editor);
    if (which === 'second' && pick.id) this.show(editor, 'comparison');
  }

  /** Makes `runFile` the current run of every open editor of `datasetPath`; `show` sets the list's filter too. */
  async useRun(datasetPath: string, runFile: string, show?: 'disagreements'): Promise<void> {
    await this.provider.reloadRuns(vscode.Uri.file(datasetPath));
    for (const editor of this.provider.openEditors().filter((e) => e.document.uri.fsPath === datasetPath)) {
      const run = editor.runs.find((r) => path.resolve(r.id) === path.resolve(runFile));
      if (!run) continue;
      const s = this.state(editor);
      const saved: Saved = { current: run.id, second: s.second?.run.id === run.id ? undefined : s.second?.run.id };
      await this.context.workspaceState.update(this.savedKey(editor), saved);
      await s.arrange(saved);
      this.send(editor);
      await this.refresh(editor);
      editor.panel.reveal();
      if (show === 'disagreements') editor.session.runAction('showDisagreements');
    }
  }

  private async importPredictions(editor: OpenEditor): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      title: 'Import predictions made elsewhere',
      filters: { Predictions: ['jsonl', 'json'] },
    });
    const file = picked?.[0];
    if (!file) return;
    await editor.document.indexed;
    try {
      const { id, entries, problems } = await importAsRun(
        editor.document.ds,
        file.fsPath,
        runsFolders(editor.document.uri.fsPath)[0],
      );
      await this.provider.reloadRuns(editor.document.uri);
      const msg = `Reward Lens: imported ${entries.toLocaleString()} predictions from ${path.basename(file.fsPath)} as run "${id}".`;
      if (problems.length) {
        const more = await vscode.window.showWarningMessage(
          `${msg} ${problems.length} could not be used (first: ${problems[0]}).`,
          'Compare with It',
        );
        if (more) await this.chooseRun(editor, 'second');
      } else {
        const go = await vscode.window.showInformationMessage(msg, 'Compare with It');
        if (go) await this.chooseRun(editor, 'second');
      }
    } catch (e) {
      void vscode.window.showErrorMessage(
        `Reward Lens: cannot import ${path.basename(file.fsPath)}: ${e instanceof Error ? e.message : e}`,
      );
    }
  }

  private async exportAccuracy(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && !s.current.judged) await s.recompute();
    if (!s.current?.judged)
      return void vscode.window.showInformationMessage('Reward Lens: no run to export; score the file first.');
    const table = accuracyTable(s.current.judged, s.epsilon);
    const format = await pickFormat();
    if (!format) return;
    const text =
      format === 'markdown'
        ? accuracyMarkdown(table, `${s.current.info.name} on ${editor.document.fileName}`)
        : accuracyCsv(table);
    await this.export(text, exportFileName(editor.document.fileName, 'accuracy', format), format, editor);
  }

  private async exportComparison(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && (!s.current.judged || (s.second && !s.second.judged))) await s.recompute();
    const pairs = this.pairedJudged(s);
    if (!pairs)
      return void vscode.window.showInformationMessage(
        'Reward Lens: choose a second run first (Reward Lens: Compare Runs…).',
      );
    const format = await pickFormat();
    if (!format) return;
    const cmp = compareRuns(pairs, s.epsilon);
    const text =
      format === 'markdown' ? comparisonMarkdown(cmp, s.current!.info.name, s.second!.info.name) : comparisonCsv(cmp);
    await this.export(text, exportFileName(editor.document.fileName, 'comparison', format), format, editor);
  }

  /** Copies a report or saves it beside the data file. */
  async export(text: string, fileName: string, format: 'markdown' | 'csv', editor: OpenEditor): Promise<void> {
    const what = format === 'markdown' ? 'Markdown' : 'CSV';
    const pick = await vscode.window.showQuickPick([`Copy ${what} to the Clipboard`, `Save ${what} As…`], {
      title: `Export ${fileName}`,
    });
    if (!pick) return;
    if (pick.startsWith('Copy')) {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(`Reward Lens: ${what} copied to the clipboard.`);
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(editor.document.uri, '..', fileName),
      filters: { [what]: [format === 'markdown' ? 'md' : 'csv'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(`Reward Lens: saved ${path.basename(target.fsPath)}.`);
  }

  /** The status bar: the current run's accuracy on the focused file. */
  updateStatus(): void {
    const editor = this.provider.activeEditor();
    const s = editor && this.states.get(editor);
    if (!editor || !s?.current || !s.accuracy) {
      this.status.hide();
      return;
    }
    this.status.text = `$(graph) ${s.current.info.name}: ${pct(s.accuracy.withTies, 1, '%')} · ${pct(s.accuracy.withoutTies, 1, '%')} w/o ties`;
    this.status.tooltip = `Accuracy of ${s.current.info.name} on ${editor.document.fileName}: with ties ${pct(s.accuracy.withTies, 1, '%')}, without ties ${pct(s.accuracy.withoutTies, 1, '%')} (mean over tasks${s.epsilon.epsilon === undefined ? ', ε calibrated per task' : `, ε = ${s.epsilon.epsilon}`}). Click for the dashboard.`;
    this.status.show();
  }
}

async function pickFormat(): Promise<'markdown' | 'csv' | undefined> {
  const pick = await vscode.window.showQuickPick(['Markdown', 'CSV'], { title: 'Export as' });
  return pick === 'Markdown' ? 'markdown' : pick === 'CSV' ? 'csv' : undefined;
}

export function registerAnalysis(context: vscode.ExtensionContext, provider: PreferenceEditorProvider): AnalysisHost {
  const host = new AnalysisHost(context, provider);
  host.register();
  return host;
}
