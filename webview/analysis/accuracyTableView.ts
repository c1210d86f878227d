// The paper-style accuracy table: tasks in Omni-RewardBench's order, with and without ties, counts beside
// every figure, ε, ties, unscored and failed pairs, the overall mean, and optionally a second run with Δ.
import type { AccuracyTable } from '../../src/core/analysis/accuracyTable';
import { accuracyCsv, accuracyMarkdown, exportFileName } from '../../src/core/analysis/report';
import { count, shortName } from './format';
import { accuracyRows, modalityRows, type AccuracyRow, type SideCells } from './tableModel';
import { el, exportActions, icon, type ExportRequest, type ViewHandle } from './view';

export interface AccuracyTableData {
  table: AccuracyTable;
  /** The run's name, e.g. "default (bag-of-tokens)". */
  name: string;
  /** A second run beside it (the length baseline, another model); Δ = run − second. */
  second?: { table: AccuracyTable; name: string };
  /** Used in the Markdown heading and file names, e.g. the data file's name. */
  title?: string;
}

export interface AccuracyTableOptions {
  onExport?: (r: ExportRequest) => void;
  /** A task row was activated (click / Enter): e.g. filter the list to that task. */
  onTask?: (task: string) => void;
  /** Where the Copy as Markdown / CSV actions go (e.g. a panel's header); default: a toolbar above the table. */
  actionsIn?: HTMLElement;
  /** Start with the per-modality rows shown (a toggle beside the copy actions switches them). */
  showModalities?: boolean;
}

function figure(text: string): HTMLElement {
  // "75.30 (312/417)" → the figure, and its counts in a quieter tone.
  const cell = el('span', 'rl-fig');
  const m = /^(\S+) (\(.*\))$/.exec(text);
  if (!m) cell.textContent = text;
  else cell.append(el('span', 'rl-value', m[1]), el('span', 'rl-counts', ` ${m[2]}`));
  return cell;
}

function sideCells(tr: HTMLElement, s: SideCells, cls = ''): void {
  if (s.status !== 'ok') {
    const td = el('td', `rl-status rl-status-${s.status} ${cls}`);
    td.colSpan = 2;
    td.append(
      icon(s.status === 'unsupported' ? 'circle-slash' : s.status === 'unscored' ? 'watch' : 'dash'),
      el('span', undefined, s.withTies),
    );
    tr.append(td);
    return;
  }
  for (const t of [s.withTies, s.withoutTies]) {
    const td = el('td', `num ${cls}`);
    td.append(figure(t));
    tr.append(td);
  }
}

function delta(text: string | undefined, value: number | undefined, title: string): HTMLElement {
  const td = el('td', 'num rl-delta');
  if (value === undefined || !text) {
    td.textContent = '–';
    return td;
  }
  const dir = value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  td.classList.add(`rl-delta-${dir}`);
  td.title = title;
  td.append(
    el('span', 'rl-delta-mark', dir === 'up' ? '▲' : dir === 'down' ? '▼' : '='),
    document.createTextNode(` ${text}`),
  );
  return td;
}

export function buildAccuracyTable(
  data: AccuracyTableData,
  opts: AccuracyTableOptions,
  showModalities = false,
): HTMLTableElement {
  const rows = accuracyRows(data.table, data.second?.table);
  const t = el('table', 'rl-table rl-accuracy-table');
  const thead = el('thead');
  const group = el('tr', 'rl-group-row');
  const th = (text: string, cls = '', title?: string) => {
    const h = el('th', cls, text);
    if (title) h.title = title;
    return h;
  };
  const g1 = th(shortName(data.name), 'rl-group', data.name);
  g1.colSpan = 2;
  group.append(th(''), g1, th('', '', ''));
  const g0 = th('', '');
  g0.colSpan = 4;
  group.append(g0);
  const head = el('tr');
  head.append(
    th('Task', 'rl-task-col'),
    th(
      'With ties %',
      'num',
      'Three-way accuracy (A / B / tie), ties predicted when |margin| ≤ ε; correct/judged in brackets',
    ),
    th(
      'Without ties %',
      'num',
      'Two-way accuracy on pairs not labelled tie, by the sign of the margin; correct/judged in brackets',
    ),
    th('ε', 'num', 'Tie threshold: |margin| ≤ ε is a predicted tie'),
    th('Pairs', 'num', 'Labelled pairs'),
    th('Ties', 'num', 'Pairs labelled tie'),
    th('Unscored', 'num', 'Labelled pairs the run has no prediction for yet'),
    th('Failed', 'num', 'Pairs whose prediction failed (counted as wrong)'),
  );
  if (data.second) {
    const g2 = th(shortName(data.second.name), 'rl-group rl-second', data.second.name);
    g2.colSpan = 2;
    const g3 = th(
      `Δ vs ${shortName(data.second.name, 24)}`,
      'rl-group',
      `${data.name} − ${data.second.name}, in points`,
    );
    g3.colSpan = 2;
    group.append(g2, g3);
    head.append(
      th('With ties %', 'num rl-second'),
      th('Without ties %', 'num rl-second'),
      th('w/ ties', 'num', 'Difference in points, with ties'),
      th('w/o ties', 'num', 'Difference in points, without ties'),
    );
  }
  thead.append(...(data.second ? [group] : []), head);
  const tbody = el('tbody');
  for (const r of rows) tbody.append(rowElement(r, data, opts));
  t.append(thead, tbody);
  if (showModalities) {
    const mods = el('tbody', 'rl-modalities');
    const sep = el('tr', 'rl-section-row');
    const cell = el('th', undefined, 'By output modality (pairs pooled over its tasks)');
    cell.colSpan = data.second ? 12 : 8;
    sep.append(cell);
    mods.append(sep, ...modalityRows(data.table, data.second?.table).map((r) => rowElement(r, data, opts)));
    t.append(mods);
  }
  return t;
}

