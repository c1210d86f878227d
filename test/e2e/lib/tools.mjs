// Where the e2e tools live (made by test/e2e/install-tools.sh) and how to load them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TOOLS = path.resolve(process.env.E2E_TOOLS || path.join(ROOT, '.e2e-tools'));
export const NODE24 = path.join(TOOLS, 'node24', 'bin', 'node');
export const CODE_SERVER = path.join(TOOLS, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Fails with the command that fixes it when a tool is missing. */
export function assertToolsInstalled({ browser = true } = {}) {
  const missing = [
    NODE24,
    CODE_SERVER,
    ...(browser ? [CHROMIUM, path.join(TOOLS, 'e2e', 'node_modules', 'playwright-core')] : []),
  ].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`e2e tools missing: ${missing.join(', ')}\nrun: bash test/e2e/install-tools.sh`);
  }
}

/** playwright-core lives in the tools folder, not in the project's node_modules. */
export function loadPlaywright() {
  return createRequire(path.join(TOOLS, 'e2e', 'package.json'))('playwright-core');
}
