/**
 * What the Import Log says was imported (spec §6 "Fetch from Amazon"): per detail event type, the
 * last day a fetch or a file covered. The fetch's default range starts the day after, and
 * `fba.lastImportDay` keeps the earliest of those days for the sidebar and the auto-import check.
 */
import { dayFromIso, isoFromDay, type Day } from '../core/days';
import { countingEntries, detailEventType, DETAIL_REPORT_TYPE, type ImportLogRecord } from '../core/reconcile/index';
import { FETCHED_EVENT_TYPES } from '../core/spapi/plan';
import { LAST_IMPORT_DAY_KEY } from './amazon/connection';
import { readImportLog } from './importLog';
import type { Deps, Workbook } from './ports';

/** The Import Log as the reconciliation reads it (oldest first). */
export function importLogRecords(wb: Workbook): ImportLogRecord[] {
  return readImportLog(wb).map((e) => ({
    source: e.source,
    reportType: e.reportType,
    location: e.location,
    dataStart: e.dataStart ? dayFromIso(e.dataStart) : null,
    dataEnd: e.dataEnd ? dayFromIso(e.dataEnd) : null,
    eventTypes: e.eventTypes.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== ''),
    status: e.status,
  }));
}

/** Per fetched event type (Amazon's names), the last day an import covered; null when none did. */
export function lastCoveredByType(wb: Workbook): Record<string, Day | null> {
  const out: Record<string, Day | null> = {};
  for (const t of FETCHED_EVENT_TYPES) out[t] = null;
  for (const e of countingEntries(importLogRecords(wb))) {
    if (e.reportType.trim().toUpperCase() !== DETAIL_REPORT_TYPE || e.dataEnd === null) continue;
    for (const name of e.eventTypes) {
      const t = detailEventType(name);
      if (t === null || !(t in out)) continue;
      const was = out[t];
      if (was === null || e.dataEnd > was) out[t] = e.dataEnd;
    }
  }
  return out;
}

/** The earliest of the last covered days of the event types imported so far (null: nothing imported). */
export function lastImportDay(covered: Record<string, Day | null>): Day | null {
  const days = Object.values(covered).filter((d): d is Day => d !== null);
  return days.length ? Math.min(...days) : null;
}

/** Recomputes `fba.lastImportDay` from the Import Log. */
export function refreshLastImportDay(deps: Pick<Deps, 'workbook' | 'docProps'>): Day | null {
  const day = lastImportDay(lastCoveredByType(deps.workbook));
  if (day === null) deps.docProps.delete(LAST_IMPORT_DAY_KEY);
  else deps.docProps.set(LAST_IMPORT_DAY_KEY, isoFromDay(day));
  return day;
}
