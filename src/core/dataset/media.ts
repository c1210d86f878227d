// Media references: turn what a record holds (paths, URLs, data URIs, base64, HF bytes objects) into a
// MediaRef, and resolve path references to files without ever leaving the allowed folders.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EmbeddedMedia } from './parquet/embeddedMedia';
import type { MediaRef, Modality } from './types';

export type MediaModality = Exclude<Modality, 'text'>;

const EXTENSIONS: Record<string, { modality: MediaModality; mime: string }> = {
  png: { modality: 'image', mime: 'image/png' },
  jpg: { modality: 'image', mime: 'image/jpeg' },
  jpeg: { modality: 'image', mime: 'image/jpeg' },
  webp: { modality: 'image', mime: 'image/webp' },
  gif: { modality: 'image', mime: 'image/gif' },
  bmp: { modality: 'image', mime: 'image/bmp' },
  mp4: { modality: 'video', mime: 'video/mp4' },
  webm: { modality: 'video', mime: 'video/webm' },
  mov: { modality: 'video', mime: 'video/quicktime' },
  mkv: { modality: 'video', mime: 'video/x-matroska' },
  wav: { modality: 'audio', mime: 'audio/wav' },
  mp3: { modality: 'audio', mime: 'audio/mpeg' },
  flac: { modality: 'audio', mime: 'audio/flac' },
  ogg: { modality: 'audio', mime: 'audio/ogg' },
  m4a: { modality: 'audio', mime: 'audio/mp4' },
  glb: { modality: '3d', mime: 'model/gltf-binary' },
  gltf: { modality: '3d', mime: 'model/gltf+json' },
  obj: { modality: '3d', mime: 'model/obj' },
  ply: { modality: '3d', mime: 'model/ply' },
};

function extensionOf(p: string): string {
  const clean = p.split(/[?#]/)[0];
  const dot = clean.lastIndexOf('.');
  return dot < 0 || dot < clean.lastIndexOf('/') ? '' : clean.slice(dot + 1).toLowerCase();
}

/** Modality from a file name's extension (png → image, webm → video, wav → audio, glb → 3d). */
export function modalityFromPath(p: string): MediaModality | undefined {
  return EXTENSIONS[extensionOf(p)]?.modality;
}

export function mimeFromPath(p: string): string | undefined {
  return EXTENSIONS[extensionOf(p)]?.mime;
}

export function modalityFromMime(mime: string): MediaModality | undefined {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('model/')) return '3d';
  return undefined;
}

/** The mime type from a file's first bytes (magic numbers), or undefined when unknown. */
export function sniffMime(b: Uint8Array): string | undefined {
  const ascii = (at: number, s: string) => s.split('').every((c, i) => b[at + i] === c.charCodeAt(0));
  if (b[0] === 0x89 && ascii(1, 'PNG')) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF8')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'BM')) return 'image/bmp';
  if (ascii(0, 'fLaC')) return 'audio/flac';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'ID3') || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  if (ascii(4, 'ftyp')) return ascii(8, 'M4A') ? 'audio/mp4' : ascii(8, 'qt') ? 'video/quicktime' : 'video/mp4';
  if (ascii(0, 'glTF')) return 'model/gltf-binary';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

/** Bytes from the shapes HF exports use: base64 string, number array, {type:'Buffer',data}, typed array. */
export function bytesOf(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return BASE64.test(v) ? new Uint8Array(Buffer.from(v, 'base64')) : undefined;
  if (Array.isArray(v) && v.every((n) => typeof n === 'number')) return Uint8Array.from(v);
  if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer') {
    return bytesOf((v as { data?: unknown }).data);
  }
  return undefined;
}

