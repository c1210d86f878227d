// Scoring settings, read fresh for each run: models, batch size, threads, runs folder.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ffmpegCoreFolderFromSetting } from '../../core/scoring/ffmpegWasm';
import { runsFolder } from '../../core/scoring/runStore';
import { defaultThreads } from '../../core/scoring/workerPool';
import { modelChoices, type ModelChoice } from './modelChoices';

export interface ScoringSettings {
  models: ModelChoice[];
  problems: string[];
  batchSize: number;
  workers: number;
  intraOpThreads: number;
  runsFolder: string;
  mediaRoots: string[];
}

// What VS Code was started with, so clearing the setting falls back to it.
const launchFfmpegCore = process.env.REWARD_LENS_FFMPEG_CORE;

export function scoringSettings(datasetUri: vscode.Uri): ScoringSettings {
  const config = vscode.workspace.getConfiguration('rewardLens', datasetUri);
  const root = vscode.workspace.getWorkspaceFolder(datasetUri)?.uri.fsPath ?? path.dirname(datasetUri.fsPath);
  const { choices, problems } = modelChoices(config.get('models'), root);
  const threads = config.get<number>('scoring.threads', 0);
  const split = defaultThreads(Number.isInteger(threads) && threads > 0 ? threads : undefined);
  const batch = config.get<number>('scoring.batchSize', 8);
  const roots = config.get<string[]>('mediaRoots', []).filter((r) => typeof r === 'string' && r.trim() !== '');
  // Workers inherit the environment: this is how they find a user-installed (GPL) @ffmpeg/core. Only the
  // user's own value counts: a workspace's settings must never name code that Reward Lens then runs.
  const ffmpegCore = ffmpegCoreFolderFromSetting(config.inspect<string>('ffmpegCorePath')?.globalValue);
  if (!ffmpegCore.ok) problems.push(ffmpegCore.message);
  else if (ffmpegCore.value) process.env.REWARD_LENS_FFMPEG_CORE = ffmpegCore.value;
  else if (launchFfmpegCore === undefined) delete process.env.REWARD_LENS_FFMPEG_CORE;
  else process.env.REWARD_LENS_FFMPEG_CORE = launchFfmpegCore;
  return {
    models: choices,
    problems,
    batchSize: Number.isInteger(batch) && batch > 0 ? batch : 8,
    ...split,
    runsFolder: runsFolder(root, config.get<string>('runsFolder')),
    mediaRoots: roots.map((r) => path.resolve(root, r.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'))),
  };
}
