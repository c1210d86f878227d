// Model folders → scorers: the `kind → factory` table (one line per scorer kind) and in-thread loading.
import { loadClapScorer } from './clapScorer';
import { loadClipScorer } from './clipScorer';
import { createLengthBaseline } from './lengthBaseline';
import {
  defaultModelDir,
  hashModelFolder,
  onnxFileOf,
  readModelFolder,
  type LoadOptions,
  type ModelFolder,
  type ModelRef,
} from './modelFolderReader';
import { ModelLoadError, type Scorer } from './scorer';
import { createTextRewardModel } from './textRewardModel';

export * from './modelFolderReader';

export type ScorerFactory = (folder: ModelFolder, hash: string, opts: LoadOptions) => Promise<Scorer>;

/** Scorer kinds and how to build them: add one line per kind (the image and audio scorers add 'clip' and 'clap'). */
export const SCORER_FACTORIES: Record<string, ScorerFactory> = {
  'sequence-classifier': createTextRewardModel,
  clip: loadClipScorer,
  clap: loadClapScorer,
};

/** Files whose content goes into the model hash besides the config files: the graph(s) the kind runs. */
export const HASHED_GRAPHS: Record<string, (folder: ModelFolder) => string[]> = {
  'sequence-classifier': (f) => [onnxFileOf(f)],
};

/** Loads a model in this thread: 'length' = the length baseline, 'default' = models/default, else the folder. */
export async function loadScorer(ref: ModelRef, opts: LoadOptions = {}): Promise<Scorer> {
  if (ref.id === 'length' && !ref.path) return createLengthBaseline();
  const dir = ref.path ?? (ref.id === 'default' ? defaultModelDir() : undefined);
  if (!dir) throw new ModelLoadError(ref.id, 'no folder: give the model folder path');
  const folder = readModelFolder({ ...ref, path: dir });
  const factory = SCORER_FACTORIES[folder.kind];
  if (!factory)
    throw new ModelLoadError(
      'config.json',
      `scorer kind \`${folder.kind}\` is not available in this build (known: ${Object.keys(SCORER_FACTORIES).join(', ')})`,
    );
  const hash =
    opts.knownHash ??
    (await hashModelFolder(folder, (HASHED_GRAPHS[folder.kind] ?? ((f: ModelFolder) => [onnxFileOf(f)]))(folder)));
  return factory(folder, hash, opts);
}
