// Shared by the dataset tests: temp files, index → record texts, and a tiny explicit/implicit adapter pair.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatAdapter } from '../../../src/core/dataset/formatAdapter';
import type { RecordIndex } from '../../../src/core/dataset/recordIndex';
import type { Label } from '../../../src/core/dataset/types';

import { tempDir as removedOnExit } from '../tempDir';

/** A fresh temp folder, removed at exit; `memory` puts it on /dev/shm when there is one (fsync-heavy property tests). */
export function tempDir(memory = false): string {
  return removedOnExit('rl-dataset-', { memory });
}

export function writeTemp(name: string, content: string | Buffer, dir = tempDir()): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** [line, text] of every indexed record, sliced from the file's bytes. */
export function recordsOf(index: RecordIndex, bytes: Buffer): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < index.count; i++)
    out.push([index.line(i), bytes.subarray(index.start(i), index.end(i)).toString('utf8')]);
  return out;
}

const isRec = (r: unknown): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r);
const LABELS: Record<string, Label> = { a: 'A', b: 'B', tie: 'tie' };

/** `{"q", "r1", "r2", "pref": "a"|"b"|"tie", "crit"}`: the label is a field, so every label is expressible. */
export const explicitAdapter: FormatAdapter = {
  id: 'test-explicit',
  displayName: 'Test (explicit)',
  labelKind: 'explicit',
  match: (r) => (isRec(r) && 'r1' in r && 'r2' in r ? 1 : 0),
  toPair(r, ctx) {
    if (!isRec(r) || typeof r.r1 !== 'string' || typeof r.r2 !== 'string')
      return { error: 'expected `r1` and `r2` as text' };
    return {
      kind: 'pair',
      index: ctx.index,
      line: ctx.line,
      id: String(r.id ?? ctx.index),
      prompt: [{ type: 'text', text: String(r.q ?? '') }],
      criterion: typeof r.crit === 'string' ? r.crit : undefined,
      a: { parts: [{ type: 'text', text: r.r1 }] },
      b: { parts: [{ type: 'text', text: r.r2 }] },
      label: LABELS[String(r.pref)] ?? 'none',
      labelKind: 'explicit',
      format: 'test-explicit',
      raw: r,
      task: typeof r.task === 'string' ? r.task : undefined,
    };
  },
  labelEdits: (_r, label) =>
    label === 'none'
      ? { error: 'cannot clear' }
      : [{ op: 'set', path: ['pref'], value: label === 'tie' ? 'tie' : label.toLowerCase() }],
  criterionEdits: (_r, text) => [{ op: 'set', path: ['crit'], value: text }],
};

/** `{"chosen", "rejected"}`: the winner is first; relabelling swaps, and tie is inexpressible. */
export const implicitAdapter: FormatAdapter = {
  id: 'test-implicit',
  displayName: 'Test (implicit)',
  labelKind: 'implicit',
  match: (r) => (isRec(r) && 'chosen' in r && 'rejected' in r ? 1 : 0),
  toPair(r, ctx) {
    if (!isRec(r) || typeof r.chosen !== 'string' || typeof r.rejected !== 'string')
      return { error: 'expected `chosen` and `rejected` as text' };
    return {
      kind: 'pair',
      index: ctx.index,
      line: ctx.line,
      id: String(ctx.index),
      prompt: [],
      a: { parts: [{ type: 'text', text: r.chosen }] },
      b: { parts: [{ type: 'text', text: r.rejected }] },
      label: 'A',
      labelKind: 'implicit',
      format: 'test-implicit',
      raw: r,
    };
  },
  labelEdits: (_r, label) =>
    label === 'A'
      ? []
      : label === 'B'
        ? [{ op: 'swap', a: ['chosen'], b: ['rejected'] }]
        : { error: 'chosen/rejected files cannot say "tie"' },
  criterionEdits: () => ({ error: 'this format has no criterion field' }),
};
