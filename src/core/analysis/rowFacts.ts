// What the list knows about one pair once runs are chosen: the current run's verdict under its ε, margin,
// confidence, whether it disagrees with the human, the second run's verdict and the flip direction. These
// are the fields of the filter language and the keys of the list's sorts. Pure: the host and tests use it.
import type { DatasetRecord, Label, Part, PreferencePair } from '../dataset/types';
import { outputModality } from './modality';
import { compileFilter, type Predicate, type Value } from './filterExpression';
import { judgePair, sigmoid, type JudgingRun } from './verdict';

export type { JudgingRun };

export interface RowContext {
  a?: JudgingRun;
  /** The comparison run, when two runs are compared. */
  b?: JudgingRun;
  /** A length-baseline run, shown beside the model in the pair view. */
  baseline?: JudgingRun;
  /** Confident errors and label-noise candidates: P(opposite) ≥ this (Bradley–Terry), else |m| ≥ this. */
  threshold: number;
}

export interface RowFacts {
  verdict?: Label;
  margin?: number;
  /** P(the verdict) for Bradley–Terry runs, |m| otherwise. */
  confidence?: number;
  correct?: boolean;
  disagree?: boolean;
  /** P(the label opposite the human's A/B label), from σ(m). */
  pOpposite?: number;
  confidentError?: boolean;
  failed?: boolean;
  /** The current run scored other content (an edited pair): no verdict until rescored. */
  stale?: boolean;
  /** The comparison run's verdict, margin and correctness. */
  secondVerdict?: Label;
  secondMargin?: number;
  secondCorrect?: boolean;
  secondStale?: boolean;
  /** Pairs one run gets right and the other wrong: 'onlyA' = the current run right, the comparison run wrong. */
  flip?: 'onlyA' | 'onlyB';
}

/** Field names the filter expression knows (kept in the order the help text lists them). */
export const ROW_FIELDS = [
  'task',
  'label',
  'verdict',
  'margin',
  'confidence',
  'correct',
  'disagree',
  'modality',
  'id',
  'len_a',
  'len_b',
  'len_diff',
  'p_opposite',
  'verdict_b',
  'margin_b',
  'correct_b',
  'flip',
  'index',
  'line',
  'criterion',
  'subset',
  'failed',
] as const;

export function rowFacts(pair: PreferencePair, ctx: RowContext): RowFacts {
  const f: RowFacts = {};
  if (ctx.a) {
    const j = judgePair(pair, ctx.a) ?? {};
    const margin = j.margin;
    f.verdict = j.verdict;
    f.margin = margin;
    if (j.failed) f.failed = true;
    if (j.stale) f.stale = true;
    if (margin !== undefined) f.confidence = ctx.a.bradleyTerry ? sigmoid(Math.abs(margin)) : Math.abs(margin);
    if (j.agrees !== undefined) {
      f.correct = j.agrees;
      f.disagree = !j.agrees;
    }
    if (margin !== undefined && (pair.label === 'A' || pair.label === 'B')) {
      f.pOpposite = sigmoid(pair.label === 'A' ? -margin : margin);
      const sure = ctx.a.bradleyTerry ? f.pOpposite >= ctx.threshold : Math.abs(margin) >= ctx.threshold;
      f.confidentError = f.pOpposite > 0.5 && sure;
    }
  }
  if (ctx.b) {
    const j = judgePair(pair, ctx.b) ?? {};
    f.secondVerdict = j.verdict;
    f.secondMargin = j.margin;
    f.secondCorrect = j.agrees;
    if (j.stale) f.secondStale = true;
    if (f.correct !== undefined && f.secondCorrect !== undefined && f.correct !== f.secondCorrect)
      f.flip = f.correct ? 'onlyA' : 'onlyB';
  }
  return f;
}

/** Characters of text in a response (media parts count 0): the length-bias probe's measure. */
export function textLength(parts: Part[]): number {
  let n = 0;
  for (const p of parts)
    n += p.type === 'text' ? p.text.length : p.type === 'chat' ? p.turns.reduce((m, t) => m + t.content.length, 0) : 0;
  return n;
}

