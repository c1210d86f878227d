// Bundles the four entry points: extension host, score worker, CLI (Node, CommonJS) and the webview (browser).
// `vscode` and the packages that ship native or wasm binaries (onnxruntime-node, sharp, @ffmpeg/core) stay external.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };
// mainFields: prefer ESM builds; jsonc-parser's UMD build requires './impl/*' dynamically, which bundles break.
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['vscode', 'onnxruntime-node', 'sharp', '@ffmpeg/core'],
};

const entries = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    loader: { '.ttf': 'file', '.css': 'css' },
  },
].filter((e) => Object.values(e.entryPoints).every((f) => fs.existsSync(f)));
// Worker entries are optional until the code that spawns them exists.
for (const w of ['src/core/scoring/scoreWorker.ts']) {
  if (fs.existsSync(w)) entries.push({ ...node, entryPoints: { scoreWorker: w }, outdir: 'dist' });
}

if (watch) {
  const ctxs = await Promise.all(entries.map((e) => esbuild.context(e)));
  await Promise.all(ctxs.map((c) => c.watch()));
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}
