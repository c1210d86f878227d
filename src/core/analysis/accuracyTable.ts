// The paper's tables (Omni-RewardBench Tables 2–3): accuracy with ties (three-way) and without ties
// (tie-labelled pairs dropped), per task, per modality, and overall = the mean over tasks.
import { calibrateEpsilon } from './tieCalibration';
import { predict, type Judged } from './verdict';

export interface Accuracy {
  /** Fraction in [0, 1]; undefined when n = 0. */
  value?: number;
  correct: number;
  n: number;
}

export interface GroupAccuracy {
  withTies: Accuracy;
  withoutTies: Accuracy;
  /** The ε used for the three-way accuracy; absent for a modality spanning tasks calibrated apart. */
  epsilon?: number;
  /** Labelled pairs in the group, scored or not. */
  pairs: number;
  /** Labelled pairs the run has no prediction for yet (not counted in n). */
  unscored: number;
  /** Pairs whose prediction failed (counted as wrong while the model scored some pair of the group). */
  failed: number;
  ties: number;
  /**
   * False when every prediction in the group failed (e.g. a text RM on an audio task): the model does not
   * support it, so its accuracies are undefined and the overall mean leaves it out, as the paper averages a
   * model over the tasks it supports.
   */
  supported: boolean;
}

export interface AccuracyTable {
  tasks: Record<string, GroupAccuracy>;
  modalities: Record<string, GroupAccuracy>;
  overall: { withTies?: number; withoutTies?: number; tasks: number };
}

export interface EpsilonChoice {
  /** A fixed ε for every task; when absent, ε is calibrated per task. */
  epsilon?: number;
  /** A user's ε for some tasks, over `epsilon` and calibration. */
  perTask?: Record<string, number>;
}

const acc = (correct: number, n: number): Accuracy => ({ correct, n, value: n > 0 ? correct / n : undefined });

/** Accuracy of one group at a given ε. Unlabelled pairs are ignored; failed predictions count as wrong. */
export function groupAccuracy(pairs: readonly Judged[], epsilon: number): GroupAccuracy {
  let cw = 0,
    nw = 0,
    co = 0,
    no = 0,
    unscored = 0,
    failed = 0,
    ties = 0,
    labelled = 0;
  for (const p of pairs) {
    if (p.label === 'none') continue;
    labelled++;
    if (p.label === 'tie') ties++;
    const hasPrediction = p.failed || p.margin !== undefined || p.verdict !== undefined;
    if (!hasPrediction) {
      unscored++;
      continue;
    }
    if (p.failed) failed++;
    const three = predict(p, epsilon);
    nw++;
    if (three === p.label) cw++;
    if (p.label !== 'tie') {
      // Without ties the paper reads scores by sign alone (ε = 0); a stated tie verdict is wrong.
      const two = predict(p, 0);
      no++;
      if (two === p.label) co++;
    }
  }
  const supported = !(nw > 0 && failed === nw);
  if (!supported)
    return { withTies: acc(0, 0), withoutTies: acc(0, 0), epsilon, pairs: labelled, unscored, failed, ties, supported };
  return {
    withTies: acc(cw, nw),
    withoutTies: acc(co, no),
    epsilon,
    pairs: labelled,
    unscored,
    failed,
    ties,
    supported,
  };
}

function groupBy(pairs: readonly Judged[], key: (p: Judged) => string): Map<string, Judged[]> {
  const m = new Map<string, Judged[]>();
  for (const p of pairs) {
    const k = key(p);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(p);
  }
  return m;
}

const mean = (xs: number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

export function accuracyTable(pairs: readonly Judged[], choice: EpsilonChoice = {}): AccuracyTable {
  const tasks: Record<string, GroupAccuracy> = {};
  const epsilonOf = new Map<string, number>();
  for (const [task, group] of [...groupBy(pairs, (p) => p.task)].sort(([a], [b]) => a.localeCompare(b))) {
    const eps = choice.perTask?.[task] ?? choice.epsilon ?? calibrateEpsilon(group).epsilon;
    epsilonOf.set(task, eps);
    tasks[task] = groupAccuracy(group, eps);
  }
  // Per modality, each pair keeps its task's ε, so the modality rows agree with the task rows.
  const modalities: Record<string, GroupAccuracy> = {};
  for (const [modality, group] of groupBy(pairs, (p) => p.modality)) {
    const byTask = groupBy(group, (p) => p.task);
    const parts = [...byTask].map(([task, g]) => groupAccuracy(g, epsilonOf.get(task) ?? 0));
    modalities[modality] = mergeGroups(parts, choice.perTask ? undefined : choice.epsilon);
  }
  // Overall = the mean over the tasks that have pairs to judge (a task with n = 0 is not a zero).
  const withTies = Object.values(tasks)
    .map((t) => t.withTies.value)
    .filter((v): v is number => v !== undefined);
  const withoutTies = Object.values(tasks)
    .map((t) => t.withoutTies.value)
    .filter((v): v is number => v !== undefined);
  return {
    tasks,
    modalities,
    overall: { withTies: mean(withTies), withoutTies: mean(withoutTies), tasks: withTies.length },
  };
}

function mergeGroups(parts: GroupAccuracy[], epsilon: number | undefined): GroupAccuracy {
  const sum = (f: (g: GroupAccuracy) => number) => parts.reduce((s, g) => s + f(g), 0);
  return {
    withTies: acc(
      sum((g) => g.withTies.correct),
      sum((g) => g.withTies.n),
    ),
    withoutTies: acc(
      sum((g) => g.withoutTies.correct),
      sum((g) => g.withoutTies.n),
    ),
    epsilon: epsilon ?? (parts.length === 1 ? parts[0].epsilon : undefined),
    pairs: sum((g) => g.pairs),
    unscored: sum((g) => g.unscored),
    failed: sum((g) => g.failed),
    ties: sum((g) => g.ties),
    supported: parts.some((g) => g.supported),
  };
}
