/**
 * The fetch job's staging area (spec §6 "All or nothing"): the rows of each downloaded report are
 * parsed and validated when they arrive and kept in the hidden sheet `FBA Staging` until every
 * report of the job is in, so staging spans executions. The commit then plans every staged
 * report against the sheets as they are now and writes them all in one execution under the
 * document lock, with the same block rules as a file import, one Import Log line per report.
 *
 * `FBA Staging` has one row per parsed report row: Job (the job id), Report (the report's index
 * in the job), Sheet (the sheet the row is for, or `#report` for the report's own metadata row)
 * and Data (the row as JSON). The sheet is created hidden on first use and emptied when the job
 * commits or fails.
 */
import { dayFromIso, isoFromDay } from '../core/days';
import { InputError } from '../core/errors';
import { planImport, type ImportLogEntry as PlanLogEntry, type ImportPlan } from '../core/import/index';
import {
  DETAIL_REPORT, MYI_REPORT, SUMMARY_REPORT, parseReportText,
  type DetailRecord, type DetailReport, type ParsedReport, type ReportType, type SummaryRecord, type SummaryReport,
} from '../core/reports/index';
import { marketplace } from '../core/spapi/marketplaces';
import type { ClosedMonthChange, ImportResult, ImportStatus } from '../shared/wire';
import type { Credentials } from './amazon/connection';
import { reportLabel, type DownloadedText, type Job, type ReportStager, type ReportState } from './amazon/job';
import { refreshLastImportDay } from './coverage';
import {
  CommitBatch, importSheets, logRow, newChanges, readImportState, recordFailure, resultOf, safeClosedMonthChanges,
  type PlanContext, type ReconcileHooks,
} from './import';
import { LEDGER, RECEIPTS, SUMMARY, TEXT, type SheetLayout } from './layout';
import type { Deps, Table } from './ports';
import { readData, requireSheet } from './sheets';
import { toBlocks } from '../core/import/plan';

export const STAGING_SHEET = 'FBA Staging';

export const STAGING: SheetLayout = {
  name: STAGING_SHEET,
  headers: ['Job', 'Report', 'Sheet', 'Data'],
  formats: [TEXT, TEXT, TEXT, TEXT],
  hidden: true,
};

const META = '#report';
const MAX_CELL = 45_000;

interface StagedMeta {
  type: ReportType;
  rowsRead: number;
  warnings: string[];
  delimiter: '\t' | ',';
  headerLine: number;
  dateOrder: DetailReport['dateOrder'];
  eventTypes?: string[];
  firstDay?: number | null;
  lastDay?: number | null;
  months?: string[];
}

function encodeDetail(r: DetailRecord): unknown[] {
  return [r.line, r.day, r.msku, r.fnsku, r.eventType, r.referenceId, r.quantity, r.fulfillmentCenter, r.disposition, r.reason, r.country, r.store];
}

function decodeDetail(a: unknown[]): DetailRecord {
  return {
    line: a[0] as number, day: a[1] as number, msku: a[2] as string, fnsku: a[3] as string, eventType: a[4] as string,
    referenceId: a[5] as string, quantity: a[6] as number, fulfillmentCenter: a[7] as string, disposition: a[8] as string,
    reason: a[9] as string, country: a[10] as string, store: a[11] as string,
  };
}

function encodeSummary(r: SummaryRecord): unknown[] {
  return [r.line, r.month, r.day, r.msku, r.fnsku, r.disposition, r.location, r.store, ...r.figures];
}

function decodeSummary(a: unknown[]): SummaryRecord {
  return {
    line: a[0] as number, month: a[1] as string, day: a[2] as number | null, msku: a[3] as string, fnsku: a[4] as string,
    disposition: a[5] as string, location: a[6] as string, store: a[7] as string, figures: a.slice(8) as number[],
  };
}

function metaJson(meta: StagedMeta): string {
  let json = JSON.stringify(meta);
  while (json.length > MAX_CELL && meta.warnings.length > 0) {
    meta.warnings = meta.warnings.slice(0, Math.floor(meta.warnings.length / 2));
    json = JSON.stringify(meta);
  }
  return json;
}

