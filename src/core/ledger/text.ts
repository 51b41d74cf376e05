/**
 * Cell text (spec §3): SKU, Lot, Location and the other text columns compare as trimmed text, the
 * number 123 equals the text `123`, and values that differ only in case are the same value (with a
 * warning; the first spelling seen is the one displayed).
 */
import { isoFromDay, type DayConverter } from '../days';

/** True for a Date object (also one created in another realm). */
export function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A cell value as trimmed text: strings trimmed; numbers as JavaScript prints them (123, not
 * 123.0; 1.5); booleans `TRUE`/`FALSE`; null/undefined ''; a Date as its `YYYY-MM-DD` day when a
 * converter is given (Sheets turns text such as `3/4` into dates), else its ISO instant.
 */
export function cellText(value: unknown, days?: DayConverter): string {
  if (typeof value === 'string') return value.trim();
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const t = value.getTime();
    if (t !== t) return '';
    return days ? isoFromDay(days.dayOf(value)) : value.toISOString();
  }
  return String(value).trim();
}

/** The case-insensitive comparison key of trimmed text. */
export function textKey(text: string): string {
  return text.toLowerCase();
}

/** True when a trimmed Lot cell means "lot unknown": blank, `UNSPECIFIED`, `unspecified-lot`, any case. */
export function isUnspecifiedLot(text: string): boolean {
  if (text === '') return true;
  const k = text.length === 11 || text.length === 15 ? text.toLowerCase() : '';
  return k === 'unspecified' || k === 'unspecified-lot';
}

/**
 * Remembers the first spelling of each case-insensitive value and warns once per other spelling:
 * `SKU "abc" also written "ABC"`.
 */
export class Spellings {
  private readonly first = new Map<string, string>();
  private readonly reported = new Set<string>();
  readonly warnings: string[] = [];

  constructor(private readonly label: string) {}

  /** Records a spelling; returns its key. */
  note(text: string): string {
    const key = textKey(text);
    const seen = this.first.get(key);
    if (seen === undefined) this.first.set(key, text);
    else if (seen !== text) this.differs(key, seen, text);
    return key;
  }

  /** Records a spelling only when the key is new (no warning otherwise). */
  offer(text: string): string {
    const key = textKey(text);
    if (!this.first.has(key)) this.first.set(key, text);
    return key;
  }

  /** The first spelling seen of a key. */
  display(key: string): string | undefined {
    return this.first.get(key);
  }

  private differs(key: string, seen: string, text: string): void {
    const id = key + '\u0000' + text;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.warnings.push(`${this.label} "${seen}" also written "${text}"`);
  }
}
