/**
 * The whole plan of one import (spec §6 "Safety of imports"): parsed report(s) + the sheets' current
 * rows → what to delete and append in each sheet, the new Locations rows, the Import Log line and
 * the warnings. Pure: the Apps Script shell reads the sheets into 2D arrays, calls
 * {@link planImport}, then executes the plan under the document lock.
 *
 * Replace scope = Location × days × ledger event types × SKUs (when the report was filtered):
 * - a file covers min..max of its dates, the event types present and the locations of its rows;
 * - a fetched report covers its requested days and event type, the requested locations and those
 *   of its rows (the scope always contains every row the import writes, which makes re-imports
 *   idempotent).
 * `Amazon Receipts` is replaced over days × location when the import covers Receipts,
 * `Amazon Summary` over month × location, `Amazon Inventory` over snapshot day × location.
 * A report without data rows (or whose rows all fall outside the requested days) is NO_DATA: the
 * plan deletes and writes nothing.
 */
import { isoFromDay, monthBounds, monthOfDay, type Day, type Month } from '../days';
import { DEFAULT_LOCATION, type LedgerEvent, type LedgerRow } from '../ledger/types';
import { DETAIL_EVENT_TYPES } from '../reports/codes';
import { DETAIL_REPORT, MYI_REPORT, SUMMARY_REPORT, type ReportType } from '../reports/detect';
import type { DetailReport, MyiReport, ParsedReport, SummaryReport } from '../reports/parse';
import { destinationOf, mapDetail, mergeDetailDownloads } from './detail';
import { INVENTORY_KIND, LEDGER_KIND, RECEIPTS_KIND, SUMMARY_KIND, defaultReadDay, type DayReader } from './keys';
import { emptySheetPlan, planSheet, type SheetPlan } from './plan';
import { mergeDownloads } from './rows';
import { mapInventory, mapSummary, mergeSummaryDownloads, myiIdentity } from './summary';
import { unknownSkuWarnings } from './skus';

/** Ledger events an import may replace (spec §6). */
export const REPLACEABLE_EVENTS: readonly LedgerEvent[] = ['SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT'];

export type ImportStatus = 'OK' | 'NO_DATA';

/** The current data rows (header excluded) of the sheets an import touches. */
export interface ImportSheets {
  ledger?: readonly (readonly unknown[])[];
  receipts?: readonly (readonly unknown[])[];
  summary?: readonly (readonly unknown[])[];
  inventory?: readonly (readonly unknown[])[];
}

/** What a fetch asked Amazon for. */
export interface RequestedScope {
  firstDay: Day;
  lastDay: Day;
  /** Amazon event types requested (detail reports): e.g. ['Shipments']. */
  eventTypes?: readonly string[];
  /** Locations the requested marketplaces map to. */
  locations?: readonly string[];
}

export interface ImportOptions {
  /** `report:<report id>` or `file:<file name>`. */
  source: string;
  /** Country → location (the `Locations` sheet). */
  locations: ReadonlyMap<string, string>;
  /**
   * Location of rows without a country: detail files without a Country column, summaries
   * aggregated by FC, every MYI row. Default FBA-US.
   */
  defaultLocation?: string;
  /** For fetches: the requested days (rows outside are dropped), event types and locations. */
  requested?: RequestedScope | null;
  /** The SKUs the report was filtered to, if it was. */
  skus?: readonly string[] | null;
  /** SKUs the ledger has seen (ledger SKUs and Kits' Amazon SKUs): others are warned about. */
  knownSkus?: ReadonlySet<string> | null;
  /** MYI: the import day (the snapshot date). */
  snapshotDay?: Day;
  /** Reads date cells of existing rows (the shell passes one for its zone). */
  readDay?: DayReader;
  /**
   * Location → opening day (start mid-stream, spec §7): detail rows of that location dated on or
   * before it are not imported, and no row of the ledger or of `Amazon Receipts` dated so is replaced.
   */
  openingDays?: ReadonlyMap<string, Day> | null;
}

