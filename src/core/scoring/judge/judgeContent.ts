// A judge prompt's media as Chat Completions content parts: images as `image_url` data URLs (downscaled when
// too large), audio as `input_audio` (WAV or MP3), video as vLLM's `video_url`. Media the judge does not take
// is an error for that pair, never a silent text-only judgment.
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import { resolveMediaPath, sniffMime } from '../../dataset/media';
import type { MediaRef } from '../../dataset/types';
import { mediaName, readMediaBytes } from '../mediaInput';
import type { PromptSegment } from './judgePrompts';

/** Modalities a judge can be given besides text. */
export type JudgeModality = 'text' | 'image' | 'audio' | 'video';
export const JUDGE_MODALITIES: readonly JudgeModality[] = ['text', 'image', 'audio', 'video'];

export interface ContentOptions {
  /** What the judge accepts (default text and image). */
  modalities: readonly JudgeModality[];
  /** Folder of the dataset file, then extra media roots. */
  fileDir: string;
  mediaRoots?: string[];
  /** Images up to this many bytes go as they are (default 4 MiB) … */
  maxImageBytes?: number;
  /** … larger ones are downscaled to this long side, as JPEG (default 1536 px). */
  imageLongSide?: number;
}

/** vLLM's video part (not in OpenAI's types): a URL or a data URL of the whole video. */
interface VideoUrlPart {
  type: 'video_url';
  video_url: { url: string };
}
export type JudgeContentPart = ChatCompletionContentPart | VideoUrlPart;

export type ContentResult = { ok: true; parts: JudgeContentPart[] } | { ok: false; message: string };

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
const AUDIO_FORMATS: Record<string, 'wav' | 'mp3'> = { 'audio/wav': 'wav', 'audio/mpeg': 'mp3' };

async function bytesOf(media: MediaRef, opts: ContentOptions): Promise<Uint8Array | { error: string }> {
  let resolved: string | undefined;
  if (media.source.kind === 'path') {
    const r = await resolveMediaPath(media, { fileDir: opts.fileDir, mediaRoots: opts.mediaRoots });
    if (!r.ok) return { error: `${media.modality} \`${media.source.path}\` not found (${r.reason})` };
    resolved = r.path;
  }
  const input = { prompt: [{ type: 'media' as const, media }], response: { parts: [] }, mediaPaths: [resolved] };
  return readMediaBytes(input, { media, side: 'prompt', index: 0 });
}

async function imagePart(
  bytes: Uint8Array,
  media: MediaRef,
  opts: ContentOptions,
): Promise<JudgeContentPart | { error: string }> {
  const mime = sniffMime(bytes) ?? media.mime;
  if (mime && IMAGE_MIMES.has(mime) && bytes.length <= (opts.maxImageBytes ?? 4 * 1024 * 1024))
    return { type: 'image_url', image_url: { url: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` } };
  // Too large, or a format servers do not take (BMP): re-encoded as JPEG within the long side.
  const side = opts.imageLongSide ?? 1536;
  try {
    const { default: sharp } = await import('sharp');
    const jpeg = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer();
    return { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg.toString('base64')}` } };
  } catch (e) {
    return { error: `image ${mediaName(media)} cannot be decoded: ${e instanceof Error ? e.message : e}` };
  }
}

/** Content parts of a rendered user turn, or the first media problem (with its file name). */
export async function judgeContent(segments: PromptSegment[], opts: ContentOptions): Promise<ContentResult> {
  const parts: JudgeContentPart[] = [];
  for (const s of segments) {
    if (s.type === 'text') {
      parts.push({ type: 'text', text: s.text });
      continue;
    }
    const { media } = s;
    if (media.modality === '3d')
      return {
        ok: false,
        message: `3D asset ${mediaName(media)}: a judge sees 3D through its multi-view renders, and this response has none`,
      };
    if (!opts.modalities.includes(media.modality))
      return {
        ok: false,
        message: `the judge takes ${opts.modalities.join(', ')}; this pair has ${media.modality} (${mediaName(media)}); add it with --modalities if the model accepts it`,
      };
    const bytes = await bytesOf(media, opts);
    if ('error' in bytes) return { ok: false, message: bytes.error };
    if (media.modality === 'image') {
      const p = await imagePart(bytes, media, opts);
      if ('error' in p) return { ok: false, message: p.error };
      parts.push(p);
    } else if (media.modality === 'audio') {
      const format = AUDIO_FORMATS[sniffMime(bytes) ?? media.mime ?? ''];
      if (!format)
        return {
          ok: false,
          message: `audio ${mediaName(media)}: the Chat Completions API takes WAV or MP3 audio; this is ${sniffMime(bytes) ?? media.mime ?? 'an unknown format'}`,
        };
      parts.push({ type: 'input_audio', input_audio: { data: Buffer.from(bytes).toString('base64'), format } });
    } else {
      const mime = sniffMime(bytes) ?? media.mime ?? 'video/mp4';
      parts.push({
        type: 'video_url',
        video_url: { url: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` },
      });
    }
  }
  return { ok: true, parts };
}
