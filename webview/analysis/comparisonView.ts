// The A/B comparison view (issue 7): both accuracies with and without ties and their difference per task,
// the 2×2 agreement and the exact McNemar p ("too few to tell" when b + c < 6), the flips first (click to
// list them), and the scatter of the two models' margins.
import { comparisonCsv, comparisonMarkdown, exportFileName } from '../../src/core/analysis/report';
import { comparisonModel, verdictSentence, type ComparisonData, type ComparisonModel } from './comparisonModel';
import { count } from './format';
import { renderMarginScatter } from './marginScatter';
import type { ComparisonRow, SideCells } from './tableModel';
import { STATUS_TEXT } from './tableModel';
import { el, exportActions, icon, panel, type ExportRequest, type ViewHandle } from './view';

export type { ComparisonData } from './comparisonModel';

export interface ComparisonOptions {
  onExport?: (r: ExportRequest) => void;
  /** "Flips first": show these pairs in the list (only A right / only B right, overall or in one task). */
  onShowPairs?(indices: number[], why: { direction: 'onlyA' | 'onlyB'; task?: string }): void;
  /** A scatter point was clicked. */
  onOpenPair?: (index: number) => void;
}

function accCell(s: SideCells, kind: 'withTies' | 'withoutTies'): HTMLElement {
  const td = el('td', 'num');
  if (s.status !== 'ok') {
    td.classList.add('rl-status');
    td.textContent = s.status === 'unsupported' ? 'n/s' : '–';
    td.title = STATUS_TEXT[s.status];
    return td;
  }
  // Just the figure here (the table is wide); the counts are in the tooltip.
  const text = s[kind];
  td.textContent = text.split(' ')[0];
  td.title = text;
  return td;
}

function deltaCell(text: string, value: number | undefined): HTMLElement {
  const td = el('td', 'num rl-delta');
  if (value === undefined) {
    td.textContent = '–';
    return td;
  }
  const dir = value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  td.classList.add(`rl-delta-${dir}`);
  td.append(
    el('span', 'rl-delta-mark', dir === 'up' ? '▲' : dir === 'down' ? '▼' : '='),
    document.createTextNode(` ${text}`),
  );
  return td;
}

export function buildComparisonTable(m: ComparisonModel, d: ComparisonData, opts: ComparisonOptions): HTMLTableElement {
  const t = el('table', 'rl-table rl-compare-table');
  const th = (text: string, cls = '', title?: string, span = 1) => {
    const h = el('th', cls, text);
    if (title) h.title = title;
    h.colSpan = span;
    return h;
  };
  const group = el('tr', 'rl-group-row');
  group.append(
    th(''),
    th('With ties %', 'rl-group', 'Three-way accuracy', 3),
    th('Without ties %', 'rl-group', 'Two-way accuracy, tie-labelled pairs dropped', 3),
    th('Agreement (without ties)', 'rl-group rl-agree', 'Pairs not labelled tie that both models judged', 4),
    th(''),
  );
  const head = el('tr');
  head.append(
    th('Task', 'rl-task-col'),
    th('A', 'num', d.nameA),
    th('B', 'num', d.nameB),
    th('Δ B−A', 'num', 'B − A in points'),
    th('A', 'num', d.nameA),
    th('B', 'num', d.nameB),
    th('Δ B−A', 'num', 'B − A in points'),
    th('both ✓', 'num', 'Both right'),
    th('only A ✓', 'num', `Only ${d.nameA} right: click to list them`),
    th('only B ✓', 'num', `Only ${d.nameB} right: click to list them`),
    th('both ✗', 'num', 'Both wrong'),
    th('McNemar p', 'num', 'Exact McNemar test (two-sided binomial) on the discordant pairs'),
  );
  const thead = el('thead');
  thead.append(group, head);
  const tbody = el('tbody');
  for (const r of m.rows) tbody.append(rowEl(r, m, opts));
  t.append(thead, tbody);
  return t;
}