export interface ImportScope {
  locations: string[];
  firstDay: Day | null;
  lastDay: Day | null;
  /** Amazon's event type names covered (detail). */
  eventTypes: string[];
  /** Ledger events covered (detail). */
  ledgerEvents: LedgerEvent[];
  /** True when `Amazon Receipts` is in scope. */
  receipts: boolean;
  /** Months covered (summary). */
  months: Month[];
  skus: string[] | null;
}

export interface ImportCounts {
  rowsRead: number;
  /** Rows appended, all sheets. */
  rowsWritten: number;
  /** Rows deleted, all sheets. */
  rowsReplaced: number;
  /**
   * Source rows not written: warehouse transfers, rows outside the requested days or on/before an
   * opening day, duplicates of another download, groups summing to zero, rows an edited row stands for.
   */
  rowsSkipped: number;
  /** Rows already in the sheets exactly as the import would write them. */
  rowsUnchanged: number;
}

export interface ImportLogEntry {
  source: string;
  reportType: ReportType;
  location: string;
  dataStart: Day | null;
  dataEnd: Day | null;
  eventTypes: string;
  rowsRead: number;
  rowsWritten: number;
  rowsReplaced: number;
  rowsSkipped: number;
  warnings: string[];
  status: ImportStatus;
}

export interface ImportPlan {
  status: ImportStatus;
  reportType: ReportType;
  source: string;
  scope: ImportScope;
  ledger: SheetPlan;
  receipts: SheetPlan;
  summary: SheetPlan;
  inventory: SheetPlan;
  /** The compacted ledger rows written or kept (all rows the import stands for). */
  ledgerRows: LedgerRow[];
  /** Countries to add to `Locations`: [country, location]. */
  newLocations: [string, string][];
  counts: ImportCounts;
  skipped: { whseTransfers: number; outsideDays: number; beforeOpening: number; compacted: number; duplicates: number; netZero: number; supersededByEdits: number };
  warnings: string[];
  log: ImportLogEntry;
}

function upper(v: unknown): string {
  return typeof v === 'string' ? v.trim().toUpperCase() : v === null || v === undefined ? '' : String(v).toUpperCase();
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v);
}

/** The location of a sheet cell (blank means FBA-US everywhere, spec §3). */
function locationCell(v: unknown): string {
  const t = textOf(v);
  return t === '' ? DEFAULT_LOCATION : t;
}

function editedWarnings(plan: SheetPlan): string[] {
  if (plan.edited.length === 0) return [];
  const shown = plan.edited.slice(0, 10).join(', ');
  const more = plan.edited.length > 10 ? ` and ${plan.edited.length - 10} more` : '';
  const superseded = plan.supersededByEdits > 0
    ? `; ${plan.supersededByEdits} of them stand for rows this import would write, which were not written again`
    : '';
  return [`${plan.sheet}: row${plan.edited.length > 1 ? 's' : ''} ${shown}${more} were changed by hand since an import wrote them and were kept as they are${superseded}`];
}

function newCountryWarnings(added: Map<string, string>): string[] {
  return [...added].map(([c, l]) => `country ${c} is not in Locations: its rows were imported as ${l}; add it to Locations (done for you)`);
}

const MAX_LOG_WARNINGS_CHARS = 5000;

/** The Warnings cell of the Import Log: the warnings one per line, cut to fit. */
export function warningsCell(warnings: readonly string[]): string {
  let out = '';
  for (let i = 0; i < warnings.length; i++) {
    const next = (out ? out + '\n' : '') + warnings[i];
    if (next.length > MAX_LOG_WARNINGS_CHARS) return `${out}\n… and ${warnings.length - i} more`;
    out = next;
  }
  return out;
}

function mergedOfType<T extends ParsedReport>(reports: readonly ParsedReport[], type: ReportType): T[] {
  const list = reports.filter((r) => r.type === type) as T[];
  if (list.length !== reports.length) throw new Error('planImport: the reports of one import must be of one type');
  return list;
}

/**
 * Plans an import of one report, or of several downloads of the same type and days (e.g. one per
 * marketplace), which are merged first.
 */
