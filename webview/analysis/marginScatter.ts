// Scatter of two models' margins, one point per pair, coloured and shaped by the human label (A ●, B ▲,
// tie ◆, unlabelled ✕), with the diagonal and axes at 0. Canvas (Chart.js); above 20K pairs points are
// decimated to one per label per grid cell, so 100K+ pairs stay quick to draw and to hover.
import type { ChartConfiguration, PointStyle } from 'chart.js';
import { axis, baseOptions, chartCanvas, themedChart } from './chartSetup';
import { decimate, scatterExtent, tickStep, type Decimated, type ScatterLabel, type ScatterPoint } from './chartMath';
import { count, shortName, signedMargin } from './format';
import { withAlpha, type Palette } from './theme';
import { el, type ViewHandle } from './view';

export interface MarginScatterData {
  /** From scatterPoints() (chartMath.ts): pairs both runs gave a margin. */
  points: ScatterPoint[];
  nameA: string;
  nameB: string;
  /** Pair ids by record index, for the tooltip (the index is shown when absent). */
  ids?: readonly (string | undefined)[];
}

export interface MarginScatterOptions {
  /** A point was clicked: open that pair. */
  onOpenPair?: (index: number) => void;
}

const SERIES: { label: ScatterLabel; name: string; style: PointStyle; color: (p: Palette) => string }[] = [
  { label: 'A', name: 'human: A better', style: 'circle', color: (p) => p.blue },
  { label: 'B', name: 'human: B better', style: 'triangle', color: (p) => p.orange },
  { label: 'tie', name: 'human: tie', style: 'rectRot', color: (p) => p.purple },
  { label: 'none', name: 'unlabelled', style: 'crossRot', color: (p) => p.muted },
];

/** The grid decimation uses: about one cell per 2–3 px of a typical 400 px plot. */
export const SCATTER_GRID = 180;

interface Prepared {
  xe: number;
  ye: number;
  series: { points: ScatterPoint[]; weight: number[] }[];
  drawn: number;
}

function prepare(d: MarginScatterData): Prepared {
  const xe = scatterExtent(d.points, 'x'),
    ye = scatterExtent(d.points, 'y');
  const dec: Decimated = decimate(d.points, xe, ye, SCATTER_GRID, SCATTER_GRID);
  const series = SERIES.map(() => ({ points: [] as ScatterPoint[], weight: [] as number[] }));
  dec.points.forEach((pt, i) => {
    const s = series[SERIES.findIndex((x) => x.label === pt.label)];
    s.points.push(pt);
    s.weight.push(dec.weight[i]);
  });
  return { xe, ye, series, drawn: dec.points.length };
}

function config(
  d: MarginScatterData,
  prep: Prepared,
  p: Palette,
  opts: MarginScatterOptions,
): ChartConfiguration<'scatter'> {
  const { xe, ye } = prep;
  const clamp = (v: number, e: number) => Math.max(-e, Math.min(e, v));
  const big = d.points.length > 20000;
  const radius = big ? 1.8 : d.points.length > 5000 ? 2.2 : 2.6;
  const base = baseOptions(p);
  const zeroGrid = (ctx: { tick?: { value: number } }) => (ctx.tick?.value === 0 ? p.foreground : p.grid);
  return {
    type: 'scatter',
    data: {
      datasets: SERIES.map((s, i) => ({
        label: s.name,
        data: prep.series[i].points.map((pt) => ({ x: clamp(pt.x, xe), y: clamp(pt.y, ye) })),
        pointStyle: s.style,
        pointRadius: s.label === 'A' ? radius : radius + 0.6,
        pointHoverRadius: radius + 3,
        backgroundColor: withAlpha(s.color(p), p.kind === 'hc' ? 0.9 : 0.5),
        borderColor: s.color(p),
        borderWidth: 1,
        hidden: prep.series[i].points.length === 0,
        order: SERIES.length - i,
      })),
    },
    options: {
      ...base,
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: axis(p, `${shortName(d.nameA, 40)}: margin`, {
          type: 'linear',
          min: -xe,
          max: xe,
          ticks: { stepSize: tickStep(xe, 4), color: p.muted, font: { family: p.fontFamily, size: p.fontSize } },
          grid: { color: zeroGrid, lineWidth: (c: { tick?: { value: number } }) => (c.tick?.value === 0 ? 1.5 : 1) },
        }),
        y: axis(p, `${shortName(d.nameB, 40)}: margin`, {
          min: -ye,
          max: ye,
          ticks: { stepSize: tickStep(ye, 4), color: p.muted, font: { family: p.fontFamily, size: p.fontSize } },
          grid: { color: zeroGrid, lineWidth: (c: { tick?: { value: number } }) => (c.tick?.value === 0 ? 1.5 : 1) },
        }),
      },
      plugins: {
        ...base.plugins,
        legend: {
          ...base.plugins?.legend,
          labels: {
            ...base.plugins?.legend?.labels,
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            filter: (item) => prep.series[item.datasetIndex ?? 0]?.points.length > 0,
          },
        },
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            title: (items) => {
              const pt = prep.series[items[0].datasetIndex].points[items[0].dataIndex];
              return d.ids?.[pt.index] ?? `pair #${pt.index + 1}`;
            },
            label: (item) => {
              const s = prep.series[item.datasetIndex];
              const pt = s.points[item.dataIndex];
              const more = s.weight[item.dataIndex] - 1;
              return [
                `${SERIES[item.datasetIndex].name}`,
                `${d.nameA}: ${signedMargin(pt.x)}   ${d.nameB}: ${signedMargin(pt.y)}`,
                ...(more > 0 ? [`+${count(more)} more pair${more === 1 ? '' : 's'} under this point`] : []),
                'click to open',
              ];
            },
          },
        },
      },
      onHover: (e, els) => {
        const c = e.native?.target as HTMLElement | undefined;
        if (c) c.style.cursor = els.length && opts.onOpenPair ? 'pointer' : 'default';
      },
      onClick: (_e, els) => {
        const hit = els[0];
        if (!hit) return;
        opts.onOpenPair?.(prep.series[hit.datasetIndex].points[hit.index].index);
      },
    },
    plugins: [
      {
        id: 'rlDiagonal',
        beforeDatasetsDraw(chart) {
          const { left, right, top, bottom } = chart.chartArea;
          const x = chart.scales.x,
            y = chart.scales.y;
          const e = Math.min(xe, ye);
          const g = chart.ctx;
          g.save();
          g.beginPath();
          g.rect(left, top, right - left, bottom - top);
          g.clip();
          g.strokeStyle = p.muted;
          g.setLineDash([6, 4]);
          g.lineWidth = 1.2;
          g.beginPath();
          g.moveTo(x.getPixelForValue(-e), y.getPixelForValue(-e));
          g.lineTo(x.getPixelForValue(e), y.getPixelForValue(e));
          g.stroke();
          g.restore();
        },
      },
    ],
  };
}

export function renderMarginScatter(
  container: HTMLElement,
  data: MarginScatterData,
  opts: MarginScatterOptions = {},
): ViewHandle<MarginScatterData> & { drawn(): number } {
  const root = el('div', 'rl-chart rl-scatter');
  container.append(root);
  let prep = prepare(data);
  const c = themedChart(
    chartCanvas(root, `Margins of ${data.nameA} against ${data.nameB}, one point per pair`),
    (d: MarginScatterData, p) => config(d, prep, p, opts) as unknown as ChartConfiguration,
    data,
  );
  return {
    update(d) {
      prep = prepare(d);
      c.update(d);
    },
    drawn: () => prep.drawn,
    dispose() {
      c.dispose();
      root.remove();
    },
  };
}
