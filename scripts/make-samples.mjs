#!/usr/bin/env node
// Regenerates samples/omni-rewardbench and samples/edge (deterministic; the output is committed).
// Needs ffmpeg, sox and espeak-ng, and ../shared/data beside the repo. Run: npm run samples
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audioPairs } from './samples/audioPairs.mjs';
import { edgeCases } from './samples/edgeCases.mjs';
import { imagePairs } from './samples/imagePairs.mjs';
import { omniRecord, TASK_FILES } from './samples/omniRecord.mjs';
import { balancedSwaps, seededRandom } from './samples/seededRandom.mjs';
import { textPairs } from './samples/textPairs.mjs';
import { threeDPairs } from './samples/threeDPairs.mjs';
import { requireTools } from './samples/tools.mjs';
import { videoPairs } from './samples/videoPairs.mjs';

const SEED = 20251026;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '../shared/data');
const omniDir = join(root, 'samples/omni-rewardbench');
const edgeDir = join(root, 'samples/edge');

requireTools();
for (const dir of [omniDir, edgeDir]) rmSync(dir, { recursive: true, force: true });
mkdirSync(omniDir, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'reward-lens-samples-'));

try {
  const images = imagePairs(dataDir, omniDir);
  const audio = audioPairs(omniDir, tmp);
  const video = videoPairs(omniDir);
  const byTask = {
    T2T: textPairs(dataDir),
    TI2T: images.ti2t,
    TV2T: video.tv2t,
    TA2T: audio.ta2t,
    T2I: images.t2i,
    T2V: video.t2v,
    T2A: audio.t2a,
    T23D: threeDPairs(omniDir),
    TI2I: images.ti2i,
  };

  // Put the preferred response second in half of each task's non-tie pairs (seeded), so position gives nothing away.
  const random = seededRandom(SEED);
  const jsonl = [];
  for (const [task, pairs] of Object.entries(byTask)) {
    const decided = pairs.filter((p) => p.preference !== 'tie');
    const preferredSecond = balancedSwaps(decided.length, random);
    decided.forEach((p, i) => (p.swap = preferredSecond[i] === (p.preference === 'response1')));
    const records = pairs.map(omniRecord);
    writeFileSync(join(omniDir, `${TASK_FILES[task]}_preferences.json`), JSON.stringify(records, null, 4) + '\n');
    for (const { id, ...rest } of records) jsonl.push(JSON.stringify({ id, task, ...rest }));
  }
  writeFileSync(join(omniDir, 'omni-sample.jsonl'), jsonl.join('\n') + '\n');

  edgeCases(edgeDir);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Size report: the tree is committed, so keep it small.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push([relative(root, path), statSync(path).size]);
  }
};
walk(omniDir);
walk(edgeDir);
files.sort((a, b) => b[1] - a[1]);
const total = files.reduce((sum, [, size]) => sum + size, 0);
console.log(`wrote ${files.length} files, ${(total / 1024).toFixed(0)} KiB; largest:`);
for (const [path, size] of files.slice(0, 5)) console.log(`  ${(size / 1024).toFixed(0).padStart(5)} KiB  ${path}`);
