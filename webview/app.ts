// The webview app: header, virtualised list and pair view wired to a HostApi; keyboard and palette actions.
import { isEmptyFilter } from '../src/core/view/filterKey';
import {
  MessageType,
  type EditorAction,
  type RowFilter,
  type ToWebviewMessage,
  type WebviewState,
} from '../src/protocol';
import type { HostApi } from './hostApi';
import { Header } from './header';
import { PairList, listHead, nameModelColumns } from './list/pairList';
import { PairViewPanel } from './pair/pairView';
import { el } from './components/badges';
import { EditNotice, LabelKeyGate } from './annotation';
import { routeDataLinks } from './text/dataLinks';
import { AnalysisUi } from './analysisPanel';

export class App {
  private readonly root: HTMLElement;
  private readonly header: Header;
  private readonly list: PairList;
  private readonly pair: PairViewPanel;
  private state: WebviewState;
  private pairRequest = 0;
  private statsSeen = false;
  private progressSeen = false;
  private readonly head: HTMLElement;
  private readonly analysis: AnalysisUi;
  private readonly notice: EditNotice;

  constructor(
    private readonly host: HostApi,
    root: HTMLElement,
  ) {
    this.root = root;
    this.state = { selected: -1, selectedPos: 0, mode: 'list', filter: {}, scrollTop: 0, ...host.getState() };
    this.header = new Header({ onFilter: (f) => this.setFilter(f) });
    this.list = new PairList(host, {
      onSelect: (index) => this.selected(index),
      onOpen: (index) => void this.openPair(index),
      onFirstRows: () => (this.root.dataset.ready = 'true'),
      // The host sends "N shown" only while a scan runs; a rebuilt webview (tab switch) learns it from its rows.
      onTotal: (total, done) => {
        this.header.setShown(total, done, !isEmptyFilter(this.state.filter));
        this.pair.setWhere(this.list.selectedPos, total, done);
      },
    });
    this.pair = new PairViewPanel({
      onBack: () => this.back(),
      onStep: (d) => void this.step(d),
      // annotation: edits go to the host, which plans them in the core and announces them to VS Code
      onLabel: (index, label) => void host.request({ type: MessageType.SetLabel, index, label }),
      onCommitCriterion: (index, text) => host.request({ type: MessageType.CommitCriterion, index, text }),
      afterCriterion: (pair, top) => this.analysis.probe(pair, top),
    });
    const main = el('main', 'app-main');
    this.head = listHead();
    main.append(this.head, this.list.el, this.pair.el);
    // analysis: run-aware filters under the header; dashboard / comparison / sweep in place of the list
    this.analysis = new AnalysisUi(host, {
      main,
      onFilter: (c) => this.header.update(c),
      openPair: (i) => void this.openPair(i),
    });
    this.header.el.append(this.analysis.bar.el);
    // annotation: every edit is confirmed with an Undo; label keys act only where the user put focus
    this.notice = new EditNotice(() => host.notify({ type: MessageType.Undo }));
    root.replaceChildren(this.header.el, main, this.notice.el);
    host.onEvent((m) => this.onEvent(m));
    document.addEventListener('keydown', (e) => this.onKey(e));
    new LabelKeyGate(
      host,
      () => [this.list.el, this.pair.el],
      () => this.notice.show('Label keys are off here', 'click a row (or press ↓) to label with 1 / 2 / 0', false),
    );
    routeDataLinks(host);
  }

  async start(): Promise<void> {
    const ready = await this.host.request({ type: MessageType.ReadyRequest });
    document.title = ready.fileName;
    this.root.classList.toggle('has-runs', ready.runs.length > 0);
    // Pushed events may overtake the reply (another channel in the dev page): keep whatever is newer.
    if (!this.statsSeen) this.header.setStats(ready.stats);
    if (!this.progressSeen) this.header.setProgress(ready.progress);
    this.header.setFilter(this.state.filter);
    this.analysis.bar.setFilter(this.state.filter);
    this.list.setFilter(this.state.filter, this.state.selectedPos, this.state.scrollTop);
    if (this.state.mode === 'pair' && this.state.selected >= 0) await this.openPair(this.state.selected);
    else this.list.focus();
  }

  runAction(action: EditorAction): void {
    switch (action) {
      case 'next':
        return void (this.state.mode === 'pair' ? this.step(1) : this.list.move(1));
      case 'previous':
        return void (this.state.mode === 'pair' ? this.step(-1) : this.list.move(-1));
      case 'first':
        return this.list.select(0);
      case 'last':
        return this.list.select(this.list.count - 1);
      case 'open':
        return void this.list.selectedRecord().then((i) => (i >= 0 ? this.openPair(i) : undefined));
      case 'back':
        return this.back();
      case 'focusSearch':
        return this.header.focusSearch();
      case 'toggleErrorsOnly':
        return this.header.toggleErrorsOnly();
      case 'showDisagreements':
        this.analysis.close();
        return this.header.update({ show: 'disagreements' });
    }
  }

