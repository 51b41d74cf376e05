/**
 * Reads the workbook into the reconciliation engine's `ReconcileData` (spec §7): `FBA Ledger` and
 * `Kits`, `Amazon Summary`, `Amazon Receipts`, the `Import Log` as coverage records, the stored
 * lines of `Reconciliation`, and the openings recorded by start mid-stream (one document property
 * per location, `fba.opening.<location>`, holding the `OpeningRecord` as JSON).
 *
 * Also what the import pipeline asks of the reconciliation: `closedMonthChanges` (closed months
 * whose data changed since they were closed) and `openingDays` (detail imports dated on or before
 * a location's opening day are refused).
 */
import { isoFromDay, monthBounds, type Day } from '../core/days';
import { InputError } from '../core/errors';
import { isBlankRow, readDayCell, readWholeNumber } from '../core/ledger/index';
import { DEFAULT_LOCATION } from '../core/ledger/types';
import {
  detectClosedMonthChanges, lineFromCells, reconcile, REMOVED_STATUS, STATUS_CLOSED, SUMMARY_FIGURE_NAMES, textKey,
  type ImportLogRecord, type InventoryRow, type OpeningRecord, type ReceiptRow, type ReconcileData, type SummaryFigures, type SummaryRow,
} from '../core/reconcile/index';
import type { ClosedMonthChange, ReconciliationLine } from '../shared/wire';
import { IMPORT_LOG, INVENTORY, RECEIPTS, RECONCILIATION, SUMMARY, type SheetLayout } from './layout';
import { readLedgerData } from './ledgerData';
import type { Deps, KeyValueStore, Workbook } from './ports';
import { optionalSheet } from './sheets';

/** Document property prefix of the openings recorded by start mid-stream. */
export const OPENING_PREFIX = 'fba.opening.';

/** The document property holding a location's opening. */
export function openingProperty(location: string): string {
  return OPENING_PREFIX + location;
}

