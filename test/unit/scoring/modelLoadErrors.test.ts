// A model that cannot load fails at once with a ModelLoadError naming the file and the problem.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadScorer } from '../../../src/core/scoring/modelFolder';
import { ModelLoadError } from '../../../src/core/scoring/scorer';
import { tempDir } from '../tempDir';

const DEBERTA = path.resolve(__dirname, '../../fixtures/models/text-rm-deberta');

/** A copy of the DeBERTa fixture with `change` applied. */
function variant(change: (dir: string) => void): string {
  const dir = tempDir('rl-bad-');
  fs.cpSync(DEBERTA, dir, { recursive: true });
  change(dir);
  return dir;
}

async function rejectsWith(dir: string, file: string, problem: RegExp, overrides?: object) {
  await assert.rejects(loadScorer({ id: 'x', path: dir, overrides }), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError, String(e));
    assert.equal(e.file, file);
    assert.match(e.message, problem);
    return true;
  });
}

const editConfig = (dir: string, f: (c: Record<string, unknown>) => void) => {
  const c = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  f(c);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
};

test('a missing tokenizer.json is named', async () => {
  await rejectsWith(
    variant((d) => fs.rmSync(path.join(d, 'tokenizer.json'))),
    'tokenizer.json',
    /missing/,
  );
});

test('a missing config.json is named', async () => {
  await rejectsWith(
    variant((d) => fs.rmSync(path.join(d, 'config.json'))),
    'config.json',
    /missing/,
  );
});

test('a file that is not ONNX is named', async () => {
  const dir = variant((d) =>
    fs.writeFileSync(path.join(d, 'onnx/model.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\n'),
  );
  await rejectsWith(dir, 'onnx/model.onnx', /not an ONNX model/);
});

test('a classifier with more than one label is not a reward model', async () => {
  const dir = variant((d) => editConfig(d, (c) => (c.id2label = { 0: 'NEG', 1: 'POS' })));
  await rejectsWith(dir, 'config.json', /2 labels is not a reward model/);
});

test('an architecture that is not a reward model is refused', async () => {
  const dir = variant((d) => editConfig(d, (c) => (c.architectures = ['DebertaV2ForMaskedLM'])));
  await rejectsWith(dir, 'config.json', /`DebertaV2ForMaskedLM` is not a reward model/);
});

test('a graph without the expected input is named with its inputs', async () => {
  await rejectsWith(DEBERTA, 'onnx/model.onnx', /has no input `ids` \(inputs: input_ids, attention_mask\)/, {
    inputNames: { inputIds: 'ids' },
  });
});

test('an output index beyond the graph output is refused', async () => {
  await rejectsWith(DEBERTA, 'onnx/model.onnx', /outputIndex 3 is out of range/, { outputIndex: 3 });
});

test('the manifest can pick the ONNX file, and a missing one is named', async () => {
  await rejectsWith(DEBERTA, 'onnx/model_int8.onnx', /missing/, { onnxFile: 'onnx/model_int8.onnx' });
});
