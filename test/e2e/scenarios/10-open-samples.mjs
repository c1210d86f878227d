// Every sample file opens in the Reward Lens editor and its header counts match the file, counted here independently.
import fs from 'node:fs';
import { expect } from '../lib/checks.mjs';
import { headerCounts } from '../lib/rewardLens.mjs';
import { readSample } from '../lib/samples.mjs';

const REQUIRED = [
  'omni-rewardbench/omni-sample.jsonl',
  'edge/malformed.jsonl',
  'edge/xss.jsonl',
  'edge/missing-media.jsonl',
  'edge/long-text.jsonl',
];

/** An object any adapter could read as a pair: two responses (Omni, HH-RLHF, ...) or a list of completions. */
const looksLikePair = (v) =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  (('response1' in v && 'response2' in v) || ('chosen' in v && 'rejected' in v) || Array.isArray(v.completions));

export function sampleFiles(ws) {
  const files = [];
  for (const dir of ['omni-rewardbench', 'formats', 'edge']) {
    const abs = ws(dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).sort()) if (/\.jsonl?$/.test(f)) files.push(`${dir}/${f}`);
  }
  return files;
}

export default {
  name: 'open-samples',
  async run(t) {
    await t.check('the required sample files exist', async () => {
      const missing = REQUIRED.filter((f) => !fs.existsSync(t.ws(f)));
      expect(!missing.length, `missing samples: ${missing.join(', ')}`);
    });
    for (const rel of sampleFiles(t.ws)) {
      const { records, parseErrors } = readSample(t.ws(rel));
      // formats/ and omni-rewardbench/ files are well-formed; edge files may hold lines no adapter can read
      const errors = rel.startsWith('edge/') ? records.filter((r) => !looksLikePair(r.value)).length : 0;
      await t.check(`${rel} opens with ${records.length} records and ${errors} errors in the header`, async () => {
        const wv = await t.open(rel);
        const got = await headerCounts(wv);
        expect(
          got.records === records.length && got.errors === errors,
          `header says ${got.records} records / ${got.errors} errors; the file has ${records.length} records (${parseErrors} not JSON) / ${errors} errors`,
        );
        expect(got.format.length > 0, 'the header names no format');
      });
    }
  },
};
