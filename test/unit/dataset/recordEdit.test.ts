import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyValueEdits } from '../../../src/core/dataset/recordEdit';

const set = (path: (string | number)[], value: unknown) => ({ op: 'set' as const, path, value });

test('setting a label rewrites only that value', () => {
  const text = '{ "b" :1,"pref":  "a" ,\t"z":[1, 2]}';
  assert.equal(applyValueEdits(text, [set(['pref'], 'b')]), '{ "b" :1,"pref":  "b" ,\t"z":[1, 2]}');
});

test('setting a criterion writes quotes, backslashes, newlines and unicode as JSON, nothing else moves', () => {
  const text = '{"crit":"old","k":"é\\n"}';
  const value = 'say "hi" \\ \n ✓ é 😀';
  const out = applyValueEdits(text, [set(['crit'], value)]) as string;
  assert.equal(out, `{"crit":${JSON.stringify(value)},"k":"é\\n"}`);
  assert.equal(JSON.parse(out).crit, value);
});

test('keeps Python ensure_ascii style: escapes non-ASCII in new text when the record does', () => {
  const text = '{"crit": "caf\\u00e9", "pref": "a"}';
  assert.equal(applyValueEdits(text, [set(['crit'], 'naïve ✓')]), '{"crit": "na\\u00efve \\u2713", "pref": "a"}');
});

test('inserts a missing key after the last one, copying the separator and colon style', () => {
  assert.equal(applyValueEdits('{"a": 1, "b": 2}', [set(['crit'], 'x')]), '{"a": 1, "b": 2, "crit": "x"}');
  assert.equal(applyValueEdits('{"a":1,"b":2}', [set(['crit'], 'x')]), '{"a":1,"b":2,"crit":"x"}');
  assert.equal(applyValueEdits('{"a" : 1}', [set(['crit'], 'x')]), '{"a" : 1, "crit" : "x"}');
  assert.equal(applyValueEdits('{"a":1}', [set(['crit'], 'x')]), '{"a":1,"crit":"x"}');
  assert.equal(applyValueEdits('{}', [set(['crit'], 'x')]), '{"crit": "x"}');
});

test('inserts a missing key inside a pretty-printed array element with its indentation', () => {
  const text = '{\r\n    "a": 1,\r\n    "b": "two"\r\n  }';
  assert.equal(
    applyValueEdits(text, [set(['crit'], 'x')]),
    '{\r\n    "a": 1,\r\n    "b": "two",\r\n    "crit": "x"\r\n  }',
  );
  const one = '{\n    "a": 1\n  }';
  assert.equal(applyValueEdits(one, [set(['crit'], 'x')]), '{\n    "a": 1,\n    "crit": "x"\n  }');
});

test('creates missing parent objects around a nested value', () => {
  assert.equal(applyValueEdits('{"a": 1}', [set(['meta', 'label'], 0)]), '{"a": 1, "meta": {"label":0}}');
});

test('swaps the source text of two values exactly, escapes and spacing inside them included', () => {
  const text = '{"chosen": "A \\"quoted\\" \\u00e9",  "rejected" : [ {"x" : 1} ], "id": 7}';
  assert.equal(
    applyValueEdits(text, [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]),
    '{"chosen": [ {"x" : 1} ],  "rejected" : "A \\"quoted\\" \\u00e9", "id": 7}',
  );
});

test('sets array elements and nested values in place', () => {
  assert.equal(applyValueEdits('{"r": [0, 1]}', [set(['r', 1], 0), set(['r', 0], 1)]), '{"r": [1, 0]}');
});

test('refuses invalid JSON, a missing swap value and a non-object parent', () => {
  assert.deepEqual(applyValueEdits('{"a": }', [set(['a'], 1)]), {
    error: 'the record is not valid JSON, so it cannot be edited',
  });
  assert.match(
    (applyValueEdits('{"a": 1}', [{ op: 'swap', a: ['a'], b: ['b'] }]) as { error: string }).error,
    /`b` is missing/,
  );
  assert.match((applyValueEdits('{"a": 1}', [set(['a', 'x'], 1)]) as { error: string }).error, /`a` is not an object/);
});

test('an empty edit list leaves the text as it is', () => {
  assert.equal(applyValueEdits(' {"a":1} ', []), ' {"a":1} ');
});
