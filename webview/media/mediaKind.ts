// Which renderer a MediaView needs, from its modality plus the mime or file extension it carries.
import type { MediaView } from '../../src/protocol';

export type MeshFormat = 'gltf' | 'obj' | 'ply';
export type RendererKind = 'image' | 'video' | 'audio' | 'mesh' | 'missing';

const IMAGE_EXT = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp', 'avif', 'svg']);
const MESH_EXT: Record<string, MeshFormat> = { glb: 'gltf', gltf: 'gltf', obj: 'obj', ply: 'ply' };
const MESH_MIME: Record<string, MeshFormat> = {
  'model/gltf-binary': 'gltf',
  'model/gltf+json': 'gltf',
  'model/obj': 'obj',
  'text/plain+obj': 'obj',
  'application/ply': 'ply',
  'model/ply': 'ply',
};

/** Lower-case extension (or mime) describing the bytes: view.mime first, then the src path, then a data: URI's type. */
export function mediaType(view: MediaView): string {
  if (view.mime) return view.mime.toLowerCase().replace(/^\./, '');
  const src = view.src ?? '';
  const data = /^data:([^;,]+)/i.exec(src);
  if (data) return data[1].toLowerCase();
  const path = src.split(/[?#]/)[0];
  const dot = path.lastIndexOf('.');
  return dot >= 0 && dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

export function meshFormat(view: MediaView): MeshFormat | undefined {
  const t = mediaType(view);
  return MESH_EXT[t] ?? MESH_MIME[t];
}

function isImageType(t: string): boolean {
  return t.startsWith('image/') || IMAGE_EXT.has(t);
}

/** 3D that arrives as pictures (Omni-RewardBench's multi-view renders) goes to the image renderer. */
export function rendererFor(view: MediaView): RendererKind {
  if (view.error || !view.src) return 'missing';
  if (view.modality === '3d') return isImageType(mediaType(view)) ? 'image' : 'mesh';
  if (view.modality === 'image') return 'image';
  return view.modality;
}

/** The name to show for a view: its label, else the last path segment of src (never a whole data: URI). */
export function displayName(view: MediaView): string {
  if (view.label) return view.label;
  const src = view.src ?? view.tried?.[0] ?? '';
  if (src.startsWith('data:')) return `inline ${mediaType(view) || 'data'}`;
  const path = src.split(/[?#]/)[0];
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || src;
  } catch {
    return path.slice(path.lastIndexOf('/') + 1) || src;
  }
}
