// The pair view: prompt with its media, criterion, human label, run scores, and responses A and B side by side.
import type { Label } from '../../src/core/dataset/types';
import type { ErrorView, MediaView, PairView, PartView, RecordView, ResponseView, ScoreView } from '../../src/protocol';
import { signedMargin } from '../../src/core/format';
import { el, icon, labelChip } from '../components/badges';
import { chatBlock, textBlock } from '../text/textView';
import { renderMedia, renderMediaPair, type Disposable } from './mediaSlot';
import { criterionEditor, labelButtons } from '../annotation';

export interface PairViewEvents {
  onBack(): void;
  onStep(delta: number): void;
  /** Annotation: a label button, and the criterion editor's commit (absent = read-only). */
  onLabel?: (index: number, label: Label) => void;
  onCommitCriterion?: (index: number, text: string) => Promise<{ ok: boolean; message?: string }>;
  /** Analysis: the criterion probe, added under the criterion. */
  afterCriterion?(pair: PairView, top: HTMLElement): void;
}

const LABEL_WORDS: Record<Label, string> = { A: 'A is better', B: 'B is better', tie: 'tie', none: 'unlabelled' };

export class PairViewPanel {
  readonly el: HTMLElement;
  private handles: Disposable[] = [];
  private where?: HTMLElement;

  constructor(private readonly events: PairViewEvents) {
    this.el = el('div', 'pair-view');
    this.el.dataset.testid = 'pair-view';
    this.el.hidden = true;
    // Focusable, so opening a pair keeps the keyboard (and the label keys the user turned on) on the pair view.
    this.el.tabIndex = -1;
  }

  /** Draws a record; `where` says "12 of 3,725" in the toolbar. */
  show(record: RecordView, where: { pos: number; total: number }): void {
    this.clear();
    const bar = this.toolbar(record, where);
    this.el.append(bar, record.kind === 'error' ? this.errorBody(record) : this.pairBody(record));
  }

  /** "Pair 12 of 3,725"; while the list is recounted (after an edit) the total is left out rather than shown as 0. */
  setWhere(pos: number, total: number, done: boolean): void {
    if (!this.where) return;
    this.where.textContent =
      total > pos
        ? `Pair ${(pos + 1).toLocaleString()} of ${done ? '' : '≥ '}${total.toLocaleString()}`
        : `Pair ${(pos + 1).toLocaleString()}`;
  }

  clear(): void {
    this.where = undefined;
    for (const h of this.handles) h.dispose();
    this.handles = [];
    this.el.replaceChildren();
  }

  private toolbar(record: RecordView, where: { pos: number; total: number }): HTMLElement {
    const bar = el('div', 'pair-toolbar');
    const back = el('vscode-toolbar-button' as 'button', 'back');
    back.setAttribute('icon', 'arrow-left');
    back.setAttribute('label', 'Back to the list (Escape)');
    back.title = 'Back to the list (Escape)';
    back.addEventListener('click', () => this.events.onBack());
    const title = el('span', 'pair-title');
    this.where = el('strong', 'pair-where');
    title.append(this.where);
    this.setWhere(where.pos, where.total, true);
    if (record.kind === 'pair') {
      title.append(el('span', 'pair-id', record.id));
      if (record.task) title.append(el('span', 'task-badge', record.task));
      if (record.subset) {
        const subset = el('span', 'muted subset', record.subset);
        subset.title = record.subset;
        title.append(subset);
      }
    }
    title.append(el('span', 'muted line', `line ${record.line}`));
    const nav = el('span', 'pair-nav');
    for (const [iconName, label, delta] of [
      ['arrow-up', 'Previous pair (k)', -1],
      ['arrow-down', 'Next pair (j)', 1],
    ] as const) {
      const b = el('vscode-toolbar-button' as 'button');
      b.setAttribute('icon', iconName);
      b.setAttribute('label', label);
      b.title = label;
      b.addEventListener('click', () => this.events.onStep(delta));
      nav.append(b);
    }
    bar.append(back, title, nav);
    return bar;
  }

  private errorBody(record: ErrorView): HTMLElement {
    const body = el('div', 'pair-error');
    const msg = el('div', 'error-message');
    msg.append(icon('error'), document.createTextNode(record.message));
    const pre = el('pre', 'error-text', record.text);
    body.append(msg, pre);
    return body;
  }

