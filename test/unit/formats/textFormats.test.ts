// Chosen/rejected text formats: RewardBench, RewardBench 2, RM-Bench, HH-RLHF, UltraFeedback, Skywork,
// OmniReward-Factory's sharegpt shape. Real records where the shared data has them (see PROVENANCE.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hhRlhf } from '../../../src/core/dataset/formats/hhRlhf';
import { skywork, ultraFeedback } from '../../../src/core/dataset/formats/messageLists';
import { rewardBench, rewardBench2 } from '../../../src/core/dataset/formats/rewardBench';
import { rmBench } from '../../../src/core/dataset/formats/rmBench';
import { sharegpt } from '../../../src/core/dataset/formats/sharegpt';
import { ctx, editsOf, errorOf, fixtureJson, media, pairOf, text } from './helpers';

// Shaped as allenai/reward-bench rows (the alpacaeval-easy subset); text abridged.
const RB = {
  prompt: 'How do I detail a car?',
  chosen: 'Detailing a car involves washing, claying, polishing and protecting the paint...',
  chosen_model: 'gpt-4',
  rejected: 'Car detailing is cleaning.',
  rejected_model: 'alpaca-7b',
  subset: 'alpacaeval-easy',
  id: 12,
};

test('RewardBench: chosen is A and wins, models and subset kept', () => {
  const p = pairOf(rewardBench, RB);
  assert.equal(text(p.prompt), RB.prompt);
  assert.equal(text(p.a.parts), RB.chosen);
  assert.equal(p.a.model, 'gpt-4');
  assert.equal(p.b.model, 'alpaca-7b');
  assert.equal(p.label, 'A');
  assert.equal(p.labelKind, 'implicit');
  assert.equal(p.subset, 'alpacaeval-easy');
  assert.equal(p.task, 'T2T');
  assert.equal(p.id, '12');
});

test('chosen/rejected formats: A needs no edit, B swaps the values (and their model names), tie is refused', () => {
  assert.deepEqual(editsOf(rewardBench.labelEdits(RB, 'A')), []);
  assert.deepEqual(editsOf(rewardBench.labelEdits(RB, 'B')), [
    { op: 'swap', a: ['chosen'], b: ['rejected'] },
    { op: 'swap', a: ['chosen_model'], b: ['rejected_model'] },
  ]);
  assert.equal(
    errorOf(rewardBench.labelEdits(RB, 'tie')),
    'RewardBench stores the winner in `chosen`; it cannot express a tie',
  );
  assert.equal(
    errorOf(rewardBench.criterionEdits(RB, 'be brief')),
    'RewardBench records have no field for a free-form criterion, so none can be saved in this file; Omni-RewardBench files keep one in `criteria`, and a field mapping can name a `criterion` field',
  );
  const { chosen_model: _a, rejected_model: _b, ...noModels } = RB;
  assert.deepEqual(editsOf(rewardBench.labelEdits(noModels, 'B')), [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]);
});

test('RewardBench: explains a record without its fields', () => {
  assert.equal(
    errorOf(rewardBench.toPair({ prompt: 'q', answer: 'x' }, ctx())),
    'expected `prompt`, `chosen` and `rejected` (RewardBench); missing `chosen` and `rejected`; found keys `prompt`, `answer`',
  );
});

// Shaped as allenai/reward-bench-2 rows: one chosen, three rejected.
const RB2 = {
  id: '42',
  prompt: 'What is 7 * 8?',
  chosen: ['56'],
  rejected: ['54', '58', '64'],
  num_correct: 1,
  num_rejected: 3,
  total_completions: 4,
  models: ['a', 'b', 'c', 'd'],
  subset: 'Math',
};

test('RewardBench 2: A = chosen[0], B = rejected[0], every completion reachable', () => {
  const p = pairOf(rewardBench2, RB2);
  assert.equal(text(p.a.parts), '56');
  assert.equal(text(p.b.parts), '54');
  assert.equal(p.label, 'A');
  assert.equal(p.subset, 'Math');
  assert.deepEqual(
    p.variants!.b.map((r) => text(r.parts)),
    ['54', '58', '64'],
  );
  assert.equal(
    p.variants!.note,
    'A is chosen[0] and B is rejected[0] of 1 chosen and 3 rejected; RewardBench 2 counts a win only when the chosen beats every rejected',
  );
  assert.deepEqual(editsOf(rewardBench2.labelEdits(RB2, 'B')), [{ op: 'swap', a: ['chosen', 0], b: ['rejected', 0] }]);
  assert.equal(
    errorOf(rewardBench2.labelEdits(RB2, 'tie')),
    'RewardBench 2 stores the winner in `chosen`; it cannot express a tie',
  );
});

