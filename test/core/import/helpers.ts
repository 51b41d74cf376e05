import { dayFromYmd, type Day } from '../../../src/core/days';
import type { DetailRecord, DetailReport } from '../../../src/core/reports/parse';

export const LOCATIONS = new Map([
  ['US', 'FBA-US'], ['CA', 'FBA-CA'], ['GB', 'FBA-UK'], ['DE', 'FBA-EU'], ['FR', 'FBA-EU'], ['IT', 'FBA-EU'],
]);

export const jan = (d: number): Day => dayFromYmd(2025, 1, d);

let line = 2;
/** A detail record with defaults (US, SELLABLE, PHX7). */
export function rec(p: Partial<DetailRecord> & { day: Day; eventType: string; quantity: number }): DetailRecord {
  return {
    line: line++, msku: 'SKU-A', fnsku: 'X00A', referenceId: '', fulfillmentCenter: 'PHX7', disposition: 'SELLABLE',
    reason: '', country: 'US', store: '', ...p,
  };
}

/** Wraps records as a parsed detail report. */
export function report(records: DetailRecord[], warnings: string[] = []): DetailReport {
  const days = records.map((r) => r.day);
  return {
    type: 'GET_LEDGER_DETAIL_VIEW_DATA', records, rowsRead: records.length, warnings, delimiter: '\t', headerLine: 1,
    dateOrder: null, eventTypes: [...new Set(records.map((r) => r.eventType))],
    firstDay: days.length ? Math.min(...days) : null, lastDay: days.length ? Math.max(...days) : null,
  };
}

/** A user-typed ledger row (no Source prefix, no Key). */
export function userRow(day: Day, event: string, sku: string, qty: number, location = 'FBA-US', lot = 'L1', source = 'manual'): unknown[] {
  return [day, event, sku, lot, qty, '', location, '', '', '', source, ''];
}
