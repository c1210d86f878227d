// 3D meshes (glb/gltf, obj, ply) in a three.js orbit viewer. Bytes load only once the viewer is on screen;
// frames render on demand (orbit, resize), never in a constant loop; dispose frees the WebGL context.
import {
  Box3,
  DirectionalLight,
  HemisphereLight,
  type Mesh,
  type Object3D,
  PerspectiveCamera,
  Scene,
  Sphere,
  Vector3,
  WebGLRenderer,
  type MeshStandardMaterial,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { MediaView } from '../../src/protocol';
import { el } from '../components/badges';
import { iconButton, type MediaHandle } from './dom';
import { displayName, meshFormat } from './mediaKind';
import { describeLoadError, disposeObject, loadObject, meshStats } from './meshLoading';
import { placeholderElement } from './placeholder';

/** A camera pose that carries over between models of different size: where it looks from, and how close. */
export interface OrbitPose {
  /** Unit vector from the model's centre to the camera. */
  direction: Vector3;
  /** Camera distance as a multiple of the distance that frames the whole model. */
  zoom: number;
}

export interface MeshHandle extends MediaHandle {
  /** Moves this viewer's camera to `pose` (a linked viewer was orbited); applied after loading if still loading. */
  follow(pose: OrbitPose): void;
}

/** `onOrbit` hears every camera move the user makes here (not moves made by follow). */
export function renderMesh(container: HTMLElement, view: MediaView, onOrbit?: (pose: OrbitPose) => void): MeshHandle {
  const name = displayName(view);
  const wrap = el('figure', 'media-figure media-mesh');
  const stage = el('div', 'media-mesh-stage');
  const canvas = el('canvas', 'media-3d');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `3D model ${name}: drag to orbit, scroll to zoom, right-drag to pan`);
  canvas.dataset.state = 'waiting';
  const status = el('div', 'media-mesh-status', 'Loading 3D model…');
  const reset = iconButton('home', 'Reset view');
  const wire = iconButton('symbol-structure', 'Show wireframe');
  wire.setAttribute('aria-pressed', 'false');
  const tools = el('div', 'media-mesh-tools');
  tools.append(wire, reset);
  stage.append(canvas, status, tools);
  wrap.append(stage);
  const caption = el('figcaption', 'media-caption', view.label ?? '');
  wrap.append(caption);
  container.append(wrap);

  let viewer: Viewer | undefined;
  let pending: OrbitPose | undefined;
  let disposed = false;
  let shown: HTMLElement = wrap;
  const fail = (message: string): void => {
    if (disposed) return;
    viewer?.dispose();
    viewer = undefined;
    const box = placeholderElement(view, message);
    shown.replaceWith(box);
    shown = box;
  };

  const format = meshFormat(view);
  // Load the bytes only when the viewer is (nearly) visible: a pair view scrolled into view, a tab shown.
  const visible = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting) || viewer || disposed || !format) return;
      visible.disconnect();
      try {
        viewer = createViewer(canvas, onOrbit);
      } catch (e) {
        return fail(`Cannot show ${name}: WebGL is not available here (${(e as Error).message}).`);
      }
      reset.addEventListener('click', () => viewer?.frame());
      wire.addEventListener('click', () => {
        const on = wire.getAttribute('aria-pressed') !== 'true';
        wire.setAttribute('aria-pressed', String(on));
        viewer?.wireframe(on);
      });
      loadObject(format, view.src ?? '').then(
        (object) => {
          if (disposed || !viewer) return disposeObject(object);
          viewer.show(object);
          if (pending) viewer.follow(pending);
          status.remove();
          const stats = meshStats(object);
          caption.textContent = [view.label, stats].filter(Boolean).join(' · ');
          canvas.dataset.state = 'ready';
        },
        (e: unknown) => fail(`Could not load the 3D model ${name}: ${describeLoadError(e, format)}.`),
      );
    },
    { rootMargin: '200px' },
  );
  if (format) visible.observe(canvas);
  else fail(`Cannot show ${name} in 3D: only glb, gltf, obj and ply meshes are supported.`);

  return {
    follow: (pose) => {
      pending = pose;
      if (canvas.dataset.state === 'ready') viewer?.follow(pose);
    },
    dispose: () => {
      disposed = true;
      visible.disconnect();
      viewer?.dispose();
      shown.remove();
    },
  };
}

