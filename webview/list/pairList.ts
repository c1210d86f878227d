// The virtualised list of pairs: a spacer sized to the row count, a fixed pool of row elements placed over the
// visible window, and pages pulled from the host as the window moves. DOM size is constant for any file size.
import { filterKey } from '../../src/core/view/filterKey';
import { MessageType, type RowFilter, type RowView } from '../../src/protocol';
import type { HostApi } from '../hostApi';
import { signedMargin } from '../../src/core/format';
import { el, icon, labelChip, modalityBadges } from '../components/badges';
import { changedMark, editedMark } from '../annotation';
import { RowCache } from './rowCache';
import {
  contentHeight,
  pagesFor,
  rowTop,
  scrollToReveal,
  scrollTopFor,
  visibleWindow,
  type ListGeometry,
} from './virtualWindow';

export const ROW_HEIGHT = 26;
const PAGE = 100;
const OVERSCAN = 8;

export interface PairListEvents {
  onSelect(index: number): void;
  onOpen(index: number): void;
  /** The first page is on screen (or the view is known to be empty). */
  onFirstRows(): void;
  /** How many rows the view has (so far), e.g. for "N shown" after the webview was rebuilt. */
  onTotal?(total: number, done: boolean): void;
}

/** Column titles above the list (same grid as the rows); the model columns carry the models' names. */
export function listHead(): HTMLElement {
  const head = el('div', 'list-head');
  head.setAttribute('aria-hidden', 'true');
  for (const [t, cls] of [
    ['#', 'right'],
    ['ID', ''],
    ['Prompt', ''],
    ['Task', ''],
    ['Modalities', ''],
    ['Human', ''],
    ['Model', 'run-col run-name run-a'],
    ['Model', 'run-col run-name run-b verdict-b-col'],
    ['Margin', 'right run-col'],
  ])
    head.append(el('span', cls || undefined, t));
  return head;
}

/** Names the model columns after the runs they show (never "A" / "B": those are the responses). */
export function nameModelColumns(head: HTMLElement, current?: string, second?: string): void {
  const set = (cls: string, name: string | undefined) => {
    const cell = head.querySelector<HTMLElement>(`.${cls}`);
    if (!cell) return;
    cell.textContent = name ?? 'Model';
    cell.title = name ? `Verdict of ${name}` : '';
  };
  set('run-a', current);
  set('run-b', second);
}

export class PairList {
  readonly el: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly empty: HTMLElement;
  private pool: HTMLElement[] = [];
  private cache = new RowCache(PAGE);
  private filter: RowFilter = {};
  private key = filterKey({});
  private total = 0;
  private done = false;
  private known = false;
  private firstRowsShown = false;
  private frame = 0;
  /** The runs' names, for the verdict chips' tooltips. */
  runNames: { current?: string; second?: string } = {};
  /** Pages on their way, so callers wait for the one request; and a counter bumped when records change. */
  private readonly pages = new Map<number, Promise<void>>();
  private generation = 0;
  /** Selected position in the view and the record it holds (-1 until rows arrive). */
  selectedPos = 0;
  selectedIndex = -1;

