/**
 * Row keys (spec §6 "Mapping"): every row an import writes carries in its Key column `k1:` and a
 * 64-bit FNV-1a hash of its content, that is every column but Source and Key. Recomputing the hash
 * from the sheet row tells whether a person changed the row since. Values are compared as the add-on
 * reads them, so formatting round trips do not count as edits: dates by their day, numbers by value,
 * text trimmed and without the formula guard's apostrophe, a blank or `unspecified-lot` Lot as
 * UNSPECIFIED, a blank Location as FBA-US, the Event in any case.
 */
import { dayFromIso, isoFromDay, monthOfDay, utcDays, type Day, type DayConverter } from '../days';
import { DEFAULT_LOCATION, LEDGER_HEADERS, UNSPECIFIED } from '../ledger/types';
import { parseWholeNumber } from '../reports/numbers';
import { fnv1a64 } from '../hash';
import { unguardText } from './guard';
import { AMAZON_INVENTORY_HEADERS, AMAZON_RECEIPTS_HEADERS, AMAZON_SUMMARY_HEADERS, INVENTORY_QUANTITY_HEADERS, SUMMARY_FIGURE_HEADERS } from './headers';

export const KEY_PREFIX = 'k1:';

/** Reads the calendar day of a date cell (a Date, a Day number or `YYYY-MM-DD` text); null if none. */
export type DayReader = (value: unknown) => Day | null;

/**
 * Reads Day numbers and `YYYY-MM-DD` text; Date values by their UTC day. The shell passes
 * {@link dayReader} with the spreadsheet's zone instead.
 */
export function defaultReadDay(v: unknown): Day | null {
  return readDayWith(utcDays, v);
}

function readDayWith(converter: DayConverter, v: unknown): Day | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string') return dayFromIso(v.trim());
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : converter.dayOf(v);
  return null;
}

/** A DayReader for Date cells in a zone (spec §2), also reading Day numbers and ISO text. */
export function dayReader(converter: DayConverter): DayReader {
  return (v) => readDayWith(converter, v);
}

type ColumnKind = 'day' | 'dayOrBlank' | 'month' | 'text' | 'upper' | 'lot' | 'location' | 'int';

/** One of the four sheets imports write. */
export interface SheetKind {
  name: string;
  headers: readonly string[];
  /** How each content column (all but Source and Key) is compared. */
  columns: readonly ColumnKind[];
}

export const LEDGER_KIND: SheetKind = {
  name: 'FBA Ledger',
  headers: LEDGER_HEADERS,
  // Date Event SKU Lot Quantity Expiry Location Disposition Reason Reference
  columns: ['day', 'upper', 'text', 'lot', 'int', 'dayOrBlank', 'location', 'text', 'text', 'text'],
};

export const RECEIPTS_KIND: SheetKind = {
  name: 'Amazon Receipts',
  headers: AMAZON_RECEIPTS_HEADERS,
  columns: ['day', 'location', 'text', 'text', 'int'],
};

export const SUMMARY_KIND: SheetKind = {
  name: 'Amazon Summary',
  headers: AMAZON_SUMMARY_HEADERS,
  columns: ['month', 'location', 'text', 'text', 'text', ...SUMMARY_FIGURE_HEADERS.map((): ColumnKind => 'int')],
};

export const INVENTORY_KIND: SheetKind = {
  name: 'Amazon Inventory',
  headers: AMAZON_INVENTORY_HEADERS,
  columns: ['day', 'location', 'text', 'text', ...INVENTORY_QUANTITY_HEADERS.map((): ColumnKind => 'int')],
};

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return unguardText(v.trim());
  if (v instanceof Date) return isoFromDay(utcDays.dayOf(v));
  return String(v);
}

const UNSPECIFIED_NAMES = new Set(['', 'UNSPECIFIED', 'UNSPECIFIED-LOT']);

const isoCache = new Map<Day, string>();

function iso(day: Day): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = isoFromDay(day);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

function normalize(kind: ColumnKind, v: unknown, readDay: DayReader): string | null {
  switch (kind) {
    case 'day': {
      const d = readDay(v);
      return d === null ? null : iso(d);
    }
    case 'dayOrBlank': {
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return '';
      const d = readDay(v);
      return d === null ? null : iso(d);
    }
    case 'month': {
      if (typeof v === 'string') {
        const t = v.trim();
        if (/^\d{4}-\d{2}$/.test(t)) return t;
        const d = dayFromIso(t);
        return d === null ? null : monthOfDay(d);
      }
      const d = readDay(v);
      return d === null ? null : monthOfDay(d);
    }
    case 'int': {
      if (typeof v === 'number') return Number.isInteger(v) ? String(v === 0 ? 0 : v) : null;
      if (typeof v === 'string') {
        const n = parseWholeNumber(v);
        return n === null || Number.isNaN(n) ? null : String(n);
      }
      return null;
    }
    case 'upper':
      return text(v).toUpperCase();
    case 'lot': {
      const t = text(v);
      return UNSPECIFIED_NAMES.has(t.toUpperCase()) ? UNSPECIFIED : t;
    }
    case 'location': {
      const t = text(v);
      return t === '' ? DEFAULT_LOCATION : t;
    }
    case 'text':
      return text(v);
  }
}

/**
 * The key of a row's content (its cells before Source and Key), or null when a cell cannot be read
 * as its column's kind (an unreadable date or number: such a row was edited).
 */
export function computeRowKey(kind: SheetKind, values: readonly unknown[], readDay: DayReader = defaultReadDay): string | null {
  const parts: string[] = [];
  for (let i = 0; i < kind.columns.length; i++) {
    const p = normalize(kind.columns[i], values[i], readDay);
    if (p === null) return null;
    parts.push(p);
  }
  return KEY_PREFIX + fnv1a64(parts.join('\u001f'));
}

/** The Key cell of a sheet row, trimmed ('' when blank). */
export function storedKey(kind: SheetKind, values: readonly unknown[]): string {
  const v = values[kind.headers.length - 1];
  return typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v);
}

/** The Source cell of a sheet row, trimmed. */
export function storedSource(kind: SheetKind, values: readonly unknown[]): string {
  const v = values[kind.headers.length - 2];
  return typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v);
}

/** True when the row's Key is an import key and still matches the row's content. */
export function rowKeyMatchesFor(kind: SheetKind, values: readonly unknown[], readDay: DayReader = defaultReadDay): boolean {
  const key = storedKey(kind, values);
  if (!key.startsWith(KEY_PREFIX)) return false;
  return computeRowKey(kind, values, readDay) === key;
}

/** `FBA Ledger`: true when the row's Key still matches its content (spec §6 "Safety of imports"). */
export function rowKeyMatches(values: readonly unknown[], readDay: DayReader = defaultReadDay): boolean {
  return rowKeyMatchesFor(LEDGER_KIND, values, readDay);
}
