// Margin histogram split by right and wrong (stacked; "wrong" hatched), with ε drawn as a band around 0:
// how far apart the model puts the two responses, and where its mistakes sit.
import type { ChartConfiguration } from 'chart.js';
import type { HistogramBin } from '../../src/core/analysis/charts';
import { axis, baseOptions, Chart, chartCanvas, themedChart } from './chartSetup';
import { histogramBars, tickStep } from './chartMath';
import { count, formatEpsilon } from './format';
import { hatch, withAlpha, type Palette } from './theme';
import { el, type ViewHandle } from './view';

export interface MarginHistogramData {
  /** From marginHistogram() in src/core/analysis/charts.ts (labelled A/B pairs with a margin). */
  bins: HistogramBin[];
  /** The tie band |m| ≤ ε; omit to draw none. */
  epsilon?: number;
  /** Words for the band's legend when ε differs per task, e.g. "largest per-task ε". */
  epsilonLabel?: string;
}

function config(d: MarginHistogramData, p: Palette): ChartConfiguration<'bar', { x: number; y: number }[]> {
  const bars = histogramBars(d.bins);
  const lo = bars[0]?.from ?? -1,
    hi = bars[bars.length - 1]?.to ?? 1;
  const base = baseOptions(p);
  const eps = d.epsilon;
  const band = withAlpha(p.purple, p.kind === 'hc' || p.kind === 'hc-light' ? 0.3 : 0.2);
  return {
    type: 'bar',
    data: {
      datasets: [
        {
          label: 'right (sign matches label)',
          data: bars.map((b) => ({ x: b.x, y: b.right })),
          backgroundColor: p.blue,
          borderColor: p.blue,
          borderWidth: 1,
          pointStyle: 'rect',
        },
        {
          label: 'wrong',
          data: bars.map((b) => ({ x: b.x, y: b.wrong })),
          backgroundColor: hatch(p.orange),
          borderColor: p.orange,
          borderWidth: 1,
          pointStyle: 'rect',
        },
      ],
    },
    options: {
      ...base,
      datasets: { bar: { barPercentage: 1, categoryPercentage: 1, grouped: false } },
      scales: {
        x: axis(p, 'margin m = score A − score B', {
          type: 'linear',
          min: lo,
          max: hi,
          offset: false,
          stacked: true,
          ticks: { stepSize: tickStep(hi, 5), color: p.muted, font: { family: p.fontFamily, size: p.fontSize } },
          grid: { color: (ctx: { tick?: { value: number } }) => (ctx.tick?.value === 0 ? p.muted : p.grid) },
        }),
        y: axis(p, 'pairs', { stacked: true, beginAtZero: true }),
      },
      plugins: {
        ...base.plugins,
        legend: {
          ...base.plugins?.legend,
          labels: {
            ...base.plugins?.legend?.labels,
            // The ε band gets a legend entry of its own.
            generateLabels: (chart) => {
              const items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
              if (eps !== undefined && eps > 0)
                items.push({
                  text: `${d.epsilonLabel ?? 'tie band'} |m| ≤ ${formatEpsilon(eps)}`,
                  fillStyle: band,
                  strokeStyle: p.purple,
                  lineWidth: 1,
                  pointStyle: 'rect',
                  fontColor: p.foreground,
                  hidden: false,
                  datasetIndex: -1,
                });
              return items;
            },
          },
        },
        tooltip: {
          ...base.plugins?.tooltip,
          callbacks: {
            title: (items) => {
              const b = bars[items[0]?.dataIndex ?? 0];
              return b ? `m from ${b.from.toFixed(2)} to ${b.to.toFixed(2)}` : '';
            },
            label: (ctx) => `${ctx.dataset.label}: ${count((ctx.raw as { y: number }).y)}`,
          },
        },
      },
    },
    plugins: [
      {
        // Drawn over the bars (translucent), so the band shows where bars are tall too.
        id: 'rlEpsilonBand',
        afterDatasetsDraw(chart) {
          if (eps === undefined || eps <= 0) return;
          const x = chart.scales.x;
          const { top, bottom, left, right } = chart.chartArea;
          const x0 = Math.max(left, x.getPixelForValue(-eps)),
            x1 = Math.min(right, x.getPixelForValue(eps));
          const g = chart.ctx;
          g.save();
          g.fillStyle = band;
          g.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
          g.strokeStyle = p.purple;
          g.setLineDash([3, 3]);
          g.beginPath();
          g.moveTo(x0, top);
          g.lineTo(x0, bottom);
          g.moveTo(x1, top);
          g.lineTo(x1, bottom);
          g.stroke();
          g.restore();
        },
      },
    ],
  };
}

export function renderMarginHistogram(
  container: HTMLElement,
  data: MarginHistogramData,
): ViewHandle<MarginHistogramData> {
  const root = el('div', 'rl-chart rl-histogram');
  container.append(root);
  const c = themedChart(
    chartCanvas(root, 'Histogram of margins, right and wrong'),
    config as unknown as (d: MarginHistogramData, p: Palette) => ChartConfiguration,
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