  constructor(
    private readonly host: HostApi,
    private readonly events: PairListEvents,
  ) {
    this.el = el('div', 'pair-list');
    this.el.dataset.testid = 'pair-list';
    this.el.setAttribute('role', 'listbox');
    this.el.setAttribute('aria-label', 'Preference pairs');
    this.el.setAttribute('aria-activedescendant', 'selected-row');
    this.el.tabIndex = 0;
    this.spacer = el('div', 'pair-list-spacer');
    this.layer = el('div', 'pair-list-rows');
    this.empty = el('div', 'pair-list-empty');
    this.el.append(this.spacer, this.layer, this.empty);
    this.el.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.el);
    this.layer.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.pair-row');
      if (row?.dataset.pos) this.select(Number(row.dataset.pos));
    });
    this.layer.addEventListener('dblclick', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.pair-row');
      if (row?.dataset.index) this.events.onOpen(Number(row.dataset.index));
    });
  }

  get viewKey(): string {
    return this.key;
  }

  get count(): number {
    return this.total;
  }

  /** Shows a new filter's rows; keeps `selectPos` (restored state) when given. */
  setFilter(filter: RowFilter, selectPos = 0, scrollTop?: number): void {
    this.filter = filter;
    this.key = filterKey(filter);
    this.cache.clear();
    this.known = false;
    this.total = 0;
    this.selectedPos = selectPos;
    this.selectedIndex = -1;
    this.el.scrollTop = scrollTop ?? scrollTopFor(selectPos - 3, this.geometry());
    void this.fetch(Math.floor(selectPos / PAGE)).then(() => {
      if (scrollTop !== undefined) this.el.scrollTop = scrollTop;
      this.reveal();
      this.schedule();
    });
  }

  /** The host's view grew or finished (streaming index or filter scan). */
  viewChanged(key: string, total: number, done: boolean): void {
    if (key !== this.key) return;
    const grew = total !== this.total;
    this.total = total;
    this.done = done;
    this.known = true;
    if (grew) this.cache.dropPartial();
    this.events.onTotal?.(total, done);
    this.schedule();
  }

  /** Records changed on the host: refetch what is on screen. */
  invalidate(): void {
    this.cache.clear();
    this.pages.clear();
    this.generation++;
    this.schedule();
  }

  select(pos: number, reveal = true): void {
    if (this.total === 0) return;
    this.selectedPos = Math.max(0, Math.min(this.total - 1, pos));
    const row = this.cache.row(this.selectedPos);
    this.selectedIndex = row?.index ?? -1;
    if (reveal) this.reveal();
    this.schedule();
    if (row) this.events.onSelect(row.index);
    // Retry only once the page is really there: a page still on its way must not spin select() in a microtask loop.
    else
      void this.fetch(Math.floor(this.selectedPos / PAGE)).then(
        () => this.cache.row(this.selectedPos) && this.select(this.selectedPos, false),
      );
  }

  move(delta: number): void {
    this.select(this.selectedPos + delta);
  }

  /** The record at the selected position, fetching its page if needed. */
  async selectedRecord(): Promise<number> {
    if (this.selectedIndex >= 0) return this.selectedIndex;
    await this.fetch(Math.floor(this.selectedPos / PAGE));
    return this.cache.row(this.selectedPos)?.index ?? -1;
  }

  /** Record index at a view position relative to the selection (for j/k in the pair view). */
  async recordAt(pos: number): Promise<number | undefined> {
    if (pos < 0 || pos >= this.total) return undefined;
    // A reply dropped because records changed meanwhile is fetched again (a few tries, never a loop).
    for (let tries = 0; tries < 3 && !this.cache.row(pos); tries++) await this.fetch(Math.floor(pos / PAGE));
    return this.cache.row(pos)?.index;
  }

  get scrollTop(): number {
    return this.el.scrollTop;
  }

  focus(): void {
    this.el.focus({ preventScroll: true });
  }

  private reveal(): void {
    const top = scrollToReveal(this.selectedPos, this.el.scrollTop, this.geometry());
    if (top !== undefined) this.el.scrollTop = top;
  }

  private geometry(): ListGeometry {
    return { viewportHeight: this.el.clientHeight, rowHeight: ROW_HEIGHT, total: this.total };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Resolves when `page` is cached or its fetch failed; a page already on its way is waited for, not refetched. */
  private fetch(page: number): Promise<void> {
    const pending = this.pages.get(page);
    if (pending) return pending;
    if (!this.cache.claim(page)) return Promise.resolve();
    const p = this.fetchPage(page).finally(() => {
      if (this.pages.get(page) === p) this.pages.delete(page);
    });
    this.pages.set(page, p);
    return p;
  }

  private async fetchPage(page: number): Promise<void> {
    const key = this.key;
    const generation = this.generation;
    try {
      const reply = await this.host.request({
        type: MessageType.GetRows,
        start: page * PAGE,
        count: PAGE,
        filter: this.filter,
      });
      // A reply for another filter, or one read before the records changed (an edit, undo, reload), is dropped.
      if (reply.viewKey !== this.key || key !== this.key || generation !== this.generation) {
        this.cache.release(page);
        return;
      }
      this.cache.put(page, reply.rows);
      // The view may have grown (ViewChanged) while this page was on its way: render() refetches a short page.
      this.total = Math.max(this.known ? this.total : 0, reply.total);
      this.done = reply.done;
      this.known = true;
      this.events.onTotal?.(this.total, this.done);
      if (this.selectedIndex < 0) {
        const row = this.cache.row(this.selectedPos);
        if (row) {
          this.selectedIndex = row.index;
          this.events.onSelect(row.index);
        }
      }
      this.schedule();
    } catch {
      this.cache.release(page);
    }
  }

  private render(): void {
    const g = this.geometry();
    const scrollTop = this.el.scrollTop;
    this.spacer.style.height = `${contentHeight(g)}px`;
    const win = visibleWindow({ ...g, scrollTop, overscan: OVERSCAN });
    for (const p of pagesFor(win, PAGE)) {
      if (this.cache.has(p, Math.min(PAGE, this.total - p * PAGE))) this.cache.touch(p);
      else void this.fetch(p);
    }
    const n = win.end - win.start;
    while (this.pool.length < n) {
      const r = el('div', 'pair-row');
      r.setAttribute('role', 'option');
      this.pool.push(r);
      this.layer.append(r);
    }
    let firstFilled = false;
    this.pool.forEach((r, i) => {
      const pos = win.start + i;
      if (i >= n) {
        r.hidden = true;
        return;
      }
      r.hidden = false;
      const row = this.cache.row(pos);
      // `top`, not a transform: transforms are float32 (2 px steps past 16M px); layout offsets are exact to 1/64 px.
      r.style.top = `${rowTop(pos, scrollTop, g).toFixed(2)}px`;
      this.fill(r, pos, row);
      if (row) firstFilled = true;
    });
    this.empty.hidden = !(this.known && this.total === 0);
    this.empty.textContent = this.done ? 'No pairs match.' : 'Searching…';
    if (!this.firstRowsShown && (firstFilled || (this.known && this.total === 0))) {
      this.firstRowsShown = true;
      this.events.onFirstRows();
    }
  }

  private fill(r: HTMLElement, pos: number, row: RowView | undefined): void {
    const selected = pos === this.selectedPos;
    const sig = row ? `${pos}|${selected}|${JSON.stringify(row)}` : `${pos}|${selected}|loading`;
    if (r.dataset.sig === sig) return;
    r.dataset.sig = sig;
    r.dataset.pos = String(pos);
    r.setAttribute('aria-selected', String(selected));
    r.id = selected ? 'selected-row' : '';
    r.replaceChildren();
    r.classList.toggle('error-row', !!row?.error);
    r.classList.toggle('loading', !row);
    r.classList.toggle('edited', !!row?.edited);
    r.classList.toggle('changed', !!row?.changed);
    if (!row) {
      delete r.dataset.index;
      r.append(el('span', 'cell num', String(pos + 1)), el('span', 'cell muted', '…'));
      return;
    }
    r.dataset.index = String(row.index);
    const num = el('span', 'cell num');
    if (row.edited) num.append(editedMark());
    else if (row.changed) num.append(changedMark());
    num.append(String(row.index + 1));
    r.append(num);
    if (row.error) {
      const msg = el('span', 'cell error-message');
      msg.append(icon('error'), el('span', 'ellipsis', row.error));
      msg.title = row.error;
      r.append(msg);
      return;
    }
    const id = el('span', 'cell id', row.id);
    id.title = `${row.id} (line ${row.line})`;
    const prompt = el('span', 'cell prompt', row.prompt ?? '');
    prompt.title = row.prompt ?? '';
    r.append(id, prompt, el('span', 'cell task', row.task ?? ''));
    const mods = el('span', 'cell mods');
    mods.append(modalityBadges(row.inputs, row.outputs));
    const label = el('span', 'cell label');
    label.append(labelChip(row.label));
    const names = this.runNames;
    const verdict = el('span', 'cell verdict');
    if (row.stale) {
      // The pair changed after the run scored it: its old verdict would be wrong, so none is shown.
      const stale = el('span', 'stale-mark', 'stale');
      stale.dataset.testid = 'stale';
      stale.title = 'this pair changed after the run scored it: score the file again for a verdict';
      verdict.append(stale);
    }
    if (row.verdict) {
      const chip = labelChip(row.verdict, 'verdict-chip');
      chip.title = `${names.current ?? 'the model'}: ${row.verdict}`;
      verdict.append(chip);
      if (row.agrees === false)
        verdict.append(icon('warning', `${names.current ?? 'the model'} disagrees with the human label`));
    } else if (row.runError) {
      // A pair the model could not score says why, instead of a blank cell.
      const why = el('span', 'run-error', 'not scored');
      verdict.title = `${names.current ?? 'the model'} could not score this pair: ${row.runError}`;
      verdict.append(icon('circle-slash'), why);
    }
    // analysis: disagreement mark on the row, the comparison run's verdict, flips, P(opposite label)
    r.classList.toggle('disagree', row.agrees === false);
    const second = el('span', 'cell verdict verdict-b-col');
    if (row.secondVerdict) {
      const b = labelChip(row.secondVerdict, 'verdict-chip verdict-b');
      b.title = `${names.second ?? 'comparison run'}: ${row.secondVerdict}${row.secondAgrees === false ? ' (disagrees with the human label)' : ''}`;
      second.append(b);
      if (row.flip)
        second.append(
          icon(
            row.flip === 'onlyA' ? 'arrow-left' : 'arrow-right',
            row.flip === 'onlyA'
              ? `only ${names.current ?? 'the current run'} is right`
              : `only ${names.second ?? 'the comparison run'} is right`,
          ),
        );
    }
    if (row.pOpposite !== undefined)
      verdict.title = `${names.current ?? 'the model'} gives the other label P = ${row.pOpposite.toFixed(3)}`;
    const margin = el('span', 'cell margin', signedMargin(row.margin));
    r.append(mods, label, verdict, second, margin);
  }
}