/** The filter language's view of a pair. */
export function rowFields(pair: PreferencePair, f: RowFacts): (field: string) => Value {
  return (field) => {
    switch (field) {
      case 'task':
        return pair.task ?? '';
      case 'label':
        return pair.label;
      case 'verdict':
        return f.verdict;
      case 'margin':
        return f.margin;
      case 'confidence':
        return f.confidence;
      case 'correct':
        return f.correct;
      case 'disagree':
        return f.disagree;
      case 'modality':
        return outputModality(pair);
      case 'id':
        return pair.id;
      case 'len_a':
        return textLength(pair.a.parts);
      case 'len_b':
        return textLength(pair.b.parts);
      case 'len_diff':
        return textLength(pair.a.parts) - textLength(pair.b.parts);
      case 'p_opposite':
        return f.pOpposite;
      case 'verdict_b':
        return f.secondVerdict;
      case 'margin_b':
        return f.secondMargin;
      case 'correct_b':
        return f.secondCorrect;
      case 'flip':
        return f.flip;
      case 'index':
        return pair.index;
      case 'line':
        return pair.line;
      case 'criterion':
        return pair.criterion ?? '';
      case 'subset':
        return pair.subset ?? '';
      case 'failed':
        return !!f.failed;
      default:
        return undefined;
    }
  };
}

/** The list's analysis filters (the quick ones, the modality and the expression). */
export interface AnalysisFilter {
  show?: 'disagreements' | 'confidentErrors' | 'predictedTies' | 'noise' | 'flips';
  /** Output modality (text, image, video, audio, 3d). */
  modality?: string;
  expr?: string;
  sort?: 'margin' | 'confidence' | 'lengthDiff';
  /** Reverses the sort's natural order. */
  sortReverse?: boolean;
  /** With show = 'flips': only one direction. */
  flipDirection?: 'onlyA' | 'onlyB';
}

export function hasAnalysis(f: AnalysisFilter): boolean {
  return !!(f.show || f.modality || f.expr?.trim() || f.sort);
}

/** Compiles the expression (throws FilterSyntaxError with a column) and the quick filters into one predicate. */
export function analysisPredicate(f: AnalysisFilter, ctx: RowContext): (record: DatasetRecord) => boolean {
  const expr: Predicate | undefined = f.expr?.trim() ? compileFilter(f.expr, ROW_FIELDS) : undefined;
  return (record) => {
    if (record.kind !== 'pair') return !f.show && !f.modality && !expr;
    const facts = rowFacts(record, ctx);
    switch (f.show) {
      case 'disagreements':
        if (!facts.disagree) return false;
        break;
      case 'confidentErrors':
      case 'noise':
        if (!facts.confidentError) return false;
        break;
      case 'predictedTies':
        if (facts.verdict !== 'tie') return false;
        break;
      case 'flips':
        if (!facts.flip || (f.flipDirection && facts.flip !== f.flipDirection)) return false;
        break;
    }
    if (f.modality && outputModality(record) !== f.modality) return false;
    return !expr || expr(rowFields(record, facts));
  };
}

/**
 * The sort key of a record (ascending; undefined sorts last), or undefined when the list keeps file order.
 * Label-noise candidates sort by P(opposite) descending; flips by direction (only-current-right first).
 */
export function sortKeyFor(
  f: AnalysisFilter,
  ctx: RowContext,
): ((record: DatasetRecord) => number | undefined) | undefined {
  const sign = f.sortReverse ? -1 : 1;
  const facts = (r: DatasetRecord) => (r.kind === 'pair' ? rowFacts(r, ctx) : undefined);
  if (f.sort === 'margin')
    return (r) => {
      const m = facts(r)?.margin;
      return m === undefined ? undefined : sign * m;
    };
  if (f.sort === 'confidence')
    return (r) => {
      const c = facts(r)?.confidence;
      return c === undefined ? undefined : -sign * c;
    };
  if (f.sort === 'lengthDiff')
    return (r) => (r.kind === 'pair' ? -sign * Math.abs(textLength(r.a.parts) - textLength(r.b.parts)) : undefined);
  if (f.show === 'noise')
    return (r) => {
      const p = facts(r)?.pOpposite;
      return p === undefined ? undefined : -p;
    };
  if (f.show === 'flips') return (r) => (facts(r)?.flip === 'onlyB' ? 1 : 0);
  return undefined;
}

/** Record indices ordered by key (ascending, undefined last, file order among equals). */
export function orderByKey(
  indices: ArrayLike<number>,
  keys: ArrayLike<number>,
  missing: (i: number) => boolean,
): number[] {
  const order = Array.from({ length: indices.length }, (_, i) => i);
  order.sort((x, y) => {
    const mx = missing(x),
      my = missing(y);
    if (mx !== my) return mx ? 1 : -1;
    return (mx ? 0 : keys[x] - keys[y]) || indices[x] - indices[y];
  });
  return order.map((i) => indices[i]);
}
