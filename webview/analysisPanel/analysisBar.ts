// The list's analysis controls under the header: quick filters (disagreements, confident errors, predicted
// ties, label-noise candidates, flips), modality, sorts, the filter expression (syntax errors shown inline
// with their column, checked here before the host sees it) and the Dashboard / Compare buttons.
import { compileFilter, FilterSyntaxError } from '../../src/core/analysis/filterExpression';
import { ROW_FIELDS, type AnalysisFilter } from '../../src/core/analysis/rowFacts';
import { pct } from '../../src/core/format';
import type { AnalysisStateMessage, RowFilter } from '../../src/protocol';
import { el, icon } from '../components/badges';
import { select, type Select } from '../components/select';

export interface AnalysisBarEvents {
  onFilter(change: Partial<RowFilter>): void;
  onShow(view: 'dashboard' | 'comparison'): void;
}

const SHOW: [string, string][] = [
  ['', 'All pairs'],
  ['disagreements', 'Disagreements'],
  ['confidentErrors', 'Confident errors'],
  ['predictedTies', 'Predicted ties'],
  ['noise', 'Label-noise candidates'],
  ['flips', 'Flips first (A/B runs)'],
];
const SORT: [string, string][] = [
  ['', 'File order'],
  ['margin', 'Margin (most B first)'],
  ['confidence', 'Confidence (surest first)'],
  ['lengthDiff', 'Length difference (largest first)'],
];
const MODALITY: [string, string][] = [
  ['', 'All outputs'],
  ['text', 'text'],
  ['image', 'image'],
  ['video', 'video'],
  ['audio', 'audio'],
  ['3d', '3D'],
];

/** Checks an expression: undefined when it parses, else the message (with its column). */
export function expressionError(expr: string): { message: string; column: number } | undefined {
  try {
    compileFilter(expr, ROW_FIELDS);
    return undefined;
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { message: e.message, column: e.column };
    return { message: e instanceof Error ? e.message : String(e), column: 1 };
  }
}

export class AnalysisBar {
  readonly el: HTMLElement;
  private readonly show: Select;
  private readonly sort: Select;
  private readonly modality: Select;
  private readonly expr: HTMLElement & { value: string; invalid?: boolean };
  private readonly exprError = el('div', 'rl-expr-error');
  private readonly runs = el('span', 'rl-run-names muted');
  private readonly accuracy = el('span', 'rl-list-accuracy');
  private readonly compare: HTMLElement;
  private debounce = 0;
  /** The expression the list uses: a blur's change event must not re-apply it (that would leave the pair view). */
  private applied = '';

  /** The list's filter as last applied (a control that re-fires its value must not reapply it: that leaves the pair view). */
  private current: RowFilter = {};

  private emit(change: Partial<RowFilter>): void {
    const same = (Object.keys(change) as (keyof RowFilter)[]).every(
      (k) => (change[k] ?? '') === (this.current[k] ?? ''),
    );
    if (!same) this.events.onFilter(change);
  }

