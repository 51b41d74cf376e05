/**
 * The base scenario most reconciliation tests start from: one SKU at FBA-US, sent in February,
 * sold in March, every day of February and March imported, both summaries imported. Both months
 * agree.
 */
import type { LedgerRow } from '../../../src/core/ledger/types';
import type { ImportLogRecord, ReceiptRow, ReconcileData, SummaryRow } from '../../../src/core/reconcile';
import { data, detailImport, receipt, row, summary, summaryImport } from './helpers';

export interface Scenario {
  ledger: LedgerRow[];
  summary: SummaryRow[];
  receipts: ReceiptRow[];
  importLog: ImportLogRecord[];
}

export function base(): Scenario {
  return {
    ledger: [
      row('2026-02-10', 'TRANSFER', 'SKU1', 100, { lot: 'A', reference: 'FBA1' }),
      row('2026-03-05', 'SHIPMENT', 'SKU1', -30),
      row('2026-03-10', 'RETURN', 'SKU1', 2),
      row('2026-03-12', 'ADJUSTMENT', 'SKU1', -1, { reason: 'M' }),
    ],
    receipts: [receipt('2026-02-15', 'FBA1', 'SKU1', 100)],
    summary: [
      summary('2026-02', 'SKU1', { receipts: 100 }),
      summary('2026-03', 'SKU1', { starting: 100, shipments: -30, returns: 2, lost: -1 }),
    ],
    importLog: [detailImport('2026-02-01', '2026-03-31'), summaryImport('2026-02'), summaryImport('2026-03')],
  };
}

export function toData(s: Scenario, extra: Partial<ReconcileData> = {}): ReconcileData {
  return data({ ledger: s.ledger, summary: s.summary, receipts: s.receipts, importLog: s.importLog, ...extra });
}

/** Replaces the March summary row of SKU1. */
export function setMarch(s: Scenario, row: SummaryRow): void {
  s.summary = s.summary.filter((r) => !(r.month === '2026-03' && r.msku === 'SKU1'));
  s.summary.push(row);
}
