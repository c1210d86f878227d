// The analysis dashboard (issue 6): the paper-style accuracy table, per-task bars, the margin histogram by
// right and wrong, the reliability curve, and the ε control that recomputes them live in the webview.
import type { AccuracyTable, EpsilonChoice } from '../../src/core/analysis/accuracyTable';
import { renderAccuracyBars } from './accuracyBars';
import { renderAccuracyTable, type AccuracyTableData } from './accuracyTableView';
import {
  dashboardModel,
  epsilonsOf,
  histogramBand,
  tableFor,
  type DashboardData,
  type DashboardModel,
} from './dashboardModel';
import { renderEpsilonControl } from './epsilonControl';
import { count } from './format';
import { renderMarginHistogram } from './marginHistogram';
import { renderReliability } from './reliabilityChart';
import { orderedTasks } from '../../src/core/analysis/report';
import { el, icon, panel, type ExportRequest, type ViewHandle } from './view';

export type { DashboardData, DashboardRun } from './dashboardModel';

export interface DashboardOptions {
  onExport?: (r: ExportRequest) => void;
  /** ε settled (slider released, typed, or calibration toggled): the host may remember it or refresh the status bar. */
  onEpsilonChange?(choice: EpsilonChoice, table: AccuracyTable): void;
  /** A task row or bar was clicked: e.g. filter the list to it. */
  onTask?: (task: string) => void;
}

