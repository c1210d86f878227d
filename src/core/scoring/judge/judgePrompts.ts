// The judge's prompt: Omni-Reward's per-task templates (or a user's file), filled with one pair in one order.
// Templates are Python format strings, as upstream: `{name}` placeholders, `{{` and `}}` for literal braces.
import { promises as fs } from 'node:fs';
import { taskFromModalities, taskFromName } from '../../dataset/task';
import type { MediaRef, OmniTask, Part, PreferencePair } from '../../dataset/types';
import OMNI from './omniRewardPrompts.json';

/** A system prompt (carrying the criterion) without and with ties, and the pair template. */
export interface JudgeTemplate {
  /** Where it came from, for the run header: 'omni-reward:text_to_image' or the override file. */
  source: string;
  system: string;
  systemWithTie: string;
  pair: string;
}

/** What the judge is shown: a system text, and the user turn as text and media in order. */
export type PromptSegment = { type: 'text'; text: string } | { type: 'media'; media: MediaRef };
export interface JudgePrompt {
  system: string;
  user: PromptSegment[];
}

export type TemplateResult = { ok: true; value: JudgeTemplate } | { ok: false; message: string };

/** Placeholders, documented for override files. */
export const SYSTEM_PLACEHOLDERS = ['criteria'] as const;
/** `{image}`, `{original_image}`, `{video}`, `{audio}` and `{media}` all stand for the prompt's media. */
export const PAIR_PLACEHOLDERS = [
  'prompt',
  'responseA',
  'responseB',
  'criteria',
  'image',
  'original_image',
  'video',
  'audio',
  'media',
] as const;
const MEDIA_PLACEHOLDERS = new Set(['image', 'original_image', 'video', 'audio', 'media']);

const UPSTREAM: Record<OmniTask, string> = {
  T2T: 'text_to_text',
  TI2T: 'text_image_to_text',
  TV2T: 'text_video_to_text',
  TA2T: 'text_audio_to_text',
  T2I: 'text_to_image',
  T2V: 'text_to_video',
  T2A: 'text_to_audio',
  T23D: 'text_to_3D',
  TI2I: 'text_image_to_image',
};

type Upstream = { system: string; system_with_tie: string; pair: string };
const tasks = OMNI.tasks as Record<string, Upstream>;

/**
 * Upstream's text_audio_to_text.py and text_to_audio.py are empty files (commit 10c24f9), so the audio tasks use
 * the video ones with the medium renamed: a Reward Lens adaptation, marked as such in the run header.
 */
const AUDIO_FROM_VIDEO: Partial<Record<OmniTask, { from: string; swaps: [string, string][] }>> = {
  TA2T: {
    from: 'text_video_to_text',
    swaps: [
      ['Text-Video-to-Text', 'Text-Audio-to-Text'],
      ['video understanding', 'audio understanding'],
      ['the video (10-frame-video-clip)', 'the audio clip'],
      ['related to the video', 'related to the audio'],
    ],
  },
  T2A: {
    from: 'text_to_video',
    swaps: [
      ['Text-to-Video', 'Text-to-Audio'],
      ['two videos', 'two audio clips'],
    ],
  },
};

/** Omni-Reward's template for a task. */
export function omniRewardTemplate(task: OmniTask): JudgeTemplate {
  const derived = AUDIO_FROM_VIDEO[task];
  if (derived) {
    const t = tasks[derived.from];
    const swap = (s: string) => derived.swaps.reduce((acc, [a, b]) => acc.split(a).join(b), s);
    return {
      source: `omni-reward:${derived.from} (audio wording by Reward Lens; upstream ${UPSTREAM[task]}.py is empty)`,
      system: swap(t.system),
      systemWithTie: swap(t.system_with_tie),
      pair: t.pair,
    };
  }
  const t = tasks[UPSTREAM[task]];
  return { source: `omni-reward:${UPSTREAM[task]}`, system: t.system, systemWithTie: t.system_with_tie, pair: t.pair };
}

/** The pair's task: its own when it is one of the nine, else from its modalities, else T2T. */
export function judgeTaskOf(pair: PreferencePair): OmniTask {
  return (
    (pair.task ? taskFromName(pair.task) : undefined) ??
    taskFromModalities(pair.prompt, [...pair.a.parts, ...pair.b.parts]) ??
    'T2T'
  );
}

type Piece = { literal: string } | { name: string };

/** Splits a format string into literals and placeholders, or names the first problem. */
function tokenize(template: string, allowed: readonly string[], where: string): Piece[] | string {
  const out: Piece[] = [];
  let lit = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      lit += c;
      i++;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      const name = end < 0 ? '' : template.slice(i + 1, end);
      if (!/^[A-Za-z_]+$/.test(name))
        return `${where}: \`{\` at character ${i + 1} does not start a placeholder (write \`{{\` for a literal brace)`;
      if (!allowed.includes(name))
        return `${where}: unknown placeholder \`{${name}}\`; known: ${allowed.map((n) => `{${n}}`).join(', ')}`;
      if (lit) out.push({ literal: lit });
      lit = '';
      out.push({ name });
      i = end;
    } else if (c === '}') return `${where}: a lone \`}\` at character ${i + 1} (write \`}}\` for a literal brace)`;
    else lit += c;
  }
  if (lit) out.push({ literal: lit });
  return out;
}

