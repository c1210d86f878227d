// The `datasets` features of a hub Parquet file (the `huggingface` key-value metadata), and how a value read by
// hyparquet becomes what `datasets` would hand a user: ClassLabel ints as their names, Image/Audio/Video cells as
// lazy EmbeddedMedia placeholders, INT64 as numbers, timestamps as ISO strings.
import type { FileMetaData } from 'hyparquet';
import type { Modality } from '../types';
import { EmbeddedMedia } from './embeddedMedia';

export type MediaFeature = Exclude<Modality, 'text' | '3d'>;

/** A feature as the metadata states it, narrowed to what changes how values are read. */
export type Feature =
  | { type: 'media'; modality: MediaFeature }
  | { type: 'classLabel'; names: string[] }
  | { type: 'list'; of: Feature }
  | { type: 'struct'; fields: Record<string, Feature> }
  | { type: 'value' };

const MEDIA: Record<string, MediaFeature> = { Image: 'image', Audio: 'audio', Video: 'video' };
const VALUE: Feature = { type: 'value' };

/** Features by top-level column, from the `huggingface` metadata; columns it does not name are plain values. */
export function readFeatures(md: FileMetaData): { features: Record<string, Feature>; problem?: string } {
  const kv = md.key_value_metadata?.find((e) => e.key === 'huggingface');
  if (!kv?.value) return { features: {} };
  let json: unknown;
  try {
    json = JSON.parse(kv.value);
  } catch (e) {
    return {
      features: {},
      problem: `the \`huggingface\` metadata is not JSON (${e instanceof Error ? e.message : e}); columns are read without their features`,
    };
  }
  const feats = (json as { info?: { features?: unknown } })?.info?.features;
  if (!isObject(feats)) return { features: {} };
  const out: Record<string, Feature> = {};
  for (const [k, v] of Object.entries(feats)) out[k] = toFeature(v);
  return { features: out };
}

function toFeature(f: unknown): Feature {
  if (Array.isArray(f)) return { type: 'list', of: toFeature(f[0]) };
  if (!isObject(f)) return VALUE;
  const t = f._type;
  if (typeof t !== 'string') {
    const fields: Record<string, Feature> = {};
    for (const [k, v] of Object.entries(f)) fields[k] = toFeature(v);
    return { type: 'struct', fields };
  }
  if (t in MEDIA) return { type: 'media', modality: MEDIA[t] };
  if (t === 'ClassLabel') return { type: 'classLabel', names: Array.isArray(f.names) ? f.names.map(String) : [] };
  if (t === 'Sequence' || t === 'List' || t === 'LargeList') {
    const of = toFeature(f.feature);
    // `datasets` stores a Sequence of a dict as a dict of lists.
    if (t === 'Sequence' && of.type === 'struct') {
      const fields: Record<string, Feature> = {};
      for (const [k, v] of Object.entries(of.fields)) fields[k] = { type: 'list', of: v };
      return { type: 'struct', fields };
    }
    return { type: 'list', of };
  }
  return VALUE;
}

/** Columns whose media bytes are left out of page reads: media at the top level or in a list at the top level. */
export function lazyMediaColumns(features: Record<string, Feature>): Map<string, MediaFeature> {
  const out = new Map<string, MediaFeature>();
  for (const [k, f] of Object.entries(features)) {
    if (f.type === 'media') out.set(k, f.modality);
    else if (f.type === 'list' && f.of.type === 'media') out.set(k, f.of.modality);
  }
  return out;
}

/**
 * One cell as `datasets` would give it. `hasBytes(item)` says whether a lazy media cell has embedded bytes
 * (its bytes were not read); without bytes a media cell stays `{bytes: null, path}`.
 */
export function decodeCell(
  feature: Feature | undefined,
  value: unknown,
  row: number,
  column: string,
  hasBytes: (item?: number) => boolean,
): unknown {
  if (feature?.type === 'media') return mediaCell(feature.modality, value, row, column, undefined, hasBytes);
  if (feature?.type === 'list' && feature.of.type === 'media' && Array.isArray(value)) {
    const m = feature.of.modality;
    return value.map((v, i) => mediaCell(m, v, row, column, i, hasBytes));
  }
  return decodeValue(feature, value);
}

function mediaCell(
  modality: MediaFeature,
  value: unknown,
  row: number,
  column: string,
  item: number | undefined,
  hasBytes: (item?: number) => boolean,
): unknown {
  if (!isObject(value)) return value ?? null;
  const path = typeof value.path === 'string' ? value.path : null;
  if (value.bytes instanceof Uint8Array) return { bytes: value.bytes, path };
  return hasBytes(item) ? new EmbeddedMedia(modality, row, column, path, item) : { bytes: null, path };
}

/** A value below the top level (or a plain column): features applied, JSON-like scalars. */
export function decodeValue(feature: Feature | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (feature?.type === 'classLabel' && (typeof value === 'number' || typeof value === 'bigint')) {
    const i = Number(value);
    return i >= 0 && i < feature.names.length ? feature.names[i] : i === -1 ? null : i;
  }
  if (Array.isArray(value)) return value.map((v) => decodeValue(feature?.type === 'list' ? feature.of : undefined, v));
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return value;
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = decodeValue(feature?.type === 'struct' ? feature.fields[k] : undefined, v);
    return out;
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