interface Viewer {
  show(object: Object3D): void;
  /** Draws every material as wireframe (topology: holes, slivers, density), or back to solid. */
  wireframe(on: boolean): void;
  follow(pose: OrbitPose): void;
  /** Points the camera at the whole model again. */
  frame(): void;
  dispose(): void;
}

function createViewer(canvas: HTMLCanvasElement, onOrbit?: (pose: OrbitPose) => void): Viewer {
  // preserveDrawingBuffer: frames are drawn rarely, and tests/screenshots read the canvas after compositing.
  const renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  renderer.setClearColor(0x000000, 0);
  const scene = new Scene();
  const camera = new PerspectiveCamera(40, 4 / 3, 0.01, 1000);
  // Sky/ground fill plus a headlight that follows the camera: every side you orbit to is lit.
  scene.add(new HemisphereLight(0xffffff, 0x404040, 0.8));
  const headlight = new DirectionalLight(0xffffff, 2.4);
  // Above and to the side of the eye, so faces turned toward the viewer still differ in shade.
  headlight.position.set(1, 1.2, 0.6);
  headlight.target.position.set(0, 0, -1);
  camera.add(headlight, headlight.target);
  scene.add(camera);
  const controls = new OrbitControls(camera, canvas);
  let model: Object3D | undefined;
  let framedDistance = 1;
  let following = false;
  const render = (): void => renderer.render(scene, camera);
  const onChange = (): void => {
    render();
    if (following || !model || !onOrbit) return;
    const offset = camera.position.clone().sub(controls.target);
    onOrbit({ direction: offset.clone().normalize(), zoom: offset.length() / framedDistance });
  };
  controls.addEventListener('change', onChange);

  const resize = (): void => {
    const w = Math.max(1, canvas.clientWidth);
    const hgt = Math.max(1, canvas.clientHeight);
    renderer.setSize(w, hgt, false);
    camera.aspect = w / hgt;
    camera.updateProjectionMatrix();
    render();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);

  const frame = (): void => {
    if (!model) return;
    const sphere = new Box3().setFromObject(model).getBoundingSphere(new Sphere());
    const radius = sphere.radius || 1;
    const fov = (camera.fov * Math.PI) / 180;
    const distance = (radius / Math.sin(Math.min(fov, fov * camera.aspect) / 2)) * 1.05;
    framedDistance = distance;
    camera.position.copy(sphere.center).add(new Vector3(0.6, 0.45, 1).normalize().multiplyScalar(distance));
    camera.near = distance / 100;
    camera.far = distance * 100;
    camera.updateProjectionMatrix();
    controls.target.copy(sphere.center);
    following = true;
    controls.update();
    following = false;
    render();
  };

  return {
    show(object) {
      model = object;
      scene.add(object);
      resize();
      frame();
    },
    frame,
    wireframe(on) {
      model?.traverse((o) => {
        const material = (o as Partial<Mesh>).material;
        for (const m of material ? (Array.isArray(material) ? material : [material]) : []) {
          if ('wireframe' in m) (m as MeshStandardMaterial).wireframe = on;
        }
      });
      render();
    },
    follow({ direction, zoom }) {
      if (!model) return;
      following = true;
      camera.position.copy(controls.target).add(direction.clone().multiplyScalar(zoom * framedDistance));
      controls.update();
      following = false;
      render();
    },
    dispose() {
      observer.disconnect();
      controls.removeEventListener('change', onChange);
      controls.dispose();
      if (model) disposeObject(model);
      renderer.dispose();
      renderer.forceContextLoss();
    },
  };
}
