/**
 * How a value written by setValue/setValues/appendRow lands in a cell.
 *
 * Range#setValues: "If a value begins with =, it's interpreted as a formula."
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues)
 * Strings are otherwise parsed the way the Sheets UI parses typed text (the API's USER_ENTERED:
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption): numbers, booleans,
 * dates; a leading apostrophe forces text and is not stored; a plain-text (`@`) number format keeps
 * the text as typed. (unverified for setValues specifically: that '00123' becomes 123, that
 * 'YYYY-MM-DD' becomes a Date, and that getValues omits the apostrophe follow from USER_ENTERED and
 * the Sheets UI; see notes/appsscript.md §4 "open question")
 */
import { isDate } from './realm';
import { instantOf, zonedMidnight } from './datetime';

export type CellValue = string | number | boolean | Date;

export interface Stored {
  v: CellValue;
  f?: string;
}

export interface CoerceOptions {
  /** The cell's number format is plain text (`@`). */
  plainText: boolean;
  /** The spreadsheet's time zone, for date-like strings. */
  timeZone: string;
  /** Whether `@` also keeps a leading `=` as text. (unverified; default false: a formula anyway) */
  plainTextBlocksFormulas: boolean;
  /** The current year on the virtual clock (for `M/D` text). */
  currentYear: number;
}

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
// en_US locale order. (unverified for other spreadsheet locales; the fake's spreadsheet is en_US)
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const US_MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses typed text the way a cell in an automatic (non-text) format would. */
export function parseUserEntered(text: string, o: CoerceOptions): CellValue {
  const t = text.trim();
  if (t === '') return text;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (NUM.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  const pct = PERCENT.exec(t);
  if (pct) return Number(pct[1]) / 100;
  let m = ISO_DATE.exec(t);
  if (m && validYmd(+m[1], +m[2], +m[3])) return new Date(zonedMidnight(+m[1], +m[2], +m[3], o.timeZone));
  m = ISO_DATETIME.exec(t);
  if (m && validYmd(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +(m[6] ?? 0) < 60) {
    return new Date(instantOf({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0), ms: 0 }, o.timeZone));
  }
  m = US_DATE.exec(t);
  if (m && validYmd(+m[3], +m[1], +m[2])) return new Date(zonedMidnight(+m[3], +m[1], +m[2], o.timeZone));
  m = US_MONTH_DAY.exec(t);
  if (m && validYmd(o.currentYear, +m[1], +m[2])) return new Date(zonedMidnight(o.currentYear, +m[1], +m[2], o.timeZone));
  return text;
}

export function coerceInput(value: unknown, o: CoerceOptions): Stored {
  if (value === null || value === undefined) return { v: '' };
  if (isDate(value)) return { v: new Date(value.getTime()) };
  if (typeof value === 'number' || typeof value === 'boolean') return { v: value };
  // Objects other than Dates are written as their string form. (unverified)
  const s = typeof value === 'string' ? value : String(value);
  if (s.length > 1 && s.startsWith('=') && !(o.plainText && o.plainTextBlocksFormulas)) return { v: '', f: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (o.plainText) return { v: s };
  return { v: parseUserEntered(s, o) };
}
