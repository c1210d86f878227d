// How figures read, on screen and in exports: one function per kind of figure, so the list, the pair view, the
// analysis views, the status bar, the CLI and the Markdown exports write the same number the same way.

/** What stands where there is no figure to show. */
export const DASH = '–';
/** The typographic minus the screen uses; exports that other tools read ask for ASCII ('-') instead. */
export const MINUS = '\u2212';

export interface SignOptions {
  /** ASCII hyphen-minus instead of the typographic minus (Markdown exports, which get pasted into LaTeX and code). */
  ascii?: boolean;
}

/** A fraction as a percentage ("75.30", or "75.3%" with digits 1 and unit '%'); a dash when there is nothing. */
export function pct(v: number | undefined, digits = 2, unit = ''): string {
  return v === undefined || !Number.isFinite(v) ? DASH : `${(100 * v).toFixed(digits)}${unit}`;
}

/** A difference of two fractions in percentage points with its sign ("+1.25", "−0.40"); "0.00" when it rounds to 0. */
export function signedPoints(d: number | undefined, digits = 2, opts: SignOptions = {}): string {
  if (d === undefined || !Number.isFinite(d)) return DASH;
  return signed(100 * d, digits, opts);
}

/**
 * A reward margin with its sign: two decimals, none from 100 up ("+0.42", "−1.30", "+128"); '' when unscored.
 * Never "−0.00": zero is "0.00", and a margin too small for two decimals keeps two significant digits
 * ("−0.0012"), since its sign is the verdict.
 */
export function signedMargin(m: number | undefined, opts: SignOptions = {}): string {
  if (m === undefined || !Number.isFinite(m)) return '';
  const a = Math.abs(m);
  if (a === 0) return '0.00';
  const sign = m > 0 ? '+' : minus(opts);
  if (a < 0.005) return sign + (a >= 1e-4 ? a.toPrecision(2) : a.toExponential(1));
  return sign + a.toFixed(a >= 100 ? 0 : 2);
}

/** A p-value to three decimals, "< 0.001" below that; a dash when it could not be computed. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return DASH;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Time left as people say it ("42 s", "3 min 5 s"); undefined while there is no estimate yet. */
export function formatEta(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.round(seconds)} s`;
}

function signed(x: number, digits: number, opts: SignOptions): string {
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return `${x > 0 ? '+' : minus(opts)}${s}`;
}

const minus = (opts: SignOptions) => (opts.ascii ? '-' : MINUS);