function isDateValue(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/** A location cell: trimmed text, `FBA-US` when blank (as everywhere in the workbook). */
function locationText(v: unknown): string {
  return text(v) || DEFAULT_LOCATION;
}

/** Data rows of an optional sheet with their sheet row numbers (blank rows skipped). */
function dataRows(wb: Workbook, layout: SheetLayout): Array<{ row: number; cells: unknown[] }> {
  const table = optionalSheet(wb, layout);
  if (!table) return [];
  const last = table.lastRow();
  if (last < 2) return [];
  const values = table.read(2, 1, last - 1, layout.headers.length);
  const out: Array<{ row: number; cells: unknown[] }> = [];
  values.forEach((cells, i) => {
    if (!isBlankRow(cells)) out.push({ row: i + 2, cells });
  });
  return out;
}

function bad(sheet: string, row: number, reason: string): InputError {
  return new InputError(`${sheet} row ${row}: ${reason}`);
}

function wholeCell(sheet: string, row: number, header: string, v: unknown, blankIsZero: boolean): number {
  if (blankIsZero && (v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) return 0;
  const n = readWholeNumber(v);
  if (n === undefined) throw bad(sheet, row, `${header} must be a whole number, not "${text(v)}"`);
  return n;
}

/** A Month cell: `YYYY-MM` text, or a Date a person typed (Sheets converts `2026-03`). */
function monthCell(wb: Workbook, v: unknown): string {
  if (isDateValue(v)) return isoFromDay(wb.days.dayOf(v)).slice(0, 7);
  return text(v);
}

/** The `Amazon Summary` rows. */
export function readSummaryRows(wb: Workbook): SummaryRow[] {
  const sheet = SUMMARY.name;
  return dataRows(wb, SUMMARY).map(({ row, cells }) => {
    const month = monthCell(wb, cells[0]);
    if (!monthBounds(month)) throw bad(sheet, row, `Month must be written YYYY-MM, not "${text(cells[0])}"`);
    if (text(cells[2]) === '') throw bad(sheet, row, 'MSKU is blank');
    const figures = {} as SummaryFigures;
    SUMMARY_FIGURE_NAMES.forEach((name, i) => {
      figures[name] = wholeCell(sheet, row, name, cells[5 + i], true);
    });
    return {
      row, month, location: locationText(cells[1]), msku: text(cells[2]), fnsku: text(cells[3]), disposition: text(cells[4]), figures,
    };
  });
}

/** The `Amazon Receipts` rows. */
export function readReceiptRows(wb: Workbook): ReceiptRow[] {
  const sheet = RECEIPTS.name;
  return dataRows(wb, RECEIPTS).map(({ row, cells }) => {
    const day = readDayCell(cells[0], wb.days);
    if (day === null || day === undefined) throw bad(sheet, row, `Date must be a date, not "${text(cells[0])}"`);
    if (text(cells[3]) === '') throw bad(sheet, row, 'MSKU is blank');
    return {
      row, day, location: locationText(cells[1]), shipmentId: text(cells[2]), msku: text(cells[3]),
      quantity: wholeCell(sheet, row, 'Quantity', cells[4], false),
    };
  });
}

/** The `Import Log` as coverage records, oldest first (a day cell that is not a date reads as none). */
export function readCoverage(wb: Workbook): ImportLogRecord[] {
  const day = (v: unknown): Day | null => {
    const d = readDayCell(v, wb.days);
    return d === undefined ? null : d;
  };
  return dataRows(wb, IMPORT_LOG).map(({ cells }) => ({
    source: text(cells[1]),
    reportType: text(cells[2]),
    location: text(cells[3]),
    dataStart: day(cells[4]),
    dataEnd: day(cells[5]),
    eventTypes: text(cells[6]).split(/[,;]/).map((s) => s.trim()).filter((s) => s !== ''),
    status: text(cells[12]),
  }));
}

/** Sources whose latest Import Log entry is REMOVED (their rows are gone). */
export function removedSources(log: readonly ImportLogRecord[]): string[] {
  const latest = new Map<string, string>();
  for (const e of log) if (e.source) latest.set(e.source, e.status.toUpperCase());
  return [...latest].filter(([, s]) => s === REMOVED_STATUS).map(([src]) => src);
}

/** A stored line of `Reconciliation` with its sheet row. */
export interface ReviewRow {
  row: number;
  line: ReconciliationLine;
}

/** The stored lines of `Reconciliation` with their sheet rows (Closed at read back as ISO-8601 text). */
export function readReviewRows(wb: Workbook): ReviewRow[] {
  return dataRows(wb, RECONCILIATION).map(({ row, cells }) => {
    const c = cells.slice();
    if (isDateValue(c[23])) c[23] = isNaN(c[23].getTime()) ? '' : c[23].toISOString();
    if (isDateValue(c[0])) c[0] = monthCell(wb, c[0]);
    return { row, line: lineFromCells(c) };
  });
}

/** The `Amazon Inventory` rows (MYI snapshots); rows without a snapshot day or MSKU are skipped. */
export function readInventoryRows(wb: Workbook): InventoryRow[] {
  const out: InventoryRow[] = [];
  for (const { row, cells } of dataRows(wb, INVENTORY)) {
    const snapshot = readDayCell(cells[0], wb.days);
    const msku = text(cells[2]);
    if (snapshot === null || snapshot === undefined || msku === '') continue;
    const n = (i: number): number => readWholeNumber(cells[i]) ?? 0;
    out.push({
      row, snapshot, location: locationText(cells[1]), msku, fnsku: text(cells[3]),
      warehouse: n(4), fulfillable: n(5), unsellable: n(6), reserved: n(7), total: n(8),
      inboundWorking: n(9), inboundShipped: n(10), inboundReceiving: n(11), source: text(cells[12]),
    });
  }
  return out;
}

function parseOpening(json: string): OpeningRecord | null {
  try {
    const o = JSON.parse(json) as Partial<OpeningRecord> | null;
    if (!o || typeof o !== 'object' || typeof o.location !== 'string' || typeof o.month !== 'string' || typeof o.day !== 'number') return null;
    const inbound: Record<string, number> = {};
    const given = o.inboundInTransit && typeof o.inboundInTransit === 'object' ? o.inboundInTransit : {};
    for (const sku of Object.keys(given)) {
      const n = Number(given[sku]);
      if (Number.isFinite(n) && n !== 0) inbound[sku] = n;
    }
    return { location: o.location, month: o.month, day: o.day, inboundInTransit: inbound };
  } catch {
    return null;
  }
}

/** Every opening recorded by start mid-stream (one per location). */
export function readOpenings(docProps: KeyValueStore): OpeningRecord[] {
  const entries = docProps.entries(OPENING_PREFIX);
  const out: OpeningRecord[] = [];
  for (const key of Object.keys(entries).sort()) {
    const o = parseOpening(entries[key]);
    if (o) out.push(o);
  }
  return out;
}

/** Today in the spreadsheet's zone. */
export function todayOf(deps: Pick<Deps, 'workbook' | 'clock'>): Day {
  return deps.workbook.days.dayOf(new Date(deps.clock.now()));
}

export interface WorkbookReconcileData extends ReconcileData {
  /** Warnings from reading the ledger and Kits (spelling, conflicts). */
  readWarnings: string[];
  /** The stored `Reconciliation` lines with their sheet rows (`review` holds the same lines). */
  reviewRows: ReviewRow[];
}

/** Everything the reconciliation engine reads, from the workbook and the document properties. */
export function readReconcileData(deps: Pick<Deps, 'workbook' | 'docProps' | 'clock'>): WorkbookReconcileData {
  const wb = deps.workbook;
  const ledger = readLedgerData(wb);
  const importLog = readCoverage(wb);
  const kits = ledger.kits;
  const reviewRows = readReviewRows(wb);
  return {
    ledger: ledger.rows,
    kits: kits.rows,
    resolve: (sku) => {
      const t = kits.resolve(sku);
      return { component: t.component, unitsPerKit: t.unitsPerKit };
    },
    summary: readSummaryRows(wb),
    receipts: readReceiptRows(wb),
    importLog,
    removedSources: removedSources(importLog),
    review: reviewRows.map((r) => r.line),
    openings: readOpenings(deps.docProps),
    today: todayOf(deps),
    readWarnings: ledger.warnings,
    reviewRows,
  };
}

/** A line's figures that a change of a closed month may move (Closing and Amazon's). */
function figuresOf(l: ReconciliationLine): string {
  return JSON.stringify([
    l.opening, l.transfers, l.shipments, l.returns, l.removals, l.adjustments, l.reconciliation, l.closing,
    l.amazonStarting, l.amazonReceipts, l.amazonShipments, l.amazonReturns, l.amazonRemovals, l.amazonAdjustments,
    l.amazonEnding, l.amazonInTransitBetweenWarehouses, l.inboundInTransit, l.variance,
  ]);
}

/**
 * Every closed month × location whose data changed since it was closed (its fingerprint no longer
 * matches): one entry per SKU whose Closing changed, plus (with equal old and new Closing) each
 * SKU whose other figures moved (e.g. Amazon's ending re-imported). A change that moves no figure
 * of any line (an edited Reason, a Kits row of another product) is not listed here; the review
 * still warns about it. Sorted by location, month, SKU.
 */
export function closedMonthChanges(deps: Deps): ClosedMonthChange[] {
  // Most imports meet no closed month: then one read of the review rows answers, not the whole workbook.
  if (!readReviewRows(deps.workbook).some((r) => r.line.status === STATUS_CLOSED)) return [];
  const data = readReconcileData(deps);
  const reports = detectClosedMonthChanges(data);
  if (!reports.length) return [];
  const out: ClosedMonthChange[] = [];
  const stored = data.review ?? [];
  for (const r of reports) {
    const listed = new Set(r.changes.map((c) => textKey(c.sku)));
    out.push(...r.changes);
    const old = stored.filter((l) => l.month === r.month && l.location === r.location && l.status === STATUS_CLOSED);
    if (old.length === 0) continue;
    const now = new Map<string, ReconciliationLine>();
    const current = currentLines(data, r.month, r.location);
    for (const l of current) now.set(textKey(l.sku), l);
    for (const o of old) {
      const k = textKey(o.sku);
      if (listed.has(k)) continue;
      const n = now.get(k);
      if (n && figuresOf(n) !== figuresOf(o)) {
        listed.add(k);
        out.push({ month: r.month, location: r.location, sku: n.sku, oldClosing: o.closing, newClosing: n.closing });
      }
    }
  }
  const order = (c: ClosedMonthChange): string => `${c.location}\u0000${c.month}\u0000${textKey(c.sku)}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** The engine's review of a month × location as the data reads now. */
function currentLines(data: ReconcileData, month: string, location: string): ReconciliationLine[] {
  return reconcile(data, { month, location }).lines;
}

/** Location → opening day (the last day of the month it started at) of every location started mid-stream. */
export function openingDays(deps: Deps): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of readOpenings(deps.docProps)) {
    const had = out.get(o.location);
    if (had === undefined || o.day > had) out.set(o.location, o.day);
  }
  return out;
}
