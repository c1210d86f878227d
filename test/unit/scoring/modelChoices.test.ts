// The model list of "Score with Model…": configured entries resolved and validated, then the built-ins.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { modelChoices } from '../../../src/host/scoring/modelChoices';

test('lists configured models with resolved paths and overrides, then default and length', () => {
  const { choices, problems } = modelChoices(
    [{ id: 'skywork', path: 'models/sky', maxLength: 1024, template: 'chat' }, { path: '/abs/rm-deberta' }],
    '/ws',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    choices.map((c) => c.ref.id),
    ['skywork', 'rm-deberta', 'default', 'length'],
  );
  assert.equal(choices[0].ref.path, path.resolve('/ws/models/sky'));
  assert.deepEqual(choices[0].ref.overrides, { maxLength: 1024, template: 'chat' });
  assert.equal(choices[1].ref.overrides, undefined);
});

test('reports entries without a path and taken ids, and keeps the built-ins', () => {
  const { choices, problems } = modelChoices([{ id: 'x' }, { id: 'length', path: 'a' }, 'nonsense'], '/ws');
  assert.equal(problems.length, 3);
  assert.match(problems[1], /id `length` is already taken/);
  assert.deepEqual(
    choices.map((c) => c.ref.id),
    ['default', 'length'],
  );
});
