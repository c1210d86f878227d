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
import type { MediaRef, Part } from '../../src/core/dataset/types';
import { EditorSession } from '../../src/core/view/editorSession';
import type { FromWebviewMessage, MediaView, ToWebviewMessage } from '../../src/protocol';
import { DatasetSource } from '../../src/host/datasetSource';
import type { DevData } from './devData';

const ROOT = path.resolve(__dirname, '../..');
const MAX_RECORDS = 5000;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.obj': 'text/plain',
  '.ply': 'application/octet-stream',
};

export async function buildDevBundle(outdir: string): Promise<void> {
  await esbuild.build({
    entryPoints: { dev: path.join(ROOT, 'webview/dev/devMain.ts') },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir,
    sourcemap: true,
    logLevel: 'warning',
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
      media[p.media.source.path] = r.ok
        ? { src: `/file/${path.relative(ROOT, r.path).split(path.sep).map(encodeURIComponent).join('/')}` }
        : { error: r.reason, tried: r.tried };
    }
  };
  for (const r of records)
    if (r.kind === 'pair') for (const parts of [r.prompt, r.a.parts, r.b.parts]) await visit(parts);
  return {
    fileName: path.basename(abs),
    format: { id: ds.format?.id ?? '', name: ds.format?.displayName ?? 'Unknown format' },
    records: records.map((r) => (r.kind === 'pair' ? { ...r, raw: undefined } : r)),
    media,
  };
}

// ---- remote sessions: the real EditorSession over the real Dataset in this process, for big files (bench) ----

interface Remote {
  session: EditorSession;
  events: ToWebviewMessage[];
  listeners: Set<http.ServerResponse>;
}
const remotes = new Map<string, Remote>();

function mediaUrl(fileDir: string) {
  return async (ref: MediaRef): Promise<MediaView> => {
    const base = { modality: ref.modality, ...(ref.mime ? { mime: ref.mime } : {}) };
    if (ref.source.kind === 'data') return { ...base, src: ref.source.uri };
    if (ref.source.kind === 'url') return { ...base, error: 'remote media is off', tried: [ref.source.url] };
    if (ref.source.kind === 'embedded')
      return { ...base, error: 'embedded media is not served by the dev server', tried: [] };
    const r = await resolveMediaPath(ref, { fileDir });
    if (!r.ok) return { ...base, error: r.reason, tried: r.tried, label: ref.source.path };
    return {
      ...base,
      src: `/file/${path.relative(ROOT, r.path).split(path.sep).map(encodeURIComponent).join('/')}`,
      label: ref.source.path,
    };
  };
}

/** Opens a file as the extension host would: the session exists once the first records are readable. */
async function openRemote(file: string): Promise<string> {
  const abs = path.resolve(ROOT, file);
  if (!inside(ROOT, abs)) throw new Error(`${file} is outside the repository`);
  const id = Math.random().toString(36).slice(2);
  let remote: Remote | undefined;
  const push = (m: ToWebviewMessage) => {
    if (!remote) return;
    for (const l of remote.listeners) l.write(`data: ${JSON.stringify(m)}\n\n`);
  };
  let progress = { bytes: 0, total: 0, records: 0, done: false };
  await new Promise<void>((resolveOpen, reject) => {
    const opened = Dataset.open(abs, {
      onProgress: (bytes, total, records) => {
        progress = { bytes, total, records, done: false };
        remote?.session.indexProgress(progress);
      },
      onFirstRecords: (ds) => {
        const session = new EditorSession({
          source: new DatasetSource(() => ds),
          fileName: path.basename(abs),
          format: () => ({ id: ds.format?.id ?? '', name: ds.format?.displayName ?? 'Unknown format' }),
          resolveMedia: mediaUrl(path.dirname(abs)),
          send: push,
        });
        session.indexProgress(progress);
        remote = { session, events: [], listeners: new Set() };
        remotes.set(id, remote);
        resolveOpen();
      },
    });
    opened.then(
      (ds) =>
        remote?.session.indexProgress({
          bytes: progress.total,
          total: progress.total,
          records: ds.recordCount,
          done: true,
        }),
      reject,
    );
  });
  return id;
}

async function body(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
    res.writeHead(206, {
      'Content-Type': type,
      'Content-Range': `bytes ${start}-${end}/${st.size}`,
      'Content-Length': end - start + 1,
      'Accept-Ranges': 'bytes',
    });
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
    if (url.pathname === '/remote/open') {
      openRemote(url.searchParams.get('file') ?? '')
        .then((id) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id })))
        .catch((e: unknown) => res.writeHead(400).end(e instanceof Error ? e.message : String(e)));
      return;
    }
    if (url.pathname === '/remote/events') {
      const remote = remotes.get(url.searchParams.get('id') ?? '');
      if (!remote) return void res.writeHead(404).end('no such session');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(': connected\n\n');
      remote.listeners.add(res);
      req.on('close', () => remote.listeners.delete(res));
      return;
    }
    if (url.pathname === '/remote/rpc') {
      const remote = remotes.get(url.searchParams.get('id') ?? '');
      if (!remote) return void res.writeHead(404).end('no such session');
      body(req)
        .then((b) => remote.session.handle(JSON.parse(b) as FromWebviewMessage))
        .then((reply) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply ?? null)))
        .catch((e: unknown) => res.writeHead(500).end(e instanceof Error ? e.message : String(e)));
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
        for (const remote of remotes.values()) remote.session.dispose();
        remotes.clear();
        server.closeAllConnections();
        server.close(() => r());
        fs.rmSync(outdir, { recursive: true, force: true });
      }),
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--port');
  void startDevServer(i > 0 ? Number(process.argv[i + 1]) : 5178).then((s) =>
    console.log(`Reward Lens dev page: ${s.url}`),
  );
}