function flipButton(
  n: number,
  indices: number[] | undefined,
  direction: 'onlyA' | 'onlyB',
  task: string | undefined,
  opts: ComparisonOptions,
): HTMLElement {
  const td = el('td', 'num');
  if (!n || !opts.onShowPairs || !indices) {
    td.textContent = count(n);
    return td;
  }
  const b = el('button', 'rl-link', count(n));
  b.type = 'button';
  b.title = `List the ${n} pair${n === 1 ? '' : 's'}${task ? ` in ${task}` : ''} only ${direction === 'onlyA' ? 'A' : 'B'} gets right`;
  b.addEventListener('click', () => opts.onShowPairs?.(indices, { direction, task }));
  td.append(b);
  return td;
}

function rowEl(r: ComparisonRow, m: ComparisonModel, opts: ComparisonOptions): HTMLTableRowElement {
  const tr = el('tr', r.kind === 'overall' ? 'rl-overall' : '');
  const name = el('th', 'rl-task-col');
  name.scope = 'row';
  name.append(el('span', r.kind === 'overall' ? 'rl-overall-name' : 'rl-task', r.name));
  tr.append(name);
  tr.append(accCell(r.a, 'withTies'), accCell(r.b, 'withTies'), deltaCell(r.deltaWithTies, r.deltaWithTiesValue));
  tr.append(
    accCell(r.a, 'withoutTies'),
    accCell(r.b, 'withoutTies'),
    deltaCell(r.deltaWithoutTies, r.deltaWithoutTiesValue),
  );
  const flips = r.kind === 'overall' ? m.cmp.flips : m.flipsByTask[r.name];
  const task = r.kind === 'overall' ? undefined : r.name;
  tr.append(
    el('td', 'num', count(r.bothRight)),
    flipButton(r.onlyA, flips?.onlyA, 'onlyA', task, opts),
    flipButton(r.onlyB, flips?.onlyB, 'onlyB', task, opts),
    el('td', 'num', count(r.bothWrong)),
  );
  const p = el('td', 'num rl-p');
  p.title = r.pNote;
  if (r.a.status === 'unsupported' || r.b.status === 'unsupported') {
    p.classList.add('rl-status');
    p.textContent = 'not supported';
  } else if (r.tooFew) {
    p.classList.add('rl-too-few');
    p.append(icon('info'), document.createTextNode(r.discordant ? ` too few (${r.discordant})` : ' no discordant'));
  } else {
    p.textContent = r.p;
    if (r.significant) {
      p.classList.add('rl-significant');
      p.append(el('span', 'rl-sig-mark', ' *'));
    }
  }
  tr.append(p);
  return tr;
}

export function comparisonSummary(m: ComparisonModel, d: ComparisonData, opts: ComparisonOptions): HTMLElement {
  const box = el('div', 'rl-summary');
  const overall = m.rows[m.rows.length - 1];
  // 2×2 agreement as a real 2×2: rows = A right / wrong, columns = B right / wrong.
  const grid = el('table', 'rl-two-by-two');
  const cap = el('caption', undefined, 'Agreement, pairs without tie labels');
  const h = el('tr');
  h.append(el('th'), el('th', undefined, 'B right'), el('th', undefined, 'B wrong'));
  const r1 = el('tr'),
    r2 = el('tr');
  r1.append(
    el('th', undefined, 'A right'),
    el('td', 'rl-agree-cell', count(overall.bothRight)),
    el('td', 'rl-agree-cell rl-flip', count(overall.onlyA)),
  );
  r2.append(
    el('th', undefined, 'A wrong'),
    el('td', 'rl-agree-cell rl-flip', count(overall.onlyB)),
    el('td', 'rl-agree-cell', count(overall.bothWrong)),
  );
  grid.append(cap, h, r1, r2);

  const flips = el('div', 'rl-flips');
  flips.append(el('div', 'rl-flips-title', 'Flips first'));
  const dirs: ['onlyA' | 'onlyB', string, number][] = [
    ['onlyA', `${d.nameA} right, ${d.nameB} wrong`, m.cmp.flips.onlyA.length],
    ['onlyB', `${d.nameB} right, ${d.nameA} wrong`, m.cmp.flips.onlyB.length],
  ];
  for (const [dir, text, n] of dirs.sort((x, y) => y[2] - x[2])) {
    const b = el('button', 'rl-flip-button');
    b.type = 'button';
    b.disabled = !n || !opts.onShowPairs;
    b.append(
      icon(dir === 'onlyA' ? 'arrow-left' : 'arrow-right'),
      el('span', 'rl-flip-count', count(n)),
      el('span', 'rl-flip-text', text),
    );
    b.title = `List these ${n} pairs`;
    b.addEventListener('click', () => opts.onShowPairs?.(m.cmp.flips[dir], { direction: dir }));
    flips.append(b);
  }
  const verdict = el('p', `rl-verdict${overall.significant ? ' rl-verdict-sig' : ''}`);
  verdict.append(
    icon(overall.significant ? 'pass' : 'info'),
    el('span', undefined, verdictSentence(overall, d.nameA, d.nameB)),
  );
  box.append(grid, flips);
  const wrap = el('div', 'rl-summary-wrap');
  wrap.append(verdict, box);
  return wrap;
}

