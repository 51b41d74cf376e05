/**
 * The formula guard (spec §6 "Mapping"): text from Amazon that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is written with an apostrophe in front, so Sheets never reads it as a
 * formula (or a number). Numbers stay numbers.
 */

function guarded(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

export function guardText(text: string): string {
  return text.length > 0 && guarded(text.charCodeAt(0)) ? "'" + text : text;
}

/** Guards strings; leaves numbers, booleans and dates alone. */
export function guardCell<T>(value: T): T | string {
  return typeof value === 'string' ? guardText(value) : value;
}

/**
 * The text a guarded cell stands for: drops the apostrophe {@link guardText} added, whether Sheets
 * kept it in the value or not.
 */
export function unguardText(text: string): string {
  return text.length > 1 && text.charCodeAt(0) === 39 && guarded(text.charCodeAt(1)) ? text.slice(1) : text;
}
