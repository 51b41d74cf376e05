/**
 * The fetch job's plan (spec §6 "Fetch from Amazon"): one ledger detail report per month ×
 * event type and one monthly summary report per month, each request window padded by a day on
 * each side (rows outside the requested days are dropped when staged), never past yesterday.
 */
import { type Day, isoFromDay, monthBounds, monthOfDay, addMonths } from '../days';

export const DETAIL_REPORT = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const SUMMARY_REPORT = 'GET_LEDGER_SUMMARY_VIEW_DATA';
export const MYI_REPORT = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';

/** The five detail event types a fetch covers (WhseTransfers nets to zero inside a location). */
export const FETCHED_EVENT_TYPES = ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts'] as const;
export type FetchedEventType = (typeof FETCHED_EVENT_TYPES)[number];

export interface PlannedReport {
  kind: 'detail' | 'summary';
  reportType: string;
  /** For detail reports: the one eventType option. */
  eventType: FetchedEventType | null;
  month: string;
  /** The requested days (rows outside them are dropped). */
  firstDay: Day;
  lastDay: Day;
  /** createReport body fields. */
  dataStartTime: string;
  dataEndTime: string;
  reportOptions: Record<string, string>;
}

/** ISO instant of 00:00:00 UTC of a day. */
function startOf(day: Day): string {
  return `${isoFromDay(day)}T00:00:00Z`;
}

/** ISO instant of 23:59:59 UTC of a day. */
function endOf(day: Day): string {
  return `${isoFromDay(day)}T23:59:59Z`;
}

/**
 * Plans the reports for the days first..last (inclusive; `last` is at most `yesterday`).
 * A summary always covers its whole month up to yesterday, because its rows replace the month.
 * `nowMs` bounds the padded end (dataEndTime must not be in the future).
 */
export function planFetch(first: Day, last: Day, yesterday: Day, nowMs: number): PlannedReport[] {
  if (last < first) return [];
  const out: PlannedReport[] = [];
  const clampEnd = (iso: string): string => (Date.parse(iso) > nowMs ? new Date(nowMs - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : iso);
  for (let month = monthOfDay(first); ; month = addMonths(month, 1)) {
    const b = monthBounds(month)!;
    if (b.first > last) break;
    const from = Math.max(first, b.first);
    const to = Math.min(last, b.last);
    const window = { dataStartTime: startOf(from - 1), dataEndTime: clampEnd(endOf(to + 1)) };
    for (const eventType of FETCHED_EVENT_TYPES) {
      out.push({
        kind: 'detail', reportType: DETAIL_REPORT, eventType, month, firstDay: from, lastDay: to, ...window,
        reportOptions: { eventType },
      });
    }
    const summaryTo = Math.min(b.last, Math.max(yesterday, to));
    out.push({
      kind: 'summary', reportType: SUMMARY_REPORT, eventType: null, month, firstDay: b.first, lastDay: summaryTo,
      dataStartTime: startOf(b.first - 1), dataEndTime: clampEnd(endOf(summaryTo + 1)),
      reportOptions: { aggregateByLocation: 'COUNTRY', aggregatedByTimePeriod: 'MONTHLY' },
    });
  }
  return out;
}
