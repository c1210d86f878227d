// Analysis in the editor webview: the list's analysis bar, the Dashboard / Comparison / Sweep page and the
// criterion probe, wired to the app through a few callbacks (the app stays the owner of filter and mode).
import './analysisPanel.css';
import {
  MessageType,
  type AnalysisStateMessage,
  type PairView,
  type RowFilter,
  type ToWebviewMessage,
} from '../../src/protocol';
import type { HostApi } from '../hostApi';
import { AnalysisBar } from './analysisBar';
import { AnalysisViews } from './analysisViews';
import { criterionProbe } from './criterionProbe';

export interface AnalysisUiHooks {
  /** Merge a change into the list's filter (the header owns it). */
  onFilter(change: Partial<RowFilter>): void;
  openPair(index: number): void;
  /** The element whose children the analysis page replaces while it is open. */
  main: HTMLElement;
}

export class AnalysisUi {
  readonly bar: AnalysisBar;
  readonly views: AnalysisViews;
  state: AnalysisStateMessage | undefined;

  constructor(
    private readonly host: HostApi,
    private readonly hooks: AnalysisUiHooks,
  ) {
    this.bar = new AnalysisBar({ onFilter: (c) => hooks.onFilter(c), onShow: (v) => void this.open(v) });
    this.views = new AnalysisViews(host, {
      onClose: () => this.close(),
      onOpenPair: (index) => {
        this.close();
        hooks.openPair(index);
      },
      onShowFlips: (direction, task) => {
        this.close();
        hooks.onFilter({ show: 'flips', flipDirection: direction, ...(task ? { task } : {}) });
      },
      onTask: (task) => {
        this.close();
        hooks.onFilter({ task });
      },
    });
    hooks.main.append(this.views.el);
    host.onEvent((m) => this.onEvent(m));
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && this.views.view) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        }
      },
      true,
    );
  }

  /** The probe under the pair view's criterion. */
  probe(pair: PairView, top: HTMLElement): void {
    top.append(
      criterionProbe(this.host, pair, (text) =>
        this.host.request({ type: MessageType.CommitCriterion, index: pair.index, text }),
      ),
    );
  }

  async open(view: 'dashboard' | 'comparison' | 'sweep'): Promise<void> {
    this.hooks.main.classList.add('analysis-open');
    document.body.classList.add('analysis-page-open');
    await this.views.show(view);
  }

  close(): void {
    this.hooks.main.classList.remove('analysis-open');
    document.body.classList.remove('analysis-page-open');
    this.views.hide();
  }

  private onEvent(m: ToWebviewMessage): void {
    switch (m.type) {
      case MessageType.AnalysisState: {
        const before = JSON.stringify([this.state?.current, this.state?.second, this.state?.epsilons]);
        this.state = m;
        this.bar.setState(m);
        document.body.classList.toggle('has-comparison', !!m.second);
        if (before !== JSON.stringify([m.current, m.second, m.epsilons]) && this.views.view === 'comparison')
          this.views.refresh();
        return;
      }
      case MessageType.ShowAnalysis:
        return void this.open(m.view);
      case MessageType.SweepResult:
        this.views.setSweep(m);
        return;
    }
  }
}
