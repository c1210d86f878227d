// Chart.js, registered once with only the pieces these charts use, and the options every chart shares:
// theme colours and font, no animation (numbers should not slide while ε is dragged), and a legend that
// draws point styles (so series differ by shape or hatch, not colour alone).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type ScaleOptionsByType,
} from 'chart.js';
import { readPalette, watchTheme, type Palette } from './theme';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  Legend,
  Filler,
);

export { Chart };

export function baseOptions(p: Palette): NonNullable<ChartConfiguration['options']> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    color: p.foreground,
    font: { family: p.fontFamily, size: p.fontSize },
    plugins: {
      legend: {
        position: 'top',
        align: 'start',
        labels: {
          color: p.foreground,
          usePointStyle: true,
          boxWidth: 10,
          boxHeight: 10,
          padding: 10,
          font: { family: p.fontFamily, size: p.fontSize },
        },
      },
      tooltip: {
        backgroundColor: p.background,
        titleColor: p.foreground,
        bodyColor: p.foreground,
        borderColor: p.border,
        borderWidth: 1,
        titleFont: { family: p.fontFamily, size: p.fontSize, weight: 'bold' },
        bodyFont: { family: p.fontFamily, size: p.fontSize },
        padding: 8,
        cornerRadius: 3,
        displayColors: true,
        usePointStyle: true,
      },
    },
  };
}

/** A linear or category axis in theme colours with a title. */
export function axis(
  p: Palette,
  title: string,
  extra: Record<string, unknown> = {},
): Partial<ScaleOptionsByType<'linear'>> {
  return {
    grid: { color: p.grid, tickColor: p.grid },
    border: { color: p.muted },
    ticks: { color: p.muted, font: { family: p.fontFamily, size: p.fontSize } },
    title: { display: !!title, text: title, color: p.foreground, font: { family: p.fontFamily, size: p.fontSize } },
    ...extra,
  } as Partial<ScaleOptionsByType<'linear'>>;
}

/** A canvas inside a sized box, as Chart.js's responsive mode needs (it measures the parent). */
export function chartCanvas(parent: HTMLElement, label: string): HTMLCanvasElement {
  const box = document.createElement('div');
  box.className = 'rl-chart-box';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  box.append(canvas);
  parent.append(box);
  return canvas;
}

export type AnyChart = Chart<ChartType, unknown[], unknown>;

/**
 * One Chart.js chart whose configuration is a function of the data and the palette: update() and theme
 * changes rebuild the configuration and redraw in place (no animation, no new canvas).
 */
export function themedChart<D>(
  canvas: HTMLCanvasElement,
  config: (data: D, p: Palette) => ChartConfiguration,
  data: D,
): { chart: AnyChart; update(d: D): void; dispose(): void } {
  let current = data;
  let palette = readPalette();
  let latest = config(current, palette);
  // Chart.js keeps a chart's inline plugins from its first configuration; these stand-ins call the hooks of
  // the latest one, so plugins drawing from the data (ε band, bin counts, diagonal) follow update().
  type Hook = (...args: unknown[]) => unknown;
  const plugins = (latest.plugins ?? []).map((first) => {
    const stand: Record<string, unknown> = { id: first.id };
    for (const [key, fn] of Object.entries(first)) {
      if (key === 'id' || typeof fn !== 'function') continue;
      stand[key] = (...args: unknown[]) =>
        ((latest.plugins ?? []).find((q) => q.id === first.id) as Record<string, Hook> | undefined)?.[key]?.(...args);
    }
    return stand;
  });
  const chart = new Chart(canvas, { ...latest, plugins } as unknown as ChartConfiguration) as AnyChart;
  const redraw = () => {
    latest = config(current, palette);
    chart.data = latest.data;
    chart.options = latest.options as AnyChart['options'];
    chart.update('none');
  };
  const stop = watchTheme((p) => {
    palette = p;
    redraw();
  });
  return {
    chart,
    update(d) {
      current = d;
      redraw();
    },
    dispose() {
      stop();
      chart.destroy();
      canvas.parentElement?.remove();
    },
  };
}
