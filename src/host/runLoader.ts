// Runs that belong to a dataset: run files under the workspace's runs folder whose header names this file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readPreviousRun, runsFolder } from '../core/scoring/runStore';
import type { LoadedRun } from '../core/view/rowView';

export async function loadRunsFor(datasetPath: string): Promise<LoadedRun[]> {
  const target = path.resolve(datasetPath);
  const runs: (LoadedRun & { mtime: number })[] = [];
  for (const folder of runsFolders(datasetPath)) {
    let names: string[];
    try {
      names = (await fs.promises.readdir(folder)).filter((n) => n.endsWith('.jsonl'));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const run = await readPreviousRun(file).catch(() => undefined);
      if (!run || path.resolve(folder, run.header.dataset?.path ?? '') !== target) continue;
      const mtime = (await fs.promises.stat(file).catch(() => undefined))?.mtimeMs ?? 0;
      runs.push({ id: file, model: run.header.model.id, entries: run.entries, header: run.header, mtime });
    }
  }
  // Newest first: the list shows the first run's verdicts.
  return runs.sort((a, b) => b.mtime - a.mtime).map(({ mtime: _m, ...r }) => r);
}

/** Where runs live: each workspace folder's runs folder (setting or `.reward-lens/runs`), else next to the file. */
export function runsFolders(datasetPath: string): string[] {
  const uri = vscode.Uri.file(datasetPath);
  const setting = vscode.workspace.getConfiguration('rewardLens', uri).get<string>('runsFolder');
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  if (roots.length === 0) roots.push(path.dirname(datasetPath));
  return [...new Set(roots.map((r) => runsFolder(r, setting)))];
}
