// What a media scorer reads from a ScoreInput: its media parts with their bytes, and the text around them.
import { promises as fs } from 'node:fs';
import type { MediaRef, Modality, Part } from '../dataset/types';
import type { ScoreInput } from './scorer';

export interface LocatedMedia {
  media: MediaRef;
  /** Where it sits: in the prompt or the response. */
  side: 'prompt' | 'response';
  /** Index in the flattened prompt-then-response parts (the index into ScoreInput.mediaPaths). */
  index: number;
}

/** Media parts of one modality, prompt first, with their index into `mediaPaths`. */
export function findMedia(input: ScoreInput, modality: Exclude<Modality, 'text'>): LocatedMedia[] {
  const out: LocatedMedia[] = [];
  const scan = (parts: Part[], side: LocatedMedia['side'], offset: number) =>
    parts.forEach((p, i) => {
      if (p.type === 'media' && p.media.modality === modality) out.push({ media: p.media, side, index: offset + i });
    });
  scan(input.prompt, 'prompt', 0);
  scan(input.response.parts, 'response', input.prompt.length);
  return out;
}

/** A short name for messages: the path as written, or the kind of inline data. */
export function mediaName(m: MediaRef): string {
  if (m.source.kind === 'path') return m.source.path;
  if (m.source.kind === 'url') return m.source.url;
  if (m.source.kind === 'embedded') return `(embedded: row ${m.source.row + 1}, column ${m.source.column})`;
  return '(inline data)';
}

/** The bytes of a media reference, or a message a user can act on (missing file, remote URL, bad data URI). */
export async function readMediaBytes(
  input: ScoreInput,
  located: LocatedMedia,
): Promise<Uint8Array | { error: string }> {
  const { media } = located;
  const src = media.source;
  if (src.kind === 'data') {
    const m = /^data:([^;,]*)((?:;[^;,]*)*?),(.*)$/s.exec(src.uri);
    if (!m) return { error: `${media.modality}: not a data: URI` };
    if (/;base64/i.test(m[2])) return new Uint8Array(Buffer.from(m[3], 'base64'));
    return new Uint8Array(Buffer.from(decodeURIComponent(m[3]), 'latin1'));
  }
  if (src.kind === 'url')
    return { error: `${media.modality} ${src.url}: remote media is not fetched; download it next to the dataset` };
  if (src.kind === 'embedded') {
    return (
      input.mediaBytes?.[located.index] ?? {
        error: `${media.modality} ${mediaName(media)}: the embedded bytes were not read for scoring`,
      }
    );
  }
  const resolved = input.mediaPaths?.[located.index];
  if (!resolved)
    return { error: `missing ${media.modality}: ${src.path} (not found under the dataset folder or the media roots)` };
  try {
    return new Uint8Array(await fs.readFile(resolved));
  } catch (e) {
    return { error: `cannot read ${media.modality} ${src.path}: ${e instanceof Error ? e.message : e}` };
  }
}

/** Plain text of parts (chat turns by content), paragraphs joined by a space. */
export function partsText(parts: Part[]): string {
  return parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'chat' ? p.turns.map((t) => t.content).join(' ') : ''))
    .filter((s) => s.trim() !== '')
    .join(' ')
    .trim();
}

/**
 * The caption an image–text or audio–text scorer compares the media with: the prompt's text, then the
 * criterion, joined by a space (the prompt comes first so truncation at the tokenizer's limit cuts the criterion).
 */
export function captionOf(input: ScoreInput): string {
  return [partsText(input.prompt), (input.criterion ?? '').trim()].filter((s) => s !== '').join(' ');
}