/** A data: URI for the bytes, with the sniffed mime (or `fallbackMime`, else application/octet-stream). */
export function bytesToDataUri(bytes: Uint8Array, fallbackMime?: string): { uri: string; mime: string } {
  const mime = sniffMime(bytes) ?? fallbackMime ?? 'application/octet-stream';
  return { uri: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`, mime };
}

function fromDataUri(uri: string, hint?: MediaModality): MediaRef | undefined {
  const m = /^data:([^;,]*)(;base64)?,/.exec(uri);
  if (!m) return undefined;
  const mime = m[1] || undefined;
  const modality = (mime && modalityFromMime(mime)) || hint;
  if (!modality) return undefined;
  const payload = uri.length - m[0].length;
  const bytes = m[2] ? Math.floor((payload * 3) / 4) : payload;
  return { modality, source: { kind: 'data', uri, bytes }, ...(mime ? { mime } : {}) };
}

function fromBytes(bytes: Uint8Array, hint?: MediaModality, nameForMime?: string): MediaRef | undefined {
  const { uri, mime } = bytesToDataUri(bytes, nameForMime ? mimeFromPath(nameForMime) : undefined);
  const modality = modalityFromMime(mime) ?? hint;
  if (!modality) return undefined;
  return { modality, source: { kind: 'data', uri, bytes: bytes.length }, mime };
}

/** Base64 text straight into a data URI (no decode of the whole payload): the mime from its first bytes. */
function fromBase64(b64: string, hint?: MediaModality, nameForMime?: string): MediaRef | undefined {
  const clean = /[\r\n]/.test(b64) ? b64.replace(/[\r\n]/g, '') : b64;
  const mime =
    sniffMime(new Uint8Array(Buffer.from(clean.slice(0, 64), 'base64'))) ??
    (nameForMime ? mimeFromPath(nameForMime) : undefined);
  const modality = (mime && modalityFromMime(mime)) || hint;
  if (!mime || !modality) return undefined;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return {
    modality,
    source: { kind: 'data', uri: `data:${mime};base64,${clean}`, bytes: (clean.length * 3) / 4 - pad },
    mime,
  };
}

/**
 * A MediaRef from one record value, or undefined when the value is not media. `hint` is the modality the
 * field is known to hold (e.g. Omni-RewardBench's `video`); it decides when the value itself cannot
 * (a path without an extension, bytes with unknown magic).
 */
export function parseMediaValue(value: unknown, hint?: MediaModality): MediaRef | undefined {
  if (typeof value === 'string') return parseMediaString(value, hint);
  if (value instanceof EmbeddedMedia) return embeddedRef(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as { bytes?: unknown; path?: unknown; url?: unknown; type?: unknown; data?: unknown };
  if (o.type === 'Buffer') {
    const b = bytesOf(o);
    return b && fromBytes(b, hint);
  }
  const name = typeof o.path === 'string' ? o.path : undefined;
  if (typeof o.bytes === 'string' && o.bytes.length >= 64 && BASE64.test(o.bytes)) {
    const b64 = fromBase64(o.bytes, hint, name);
    if (b64) return b64;
  }
  if (o.bytes !== undefined && o.bytes !== null) {
    const b = bytesOf(o.bytes);
    if (b && b.length > 0) return fromBytes(b, hint, name);
  }
  if (name) return parseMediaString(name, hint);
  if (typeof o.url === 'string') return parseMediaString(o.url, hint);
  return undefined;
}

/** A Parquet media cell left in the file: the feature decides the modality, the stored path hints the mime. */
function embeddedRef(e: EmbeddedMedia): MediaRef {
  const mime = e.path ? mimeFromPath(e.path) : undefined;
  const source: MediaRef['source'] = { kind: 'embedded', row: e.row, column: e.column };
  if (e.item !== undefined) source.item = e.item;
  if (e.path) source.name = e.path;
  return { modality: e.modality, source, ...(mime ? { mime } : {}) };
}

function parseMediaString(s: string, hint?: MediaModality): MediaRef | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  if (v.startsWith('data:')) return fromDataUri(v, hint);
  if (/^https?:\/\//i.test(v)) {
    const modality = modalityFromPath(v) ?? hint;
    const mime = mimeFromPath(v);
    return modality && { modality, source: { kind: 'url', url: v }, ...(mime ? { mime } : {}) };
  }
  // Raw base64 (no extension, long, only base64 characters) that sniffs as a known media type.
  if (v.length >= 64 && !extensionOf(v) && BASE64.test(v)) {
    const b64 = fromBase64(v, hint);
    if (b64) return b64;
  }
  if (/[\n\r]/.test(v) || v.length > 1024) return undefined;
  const modality = modalityFromPath(v) ?? hint;
  const mime = mimeFromPath(v);
  return modality && { modality, source: { kind: 'path', path: v }, ...(mime ? { mime } : {}) };
}

/** True when the string reads as a media file name (a known extension, one line, no spaces at the ends). */
export function looksLikeMediaPath(s: string): boolean {
  return s.length <= 1024 && !/[\n\r]/.test(s) && s === s.trim() && modalityFromPath(s) !== undefined;
}

// ---- resolution ------------------------------------------------------------------------------------

export interface ResolveOptions {
  /** Folder of the dataset file: relative paths resolve here first, and it is always allowed. */
  fileDir: string;
  /** Extra allowed folders (where Omni-RewardBench's media_data.zip was unpacked, an images folder…). */
  mediaRoots?: string[];
}

export type ResolveResult = { ok: true; path: string } | { ok: false; tried: string[]; reason: string };

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await fs.realpath(p);
  } catch {
    return undefined;
  }
}

/**
 * The file a path reference names: relative to the dataset's folder, then to each media root (also
 * `<root>/media_data/<path>`, as Omni-RewardBench's zip unpacks). Absolute paths only inside an allowed
 * folder. Anything that leaves the allowed folders (`..`, a symlink pointing out) is refused.
 */
export async function resolveMediaPath(ref: MediaRef | string, opts: ResolveOptions): Promise<ResolveResult> {
  const written = typeof ref === 'string' ? ref : ref.source.kind === 'path' ? ref.source.path : undefined;
  if (written === undefined) {
    return { ok: false, tried: [], reason: 'this media is embedded or remote, not a file path' };
  }
  if (written.includes('\0')) return { ok: false, tried: [], reason: `\`${written}\` contains a NUL byte` };
  const roots = [opts.fileDir, ...(opts.mediaRoots ?? [])].map((r) => path.resolve(r));
  const allowed = roots.join(', ');
  const normal = path.normalize(written);
  if (!path.isAbsolute(written) && (normal === '..' || normal.startsWith('..' + path.sep))) {
    return {
      ok: false,
      tried: [],
      reason: `\`${written}\` points outside the dataset's folder and the media roots (${allowed}); Reward Lens only reads media inside them`,
    };
  }
  const realRoots = (await Promise.all(roots.map(realpathOrUndefined))).filter((r): r is string => !!r);

  const candidates = path.isAbsolute(written)
    ? [path.resolve(written)]
    : [
        path.resolve(roots[0], written),
        ...roots.slice(1).flatMap((r) => [path.resolve(r, written), path.resolve(r, 'media_data', written)]),
      ];
  const tried: string[] = [];
  let escaped: string | undefined;
  let symlinkOut: { from: string; to: string } | undefined;
  for (const c of [...new Set(candidates)]) {
    tried.push(c);
    if (!roots.some((r) => inside(r, c)) && !realRoots.some((r) => inside(r, c))) {
      escaped ??= c;
      continue;
    }
    const real = await realpathOrUndefined(c);
    if (!real) continue;
    if (!realRoots.some((r) => inside(r, real))) {
      symlinkOut ??= { from: c, to: real };
      continue;
    }
    const stat = await fs.stat(real).catch(() => undefined);
    if (stat?.isFile()) return { ok: true, path: real };
  }
  if (symlinkOut) {
    return {
      ok: false,
      tried,
      reason: `\`${written}\` is a symlink to ${symlinkOut.to}, outside the allowed folders (${allowed}); Reward Lens only reads media inside them`,
    };
  }
  if (escaped && tried.every((t) => !roots.some((r) => inside(r, t)))) {
    return {
      ok: false,
      tried,
      reason: `\`${written}\` points outside the dataset's folder and the media roots (${allowed}); Reward Lens only reads media inside them`,
    };
  }
  return {
    ok: false,
    tried,
    reason: `\`${written}\` was not found in the dataset's folder or any media root; add the folder that holds it (for Omni-RewardBench, where media_data.zip was unpacked) as a media root`,
  };
}
