import { dayFromIso, isoFromDay, utcDays, type Day } from '../../../src/core/days';
import { LotLedger } from '../../../src/core/ledger/engine';

/** Day n of the test calendar: d(1) = 2025-01-01. */
export function day(n: number): Day {
  return dayFromIso('2025-01-01')! + n - 1;
}

/** `YYYY-MM-DD` of day n. */
export function d(n: number): string {
  return isoFromDay(day(n));
}

export interface Extra {
  expiry?: string;
  location?: string;
  disposition?: string;
  reason?: string;
  reference?: string;
  source?: string;
  key?: string;
}

/** One ledger row as a custom function receives it (12 columns). */
export function row(date: string | number, event: string, sku: string | number, lot: string, quantity: number | string, x: Extra = {}): unknown[] {
  return [
    typeof date === 'number' ? d(date) : date,
    event,
    sku,
    lot,
    quantity,
    x.expiry ?? '',
    x.location ?? '',
    x.disposition ?? '',
    x.reason ?? '',
    x.reference ?? '',
    x.source ?? '',
    x.key ?? '',
  ];
}

export const HEADER = ['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key'];

export function engine(rows: unknown[][], kits?: unknown[][]): LotLedger {
  return LotLedger.fromValues([HEADER, ...rows], kits, utcDays);
}

/** Lot estimate of `sku`'s lot by method (FIFO default). */
export function est(e: LotLedger, sku: string, lot: string, method: 'FIFO' | 'FEFO' | 'MIN' | 'MAX' = 'FIFO', asOf?: number): number {
  return e.lotRemaining(sku, lot, { method, asOf: asOf === undefined ? null : day(asOf) });
}

export function range(e: LotLedger, sku: string, lot: string, asOf?: number): [number, number] {
  return [est(e, sku, lot, 'MIN', asOf), est(e, sku, lot, 'MAX', asOf)];
}