export function planImport(input: ParsedReport | readonly ParsedReport[], sheets: ImportSheets, opts: ImportOptions): ImportPlan {
  const reports = Array.isArray(input) ? (input as readonly ParsedReport[]) : [input as ParsedReport];
  if (reports.length === 0) throw new Error('planImport: no report');
  const type = reports[0].type;
  if (type === DETAIL_REPORT) return planDetail(mergedOfType<DetailReport>(reports, type), sheets, opts);
  if (type === SUMMARY_REPORT) return planSummary(mergedOfType<SummaryReport>(reports, type), sheets, opts);
  return planInventory(mergedOfType<MyiReport>(reports, type), sheets, opts);
}

function skuFilter(skus: readonly string[] | null): ((v: unknown) => boolean) | null {
  if (!skus) return null;
  const set = new Set(skus.map((s) => s.trim().toUpperCase()));
  return (v) => set.has(upper(v));
}

function finish(
  base: Omit<ImportPlan, 'counts' | 'log' | 'warnings' | 'skipped'> & { skipped: Omit<ImportPlan['skipped'], 'supersededByEdits'> },
  rowsRead: number,
  warnings: string[],
): ImportPlan {
  const sheetPlans = [base.ledger, base.receipts, base.summary, base.inventory];
  const supersededByEdits = sheetPlans.reduce((s, p) => s + p.supersededByEdits, 0);
  const skipped = { ...base.skipped, supersededByEdits };
  const counts: ImportCounts = {
    rowsRead,
    rowsWritten: sheetPlans.reduce((s, p) => s + p.written, 0),
    rowsReplaced: sheetPlans.reduce((s, p) => s + p.replaced, 0),
    rowsSkipped: skipped.whseTransfers + skipped.outsideDays + skipped.beforeOpening + skipped.compacted + skipped.duplicates + skipped.netZero + supersededByEdits,
    rowsUnchanged: sheetPlans.reduce((s, p) => s + p.unchanged, 0),
  };
  const allWarnings = [...warnings, ...sheetPlans.flatMap(editedWarnings)];
  const log: ImportLogEntry = {
    source: base.source,
    reportType: base.reportType,
    location: base.scope.locations.join(', '),
    dataStart: base.scope.firstDay,
    dataEnd: base.scope.lastDay,
    eventTypes: base.scope.eventTypes.join(', '),
    rowsRead: counts.rowsRead,
    rowsWritten: counts.rowsWritten,
    rowsReplaced: counts.rowsReplaced,
    rowsSkipped: counts.rowsSkipped,
    warnings: allWarnings,
    status: base.status,
  };
  return { ...base, skipped, counts, warnings: allWarnings, log };
}

/** Location → months with rows written by "Compact closed months" (Source `compacted:<month>`). */
function compactedMonthsOf(ledger: readonly (readonly unknown[])[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const v of ledger) {
    const src = textOf(v[10]);
    if (src.length < 17 || src.slice(0, 10).toLowerCase() !== 'compacted:') continue;
    const month = src.slice(10, 17);
    const loc = locationCell(v[6]);
    const set = out.get(loc) ?? new Set<string>();
    set.add(month);
    out.set(loc, set);
  }
  return out;
}

