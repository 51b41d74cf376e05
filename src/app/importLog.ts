/**
 * The `Import Log` sheet as the sidebar and the reconciliation read it: newest entries first.
 */
import { isoFromDay } from '../core/days';
import { readDayCell } from '../core/ledger/index';
import type { ImportLogEntry } from '../shared/wire';
import { IMPORT_LOG } from './layout';
import type { Workbook } from './ports';
import { optionalSheet, readData } from './sheets';

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v) || 0;
}

function dayText(wb: Workbook, v: unknown): string | null {
  const d = readDayCell(v, wb.days);
  return d === null || d === undefined ? null : isoFromDay(d);
}

/** Every Import Log entry, oldest first (sheet order). */
export function readImportLog(wb: Workbook): ImportLogEntry[] {
  const table = optionalSheet(wb, IMPORT_LOG);
  if (!table) return [];
  return readData(table, IMPORT_LOG.headers.length)
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => ({
      time: r[0] instanceof Date ? r[0].toISOString() : String(r[0] ?? ''),
      source: String(r[1] ?? ''),
      reportType: String(r[2] ?? ''),
      location: String(r[3] ?? ''),
      dataStart: dayText(wb, r[4]),
      dataEnd: dayText(wb, r[5]),
      eventTypes: String(r[6] ?? ''),
      rowsRead: num(r[7]),
      rowsWritten: num(r[8]),
      rowsReplaced: num(r[9]),
      rowsSkipped: num(r[10]),
      warnings: String(r[11] ?? ''),
      status: String(r[12] ?? ''),
    }));
}

/** The latest `limit` entries, newest first. */
export function latestImports(wb: Workbook, limit: number): ImportLogEntry[] {
  return readImportLog(wb).reverse().slice(0, Math.max(0, limit));
}