  constructor(private readonly events: AnalysisBarEvents) {
    this.el = el('div', 'analysis-bar');
    this.el.dataset.testid = 'analysis-bar';
    this.show = select('analysis-show', 'Show', SHOW);
    this.show.addEventListener('change', () => {
      const show = (this.show.value || undefined) as AnalysisFilter['show'];
      this.emit({ show, flipDirection: undefined });
    });
    this.modality = select('modality-filter', 'Output modality', MODALITY);
    this.modality.addEventListener('change', () => this.emit({ modality: this.modality.value || undefined }));
    this.sort = select('analysis-sort', 'Sort', SORT);
    this.sort.addEventListener('change', () =>
      this.emit({ sort: (this.sort.value || undefined) as AnalysisFilter['sort'] }),
    );

    this.expr = document.createElement('vscode-textfield');
    this.expr.dataset.testid = 'filter-expression';
    this.expr.setAttribute(
      'placeholder',
      'Filter: task == "T2I" and margin < -2   (fields: ' + ROW_FIELDS.slice(0, 11).join(', ') + ', …)',
    );
    this.expr.setAttribute('aria-label', 'Filter expression');
    this.expr.title = `Fields: ${ROW_FIELDS.join(', ')}. Operators: == != < <= > >= ~ (contains), and, or, not, abs(), len(), lower().`;
    const fx = icon('filter');
    fx.slot = 'content-before';
    this.expr.append(fx);
    this.exprError.dataset.testid = 'filter-expression-error';
    this.exprError.hidden = true;
    this.expr.addEventListener('input', () => {
      clearTimeout(this.debounce);
      this.debounce = window.setTimeout(() => {
        this.debounce = 0;
        this.commitExpr();
      }, 400);
    });
    // Leaving the field applies a pending edit at once, so it cannot land after the user opened a pair.
    this.expr.addEventListener('focusout', () => {
      if (!this.debounce) return;
      clearTimeout(this.debounce);
      this.debounce = 0;
      this.commitExpr();
    });
    // Enter applies the expression at once and keeps the focus in the box: what is typed next is text, not keys.
    this.expr.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.isComposing) return;
      clearTimeout(this.debounce);
      this.debounce = 0;
      this.commitExpr();
    });
    this.expr.addEventListener('change', () => {
      clearTimeout(this.debounce);
      this.commitExpr();
    });

    const dashboard = button(
      'graph',
      'Dashboard',
      'Accuracy table, per-task bars, margin histogram, calibration (Reward Lens: Show Dashboard)',
      () => this.events.onShow('dashboard'),
    );
    dashboard.dataset.testid = 'show-dashboard';
    this.compare = button('diff', 'Compare', 'Compare the two chosen runs (Reward Lens: Compare Runs…)', () =>
      this.events.onShow('comparison'),
    );
    this.compare.dataset.testid = 'show-comparison';
    this.compare.hidden = true; // until a comparison run is chosen
    this.accuracy.dataset.testid = 'list-accuracy';

    const row = el('div', 'analysis-row');
    row.append(this.show, this.modality, this.sort, this.runs, this.accuracy, dashboard, this.compare);
    const exprRow = el('div', 'analysis-row');
    exprRow.append(this.expr);
    this.el.append(row, exprRow, this.exprError);
  }

  setFilter(f: RowFilter): void {
    this.current = { ...f };
    this.show.value = f.show ?? '';
    this.sort.value = f.sort ?? '';
    this.modality.value = f.modality ?? '';
    // Never rewrite the expression under the user's cursor.
    this.applied = f.expr?.trim() ?? '';
    if (!this.expr.matches(':focus-within')) {
      this.expr.value = f.expr ?? '';
      this.showError(undefined);
    }
  }

  setState(s: AnalysisStateMessage): void {
    this.el.classList.toggle('no-run', !s.current);
    this.runs.textContent = s.current
      ? s.second
        ? `${s.current.name} vs ${s.second.name}`
        : s.current.name
      : 'no run yet: Score with Model…';
    this.accuracy.textContent = s.accuracy
      ? `${pct(s.accuracy.withTies, 1, '%')} · ${pct(s.accuracy.withoutTies, 1, '%')} w/o ties`
      : '';
    this.accuracy.title = 'Accuracy on the file: with ties · without ties (mean over tasks)';
    this.compare.hidden = !s.second;
  }

  private commitExpr(): void {
    const text = this.expr.value;
    const err = expressionError(text);
    this.showError(err);
    if (err || text.trim() === this.applied) return;
    this.applied = text.trim();
    this.emit({ expr: this.applied ? text : undefined });
  }

  private showError(err: { message: string; column: number } | undefined): void {
    this.exprError.hidden = !err;
    this.expr.invalid = !!err;
    this.exprError.replaceChildren();
    if (!err) return;
    const text = this.expr.value;
    const caret = el('pre', 'rl-expr-caret', `${text}\n${' '.repeat(Math.max(0, err.column - 1))}^`);
    this.exprError.append(icon('error'), el('span', undefined, err.message), caret);
  }
}

function button(iconName: string, text: string, title: string, onClick: () => void): HTMLElement {
  const b = el('button', 'analysis-button');
  b.type = 'button';
  b.title = title;
  b.append(icon(iconName), document.createTextNode(text));
  b.addEventListener('click', onClick);
  return b;
}
