// A throw-away home for one code-server run: user data, extensions, workspace, XDG and TMP dirs in one temp folder,
// so a run never reads or writes the developer's own VS Code state, ~/.config or the repo's samples.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE24 } from './tools.mjs';

/** Settings that keep the workbench quiet and offline: no telemetry, no welcome page, no trust prompt, no git. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  // As in desktop VS Code: edits stay unsaved until saved. code-server's browser default (afterDelay) would save
  // behind a test's back; a setting written later is not always picked up by the running workbench.
  'files.autoSave': 'off',
};

/**
 * Creates the folders. `dir` defaults to a fresh temp folder; pass a fixed one for a profile that persists (npm start).
 * Returns the paths, the environment code-server and Chromium run with, and a settings writer.
 */
export function makeSandbox({ dir, prefix = 'reward-lens-e2e-' } = {}) {
  const root = dir ? path.resolve(dir) : fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const p = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
    tmp: path.join(root, 'tmp'),
  };
  for (const d of Object.values(p)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(p.userData, 'User'), { recursive: true });
  const settingsFile = path.join(p.userData, 'User', 'settings.json');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: p.xdgConfig, // code-server writes its config.yaml here
    XDG_DATA_HOME: p.xdgData,
    XDG_CACHE_HOME: p.xdgCache, // onnxruntime's telemetry db would land here without ORT_DISABLE_TELEMETRY
    TMPDIR: p.tmp, // vscode-ipc-*.sock files
    ORT_DISABLE_TELEMETRY: '1',
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
  };
  const sandbox = {
    ...p,
    env,
    settingsFile,
    /** Merges `patch` into the user settings; the running workbench picks the change up from disk. */
    writeSettings(patch) {
      let cur = {};
      try {
        cur = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
      } catch {
        /* first write */
      }
      fs.writeFileSync(settingsFile, JSON.stringify({ ...cur, ...patch }, null, 2));
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  if (!fs.existsSync(settingsFile)) sandbox.writeSettings(QUIET_SETTINGS);
  return sandbox;
}

/**
 * Installs the extension at `extRoot` (with its node_modules and dist/) by linking it into the extensions dir as
 * <publisher>.<name>-<version>: code-server scans the folder, so no .vsix packaging is needed.
 */
export function linkExtension(sandbox, extRoot) {
  const pj = JSON.parse(fs.readFileSync(path.join(extRoot, 'package.json'), 'utf8'));
  const id = `${pj.publisher}.${pj.name}`;
  const link = path.join(sandbox.extensions, `${id}-${pj.version}`);
  for (const old of fs.readdirSync(sandbox.extensions)) {
    if (old.startsWith(`${id}-`) || old === 'extensions.json')
      fs.rmSync(path.join(sandbox.extensions, old), { recursive: true, force: true });
  }
  fs.symlinkSync(path.resolve(extRoot), link);
  return { id, viewTypes: (pj.contributes?.customEditors ?? []).map((c) => c.viewType), link };
}