export function renderDashboard(
  container: HTMLElement,
  data: DashboardData,
  opts: DashboardOptions = {},
): ViewHandle<DashboardData> {
  const root = el('div', 'rl-analysis rl-dashboard');
  container.append(root);
  let current = data;
  let choice: EpsilonChoice = data.epsilon ?? {};
  /** The task the histogram and reliability curve are narrowed to (undefined = all tasks). */
  let chartTask: string | undefined;
  let model = dashboardModel(current, choice, chartTask);

  const head = el('header', 'rl-view-head');
  const titles = el('div', 'rl-titles');
  const h = el('h2', 'rl-view-title');
  const sub = el('div', 'rl-view-sub');
  titles.append(h, sub);
  const epsBox = el('div', 'rl-head-controls');
  head.append(titles, epsBox);

  const tablePanel = panel('rl-table-panel', 'Accuracy per task');
  const grid = el('div', 'rl-chart-grid');
  const barsPanel = panel('rl-bars-panel', 'Accuracy per task');
  const histPanel = panel('rl-hist-panel', 'Margins, right and wrong');
  const relPanel = panel('rl-rel-panel', 'Reliability');
  grid.append(barsPanel.root, histPanel.root, relPanel.root);
  // One task at a time for the histogram and the curve: tasks differ in scale, and each has its own ε.
  type Select = HTMLElement & { value: string };
  const taskSelect = document.createElement('vscode-single-select') as Select;
  taskSelect.className = 'rl-chart-task';
  taskSelect.setAttribute('aria-label', 'Task shown in the histogram and the reliability curve');
  taskSelect.title = 'Task shown in the histogram and the reliability curve';
  const fillTasks = () => {
    const names = orderedTasks(new Set(current.run.judged.map((p) => p.task)));
    if (chartTask !== undefined && !names.includes(chartTask)) chartTask = undefined;
    taskSelect.replaceChildren(
      ...[['', 'All tasks'], ...names.map((t) => [t, t])].map(([v, t]) => {
        const o = document.createElement('vscode-option');
        o.setAttribute('value', v);
        o.textContent = t;
        if (v === (chartTask ?? '')) o.setAttribute('selected', '');
        return o;
      }),
    );
    taskSelect.value = chartTask ?? '';
  };
  histPanel.head.append(taskSelect);
  taskSelect.addEventListener('change', () => {
    chartTask = taskSelect.value || undefined;
    model = dashboardModel(current, choice, chartTask);
    redrawCharts();
    captions(model);
  });
  // Until some pair is judged the charts have nothing to draw: one plain line instead of empty axes.
  const empty = el('div', 'rl-empty');
  empty.append(icon('graph'), el('span', undefined, 'Charts appear once the run has scored labelled pairs.'));
  root.append(head, tablePanel.root, grid, empty);

  const tableData = (): AccuracyTableData => ({
    table: model.table,
    name: current.run.name,
    title: current.title,
    second:
      current.baseline && model.baselineTable ? { table: model.baselineTable, name: current.baseline.name } : undefined,
  });
  const barsData = () => ({ table: model.table, name: current.run.name, second: tableData().second });

  const epsilon = renderEpsilonControl(
    epsBox,
    { choice, ...model.slider, calibrated: model.epsilons },
    {
      onChange(next, final) {
        choice = next;
        schedule(final);
      },
    },
  );
  const table = renderAccuracyTable(tablePanel.body, tableData(), {
    onExport: opts.onExport,
    onTask: opts.onTask,
    actionsIn: tablePanel.head,
  });
  const bars = renderAccuracyBars(barsPanel.body, barsData(), { onTask: opts.onTask });
  fillTasks();
  const hist = renderMarginHistogram(histPanel.body, {
    bins: model.histogram,
    epsilon: model.band?.epsilon,
    epsilonLabel: model.band?.label,
  });
  let rel = model.reliability ? renderReliability(relPanel.body, model.reliability) : undefined;

  const captions = (m: DashboardModel) => {
    const nothing = m.table.overall.tasks === 0;
    grid.hidden = nothing;
    empty.hidden = !nothing;
    h.replaceChildren(icon('graph'), el('span', undefined, `${current.run.name}`));
    const labelled = current.run.judged.filter((p) => p.label !== 'none').length;
    const parts = [current.title, `${count(labelled)} labelled pairs`];
    if (current.baseline) parts.push(`beside ${current.baseline.name}`);
    sub.textContent = parts.filter(Boolean).join(' · ');
    tablePanel.caption.textContent = `With ties: three-way, |m| ≤ ε predicted tie. Without ties: tie labels dropped, sign of m. (correct/judged). Failed predictions count as wrong; "not supported" = every prediction failed, left out of the mean.${current.baseline ? ` ${current.baseline.name}: ε calibrated per task.` : ''}`;
    barsPanel.caption.textContent = 'Dashed line: 50 %. Click a task to list its pairs.';
    histPanel.caption.textContent = `${count(m.scoredAB)} pairs labelled A or B. Right: the sign of m matches the label.${m.band ? ` Shaded: |m| ≤ ${m.band.label === 'largest per-task ε' ? 'the largest per-task ε' : 'ε'}, predicted ties when ties are counted.` : ''}`;
    const scope = chartTask ? ` · ${chartTask}` : '';
    histPanel.head.querySelector('.rl-panel-title')!.textContent = `Margins, right and wrong${scope}`;
    relPanel.head.querySelector('.rl-panel-title')!.textContent = `Reliability${scope}`;
    if (m.reliability)
      relPanel.caption.textContent = `ECE ${m.reliability.ece.toFixed(3)} (expected calibration error, n-weighted gap to the diagonal). Point area and the numbers: pairs per bin.`;
    else
      relPanel.caption.textContent =
        current.run.bradleyTerry === false
          ? 'Not a Bradley–Terry model: its margins are not log-odds, so there is no probability to calibrate.'
          : 'No scored pairs labelled A or B yet.';
  };
  captions(model);

  // While dragging, only the ε-dependent parts are recomputed, once per frame.
  let frame = 0;
  let pendingFinal = false;
  const schedule = (final: boolean) => {
    pendingFinal ||= final;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const t = tableFor(current.run, choice);
      model = { ...model, table: t, epsilons: epsilonsOf(t), band: histogramBand(choice, epsilonsOf(t), chartTask) };
      table.update(tableData());
      bars.update(barsData());
      hist.update({ bins: model.histogram, epsilon: model.band?.epsilon, epsilonLabel: model.band?.label });
      epsilon.update({ choice, ...model.slider, calibrated: model.epsilons });
      captions(model);
      if (pendingFinal) opts.onEpsilonChange?.(choice, t);
      pendingFinal = false;
    });
  };

  const redrawCharts = () => {
    hist.update({ bins: model.histogram, epsilon: model.band?.epsilon, epsilonLabel: model.band?.label });
    if (model.reliability) {
      if (rel) rel.update(model.reliability);
      else rel = renderReliability(relPanel.body, model.reliability);
    } else {
      rel?.dispose();
      rel = undefined;
    }
  };

  return {
    update(d) {
      current = d;
      if (d.epsilon) choice = d.epsilon;
      fillTasks();
      model = dashboardModel(current, choice, chartTask);
      table.update(tableData());
      bars.update(barsData());
      redrawCharts();
      epsilon.update({ choice, ...model.slider, calibrated: model.epsilons });
      captions(model);
    },
    dispose() {
      if (frame) cancelAnimationFrame(frame);
      for (const v of [epsilon, table, bars, hist, rel]) v?.dispose();
      root.remove();
    },
  };
}
