// The header: what the file is (format, counts, labels), the filters, and the index progress while it builds.
import type { HeaderStats, IndexProgress, RowFilter } from '../src/protocol';
import type { Label } from '../src/core/dataset/types';
import { el, icon } from './components/badges';
import { option, select, type Select } from './components/select';

export interface HeaderEvents {
  onFilter(filter: RowFilter): void;
}

const LABELS: Label[] = ['A', 'B', 'tie', 'none'];

type Checkbox = HTMLElement & { checked: boolean };

export class Header {
  readonly el: HTMLElement;
  private readonly format = el('span', 'format');
  private readonly records = el('span', 'count');
  private readonly errors = el('span', 'count');
  private readonly labels = el('span', 'label-counts');
  private readonly shown = el('span', 'shown muted');
  private readonly progress = el('div', 'index-progress');
  private readonly progressText = el('span', 'index-progress-text');
  private readonly search: HTMLElement & { value: string };
  private readonly task: Select;
  private readonly label: Select;
  private readonly errorsOnly: Checkbox;
  private taskKeys = '';
  private filter: RowFilter = {};
  private debounce = 0;

  constructor(private readonly events: HeaderEvents) {
    this.el = el('header', 'app-header');
    this.format.dataset.testid = 'format';
    this.records.dataset.testid = 'record-count';
    this.errors.dataset.testid = 'error-count';
    this.labels.dataset.testid = 'label-counts';
    this.progress.dataset.testid = 'index-progress';

    const facts = el('div', 'facts');
    const recs = el('span', 'fact');
    recs.append(this.records, el('span', 'muted', ' records'));
    const errs = el('span', 'fact errors-fact');
    errs.append(icon('error'), this.errors, el('span', 'muted', ' errors'));
    facts.append(this.format, recs, errs, this.labels, this.shown);

    const bar = document.createElement('vscode-progress-bar');
    bar.setAttribute('indeterminate', '');
    this.progress.append(bar, this.progressText);
    this.progress.hidden = true;

    this.search = document.createElement('vscode-textfield');
    this.search.dataset.testid = 'search';
    this.search.setAttribute('placeholder', 'Search id, prompt, responses, criterion  (/)');
    this.search.setAttribute('aria-label', 'Search');
    const searchIcon = icon('search');
    searchIcon.slot = 'content-before';
    this.search.append(searchIcon);
    this.search.addEventListener('input', () => {
      clearTimeout(this.debounce);
      this.debounce = window.setTimeout(() => this.update({ text: this.search.value || undefined }), 250);
    });
    // Enter applies the search at once and leaves the focus in the box (what is typed next is text, not keys).
    this.search.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.isComposing) return;
      clearTimeout(this.debounce);
      if ((this.filter.text ?? '') !== this.search.value) this.update({ text: this.search.value || undefined });
    });
    this.search.addEventListener('change', () => {
      clearTimeout(this.debounce);
      this.update({ text: this.search.value || undefined });
    });

    this.task = select('task-filter', 'Task', [['', 'All tasks']]);
    this.task.addEventListener('change', () => this.update({ task: this.task.value || undefined }));
    this.label = select('label-filter', 'Human label', [
      ['', 'All labels'],
      ...LABELS.map((l): [string, string] => [l, l === 'none' ? 'unlabelled' : l === 'tie' ? 'tie' : `${l} better`]),
    ]);
    this.label.addEventListener('change', () =>
      this.update({ label: (this.label.value || undefined) as Label | undefined }),
    );
    this.errorsOnly = document.createElement('vscode-checkbox');
    this.errorsOnly.dataset.testid = 'errors-only';
    this.errorsOnly.setAttribute('label', 'Errors only');
    this.errorsOnly.addEventListener('change', () => this.update({ errorsOnly: this.errorsOnly.checked || undefined }));

    const filters = el('div', 'filters');
    filters.append(this.search, this.task, this.label, this.errorsOnly);
    this.el.append(facts, filters, this.progress);
  }

  /** Restores the controls from saved state without firing a filter change. */
  setFilter(f: RowFilter): void {
    this.filter = { ...f };
    this.search.value = f.text ?? '';
    this.label.value = f.label ?? '';
    this.errorsOnly.checked = !!f.errorsOnly;
    this.pendingTask = f.task ?? '';
    this.task.value = this.pendingTask;
  }
  private pendingTask = '';

  focusSearch(): void {
    this.search.focus();
  }

  toggleErrorsOnly(): void {
    this.errorsOnly.checked = !this.errorsOnly.checked;
    this.update({ errorsOnly: this.errorsOnly.checked || undefined });
  }

  setStats(s: HeaderStats): void {
    this.format.textContent = s.formatName || s.format || 'Unknown format';
    this.format.title = s.format;
    this.records.textContent = String(s.records);
    this.errors.textContent = String(s.errors);
    this.errors.parentElement?.classList.toggle('has-errors', s.errors > 0);
    this.labels.replaceChildren();
    for (const l of LABELS) {
      if (l === 'none' && s.labels.none === 0) continue;
      const c = el('span', `label-count label-${l}`);
      c.append(el('span', 'label-chip label-' + l, l), document.createTextNode(` ${s.labels[l]}`));
      this.labels.append(c);
    }
    if (!s.complete) this.labels.append(el('span', 'muted counting', 'counting…'));
    const tasks = Object.keys(s.tasks).sort();
    const keys = tasks.join('|');
    if (keys !== this.taskKeys) {
      this.taskKeys = keys;
      const current = this.task.value || this.pendingTask;
      this.task.replaceChildren(option('', 'All tasks'), ...tasks.map((t) => option(t, t)));
      this.task.value = current;
    }
    for (const opt of this.task.querySelectorAll<HTMLElement>('vscode-option')) {
      const t = opt.getAttribute('value') ?? '';
      if (t) opt.setAttribute('description', `${s.tasks[t] ?? 0} pairs`);
    }
  }

  setProgress(p: IndexProgress): void {
    this.progress.hidden = p.done;
    const pct = p.total > 0 ? Math.floor((100 * p.bytes) / p.total) : 0;
    this.progressText.textContent = `Indexing… ${pct}% · ${p.records.toLocaleString()} records so far`;
  }

  /** "showing N of M" while a filter is active, with the scan's progress. */
  setShown(total: number, done: boolean, active: boolean): void {
    this.shown.textContent = active
      ? `${done ? '' : '≥ '}${total.toLocaleString()} shown${done ? '' : ' (searching…)'}`
      : '';
  }

  /** Merges a change into the filter and applies it (the analysis bar uses it too). */
  update(change: Partial<RowFilter>): void {
    const next: RowFilter = { ...this.filter, ...change };
    for (const k of Object.keys(next) as (keyof RowFilter)[]) if (next[k] === undefined) delete next[k];
    this.filter = next;
    this.events.onFilter(next);
  }
}
