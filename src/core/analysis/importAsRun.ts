// "Import Predictions…": a predictions file made elsewhere becomes a run file beside the others, named like
// any run (runStore naming) with a header that points at the dataset, so the editor lists it for that file.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../dataset/dataset';
import { keyContext, pairKeys } from '../scoring/contentKey';
import { rewriteRun, runFileName } from '../scoring/runStore';
import { eachPair, loadRunFor } from './judgedPairs';

export interface ImportedRunFile {
  file: string;
  /** `imported:<predictions file name without extension>`. */
  id: string;
  entries: number;
  /** Predictions that could not be used, each naming its line. */
  problems: string[];
}

export async function importAsRun(ds: Dataset, predictionsFile: string, runsFolder: string): Promise<ImportedRunFile> {
  const { run, problems } = await loadRunFor(ds, predictionsFile);
  const id = `imported:${path.basename(predictionsFile).replace(/\.[^.]+$/, '')}`;
  const header = {
    ...run.header,
    model: { ...run.header.model, id },
    dataset: { ...run.header.dataset, path: path.resolve(ds.filePath) },
  };
  // Each prediction keeps the content it was made for, so a later swap or edit of the pair is seen (issue 11).
  const ctx = keyContext(header);
  await eachPair(ds, (p) => {
    const e = run.entries.get(p.index);
    if (e) e.key = pairKeys(ctx, p).pair;
  });
  const file = path.join(runsFolder, runFileName(ds.filePath, id));
  await fs.mkdir(runsFolder, { recursive: true });
  await rewriteRun(file, header, run.entries.values());
  return { file, id, entries: run.entries.size, problems };
}
