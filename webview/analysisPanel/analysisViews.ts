// The editor's analysis page: Dashboard, Comparison and Sweep tabs over the analysis views (webview/analysis),
// fed by the host (GetDashboard / GetComparison / SweepResult). Shown in place of the list; Close returns.
import { MessageType, type AnalysisViewName, type SweepResultMessage } from '../../src/protocol';
import type { HostApi } from '../hostApi';
import { el, icon } from '../components/badges';
import { renderComparison, renderDashboard, renderSweep, type ExportRequest, type ViewHandle } from '../analysis';

export interface AnalysisViewsEvents {
  onClose(): void;
  onOpenPair(index: number): void;
  onShowFlips(direction: 'onlyA' | 'onlyB', task?: string): void;
  onTask(task: string): void;
}

export class AnalysisViews {
  readonly el: HTMLElement;
  private readonly body = el('div', 'analysis-views-body');
  private readonly tabs = new Map<AnalysisViewName, HTMLElement>();
  private handle?: ViewHandle<never>;
  private sweep?: SweepResultMessage;
  private epsTimer = 0;
  view: AnalysisViewName | undefined;

  constructor(
    private readonly host: HostApi,
    private readonly events: AnalysisViewsEvents,
  ) {
    this.el = el('section', 'analysis-views');
    this.el.dataset.testid = 'analysis-views';
    this.el.hidden = true;
    const bar = el('div', 'analysis-tabs');
    bar.setAttribute('role', 'tablist');
    for (const [name, text] of [
      ['dashboard', 'Dashboard'],
      ['comparison', 'Comparison'],
      ['sweep', 'Criteria sweep'],
    ] as const) {
      const t = el('button', 'analysis-tab', text);
      t.type = 'button';
      t.setAttribute('role', 'tab');
      t.dataset.testid = `tab-${name}`;
      t.addEventListener('click', () => void this.show(name));
      this.tabs.set(name, t);
      bar.append(t);
    }
    const close = el('button', 'analysis-tab analysis-close');
    close.type = 'button';
    close.title = 'Back to the list (Escape)';
    close.dataset.testid = 'analysis-close';
    close.append(icon('close'), document.createTextNode('Close'));
    close.addEventListener('click', () => this.events.onClose());
    bar.append(close);
    this.el.append(bar, this.body);
  }

  setSweep(m: SweepResultMessage): void {
    this.sweep = m;
  }

  async show(view: AnalysisViewName): Promise<void> {
    this.view = view;
    this.el.hidden = false;
    for (const [n, t] of this.tabs) t.setAttribute('aria-selected', String(n === view));
    this.clear();
    this.body.append(el('div', 'muted analysis-loading', 'Loading…'));
    this.body.dataset.view = view;
    try {
      if (view === 'dashboard') await this.dashboard();
      else if (view === 'comparison') await this.comparison();
      else this.sweepView();
    } catch (e) {
      this.clear();
      this.body.append(el('div', 'error-message', e instanceof Error ? e.message : String(e)));
    }
  }

  hide(): void {
    this.view = undefined;
    this.el.hidden = true;
    this.clear();
  }

  /** The list's verdicts changed (runs or ε): redraw what is shown. */
  refresh(): void {
    if (this.view && this.view !== 'sweep') void this.show(this.view);
  }

  private clear(): void {
    this.handle?.dispose();
    this.handle = undefined;
    this.body.replaceChildren();
  }

  private onExport = (r: ExportRequest) =>
    this.host.notify({
      type: MessageType.ExportReport,
      what: r.what,
      format: r.format,
      text: r.text,
      fileName: r.fileName,
    });

  private async dashboard(): Promise<void> {
    const d = await this.host.request({ type: MessageType.GetDashboard });
    if (this.view !== 'dashboard') return;
    this.clear();
    if (!d.run) {
      this.body.append(
        el(
          'div',
          'muted analysis-empty',
          'No run for this file yet. Score it (Reward Lens: Score with Model…) or import predictions, then open the dashboard.',
        ),
      );
      return;
    }
    const box = el('div', 'analysis-dashboard');
    box.dataset.testid = 'dashboard';
    this.body.append(box);
    this.handle = renderDashboard(
      box,
      { run: d.run, baseline: d.baseline, epsilon: d.epsilon, title: d.title },
      {
        onExport: this.onExport,
        // Settled ε: the list's verdicts and the status bar follow (the dashboard itself recomputes live).
        onEpsilonChange: (choice) => {
          clearTimeout(this.epsTimer);
          this.epsTimer = window.setTimeout(
            () => this.host.notify({ type: MessageType.SetEpsilon, epsilon: choice }),
            150,
          );
        },
        onTask: (task) => this.events.onTask(task),
      },
    );
  }

  private async comparison(): Promise<void> {
    const d = await this.host.request({ type: MessageType.GetComparison });
    if (this.view !== 'comparison') return;
    this.clear();
    if (!d.ok) {
      this.body.append(el('div', 'muted analysis-empty', d.message));
      return;
    }
    const box = el('div', 'analysis-comparison');
    box.dataset.testid = 'comparison';
    this.body.append(box);
    this.handle = renderComparison(
      box,
      { pairs: d.pairs, nameA: d.currentName, nameB: d.secondName, ids: d.ids, title: d.title },
      {
        onExport: this.onExport,
        onShowPairs: (_indices, why) => this.events.onShowFlips(why.direction, why.task),
        onOpenPair: (index) => this.events.onOpenPair(index),
      },
    );
  }

  private sweepView(): void {
    this.clear();
    if (!this.sweep) {
      this.body.append(
        el(
          'div',
          'muted analysis-empty',
          'No sweep yet. Run Reward Lens: Criteria Sweep… to rescore the pairs the list shows under criterion variants.',
        ),
      );
      return;
    }
    const box = el('div', 'analysis-sweep');
    box.dataset.testid = 'sweep';
    this.body.append(box);
    const { variants, cells, modelName, slice } = this.sweep;
    this.handle = renderSweep(box, { variants, cells, modelName, slice }, { onExport: this.onExport });
  }
}
