/**
 * Builders for hand-made reconciliation scenarios: ledger rows, Kits rows, Amazon Summary and
 * Receipts rows, and Import Log entries covering days.
 */
import { dayFromIso, isoFromDay, monthBounds, type Day } from '../../../src/core/days';
import type { KitRow, LedgerEvent, LedgerRow } from '../../../src/core/ledger/types';
import {
  DETAIL_EVENT_TYPES, SUMMARY_FIGURE_NAMES, SUMMARY_REPORT_TYPE,
  type ImportLogRecord, type ReceiptRow, type ReconcileData, type SummaryFigureName, type SummaryRow,
} from '../../../src/core/reconcile';

export const US = 'FBA-US';

export function d(iso: string): Day {
  const day = dayFromIso(iso);
  if (day === null) throw new Error(`bad day ${iso}`);
  return day;
}

let rowNo = 1;

export function row(
  date: string, event: LedgerEvent, sku: string, quantity: number,
  extra: Partial<Omit<LedgerRow, 'day' | 'event' | 'sku' | 'quantity'>> = {},
): LedgerRow {
  return {
    row: rowNo++, day: d(date), event, sku, lot: null, quantity, expiry: null, location: US, disposition: 'SELLABLE',
    reason: '', reference: '', source: event === 'TRANSFER' ? 'manual' : 'report:1', key: '', ...extra,
  };
}

export function kit(amazonSku: string, component: string, units: number): KitRow {
  return { row: rowNo++, amazonSku, component, units };
}

type FigureInput = Partial<{
  starting: number; inTransit: number; receipts: number; shipments: number; returns: number; vendorReturns: number;
  whse: number; found: number; lost: number; damaged: number; disposed: number; other: number; ending: number; unknown: number;
}>;

const FIGURE_OF: Record<keyof FigureInput, SummaryFigureName> = {
  starting: 'Starting Warehouse Balance', inTransit: 'In Transit Between Warehouses', receipts: 'Receipts',
  shipments: 'Customer Shipments', returns: 'Customer Returns', vendorReturns: 'Vendor Returns',
  whse: 'Warehouse Transfer In/Out', found: 'Found', lost: 'Lost', damaged: 'Damaged', disposed: 'Disposed',
  other: 'Other Events', ending: 'Ending Warehouse Balance', unknown: 'Unknown Events',
};

/** A summary row; `ending` defaults to the sum of the other figures (an internally consistent row). */
export function summary(month: string, msku: string, f: FigureInput, extra: Partial<SummaryRow> = {}): SummaryRow {
  const figures = Object.fromEntries(SUMMARY_FIGURE_NAMES.map((n) => [n, 0])) as Record<SummaryFigureName, number>;
  for (const k of Object.keys(f) as Array<keyof FigureInput>) figures[FIGURE_OF[k]] = f[k]!;
  if (f.ending === undefined) {
    figures['Ending Warehouse Balance'] =
      (f.starting ?? 0) + (f.receipts ?? 0) + (f.shipments ?? 0) + (f.returns ?? 0) + (f.vendorReturns ?? 0) + (f.whse ?? 0) +
      (f.found ?? 0) + (f.lost ?? 0) + (f.damaged ?? 0) + (f.disposed ?? 0) + (f.other ?? 0) + (f.unknown ?? 0);
  }
  return { row: rowNo++, month, location: US, msku, fnsku: 'X00' + msku, disposition: 'SELLABLE', figures, ...extra };
}

export function receipt(date: string, shipmentId: string, msku: string, quantity: number, location = US): ReceiptRow {
  return { row: rowNo++, day: d(date), location, shipmentId, msku, quantity };
}

let reportNo = 100;

/** Detail imports of the five event types (or the ones given) covering start..end. */
export function detailImport(start: string, end: string, types: readonly string[] = DETAIL_EVENT_TYPES, location = US, status = 'OK'): ImportLogRecord {
  return {
    source: `report:${reportNo++}`, reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', location, dataStart: d(start), dataEnd: d(end),
    eventTypes: [...types], status,
  };
}

/** A summary import of a whole month. */
export function summaryImport(month: string, location = US, status = 'OK'): ImportLogRecord {
  const b = monthBounds(month)!;
  return {
    source: `report:${reportNo++}`, reportType: SUMMARY_REPORT_TYPE, location, dataStart: b.first, dataEnd: b.last,
    eventTypes: [], status,
  };
}

export function data(parts: Partial<ReconcileData>): ReconcileData {
  return { ledger: [], kits: [], summary: [], receipts: [], importLog: [], ...parts };
}

export { isoFromDay };
