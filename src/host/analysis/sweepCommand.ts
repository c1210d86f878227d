// "Reward Lens: Criteria Sweep…": rescore the pairs the list shows under criterion variants (none, original,
// opposite, custom templates) with the current run's model, as a cancellable background job; the result is
// stored beside the runs (JSON) and shown in the editor's sweep view.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_VARIANTS, runCriteriaSweep, type CriterionVariant } from '../../core/analysis/criteriaSweep';
import type { PreferencePair } from '../../core/dataset/types';
import { FilteredView } from '../../core/view/filteredView';
import { MessageType } from '../../protocol';
import { DatasetSource } from '../datasetSource';
import type { OpenEditor } from '../preferenceEditorProvider';
import { runsFolders } from '../runLoader';
import { refuseUntrusted } from '../trust';
import type { AnalysisHost } from './index';
import { ProbeScorer } from './probeScorer';

function variants(uri: vscode.Uri): CriterionVariant[] {
  const config = vscode.workspace.getConfiguration('rewardLens', uri);
  const opposite = config.get<string>('sweep.oppositeTemplate') || DEFAULT_VARIANTS[2].template!;
  const custom = (config.get<string[]>('sweep.customTemplates') ?? []).filter(
    (t) => typeof t === 'string' && t.includes('{criteria}'),
  );
  return [
    DEFAULT_VARIANTS[0],
    DEFAULT_VARIANTS[1],
    { id: 'opposite', name: 'opposite', kind: 'template', template: opposite },
    ...custom.map((template, i): CriterionVariant => ({
      id: `custom${i + 1}`,
      name: `custom ${i + 1}`,
      kind: 'template',
      template,
    })),
  ];
}

export async function runSweep(host: AnalysisHost, editor: OpenEditor): Promise<void> {
  if (refuseUntrusted('rescore')) return;
  const s = host.state(editor);
  const run = s.current?.run;
  if (!run?.header)
    return void vscode.window.showInformationMessage(
      "Reward Lens: score the file first; the sweep rescores with the current run's model.",
    );
  const why = ProbeScorer.cannotRescore(run.header.model.id, run.header.model.kind);
  if (why) return void vscode.window.showWarningMessage(`Reward Lens: ${why}.`);
  const all = variants(editor.document.uri);
  const picked = await vscode.window.showQuickPick(
    all
      .filter((v) => v.id !== 'original')
      .map((v) => ({
        label: v.name,
        description: v.kind === 'template' ? v.template : 'the criterion removed',
        picked: true,
        v,
      })),
    {
      canPickMany: true,
      title: `Criteria sweep with ${s.current!.info.name}: which variants (compared with the original criterion)?`,
    },
  );
  if (!picked?.length) return;
  const filter = editor.session.filter; // the sweep's slice: the rows the list shows
  await editor.document.indexed;
  const view = new FilteredView(
    new DatasetSource(() => editor.document.ds),
    filter,
    () => {},
    () => Promise.resolve(),
    editor.session.viewOptions(filter),
  );
  await view.pump();
  const indices = view.slice(0, view.total);
  const pairs: PreferencePair[] = [];
  for (const i of indices) {
    const [r] = await editor.document.ds.readRecords(i, 1);
    if (r?.kind === 'pair') pairs.push(r);
  }
  if (pairs.length === 0)
    return void vscode.window.showInformationMessage('Reward Lens: the list shows no pairs to sweep.');
  const slice = Object.keys(filter).length ? `${pairs.length} pairs the list shows` : `all ${pairs.length} pairs`;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Criteria sweep of ${editor.document.fileName} with ${s.current!.info.name}`,
      cancellable: true,
    },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      let last = 0;
      try {
        const result = await runCriteriaSweep(
          pairs,
          picked.map((p) => p.v),
          async (items) =>
            (await host.scorer.margins(editor.document.uri, run.header!.model.id, items, run.header!.model.path)).map(
              (r) => ('error' in r ? r : { margin: r.margin }),
            ),
          {
            signal: ac.signal,
            batchSize: 16,
            onProgress: (done, total) => {
              const pct = (100 * done) / total;
              progress.report({ message: `${done} / ${total} scorings`, increment: pct - last });
              last = pct;
            },
          },
        );
        const folder = runsFolders(editor.document.uri.fsPath)[0];
        await fs.promises.mkdir(folder, { recursive: true });
        const file = path.join(
          folder,
          `${path.basename(editor.document.fileName)}.${run.header!.model.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.sweep-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
        );
        const stored = {
          type: 'criteria-sweep',
          dataset: editor.document.uri.fsPath,
          run: run.id,
          model: run.header!.model.id,
          slice,
          filter,
          created: new Date().toISOString(),
          variants: result.variants,
          cells: result.cells,
          margins: Object.fromEntries(result.margins),
        };
        await fs.promises.writeFile(file, JSON.stringify(stored, null, 1));
        host.send(editor, {
          type: MessageType.SweepResult,
          variants: result.variants,
          cells: result.cells,
          modelName: s.current!.info.name,
          slice,
        });
        host.send(editor, { type: MessageType.ShowAnalysis, view: 'sweep' });
      } catch (e) {
        if (ac.signal.aborted) return;
        void vscode.window.showErrorMessage(
          `Reward Lens: the criteria sweep failed: ${e instanceof Error ? e.message : e}`,
        );
      }
    },
  );
}