function planDetail(reports: DetailReport[], sheets: ImportSheets, opts: ImportOptions): ImportPlan {
  const { records, duplicates } = mergeDetailDownloads(reports.map((r) => r.records));
  const requested = opts.requested ?? null;
  const compactedMonths = compactedMonthsOf(sheets.ledger ?? []);
  const mapped = mapDetail(records, {
    locations: opts.locations, defaultLocation: opts.defaultLocation, source: opts.source,
    days: requested ? { first: requested.firstDay, last: requested.lastDay } : null,
    openingDays: opts.openingDays ?? null,
    compactedMonths,
  }, duplicates);
  const openingDays = opts.openingDays ?? null;
  const afterOpening = (location: string, day: Day): boolean => {
    const od = openingDays ? openingDays.get(location) : undefined;
    return od === undefined || day > od;
  };
  const notCompacted = (location: string, day: Day): boolean => !compactedMonths.get(location)?.has(monthOfDay(day));
  const parseWarnings = uniq(reports.flatMap((r) => r.warnings));
  const noData = mapped.rowsKept === 0;
  // Scope.
  const eventTypes = noData ? [] : orderEvents(new Set([...(requested?.eventTypes ?? []), ...mapped.eventTypes]));
  const ledgerEvents = new Set<LedgerEvent>();
  let receipts = false;
  for (const e of eventTypes) {
    const d = destinationOf(e);
    if (d === 'receipts') receipts = true;
    else if (d !== 'skip') ledgerEvents.add(d.ledger);
  }
  const locations = noData ? [] : [...new Set([...(requested?.locations ?? []), ...mapped.locations])].sort();
  const firstDay = noData ? null : requested ? requested.firstDay : mapped.firstDay;
  const lastDay = noData ? null : requested ? requested.lastDay : mapped.lastDay;
  const skus = opts.skus ? [...new Set([...opts.skus.map((s) => s.trim()), ...mapped.mskus])].sort() : null;
  const scope: ImportScope = {
    locations, firstDay, lastDay, eventTypes, ledgerEvents: REPLACEABLE_EVENTS.filter((e) => ledgerEvents.has(e)), receipts, months: [], skus,
  };
  const readDay = opts.readDay ?? defaultReadDay;
  let ledger = emptySheetPlan(LEDGER_KIND.name);
  let receiptsPlan = emptySheetPlan(RECEIPTS_KIND.name);
  if (!noData && firstDay !== null && lastDay !== null) {
    const locSet = new Set(locations);
    const skuOk = skuFilter(skus);
    if (scope.ledgerEvents.length > 0) {
      const evSet = new Set<string>(scope.ledgerEvents);
      ledger = planSheet({
        kind: LEDGER_KIND,
        existing: sheets.ledger ?? [],
        newRows: mapped.ledgerSheetRows,
        readDay,
        inScope: (v) => {
          const ev = upper(v[1]);
          if (!evSet.has(ev)) return false;
          const src = textOf(v[10]).toLowerCase();
          if (!src.startsWith('report:') && !src.startsWith('file:')) return false;
          const loc = locationCell(v[6]);
          if (!locSet.has(loc)) return false;
          if (skuOk && !skuOk(v[2])) return false;
          const d = readDay(v[0]);
          return d !== null && d >= firstDay && d <= lastDay && afterOpening(loc, d) && notCompacted(loc, d);
        },
      });
    }
    if (receipts) {
      receiptsPlan = planSheet({
        kind: RECEIPTS_KIND,
        existing: sheets.receipts ?? [],
        newRows: mapped.receiptSheetRows,
        readDay,
        inScope: (v) => {
          const loc = locationCell(v[1]);
          if (!locSet.has(loc)) return false;
          if (skuOk && !skuOk(v[3])) return false;
          const d = readDay(v[0]);
          return d !== null && d >= firstDay && d <= lastDay && afterOpening(loc, d);
        },
      });
    }
  }
  const warnings = [
    ...parseWarnings,
    ...(noData ? [] : newCountryWarnings(mapped.newCountries)),
    ...(mapped.skipped.beforeOpening > 0
      ? [`${mapped.skipped.beforeOpening} row${mapped.skipped.beforeOpening > 1 ? 's' : ''} dated on or before the opening day of ${[...(openingDays ?? new Map<string, Day>())].map(([l, d]) => `${l} (${isoFromDay(d)})`).join(', ')} were not imported: the opening stands for them`]
      : []),
    ...(mapped.skipped.compacted > 0
      ? [`${mapped.skipped.compacted} ledger row${mapped.skipped.compacted > 1 ? 's' : ''} of months already compacted (${[...compactedMonths].map(([l, ms]) => `${l} ${[...ms].sort().join(', ')}`).join('; ')}) were not imported again: the compacted rows stand for them`]
      : []),
    ...(noData ? [mapped.rowsRead === 0 ? 'the report has no data rows: nothing was changed' : 'no row of the report falls on the days it may import: nothing was changed'] : []),
    ...unknownSkuWarnings(mapped.mskus, opts.knownSkus ?? null),
  ];
  return finish({
    status: noData ? 'NO_DATA' : 'OK',
    reportType: DETAIL_REPORT,
    source: opts.source,
    scope,
    ledger,
    receipts: receiptsPlan,
    summary: emptySheetPlan(SUMMARY_KIND.name),
    inventory: emptySheetPlan(INVENTORY_KIND.name),
    ledgerRows: noData ? [] : mapped.ledgerRows,
    newLocations: noData ? [] : [...mapped.newCountries],
    skipped: {
      whseTransfers: mapped.skipped.whseTransfers, outsideDays: mapped.skipped.outsideDays, beforeOpening: mapped.skipped.beforeOpening, compacted: mapped.skipped.compacted,
      duplicates: mapped.skipped.duplicates, netZero: mapped.skipped.netZero,
    },
  }, mapped.rowsRead, warnings);
}

