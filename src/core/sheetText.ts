/**
 * Text the add-on writes into cells must stay text (spec §6): a value starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets an apostrophe prefix, which Sheets keeps as a "text"
 * marker instead of turning the value into a formula. Numbers are not touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Applies `guardText` to every string of a row, leaving numbers, booleans and dates alone. */
export function guardRow(row: readonly unknown[]): unknown[] {
  return row.map((v) => (typeof v === 'string' ? guardText(v) : v));
}
