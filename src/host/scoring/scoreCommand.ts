// "Reward Lens: Score with Model…": pick a model, score the active preference file into a run with a cancellable
// progress notification; details go to the output channel, failures to a notification a user can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Dataset } from '../../core/dataset/dataset';
import { datasetPairSource, scoreDataset, type ScoreProgress } from '../../core/scoring/scoreDataset';
import { runFileName } from '../../core/scoring/runStore';
import { ModelLoadError } from '../../core/scoring/scorer';
import { WorkerPool } from '../../core/scoring/workerPool';
import { refuseUntrusted } from '../trust';
import { formatEta } from '../../core/format';
import { scoringSettings } from './scoringSettings';

export interface RunListener {
  (datasetPath: string, runFile: string): void;
}

/** The file to score: the command's argument, else the active tab (custom editor or text editor). */
function activeDataset(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

const etaText = (seconds: number | undefined) => {
  const eta = formatEta(seconds);
  return eta ? `, ${eta} left` : '';
};

export class ScoreCommand {
  /** Runs in progress, by run file: one model over one file at a time. */
  private readonly active = new Set<string>();

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly onRun: RunListener,
  ) {}

  async run(arg?: unknown): Promise<void> {
    if (refuseUntrusted('score')) return;
    let uri = activeDataset(arg);
    if (!uri || uri.scheme !== 'file') {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'Preference files': ['jsonl', 'json'] },
        title: 'Score which preference file?',
      });
      uri = picked?.[0];
      if (!uri) return;
    }
    const settings = scoringSettings(uri);
    for (const p of settings.problems) this.output.appendLine(`settings: ${p}`);
    const pick = await vscode.window.showQuickPick(
      settings.models.map((m) => ({ label: m.label, description: m.description, choice: m })),
      {
        title: `Score ${path.basename(uri.fsPath)} with…`,
        placeHolder: 'Models from rewardLens.models, the default model, the length baseline',
      },
    );
    if (!pick) return;
    const ref = pick.choice.ref;
    const runFile = path.join(settings.runsFolder, runFileName(uri.fsPath, ref.id));
    if (this.active.has(runFile)) {
      void vscode.window.showInformationMessage(
        `Reward Lens: ${path.basename(uri.fsPath)} is already being scored with ${ref.id}.`,
      );
      return;
    }
    this.active.add(runFile);
    try {
      await this.score(uri, ref, runFile, settings);
    } finally {
      this.active.delete(runFile);
    }
  }

  private async score(
    uri: vscode.Uri,
    ref: Parameters<typeof WorkerPool.start>[0],
    runFile: string,
    settings: ReturnType<typeof scoringSettings>,
  ): Promise<void> {
    const name = path.basename(uri.fsPath);
    const log = (s: string) => this.output.appendLine(`[${new Date().toISOString()}] ${s}`);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Scoring ${name} with ${ref.id}`, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        let pool: WorkerPool | undefined;
        try {
          progress.report({ message: 'loading the model…' });
          log(
            `scoring ${uri.fsPath} with ${ref.id}${ref.path ? ` (${ref.path})` : ''}: ${settings.workers} worker(s) × ${settings.intraOpThreads} thread(s), batch ${settings.batchSize}`,
          );
          const [ds, started] = await Promise.all([
            Dataset.open(uri.fsPath, { signal: ac.signal }),
            WorkerPool.start(ref, { workers: settings.workers, intraOpThreads: settings.intraOpThreads }),
          ]);
          pool = started;
          log(`model ${pool.info.id}: ${pool.info.kind}, hash ${pool.info.hash}; template: ${pool.info.template}`);
          if (!ds.format) log(`no format recognised in ${name}: every record will be an error`);
          let lastPct = 0;
          const onProgress = (p: ScoreProgress) => {
            const pct = p.total ? (100 * p.done) / p.total : 0;
            progress.report({
              message: `${p.done.toLocaleString()} / ${(p.total ?? 0).toLocaleString()} pairs, ${p.rate.toFixed(1)}/s${etaText(p.etaSeconds)}`,
              increment: Math.max(0, pct - lastPct),
            });
            lastPct = pct;
          };
          const res = await scoreDataset({
            source: datasetPairSource(ds),
            scorer: pool,
            runFile,
            cacheFolder: settings.runsFolder,
            model: { id: ref.id, path: ref.path },
            batchSize: settings.batchSize,
            inFlight: settings.workers * 2 + 1,
            mediaRoots: settings.mediaRoots,
            signal: ac.signal,
            onProgress,
          });
          log(
            `${res.cancelled ? 'cancelled' : 'done'}: ${res.done}/${res.total} records (${res.scored} scored, ${res.reused} reused, ${res.errors} errors) → ${res.runFile}`,
          );
          if (fs.existsSync(res.runFile)) this.onRun(uri.fsPath, res.runFile);
          if (res.cancelled || !fs.existsSync(res.runFile)) return;
          // Say it is done, and offer the next steps: judge with this run, and look at where it disagrees.
          const failed =
            res.errors > 0
              ? ` ${res.errors.toLocaleString('en-US')} could not be scored (each says why in the run).`
              : '';
          const notify = (m: string, ...actions: string[]) =>
            res.errors > 0
              ? vscode.window.showWarningMessage(m, ...actions)
              : vscode.window.showInformationMessage(m, ...actions);
          const total = res.total ?? res.done;
          void notify(
            `Reward Lens: scored ${(total - res.errors).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} pairs in ${name} with ${ref.id}.${failed}`,
            'Show Disagreements',
            'Use This Run',
            ...(res.errors > 0 ? ['Show Output'] : []),
          ).then((a) => {
            if (a === 'Show Output') this.output.show(true);
            else if (a)
              void vscode.commands.executeCommand(
                'rewardLens.useRun',
                uri.fsPath,
                res.runFile,
                a === 'Show Disagreements' ? 'disagreements' : undefined,
              );
          });
        } catch (e) {
          if (ac.signal.aborted) {
            log('cancelled');
            return;
          }
          const message =
            e instanceof ModelLoadError
              ? `cannot load model "${ref.id}": ${e.message}`
              : e instanceof Error
                ? e.message
                : String(e);
          log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
          const action = await vscode.window.showErrorMessage(
            `Reward Lens: ${message}`,
            'Open Settings',
            'Show Output',
          );
          if (action === 'Open Settings')
            void vscode.commands.executeCommand('workbench.action.openSettings', 'rewardLens.models');
          if (action === 'Show Output') this.output.show(true);
        } finally {
          await pool?.dispose();
        }
      },
    );
  }
}
