// Peak resident memory of process trees (code-server + extension host, Chromium), read from /proc every 250 ms.
import fs from 'node:fs';

function processTable() {
  const table = new Map();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(p), { ppid: Number(f[1]), rss: Number(f[21]) * 4096 });
    } catch {
      /* exited meanwhile */
    }
  }
  return table;
}

function treeRss(table, root) {
  let sum = 0;
  const stack = [root];
  const seen = new Set();
  while (stack.length) {
    const pid = stack.pop();
    if (seen.has(pid)) continue;
    seen.add(pid);
    sum += table.get(pid)?.rss ?? 0;
    for (const [child, v] of table) if (v.ppid === pid) stack.push(child);
  }
  return sum;
}

/** `roots()` returns { name: pid }; stop() returns the peaks in MiB. */
export function startMemorySampler(roots, everyMs = 250) {
  const peak = {};
  const timer = setInterval(() => {
    const table = processTable();
    for (const [name, pid] of Object.entries(roots()))
      if (pid) peak[name] = Math.max(peak[name] ?? 0, treeRss(table, pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1048576)]));
    },
  };
}

/** Chromium is a direct child of this process (playwright spawns it): find it by elimination. */
export function childPids(exclude = []) {
  const out = [];
  for (const [pid, v] of processTable()) if (v.ppid === process.pid && !exclude.includes(pid)) out.push(pid);
  return out;
}
