// Scores pairs under a criterion the file does not hold (the probe, the sweep) with the current run's model:
// one small worker pool per model, started on first use and closed after a minute idle, so the host's
// thread never runs a model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveMediaPath } from '../../core/dataset/media';
import type { Part, PreferencePair, Response } from '../../core/dataset/types';
import type { ScoreInput } from '../../core/scoring/scorer';
import { WorkerPool } from '../../core/scoring/workerPool';
import { untrustedRefusal } from '../../core/trust';
import { scoringSettings } from '../scoring/scoringSettings';

const IDLE_MS = 60_000;

export type MarginResult = { scoreA: number; scoreB: number; margin: number } | { error: string };

export class ProbeScorer implements vscode.Disposable {
  private pools = new Map<string, { pool: Promise<WorkerPool>; timer?: NodeJS.Timeout; busy: number }>();

  /** Why a run's model cannot rescore (imported runs have no model), or undefined. */
  static cannotRescore(modelId: string, kind?: string): string | undefined {
    if (kind === 'imported' || modelId.startsWith('imported:'))
      return 'this run was imported from predictions: there is no model to rescore with';
    return undefined;
  }

  /** `modelPath`: the folder the run header names, used when the model is not (or no longer) in rewardLens.models. */
  async margins(
    datasetUri: vscode.Uri,
    modelId: string,
    items: { pair: PreferencePair; criterion: string | undefined }[],
    modelPath?: string,
  ): Promise<MarginResult[]> {
    // Second line of defence: the probe and the sweep check trust before they get here.
    if (!vscode.workspace.isTrusted) return items.map(() => ({ error: untrustedRefusal('rescore') }));
    const settings = scoringSettings(datasetUri);
    const ref =
      settings.models.find((m) => m.ref.id === modelId)?.ref ??
      (modelPath && fs.existsSync(modelPath) ? { id: modelId, path: modelPath } : undefined);
    if (!ref)
      return items.map(() => ({ error: `model \`${modelId}\` is not in rewardLens.models and its folder is gone` }));
    const slot = this.slot(modelId, () => WorkerPool.start(ref, { workers: 1, intraOpThreads: 1 }));
    slot.busy++;
    clearTimeout(slot.timer);
    try {
      const pool = await slot.pool;
      const roots = [path.dirname(datasetUri.fsPath), ...settings.mediaRoots];
      const inputs: ScoreInput[] = [];
      for (const { pair, criterion } of items) {
        inputs.push(await input(pair, pair.a, criterion, roots), await input(pair, pair.b, criterion, roots));
      }
      const scores = await pool.scoreBatch(inputs);
      return items.map((_, i) => {
        const a = scores[2 * i];
        const b = scores[2 * i + 1];
        if ('error' in a) return { error: `A: ${a.error}` };
        if ('error' in b) return { error: `B: ${b.error}` };
        return { scoreA: a.score, scoreB: b.score, margin: a.score - b.score };
      });
    } catch (e) {
      // A model that failed is closed; the next probe starts a fresh one.
      if (this.pools.get(modelId) === slot) this.pools.delete(modelId);
      void slot.pool.then(
        (p) => p.dispose(),
        () => undefined,
      );
      return items.map(() => ({ error: e instanceof Error ? e.message : String(e) }));
    } finally {
      slot.busy--;
      if (slot.busy === 0 && this.pools.get(modelId) === slot)
        slot.timer = setTimeout(() => this.close(modelId), IDLE_MS);
    }
  }

  private slot(id: string, start: () => Promise<WorkerPool>) {
    let s = this.pools.get(id);
    if (!s) {
      s = { pool: start(), busy: 0 };
      s.pool.catch(() => this.pools.delete(id));
      this.pools.set(id, s);
    }
    return s;
  }

  private close(id: string): void {
    const s = this.pools.get(id);
    if (!s || s.busy > 0) return;
    this.pools.delete(id);
    void s.pool.then(
      (p) => p.dispose(),
      () => undefined,
    );
  }

  dispose(): void {
    for (const id of [...this.pools.keys()]) {
      const s = this.pools.get(id)!;
      clearTimeout(s.timer);
      void s.pool.then(
        (p) => p.dispose(),
        () => undefined,
      );
    }
    this.pools.clear();
  }
}

/** One response as the scorer sees it, media resolved against the file's folder and the media roots. */
async function input(
  pair: PreferencePair,
  response: Response,
  criterion: string | undefined,
  roots: string[],
): Promise<ScoreInput> {
  const parts: Part[] = [...pair.prompt, ...response.parts];
  const mediaPaths: (string | undefined)[] = [];
  for (const p of parts) {
    if (p.type !== 'media' || p.media.source.kind !== 'path') {
      mediaPaths.push(undefined);
      continue;
    }
    const r = await resolveMediaPath(p.media, { fileDir: roots[0], mediaRoots: roots.slice(1) });
    mediaPaths.push(r.ok ? r.path : undefined);
  }
  return { prompt: pair.prompt, criterion: criterion?.trim() ? criterion : undefined, response, mediaPaths };
}
