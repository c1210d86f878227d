// Per-task accuracy bars, with and without ties side by side, and a second run's bars beside them (e.g. the
// length baseline). "Without ties" bars are hatched, so the two kinds differ by more than shade.
import type { ChartConfiguration } from 'chart.js';
import type { AccuracyTable } from '../../src/core/analysis/accuracyTable';
import { orderedTasks } from '../../src/core/analysis/report';
import { axis, baseOptions, chartCanvas, themedChart } from './chartSetup';
import { pct, shortName } from './format';
import { STATUS_TEXT, statusOf } from './tableModel';
import { hatch, withAlpha, type Palette } from './theme';
import { el, type ViewHandle } from './view';

export interface AccuracyBarsData {
  table: AccuracyTable;
  name: string;
  second?: { table: AccuracyTable; name: string };
}

export interface AccuracyBarsOptions {
  /** A task's bars were clicked. */
  onTask?: (task: string) => void;
}

/** Categories: every task either run has, in the paper's order, then "overall". */
export function barCategories(table: AccuracyTable, second?: AccuracyTable): string[] {
  return [...orderedTasks(new Set([...Object.keys(table.tasks), ...Object.keys(second?.tasks ?? {})])), 'overall'];
}

/** Percent values per category (null = no bar: not supported, not scored or no pairs). */
export function barValues(
  table: AccuracyTable,
  categories: readonly string[],
  kind: 'withTies' | 'withoutTies',
): (number | null)[] {
  return categories.map((c) => {
    const v =
      c === 'overall'
        ? table.overall[kind]
        : statusOf(table.tasks[c]) === 'ok'
          ? table.tasks[c][kind].value
          : undefined;
    return v === undefined ? null : 100 * v;
  });
}

function config(d: AccuracyBarsData, p: Palette, opts: AccuracyBarsOptions): ChartConfiguration<'bar'> {
  const cats = barCategories(d.table, d.second?.table);
  const series = (table: AccuracyTable, name: string, color: string) => [
    {
      label: `${name} · with ties`,
      data: barValues(table, cats, 'withTies'),
      backgroundColor: color,
      borderColor: color,
      borderWidth: 1,
      pointStyle: 'rect' as const,
    },
    {
      label: `${name} · without ties`,
      data: barValues(table, cats, 'withoutTies'),
      backgroundColor: hatch(color),
      borderColor: color,
      borderWidth: 1,
      pointStyle: 'rect' as const,
    },
  ];
  const datasets = [
    ...series(d.table, d.name, p.blue),
    ...(d.second ? series(d.second.table, d.second.name, p.orange) : []),
  ];
  const base = baseOptions(p);
  const status = (table: AccuracyTable, cat: string) => {
    const s = statusOf(table.tasks[cat]);
    return s === 'ok' ? '' : ` (${STATUS_TEXT[s]})`;
  };
  return {
    type: 'bar',
    data: { labels: cats, datasets },
    options: {
      ...base,
      datasets: { bar: { categoryPercentage: 0.78, barPercentage: 0.92 } },
      layout: { padding: { top: 0 } },
      scales: {
        x: axis(p, '', { grid: { display: false }, border: { color: p.muted } }),
        y: axis(p, 'accuracy %', {
          min: 0,
          max: 100,
          ticks: { stepSize: 25, color: p.muted, font: { family: p.fontFamily, size: p.fontSize } },
        }),
      },
      plugins: {
        ...base.plugins,
        // Colour says which run, fill says which accuracy: four short entries instead of one per series.
        legend: {
          ...base.plugins?.legend,
          onClick: () => undefined,
          labels: {
            ...base.plugins?.legend?.labels,
            generateLabels: () => [
              {
                text: shortName(d.name),
                fillStyle: p.blue,
                strokeStyle: p.blue,
                lineWidth: 1,
                pointStyle: 'rect',
                fontColor: p.foreground,
                hidden: false,
              },
              ...(d.second
                ? [
                    {
                      text: shortName(d.second.name),
                      fillStyle: p.orange,
                      strokeStyle: p.orange,
                      lineWidth: 1,
                      pointStyle: 'rect' as const,
                      fontColor: p.foreground,
                      hidden: false,
                    },
                  ]
                : []),
              {
                text: 'with ties',
                fillStyle: p.muted,
                strokeStyle: p.muted,
                lineWidth: 1,
                pointStyle: 'rect',
                fontColor: p.foreground,
                hidden: false,
              },
              {
                text: 'without ties',
                fillStyle: hatch(p.muted),
                strokeStyle: p.muted,
                lineWidth: 1,
                pointStyle: 'rect',
                fontColor: p.foreground,
                hidden: false,
              },
            ],
          },
        },
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            label: (ctx) => {
              const table = ctx.datasetIndex < 2 ? d.table : d.second!.table;
              const cat = cats[ctx.dataIndex];
              const v = ctx.raw as number | null;
              return `${ctx.dataset.label}: ${v === null ? 'no bar' : `${pct(v / 100)} %`}${cat === 'overall' ? '' : status(table, cat)}`;
            },
          },
        },
      },
      onClick: (_e, els) => {
        const cat = els[0] ? cats[els[0].index] : undefined;
        if (cat && cat !== 'overall') opts.onTask?.(cat);
      },
    },
    plugins: [
      {
        // A faint line at 50 %: chance for two-way accuracy.
        id: 'rlChance',
        beforeDatasetsDraw(chart) {
          const y = chart.scales.y.getPixelForValue(50);
          const g = chart.ctx;
          g.save();
          g.strokeStyle = withAlpha(p.foreground, 0.45);
          g.setLineDash([4, 4]);
          g.beginPath();
          g.moveTo(chart.chartArea.left, y);
          g.lineTo(chart.chartArea.right, y);
          g.stroke();
          g.restore();
        },
      },
    ],
  };
}

export function renderAccuracyBars(
  container: HTMLElement,
  data: AccuracyBarsData,
  opts: AccuracyBarsOptions = {},
): ViewHandle<AccuracyBarsData> {
  const root = el('div', 'rl-chart rl-bars');
  container.append(root);
  const c = themedChart(
    chartCanvas(root, 'Accuracy per task, with and without ties'),
    (d: AccuracyBarsData, p) => config(d, p, opts) as ChartConfiguration,
    data,
  );
  return {
    update: (d) => c.update(d),
    dispose() {
      c.dispose();
      root.remove();
    },
  };
}
