// The accuracy table and the ε control in a DOM (jsdom): what the user sees and what reaches the host.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { accuracyTable } from '../../../src/core/analysis/accuracyTable';
import { accuracyCsv, accuracyMarkdown } from '../../../src/core/analysis/report';
import type { Judged } from '../../../src/core/analysis/verdict';
import type { ExportRequest } from '../../../webview/analysis/view';

let renderAccuracyTable: typeof import('../../../webview/analysis/accuracyTableView').renderAccuracyTable;
let renderEpsilonControl: typeof import('../../../webview/analysis/epsilonControl').renderEpsilonControl;
let document: Document;

before(async () => {
  const dom = new JSDOM('<!doctype html><body></body>');
  document = dom.window.document;
  Object.assign(globalThis, {
    document,
    window: dom.window,
    HTMLElement: dom.window.HTMLElement,
    Event: dom.window.Event,
  });
  ({ renderAccuracyTable } = await import('../../../webview/analysis/accuracyTableView'));
  ({ renderEpsilonControl } = await import('../../../webview/analysis/epsilonControl'));
});

const j = (index: number, task: string, label: Judged['label'], rest: Partial<Judged>): Judged => ({
  index,
  task,
  modality: 'text',
  label,
  ...rest,
});
const judged = [
  j(0, 'T2I', 'A', { margin: 2 }),
  j(1, 'T2I', 'B', { margin: 1 }),
  j(2, 'T2T', 'A', { margin: 1 }),
  j(3, 'T2A', 'A', { failed: true }),
];

test('the table shows one row per task in the paper’s order, figures with counts, and "not supported" across both columns', () => {
  const host = document.createElement('div');
  renderAccuracyTable(host, { table: accuracyTable(judged), name: 'rm' });
  const rows = [...host.querySelectorAll('tbody tr')];
  assert.deepEqual(
    rows.map((r) => r.querySelector('th')?.textContent?.trim().split(' ')[0]),
    ['T2T', 'T2I', 'T2A', 'overall'],
  );
  assert.equal(rows[1].querySelectorAll('td')[0].textContent, '50.00 (1/2)');
  const unsupported = rows[2].querySelector('td.rl-status') as HTMLTableCellElement;
  assert.equal(unsupported.colSpan, 2);
  assert.match(unsupported.textContent ?? '', /not supported/);
  assert.match(rows[3].textContent ?? '', /mean of 2 tasks/);
});

test('Copy as Markdown / CSV hands the host the report text and a file name', () => {
  const host = document.createElement('div');
  const got: ExportRequest[] = [];
  const table = accuracyTable(judged);
  renderAccuracyTable(host, { table, name: 'rm', title: 'bench.jsonl' }, { onExport: (r) => got.push(r) });
  const buttons = [...host.querySelectorAll('vscode-toolbar-button[label^="Copy"]')] as HTMLElement[];
  assert.deepEqual(
    buttons.map((b) => b.getAttribute('label')),
    ['Copy as Markdown', 'Copy as CSV'],
  );
  buttons.forEach((b) => b.click());
  assert.deepEqual(
    got.map((r) => [r.what, r.format, r.fileName]),
    [
      ['accuracy', 'markdown', 'bench.accuracy.md'],
      ['accuracy', 'csv', 'bench.accuracy.csv'],
    ],
  );
  assert.equal(got[0].text, accuracyMarkdown(table, 'rm on bench.jsonl'));
  assert.equal(got[1].text, accuracyCsv(table));
});

test('update() redraws in place and dispose() removes the table', () => {
  const host = document.createElement('div');
  const view = renderAccuracyTable(host, { table: accuracyTable(judged), name: 'rm' });
  view.update({ table: accuracyTable([j(0, 'T2I', 'A', { margin: 2 })]), name: 'rm' });
  assert.equal(host.querySelectorAll('tbody tr').length, 2);
  assert.equal(host.querySelector('tbody td')?.textContent, '100.00 (1/1)');
  view.dispose();
  assert.equal(host.children.length, 0);
});

