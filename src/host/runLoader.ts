// Runs that belong to a dataset: run files under the workspace's runs folder whose header names this file.
// Listing reads each file's header line only; a run's entries are read when the analysis chooses it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readPreviousRun, readRunHeader, runsFolder } from '../core/scoring/runStore';
import type { RunHeader } from '../core/scoring/run';
import type { LoadedRun } from '../core/view/rowView';

/** A run file of this dataset, known by its header. */
export interface RunListing {
  /** The run file's path. */
  id: string;
  model: string;
  header: RunHeader;
}

/** The dataset's runs, newest first; files that are not runs (or whose header is invalid) are skipped. */
export async function listRunsFor(datasetPath: string): Promise<RunListing[]> {
  const target = path.resolve(datasetPath);
  const runs: (RunListing & { mtime: number })[] = [];
  for (const folder of runsFolders(datasetPath)) {
    let names: string[];
    try {
      names = (await fs.promises.readdir(folder)).filter((n) => n.endsWith('.jsonl'));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const read = await readRunHeader(file);
      if (!read.ok || path.resolve(folder, read.header.dataset.path) !== target) continue;
      const mtime = (await fs.promises.stat(file).catch(() => undefined))?.mtimeMs ?? 0;
      runs.push({ id: file, model: read.header.model.id, header: read.header, mtime });
    }
  }
  return runs.sort((a, b) => b.mtime - a.mtime).map(({ mtime: _m, ...r }) => r);
}

/** A listed run with its entries (a torn last line, from a scoring still writing, is left out). */
export async function loadRun(listing: RunListing): Promise<LoadedRun | undefined> {
  const run = await readPreviousRun(listing.id);
  return run && { id: listing.id, model: run.header.model.id, header: run.header, entries: run.entries };
}

/** Where runs live: each workspace folder's runs folder (setting or `.reward-lens/runs`), else next to the file. */
export function runsFolders(datasetPath: string): string[] {
  const uri = vscode.Uri.file(datasetPath);
  const setting = vscode.workspace.getConfiguration('rewardLens', uri).get<string>('runsFolder');
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  if (roots.length === 0) roots.push(path.dirname(datasetPath));
  return [...new Set(roots.map((r) => runsFolder(r, setting)))];
}
