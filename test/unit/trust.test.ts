import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ignoredMediaRootsNote, MANAGE_WORKSPACE_TRUST, untrustedRefusal } from '../../src/core/trust';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

test('the extension runs in Restricted Mode with the settings that could name code or data set aside', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.deepEqual([...u.restrictedConfigurations].sort(), [
    'rewardLens.allowRemoteMedia',
    'rewardLens.annotation.auditTrail',
    'rewardLens.ffmpegCorePath',
    'rewardLens.mediaRoots',
    'rewardLens.models',
    'rewardLens.runsFolder',
  ]);
  for (const key of u.restrictedConfigurations)
    assert.ok(pkg.contributes.configuration.properties[key], `${key} is a contributed setting`);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.match(pkg.capabilities.virtualWorkspaces.description, /local disk/);
});

test('a refusal in Restricted Mode says what needs trust, why, and what still works', () => {
  assert.match(
    untrustedRefusal('score'),
    /^scoring needs a trusted workspace, because it loads the model folders the workspace names.*Viewing and labelling work in Restricted Mode\.$/,
  );
  assert.match(
    untrustedRefusal('rescore'),
    /^rescoring .* needs a trusted workspace, because it loads the model that a run file in the workspace names/,
  );
  assert.equal(MANAGE_WORKSPACE_TRUST, 'Manage Workspace Trust');
  assert.match(ignoredMediaRootsNote(2), /sets 2 media roots \(rewardLens\.mediaRoots\), ignored in Restricted Mode/);
});

test('every host entry point that loads a model checks trust first', () => {
  // The host needs VS Code to run; this reads that each entry point calls the guard before anything else.
  const first = (file: string, fn: RegExp) => {
    const src = fs.readFileSync(file, 'utf8');
    const m = fn.exec(src);
    assert.ok(m, `${file}: ${fn}`);
    return src
      .slice(m.index + m[0].length)
      .split('\n')
      .find((l) => l.trim() !== '')!
      .trim();
  };
  assert.equal(
    first('src/host/scoring/scoreCommand.ts', /async run\(arg\?: unknown\): Promise<void> \{/),
    "if (refuseUntrusted('score')) return;",
  );
  assert.equal(
    first('src/host/analysis/sweepCommand.ts', /export async function runSweep\([^)]*\): Promise<void> \{/),
    "if (refuseUntrusted('rescore')) return;",
  );
  assert.match(
    fs.readFileSync('src/host/analysis/probeScorer.ts', 'utf8'),
    /if \(!vscode\.workspace\.isTrusted\) return items\.map/,
  );
  assert.match(
    fs.readFileSync('src/host/analysis/index.ts', 'utf8'),
    /if \(refuseUntrusted\('rescore'\)\) return fail/,
  );
  assert.match(
    fs.readFileSync('src/host/annotation/annotator.ts', 'utf8'),
    /auditUser\([^)]*\{ git: vscode\.workspace\.isTrusted \}\)/,
  );
  assert.match(fs.readFileSync('src/host/trust.ts', 'utf8'), /executeCommand\('workbench\.trust\.manage'\)/);
});
