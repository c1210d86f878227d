import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, FilterSyntaxError, type Value } from '../../../src/core/analysis/filterExpression';

const FIELDS = ['task', 'margin', 'label', 'verdict', 'correct', 'id'];
const row = (o: Record<string, Value>) => (f: string) => o[f];
const rows = [
  row({ task: 'T2I', margin: -3, label: 'A', verdict: 'B', correct: false, id: 'mj-1' }),
  row({ task: 'T2I', margin: 0.5, label: 'A', verdict: 'A', correct: true, id: 'mj-2' }),
  row({ task: 'T2T', margin: -2.5, label: 'tie', verdict: 'B', correct: false, id: 'hh-synthetic-3' }),
  row({ task: 'T2A', margin: undefined, label: 'B', verdict: undefined, correct: undefined, id: 'a-4' }),
];
const matching = (src: string) => rows.map((r, i) => (compileFilter(src, FIELDS)(r) ? i : -1)).filter((i) => i >= 0);

test('combines comparisons with and, or, not and parentheses', () => {
  assert.deepEqual(matching('task == "T2I" and margin < -2'), [0]);
  assert.deepEqual(matching('task == "T2I" or label == \'tie\''), [0, 1, 2]);
  assert.deepEqual(matching('not correct'), [0, 2, 3]);
  assert.deepEqual(matching('not (task == "T2I" or task == "T2T")'), [3]);
  assert.deepEqual(matching('abs(margin) >= 2.5 and verdict != label'), [0, 2]);
});

test('an empty expression matches every row', () => {
  assert.deepEqual(matching('  '), [0, 1, 2, 3]);
});

test('~ is a case-insensitive substring match', () => {
  assert.deepEqual(matching('id ~ "SYNTHETIC"'), [2]);
});

test('a missing value (no run yet) never satisfies an ordering', () => {
  assert.deepEqual(matching('margin < 100'), [0, 1, 2]);
  assert.deepEqual(matching('-margin > 2'), [0, 2]);
});

test('errors name the column and what was expected', () => {
  const err = (src: string) => {
    try {
      compileFilter(src, FIELDS);
    } catch (e) {
      assert.ok(e instanceof FilterSyntaxError);
      return e.message;
    }
    assert.fail(`no error for ${src}`);
  };
  assert.equal(err('task = "T2I"'), 'column 6: use `==` to compare');
  assert.equal(
    err('marign < 2'),
    'column 1: unknown field `marign`; known fields: task, margin, label, verdict, correct, id',
  );
  assert.equal(err('task == "T2I'), 'column 9: unterminated string starting with "');
  assert.equal(err('task == '), 'column 9: expected a value; found `end of input`');
  assert.equal(err('(margin < 2'), 'column 12: expected `)`; found `end of input`');
  assert.equal(err('margin < 2 margin'), 'column 12: expected `and`, `or` or the end; found `margin`');
});
