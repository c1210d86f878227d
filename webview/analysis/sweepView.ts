// Criteria-sweep results (issue 6, the paper's criteria-shift analysis): per variant and task the flip rate
// against the original criterion and the mean |Δm|, as a table and bars, and a plain banner when the model
// ignores the criterion (no variant moved any margin) — e.g. the default bag-of-tokens model.
import type { ChartConfiguration } from 'chart.js';
import { sweepMarkdown } from '../../src/core/analysis/criteriaSweep';
import { axis, baseOptions, chartCanvas, themedChart } from './chartSetup';
import { count } from './format';
import {
  ignoresCriterion,
  movesWithoutFlips,
  otherVariants,
  sweepCsv,
  sweepRows,
  type SweepData,
  type SweepRow,
} from './sweepModel';
import { hatch, type Palette } from './theme';
import { el, exportActions, icon, panel, type ExportRequest, type ViewHandle } from './view';

export type { SweepData } from './sweepModel';

export interface SweepOptions {
  onExport?: (r: ExportRequest) => void;
}

function table(d: SweepData): HTMLTableElement {
  const rows = sweepRows(d);
  const vs = otherVariants(d);
  const t = el('table', 'rl-table rl-sweep-table');
  const group = el('tr', 'rl-group-row');
  const head = el('tr');
  const th = (text: string, cls = '', span = 1, title?: string) => {
    const h = el('th', cls, text);
    h.colSpan = span;
    if (title) h.title = title;
    return h;
  };
  group.append(th('', '', 3));
  head.append(
    th('Task', 'rl-task-col'),
    th('Pairs', 'num'),
    th('Accuracy, original', 'num', 1, 'Accuracy against the human label under the original criterion (A/B pairs)'),
  );
  vs.forEach((v, i) => {
    // The underline takes the variant's colour in the bars.
    group.append(
      th(
        v.name,
        `rl-group rl-variant-${i % VARIANT_COLORS}`,
        3,
        v.template ?? (v.kind === 'none' ? 'The criterion removed' : v.name),
      ),
    );
    head.append(
      th('flip rate', 'num', 1, 'Pairs whose verdict differs from the verdict under the original criterion'),
      th('mean |Δm|', 'num', 1, 'Mean absolute change of the margin'),
      th('accuracy', 'num'),
    );
  });
  const thead = el('thead');
  thead.append(group, head);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr', r.task === 'all' ? 'rl-overall-top' : '');
    const name = el('th', 'rl-task-col');
    name.append(el('span', r.task === 'all' ? 'rl-overall-name' : 'rl-task', r.task === 'all' ? 'all pairs' : r.task));
    tr.append(name, el('td', 'num', count(r.n)), el('td', 'num', r.original ?? ''));
    for (const c of r.cells) {
      const flip = el('td', 'num');
      flip.append(el('span', 'rl-value', c.flipRate), el('span', 'rl-counts', ` (${c.flips}/${c.n})`));
      if (c.errors) flip.title = `${c.errors} pair(s) failed to score`;
      tr.append(flip, el('td', 'num', c.meanAbsDelta), el('td', 'num', c.accuracy));
    }
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

const VARIANT_COLORS = 6;
const variantColors = (p: Palette) => [p.purple, p.orange, p.blue, p.green, p.yellow, p.red];

function barsConfig(d: SweepData, p: Palette, what: 'flipRate' | 'meanAbsDelta'): ChartConfiguration<'bar'> {
  const rows = sweepRows(d);
  const vs = otherVariants(d);
  const colors = variantColors(p);
  const value = (c: SweepRow['cells'][number]) =>
    what === 'flipRate'
      ? c.flipRateValue === undefined
        ? null
        : 100 * c.flipRateValue
      : (c.meanAbsDeltaValue ?? null);
  const base = baseOptions(p);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => (r.task === 'all' ? 'all' : r.task)),
      datasets: vs.map((v, i) => ({
        label: v.name,
        data: rows.map((r) => value(r.cells[i])),
        backgroundColor: i % 2 ? hatch(colors[i % colors.length]) : colors[i % colors.length],
        borderColor: colors[i % colors.length],
        borderWidth: 1,
        pointStyle: 'rect' as const,
      })),
    },
    options: {
      ...base,
      datasets: { bar: { categoryPercentage: 0.8, barPercentage: 0.9 } },
      scales: {
        x: axis(p, '', { grid: { display: false } }),
        y: axis(p, what === 'flipRate' ? 'verdicts flipped %' : 'mean |Δm|', {
          min: 0,
          suggestedMax: what === 'flipRate' ? 10 : 0.1,
        }),
      },
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            label: (ctx) =>
              `${ctx.dataset.label}: ${what === 'flipRate' ? `${(ctx.raw as number | null)?.toFixed(1) ?? '–'} % flipped` : `mean |Δm| ${(ctx.raw as number | null)?.toFixed(3) ?? '–'}`}`,
          },
        },
      },
    },
    plugins: [
      {
        // An all-zero chart looks broken; say what it means.
        id: 'rlNoFlips',
        afterDatasetsDraw(chart) {
          if (!rows.every((r) => r.cells.every((c) => (what === 'flipRate' ? !c.flips : !c.meanAbsDeltaValue)))) return;
          const { left, right, top, bottom } = chart.chartArea;
          const g = chart.ctx;
          g.save();
          g.fillStyle = p.muted;
          g.font = `${p.fontSize + 2}px ${p.fontFamily}`;
          g.textAlign = 'center';
          g.textBaseline = 'middle';
          g.fillText(
            what === 'flipRate' ? 'No verdict flipped under any variant' : 'No margin moved under any variant',
            (left + right) / 2,
            (top + bottom) / 2,
          );
          g.restore();
        },
      },
    ],
  };
}

