// The length baseline counts word tokens of the response, the same way for every language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLengthBaseline, wordTokenCount } from '../../../src/core/scoring/lengthBaseline';
import { loadScorer } from '../../../src/core/scoring/modelFolder';

test('counts words, numbers, punctuation and emoji as tokens and CJK characters one by one', () => {
  assert.equal(wordTokenCount('Hello, world!'), 4);
  assert.equal(wordTokenCount('  pi is 3.14  '), 5);
  assert.equal(wordTokenCount('中文字'), 3);
  assert.equal(wordTokenCount('hi 👋'), 2);
  assert.equal(wordTokenCount(''), 0);
});

test('scores each response by its length and refuses media responses with a reason', async () => {
  const s = createLengthBaseline();
  const res = await s.scoreBatch([
    {
      prompt: [{ type: 'text', text: 'ignored prompt words' }],
      criterion: 'ignored too',
      response: { parts: [{ type: 'text', text: 'one two three' }] },
    },
    {
      prompt: [],
      response: { parts: [{ type: 'media', media: { modality: 'image', source: { kind: 'path', path: 'x.png' } } }] },
    },
  ]);
  assert.deepEqual(res[0], { score: 3 });
  assert.ok('error' in res[1] && /media/.test(res[1].error));
  assert.equal(s.info.bradleyTerry, false);
});

test('is always available as model id `length`', async () => {
  const s = await loadScorer({ id: 'length' });
  assert.equal(s.info.kind, 'length');
});
