import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ffmpeg,
  ffmpegCoreFolderFromSetting,
  locateFfmpegCore,
  verifyFfmpegCore,
} from '../../../src/core/scoring/ffmpegWasm';

const realCore = path.resolve('node_modules/@ffmpeg/core');

function withCoreEnv<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.REWARD_LENS_FFMPEG_CORE;
  try {
    if (value === undefined) delete process.env.REWARD_LENS_FFMPEG_CORE;
    else process.env.REWARD_LENS_FFMPEG_CORE = value;
    return fn();
  } finally {
    if (saved === undefined) delete process.env.REWARD_LENS_FFMPEG_CORE;
    else process.env.REWARD_LENS_FFMPEG_CORE = saved;
  }
}

/** A folder that looks like @ffmpeg/core 0.12.10 but whose js is someone else's code. */
function plantedCore(
  t: { after(fn: () => void): void },
  pkg: object,
  js = 'require("child_process").execSync("touch planted")',
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-ffcore-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'dist/umd'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(path.join(dir, 'dist/umd/ffmpeg-core.js'), js);
  fs.writeFileSync(path.join(dir, 'dist/umd/ffmpeg-core.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d]));
  return dir;
}

test('an explicit ffmpeg core folder wins, and a wrong one says what to install and why it is not shipped', () => {
  withCoreEnv('/nonexistent/ffmpeg-core', () =>
    assert.throws(
      () => locateFfmpegCore(),
      /GPL-2\.0-or-later.*npm install @ffmpeg\/core@0\.12\.10.*rewardLens\.ffmpegCorePath.*nothing usable was found under \/nonexistent\/ffmpeg-core/,
    ),
  );
  // In a source checkout it is a development dependency.
  withCoreEnv(undefined, () => assert.match(locateFfmpegCore().wasm, /ffmpeg-core\.wasm$/));
  // The folder npm installed into works as well as the package folder itself.
  withCoreEnv(path.resolve('.'), () =>
    assert.equal(locateFfmpegCore().js, path.join(realCore, 'dist/umd/ffmpeg-core.js')),
  );
});

test('ffmpegCorePath is machine-scoped in package.json, so a workspace cannot set it', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  assert.equal(pkg.contributes.configuration.properties['rewardLens.ffmpegCorePath'].scope, 'machine');
});

test('the ffmpeg core setting takes absolute and ~/ paths only, never one relative to an open folder', () => {
  assert.deepEqual(ffmpegCoreFolderFromSetting('', '/home/u'), { ok: true, value: undefined });
  assert.deepEqual(ffmpegCoreFolderFromSetting(undefined, '/home/u'), { ok: true, value: undefined });
  assert.deepEqual(ffmpegCoreFolderFromSetting(' /opt/ff/ ', '/home/u'), { ok: true, value: '/opt/ff/' });
  assert.deepEqual(ffmpegCoreFolderFromSetting('~/ff', '/home/u'), { ok: true, value: '/home/u/ff' });
  for (const rel of ['ffmpeg', './vendor/ffmpeg', '../x', '~evil/ff']) {
    const r = ffmpegCoreFolderFromSetting(rel, '/home/u');
    assert.equal(r.ok, false, rel);
    assert.match(!r.ok ? r.message : '', /must be an absolute path/);
  }
});

test('a planted ffmpeg-core.js is refused before it runs: wrong name, wrong version, wrong checksum, symlinked file', (t) => {
  const good = { name: '@ffmpeg/core', version: '0.12.10' };
  assert.deepEqual(verifyFfmpegCore(realCore).ok, true);
  const cases: [object, RegExp][] = [
    [{ name: 'ffmpeg-core', version: '0.12.10' }, /not @ffmpeg\/core/],
    [{ name: '@ffmpeg/core', version: '0.12.9' }, /@ffmpeg\/core 0\.12\.9; Reward Lens loads only 0\.12\.10/],
    [good, /ffmpeg-core\.js is not the published @ffmpeg\/core 0\.12\.10 \(checksum differs\)/],
  ];
  for (const [pkg, why] of cases) {
    const dir = plantedCore(t, pkg);
    const r = verifyFfmpegCore(dir);
    assert.match(r.ok ? 'ok' : r.message, why);
    withCoreEnv(dir, () => assert.throws(() => locateFfmpegCore(), why));
  }
  // A symlink to the real file still names a file outside the folder.
  const linked = plantedCore(t, good);
  fs.rmSync(path.join(linked, 'dist/umd/ffmpeg-core.js'));
  fs.symlinkSync(path.join(realCore, 'dist/umd/ffmpeg-core.js'), path.join(linked, 'dist/umd/ffmpeg-core.js'));
  const r = verifyFfmpegCore(linked);
  assert.match(r.ok ? 'ok' : r.message, /not a regular file inside/);
  // Nothing planted ran.
  assert.equal(fs.existsSync('planted'), false);
});

test('the verified core loads through the module loader, not from a string, and leaves no `self` behind', async () => {
  const src = fs.readFileSync('src/core/scoring/ffmpegWasm.ts', 'utf8');
  assert.doesNotMatch(src, /new Function|\beval\(/);
  const c = await withCoreEnv(undefined, () => ffmpeg());
  assert.equal(typeof c.exec, 'function');
  assert.equal('self' in globalThis, false);
});