  private pairBody(pair: PairView): HTMLElement {
    const body = el('div', 'pair-body');
    const top = el('div', 'pair-top');

    const prompt = section('Prompt', 'prompt');
    this.renderParts(prompt.content, pair.prompt);
    top.append(prompt.section);

    const crit = section('Criterion', 'criterion');
    const commit = this.events.onCommitCriterion;
    criterionEditor(crit.content, pair.criterion, commit && ((text) => commit(pair.index, text)));
    top.append(crit.section);
    this.events.afterCriterion?.(pair, top);

    if (pair.edited || pair.swapped) {
      const state = el('div', 'pair-edit-state');
      state.dataset.testid = 'pair-edit-state';
      state.append(
        icon(pair.swapped ? 'arrow-swap' : 'edit'),
        el('span', undefined, pair.swapped ? "Responses swapped: the file's chosen is now B" : 'Edited'),
        el(
          'span',
          'muted',
          pair.swapped ? "· unsaved; A and B are shown in the file's order, 1 restores it" : '· unsaved',
        ),
      );
      top.append(state);
    }

    const verdicts = el('div', 'verdict-row');
    const human = el('div', 'human');
    human.append(el('span', 'field-name', 'Human label'));
    const chip = el('span', 'human-label');
    chip.dataset.testid = 'human-label';
    chip.append(labelChip(pair.label));
    human.append(
      chip,
      el(
        'span',
        'muted',
        LABEL_WORDS[pair.label] + (pair.tieKind ? ` (${pair.tieKind === 'bad' ? 'both bad' : 'both good'})` : ''),
      ),
    );
    if (pair.labelKind === 'implicit') human.append(el('span', 'muted', '· chosen/rejected format'));
    const onLabel = this.events.onLabel;
    if (onLabel) human.append(labelButtons(pair.label, pair.labelKind, (l) => onLabel(pair.index, l)));
    verdicts.append(human);
    if (pair.scores.length) verdicts.append(scoresTable(pair.scores));
    top.append(verdicts);
    if (pair.variantsNote) top.append(el('div', 'muted variants-note', pair.variantsNote));

    const responses = el('div', 'responses');
    const a = responsePane('A', pair.a, pair.label === 'A', 'response-a');
    const b = responsePane('B', pair.b, pair.label === 'B', 'response-b');
    responses.append(a.section, b.section);

    const ma = soleMedia(pair.a);
    const mb = soleMedia(pair.b);
    if (ma && mb && ma.modality === mb.modality) {
      // Same-modality media responses get the synchronised pair renderer (shared controls, compare slider).
      this.renderText(a.content, pair.a.parts);
      this.renderText(b.content, pair.b.parts);
      const slotA = el('div', 'media-slot');
      const slotB = el('div', 'media-slot');
      a.content.append(slotA);
      b.content.append(slotB);
      // One control bar (play/seek/compare) for both panes, under them.
      const bar = el('div', 'media-pair-bar');
      responses.append(bar);
      this.handles.push(renderMediaPair(slotA, slotB, ma, mb, { bar }));
    } else {
      this.renderParts(a.content, pair.a.parts);
      this.renderParts(b.content, pair.b.parts);
    }
    body.append(top, responses);
    return body;
  }

  private renderParts(container: HTMLElement, parts: PartView[]): void {
    if (parts.length === 0) container.append(el('span', 'muted', '(empty)'));
    for (const p of parts) {
      if (p.type === 'text') container.append(textBlock(p.text));
      else if (p.type === 'chat') container.append(chatBlock(p.turns));
      else {
        const slot = el('div', 'media-slot');
        container.append(slot);
        this.handles.push(renderMedia(slot, p.media));
      }
    }
  }

  private renderText(container: HTMLElement, parts: PartView[]): void {
    this.renderParts(
      container,
      parts.filter((p) => p.type !== 'media'),
    );
    if (parts.every((p) => p.type === 'media')) container.replaceChildren();
  }
}

function section(title: string, testid: string): { section: HTMLElement; content: HTMLElement } {
  const s = el('section', `pair-section section-${testid}`);
  s.append(el('h3', 'section-title', title));
  const content = el('div', 'section-content');
  content.dataset.testid = testid;
  s.append(content);
  return { section: s, content };
}

function responsePane(
  side: 'A' | 'B',
  r: ResponseView,
  preferred: boolean,
  testid: string,
): { section: HTMLElement; content: HTMLElement } {
  const s = el('section', `response${preferred ? ' preferred' : ''}`);
  const head = el('header', 'response-head');
  head.append(el('span', 'response-side', `Response ${side}`));
  if (r.model) {
    const m = el('span', 'model-name');
    m.append(icon('hubot'), document.createTextNode(r.model));
    m.title = r.model;
    head.append(m);
  }
  if (preferred) {
    const p = el('span', 'preferred-tag');
    p.append(icon('check'), document.createTextNode('human pick'));
    head.append(p);
  }
  const content = el('div', 'response-body');
  content.dataset.testid = testid;
  s.append(head, content);
  return { section: s, content };
}

function soleMedia(r: ResponseView): MediaView | undefined {
  const media = r.parts.filter((p): p is Extract<PartView, { type: 'media' }> => p.type === 'media');
  return media.length === 1 ? media[0].media : undefined;
}

function scoresTable(scores: ScoreView[]): HTMLElement {
  const wrap = el('div', 'scores');
  wrap.dataset.testid = 'scores';
  const table = el('table', 'scores-table');
  const head = el('tr');
  for (const h of ['Model', 'Score A', 'Score B', 'Margin', 'Verdict', '']) head.append(el('th', undefined, h));
  table.append(head);
  for (const s of scores) {
    const tr = el('tr');
    tr.append(el('td', 'run-name', s.run));
    if (s.kind === 'error' || s.kind === 'stale') {
      const why =
        s.kind === 'error' ? s.message : 'stale: this pair changed after the run scored it; score the file again';
      const td = el('td', s.kind === 'error' ? 'error-message' : 'muted stale-scores', why);
      if (s.kind === 'stale') td.dataset.testid = 'stale-scores';
      td.colSpan = 5;
      tr.append(td);
    } else {
      const scores = s.kind === 'scores' ? s : undefined;
      tr.append(
        el('td', 'num', fmt(scores?.scoreA)),
        el('td', 'num', fmt(scores?.scoreB)),
        el('td', 'num', signedMargin(scores?.margin)),
      );
      const v = el('td');
      if (s.verdict) v.append(labelChip(s.verdict, 'verdict-chip'));
      const ok = el('td');
      if (s.agrees === true) ok.append(icon('pass', 'agrees with the human label'));
      if (s.agrees === false) ok.append(icon('warning', 'disagrees with the human label'));
      tr.append(v, ok);
    }
    table.append(tr);
  }
  wrap.append(table);
  return wrap;
}

function fmt(n: number | undefined): string {
  return n === undefined ? '' : n.toFixed(3);
}