test('RM-Bench (real chat records): concise style as A/B, all three styles kept, lists swap whole', () => {
  const recs = fixtureJson('rm-bench-chat.json');
  const p = pairOf(rmBench, recs[0], ctx(2, 'chat_filtered.json'));
  assert.equal(p.id, '8');
  assert.equal(p.subset, 'alpacaeval');
  assert.equal(text(p.prompt), 'What are different drawers I should have for clothes?');
  assert.equal(text(p.a.parts), recs[0].chosen[0]);
  assert.equal(text(p.b.parts), recs[0].rejected[0]);
  assert.equal(p.variants!.a.length, 3);
  assert.equal(p.variants!.b.length, 3);
  assert.equal(text(p.variants!.a[2].parts), recs[0].chosen[2]);
  assert.match(
    p.variants!.note,
    /^A is chosen\[0\] and B is rejected\[0\], the concise style; \[1\] is detailed plain text, \[2\] detailed markdown; the rejected one's injected error: /,
  );
  assert.equal(p.task, 'T2T');
  assert.deepEqual(editsOf(rmBench.labelEdits(recs[0], 'B')), [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]);
  assert.equal(
    errorOf(rmBench.toPair({ ...recs[0], chosen: 'one' }, ctx())),
    '`chosen` must be a list of texts, one per style (RM-Bench); found a string',
  );
});

test('HH-RLHF (real records): prompt is the shared transcript as chat turns, responses are the final assistant turns', () => {
  const [first] = fixtureJson('hh-rlhf-harmless-base-test.jsonl');
  const p = pairOf(hhRlhf, first, ctx(1, 'harmless-base-test.jsonl'));
  assert.equal(p.id, 'line-1');
  assert.equal(p.prompt.length, 1);
  const chat = p.prompt[0];
  assert.equal(chat.type, 'chat');
  if (chat.type !== 'chat') return;
  assert.deepEqual(
    chat.turns.map((t) => t.role),
    ['user', 'assistant', 'user', 'assistant', 'user'],
  );
  assert.equal(chat.turns[0].content, 'what are some pranks with a pen i can do?');
  assert.equal(chat.turns[4].content, 'okay some of these do not have anything to do with pens');
  assert.equal(
    text(p.a.parts),
    'No, sorry!  All of these involve a pen, the point is that you can get funny results by doing pranks with pens.',
  );
  assert.match(text(p.b.parts), /^There are lots of funny things you can do with pens/);
  assert.equal(p.label, 'A');
  assert.equal(p.task, 'T2T');
  assert.deepEqual(editsOf(hhRlhf.labelEdits(first, 'B')), [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]);
  assert.equal(
    errorOf(hhRlhf.labelEdits(first, 'tie')),
    'HH-RLHF stores the winner in `chosen`; it cannot express a tie',
  );
});

test('HH-RLHF: a chosen transcript that goes on after the split keeps its extra turns as a chat response', () => {
  const recs = fixtureJson('hh-rlhf-harmless-base-test.jsonl');
  const p = pairOf(hhRlhf, recs[3]);
  const chat = p.prompt[0];
  assert.equal(chat.type === 'chat' && chat.turns.at(-1)!.content, "Isn't that drag kings?");
  assert.equal(p.a.parts[0].type, 'chat');
  assert.equal(
    text(p.b.parts),
    'A drag king is the opposite of a drag queen, like a male who acts like a stereotypical woman.',
  );
});

test('HH-RLHF: equal transcripts still give a prompt and two responses', () => {
  const t = '\n\nHuman: hi\n\nAssistant: hello';
  const p = pairOf(hhRlhf, { chosen: t, rejected: t });
  assert.equal(text(p.a.parts), 'hello');
  assert.equal(text(p.b.parts), 'hello');
  assert.deepEqual(p.prompt, [{ type: 'chat', turns: [{ role: 'user', content: 'hi' }] }]);
});

test('HH-RLHF: explains a transcript without an assistant turn', () => {
  assert.equal(
    errorOf(hhRlhf.toPair({ chosen: '\n\nHuman: hi', rejected: '\n\nHuman: hi\n\nAssistant: x' }, ctx())),
    '`chosen` has no "\\n\\nAssistant:" turn; HH-RLHF transcripts end with the assistant\'s reply',
  );
});

