// Omni-Reward's judge prompts as data, user templates with checked placeholders, and the verdict tokens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { PreferencePair } from '../../../../src/core/dataset/types';
import {
  loadTemplateFile,
  omniRewardTemplate,
  renderJudgePrompt,
} from '../../../../src/core/scoring/judge/judgePrompts';
import { parseJudgeVerdict } from '../../../../src/core/scoring/judge/verdictParser';
import { TASKS } from '../../../../src/core/dataset/types';

const pair = (over: Partial<PreferencePair> = {}): PreferencePair => ({
  kind: 'pair',
  index: 0,
  line: 1,
  id: 'x',
  prompt: [{ type: 'text', text: 'Draw a cat' }],
  criterion: 'be concise',
  a: { parts: [{ type: 'text', text: 'AAA' }] },
  b: { parts: [{ type: 'text', text: 'BBB' }] },
  label: 'A',
  labelKind: 'explicit',
  format: 'test',
  raw: {},
  ...over,
});

test('every task has a system prompt with {criteria}, a tie variant with [[C]], and a pair template with both responses', () => {
  for (const task of TASKS) {
    const t = omniRewardTemplate(task);
    assert.match(t.system, /\{criteria\}/, task);
    assert.doesNotMatch(t.system, /\[\[C\]\]/, task);
    assert.match(t.systemWithTie, /\[\[C\]\]/, task);
    assert.match(t.pair, /\{responseA\}[\s\S]*\{responseB\}/, task);
  }
  assert.match(omniRewardTemplate('T2A').source, /upstream text_to_audio\.py is empty/);
});

test('swapped shows B as Response A; image-editing puts the source image at {original_image}', () => {
  const p = renderJudgePrompt(omniRewardTemplate('T2T'), pair(), { ties: false, swapped: true });
  assert.match((p.user[0] as { text: string }).text, /\[\[RESPONSE A\]\]\nBBB\n[\s\S]*\[\[RESPONSE B\]\]\nAAA\n/);
  assert.match(p.system, /following criteria:\n\nbe concise\n\n/);
  const img = (path: string) => ({
    type: 'media' as const,
    media: { modality: 'image' as const, source: { kind: 'path' as const, path } },
  });
  const edit = renderJudgePrompt(
    omniRewardTemplate('TI2I'),
    pair({
      prompt: [{ type: 'text', text: 'make it red' }, img('src.png')],
      a: { parts: [img('a.png')] },
      b: { parts: [img('b.png')] },
    }),
    { ties: true, swapped: false },
  );
  const shape = edit.user.map((s) => (s.type === 'media' ? (s.media.source as { path: string }).path : 'text'));
  assert.deepEqual(shape, ['text', 'src.png', 'text', 'a.png', 'text', 'b.png', 'text']);
});

test('a template file: placeholders are checked and named, {{ }} are literal braces', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-tpl-'));
  try {
    const file = path.join(dir, 't.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        system: 'Judge by {criteria}. Answer {{"v": "[[A]]"}}.',
        pair: 'Q: {prompt}\n1: {responseA}\n2: {responseB}',
      }),
    );
    const ok = await loadTemplateFile(file);
    assert.ok(ok.ok);
    const p = renderJudgePrompt(ok.value, pair(), { ties: true, swapped: false });
    assert.equal(p.system, 'Judge by be concise. Answer {"v": "[[A]]"}.');
    assert.deepEqual(p.user, [{ type: 'text', text: 'Q: Draw a cat\n1: AAA\n2: BBB' }]);
    fs.writeFileSync(file, JSON.stringify({ system: 'x', pair: '{prompt} {answerA} {responseB}' }));
    const bad = await loadTemplateFile(file);
    assert.ok(
      !bad.ok && /`pair`: unknown placeholder `\{answerA\}`; known: \{prompt\}, \{responseA\}/.test(bad.message),
      JSON.stringify(bad),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("verdict tokens: one kind is a verdict, none or two kinds are not (as the paper's parse_judgement)", () => {
  assert.deepEqual(parseJudgeVerdict('… so [[B]]'), { ok: true, verdict: 'B' });
  assert.deepEqual(parseJudgeVerdict('[[A]] … final: [[A]]'), { ok: true, verdict: 'A' });
  assert.deepEqual(parseJudgeVerdict('\\boxed{C}'), { ok: true, verdict: 'tie' });
  assert.deepEqual(parseJudgeVerdict('[[A>B]]'), { ok: true, verdict: 'A' });
  assert.deepEqual(parseJudgeVerdict('[[A=B=Bad]]'), { ok: true, verdict: 'tie' });
  assert.equal(parseJudgeVerdict('"[[A]]" if A is better, "[[B]]" if B').ok, false);
  const none = parseJudgeVerdict('I prefer A');
  assert.ok(!none.ok && none.reason === 'none');
});