export function comparisonExport(
  d: ComparisonData,
  m: ComparisonModel,
  format: 'markdown' | 'csv',
): { text: string; fileName: string } {
  const fileName = exportFileName(d.title, 'comparison', format);
  return format === 'csv'
    ? { text: comparisonCsv(m.cmp), fileName }
    : { text: comparisonMarkdown(m.cmp, d.nameA, d.nameB), fileName };
}

export function renderComparison(
  container: HTMLElement,
  data: ComparisonData,
  opts: ComparisonOptions = {},
): ViewHandle<ComparisonData> {
  const root = el('div', 'rl-analysis rl-comparison');
  container.append(root);
  let current = data;
  let model = comparisonModel(current);
  const head = el('header', 'rl-view-head');
  const titles = el('div', 'rl-titles');
  const h = el('h2', 'rl-view-title');
  const sub = el('div', 'rl-view-sub');
  titles.append(h, sub);
  const actions = el('div', 'rl-head-controls');
  head.append(titles, actions);
  const layout = el('div', 'rl-compare-layout');
  const left = el('div', 'rl-compare-main');
  const tablePanel = panel('rl-table-panel', 'Per task');
  const summaryPanel = panel('rl-summary-panel', 'Overall');
  const scatterPanel = panel('rl-scatter-panel', 'Margins, pair by pair');
  left.append(summaryPanel.root, tablePanel.root);
  layout.append(left, scatterPanel.root);
  root.append(head, layout);

  const draw = () => {
    h.replaceChildren(icon('git-compare'), el('span', undefined, `${current.nameA}  vs  ${current.nameB}`));
    sub.textContent = [
      current.title,
      `A = ${current.nameA}, B = ${current.nameB}`,
      `${count(current.pairs.length)} pairs, ${count(model.compared)} in the paired test`,
    ]
      .filter(Boolean)
      .join(' · ');
    actions.replaceChildren(exportActions('comparison', (f) => comparisonExport(current, model, f), opts.onExport));
    summaryPanel.body.replaceChildren(comparisonSummary(model, current, opts));
    const wrap = el('div', 'rl-table-wrap');
    wrap.append(buildComparisonTable(model, current, opts));
    tablePanel.body.replaceChildren(wrap);
    tablePanel.caption.textContent =
      'Δ = B − A in points. Agreement and McNemar count pairs without tie labels that both models judged, in tasks both support. * p < 0.05; "too few" = fewer than 6 discordant pairs, which no split can make significant. n/s = not supported (every prediction failed). Overall accuracy = mean over tasks.';
    scatterPanel.caption.textContent = `x = ${current.nameA}'s margin, y = ${current.nameB}'s. On the dashed diagonal the models agree; in the top-left and bottom-right quadrants they pick different responses. ${count(model.points.length)} pairs with both margins${scatter.drawn() < model.points.length ? `, drawn as ${count(scatter.drawn())} marks (overlapping pairs of one label merged)` : ''}. Click a point to open its pair.`;
  };
  const scatter = renderMarginScatter(
    scatterPanel.body,
    { points: model.points, nameA: current.nameA, nameB: current.nameB, ids: current.ids },
    { onOpenPair: opts.onOpenPair },
  );
  draw();
  return {
    update(d) {
      current = d;
      model = comparisonModel(current);
      scatter.update({ points: model.points, nameA: d.nameA, nameB: d.nameB, ids: d.ids });
      draw();
    },
    dispose() {
      scatter.dispose();
      root.remove();
    },
  };
}
