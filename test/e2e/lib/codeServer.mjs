// code-server's lifecycle: start it in its own process group on 127.0.0.1, wait until it answers, stop the whole tree.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { CODE_SERVER, NODE24 } from './tools.mjs';

/** A port the kernel says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function codeServerArgs(sandbox, port) {
  return [
    CODE_SERVER,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config',
    `${sandbox.xdgConfig}/config.yaml`,
    '--user-data-dir',
    sandbox.userData,
    '--extensions-dir',
    sandbox.extensions,
  ];
}

/**
 * Starts code-server with `folder` open and resolves once /healthz answers.
 * detached: its own process group, so stop() reaches the extension host and every other child too.
 */
export async function startCodeServer({ sandbox, port, folder, logFile, timeoutMs = 90_000 }) {
  port ??= await freePort();
  const log = fs.openSync(logFile, 'w');
  const t0 = Date.now();
  const child = spawn(NODE24, [...codeServerArgs(sandbox, port), folder], {
    env: sandbox.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  const server = {
    base,
    port,
    pid: child.pid,
    child,
    folderUrl: (dir = folder) => `${base}/?folder=${encodeURIComponent(dir)}`,
    stop: () => stopGroup(child),
  };
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        server.startMs = Date.now() - t0;
        return server;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await server.stop();
  throw new Error(`code-server did not answer on ${base} within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** SIGTERM to the group, then SIGKILL to whatever is left after a grace period. */
export async function stopGroup(child, graceMs = 2000) {
  if (!child?.pid) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const t0 = Date.now();
  while (alive() && Date.now() - t0 < graceMs) await new Promise((r) => setTimeout(r, 100));
  if (alive())
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
}