function targetSheet(r: DetailRecord): string {
  return r.eventType === 'Receipts' ? RECEIPTS.name : r.eventType === 'WhseTransfers' ? '' : LEDGER.name;
}

interface Staged {
  meta: StagedMeta;
  records: unknown[][];
}

export class SheetStager implements ReportStager {
  constructor(
    private readonly deps: Deps,
    private readonly hooks: ReconcileHooks,
    private readonly creds: Credentials,
  ) {}

  // ---- the sheet ----

  private sheet(create: boolean): Table | null {
    const wb = this.deps.workbook;
    const existing = wb.sheet(STAGING_SHEET);
    // A blank staging sheet is one whose creation was interrupted: set it up again.
    if (existing && existing.lastRow() > 0) return requireSheet(wb, STAGING);
    if (!existing && !create) return null;
    const table = existing ?? wb.createSheet(STAGING_SHEET);
    table.ensureSize(2, STAGING.headers.length);
    table.write(1, 1, [STAGING.headers.slice()]);
    for (let c = 1; c <= STAGING.headers.length; c++) table.setColumnFormat(c, 2, TEXT);
    table.setFrozenRows(1);
    table.hide();
    return table;
  }

  /** Sheet rows (ascending) of the job's staged rows, optionally of one report. */
  private rowsOf(table: Table, jobId: string, index?: number): number[] {
    const last = table.lastRow();
    if (last < 2) return [];
    const values = table.read(2, 1, last - 1, 2);
    const out: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (String(values[i][0]) !== jobId) continue;
      if (index !== undefined && Number(values[i][1]) !== index) continue;
      out.push(i + 2);
    }
    return out;
  }

  private deleteRows(table: Table, rows: number[]): void {
    for (const b of toBlocks(rows)) table.deleteRows(b.start, b.count);
  }

  // ---- ReportStager ----

  stage(jobId: string, report: ReportState, download: DownloadedText, _source: string): { rows: number; noData: boolean } {
    const country = marketplace(this.creds.marketplaceIds[0])?.country;
    let parsed: ParsedReport;
    try {
      parsed = parseReportText(download.text, {
        ...(country ? { defaultCountry: country } : {}),
        window: { first: report.firstDay, last: report.lastDay },
      });
    } catch (err) {
      if (err instanceof InputError) {
        throw new InputError(
          `Amazon's ${reportLabel(report)} (report ${report.reportId}) could not be read${err.row === undefined ? '' : ` at line ${err.row}`}: ${err.reason}`,
        );
      }
      throw err;
    }
    if (parsed.type !== report.reportType) {
      throw new InputError(`Amazon sent a ${parsed.type} document for the ${reportLabel(report)} (${report.reportType} was asked for)`);
    }
    const table = this.sheet(parsed.records.length > 0);
    // A report staged again (an execution that died before saving the job's state) replaces its rows.
    if (table) this.deleteRows(table, this.rowsOf(table, jobId, report.index));
    if (parsed.records.length === 0) return { rows: 0, noData: true };
    const meta: StagedMeta = {
      type: parsed.type, rowsRead: parsed.rowsRead, warnings: [...download.warnings, ...parsed.warnings], delimiter: parsed.delimiter,
      headerLine: parsed.headerLine, dateOrder: parsed.type === MYI_REPORT ? null : (parsed as DetailReport | SummaryReport).dateOrder,
    };
    if (parsed.type === DETAIL_REPORT) Object.assign(meta, { eventTypes: parsed.eventTypes, firstDay: parsed.firstDay, lastDay: parsed.lastDay });
    if (parsed.type === SUMMARY_REPORT) meta.months = parsed.months;
    const idx = String(report.index);
    const rows: unknown[][] = [[jobId, idx, META, metaJson(meta)]];
    if (parsed.type === DETAIL_REPORT) {
      for (const r of parsed.records) rows.push([jobId, idx, targetSheet(r), JSON.stringify(encodeDetail(r))]);
    } else if (parsed.type === SUMMARY_REPORT) {
      for (const r of parsed.records) rows.push([jobId, idx, SUMMARY.name, JSON.stringify(encodeSummary(r))]);
    }
    table!.append(rows);
    return { rows: parsed.records.length, noData: false };
  }

  discard(jobId: string): void {
    const table = this.sheet(false);
    if (table) this.deleteRows(table, this.rowsOf(table, jobId));
  }

  /** Empties the staging area (before a new job starts: rows of a job that never finished). */
  discardAll(): void {
    const table = this.sheet(false);
    if (!table) return;
    const last = table.lastRow();
    if (last >= 2) table.deleteRows(2, last - 1);
  }

  private readStaged(jobId: string): Map<number, Staged> {
    const out = new Map<number, Staged>();
    const table = this.sheet(false);
    if (!table) return out;
    for (const row of readData(table, STAGING.headers.length)) {
      if (String(row[0]) !== jobId) continue;
      const index = Number(row[1]);
      let s = out.get(index);
      if (String(row[2]) === META) {
        const meta = JSON.parse(String(row[3])) as StagedMeta;
        if (s) s.meta = meta;
        else out.set(index, { meta, records: [] });
        continue;
      }
      if (!s) out.set(index, (s = { meta: null as unknown as StagedMeta, records: [] }));
      s.records.push(JSON.parse(String(row[3])) as unknown[]);
    }
    return out;
  }

  private rebuild(r: ReportState, s: Staged | undefined): ParsedReport {
    if (!s || !s.meta) throw new Error(`the staged rows of the ${reportLabel(r)} are missing from the sheet ${STAGING_SHEET}`);
    const m = s.meta;
    if (m.type === DETAIL_REPORT) {
      return {
        type: DETAIL_REPORT, records: s.records.map(decodeDetail), rowsRead: m.rowsRead, warnings: m.warnings, delimiter: m.delimiter,
        headerLine: m.headerLine, dateOrder: m.dateOrder, eventTypes: m.eventTypes ?? [], firstDay: m.firstDay ?? null, lastDay: m.lastDay ?? null,
      };
    }
    return {
      type: SUMMARY_REPORT, records: s.records.map(decodeSummary), rowsRead: m.rowsRead, warnings: m.warnings, delimiter: m.delimiter,
      headerLine: m.headerLine, dateOrder: m.dateOrder, months: m.months ?? [],
    };
  }

  /** The locations the connection's marketplaces store in (through Locations). */
  private requestedLocations(ctx: PlanContext): string[] {
    const out = new Set<string>();
    for (const id of this.creds.marketplaceIds) {
      const m = marketplace(id);
      if (m) out.add(ctx.locations.get(m.country) ?? `FBA-${m.country}`);
    }
    return [...out].sort();
  }

  commit(job: Job): ImportResult[] {
    const deps = this.deps;
    const { header, reports } = job;
    const staged = this.readStaged(header.id);
    const types = new Set<ReportType>();
    for (const r of reports) if (r.status === 'STAGED') types.add(r.kind === 'summary' ? SUMMARY_REPORT : DETAIL_REPORT);
    const state = readImportState(deps, this.hooks, types);
    const ctx = state.context;
    const locations = this.requestedLocations(ctx);
    const sheets = importSheets(state);

    // Detail reports of the same month × event type are planned together (downloads from several
    // marketplaces count once); every group's scope is disjoint from the others'.
    const groups = new Map<string, ReportState[]>();
    for (const r of reports) {
      if (r.status !== 'STAGED') continue;
      const key = `${r.kind}\u001f${r.month}\u001f${r.eventType ?? ''}`;
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    const batch = new CommitBatch(state);
    const planOf = new Map<number, { plan: ImportPlan; first: boolean }>();
    for (const group of groups.values()) {
      const r0 = group[0];
      const parsed = group.map((r) => this.rebuild(r, staged.get(r.index)));
      const plan = planImport(parsed, sheets, {
        source: `report:${r0.reportId}`,
        locations: ctx.locations,
        defaultLocation: ctx.connectionLocation ?? 'FBA-US',
        requested: { firstDay: r0.firstDay, lastDay: r0.lastDay, eventTypes: r0.eventType ? [r0.eventType] : undefined, locations },
        knownSkus: ctx.knownSkus,
        readDay: ctx.readDay,
        openingDays: ctx.openingDays,
      });
      batch.add(plan);
      group.forEach((r, i) => planOf.set(r.index, { plan, first: i === 0 }));
    }

    const warnings: string[] = [];
    const touches = batch.changesData();
    const before = touches ? safeClosedMonthChanges(deps, this.hooks, warnings) : [];
    batch.execute(deps);
    const changes = touches ? newChanges(before, safeClosedMonthChanges(deps, this.hooks, warnings)) : [];

    const lines: unknown[][] = [];
    const results: ImportResult[] = [];
    for (const r of reports) {
      const source = `report:${r.reportId}`;
      const p = planOf.get(r.index);
      if (!p || p.plan.status === 'NO_DATA') {
        const note = !p
          ? r.rows === 0 && r.downloadAttempts === 0
            ? 'Amazon cancelled the report: it has no data for these days'
            : 'the report has no data rows'
          : 'no row of the report falls on the requested days';
        const entry = this.noDataEntry(r, source, locations, [note, ...(p ? p.plan.warnings : []), ...warnings]);
        if (p && p.first) Object.assign(entry, { rowsRead: p.plan.counts.rowsRead, rowsSkipped: p.plan.counts.rowsSkipped });
        lines.push(logRow(deps, entry, 'NO_DATA'));
        results.push(this.noDataResult(r, source, entry));
        continue;
      }
      const plan = p.plan;
      const mine = changes.filter((c) => plan.scope.locations.includes(c.location) && c.month >= r.month);
      const status: ImportStatus = mine.length > 0 ? 'CLOSED_MONTH_CHANGED' : 'OK';
      const allWarnings = [...plan.warnings, ...warnings];
      const entry: PlanLogEntry = p.first
        ? { ...plan.log, source, warnings: allWarnings }
        : { ...plan.log, source, rowsWritten: 0, rowsReplaced: 0, rowsSkipped: 0, warnings: [`merged with report ${plan.source.slice(7)}, whose line counts the rows`] };
      lines.push(logRow(deps, entry, status));
      const result = resultOf(plan, status, mine, allWarnings, false);
      result.source = source;
      results.push(result);
    }
    if (lines.length) state.importLog.append(lines);
    this.discard(header.id);
    refreshLastImportDay(deps);
    return results;
  }

  private noDataEntry(r: ReportState, source: string, locations: string[], warnings: string[]): PlanLogEntry {
    return {
      source, reportType: r.reportType as PlanLogEntry['reportType'], location: locations.join(', '),
      dataStart: r.firstDay, dataEnd: r.lastDay, eventTypes: r.eventType ?? '',
      rowsRead: 0, rowsWritten: 0, rowsReplaced: 0, rowsSkipped: 0, warnings, status: 'NO_DATA',
    };
  }

  private noDataResult(r: ReportState, source: string, entry: PlanLogEntry): ImportResult {
    const changes: ClosedMonthChange[] = [];
    return {
      reportType: r.reportType, location: entry.location, dataStart: isoFromDay(r.firstDay), dataEnd: isoFromDay(r.lastDay),
      eventTypes: r.eventType ? [r.eventType] : [], rowsRead: entry.rowsRead, rowsWritten: 0, rowsReplaced: 0, rowsSkipped: entry.rowsSkipped,
      warnings: entry.warnings, status: 'NO_DATA', source, scopes: [], closedMonthChanges: changes, dryRun: false,
    };
  }

  failed(job: Job, message: string): void {
    const failedReport = job.reports.find((r) => r.status === 'FAILED' && r.reportId);
    recordFailure(this.deps, {
      source: failedReport ? `report:${failedReport.reportId}` : `fetch:${job.header.dataStart}..${job.header.dataEnd}`,
      reportType: failedReport?.reportType ?? '',
      dataStart: failedReport ? failedReport.firstDay : dayFromIso(job.header.dataStart),
      dataEnd: failedReport ? failedReport.lastDay : dayFromIso(job.header.dataEnd),
      eventTypes: failedReport?.eventType ?? '',
      message,
    }, true);
  }
}
