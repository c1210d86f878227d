// CSV as RFC 4180 writes it: a field with a comma, a quote or a line break (\n or \r) is quoted, quotes doubled.
// Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection); numbers stay.

export type CsvValue = string | number | boolean | undefined;

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first); a number such as `-0.25` is not text. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
export const isFormula = (s: string): boolean => FORMULA_START.test(s) && !NUMBER.test(s);

/** One field; undefined is an empty field. */
export function csvField(v: CsvValue): string {
  let s = v === undefined ? '' : String(v);
  if (typeof v === 'string' && isFormula(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, without its line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}