test('the Modalities toggle adds one row per output modality under the overall row, and takes it away again', () => {
  const host = document.createElement('div');
  const mixed = [...judged, { ...j(4, 'T2V', 'A', { margin: 1 }), modality: 'video' }];
  renderAccuracyTable(host, {
    table: accuracyTable(mixed.map((p) => (p.task === 'T2I' ? { ...p, modality: 'image' } : p))),
    name: 'rm',
  });
  const toggle = host.querySelector('vscode-toolbar-button[label="Show accuracy per output modality"]') as HTMLElement;
  toggle.click();
  const names = [...host.querySelectorAll('tbody.rl-modalities tr:not(.rl-section-row) th')].map((t) => t.textContent);
  assert.deepEqual(names, ['text', 'image', 'video']);
  toggle.click();
  assert.equal(host.querySelector('tbody.rl-modalities'), null);
});

test('a task row click names the task', () => {
  const host = document.createElement('div');
  const tasks: string[] = [];
  renderAccuracyTable(host, { table: accuracyTable(judged), name: 'rm' }, { onTask: (t) => tasks.push(t) });
  (host.querySelectorAll('tbody tr.rl-task-row')[1] as HTMLElement).click();
  assert.deepEqual(tasks, ['T2I']);
});

test('typing ε reports a fixed ε; ticking "calibrated" goes back to per-task calibration', () => {
  const host = document.createElement('div');
  const seen: [unknown, boolean][] = [];
  renderEpsilonControl(
    host,
    { choice: {}, max: 2, step: 0.01, calibrated: { T2T: 0.1, T2I: 0.3 } },
    { onChange: (c, final) => seen.push([c, final]) },
  );
  assert.match(host.textContent ?? '', /ε from 0.1 to 0.3/);
  const number = host.querySelector('.rl-epsilon-number') as HTMLInputElement;
  number.value = '0.25';
  number.dispatchEvent(new Event('change'));
  number.value = '-1';
  number.dispatchEvent(new Event('change'));
  const box = host.querySelector('vscode-checkbox') as HTMLElement & { checked: boolean };
  assert.equal(box.checked, false);
  box.checked = true;
  box.dispatchEvent(new Event('change'));
  assert.deepEqual(seen, [
    [{ epsilon: 0.25 }, true],
    [{}, true],
  ]);
});

test('comparison: clicking a task’s "only B ✓" count lists exactly that task’s flips; the overall buttons list all of one direction', async () => {
  const { buildComparisonTable, comparisonSummary } = await import('../../../webview/analysis/comparisonView');
  const { comparisonModel } = await import('../../../webview/analysis/comparisonModel');
  const pj = (index: number, task: string, a: number, b: number) => ({
    index,
    task,
    modality: 'text',
    label: 'A' as const,
    a: { margin: a },
    b: { margin: b },
  });
  const data = {
    pairs: [pj(0, 'T2T', -1, 1), pj(1, 'T2T', -1, 1), pj(2, 'T2I', -1, 1), pj(3, 'T2I', 1, -1), pj(4, 'T2I', 1, 1)],
    nameA: 'a',
    nameB: 'b',
  };
  const m = comparisonModel(data);
  const shown: [number[], unknown][] = [];
  const opts = { onShowPairs: (i: number[], why: unknown) => shown.push([i, why]) };
  const table = buildComparisonTable(m, data, opts);
  const t2i = [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')?.textContent === 'T2I')!;
  const links = [...t2i.querySelectorAll('button.rl-link')] as HTMLElement[];
  assert.deepEqual(
    links.map((b) => b.textContent),
    ['1', '1'],
  );
  links[1].click();
  assert.deepEqual(shown, [[[2], { direction: 'onlyB', task: 'T2I' }]]);
  assert.match(t2i.querySelector('.rl-p')?.textContent ?? '', /too few \(2\)/);
  const summary = comparisonSummary(m, data, opts);
  const first = summary.querySelector('.rl-flip-button') as HTMLButtonElement;
  assert.match(first.textContent ?? '', /^3b right, a wrong/);
  first.click();
  assert.deepEqual(shown[1], [[0, 1, 2], { direction: 'onlyB' }]);
  assert.match(summary.textContent ?? '', /Too few discordant pairs to tell \(4;/);
});