  private onEvent(m: ToWebviewMessage): void {
    switch (m.type) {
      case MessageType.IndexProgress:
        this.progressSeen = true;
        return this.header.setProgress(m.progress);
      case MessageType.StatsChanged:
        this.statsSeen = true;
        return this.header.setStats(m.stats);
      case MessageType.ViewChanged:
        this.list.viewChanged(m.viewKey, m.total, m.done);
        if (m.viewKey === this.list.viewKey) this.header.setShown(m.total, m.done, !isEmptyFilter(this.state.filter));
        return;
      case MessageType.Invalidate:
        this.root.classList.toggle('has-runs', m.runs.length > 0);
        this.list.invalidate();
        if (this.state.mode === 'pair' && this.state.selected >= 0) void this.openPair(this.state.selected);
        return;
      case MessageType.RunAction:
        return this.runAction(m.action);
      case MessageType.EditNotice:
        return this.notice.show(m.text, m.detail);
      case MessageType.AnalysisState:
        this.list.runNames = { current: m.current?.name, second: m.second?.name };
        return nameModelColumns(this.head, m.current?.name, m.second?.name);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e
      .composedPath()
      .some(
        (t) =>
          t instanceof HTMLElement &&
          /^(INPUT|TEXTAREA|VSCODE-TEXTFIELD|VSCODE-TEXTAREA|VSCODE-SINGLE-SELECT)$/.test(t.tagName),
      );
    if (typing) {
      // Enter applies a field's filter and keeps the focus there (the field handles it): what the user types next
      // is text, never label keys. Escape leaves the field; the label keys stay off until the user picks a row.
      if (e.key === 'Escape') {
        e.preventDefault();
        this.list.focus();
      }
      return;
    }
    const action: EditorAction | undefined = (
      {
        j: 'next',
        ArrowDown: 'next',
        k: 'previous',
        ArrowUp: 'previous',
        Enter: 'open',
        Escape: 'back',
        '/': 'focusSearch',
        Home: 'first',
        End: 'last',
      } as Record<string, EditorAction>
    )[e.key];
    if (!action || (action === 'open' && this.state.mode === 'pair')) return;
    if ((action === 'first' || action === 'last') && this.state.mode === 'pair') return;
    e.preventDefault();
    this.runAction(action);
  }

  private setFilter(filter: RowFilter): void {
    this.state.filter = filter;
    this.analysis.bar.setFilter(filter);
    this.header.setShown(0, false, !isEmptyFilter(filter));
    this.list.setFilter(filter);
    if (this.state.mode === 'pair') this.back(false); // the filter's field keeps the focus
    this.save();
  }

  private selected(index: number): void {
    this.state.selected = index;
    this.state.selectedPos = this.list.selectedPos;
    this.host.notify({ type: MessageType.SelectionChanged, index });
    this.save();
  }

  private async openPair(index: number): Promise<void> {
    const ticket = ++this.pairRequest;
    this.state.mode = 'pair';
    this.state.selected = index;
    this.save();
    this.list.el.hidden = true;
    this.head.hidden = true;
    this.pair.el.hidden = false;
    try {
      const reply = await this.host.request({ type: MessageType.GetPair, index });
      if (ticket !== this.pairRequest || this.state.mode !== 'pair') return;
      this.pair.show(reply.record, { pos: this.list.selectedPos, total: this.list.count });
    } catch (e) {
      if (ticket !== this.pairRequest) return;
      this.pair.clear();
      this.pair.el.append(el('div', 'error-message', e instanceof Error ? e.message : String(e)));
    }
    this.pair.el.focus();
  }

  private async step(delta: number): Promise<void> {
    const pos = this.list.selectedPos + delta;
    const index = await this.list.recordAt(pos);
    if (index === undefined) return;
    this.list.select(pos);
    await this.openPair(index);
  }

  private back(focusList = true): void {
    if (this.state.mode !== 'pair') return;
    this.pairRequest++;
    this.state.mode = 'list';
    this.pair.el.hidden = true;
    this.pair.clear();
    this.list.el.hidden = false;
    this.head.hidden = false;
    this.list.select(this.list.selectedPos);
    if (focusList) this.list.focus();
    this.save();
  }

  private save(): void {
    this.state.scrollTop = this.list.el.hidden ? this.state.scrollTop : this.list.scrollTop;
    this.host.setState(this.state);
  }
}