export function renderSweep(container: HTMLElement, data: SweepData, opts: SweepOptions = {}): ViewHandle<SweepData> {
  const root = el('div', 'rl-analysis rl-sweep');
  container.append(root);
  let current = data;
  const head = el('header', 'rl-view-head');
  const titles = el('div', 'rl-titles');
  const h = el('h2', 'rl-view-title');
  const sub = el('div', 'rl-view-sub');
  titles.append(h, sub);
  const actions = el('div', 'rl-head-controls');
  head.append(titles, actions);
  const banner = el('div', 'rl-banner');
  banner.setAttribute('role', 'status');
  const tablePanel = panel('rl-table-panel', 'Flips and margin change per variant');
  const barsPanel = panel('rl-bars-panel', 'Flip rate per task');
  const deltaPanel = panel('rl-delta-panel', 'Mean margin change per task');
  const charts = el('div', 'rl-chart-grid rl-sweep-charts');
  charts.append(barsPanel.root, deltaPanel.root);
  root.append(head, banner, tablePanel.root, charts);
  const bars = themedChart(
    chartCanvas(barsPanel.body, 'Flip rate per task and variant'),
    (d: SweepData, p) => barsConfig(d, p, 'flipRate') as ChartConfiguration,
    current,
  );
  const deltas = themedChart(
    chartCanvas(deltaPanel.body, 'Mean absolute margin change per task and variant'),
    (d: SweepData, p) => barsConfig(d, p, 'meanAbsDelta') as ChartConfiguration,
    current,
  );

  const draw = () => {
    h.replaceChildren(
      icon('beaker'),
      el('span', undefined, `Criteria sweep${current.modelName ? ` · ${current.modelName}` : ''}`),
    );
    sub.textContent = [current.slice, `${otherVariants(current).length} variants against the original criterion`]
      .filter(Boolean)
      .join(' · ');
    actions.replaceChildren(
      exportActions(
        'sweep',
        (f) =>
          f === 'csv'
            ? { text: sweepCsv(current), fileName: 'criteria-sweep.csv' }
            : {
                text: sweepMarkdown({ variants: current.variants, cells: current.cells, margins: new Map() }),
                fileName: 'criteria-sweep.md',
              },
        opts.onExport,
      ),
    );
    const blind = ignoresCriterion(current.cells);
    const flat = !blind && movesWithoutFlips(current.cells);
    banner.hidden = !blind && !flat;
    banner.className = `rl-banner${blind ? ' rl-banner-warn' : ''}`;
    banner.replaceChildren(icon(blind ? 'eye-closed' : 'info'), el('div', undefined));
    const text = banner.lastElementChild as HTMLElement;
    if (blind) {
      text.append(
        el('strong', undefined, 'The model ignores the criterion. '),
        document.createTextNode(
          'No variant moved any margin: removing the criterion, reversing it or adding to it gives the same scores on every pair. Its accuracy says nothing about following instructions.',
        ),
      );
    } else if (flat) {
      text.append(
        el('strong', undefined, 'No verdict flipped. '),
        document.createTextNode('The criterion moves the margins a little but never changes which response wins.'),
      );
    }
    const wrap = el('div', 'rl-table-wrap');
    wrap.append(table(current));
    tablePanel.body.replaceChildren(wrap);
    tablePanel.caption.textContent =
      'Flip rate: pairs whose verdict (sign of the margin) differs from the verdict under the original criterion. Mean |Δm|: how far the margin moved. Accuracy: against the human label (pairs labelled A or B).';
    barsPanel.caption.textContent =
      'A criterion-following model flips many verdicts under the opposite criterion (the paper: GPT-4o-mini lost 26 points) and few when it is only dropped.';
    deltaPanel.caption.textContent = 'How far the margin moved on average, flipped or not: a blind model stays at 0.';
  };
  draw();
  return {
    update(d) {
      current = d;
      bars.update(d);
      deltas.update(d);
      draw();
    },
    dispose() {
      bars.dispose();
      deltas.dispose();
      root.remove();
    },
  };
}
