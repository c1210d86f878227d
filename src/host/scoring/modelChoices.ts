// The models a user can pick: the `rewardLens.models` entries (validated, paths resolved), then the built-ins.
// No vscode import: the host passes the raw setting in, so this is tested in plain Node.
import os from 'node:os';
import path from 'node:path';
import type { ModelManifest, ModelRef } from '../../core/scoring/modelFolderReader';

export interface ModelChoice {
  ref: ModelRef;
  label: string;
  description: string;
}

const MANIFEST_KEYS: (keyof ModelManifest)[] = [
  'kind',
  'template',
  'chatTemplate',
  'maxLength',
  'truncationSide',
  'onnxFile',
  'output',
  'outputIndex',
  'inputNames',
  'bradleyTerry',
];

/** Entries of `rewardLens.models` as models, and the problems of the ones that are not usable (for the output channel). */
export function modelChoices(
  setting: unknown,
  workspaceRoot: string | undefined,
): { choices: ModelChoice[]; problems: string[] } {
  const choices: ModelChoice[] = [];
  const problems: string[] = [];
  const entries = Array.isArray(setting) ? setting : [];
  entries.forEach((raw, i) => {
    const e = raw as Record<string, unknown>;
    if (!e || typeof e !== 'object' || typeof e.path !== 'string' || !e.path.trim()) {
      problems.push(`rewardLens.models[${i}]: expected an object with a \`path\` to a model folder`);
      return;
    }
    const expanded = e.path.replace(/^~(?=$|[\\/])/, os.homedir());
    const dir = path.isAbsolute(expanded) ? expanded : path.resolve(workspaceRoot ?? process.cwd(), expanded);
    const id = typeof e.id === 'string' && e.id.trim() ? e.id.trim() : path.basename(dir);
    if (id === 'default' || id === 'length' || choices.some((c) => c.ref.id === id)) {
      problems.push(`rewardLens.models[${i}]: id \`${id}\` is already taken; give it another \`id\``);
      return;
    }
    const overrides: ModelManifest = {};
    for (const k of MANIFEST_KEYS) if (e[k] !== undefined) (overrides as Record<string, unknown>)[k] = e[k];
    choices.push({
      ref: { id, path: dir, overrides: Object.keys(overrides).length ? overrides : undefined },
      label: id,
      description: dir,
    });
  });
  choices.push({
    ref: { id: 'default' },
    label: 'default',
    description: 'the built-in bag-of-tokens reward model (models/default)',
  });
  choices.push({
    ref: { id: 'length' },
    label: 'length',
    description: 'length baseline: score = response length in word tokens',
  });
  return { choices, problems };
}
