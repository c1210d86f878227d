// Builds the standalone media demo into .e2e-out/media-dev/: bundle, page, theme variables, and a manifest
// of sample media (samples/** when present, generated stand-ins otherwise). Serve it with serve.mjs.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMedia } from './makeMedia.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
export const outDir = path.join(root, '.e2e-out/media-dev');

export async function build() {
  fs.rmSync(path.join(outDir, 'samples'), { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: { demo: path.join(here, 'demo.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    loader: { '.ttf': 'file', '.css': 'css' },
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'themes.css']) fs.copyFileSync(path.join(here, f), path.join(outDir, f));
  const gen = makeMedia(path.join(outDir, 'gen'));
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest(gen), null, 2));
  return outDir;
}

function manifest(gen) {
  // Omni-RewardBench's media first: it has the real benchmark's mix of modalities.
  const rank = (f) => (f.includes(`${path.sep}omni-rewardbench${path.sep}`) ? 0 : 1);
  const found = walk(path.join(root, 'samples')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const byExt = (...exts) => found.filter((f) => exts.includes(path.extname(f).slice(1).toLowerCase()));
  // Chosen samples are copied beside the page, so the check does not race whoever regenerates samples/.
  const sample = (modality, file) => {
    const rel = path.relative(path.join(root, 'samples'), file).split(path.sep).join('/');
    fs.mkdirSync(path.dirname(path.join(outDir, 'samples', rel)), { recursive: true });
    fs.copyFileSync(file, path.join(outDir, 'samples', rel));
    return { modality, src: `samples/${rel}`, label: path.relative(root, file) };
  };
  const generated = (modality, name) => ({ modality, src: `gen/${name}`, label: `generated/${name}` });
  const two = (modality, files, fallback) =>
    files.length >= 2
      ? [sample(modality, files[0]), sample(modality, files[1])]
      : fallback.map((n) => generated(modality, n));

  const stills = byExt('jpg', 'jpeg', 'png', 'webp', 'gif');
  const views = stills.filter((f) => /view|render|3d/i.test(f)).slice(0, 2);
  const photos = stills.filter((f) => !views.includes(f));
  // MJ-Bench pairs an image with its edited version: show such a pair when there is one.
  const base = photos.find((f) => photos.some((g) => g !== f && g.startsWith(f.replace(/\.\w+$/, '_'))));
  const imagePair = base ? [base, photos.find((g) => g !== base && g.startsWith(base.replace(/\.\w+$/, '_')))] : photos;
  const mesh = (ext, name) => (byExt(ext)[0] ? sample('3d', byExt(ext)[0]) : generated('3d', name));
  const webp = fs.readFileSync(path.join(outDir, 'gen', gen.imageC)).toString('base64');
  return {
    imagePair: two('image', imagePair, [gen.imageA, gen.imageB]),
    imageData: { modality: 'image', src: `data:image/webp;base64,${webp}`, label: 'inline bytes (data: URI)' },
    multiView: views.length
      ? views.map((f) => sample('3d', f))
      : [generated('3d', gen.imageA), generated('3d', gen.imageC)],
    videoPair: two('video', byExt('webm', 'mp4'), [gen.videoA, gen.videoB]),
    videoBroken: generated('video', gen.broken),
    audioPair: two('audio', byExt('wav', 'ogg', 'mp3', 'flac'), [gen.audioA, gen.audioB]),
    meshes: [mesh('glb', gen.meshGlb), mesh('obj', gen.meshObj), mesh('ply', gen.meshPly)],
    meshBroken: generated('3d', gen.brokenMesh),
    missing: [
      {
        modality: 'image',
        error: 'Image file not found',
        tried: ['samples/omni-rewardbench/media/missing/cat.png', 'media/missing/cat.png'],
        label: 'missing/cat.png',
      },
      {
        modality: 'video',
        error: 'Remote media is not fetched unless a setting allows it',
        tried: ['https://example.com/clips/response-b.mp4'],
      },
    ],
  };
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${path.relative(root, await build())}/`);