function monthsBetween(first: Day, last: Day): Month[] {
  const out: Month[] = [];
  let m = monthOfDay(first);
  const end = monthOfDay(last);
  while (m <= end) {
    out.push(m);
    const b = monthBounds(m)!;
    m = monthOfDay(b.last + 1);
  }
  return out;
}

function planSummary(reports: SummaryReport[], sheets: ImportSheets, opts: ImportOptions): ImportPlan {
  const { records, duplicates } = mergeSummaryDownloads(reports.map((r) => r.records));
  const requested = opts.requested ?? null;
  const requestedMonths = requested ? monthsBetween(requested.firstDay, requested.lastDay) : null;
  const mapped = mapSummary(records, {
    locations: opts.locations, defaultLocation: opts.defaultLocation, source: opts.source, months: requestedMonths,
  }, duplicates);
  const noData = mapped.rowsKept === 0;
  const months = noData ? [] : [...new Set([...(requestedMonths ?? []), ...mapped.months])].sort();
  const locations = noData ? [] : [...new Set([...(requested?.locations ?? []), ...mapped.locations])].sort();
  const skus = opts.skus ? [...new Set([...opts.skus.map((s) => s.trim()), ...mapped.mskus])].sort() : null;
  const scope: ImportScope = {
    locations,
    firstDay: months.length ? monthBounds(months[0])!.first : null,
    lastDay: months.length ? monthBounds(months[months.length - 1])!.last : null,
    eventTypes: [], ledgerEvents: [], receipts: false, months, skus,
  };
  const readDay = opts.readDay ?? defaultReadDay;
  let summary = emptySheetPlan(SUMMARY_KIND.name);
  if (!noData) {
    const monthSet = new Set(months);
    const locSet = new Set(locations);
    const skuOk = skuFilter(skus);
    summary = planSheet({
      kind: SUMMARY_KIND,
      existing: sheets.summary ?? [],
      newRows: mapped.sheetRows,
      readDay,
      inScope: (v) => {
        if (!locSet.has(locationCell(v[1]))) return false;
        if (skuOk && !skuOk(v[2])) return false;
        const m = monthCell(v[0], readDay);
        return m !== null && monthSet.has(m);
      },
    });
  }
  const warnings = [
    ...uniq(reports.flatMap((r) => r.warnings)),
    ...mapped.warnings,
    ...(noData ? [] : newCountryWarnings(mapped.newCountries)),
    ...(noData ? ['the report has no data rows for the requested months: nothing was changed'] : []),
    ...unknownSkuWarnings(mapped.mskus, opts.knownSkus ?? null),
  ];
  return finish({
    status: noData ? 'NO_DATA' : 'OK',
    reportType: SUMMARY_REPORT,
    source: opts.source,
    scope,
    ledger: emptySheetPlan(LEDGER_KIND.name),
    receipts: emptySheetPlan(RECEIPTS_KIND.name),
    summary,
    inventory: emptySheetPlan(INVENTORY_KIND.name),
    ledgerRows: [],
    newLocations: noData ? [] : [...mapped.newCountries],
    skipped: { whseTransfers: 0, outsideDays: mapped.skipped.outsideMonths, beforeOpening: 0, compacted: 0, duplicates, netZero: 0 },
  }, mapped.rowsRead, warnings);
}

function monthCell(v: unknown, readDay: DayReader): Month | null {
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{4}-\d{2}$/.test(t)) return t;
  }
  const d = readDay(v);
  return d === null ? null : monthOfDay(d);
}

