// Reading meshes into three.js objects (glb/gltf, obj, ply), describing them, and freeing their GPU memory.
import {
  type BufferGeometry,
  Color,
  Mesh,
  MeshStandardMaterial,
  type Object3D,
  Points,
  PointsMaterial,
  TextureLoader,
  type Material,
  type Texture,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import type { MeshFormat } from './mediaKind';

/** A neutral clay that reads on dark and light backgrounds alike (the canvas itself is transparent). */
const CLAY = 0xb8b8b8;

/** "12,288 triangles · 6,146 vertices" (or points), the size a reader judges a generated mesh by. */
export function meshStats(root: Object3D): string {
  let triangles = 0;
  let vertices = 0;
  let points = 0;
  root.traverse((o) => {
    const geometry = (o as Partial<Mesh>).geometry;
    const count = geometry?.getAttribute('position')?.count ?? 0;
    if (o instanceof Points) points += count;
    else if (o instanceof Mesh) {
      vertices += count;
      triangles += (geometry?.index ? geometry.index.count : count) / 3;
    }
  });
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  if (points && !vertices) return `${n(points)} points`;
  return `${n(triangles)} triangles · ${n(vertices)} vertices`;
}

/** three's loader errors, in words about the file (not the webview URL or the loader class). */
export function describeLoadError(e: unknown, format: MeshFormat): string {
  const message = e instanceof Error ? e.message : String(e);
  // Parsers fail on bad bytes with RangeError/SyntaxError: the reader needs "damaged", not the parser's words.
  if (e instanceof RangeError || e instanceof SyntaxError)
    return `the file is damaged or not a valid ${format === 'gltf' ? 'glTF/GLB' : format.toUpperCase()} file`;
  const status = /responded with (\d+)/.exec(message);
  if (status) return `the file could not be read (HTTP ${status[1]})`;
  if (/DRACOLoader|KTX2Loader|MeshoptDecoder/.test(message))
    return 'it uses a compression extension (Draco, KTX2 or meshopt) this viewer does not decode';
  return message.replace(/^THREE\.\w+:\s*/, '') || 'unreadable file';
}

export async function loadObject(format: MeshFormat, src: string): Promise<Object3D> {
  switch (format) {
    case 'gltf': {
      const loader = new GLTFLoader();
      // Textures through <img> (img-src allows blob:) rather than fetch(), which the webview CSP may not allow for blob:.
      loader.register((parser) => {
        parser.textureLoader = new TextureLoader(parser.options.manager);
        return { name: 'reward_lens_img_textures' };
      });
      return (await loader.loadAsync(src)).scene;
    }
    case 'obj':
      return withClay(await new OBJLoader().loadAsync(src));
    case 'ply': {
      const geometry = await new PLYLoader().loadAsync(src);
      return plyObject(geometry);
    }
  }
}

/** A PLY without faces is a point cloud; with faces, a mesh (normals computed when the file has none). */
function plyObject(geometry: BufferGeometry): Object3D {
  const colored = geometry.hasAttribute('color');
  if (!geometry.index) {
    geometry.computeBoundingSphere();
    const radius = geometry.boundingSphere?.radius || 1;
    return new Points(
      geometry,
      new PointsMaterial({ size: radius / 150, vertexColors: colored, color: colored ? 0xffffff : CLAY }),
    );
  }
  if (!geometry.hasAttribute('normal')) geometry.computeVertexNormals();
  return new Mesh(geometry, clay(colored));
}

/** OBJ files arrive without their .mtl here: give every mesh the neutral clay, keeping vertex colours. */
function withClay(object: Object3D): Object3D {
  object.traverse((o) => {
    if (o instanceof Mesh) {
      const geometry = o.geometry as BufferGeometry;
      if (!geometry.hasAttribute('normal')) geometry.computeVertexNormals();
      disposeMaterial(o.material as Material | Material[]);
      o.material = clay(geometry.hasAttribute('color'));
    }
  });
  return object;
}

function clay(vertexColors: boolean): MeshStandardMaterial {
  return new MeshStandardMaterial({
    color: vertexColors ? new Color(0xffffff) : new Color(CLAY),
    vertexColors,
    roughness: 0.65,
    metalness: 0,
  });
}

export function disposeObject(root: Object3D): void {
  root.traverse((o) => {
    const withGeometry = o as Partial<Mesh>;
    withGeometry.geometry?.dispose();
    if (withGeometry.material) disposeMaterial(withGeometry.material);
  });
}

function disposeMaterial(material: Material | Material[]): void {
  for (const m of Array.isArray(material) ? material : [material]) {
    for (const value of Object.values(m)) if ((value as Texture | null)?.isTexture) (value as Texture).dispose();
    m.dispose();
  }
}
