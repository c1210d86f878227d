// What every analysis view shares: the handle it returns, the export request it raises, and small DOM builders.
// (The vscode-elements they use — toolbar button, checkbox — are registered by index.ts, as the app's elements.ts does.)
import { el } from '../components/badges';

export { el, icon } from '../components/badges';

/** Every render function returns this: update() redraws with new data in place, dispose() removes everything. */
export interface ViewHandle<D> {
  update(data: D): void;
  dispose(): void;
}

export type ExportFormat = 'markdown' | 'csv';

/** "Copy as Markdown / CSV": the text is ready (from src/core/analysis/report.ts); the host writes the clipboard or a file. */
export interface ExportRequest {
  what: 'accuracy' | 'comparison' | 'sweep';
  format: ExportFormat;
  text: string;
  /** A file name to suggest if the host saves instead of copying. */
  fileName: string;
}

/** A toolbar button with a codicon and a visible label (vscode-elements, like the pair view's toolbar). */
export function actionButton(iconName: string, text: string, title: string, onClick: () => void): HTMLElement {
  const b = document.createElement('vscode-toolbar-button');
  b.setAttribute('icon', iconName);
  b.setAttribute('label', title);
  b.title = title;
  b.className = 'rl-action';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** The "Copy as Markdown" and "Copy as CSV" pair of actions. */
export function exportActions(
  what: ExportRequest['what'],
  make: (f: ExportFormat) => { text: string; fileName: string },
  onExport?: (r: ExportRequest) => void,
): HTMLElement {
  const wrap = el('span', 'rl-actions');
  if (!onExport) return wrap;
  wrap.append(el('span', 'rl-actions-sep'));
  for (const [format, text] of [
    ['markdown', 'Markdown'],
    ['csv', 'CSV'],
  ] as const) {
    wrap.append(
      actionButton(format === 'markdown' ? 'markdown' : 'table', text, `Copy as ${text}`, () =>
        onExport({ what, format, ...make(format) }),
      ),
    );
  }
  return wrap;
}

/** A titled card holding one table or chart, with an optional caption line under the title. */
export function panel(
  cls: string,
  title: string,
): { root: HTMLElement; head: HTMLElement; body: HTMLElement; caption: HTMLElement } {
  const root = el('section', `rl-panel ${cls}`);
  const head = el('header', 'rl-panel-head');
  const h = el('h3', 'rl-panel-title', title);
  head.append(h);
  const caption = el('p', 'rl-caption');
  const body = el('div', 'rl-panel-body');
  root.append(head, body, caption);
  return { root, head, body, caption };
}
