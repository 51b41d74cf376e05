/**
 * Amazon report files → typed records (spec §6 "Parsing"). One entry for bytes
 * ({@link parseReport}: gzip, charset, size limit) and one for text ({@link parseReportText}).
 * A bad row (unreadable Date or Quantity, no MSKU, no Event Type) throws an InputError whose `row`
 * is the file's 1-based line. Unknown event types and reason codes are kept, with a warning.
 */
import { type Day, type Month, monthOfDay } from '../days';
import { InputError } from '../errors';
import { base64ToBytes, unpackReportBytes, type Gunzip } from './bytes';
import { canonicalEventType, DETAIL_EVENT_TYPES, isKnownReasonCode } from './codes';
import { DateCollector, type DateOrder } from './dates';
import {
  detectReport, DETAIL_REPORT, MYI_QUANTITY_COLUMNS, MYI_REPORT, SUMMARY_FIGURE_COLUMNS, SUMMARY_REPORT,
  type DetectedHeader, type ReportType,
} from './detect';
import { decodeNamedCharset, decodeText, type TextEncodingName } from './encoding';
import { parseWholeNumber } from './numbers';
import { readRecords, type Delimiter } from './table';
import { rowCount, WarningTally } from './warnings';

/** One event of the detail report. Text fields are trimmed; absent columns give ''. */
export interface DetailRecord {
  /** 1-based line in the file. */
  line: number;
  /** The Date column's calendar day as written (Date and Time is ignored). */
  day: Day;
  msku: string;
  fnsku: string;
  /** Amazon's spelling for the six known types (`Shipments`, …); as written for others. */
  eventType: string;
  referenceId: string;
  quantity: number;
  fulfillmentCenter: string;
  disposition: string;
  reason: string;
  /** Upper case; '' when the file has no Country column. */
  country: string;
  store: string;
}

/** One row of the summary report. */
export interface SummaryRecord {
  line: number;
  month: Month;
  /** The row's day when its Date names one; null for a month-only Date. */
  day: Day | null;
  msku: string;
  fnsku: string;
  disposition: string;
  /** The Location column as written: a country (aggregated by COUNTRY) or an FC code. */
  location: string;
  store: string;
  /** The 14 figures in the report's order (SUMMARY_FIGURE_COLUMNS); absent columns give 0. */
  figures: number[];
}

/** One row of the MYI report. */
export interface MyiRecord {
  line: number;
  msku: string;
  fnsku: string;
  /** The eight afn quantities in `Amazon Inventory`'s order (MYI_QUANTITY_COLUMNS); blank gives 0. */
  quantities: number[];
}

interface ReportBase {
  /** Data rows read (the header and blank lines excluded). */
  rowsRead: number;
  warnings: string[];
  delimiter: Delimiter;
  headerLine: number;
  /** Set by {@link parseReport}. */
  encoding?: TextEncodingName;
}

export interface DetailReport extends ReportBase {
  type: typeof DETAIL_REPORT;
  records: DetailRecord[];
  /** The order used for numeric dates (null when every date was ISO or there are no rows). */
  dateOrder: DateOrder | null;
  /** Event types present, Amazon's spelling, known types first in Amazon's order. */
  eventTypes: string[];
  /** First and last day of the rows (null when there are none). */
  firstDay: Day | null;
  lastDay: Day | null;
}

export interface SummaryReport extends ReportBase {
  type: typeof SUMMARY_REPORT;
  records: SummaryRecord[];
  dateOrder: DateOrder | null;
  /** Months present, sorted. */
  months: Month[];
}

export interface MyiReport extends ReportBase {
  type: typeof MYI_REPORT;
  records: MyiRecord[];
}

export type ParsedReport = DetailReport | SummaryReport | MyiReport;

export interface ParseOptions {
  /**
   * Country that decides the order of ambiguous numeric dates when the rows carry none (e.g. the
   * connection's marketplace country). Without it, month first.
   */
  defaultCountry?: string;
  /** The days a fetched report was requested for: decides ambiguous dates before the country does. */
  window?: { first: Day; last: Day } | null;
}

export interface ParseBytesOptions extends ParseOptions {
  /** The charset named by the download's Content-Type, if any. */
  charset?: string | null;
}

/** Which columns to cut out of the text (the header record is read whole). */
function keepMask(indexes: readonly number[]): boolean[] {
  const mask: boolean[] = [];
  for (const i of indexes) {
    if (i < 0) continue;
    while (mask.length <= i) mask.push(false);
    mask[i] = true;
  }
  return mask;
}

/** Shares the string of repeated values (FC, disposition, country, MSKU…): fewer strings kept alive. */
class StringPool {
  private readonly map = new Map<string, string>();
  get(s: string): string {
    const v = this.map.get(s);
    if (v !== undefined) return v;
    if (this.map.size < 200_000) this.map.set(s, s);
    return s;
  }
}

