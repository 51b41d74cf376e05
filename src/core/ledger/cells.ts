/** Reading single cells of a range argument: dates, whole numbers, blank rows. */
import { dayFromIso, type Day, type DayConverter } from '../days';
import { isDate } from './text';

/** A range argument as rows: a single cell or a single row becomes a 1×n matrix. */
export function asMatrix(values: unknown): unknown[][] {
  if (!Array.isArray(values)) return values === undefined || values === null ? [] : [[values]];
  if (values.length > 0 && !Array.isArray(values[0])) return [values as unknown[]];
  return values as unknown[][];
}

/** True when every cell of a row is empty. */
export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === '' || v === null || v === undefined) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    return false;
  }
  return true;
}

/** A Date cell or `YYYY-MM-DD` text as a Day; null when blank; undefined when neither. */
export function readDayCell(value: unknown, days: DayConverter): Day | null | undefined {
  if (value === '' || value === null || value === undefined) return null;
  if (isDate(value)) {
    const t = value.getTime();
    return t === t ? days.dayOf(value) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const d = dayFromIso(text);
    return d === null ? undefined : d;
  }
  return undefined;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A whole number from a number cell or numeric text (" -5 "); undefined when the cell is blank,
 * not a number, not whole, or not finite.
 */
export function readWholeNumber(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (!NUMBER_TEXT.test(text)) return undefined;
    n = Number(text);
  } else return undefined;
  return Number.isFinite(n) && Number.isInteger(n) ? n : undefined;
}

/** A cell value for a message: text in quotes, other values as printed. */
export function showCell(value: unknown): string {
  if (typeof value === 'string') return `"${value.trim()}"`;
  return String(value);
}
