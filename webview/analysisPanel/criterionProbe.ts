// The criterion probe in the pair view: type a criterion and the current model rescores this pair (debounced,
// on the host's worker pool); shows old and new scores, the margin change, whether the verdict flipped, and
// the criteria tried on this pair. Nothing changes in the file unless "Apply to file" (an undoable edit).
import { ProbeHistory, probeSummary } from '../../src/core/analysis/probeHistory';
import {
  MessageType,
  type EditResponseMessage,
  type PairView,
  type ProbeResponseMessage,
  type ProbeScores,
} from '../../src/protocol';
import type { HostApi } from '../hostApi';
import { signedMargin } from '../../src/core/format';
import { el, icon, labelChip } from '../components/badges';
import { isWorkbenchKey } from '../annotation';

const history = new ProbeHistory();
/** What was typed per pair: the pair view is redrawn when records or runs change, the probe carries on. */
const drafts = new Map<number, string>();

export function criterionProbe(
  host: HostApi,
  pair: PairView,
  apply: ((text: string) => Promise<EditResponseMessage>) | undefined,
): HTMLElement {
  const box = el('section', 'pair-section criterion-probe');
  box.dataset.testid = 'probe';
  box.append(el('h3', 'section-title', 'Probe the criterion'));
  const area = el('textarea', 'criterion-input probe-input');
  area.dataset.testid = 'probe-input';
  // Empty, so the placeholder is true and what the user types is the whole criterion (the file's is shown above).
  area.value = '';
  area.rows = 2;
  area.setAttribute('aria-label', 'Criterion to probe (does not change the file)');
  area.placeholder = pair.criterion
    ? 'Type another criterion: the current model rescores this pair as you type'
    : 'Type a criterion: the current model rescores this pair as you type';
  const result = el('div', 'probe-result');
  result.dataset.testid = 'probe-result';
  const bar = el('div', 'criterion-bar');
  const applyBtn = el('button', 'annotation-button', 'Apply to file');
  applyBtn.type = 'button';
  applyBtn.dataset.testid = 'probe-apply';
  applyBtn.title = 'Write this criterion into the file (one undoable edit)';
  applyBtn.disabled = true;
  const note = el('span', 'muted', 'Probing changes nothing in the file.');
  bar.append(applyBtn, note);
  const tried = el('ol', 'probe-history');
  tried.dataset.testid = 'probe-history';
  box.append(area, bar, result, tried);

  let timer = 0;
  let ticket = 0;
  const drawHistory = () => {
    tried.replaceChildren();
    for (const t of history.get(pair.index)) {
      const li = el('li');
      const c = el('button', 'probe-history-item', t.criterion || '(no criterion)');
      c.type = 'button';
      c.title = 'Probe this criterion again';
      c.addEventListener('click', () => {
        area.value = t.criterion;
        void run();
      });
      li.append(c, el('span', 'muted', ` ${signedMargin(t.margin)}${t.flipped ? ' · flipped' : ''}`));
      tried.append(li);
    }
  };
  const run = async () => {
    const criterion = area.value;
    drafts.set(pair.index, criterion);
    if (!criterion.trim()) {
      ticket++;
      applyBtn.disabled = true;
      delete result.dataset.state;
      result.replaceChildren();
      return;
    }
    applyBtn.disabled = !apply || criterion === (pair.criterion ?? '');
    const mine = ++ticket;
    result.dataset.state = 'scoring';
    result.replaceChildren(el('span', 'muted', 'Scoring…'));
    let reply: ProbeResponseMessage;
    try {
      reply = await host.request({ type: MessageType.ProbeCriterion, index: pair.index, criterion });
    } catch (e) {
      if (mine !== ticket) return;
      result.dataset.state = 'error';
      result.replaceChildren(el('span', 'error-message', e instanceof Error ? e.message : String(e)));
      return;
    }
    if (mine !== ticket || 'superseded' in reply) return;
    result.replaceChildren();
    if (!reply.ok) {
      result.dataset.state = 'message';
      result.append(el('span', 'muted', reply.message));
      return;
    }
    const scored = (p: ProbeScores) => (p.ok ? p : undefined);
    const s = probeSummary(scored(reply.before), scored(reply.after));
    result.dataset.state = s.delta === 0 ? 'no-change' : s.flipped ? 'flipped' : 'changed';
    result.append(scoresTable(reply.model, reply.before, reply.after));
    const summary = el('div', `probe-summary${s.flipped ? ' flipped' : ''}`);
    summary.dataset.testid = 'probe-summary';
    summary.append(
      icon(s.delta === 0 ? 'circle-slash' : s.flipped ? 'arrow-swap' : 'arrow-both'),
      document.createTextNode(` ${s.text}`),
    );
    result.append(summary);
    history.add(pair.index, {
      criterion,
      margin: scored(reply.after)?.margin,
      verdict: scored(reply.after)?.verdict,
      flipped: s.flipped,
    });
    drawHistory();
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 500);
  });
  // Keys typed here stay here (j/k, label keys, Escape belong to the editor elsewhere); VS Code's own keys
  // (Ctrl/Meta/Alt chords, F1…) go on to the workbench.
  area.addEventListener('keydown', (e) => {
    if (isWorkbenchKey(e)) return;
    e.stopPropagation();
    if (e.key === 'Escape') area.blur(); // a second Escape then leaves the pair view
  });
  applyBtn.addEventListener('click', async () => {
    if (!apply) return;
    applyBtn.disabled = true;
    const r = await apply(area.value);
    note.textContent = r.ok ? 'Applied: one undoable edit (Ctrl+Z undoes it).' : r.message;
  });
  drawHistory();
  const draft = drafts.get(pair.index);
  if (draft !== undefined && draft.trim() && draft !== (pair.criterion ?? '')) {
    area.value = draft;
    void run();
  }
  return box;
}

function scoresTable(model: string, before: ProbeScores, after: ProbeScores): HTMLElement {
  const t = el('table', 'scores-table probe-table');
  const head = el('tr');
  for (const h of [model, 'Score A', 'Score B', 'Margin', 'Verdict']) head.append(el('th', undefined, h));
  t.append(head);
  for (const [name, s] of [
    ['file criterion', before],
    ['probe', after],
  ] as const) {
    const tr = el('tr');
    tr.append(el('td', 'run-name', name));
    if (!s.ok) {
      const td = el('td', 'error-message', s.message);
      td.colSpan = 4;
      tr.append(td);
    } else {
      tr.append(
        el('td', 'num', s.scoreA.toFixed(3)),
        el('td', 'num', s.scoreB.toFixed(3)),
        el('td', 'num', signedMargin(s.margin)),
      );
      const v = el('td');
      v.append(labelChip(s.verdict, 'verdict-chip'));
      tr.append(v);
    }
    t.append(tr);
  }
  return t;
}
