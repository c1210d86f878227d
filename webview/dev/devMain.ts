// The dev page's entry: the same app as in VS Code, on the mock host, in a theme chosen by ?theme=dark|light|hc.
// Query: ?file=samples/… &records=740000 &indexMs=3000 &run=1 &theme=light, or ?remote=FILE (real Dataset in the server)
import '../elements';
import '../styles.css';
import { App } from '../app';
import { mockHost } from './mockHost';
import { remoteHost } from './remoteHost';
import type { DevData } from './devData';
import { applyTheme } from './themes';

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  applyTheme(q.get('theme') ?? 'dark');
  const remote = q.get('remote');
  if (remote) {
    // ?remote=FILE: the real session over the real Dataset in the dev server (any file size).
    const root = document.getElementById('app');
    if (root) await new App(await remoteHost(remote), root).start();
    return;
  }
  const file = q.get('file') ?? 'samples/omni-rewardbench/omni-sample.jsonl';
  const res = await fetch(`/data?file=${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(await res.text());
  const data = (await res.json()) as DevData;
  const records = q.get('records');
  const host = mockHost(data, {
    records: records ? Number(records) : undefined,
    indexMs: q.get('indexMs') ? Number(q.get('indexMs')) : undefined,
    run: q.get('run') === '1',
  });
  // ?select=N&mode=pair starts with that record selected (through the same state restore as hide/show in VS Code).
  const select = q.get('select');
  if (select !== null) {
    const n = Number(select);
    const state = {
      selected: n,
      selectedPos: n,
      mode: q.get('mode') === 'pair' ? 'pair' : 'list',
      filter: {},
      scrollTop: Math.max(0, (n - 3) * 26),
    };
    sessionStorage.setItem(`reward-lens-dev-state:${data.fileName}`, JSON.stringify(state));
  }
  const root = document.getElementById('app');
  if (root) await new App(host, root).start();
}

main().catch((e: unknown) => {
  document.body.textContent = `dev page failed: ${e instanceof Error ? e.message : String(e)}`;
});
