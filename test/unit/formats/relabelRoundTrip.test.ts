// Every adapter's edits, applied to the sample records as the editor applies them, must make the record
// read back with the label (or criterion) that was asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { adapterById } from '../../../src/core/dataset/formats/registry';
import { applyValueEdits } from '../../../src/core/dataset/recordEdit';
import type { Label, PreferencePair } from '../../../src/core/dataset/types';

const SAMPLES = path.resolve(__dirname, '../../../samples/formats');
const FILES: [string, string][] = [
  ['hh-rlhf.jsonl', 'hh-rlhf'],
  ['rm-bench.json', 'rm-bench'],
  ['rewardbench.jsonl', 'rewardbench'],
  ['rewardbench-2.jsonl', 'rewardbench-2'],
  ['ultrafeedback-binarized.jsonl', 'ultrafeedback-binarized'],
  ['skywork-preference.jsonl', 'skywork-preference'],
  ['omnireward-factory-sharegpt.json', 'sharegpt'],
  ['mj-bench.json', 'mj-bench'],
  ['mj-bench-hf.jsonl', 'mj-bench'],
  ['genai-bench.jsonl', 'genai-bench'],
  ['genai-bench-editing.jsonl', 'genai-bench'],
  ['vl-rewardbench.jsonl', 'vl-rewardbench'],
  ['multimodal-rewardbench.jsonl', 'multimodal-rewardbench'],
  ['pick-a-pic.jsonl', 'pick-a-pic'],
  ['hpdv2-train.json', 'hpdv2'],
  ['hpdv2-test.json', 'hpdv2'],
];
/** Formats that can say a tie. */
const TIES = new Set(['genai-bench', 'pick-a-pic']);

function recordTexts(file: string): string[] {
  const t = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
  return file.endsWith('.jsonl')
    ? t.split('\n').filter((l) => l.trim())
    : (JSON.parse(t) as unknown[]).map((r) => JSON.stringify(r, null, 2));
}

const sameResponses = (x: PreferencePair['a'], y: PreferencePair['a']) =>
  JSON.stringify(x.parts) === JSON.stringify(y.parts);

test('relabelling each sample record reads back as the label asked for (swapped responses for chosen/rejected formats)', () => {
  let checked = 0;
  for (const [file, id] of FILES) {
    const adapter = adapterById(id)!;
    for (const [i, text] of recordTexts(file).entries()) {
      const c = { index: i, line: i + 1, fileName: file };
      const before = adapter.toPair(JSON.parse(text), c) as PreferencePair;
      for (const label of ['A', 'B', 'tie'] as Label[]) {
        const edits = adapter.labelEdits(JSON.parse(text), label);
        if (!Array.isArray(edits)) {
          assert.ok(label === 'tie' && !TIES.has(id), `${file} #${i + 1} ${label}: ${edits.error}`);
          continue;
        }
        const edited = applyValueEdits(text, edits);
        if (typeof edited !== 'string') return assert.fail(`${file} #${i + 1} ${label}: ${edited.error}`);
        const after = adapter.toPair(JSON.parse(edited), c) as PreferencePair;
        if (adapter.labelKind === 'explicit') {
          assert.equal(after.label, label, `${file} #${i + 1}`);
        } else {
          assert.equal(after.label, 'A');
          const flipped = label === 'B';
          assert.ok(
            sameResponses(after.a, flipped ? before.b : before.a) &&
              sameResponses(after.b, flipped ? before.a : before.b),
            `${file} #${i + 1} ${label}`,
          );
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 150, String(checked));
});

test('setting a criterion reads back where the format keeps one, and is refused with a reason elsewhere', () => {
  for (const [file, id] of FILES) {
    const adapter = adapterById(id)!;
    const [text] = recordTexts(file);
    const edits = adapter.criterionEdits(JSON.parse(text), 'Prefer the answer a child could follow.');
    if (!Array.isArray(edits)) {
      assert.notEqual(id, 'sharegpt');
      assert.match(edits.error, /records have no field for a free-form criterion/);
      continue;
    }
    const edited = applyValueEdits(text, edits);
    if (typeof edited !== 'string') return assert.fail(edited.error);
    const after = adapter.toPair(JSON.parse(edited), { index: 0, line: 1, fileName: file }) as PreferencePair;
    assert.equal(after.criterion, 'Prefer the answer a child could follow.', file);
  }
});

test('Omni-RewardBench labels and criteria read back after the edit, other bytes untouched', () => {
  const adapter = adapterById('omni-rewardbench')!;
  const text =
    '{"prompt": "Hi", "response1": "a", "response2": "b", "criteria": "be kind", "criteria_preference": "response1", "id": "x"}';
  for (const label of ['A', 'B', 'tie'] as Label[]) {
    const edited = applyValueEdits(text, adapter.labelEdits(JSON.parse(text), label) as never) as string;
    assert.equal(
      (adapter.toPair(JSON.parse(edited), { index: 0, line: 1, fileName: '' }) as PreferencePair).label,
      label,
    );
  }
  const edited = applyValueEdits(text, adapter.criterionEdits(JSON.parse(text), 'be brief') as never);
  assert.equal(edited, text.replace('"be kind"', '"be brief"'));
});
