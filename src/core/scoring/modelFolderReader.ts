// Reads a model folder in the Hugging Face / optimum export layout: its manifest, its kind, its content hash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ModelLoadError } from './scorer';

/** `reward-lens.json`: what config.json cannot say. Every field is optional; settings may override any of them. */
export interface ModelManifest {
  /** Scorer kind: 'sequence-classifier' | 'clip' | 'clap' | … (default: from config.json `architectures`). */
  kind?: string;
  /** Text RMs: 'chat' (the tokenizer's chat template) or 'pair' (segment pair). Default: chat when there is one. */
  template?: 'chat' | 'pair';
  /** A Jinja chat template that replaces the tokenizer's. */
  chatTemplate?: string;
  /** Longest input in tokens (default: tokenizer model_max_length, else config max_position_embeddings). */
  maxLength?: number;
  truncationSide?: 'left' | 'right';
  /** The graph to run, relative to the folder (default `onnx/model.onnx`; e.g. `onnx/model_int8.onnx`). */
  onnxFile?: string;
  /** Output tensor to read (default `logits`) and the column in it (default 0; required when it has several). */
  output?: string;
  outputIndex?: number;
  inputNames?: { inputIds?: string; attentionMask?: string; tokenTypeIds?: string; positionIds?: string };
  /** Whether scores are Bradley–Terry logits (default true for sequence classifiers). */
  bradleyTerry?: boolean;
}

/** Which model to load: a built-in id ('default', 'length') or a folder, with manifest overrides. */
export interface ModelRef {
  id: string;
  path?: string;
  overrides?: ModelManifest;
}

export interface ModelFolder {
  id: string;
  dir: string;
  kind: string;
  /** config.json as read. */
  config: Record<string, unknown>;
  /** reward-lens.json merged with the overrides. */
  manifest: ModelManifest;
}

export interface LoadOptions {
  /** Intra-op threads of each onnxruntime session. */
  intraOpThreads?: number;
  /** The folder's hash when another worker just computed it (spares re-reading the ONNX file). */
  knownHash?: string;
}

/** The folder that holds package.json (the extension or package root), from wherever this code was bundled. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'models'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(__dirname, '..');
    dir = up;
  }
}

export function defaultModelDir(): string {
  return path.join(packageRoot(), 'models', 'default');
}

function readJsonObject(dir: string, file: string): Record<string, unknown> | undefined {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch (e) {
    throw new ModelLoadError(file, `not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ModelLoadError(file, 'expected a JSON object');
  return v as Record<string, unknown>;
}

function kindFromConfig(config: Record<string, unknown>): string {
  const archs = Array.isArray(config.architectures)
    ? (config.architectures as unknown[]).filter((a): a is string => typeof a === 'string')
    : [];
  const arch = archs[0];
  if (!arch)
    throw new ModelLoadError(
      'config.json',
      'names no `architectures`; name the scorer kind in reward-lens.json (`"kind": "sequence-classifier"`)',
    );
  if (arch.endsWith('ForSequenceClassification')) return 'sequence-classifier';
  if (arch === 'CLIPModel') return 'clip';
  if (arch === 'ClapModel') return 'clap';
  throw new ModelLoadError(
    'config.json',
    `architecture \`${arch}\` is not a reward model Reward Lens can run (expected *ForSequenceClassification with one label, CLIPModel or ClapModel)`,
  );
}

/** Number of labels a sequence classifier says it has (num_labels, else id2label). */
export function labelCount(config: Record<string, unknown>): number | undefined {
  if (typeof config.num_labels === 'number') return config.num_labels;
  const m = config.id2label;
  return m && typeof m === 'object' ? Object.keys(m).length : undefined;
}

/** Reads config.json and reward-lens.json and decides the kind. Throws ModelLoadError naming the file. */
export function readModelFolder(ref: ModelRef & { path: string }): ModelFolder {
  const dir = path.resolve(ref.path);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ModelLoadError(dir, 'no such model folder');
  const manifestFile = readJsonObject(dir, 'reward-lens.json') ?? {};
  const manifest: ModelManifest = { ...(manifestFile as ModelManifest), ...(ref.overrides ?? {}) };
  const config = readJsonObject(dir, 'config.json');
  if (!config) throw new ModelLoadError('config.json', 'missing (a model folder needs config.json from its export)');
  const kind = manifest.kind ?? kindFromConfig(config);
  if (kind === 'sequence-classifier' && manifest.outputIndex === undefined) {
    const n = labelCount(config);
    if (n !== undefined && n !== 1)
      throw new ModelLoadError(
        'config.json',
        `a sequence classifier with ${n} labels is not a reward model (one label expected; set outputIndex in reward-lens.json to use one of them)`,
      );
  }
  return { id: ref.id, dir, kind, config, manifest };
}

/** The ONNX file a folder runs: the manifest's choice, else onnx/model.onnx, else model.onnx at the top. */
export function onnxFileOf(folder: ModelFolder, dflt = 'onnx/model.onnx'): string {
  if (folder.manifest.onnxFile) return folder.manifest.onnxFile;
  if (!fs.existsSync(path.join(folder.dir, dflt)) && fs.existsSync(path.join(folder.dir, 'model.onnx')))
    return 'model.onnx';
  return dflt;
}

const HASHED = [
  'config.json',
  'reward-lens.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'chat_template.jinja',
  'chat_template.json',
  'special_tokens_map.json',
  'preprocessor_config.json',
];
const hashCache = new Map<string, string>();

/** Content hash of what determines the scores: the small config files, the ONNX file (streamed), the overrides. */
export async function hashModelFolder(folder: ModelFolder, onnxFiles: string[]): Promise<string> {
  const files = [...HASHED, ...onnxFiles].filter((f) => fs.existsSync(path.join(folder.dir, f)));
  const stamp = files.map((f) => {
    const st = fs.statSync(path.join(folder.dir, f));
    return `${f}:${st.size}:${st.mtimeMs}`;
  });
  const memo = `${folder.dir}|${stamp.join('|')}|${JSON.stringify(folder.manifest)}`;
  const known = hashCache.get(memo);
  if (known) return known;
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(`\0${f}\0`);
    for await (const chunk of fs.createReadStream(path.join(folder.dir, f))) h.update(chunk as Buffer);
  }
  h.update(JSON.stringify(folder.manifest));
  const digest = h.digest('hex').slice(0, 16);
  hashCache.set(memo, digest);
  return digest;
}