function field(f: string[], i: number): string {
  return i >= 0 && i < f.length ? f[i].trim() : '';
}

function quantityAt(f: string[], i: number, name: string, line: number, blankAsZero: boolean): number {
  const raw = i >= 0 && i < f.length ? f[i] : '';
  const v = parseWholeNumber(raw);
  if (v === null) {
    if (blankAsZero) return 0;
    throw new InputError(`no ${name}`, line);
  }
  if (Number.isNaN(v)) throw new InputError(`unreadable ${name} "${raw.trim()}" (expected a whole number)`, line);
  return v;
}

function missingColumnWarnings(h: DetectedHeader, columns: readonly { key: string; name: string; required: boolean }[], what: string): string[] {
  const out: string[] = [];
  for (const col of columns) {
    if (!col.required && h.index[col.key] < 0) out.push(`the file has no "${col.name}" column: ${what}`);
  }
  return out;
}

function parseDetail(
  h: DetectedHeader,
  headerLine: number,
  text: string,
  delimiter: Delimiter,
  opts: ParseOptions,
): DetailReport {
  const ix = h.index;
  const iDate = ix.date, iMsku = ix.msku, iFnsku = ix.fnsku, iEvent = ix.eventType, iRef = ix.referenceId,
    iQty = ix.quantity, iFc = ix.fulfillmentCenter, iDisp = ix.disposition, iReason = ix.reason,
    iCountry = ix.country, iStore = ix.store;
  const records: DetailRecord[] = [];
  const dates = new DateCollector({ allowMonthOnly: false, defaultCountry: opts.defaultCountry, window: opts.window });
  const eventCache = new Map<string, { type: string; known: boolean }>();
  const pool = new StringPool();
  const tally = new WarningTally();
  let headerSeen = false;
  readRecords(text, (f, line) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    const msku = pool.get(field(f, iMsku));
    if (msku === '') throw new InputError('no MSKU', line);
    const rawEvent = field(f, iEvent);
    if (rawEvent === '') throw new InputError('no Event Type', line);
    let event = eventCache.get(rawEvent);
    if (event === undefined) {
      const canonical = canonicalEventType(rawEvent);
      event = { type: canonical ?? rawEvent, known: canonical !== null };
      eventCache.set(rawEvent, event);
    }
    const eventType = event.type;
    const quantity = quantityAt(f, iQty, 'Quantity', line, false);
    const reason = pool.get(field(f, iReason));
    const country = iCountry >= 0 ? pool.get(field(f, iCountry).toUpperCase()) : '';
    // `day` holds the date's token id until the file's date order is known.
    const day = dates.add(iDate < f.length ? f[iDate] : '', line, country);
    if (!event.known) {
      tally.add(`event:${eventType}`, line, (n, first) =>
        `unknown event type "${eventType}" (${rowCount(n)}, first on line ${first}): imported as ADJUSTMENT with Reason event:${eventType}`);
    } else if (eventType === 'Adjustments' && reason !== '' && !isKnownReasonCode(reason)) {
      tally.add(`reason:${reason}`, line, (n, first) => `unknown reason code "${reason}" (${rowCount(n)}, first on line ${first}): kept as written`);
    }
    records.push({
      line, day, msku, fnsku: pool.get(field(f, iFnsku)), eventType, referenceId: field(f, iRef), quantity,
      fulfillmentCenter: pool.get(field(f, iFc)), disposition: pool.get(field(f, iDisp)), reason, country, store: pool.get(field(f, iStore)),
    });
  }, delimiter, keepMask([iDate, iMsku, iFnsku, iEvent, iRef, iQty, iFc, iDisp, iReason, iCountry, iStore]));
  const resolved = dates.resolve();
  const dayOf = resolved.dayOf;
  let firstDay: Day | null = null, lastDay: Day | null = null;
  const present = new Set<string>();
  let lastType = '';
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const d = dayOf[r.day];
    r.day = d;
    if (firstDay === null || d < firstDay) firstDay = d;
    if (lastDay === null || d > lastDay) lastDay = d;
    if (r.eventType !== lastType) {
      lastType = r.eventType;
      present.add(lastType);
    }
  }
  const known: readonly string[] = DETAIL_EVENT_TYPES;
  const eventTypes = [...known.filter((e) => present.has(e)), ...[...present].filter((e) => !known.includes(e)).sort()];
  const warnings = [
    ...h.warnings,
    ...(iCountry < 0 ? ['the file has no "Country" column: its rows take the location chosen for the import'] : []),
    ...resolved.warnings,
    ...tally.messages(),
  ];
  return {
    type: DETAIL_REPORT, records, rowsRead: records.length, warnings, delimiter, headerLine,
    dateOrder: resolved.order, eventTypes, firstDay, lastDay,
  };
}