// Shaped as HuggingFaceH4/ultrafeedback_binarized rows (text abridged).
const UF = {
  prompt: 'Which is heavier, a kilo of feathers or a kilo of steel?',
  prompt_id: 'ab12',
  chosen: [
    { role: 'user', content: 'Which is heavier, a kilo of feathers or a kilo of steel?' },
    { role: 'assistant', content: 'They weigh the same: one kilogram each.' },
  ],
  rejected: [
    { role: 'user', content: 'Which is heavier, a kilo of feathers or a kilo of steel?' },
    { role: 'assistant', content: 'Steel.' },
  ],
  messages: [
    { role: 'user', content: 'Which is heavier, a kilo of feathers or a kilo of steel?' },
    { role: 'assistant', content: 'They weigh the same: one kilogram each.' },
  ],
  score_chosen: 9.0,
  score_rejected: 2.0,
};

test('UltraFeedback-binarized: message lists become prompt and responses; scores and the messages copy follow a relabel', () => {
  const p = pairOf(ultraFeedback, UF);
  assert.equal(p.id, 'ab12');
  assert.equal(text(p.prompt), UF.prompt);
  assert.equal(text(p.a.parts), 'They weigh the same: one kilogram each.');
  assert.equal(text(p.b.parts), 'Steel.');
  assert.deepEqual(editsOf(ultraFeedback.labelEdits(UF, 'B')), [
    { op: 'swap', a: ['chosen'], b: ['rejected'] },
    { op: 'swap', a: ['score_chosen'], b: ['score_rejected'] },
    { op: 'set', path: ['messages'], value: UF.rejected },
  ]);
});

test('Skywork: multi-turn message lists keep the shared turns as the prompt; source is the subset', () => {
  const rec = {
    chosen: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'Tell me a joke.' },
      { role: 'assistant', content: 'Why did the scarecrow win an award? He was outstanding in his field.' },
    ],
    rejected: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'Tell me a joke.' },
      { role: 'assistant', content: 'No.' },
    ],
    source: 'magpie_ultra',
  };
  const p = pairOf(skywork, rec, ctx(9));
  assert.equal(p.id, 'line-9');
  assert.equal(p.subset, 'magpie_ultra');
  assert.equal(p.prompt[0].type === 'chat' && p.prompt[0].turns.length, 3);
  assert.equal(text(p.b.parts), 'No.');
  assert.deepEqual(editsOf(skywork.labelEdits(rec, 'B')), [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]);
  assert.equal(
    errorOf(skywork.toPair({ chosen: [{ speaker: 'x' }], rejected: [] }, ctx())),
    '`chosen[0]` must be a message with `role` (user, assistant or system) and text `content`; found {"speaker":"x"}',
  );
});

test('OmniReward-Factory sharegpt (real records): conversations are the prompt, chosen wins', () => {
  const recs = fixtureJson('omnireward-factory-dpo-en-demo.json');
  const p = pairOf(sharegpt, recs[0]);
  assert.equal(text(p.prompt), recs[0].conversations[0].value);
  assert.equal(text(p.a.parts), recs[0].chosen.value);
  assert.equal(text(p.b.parts), recs[0].rejected.value);
  assert.equal(p.label, 'A');
  assert.equal(p.task, 'T2T');
  assert.deepEqual(editsOf(sharegpt.labelEdits(recs[0], 'B')), [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]);
  assert.deepEqual(editsOf(sharegpt.criterionEdits(recs[0], 'Prefer concise answers.')), [
    { op: 'set', path: ['system'], value: 'Prefer concise answers.' },
  ]);
});

test('sharegpt with images and a system criterion (Omni-RewardData TI2T shape)', () => {
  const rec = {
    conversations: [
      { from: 'system', value: 'Prefer answers that count precisely.' },
      { from: 'human', value: '<image>How many cats are there?' },
    ],
    chosen: { from: 'gpt', value: 'Three.' },
    rejected: { from: 'gpt', value: 'Two.' },
    images: ['ti2t/cats.jpg'],
  };
  const p = pairOf(sharegpt, rec, ctx(1, 'omni_ti2t.json'));
  assert.equal(p.criterion, 'Prefer answers that count precisely.');
  assert.deepEqual(media(p.prompt), ['text', 'image:ti2t/cats.jpg']);
  assert.equal(p.task, 'TI2T');
  assert.deepEqual(editsOf(sharegpt.criterionEdits(rec, 'x')), [
    { op: 'set', path: ['conversations', 0, 'value'], value: 'x' },
  ]);
  assert.equal(pairOf(sharegpt, { ...rec, videos: ['v.mp4'], images: undefined }, ctx(1, 'train.json')).task, 'TV2T');
  assert.equal(
    errorOf(sharegpt.toPair({ ...rec, chosen: 5 }, ctx())),
    '`chosen` must be a reply like {"from": "gpt", "value": "…"}; found a number',
  );
});
