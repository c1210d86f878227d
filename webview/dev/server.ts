// Dev server for the browser page (a Node tool, not webview code): bundles devMain.ts, reads preference files
// with the core Dataset, resolves their media, and serves media files under the repository with Range support.
//   node --import tsx webview/dev/server.ts [--port 5178]    then open http://127.0.0.1:5178/
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Dataset } from '../../src/core/dataset/dataset';
import { resolveMediaPath } from '../../src/core/dataset/media';
import type { Part } from '../../src/core/dataset/types';
import type { DevData } from './devData';

const ROOT = path.resolve(__dirname, '../..');
const MAX_RECORDS = 5000;

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif',
  '.webm': 'video/webm', '.mp4': 'video/mp4', '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.flac': 'audio/flac', '.ogg': 'audio/ogg',
  '.glb': 'model/gltf-binary', '.gltf': 'model/gltf+json', '.obj': 'text/plain', '.ply': 'application/octet-stream',
};

export async function buildDevBundle(outdir: string): Promise<void> {
  await esbuild.build({
    entryPoints: { dev: path.join(ROOT, 'webview/dev/devMain.ts') },
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', outdir, sourcemap: true, logLevel: 'warning',
    loader: { '.ttf': 'file', '.css': 'css' },
  });
}

async function devData(file: string): Promise<DevData> {
  const abs = path.resolve(ROOT, file);
  if (!inside(ROOT, abs)) throw new Error(`${file} is outside the repository`);
  const ds = await Dataset.open(abs);
  const records = await ds.readRecords(0, Math.min(ds.recordCount, MAX_RECORDS));
  const media: DevData['media'] = {};
  const visit = async (parts: Part[]) => {
    for (const p of parts) {
      if (p.type !== 'media' || p.media.source.kind !== 'path' || media[p.media.source.path]) continue;
      const r = await resolveMediaPath(p.media, { fileDir: path.dirname(abs) });
      media[p.media.source.path] = r.ok ? { src: `/file/${path.relative(ROOT, r.path).split(path.sep).map(encodeURIComponent).join('/')}` } : { error: r.reason, tried: r.tried };
    }
  };
  for (const r of records) if (r.kind === 'pair') for (const parts of [r.prompt, r.a.parts, r.b.parts]) await visit(parts);
  return {
    fileName: path.basename(abs),
    format: { id: ds.format?.id ?? '', name: ds.format?.displayName ?? 'Unknown format' },
    records: records.map((r) => (r.kind === 'pair' ? { ...r, raw: undefined } : r)),
    media,
  };
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    res.writeHead(404).end('not found');
    return;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = range[1] ? Number(range[1]) : 0;
    const end = range[2] ? Math.min(Number(range[2]), st.size - 1) : st.size - 1;
    res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${start}-${end}/${st.size}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' });
    fs.createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': st.size, 'Accept-Ranges': 'bytes' });
  fs.createReadStream(file).pipe(res);
}

export async function startDevServer(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reward-lens-dev-'));
  await buildDevBundle(outdir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') return sendFile(req, res, path.join(ROOT, 'webview/dev/index.html'));
    if (url.pathname === '/data') {
      devData(url.searchParams.get('file') ?? '')
        .then((d) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(d)))
        .catch((e: unknown) => res.writeHead(400).end(e instanceof Error ? e.message : String(e)));
      return;
    }
    if (url.pathname.startsWith('/file/')) {
      const file = path.resolve(ROOT, decodeURIComponent(url.pathname.slice('/file/'.length)));
      if (!inside(ROOT, file)) return void res.writeHead(403).end('outside the repository');
      return sendFile(req, res, file);
    }
    const built = path.join(outdir, path.basename(url.pathname));
    if (fs.existsSync(built)) return sendFile(req, res, built);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        fs.rmSync(outdir, { recursive: true, force: true });
      }),
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--port');
  void startDevServer(i > 0 ? Number(process.argv[i + 1]) : 5178).then((s) => console.log(`Reward Lens dev page: ${s.url}`));
}
