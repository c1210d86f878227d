// CSV as RFC 4180 writes it: a field with a comma, a quote or a line break (\n or \r) is quoted, quotes doubled.

export type CsvValue = string | number | boolean | undefined;

/** One field; undefined is an empty field. */
export function csvField(v: CsvValue): string {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, without its line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}
