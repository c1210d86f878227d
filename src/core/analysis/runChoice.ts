// Which of a file's runs the editor judges with: the current run, the comparison run and the length
// baseline. Pure, so the choice rules are tested without VS Code.
export interface RunCandidate {
  /** The run file. */
  id: string;
  /** Model id from the run header ('default', 'length', a configured id, 'imported:…'). */
  model: string;
  kind?: string;
}

export interface RunChoice<R extends RunCandidate> {
  current?: R;
  second?: R;
  baseline?: R;
  /** All runs, the current one first, then the comparison run, then the rest in the given order. */
  ordered: R[];
}

export const isLengthBaseline = (r: RunCandidate): boolean => r.model === 'length' || r.kind === 'length';

/**
 * The current run is the saved choice when it still exists, else the newest run that is not the length
 * baseline (a model is what one analyses), else the newest. The comparison run is only the saved one.
 * `runs` are newest first.
 */
export function chooseRuns<R extends RunCandidate>(
  runs: readonly R[],
  saved: { current?: string; second?: string },
): RunChoice<R> {
  const byId = (id?: string) => (id ? runs.find((r) => r.id === id) : undefined);
  const current = byId(saved.current) ?? runs.find((r) => !isLengthBaseline(r)) ?? runs[0];
  let second = byId(saved.second);
  if (second === current) second = undefined;
  const baseline = current && !isLengthBaseline(current) ? runs.find(isLengthBaseline) : undefined;
  const ordered = [
    ...(current ? [current] : []),
    ...(second ? [second] : []),
    ...runs.filter((r) => r !== current && r !== second),
  ];
  return { current, second, baseline, ordered };
}

/** A run's name for people: the model id, and the file when two runs share a model. */
export function runName(run: RunCandidate, all: readonly RunCandidate[]): string {
  const name = run.model === 'length' ? 'length baseline' : run.model;
  if (all.filter((r) => r.model === run.model).length < 2) return name;
  return `${name} (${run.id.split(/[\\/]/).pop()})`;
}
