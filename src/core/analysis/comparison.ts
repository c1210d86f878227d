// Two runs on one file: who is right where, the 2×2 agreement table, and McNemar's test per task and overall.
import { exactMcNemar, type McNemar } from './mcnemar';
import { accuracyTable, type AccuracyTable, type EpsilonChoice } from './accuracyTable';
import { predict, type Judged } from './verdict';

/** One pair as both models saw it. `a`/`b` here are the two models, not the two responses. */
export interface PairedJudged {
  index: number;
  task: string;
  modality: string;
  label: Judged['label'];
  a: Pick<Judged, 'margin' | 'verdict' | 'failed' | 'stale'> | undefined;
  b: Pick<Judged, 'margin' | 'verdict' | 'failed' | 'stale'> | undefined;
}

export interface Agreement {
  bothRight: number;
  onlyA: number;
  onlyB: number;
  bothWrong: number;
}

export interface GroupComparison {
  agreement: Agreement;
  mcnemar: McNemar;
}

export interface Comparison {
  modelA: AccuracyTable;
  modelB: AccuracyTable;
  overall: GroupComparison;
  tasks: Record<
    string,
    GroupComparison & {
      withTies: { a?: number; b?: number; diff?: number };
      withoutTies: { a?: number; b?: number; diff?: number };
    }
  >;
  /** Pairs one model gets right and the other wrong (without ties), by direction. */
  flips: { onlyA: number[]; onlyB: number[] };
}

/**
 * McNemar is computed on pairs without tie labels that both models judged (sign of the margin, as in the
 * paper's accuracy without ties), in tasks both models support, so the 2×2 table counts the same pairs
 * for both models.
 */
export function compareRuns(pairs: readonly PairedJudged[], choice: EpsilonChoice = {}): Comparison {
  const side = (p: PairedJudged, s: 'a' | 'b'): Judged => ({
    index: p.index,
    task: p.task,
    modality: p.modality,
    label: p.label,
    ...(p[s] ?? {}),
  });
  const modelA = accuracyTable(
    pairs.map((p) => side(p, 'a')),
    choice,
  );
  const modelB = accuracyTable(
    pairs.map((p) => side(p, 'b')),
    choice,
  );

  const empty = (): Agreement => ({ bothRight: 0, onlyA: 0, onlyB: 0, bothWrong: 0 });
  const byTask = new Map<string, Agreement>();
  const overall = empty();
  const flips = { onlyA: [] as number[], onlyB: [] as number[] };
  for (const p of pairs) {
    // A stale side (the pair was edited after that run scored it) is no prediction, so never a flip.
    if (p.label === 'none' || p.label === 'tie' || !p.a || !p.b || p.a.stale || p.b.stale) continue;
    // A task one model cannot score at all says nothing about which model is better.
    if (!modelA.tasks[p.task]?.supported || !modelB.tasks[p.task]?.supported) continue;
    const rightA = predict(side(p, 'a'), 0) === p.label;
    const rightB = predict(side(p, 'b'), 0) === p.label;
    let t = byTask.get(p.task);
    if (!t) byTask.set(p.task, (t = empty()));
    const cell: keyof Agreement = rightA ? (rightB ? 'bothRight' : 'onlyA') : rightB ? 'onlyB' : 'bothWrong';
    t[cell]++;
    overall[cell]++;
    if (cell === 'onlyA') flips.onlyA.push(p.index);
    if (cell === 'onlyB') flips.onlyB.push(p.index);
  }
  const tasks: Comparison['tasks'] = {};
  for (const task of Object.keys(modelA.tasks)) {
    const agreement = byTask.get(task) ?? empty();
    const ta = modelA.tasks[task],
      tb = modelB.tasks[task];
    const diff = (x?: number, y?: number) => (x !== undefined && y !== undefined ? y - x : undefined);
    tasks[task] = {
      agreement,
      mcnemar: exactMcNemar(agreement.onlyA, agreement.onlyB),
      withTies: { a: ta.withTies.value, b: tb?.withTies.value, diff: diff(ta.withTies.value, tb?.withTies.value) },
      withoutTies: {
        a: ta.withoutTies.value,
        b: tb?.withoutTies.value,
        diff: diff(ta.withoutTies.value, tb?.withoutTies.value),
      },
    };
  }
  return {
    modelA,
    modelB,
    overall: { agreement: overall, mcnemar: exactMcNemar(overall.onlyA, overall.onlyB) },
    tasks,
    flips,
  };
}
