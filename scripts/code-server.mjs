// `npm start` without a local `code`: serves the samples in code-server on 127.0.0.1 with Reward Lens linked in,
// from a profile kept in the tools folder (settings survive restarts). Runs in the foreground until Ctrl+C.
// Env: PORT (default 8080), HOST (default 127.0.0.1), REWARD_LENS_OPEN (file to open, default the Omni sample).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, TOOLS, NODE24, assertToolsInstalled } from '../test/e2e/lib/tools.mjs';
import { makeSandbox, linkExtension } from '../test/e2e/lib/sandbox.mjs';
import { codeServerArgs } from '../test/e2e/lib/codeServer.mjs';

const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || '127.0.0.1';
const folder = path.join(ROOT, 'samples');
const file = path.resolve(ROOT, process.env.REWARD_LENS_OPEN || 'samples/omni-rewardbench/omni-sample.jsonl');

assertToolsInstalled({ browser: false });
const profile = makeSandbox({ dir: path.join(TOOLS, 'start-profile') });
// In this profile benchmark files open in Reward Lens directly; "Reopen Editor With…" still offers the text editor.
profile.writeSettings({
  'workbench.editorAssociations': {
    '*.jsonl': 'rewardLens.preferenceEditor',
    '**/samples/**/*.json': 'rewardLens.preferenceEditor',
  },
  // The browser's default (afterDelay) writes every relabel to the sample a second later; here edits stay unsaved
  // until Ctrl+S, as in desktop VS Code (README: "Auto save").
  'files.autoSave': 'off',
});
linkExtension(profile, ROOT);

const args = codeServerArgs(profile, port).map((a) => (a === `127.0.0.1:${port}` ? `${host}:${port}` : a));
const child = spawn(NODE24, [...args, folder], { env: profile.env, stdio: ['ignore', 'pipe', 'inherit'] });

// The URL opens the folder and the sample file (in Reward Lens, through the association above).
const payload = JSON.stringify([['openFile', `vscode-remote://localhost:${port}${file}`]]);
const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
let announced = false;
child.stdout.on('data', (buf) => {
  process.stdout.write(buf);
  if (!announced && /HTTP server listening/.test(String(buf))) {
    announced = true;
    console.log(`\nReward Lens is ready. Open this address in your browser:\n\n  ${url}\n`);
    console.log(`On a remote machine, forward the port first:  ssh -L ${port}:127.0.0.1:${port} <host>`);
    console.log(`If a file opens as text: right-click its tab > "Reopen Editor With…" > Reward Lens. Ctrl+C stops.\n`);
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, sig) => {
  if (!announced && code)
    console.error(`code-server stopped (exit ${code}); is port ${port} taken? Try PORT=8081 npm start`);
  process.exit(code ?? (sig ? 0 : 1));
});
