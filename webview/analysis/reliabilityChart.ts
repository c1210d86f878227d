// Reliability (calibration) curve: the model's confidence P(winner) = σ(|m|) against how often it was right,
// with the diagonal a calibrated model sits on; point area grows with the pairs in the bin, n written beside.
import type { ChartConfiguration } from 'chart.js';
import type { ReliabilityBin } from '../../src/core/analysis/charts';
import { axis, baseOptions, chartCanvas, themedChart } from './chartSetup';
import { reliabilityPoints } from './chartMath';
import { count, pct } from './format';
import { withAlpha, type Palette } from './theme';
import { el, type ViewHandle } from './view';

export interface ReliabilityData {
  /** From reliabilityCurve() in src/core/analysis/charts.ts. */
  bins: ReliabilityBin[];
  ece: number;
}

function config(d: ReliabilityData, p: Palette): ChartConfiguration<'scatter'> {
  const pts = reliabilityPoints(d.bins);
  const base = baseOptions(p);
  const percentTicks = {
    color: p.muted,
    font: { family: p.fontFamily, size: p.fontSize },
    callback: (v: number | string) => `${Math.round(Number(v) * 100)}%`,
  };
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'model',
          data: pts.map(({ x, y }) => ({ x, y })),
          showLine: true,
          borderColor: p.blue,
          backgroundColor: withAlpha(p.blue, 0.55),
          pointRadius: pts.map((q) => q.r),
          pointHoverRadius: pts.map((q) => q.r + 2),
          pointBorderColor: p.blue,
          pointBorderWidth: 1.5,
          borderWidth: 2,
          pointStyle: 'circle',
        },
        {
          label: 'perfectly calibrated',
          data: [
            { x: 0.5, y: 0.5 },
            { x: 1, y: 1 },
          ],
          showLine: true,
          borderColor: p.muted,
          borderDash: [5, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 0,
          pointStyle: 'line',
          backgroundColor: p.muted,
        },
      ],
    },
    options: {
      ...base,
      scales: {
        x: axis(p, 'confidence σ(|m|)', {
          type: 'linear',
          min: 0.5,
          max: 1,
          ticks: { ...percentTicks, stepSize: 0.1 },
        }),
        y: axis(p, 'accuracy (without ties)', { min: 0, max: 1, ticks: { ...percentTicks, stepSize: 0.25 } }),
      },
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins?.tooltip,
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            label: (ctx) => {
              const q = pts[ctx.dataIndex];
              return `confidence ${pct(q.x, 1)} %, right ${pct(q.y, 1)} % of ${count(q.n)} pairs`;
            },
          },
        },
      },
    },
    plugins: [
      {
        // n beside each point, so bin sizes read without hovering.
        id: 'rlBinCounts',
        afterDatasetsDraw(chart) {
          const meta = chart.getDatasetMeta(0);
          const g = chart.ctx;
          g.save();
          g.fillStyle = p.muted;
          g.font = `${p.fontSize - 1}px ${p.fontFamily}`;
          g.textAlign = 'left';
          g.textBaseline = 'middle';
          meta.data.forEach((pt, i) => {
            const q = pts[i];
            const y = pt.y > chart.chartArea.bottom - 14 ? pt.y - q.r - 6 : pt.y + q.r + 8;
            g.fillText(`${q.n}`, pt.x + 3, y);
          });
          g.restore();
        },
      },
    ],
  };
}

export function renderReliability(container: HTMLElement, data: ReliabilityData): ViewHandle<ReliabilityData> {
  const root = el('div', 'rl-chart rl-reliability');
  container.append(root);
  const c = themedChart(
    chartCanvas(root, 'Reliability curve: confidence against accuracy'),
    config as (d: ReliabilityData, p: Palette) => ChartConfiguration,
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
