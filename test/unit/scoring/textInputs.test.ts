// How a pair becomes a text RM's input: chat messages, segment pairs, truncation, media the model cannot see.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { ScoreInput } from '../../../src/core/scoring/scorer';
import { chatMessages, createTextEncoder, segmentPair } from '../../../src/core/scoring/textInputs';
import { encode, loadTokenizer } from '../../../src/core/scoring/tokenizerLoader';

const FIX = path.resolve(__dirname, '../../fixtures/models');
const text = (t: string) => [{ type: 'text' as const, text: t }];

const transcript: ScoreInput = {
  prompt: [
    {
      type: 'chat',
      turns: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Tell a joke' },
      ],
    },
  ],
  criterion: 'Prefer funny answers.',
  response: { parts: text('Why did the chicken…') },
};

test('a chat transcript prompt becomes the message list, the criterion joining its system turn', () => {
  assert.deepEqual(chatMessages(transcript), [
    { role: 'system', content: 'Prefer funny answers.\n\nBe kind.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    { role: 'user', content: 'Tell a joke' },
    { role: 'assistant', content: 'Why did the chicken…' },
  ]);
});

test('an empty criterion adds no system message; plain text prompts are one user turn', () => {
  assert.deepEqual(chatMessages({ prompt: text('Q'), criterion: '  ', response: { parts: text('A') } }), [
    { role: 'user', content: 'Q' },
    { role: 'assistant', content: 'A' },
  ]);
});

test('the segment pair puts the criterion and a blank line before the prompt', () => {
  assert.deepEqual(segmentPair({ prompt: text('Q'), criterion: 'C', response: { parts: text('A') } }), ['C\n\nQ', 'A']);
  assert.deepEqual(segmentPair({ prompt: text('Q'), response: { parts: text('A') } }), ['Q', 'A']);
  assert.equal(
    segmentPair(transcript)[0],
    'Prefer funny answers.\n\nSystem: Be kind.\n\nUser: Hi\n\nAssistant: Hello!\n\nUser: Tell a joke',
  );
});

test('pair truncation keeps max_length tokens, both separators, and cuts the longer segment first', () => {
  const lt = loadTokenizer(path.join(FIX, 'text-rm-deberta'));
  const long = 'word '.repeat(100);
  const ids = encode(lt, 'short question here', long, {
    addSpecialTokens: true,
    maxLength: 32,
    truncationSide: 'right',
  })!;
  assert.equal(ids.length, 32);
  const full = encode(lt, 'short question here', long, {
    addSpecialTokens: true,
    maxLength: 10_000,
    truncationSide: 'right',
  })!;
  const sep = full.at(-1)!;
  const firstSep = full.indexOf(sep);
  // The short first segment survives whole, the long second one is cut from the right.
  assert.deepEqual(ids.slice(0, firstSep + 1), full.slice(0, firstSep + 1));
  assert.equal(ids.at(-1), sep);
  assert.deepEqual(ids.slice(firstSep + 1, -1), full.slice(firstSep + 1, firstSep + 1 + 32 - firstSep - 2));
});

test('left truncation of a chat input keeps its end', () => {
  const lt = loadTokenizer(path.join(FIX, 'text-rm-llama'));
  const full = encode(lt, 'a b c d e f g h i j k l m n o p', undefined, {
    addSpecialTokens: false,
    maxLength: 1000,
    truncationSide: 'left',
  })!;
  const cut = encode(lt, 'a b c d e f g h i j k l m n o p', undefined, {
    addSpecialTokens: false,
    maxLength: 5,
    truncationSide: 'left',
  })!;
  assert.deepEqual(cut, full.slice(-5));
});

test('a text model says it cannot see an image in the prompt or the response', () => {
  const lt = loadTokenizer(path.join(FIX, 'text-rm-deberta'));
  const enc = createTextEncoder(lt, { maxLength: 256, truncationSide: 'right' });
  const image = {
    type: 'media' as const,
    media: { modality: 'image' as const, source: { kind: 'path' as const, path: 'x.png' } },
  };
  const r1 = enc.encode({ prompt: [image, ...text('What is this?')], response: { parts: text('A cat') } });
  assert.ok('error' in r1 && /cannot see image \(the prompt\)/.test(r1.error));
  const r2 = enc.encode({ prompt: text('Draw'), response: { parts: [image] } });
  assert.ok('error' in r2 && /cannot see image \(the response\)/.test(r2.error));
});

test('a chat template that raises an exception gives that record an error naming the reason', async () => {
  const { TextRewardModel } = await import('../../../src/core/scoring/textRewardModel');
  const lt = loadTokenizer(path.join(FIX, 'text-rm-llama'));
  const enc = createTextEncoder(lt, {
    maxLength: 512,
    truncationSide: 'right',
    chatTemplate:
      "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{{ messages[0]['content'] }}",
  });
  const model = new TextRewardModel({} as never, enc, {} as never);
  const [withSystem, without] = model.encodeAll([
    { prompt: text('Q'), criterion: 'C', response: { parts: text('A') } },
    { prompt: text('Q'), response: { parts: text('A') } },
  ]);
  assert.ok('error' in withSystem && /System role not supported/.test(withSystem.error));
  assert.ok('ids' in without);
});
