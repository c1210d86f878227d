// The criteria a user tried on one pair in the probe, newest first: at most `limit`, a criterion tried again
// moves to the top (with its newest scores). Pure, kept per pair index by the webview.
export interface ProbeTry {
  criterion: string;
  margin?: number;
  verdict?: string;
  flipped?: boolean;
}

export class ProbeHistory {
  private readonly byPair = new Map<number, ProbeTry[]>();

  constructor(private readonly limit = 6) {}

  add(index: number, t: ProbeTry): ProbeTry[] {
    const list = (this.byPair.get(index) ?? []).filter((x) => x.criterion !== t.criterion);
    list.unshift(t);
    list.length = Math.min(list.length, this.limit);
    this.byPair.set(index, list);
    return list;
  }

  get(index: number): ProbeTry[] {
    return this.byPair.get(index) ?? [];
  }
}

/** What a probe result says in words: the margin change and whether the verdict flipped. */
export function probeSummary(
  before: { margin?: number; verdict?: string } | undefined,
  after: { margin?: number; verdict?: string } | undefined,
): { delta?: number; flipped: boolean; text: string } {
  if (before?.margin === undefined || after?.margin === undefined) return { flipped: false, text: 'no scores' };
  const delta = after.margin - before.margin;
  const flipped = before.verdict !== after.verdict;
  if (Math.abs(delta) < 1e-6)
    return {
      delta: 0,
      flipped: false,
      text: 'no change: the scores did not move (this model may ignore the criterion)',
    };
  const sign = delta > 0 ? '+' : '−';
  // Small models move by less than a thousandth: show the digits that moved.
  const size = Math.abs(delta) >= 0.001 ? Math.abs(delta).toFixed(3) : Math.abs(delta).toExponential(1);
  return {
    delta,
    flipped,
    text: `margin ${sign}${size}${flipped ? ` · verdict flipped ${before.verdict} → ${after.verdict}` : ' · same verdict'}`,
  };
}
