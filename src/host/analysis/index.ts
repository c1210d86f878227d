// Analysis in the custom editor (issues 6 and 7): which runs the list judges with, run-aware filters and
// sorts, the dashboard and comparison data, exports, the status bar, the criterion probe and the sweep.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { accuracyTable } from '../../core/analysis/accuracyTable';
import { accuracyCsv, accuracyMarkdown, comparisonCsv, comparisonMarkdown, exportFileName } from '../../core/analysis/report';
import { compareRuns, type PairedJudged } from '../../core/analysis/comparison';
import { importAsRun } from '../../core/analysis/importAsRun';
import { analysisPredicate, hasAnalysis, rowFacts, sortKeyFor } from '../../core/analysis/rowFacts';
import { verdictFromMargin } from '../../core/analysis/verdict';
import type { DatasetRecord } from '../../core/dataset/types';
import { pct } from '../../core/format';
import { compileFilter as plainPredicate } from '../../core/view/rowFilter';
import { MessageType, type FromWebviewMessage, type ProbeResponseMessage, type RowFilter, type RowView, type ToWebviewMessage } from '../../protocol';
import type { OpenEditor, PreferenceEditorProvider } from '../preferenceEditorProvider';
import { runsFolders } from '../runLoader';
import { EditorAnalysis } from './analysisState';
import { ProbeScorer } from './probeScorer';
import { lastFilter, runSweep } from './sweepCommand';

type Saved = { current?: string; second?: string };

