// Task inference: a `task` field, else the file name (`text_to_image_preferences.json` → T2I), else the
// modalities of the prompt and the responses.
import { TASKS, type Modality, type OmniTask, type Part } from './types';

/** Omni-RewardBench's long task names, as used in its `<task>_preferences.json` files. */
const LONG_NAMES: Record<string, OmniTask> = {
  text_to_text: 'T2T',
  text_image_to_text: 'TI2T',
  text_video_to_text: 'TV2T',
  text_audio_to_text: 'TA2T',
  text_to_image: 'T2I',
  text_to_video: 'T2V',
  text_to_audio: 'T2A',
  text_to_3d: 'T23D',
  text_image_to_image: 'TI2I',
};

/** An OmniTask from a name as people write it: "T2I", "t2i", "text_to_image", "text-to-image", "Text to 3D". */
export function taskFromName(name: string): OmniTask | undefined {
  const s = name.trim();
  const upper = s.toUpperCase();
  const short = TASKS.find((t) => t === upper);
  if (short) return short;
  return LONG_NAMES[s.toLowerCase().replace(/[\s-]+/g, '_')];
}

/**
 * The task a file's name announces: a long name anywhere in it (`text_to_image_preferences.json`,
 * `omni_text_video_to_text.jsonl`) or a short one as a whole word (`t2i.jsonl`, `omni_ti2t_train.json`).
 */
export function taskFromFileName(fileName: string): OmniTask | undefined {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase().replace(/-/g, '_');
  const long = Object.keys(LONG_NAMES)
    .sort((a, b) => b.length - a.length)
    .find((n) => new RegExp(`(^|[^a-z])${n}($|[^a-z0-9])`).test(base));
  if (long) return LONG_NAMES[long];
  const words = base.replace(/\.[a-z0-9]+$/, '').split(/[^a-z0-9]+/);
  for (const w of words) {
    const t = TASKS.find((task) => task.toLowerCase() === w);
    if (t) return t;
  }
  return undefined;
}

function modalitiesOf(parts: Part[]): Set<Modality> {
  const set = new Set<Modality>();
  for (const p of parts) set.add(p.type === 'media' ? p.media.modality : 'text');
  return set;
}

/**
 * The task from what goes in and what comes out: text in → text out is T2T; an image, video or audio
 * beside the prompt with text out is TI2T / TV2T / TA2T; image out is T2I (TI2I with an image in); video,
 * audio and 3D out are T2V, T2A, T23D. Undefined when the responses are empty.
 */
export function taskFromModalities(prompt: Part[], responses: Part[]): OmniTask | undefined {
  const input = modalitiesOf(prompt);
  const output = modalitiesOf(responses);
  if (output.size === 0) return undefined;
  if (output.has('3d')) return 'T23D';
  if (output.has('video')) return 'T2V';
  if (output.has('audio')) return 'T2A';
  if (output.has('image')) return input.has('image') ? 'TI2I' : 'T2I';
  if (input.has('video')) return 'TV2T';
  if (input.has('audio')) return 'TA2T';
  if (input.has('image')) return 'TI2T';
  return 'T2T';
}

export interface TaskEvidence {
  /** The record's own `task` value, if any. */
  field?: unknown;
  fileName?: string;
  prompt: Part[];
  responses: Part[];
}

/**
 * Field first (an OmniTask name, or the benchmark's own string kept as is), then file name, then
 * modalities.
 */
export function inferTask(e: TaskEvidence): string | undefined {
  if (typeof e.field === 'string' && e.field.trim() !== '') return taskFromName(e.field) ?? e.field.trim();
  return (e.fileName ? taskFromFileName(e.fileName) : undefined) ?? taskFromModalities(e.prompt, e.responses);
}

/** What each task's responses are, so a path string in `response1` can be read as media or as text. */
export function outputModalityOf(task: string | undefined): Modality | undefined {
  switch (task) {
    case 'T2I':
    case 'TI2I':
    case 'T23D': // multi-view renders: images, not meshes
      return 'image';
    case 'T2V':
      return 'video';
    case 'T2A':
      return 'audio';
    case 'T2T':
    case 'TI2T':
    case 'TV2T':
    case 'TA2T':
      return 'text';
    default:
      return undefined;
  }
}
