// The analysis views on realistic generated data, outside VS Code: ?view=dashboard|comparison|sweep|sweep-blind
// &theme=dark|light|hc &scale=40 (×40 pairs, to try the scatter on ~150K). Callbacks are logged at the corner
// and kept in window.rlEvents for the screenshot script.
import '@vscode/codicons/dist/codicon.css';
import '../analysis.css';
import './demo.css';
import { THEMES } from '../../dev/themes';
import { renderComparison, renderDashboard, renderSweep } from '../index';
import { demoData, demoSweep } from './demoData';

declare global {
  interface Window {
    rlEvents: unknown[];
    rlTheme(name: string): void;
    rlReady?: boolean;
    rlTimings: Record<string, number>;
    /** Calls the view's update() with other data (swapped runs), to check views redraw in place. */
    rlUpdate?: () => void;
  }
}

// High Contrast Light is not among the editor dev page's themes: its main colours, over Light Modern.
const HC_LIGHT = {
  bodyClass: 'vscode-high-contrast-light',
  vars: {
    ...THEMES.light.vars,
    'editor-background': '#ffffff',
    foreground: '#292929',
    descriptionForeground: '#292929e6',
    focusBorder: '#006bbd',
    contrastBorder: '#0f4a85',
    contrastActiveBorder: '#006bbd',
    'panel-border': '#0f4a85',
    'editorWidget-border': '#0f4a85',
    'badge-background': '#0f4a85',
    'badge-foreground': '#ffffff',
    'charts-blue': '#0f4a85',
    'charts-orange': '#b5200d',
    'charts-purple': '#652d90',
    'charts-green': '#374e06',
  },
};

function applyTheme(name: string): void {
  const theme = name === 'hcl' ? HC_LIGHT : (THEMES[name] ?? THEMES.dark);
  const style = document.documentElement.style;
  for (const k of [...style]) if (k.startsWith('--vscode-')) style.removeProperty(k);
  for (const [k, v] of Object.entries(theme.vars)) style.setProperty(`--vscode-${k}`, v);
  document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
  document.body.classList.add(theme.bodyClass);
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  applyTheme(q.get('theme') ?? 'dark');
  window.rlTheme = applyTheme;
  window.rlEvents = [];
  window.rlTimings = {};
  const log = document.createElement('div');
  log.className = 'demo-log';
  document.body.append(log);
  const event = (name: string, detail: unknown) => {
    window.rlEvents.push({ name, detail });
    log.textContent = `${name}: ${JSON.stringify(detail).slice(0, 120)}`;
  };
  const root = document.getElementById('demo')!;
  const scale = Number(q.get('scale') ?? 1);
  let t0 = performance.now();
  const d = demoData(scale);
  window.rlTimings.generate = performance.now() - t0;
  const view = q.get('view') ?? 'dashboard';
  // &long=1: the long model names real runs carry.
  const long = q.get('long') === '1';
  const nameA = long ? 'Skywork/Skywork-Reward-Llama-3.1-8B-v0.2 (int8)' : 'default (bag-of-tokens)';
  const nameB = long ? 'internlm/internlm2-1_8b-reward-onnx-fp16' : 'Skywork-RM-1B';
  t0 = performance.now();
  if (view === 'dashboard') {
    // &empty=1: nothing scored yet (a run just started).
    const judged = q.get('empty') === '1' ? d.model.map(({ margin: _m, failed: _f, ...rest }) => rest) : d.model;
    const dash = renderDashboard(
      root,
      {
        run: { name: nameA, judged },
        baseline:
          q.get('baseline') === '0' ? undefined : { name: 'length baseline', judged: d.baseline, bradleyTerry: false },
        title: 'omni-rewardbench.jsonl',
      },
      {
        onExport: (r) =>
          event('export', { what: r.what, format: r.format, fileName: r.fileName, chars: r.text.length }),
        onEpsilonChange: (c, t) => event('epsilon', { choice: c, overall: t.overall, at: performance.now() }),
        onTask: (t) => event('task', t),
      },
    );
    window.rlUpdate = () =>
      dash.update({
        run: { name: 'length baseline', judged: d.baseline, bradleyTerry: false },
        title: 'omni-rewardbench.jsonl',
      });
  } else if (view === 'comparison') {
    const cmp = renderComparison(
      root,
      { pairs: d.paired, nameA, nameB, ids: d.ids, title: 'omni-rewardbench.jsonl' },
      {
        onExport: (r) =>
          event('export', { what: r.what, format: r.format, fileName: r.fileName, chars: r.text.length }),
        onShowPairs: (indices, why) => event('showPairs', { n: indices.length, first: indices.slice(0, 5), why }),
        onOpenPair: (i) => event('openPair', i),
      },
    );
    window.rlUpdate = () =>
      cmp.update({
        pairs: d.paired.map((p) => ({ ...p, a: p.b, b: p.a })),
        nameA: 'Skywork-RM-1B',
        nameB: 'default (bag-of-tokens)',
        ids: d.ids,
      });
  } else {
    const sweep = await demoSweep(d, view !== 'sweep-blind');
    const sw = renderSweep(
      root,
      {
        variants: sweep.variants,
        cells: sweep.cells,
        modelName: view === 'sweep-blind' ? 'default (bag-of-tokens)' : 'Skywork-RM-1B',
        slice: 'every 6th pair (600 pairs)',
      },
      {
        onExport: (r) => event('export', { what: r.what, format: r.format, chars: r.text.length }),
      },
    );
    const blind = await demoSweep(d, false);
    window.rlUpdate = () =>
      sw.update({ variants: blind.variants, cells: blind.cells, modelName: 'default (bag-of-tokens)' });
  }
  window.rlTimings.render = performance.now() - t0;
  // Two frames: Chart.js draws on the first resize observation.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.rlTimings.firstPaint = performance.now() - t0;
  document.body.dataset.ready = 'true';
}

main().catch((e: unknown) => {
  document.body.textContent = `demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  document.body.dataset.ready = 'error';
});
