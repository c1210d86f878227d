import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvRow } from '../../../src/core/csv';
import { sweepCsv } from '../../../webview/analysis/sweepModel';

test('a CSV field with a comma, a quote or a line break (\\n, \\r or both) is quoted, its quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('old\rmac'), '"old\rmac"');
  assert.equal(csvField('crlf\r\nend'), '"crlf\r\nend"');
  assert.equal(csvField(undefined), '');
  assert.equal(csvRow(['x', 1.5, undefined, true]), 'x,1.5,,true');
});

test('the sweep CSV quotes a variant name with a carriage return', () => {
  const variants = [
    { id: 'original', name: 'original', kind: 'original' as const },
    { id: 'v2', name: 'line one\rline two', kind: 'none' as const },
  ];
  const cell = (variant: string) => ({
    variant,
    task: 'all',
    n: 1,
    flips: 0,
    errors: 0,
    flipRate: 0,
    meanAbsDelta: 0,
    accuracy: 1,
  });
  const rows = sweepCsv({ variants, cells: [cell('original'), cell('v2')] }).split('\n');
  assert.equal(rows[2], '"line one\rline two",all,1,0,0,0,1,0');
});