function parseSummary(h: DetectedHeader, headerLine: number, text: string, delimiter: Delimiter, opts: ParseOptions): SummaryReport {
  const ix = h.index;
  const figureIdx = SUMMARY_FIGURE_COLUMNS.map((col) => ix[col.key]);
  const records: SummaryRecord[] = [];
  const dates = new DateCollector({ allowMonthOnly: true, defaultCountry: opts.defaultCountry, window: opts.window });
  const tokenOf: number[] = [];
  let headerSeen = false;
  readRecords(text, (f, line) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    const msku = field(f, ix.msku);
    if (msku === '') throw new InputError('no MSKU', line);
    const figures = SUMMARY_FIGURE_COLUMNS.map((col, k) => quantityAt(f, figureIdx[k], col.name, line, true));
    const location = field(f, ix.location);
    tokenOf.push(dates.add(ix.date < f.length ? f[ix.date] : '', line, location));
    records.push({
      line, month: '', day: null, msku, fnsku: field(f, ix.fnsku), disposition: field(f, ix.disposition),
      location, store: field(f, ix.store), figures,
    });
  }, delimiter, keepMask([ix.date, ix.msku, ix.fnsku, ix.disposition, ix.location, ix.store, ...figureIdx]));
  const resolved = dates.resolve();
  const months = new Set<Month>();
  for (let i = 0; i < records.length; i++) {
    const id = tokenOf[i];
    const d = resolved.dayOf[id];
    records[i].day = resolved.monthOnly[id] ? null : d;
    records[i].month = monthOfDay(d);
    months.add(records[i].month);
  }
  const warnings = [
    ...h.warnings,
    ...missingColumnWarnings(h, SUMMARY_FIGURE_COLUMNS, 'written as 0'),
    ...(ix.location < 0 ? ['the file has no "Location" column: its rows take the location chosen for the import'] : []),
    ...resolved.warnings,
  ];
  return {
    type: SUMMARY_REPORT, records, rowsRead: records.length, warnings, delimiter, headerLine,
    dateOrder: resolved.order, months: [...months].sort(),
  };
}

function parseMyi(h: DetectedHeader, headerLine: number, text: string, delimiter: Delimiter): MyiReport {
  const ix = h.index;
  const qtyIdx = MYI_QUANTITY_COLUMNS.map((col) => ix[col.key]);
  const records: MyiRecord[] = [];
  let headerSeen = false;
  readRecords(text, (f, line) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    const msku = field(f, ix.sku);
    if (msku === '') throw new InputError('no sku', line);
    const quantities = MYI_QUANTITY_COLUMNS.map((col, k) => quantityAt(f, qtyIdx[k], col.name, line, true));
    records.push({ line, msku, fnsku: field(f, ix.fnsku), quantities });
  }, delimiter, keepMask([ix.sku, ix.fnsku, ...qtyIdx]));
  return { type: MYI_REPORT, records, rowsRead: records.length, warnings: [...h.warnings], delimiter, headerLine };
}

/** Parses a report's text. Throws InputError for an empty file, an unknown header or a bad row. */
export function parseReportText(text: string, opts: ParseOptions = {}): ParsedReport {
  let header: string[] | null = null;
  let headerLine = 0;
  const delimiter = readRecords(text, (f, line) => {
    header = f.slice();
    headerLine = line;
    return false;
  });
  if (header === null) throw new InputError('the file is empty');
  const h = detectReport(header, headerLine);
  const type: ReportType = h.type;
  if (type === DETAIL_REPORT) return parseDetail(h, headerLine, text, delimiter, opts);
  if (type === SUMMARY_REPORT) return parseSummary(h, headerLine, text, delimiter, opts);
  return parseMyi(h, headerLine, text, delimiter);
}

/**
 * Parses report bytes: gunzips when gzip (magic bytes), refuses over 20 MiB after decompression,
 * decodes (the charset named by a download's Content-Type when given, else UTF-8 if valid, else
 * windows-1252), then {@link parseReportText}.
 */
export function parseReport(bytes: Uint8Array, gunzip: Gunzip, opts: ParseBytesOptions = {}): ParsedReport {
  const plain = unpackReportBytes(bytes, gunzip);
  const decoded = opts.charset ? decodeNamedCharset(plain, opts.charset) : decodeText(plain);
  const report = parseReportText(decoded.text, opts);
  report.encoding = decoded.encoding;
  report.warnings.unshift(...decoded.warnings);
  return report;
}

/** `importReportFile`'s entry: the sidebar's base64 of the raw file → {@link parseReport}. */
export function parseReportBase64(base64: string, gunzip: Gunzip, opts: ParseBytesOptions = {}): ParsedReport {
  return parseReport(base64ToBytes(base64), gunzip, opts);
}