function planInventory(reports: MyiReport[], sheets: ImportSheets, opts: ImportOptions): ImportPlan {
  if (opts.snapshotDay === undefined) throw new Error('planImport: an MYI import needs snapshotDay (the import day)');
  const snapshotDay = opts.snapshotDay;
  const { records, duplicates } = mergeDownloads(reports.map((r) => r.records), myiIdentity);
  const location = opts.defaultLocation ?? DEFAULT_LOCATION;
  const mapped = mapInventory(records, { location, snapshotDay, source: opts.source });
  const noData = records.length === 0;
  const scope: ImportScope = {
    locations: noData ? [] : [location], firstDay: noData ? null : snapshotDay, lastDay: noData ? null : snapshotDay,
    eventTypes: [], ledgerEvents: [], receipts: false, months: [], skus: opts.skus ? [...opts.skus].sort() : null,
  };
  const readDay = opts.readDay ?? defaultReadDay;
  let inventory = emptySheetPlan(INVENTORY_KIND.name);
  if (!noData) {
    const skuOk = skuFilter(opts.skus ? [...opts.skus, ...mapped.mskus] : null);
    inventory = planSheet({
      kind: INVENTORY_KIND,
      existing: sheets.inventory ?? [],
      newRows: mapped.sheetRows,
      readDay,
      inScope: (v) => locationCell(v[1]) === location && (!skuOk || skuOk(v[2])) && readDay(v[0]) === snapshotDay,
    });
  }
  const warnings = [
    ...uniq(reports.flatMap((r) => r.warnings)),
    ...(noData ? ['the report has no data rows: nothing was changed'] : []),
    ...unknownSkuWarnings(mapped.mskus, opts.knownSkus ?? null),
  ];
  return finish({
    status: noData ? 'NO_DATA' : 'OK',
    reportType: MYI_REPORT,
    source: opts.source,
    scope,
    ledger: emptySheetPlan(LEDGER_KIND.name),
    receipts: emptySheetPlan(RECEIPTS_KIND.name),
    summary: emptySheetPlan(SUMMARY_KIND.name),
    inventory,
    ledgerRows: [],
    newLocations: [],
    skipped: { whseTransfers: 0, outsideDays: 0, beforeOpening: 0, compacted: 0, duplicates, netZero: 0 },
  }, records.length + duplicates, warnings);
}

function orderEvents(set: Set<string>): string[] {
  const known: readonly string[] = DETAIL_EVENT_TYPES;
  return [...known.filter((e) => set.has(e)), ...[...set].filter((e) => !known.includes(e)).sort()];
}

function uniq(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** The Import Log row (spec §3): Data start/end as Day numbers (the shell converts), `time` as given. */
export function importLogValues(entry: ImportLogEntry, time: unknown): unknown[] {
  return [
    time, entry.source, entry.reportType, entry.location, entry.dataStart ?? '', entry.dataEnd ?? '', entry.eventTypes,
    entry.rowsRead, entry.rowsWritten, entry.rowsReplaced, entry.rowsSkipped, warningsCell(entry.warnings), entry.status,
  ];
}

/** The shape `importReportFile` returns (spec §9), dates as `YYYY-MM-DD`. */
export interface ImportResult {
  reportType: ReportType;
  location: string;
  dataStart: string | null;
  dataEnd: string | null;
  eventTypes: string[];
  rowsRead: number;
  rowsWritten: number;
  rowsReplaced: number;
  rowsSkipped: number;
  warnings: string[];
  status: ImportStatus;
}

export function importResult(plan: ImportPlan): ImportResult {
  return {
    reportType: plan.reportType,
    location: plan.log.location,
    dataStart: plan.scope.firstDay === null ? null : isoFromDay(plan.scope.firstDay),
    dataEnd: plan.scope.lastDay === null ? null : isoFromDay(plan.scope.lastDay),
    eventTypes: plan.scope.eventTypes,
    rowsRead: plan.counts.rowsRead,
    rowsWritten: plan.counts.rowsWritten,
    rowsReplaced: plan.counts.rowsReplaced,
    rowsSkipped: plan.counts.rowsSkipped,
    warnings: plan.warnings,
    status: plan.status,
  };
}