/** Checks a template's placeholders; the message names the field and the placeholder. */
export function validateTemplate(t: JudgeTemplate): string | undefined {
  for (const [field, text, allowed] of [
    ['system', t.system, SYSTEM_PLACEHOLDERS],
    ['system_with_tie', t.systemWithTie, SYSTEM_PLACEHOLDERS],
    ['pair', t.pair, PAIR_PLACEHOLDERS],
  ] as const) {
    const r = tokenize(text, allowed, `${t.source}: \`${field}\``);
    if (typeof r === 'string') return r;
  }
  for (const need of ['responseA', 'responseB']) {
    if (!t.pair.includes(`{${need}}`)) return `${t.source}: \`pair\` must contain {${need}}`;
  }
  return undefined;
}

/**
 * A template override file: JSON `{"system": …, "system_with_tie": …, "pair": …}`. `system_with_tie` defaults to
 * `system`; `pair` defaults to Omni-Reward's text_to_text pair template. See PAIR_PLACEHOLDERS for `pair`.
 */
export async function loadTemplateFile(file: string): Promise<TemplateResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, message: `${file}: ${e instanceof Error ? e.message : e}` };
  }
  const o = raw as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o.system !== 'string')
    return {
      ok: false,
      message: `${file}: expected a JSON object with a string \`system\` (and optional \`system_with_tie\`, \`pair\`)`,
    };
  for (const k of ['system_with_tie', 'pair'])
    if (o[k] !== undefined && typeof o[k] !== 'string')
      return { ok: false, message: `${file}: \`${k}\` must be a string` };
  const t: JudgeTemplate = {
    source: file,
    system: o.system,
    systemWithTie: (o.system_with_tie as string | undefined) ?? o.system,
    pair: (o.pair as string | undefined) ?? tasks.text_to_text.pair,
  };
  const problem = validateTemplate(t);
  return problem ? { ok: false, message: problem } : { ok: true, value: t };
}

/** Text of parts and their media, in order: a chat transcript becomes "role: content" lines. */
function segmentsOf(parts: Part[]): PromptSegment[] {
  return parts.map((p): PromptSegment =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : p.type === 'chat'
        ? { type: 'text', text: p.turns.map((t) => `${t.role}: ${t.content}`).join('\n') }
        : { type: 'media', media: p.media },
  );
}

/**
 * Fills a template with one pair. `swapped` shows B as "Response A" and A as "Response B". `{prompt}` is the
 * prompt's text; its media go where a media placeholder stands, or, when the template has none, after the pair
 * text (as Omni-Reward's scripts put a video after the prompt). Whitespace-only text between media is dropped,
 * as upstream does.
 */
export function renderJudgePrompt(
  t: JudgeTemplate,
  pair: PreferencePair,
  opts: { ties: boolean; swapped: boolean },
): JudgePrompt {
  const criteria = pair.criterion ?? '';
  const sys = tokenize(opts.ties ? t.systemWithTie : t.system, SYSTEM_PLACEHOLDERS, t.source);
  const pieces = tokenize(t.pair, PAIR_PLACEHOLDERS, t.source);
  if (typeof sys === 'string') throw new Error(sys);
  if (typeof pieces === 'string') throw new Error(pieces);
  const system = sys.map((p) => ('literal' in p ? p.literal : criteria)).join('');
  const promptSegs = segmentsOf(pair.prompt);
  const promptText = promptSegs
    .filter((s) => s.type === 'text')
    .map((s) => (s as { text: string }).text)
    .join('\n');
  const promptMedia = promptSegs.filter((s) => s.type === 'media');
  const [first, second] = opts.swapped ? [pair.b, pair.a] : [pair.a, pair.b];
  let mediaPlaced = false;
  const user: PromptSegment[] = [];
  for (const p of pieces) {
    if ('literal' in p) user.push({ type: 'text', text: p.literal });
    else if (p.name === 'prompt') user.push({ type: 'text', text: promptText });
    else if (p.name === 'criteria') user.push({ type: 'text', text: criteria });
    else if (p.name === 'responseA') user.push(...segmentsOf(first.parts));
    else if (p.name === 'responseB') user.push(...segmentsOf(second.parts));
    else if (MEDIA_PLACEHOLDERS.has(p.name) && !mediaPlaced) {
      user.push(...promptMedia);
      mediaPlaced = true;
    }
  }
  if (!mediaPlaced) user.push(...promptMedia);
  return { system, user: mergeText(user) };
}

/** Adjacent text joined; whitespace-only text dropped. */
function mergeText(segs: PromptSegment[]): PromptSegment[] {
  const out: PromptSegment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (s.type === 'text' && last?.type === 'text') last.text += s.text;
    else out.push(s.type === 'text' ? { ...s } : s);
  }
  return out.filter((s) => s.type !== 'text' || s.text.trim() !== '');
}