export class AnalysisHost {
  private readonly states = new WeakMap<OpenEditor, EditorAnalysis>();
  readonly scorer = new ProbeScorer();
  private readonly status = vscode.window.createStatusBarItem('rewardLens.accuracy', vscode.StatusBarAlignment.Left, 50);
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
    p.sessionAnalysis = (editor) => ({
      decorateRow: (row, record) => this.decorateRow(editor, row, record),
      viewOptions: (filter) => this.viewOptions(editor, filter),
    });
    const cmd = (id: string, fn: (e: OpenEditor) => unknown) =>
      vscode.commands.registerCommand(id, () => {
        const e = p.activeEditor() ?? p.openEditors()[0];
        if (!e) return void vscode.window.showInformationMessage('Open a preference file in Reward Lens first (Reopen Editor With… → Reward Lens).');
        return fn(e);
      });
    this.context.subscriptions.push(
      this.status,
      this.scorer,
      p.addRunsHook((e) => this.runsLoaded(e)),
      p.addMessageHook((e, m) => this.handle(e, m)),
      cmd('rewardLens.chooseRun', (e) => this.chooseRun(e, 'current')),
      cmd('rewardLens.compareRuns', (e) => this.chooseRun(e, 'second')),
      cmd('rewardLens.importPredictions', (e) => this.importPredictions(e)),
      cmd('rewardLens.showDashboard', (e) => this.show(e, 'dashboard')),
      cmd('rewardLens.showComparison', (e) => this.show(e, 'comparison')),
      cmd('rewardLens.exportAccuracyTable', (e) => this.exportAccuracy(e)),
      cmd('rewardLens.exportComparison', (e) => this.exportComparison(e)),
      cmd('rewardLens.criteriaSweep', (e) => runSweep(this, e)),
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

  private async runsLoaded(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    s.threshold = vscode.workspace.getConfiguration('rewardLens', editor.document.uri).get<number>('analysis.confidentThreshold', 0.9);
    s.arrange(this.context.workspaceState.get<Saved>(this.savedKey(editor)) ?? {});
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

  send(editor: OpenEditor, msg: ToWebviewMessage = this.state(editor).stateMessage()): void {
    editor.session.notify(msg);
  }

  private decorateRow(editor: OpenEditor, row: RowView, record: DatasetRecord): void {
    const s = this.states.get(editor);
    if (!s?.current || record.kind !== 'pair') return;
    const f = rowFacts(record, s.context());
    row.verdict = f.verdict;
    row.margin = f.margin;
    row.agrees = f.correct;
    if (f.pOpposite !== undefined && f.disagree) row.pOpposite = f.pOpposite;
    if (s.second) {
      row.verdictB = f.verdictB;
      row.marginB = f.marginB;
      row.agreesB = f.correctB;
      row.flip = f.flip;
    }
  }

  private viewOptions(editor: OpenEditor, filter: RowFilter) {
    if (!hasAnalysis(filter)) return undefined;
    const s = this.state(editor);
    const ctx = s.context();
    const plain = { ...filter, show: undefined, modality: undefined, expr: undefined, sort: undefined, sortReverse: undefined, flipDirection: undefined };
    const base = plainPredicate(plain);
    const extra = analysisPredicate(filter, ctx);
    return { keep: (r: DatasetRecord) => base(r) && extra(r), sortKey: sortKeyFor(filter, ctx) };
  }

  private handle(editor: OpenEditor, msg: FromWebviewMessage): Promise<ToWebviewMessage | undefined> | undefined {
    switch (msg.type) {
      case MessageType.ReadyRequest:
        // The session answers; the state follows once it has marked the webview ready.
        setTimeout(() => this.send(editor), 0);
        return undefined;
      case MessageType.GetRows:
        lastFilter.set(editor, msg.filter);
        return undefined;
      case MessageType.GetDashboard:
        return this.dashboard(editor);
      case MessageType.GetComparison:
        return this.comparison(editor);
      case MessageType.ExportReport:
        void this.export(msg.text, msg.fileName, msg.format, editor);
        return Promise.resolve(undefined);
      case MessageType.ProbeCriterion:
        return this.probe(editor, msg.index, msg.criterion);
      case MessageType.SetEpsilon: {
        const s = this.state(editor);
        s.epsilon = msg.epsilon;
        s.updateEpsilons();
        editor.session.invalidate();
        this.send(editor);
        this.updateStatus();
        return Promise.resolve(undefined);
      }
      default:
        return undefined;
    }
  }

  private async dashboard(editor: OpenEditor): Promise<ToWebviewMessage> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && !s.current.judged) await s.recompute();
    return {
      type: MessageType.DashboardResponse,
      title: editor.document.fileName,
      run: s.current?.judged && { name: s.current.info.name, judged: s.current.judged, bradleyTerry: s.current.info.bradleyTerry },
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
      const side = (x?: typeof j) => x && (x.failed ? { failed: true } : x.margin !== undefined ? { margin: x.margin } : x.verdict ? { verdict: x.verdict } : undefined);
      return { index: j.index, task: j.task, modality: j.modality, label: j.label, a: side(j), b: side(o) };
    });
  }

  private async comparison(editor: OpenEditor): Promise<ToWebviewMessage> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.second && !s.second.judged) await s.recompute();
    const pairs = this.pairedJudged(s);
    if (!pairs) return { type: MessageType.ComparisonResponse, title: editor.document.fileName, message: 'Choose a second run to compare with: Reward Lens: Compare Runs…' };
    const ids: string[] = [];
    for (const r of editor.runs) for (const e of r.entries.values()) ids[e.index] ??= e.id;
    return { type: MessageType.ComparisonResponse, title: editor.document.fileName, pairs, nameA: s.current!.info.name, nameB: s.second!.info.name, ids };
  }

  private async probe(editor: OpenEditor, index: number, criterion: string): Promise<ProbeResponseMessage> {
    const ticket = (this.probeTicket.get(editor) ?? 0) + 1;
    this.probeTicket.set(editor, ticket);
    const s = this.state(editor);
    const reply: ProbeResponseMessage = { type: MessageType.ProbeResponse, index, criterion };
    const run = s.current?.run;
    if (!run?.header) return { ...reply, message: 'No run yet: score the file (Reward Lens: Score with Model…) or choose a run, then probe.' };
    reply.model = s.current!.info.name;
    const why = ProbeScorer.cannotRescore(run.header.model.id, run.header.model.kind);
    if (why) return { ...reply, message: why };
    const [record] = await editor.document.ds.readRecords(index, 1);
    if (record?.kind !== 'pair') return { ...reply, message: 'This record is not a pair.' };
    const eps = s.epsilon.epsilon ?? s.current!.epsilons[record.task ?? 'unknown'] ?? 0;
    const entry = run.entries.get(index);
    const toView = (r: { scoreA: number; scoreB: number; margin: number } | { error: string }) =>
      'error' in r ? { error: r.error } : { ...r, verdict: verdictFromMargin(r.margin, eps) };
    const needBefore = !(typeof entry?.score_a === 'number' && typeof entry?.score_b === 'number');
    const items = [{ pair: record, criterion }, ...(needBefore ? [{ pair: record, criterion: record.criterion }] : [])];
    const results = await this.scorer.margins(editor.document.uri, run.header.model.id, items, run.header.model.path);
    if (this.probeTicket.get(editor) !== ticket) return { ...reply, message: 'superseded' };
    reply.after = toView(results[0]);
    reply.before = needBefore
      ? toView(results[1])
      : toView({ scoreA: entry.score_a!, scoreB: entry.score_b!, margin: entry.score_a! - entry.score_b! });
    return reply;
  }

  private show(editor: OpenEditor, view: 'dashboard' | 'comparison' | 'sweep'): void {
    editor.panel.reveal();
    this.send(editor, { type: MessageType.ShowAnalysis, view });
  }

  private async chooseRun(editor: OpenEditor, which: 'current' | 'second'): Promise<void> {
    const s = this.state(editor);
    if (editor.runs.length === 0) {
      const go = await vscode.window.showInformationMessage('Reward Lens: this file has no runs yet.', 'Score with Model…', 'Import Predictions…');
      if (go === 'Score with Model…') void vscode.commands.executeCommand('rewardLens.scoreWithModel', editor.document.uri);
      if (go === 'Import Predictions…') void this.importPredictions(editor);
      return;
    }
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = editor.runs.map((r) => ({
      label: r.model === 'length' ? 'length baseline' : r.model,
      description: `${r.entries.size.toLocaleString()} entries · ${path.basename(r.id)}`,
      detail: r.id === s.current?.run.id ? 'current run' : r.id === s.second?.run.id ? 'comparison run' : undefined,
      id: r.id,
    }));
    if (which === 'second') items.push({ label: 'No comparison', description: 'show one run only' });
    const pick = await vscode.window.showQuickPick(items, {
      title: which === 'current' ? `Judge ${editor.document.fileName} with which run?` : `Compare ${s.current?.info.name ?? 'the current run'} with which run?`,
    });
    if (!pick) return;
    const saved: Saved = { current: s.current?.run.id, second: s.second?.run.id, [which]: pick.id };
    if (which === 'current' && saved.second === pick.id) saved.second = undefined;
    await this.context.workspaceState.update(this.savedKey(editor), saved);
    s.arrange(saved);
    this.send(editor);
    await this.refresh(editor);
    if (which === 'second' && pick.id) this.show(editor, 'comparison');
  }

  private async importPredictions(editor: OpenEditor): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Import predictions made elsewhere', filters: { Predictions: ['jsonl', 'json'] } });
    const file = picked?.[0];
    if (!file) return;
    await editor.document.indexed;
    try {
      const { id, entries, problems } = await importAsRun(editor.document.ds, file.fsPath, runsFolders(editor.document.uri.fsPath)[0]);
      await this.provider.reloadRuns(editor.document.uri);
      const msg = `Reward Lens: imported ${entries.toLocaleString()} predictions from ${path.basename(file.fsPath)} as run "${id}".`;
      if (problems.length) {
        const more = await vscode.window.showWarningMessage(`${msg} ${problems.length} could not be used (first: ${problems[0]}).`, 'Compare with It');
        if (more) await this.chooseRun(editor, 'second');
      } else {
        const go = await vscode.window.showInformationMessage(msg, 'Compare with It');
        if (go) await this.chooseRun(editor, 'second');
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`Reward Lens: cannot import ${path.basename(file.fsPath)}: ${e instanceof Error ? e.message : e}`);
    }
  }

  private async exportAccuracy(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && !s.current.judged) await s.recompute();
    if (!s.current?.judged) return void vscode.window.showInformationMessage('Reward Lens: no run to export; score the file first.');
    const table = accuracyTable(s.current.judged, s.epsilon);
    const format = await pickFormat();
    if (!format) return;
    const text = format === 'markdown' ? accuracyMarkdown(table, `${s.current.info.name} on ${editor.document.fileName}`) : accuracyCsv(table);
    await this.export(text, exportFileName(editor.document.fileName, 'accuracy', format), format, editor);
  }

  private async exportComparison(editor: OpenEditor): Promise<void> {
    const s = this.state(editor);
    await editor.document.indexed;
    if (s.current && (!s.current.judged || (s.second && !s.second.judged))) await s.recompute();
    const pairs = this.pairedJudged(s);
    if (!pairs) return void vscode.window.showInformationMessage('Reward Lens: choose a second run first (Reward Lens: Compare Runs…).');
    const format = await pickFormat();
    if (!format) return;
    const cmp = compareRuns(pairs, s.epsilon);
    const text = format === 'markdown' ? comparisonMarkdown(cmp, s.current!.info.name, s.second!.info.name) : comparisonCsv(cmp);
    await this.export(text, exportFileName(editor.document.fileName, 'comparison', format), format, editor);
  }

  /** Copies a report or saves it beside the data file. */
  async export(text: string, fileName: string, format: 'markdown' | 'csv', editor: OpenEditor): Promise<void> {
    const what = format === 'markdown' ? 'Markdown' : 'CSV';
    const pick = await vscode.window.showQuickPick([`Copy ${what} to the Clipboard`, `Save ${what} As…`], { title: `Export ${fileName}` });
    if (!pick) return;
    if (pick.startsWith('Copy')) {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(`Reward Lens: ${what} copied to the clipboard.`);
      return;
    }
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(editor.document.uri, '..', fileName), filters: { [what]: [format === 'markdown' ? 'md' : 'csv'] } });
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
