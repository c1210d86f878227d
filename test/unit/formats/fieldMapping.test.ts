import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldMappingAdapter, validateFieldMapping } from '../../../src/core/dataset/formats/fieldMapping';
import type { FormatAdapter } from '../../../src/core/dataset/formatAdapter';
import { ctx, editsOf, errorOf, media, pairOf, text } from './helpers';

const MAPPING = {
  prompt: 'q.text',
  responseA: 'answers.0',
  responseB: 'answers.1',
  label: 'meta.winner',
  labelValues: { A: 'first', B: 'second', tie: 'both' },
  criterion: 'meta.rubric',
  id: 'uid',
  task: 'meta.kind',
};
const REC = {
  uid: 'u-1',
  q: { text: 'Which is better?' },
  answers: ['one', 'plots/b.png'],
  meta: { winner: 'second', rubric: 'Be visual.', kind: 't2i' },
};

function adapter(m: unknown = MAPPING): FormatAdapter {
  const a = fieldMappingAdapter(m);
  if ('error' in a) return assert.fail(a.error);
  return a;
}

test('reads a record through dotted paths, labels by the given values', () => {
  const p = pairOf(adapter(), REC);
  assert.equal(p.id, 'u-1');
  assert.equal(text(p.prompt), 'Which is better?');
  assert.equal(text(p.a.parts), 'one');
  assert.deepEqual(media(p.b.parts), ['image:plots/b.png']);
  assert.equal(p.label, 'B');
  assert.equal(p.criterion, 'Be visual.');
  assert.equal(p.task, 'T2I');
  assert.equal(p.format, 'field-mapping');
  assert.equal(pairOf(adapter(), { ...REC, meta: { ...REC.meta, winner: 'both' } }).label, 'tie');
});

test('writes labels and criteria at the mapped paths, with list indices as numbers', () => {
  const a = adapter({ ...MAPPING, label: 'votes.0', criterion: 'meta.rubric' });
  const rec = { ...REC, votes: ['first'] };
  assert.deepEqual(editsOf(a.labelEdits(rec, 'tie')), [{ op: 'set', path: ['votes', 0], value: 'both' }]);
  assert.deepEqual(editsOf(a.criterionEdits(rec, 'x')), [{ op: 'set', path: ['meta', 'rubric'], value: 'x' }]);
});

test('explains what a mapping cannot do', () => {
  const { tie: _t, ...ab } = MAPPING.labelValues;
  const { criterion: _c, ...noCriterion } = MAPPING;
  assert.equal(
    errorOf(adapter({ ...MAPPING, labelValues: ab }).labelEdits(REC, 'tie')),
    'the field mapping\'s `labelValues` has no value for tie; add "tie": <value> to say how this file writes it',
  );
  assert.equal(
    errorOf(adapter(noCriterion).criterionEdits(REC, 'x')),
    'the field mapping names no `criterion` field; add `criterion` (a dotted path) to the mapping to save one',
  );
  assert.equal(
    errorOf(adapter().toPair({ uid: 1 }, ctx())),
    'the field mapping expects `q.text`, `answers.0`, `answers.1`, `meta.winner`; found keys `uid`',
  );
  assert.equal(
    errorOf(adapter().toPair({ ...REC, meta: { winner: 'B' } }, ctx())),
    '`meta.winner` must be "first" (A), "second" (B), "both" (tie); got "B"',
  );
});

test('validates the mapping with messages that say what to fix', () => {
  const check = (m: unknown) => errorOf(validateFieldMapping(m) as never);
  assert.equal(
    check({ prompt: 'q', responseA: 'a' }),
    'field mapping: `responseB` is required; give the dotted path of the field that holds it, e.g. "answers.1"',
  );
  assert.equal(
    check({ ...MAPPING, respA: 'x' }),
    'field mapping: unknown key `respA`; allowed keys are `prompt`, `responseA`, `responseB`, `label`, `labelValues`, `criterion`, `id`, `task`',
  );
  assert.equal(
    check({ ...MAPPING, prompt: 3 }),
    'field mapping: `prompt` must be a dotted path like "meta.question"; got 3',
  );
  assert.equal(
    check({ ...MAPPING, prompt: 'a..b' }),
    'field mapping: `prompt` must be a dotted path like "meta.question"; got "a..b"',
  );
  assert.equal(
    check({ ...MAPPING, responseB: 'answers.0' }),
    'field mapping: `responseA` and `responseB` both name "answers.0"; they must be two different fields',
  );
  assert.equal(
    check({ ...MAPPING, labelValues: undefined }),
    'field mapping: `label` and `labelValues` go together: name the label field and say which of its values mean A, B (and tie), e.g. "labelValues": {"A": 0, "B": 1}',
  );
  assert.equal(
    check({ ...MAPPING, labelValues: { A: 1, B: 1 } }),
    'field mapping: `labelValues` gives two labels the same value ({"A":1,"B":1}); each label needs its own',
  );
  assert.equal(
    check({ ...MAPPING, labelValues: { A: 1 } }),
    'field mapping: `labelValues` must say which value means A and which B, e.g. {"A": 0, "B": 1, "tie": 0.5}; got {"A":1}',
  );
  assert.equal(
    check('prompt'),
    'a field mapping must be an object like {"prompt": "question", "responseA": "answer_a", "responseB": "answer_b"}; got a string',
  );
});

test('matches records by how many mapped fields they hold', () => {
  const a = adapter();
  assert.equal(a.match(REC), 1);
  assert.equal(a.match({ q: { text: 'x' } }), 0.25);
  assert.equal(a.match('nope'), 0);
});

test('reads message lists and unlabelled records without a label mapping', () => {
  const a = adapter({ prompt: 'p', responseA: 'x', responseB: 'y' });
  const p = pairOf(a, { p: 'hi', x: [{ role: 'assistant', content: 'hello' }], y: 'hey' }, ctx(5));
  assert.equal(p.label, 'none');
  assert.equal(p.id, 'line-5');
  assert.equal(text(p.a.parts), 'hello');
  assert.equal(
    errorOf(a.labelEdits({}, 'A')),
    'the field mapping names no `label` field, so labels cannot be saved; add `label` and `labelValues` to the mapping',
  );
});