function rowElement(r: AccuracyRow, data: AccuracyTableData, opts: AccuracyTableOptions): HTMLTableRowElement {
  const tr = el('tr', r.kind === 'overall' ? 'rl-overall' : 'rl-task-row');
  const name = el('th', 'rl-task-col');
  name.scope = 'row';
  name.append(
    el('span', r.kind === 'overall' ? 'rl-overall-name' : r.kind === 'modality' ? 'rl-modality' : 'rl-task', r.name),
  );
  if (r.note) name.append(el('span', 'rl-note', ` ${r.note}`));
  tr.append(name);
  sideCells(tr, r.main);
  tr.append(el('td', 'num rl-eps', r.epsilon));
  for (const v of [r.pairs, r.ties, r.unscored]) tr.append(el('td', 'num', count(v)));
  const failed = el('td', `num${r.failed ? ' rl-failed' : ''}`, count(r.failed));
  tr.append(failed);
  if (data.second && r.second) {
    sideCells(tr, r.second, 'rl-second');
    tr.append(
      delta(r.deltaWithTies, r.deltaWithTiesValue, `${data.name} − ${data.second.name}, with ties`),
      delta(r.deltaWithoutTies, r.deltaWithoutTiesValue, `${data.name} − ${data.second.name}, without ties`),
    );
  }
  if (r.kind === 'task' && opts.onTask) {
    tr.tabIndex = 0;
    tr.title = `Show the ${r.name} pairs`;
    tr.classList.add('rl-clickable');
    tr.addEventListener('click', () => opts.onTask?.(r.name));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') opts.onTask?.(r.name);
    });
  }
  return tr;
}

export function tableExport(data: AccuracyTableData, format: 'markdown' | 'csv'): { text: string; fileName: string } {
  const fileName = exportFileName(data.title, 'accuracy', format);
  if (format === 'csv') return { text: accuracyCsv(data.table), fileName };
  let text = accuracyMarkdown(data.table, `${data.name}${data.title ? ` on ${data.title}` : ''}`);
  if (data.second)
    text += `\n${accuracyMarkdown(data.second.table, `${data.second.name}${data.title ? ` on ${data.title}` : ''}`)}`;
  return { text, fileName };
}

export function renderAccuracyTable(
  container: HTMLElement,
  data: AccuracyTableData,
  opts: AccuracyTableOptions = {},
): ViewHandle<AccuracyTableData> {
  const root = el('div', 'rl-accuracy');
  const wrap = el('div', 'rl-table-wrap');
  const actions = exportActions('accuracy', (f) => tableExport(current, f), opts.onExport);
  let showModalities = !!opts.showModalities;
  const toggle = document.createElement('vscode-toolbar-button') as HTMLElement & { checked: boolean };
  toggle.setAttribute('icon', 'layers');
  toggle.setAttribute('toggleable', '');
  toggle.setAttribute('label', 'Show accuracy per output modality');
  toggle.title = 'Show accuracy per output modality';
  toggle.className = 'rl-action';
  toggle.textContent = 'Modalities';
  toggle.checked = showModalities;
  toggle.addEventListener('click', () => {
    showModalities = !showModalities;
    toggle.checked = showModalities;
    draw();
  });
  actions.prepend(toggle);
  if (opts.actionsIn) opts.actionsIn.append(actions);
  else {
    const bar = el('div', 'rl-toolbar');
    bar.append(actions);
    root.append(bar);
  }
  root.append(wrap);
  container.append(root);
  let current = data;
  const draw = () => wrap.replaceChildren(buildAccuracyTable(current, opts, showModalities));
  draw();
  return {
    update(d) {
      current = d;
      draw();
    },
    dispose() {
      actions.remove();
      root.remove();
    },
  };
}
