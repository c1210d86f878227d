// Builds the analysis demo page into .e2e-out/analysis-dev/ (bundle + page). Serve it with
// webview/media/dev/serve.mjs, or run screenshots.mjs, which builds, serves and shoots.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
export const outDir = path.join(root, '.e2e-out/analysis-dev');

export async function build() {
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
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  fs.copyFileSync(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${path.relative(root, await build())}/`);
