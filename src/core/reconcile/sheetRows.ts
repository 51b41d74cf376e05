/**
 * The `Reconciliation` sheet's columns (spec §3) and the conversion of a review line to and from
 * a row of cell values. Closed at is carried as an ISO-8601 text here; the shell turns it into a
 * Date cell (and back) when it writes (reads) the sheet.
 */
import type { ReconciliationLine } from '../../shared/wire';

export const RECONCILIATION_COLUMNS = [
  'Month', 'Location', 'SKU', 'Opening', 'Transfers', 'Shipments', 'Returns', 'Removals', 'Adjustments',
  'Reconciliation', 'Closing', 'Amazon starting', 'Amazon receipts', 'Amazon shipments', 'Amazon returns',
  'Amazon removals', 'Amazon adjustments', 'Amazon ending', 'Amazon in transit between warehouses',
  'Inbound in transit', 'Variance', 'Cause', 'Status', 'Closed at', 'Fingerprint',
] as const;

type Cell = string | number;

/** A review line as the sheet's 25 cells (null figures as blank cells). */
export function lineToCells(l: ReconciliationLine): Cell[] {
  const n = (v: number | null): Cell => (v === null ? '' : v);
  return [
    l.month, l.location, l.sku, l.opening, l.transfers, l.shipments, l.returns, l.removals, l.adjustments,
    l.reconciliation, l.closing, n(l.amazonStarting), n(l.amazonReceipts), n(l.amazonShipments), n(l.amazonReturns),
    n(l.amazonRemovals), n(l.amazonAdjustments), n(l.amazonEnding), n(l.amazonInTransitBetweenWarehouses),
    l.inboundInTransit, n(l.variance), l.cause, l.status, l.closedAt ?? '', l.fingerprint ?? '',
  ];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  const t = text(v);
  const n = t === '' ? 0 : Number(t);
  return Number.isFinite(n) ? n : 0;
}

function numOrNull(v: unknown): number | null {
  return text(v) === '' ? null : num(v);
}

/**
 * A sheet row (25 cells, in column order) as a review line. The Month cell may be a Date when a
 * person typed it (Sheets converts `2026-03`): it is read back as `YYYY-MM` of its ISO text.
 */
export function lineFromCells(cells: readonly unknown[]): ReconciliationLine {
  const c = (i: number): unknown => cells[i];
  const month = c(0) instanceof Date ? text(c(0)).slice(0, 7) : text(c(0));
  const closedAt = text(c(23));
  const fingerprint = text(c(24));
  return {
    month, location: text(c(1)), sku: text(c(2)),
    opening: num(c(3)), transfers: num(c(4)), shipments: num(c(5)), returns: num(c(6)), removals: num(c(7)),
    adjustments: num(c(8)), reconciliation: num(c(9)), closing: num(c(10)),
    amazonStarting: numOrNull(c(11)), amazonReceipts: numOrNull(c(12)), amazonShipments: numOrNull(c(13)),
    amazonReturns: numOrNull(c(14)), amazonRemovals: numOrNull(c(15)), amazonAdjustments: numOrNull(c(16)),
    amazonEnding: numOrNull(c(17)), amazonInTransitBetweenWarehouses: numOrNull(c(18)),
    inboundInTransit: num(c(19)), variance: numOrNull(c(20)), cause: text(c(21)), causeCode: null, status: text(c(22)).toUpperCase(),
    closedAt: closedAt === '' ? null : closedAt, fingerprint: fingerprint === '' ? null : fingerprint,
  };
}

/** The wire line of a review line (drops the engine's extra fields). */
export function toWireLine(l: ReconciliationLine): ReconciliationLine {
  return {
    month: l.month, location: l.location, sku: l.sku, opening: l.opening, transfers: l.transfers, shipments: l.shipments,
    returns: l.returns, removals: l.removals, adjustments: l.adjustments, reconciliation: l.reconciliation, closing: l.closing,
    amazonStarting: l.amazonStarting, amazonReceipts: l.amazonReceipts, amazonShipments: l.amazonShipments,
    amazonReturns: l.amazonReturns, amazonRemovals: l.amazonRemovals, amazonAdjustments: l.amazonAdjustments,
    amazonEnding: l.amazonEnding, amazonInTransitBetweenWarehouses: l.amazonInTransitBetweenWarehouses,
    inboundInTransit: l.inboundInTransit, variance: l.variance, cause: l.cause, causeCode: l.causeCode ?? null, status: l.status, closedAt: l.closedAt,
    fingerprint: l.fingerprint,
  };
}
