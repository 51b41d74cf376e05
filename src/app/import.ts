/**
 * Importing Amazon's reports (spec §6 "Safety of imports", §9): a file from Seller Central, and
 * the commit machinery the fetch job's staging shares.
 *
 * An import runs in one execution under the document lock: it reads each sheet it may change
 * once, plans against what the sheets hold now (`planImport`), then writes:
 *
 * 1. make room: every sheet that grows gets its rows first, before anything is deleted;
 * 2. append the new rows (one write per sheet);
 * 3. delete the replaced rows, one call per contiguous block, bottom block first (so the row
 *    numbers of the blocks still to delete never move);
 * 4. add the new countries to `Locations`, then write the Import Log line.
 *
 * Because rows are appended before any is deleted, an execution killed midway can leave a row
 * twice (the new one and the one it replaces) but never lose one; importing the same data again
 * removes the extra copy (its key is already satisfied by the first). Sheet calls grow with the
 * number of row blocks, never with the number of rows.
 *
 * A failed import changes no sheet except its FAILED line in the Import Log.
 */
import { type Day, dayFromIso, isoFromDay, monthOfDay } from '../core/days';
import { InputError } from '../core/errors';
import {
  dayReader, importLogValues, importResult, locationMapFromValues, planImport, toBlocks,
  type DayReader, type ImportLogEntry as PlanLogEntry, type ImportPlan, type ImportSheets,
} from '../core/import/index';
import { cellText, textKey } from '../core/ledger/index';
import { DETAIL_REPORT, MYI_REPORT, SUMMARY_REPORT, parseReportBase64, type ParsedReport, type ReportType } from '../core/reports/index';
import { marketplace } from '../core/spapi/marketplaces';
import { guardText } from '../core/import/guard';
import type { ClosedMonthChange, ImportLogEntry, ImportOptions, ImportResult, ImportScope, ImportStatus, RemoveImportResult } from '../shared/wire';
import { loadCredentials } from './amazon/connection';
import { refreshLastImportDay } from './coverage';
import { latestImports, readImportLog } from './importLog';
import {
  IMPORT_LOG, INVENTORY, KITS, LEDGER, LOCATIONS, RECEIPTS, SUMMARY, col, type SheetLayout,
} from './layout';
import type { Deps, Table } from './ports';
import { optionalSheet, readData, requireSheet } from './sheets';

/** What an import needs from the reconciliation (src/app/reconcileData.ts). */
export interface ReconcileHooks {
  /** Closed months whose closing no longer matches the data. */
  closedMonthChanges(deps: Deps): ClosedMonthChange[];
  /** Location → opening day of a workbook started mid-stream. */
  openingDays(deps: Deps): ReadonlyMap<string, number>;
}

export const LOCK_WAIT_MS = 10_000;
const DEFAULT_LOCATION = 'FBA-US';

// ---- reading the workbook -------------------------------------------------------------------

/** A sheet an import may change, as read at the start of the commit. */
export interface SheetState {
  layout: SheetLayout;
  table: Table;
  /** Data rows (sheet row 2 on). */
  rows: unknown[][];
  lastRow: number;
}

function readSheet(deps: Deps, layout: SheetLayout): SheetState {
  const table = requireSheet(deps.workbook, layout);
  const lastRow = table.lastRow();
  const rows = lastRow < 2 ? [] : table.read(2, 1, lastRow - 1, layout.headers.length);
  return { layout, table, rows, lastRow: Math.max(lastRow, 1) };
}

/** Everything a plan reads from the workbook besides the target rows. */
export interface PlanContext {
  locations: Map<string, string>;
  locationsTable: Table;
  knownSkus: Set<string>;
  readDay: DayReader;
  openingDays: ReadonlyMap<string, Day>;
  /** The connection's first marketplace's location (MYI, files without a Country), else null. */
  connectionLocation: string | null;
}

export interface ImportState {
  ledger: SheetState;
  receipts: SheetState | null;
  summary: SheetState | null;
  inventory: SheetState | null;
  importLog: Table;
  context: PlanContext;
}

function isImportSource(v: unknown): boolean {
  const s = cellText(v).toLowerCase();
  return s.startsWith('report:') || s.startsWith('file:');
}

/**
 * Reads the sheets the given report types write (each once), the ledger (for the SKUs it has
 * seen), Kits, Locations, and checks the Import Log is there, before anything is written.
 */
export function readImportState(deps: Deps, hooks: ReconcileHooks, types: ReadonlySet<ReportType>): ImportState {
  const wb = deps.workbook;
  const importLog = requireSheet(wb, IMPORT_LOG);
  const ledger = readSheet(deps, LEDGER);
  const receipts = types.has(DETAIL_REPORT) ? readSheet(deps, RECEIPTS) : null;
  const summary = types.has(SUMMARY_REPORT) ? readSheet(deps, SUMMARY) : null;
  const inventory = types.has(MYI_REPORT) ? readSheet(deps, INVENTORY) : null;
  const locationsTable = requireSheet(wb, LOCATIONS);
  const locations = locationMapFromValues(readData(locationsTable, 2));
  const knownSkus = new Set<string>();
  for (const r of ledger.rows) {
    // SKUs a person recorded (imports' own rows do not make an Amazon SKU "seen").
    if (!isImportSource(r[10])) {
      const sku = cellText(r[2], wb.days);
      if (sku) knownSkus.add(sku);
    }
  }
  const kits = optionalSheet(wb, KITS);
  if (kits) {
    for (const r of readData(kits, 2)) {
      for (const c of [r[0], r[1]]) {
        const sku = cellText(c, wb.days);
        if (sku) knownSkus.add(sku);
      }
    }
  }
  const creds = loadCredentials(deps.userProps, wb.id());
  const m = creds ? marketplace(creds.marketplaceIds[0]) : undefined;
  const connectionLocation = m ? locations.get(m.country) ?? `FBA-${m.country}` : null;
  const openingDays = types.has(DETAIL_REPORT) ? hooks.openingDays(deps) : new Map<string, Day>();
  return {
    ledger, receipts, summary, inventory, importLog,
    context: { locations, locationsTable, knownSkus, readDay: dayReader(wb.days), openingDays, connectionLocation },
  };
}

export function importSheets(state: ImportState): ImportSheets {
  return {
    ledger: state.ledger.rows,
    receipts: state.receipts?.rows ?? [],
    summary: state.summary?.rows ?? [],
    inventory: state.inventory?.rows ?? [],
  };
}

// ---- writing --------------------------------------------------------------------------------

/** Columns (0-based) holding dates, per sheet: Day numbers in plans, Dates in the sheet. */
const DATE_COLUMNS: Record<string, readonly number[]> = {
  [LEDGER.name]: [0, 5],
  [RECEIPTS.name]: [0],
  [INVENTORY.name]: [0],
  [SUMMARY.name]: [],
};

/** What one commit does to one sheet (several plans merged). */
interface SheetWrite {
  state: SheetState;
  deleteRows: Set<number>;
  append: unknown[][];
}

/** Collects the plans of one commit, per sheet. */
export class CommitBatch {
  private readonly writes = new Map<string, SheetWrite>();
  private readonly newLocations = new Map<string, string>();

  constructor(private readonly state: ImportState) {}

  add(plan: ImportPlan): void {
    const parts: Array<[SheetState | null, ImportPlan['ledger']]> = [
      [this.state.ledger, plan.ledger],
      [this.state.receipts, plan.receipts],
      [this.state.summary, plan.summary],
      [this.state.inventory, plan.inventory],
    ];
    for (const [sheet, p] of parts) {
      if (p.append.length === 0 && p.deleteBlocks.length === 0) continue;
      if (!sheet) throw new Error(`${p.sheet} was not read for this import`);
      let w = this.writes.get(sheet.layout.name);
      if (!w) this.writes.set(sheet.layout.name, (w = { state: sheet, deleteRows: new Set(), append: [] }));
      for (const b of p.deleteBlocks) for (let r = b.start; r < b.start + b.count; r++) w.deleteRows.add(r);
      for (const row of p.append) w.append.push(row);
    }
    for (const [country, location] of plan.newLocations) {
      if (!this.state.context.locations.has(country) && !this.newLocations.has(country)) this.newLocations.set(country, location);
    }
  }

  /** True when the commit changes a data sheet (rows appended or deleted). */
  changesData(): boolean {
    return this.writes.size > 0;
  }

  /** Makes room, appends, deletes bottom-up, adds countries to Locations. */
  execute(deps: Deps): void {
    const days = deps.workbook.days;
    const writes = [...this.writes.values()];
    const locationRows = [...this.newLocations].map(([c, l]) => [guardText(c), guardText(l)]);
    // 1. Room first: grow every grid before anything is written or deleted.
    for (const w of writes) {
      if (w.append.length > 0) w.state.table.ensureSize(w.state.lastRow + w.append.length, w.state.layout.headers.length);
    }
    // 2. Append.
    for (const w of writes) {
      if (w.append.length === 0) continue;
      const dateCols = DATE_COLUMNS[w.state.layout.name] ?? [];
      const values = w.append.map((row) => {
        const out = row.slice();
        for (const c of dateCols) if (typeof out[c] === 'number') out[c] = days.dateOf(out[c] as number);
        return out;
      });
      w.state.table.append(values);
    }
    // 3. Delete the replaced rows, bottom block first.
    for (const w of writes) {
      if (w.deleteRows.size === 0) continue;
      for (const b of toBlocks([...w.deleteRows].sort((a, b) => a - b))) w.state.table.deleteRows(b.start, b.count);
    }
    // 4. New countries.
    if (locationRows.length) this.state.context.locationsTable.append(locationRows);
  }
}

// ---- the Import Log --------------------------------------------------------------------------

/** One Import Log row: dates as Dates of the spreadsheet's zone, every text through the formula guard. */
export function logRow(deps: Deps, entry: PlanLogEntry, status: ImportStatus | 'FAILED' | 'REMOVED'): unknown[] {
  const values = importLogValues(entry, new Date(deps.clock.now()));
  for (const c of [4, 5]) if (typeof values[c] === 'number') values[c] = deps.workbook.days.dateOf(values[c] as number);
  values[12] = status;
  return values.map((v) => (typeof v === 'string' ? guardText(v) : v));
}

export interface FailureRecord {
  source: string;
  reportType: string;
  location?: string;
  dataStart?: Day | null;
  dataEnd?: Day | null;
  eventTypes?: string;
  rowsRead?: number;
  message: string;
}

function failureEntry(f: FailureRecord): PlanLogEntry {
  return {
    source: f.source, reportType: f.reportType as PlanLogEntry['reportType'], location: f.location ?? '',
    dataStart: f.dataStart ?? null, dataEnd: f.dataEnd ?? null, eventTypes: f.eventTypes ?? '',
    rowsRead: f.rowsRead ?? 0, rowsWritten: 0, rowsReplaced: 0, rowsSkipped: 0, warnings: [f.message], status: 'OK',
  };
}

/**
 * Appends a FAILED line to the Import Log. Takes the document lock when it can; when another
 * task holds it (the failure may be exactly that), the one-row append goes ahead without it.
 * Never throws: a workbook without an Import Log simply gets no line.
 */
export function recordFailure(deps: Deps, f: FailureRecord, lockHeld = false): void {
  const write = () => {
    const table = optionalSheet(deps.workbook, IMPORT_LOG);
    if (table) table.append([logRow(deps, failureEntry(f), 'FAILED')]);
  };
  try {
    if (lockHeld) write();
    else if (!deps.lock.tryWithLock(write)) write();
  } catch (err) {
    deps.log.warn(`could not log the failed import: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---- closed months ----------------------------------------------------------------------------

function changeKey(c: ClosedMonthChange): string {
  return `${c.month}\u001f${c.location}\u001f${textKey(c.sku)}`;
}

/** The changes `after` shows that `before` did not (or with another new closing). */
export function newChanges(before: readonly ClosedMonthChange[], after: readonly ClosedMonthChange[]): ClosedMonthChange[] {
  const had = new Map(before.map((c) => [changeKey(c), c.newClosing]));
  return after.filter((c) => had.get(changeKey(c)) !== c.newClosing);
}

/** The reconciliation's view of closed months, never failing the import that already wrote. */
export function safeClosedMonthChanges(deps: Deps, hooks: ReconcileHooks, warnings: string[]): ClosedMonthChange[] {
  try {
    return hooks.closedMonthChanges(deps);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!warnings.some((w) => w.includes(message))) warnings.push(`closed months could not be checked: ${message}`);
    return [];
  }
}

// ---- results ------------------------------------------------------------------------------------

export function scopesOf(plan: ImportPlan): ImportScope[] {
  const s = plan.scope;
  const start = s.firstDay === null ? null : isoFromDay(s.firstDay);
  const end = s.lastDay === null ? null : isoFromDay(s.lastDay);
  return s.locations.map((location) => ({ location, dataStart: start, dataEnd: end, eventTypes: s.eventTypes.slice(), skus: s.skus }));
}

export function resultOf(plan: ImportPlan, status: ImportStatus, changes: ClosedMonthChange[], warnings: string[], dryRun: boolean): ImportResult {
  return {
    ...importResult(plan),
    eventTypes: plan.scope.eventTypes.slice(),
    warnings,
    status,
    source: plan.source,
    scopes: scopesOf(plan),
    closedMonthChanges: changes,
    dryRun,
  };
}

// ---- importReportFile ---------------------------------------------------------------------------

function checkFileName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError('The file has no name');
  const name = value.trim().replace(/^.*[\\/]/, '');
  if (name.length > 200) throw new InputError('The file name is longer than 200 characters: rename the file');
  if (/[\u0000-\u001f]/.test(name)) throw new InputError('The file name contains a control character: rename the file');
  return name;
}

function checkLocation(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InputError('Location must be text');
  const s = value.trim();
  if (s === '') return null;
  if (s.length > 60 || /[\u0000-\u001f]/.test(s)) throw new InputError('Location must be a name of up to 60 characters');
  return s;
}

/** An error of a file import in words: file lines are named as such. */
function fileError(name: string, err: unknown): unknown {
  if (err instanceof InputError) {
    return new InputError(err.row === undefined ? `"${name}": ${err.reason}` : `"${name}" line ${err.row}: ${err.reason}`);
  }
  return err;
}

function planFile(deps: Deps, state: ImportState, report: ParsedReport, source: string, location: string | null): ImportPlan {
  const ctx = state.context;
  return planImport(report, importSheets(state), {
    source,
    locations: ctx.locations,
    defaultLocation: location ?? ctx.connectionLocation ?? DEFAULT_LOCATION,
    knownSkus: ctx.knownSkus,
    snapshotDay: deps.workbook.days.dayOf(new Date(deps.clock.now())),
    readDay: ctx.readDay,
    openingDays: ctx.openingDays,
  });
}

/**
 * Amazon cannot have reported a day that has not come: a file dated after today (with a day's grace
 * for marketplaces ahead of the spreadsheet's zone) was most likely read in the wrong date order.
 */
function refuseFutureDays(report: ParsedReport, today: Day): void {
  if (report.type === DETAIL_REPORT) {
    const late = report.records.find((r) => r.day > today + 1);
    if (late) {
      throw new InputError(
        `Date ${isoFromDay(late.day)} is in the future (today is ${isoFromDay(today)}): check the file's date order (MM/DD or DD/MM)`,
        late.line,
      );
    }
  } else if (report.type === SUMMARY_REPORT) {
    const month = monthOfDay(today + 1);
    const late = report.records.find((r) => r.month > month);
    if (late) throw new InputError(`month ${late.month} is in the future (today is ${isoFromDay(today)})`, late.line);
  }
}

/**
 * `importReportFile` (spec §9): base64 of a report file → parsed → planned against the sheets →
 * (unless a dry run) written in one execution under the document lock.
 */
export function importReportFile(
  deps: Deps, hooks: ReconcileHooks, fileName: unknown, base64Content: unknown, options: ImportOptions | null | undefined,
): ImportResult {
  const name = checkFileName(fileName);
  const source = `file:${name}`;
  const dryRun = options?.dryRun === true;
  const location = checkLocation(options?.location);
  let report: ParsedReport | null = null;
  try {
    if (typeof base64Content !== 'string' || base64Content.trim() === '') throw new InputError('the file is empty');
    const creds = loadCredentials(deps.userProps, deps.workbook.id());
    const country = creds ? marketplace(creds.marketplaceIds[0])?.country : undefined;
    report = parseReportBase64(base64Content, (b) => deps.codec.gunzip(b), country ? { defaultCountry: country } : {});
    const parsed = report;
    refuseFutureDays(parsed, deps.workbook.days.dayOf(new Date(deps.clock.now())));
    const types = new Set<ReportType>([parsed.type]);
    if (dryRun) {
      const state = readImportState(deps, hooks, types);
      const plan = planFile(deps, state, parsed, source, location);
      return resultOf(plan, plan.status, [], plan.warnings.slice(), true);
    }
    return deps.lock.withLock(LOCK_WAIT_MS, () => {
      const state = readImportState(deps, hooks, types);
      const plan = planFile(deps, state, parsed, source, location);
      const warnings = plan.warnings.slice();
      const batch = new CommitBatch(state);
      batch.add(plan);
      const touches = batch.changesData();
      const before = touches ? safeClosedMonthChanges(deps, hooks, warnings) : [];
      batch.execute(deps);
      const changes = touches ? newChanges(before, safeClosedMonthChanges(deps, hooks, warnings)) : [];
      const status: ImportStatus = plan.status === 'OK' && changes.length > 0 ? 'CLOSED_MONTH_CHANGED' : plan.status;
      state.importLog.append([logRow(deps, { ...plan.log, warnings }, status)]);
      refreshLastImportDay(deps);
      return resultOf(plan, status, changes, warnings, false);
    });
  } catch (err) {
    const e = fileError(name, err);
    if (!dryRun) {
      recordFailure(deps, {
        source, reportType: report?.type ?? '', rowsRead: report?.rowsRead ?? 0,
        eventTypes: report && report.type === DETAIL_REPORT ? report.eventTypes.join(', ') : '',
        message: e instanceof Error ? e.message : String(e),
      });
    }
    throw e;
  }
}

// ---- removeImport --------------------------------------------------------------------------------

const DATA_SHEETS: readonly SheetLayout[] = [LEDGER, RECEIPTS, SUMMARY, INVENTORY];

/** `removeImport` (spec §6, §9): deletes the rows whose Source is `source`, in contiguous blocks. */
export function removeImport(deps: Deps, hooks: ReconcileHooks, source: unknown): RemoveImportResult {
  if (typeof source !== 'string' || source.trim() === '') throw new InputError('Choose the import to remove (its Source)');
  const src = source.trim();
  if (!/^(report|file):./i.test(src)) {
    throw new InputError(`"${src}" is not the Source of an import: only rows written by a report (report:…) or a file (file:…) can be removed`);
  }
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const wb = deps.workbook;
    const logTable = requireSheet(wb, IMPORT_LOG);
    const log = readImportLog(wb);
    const original = [...log].reverse().find((e) => e.source.trim() === src && e.status !== 'REMOVED' && e.status !== 'FAILED');
    const found: Array<{ layout: SheetLayout; table: Table; rows: number[] }> = [];
    for (const layout of DATA_SHEETS) {
      const table = optionalSheet(wb, layout);
      if (!table) continue;
      const last = table.lastRow();
      if (last < 2) continue;
      const sourceCol = col(layout, 'Source');
      const values = table.read(2, sourceCol, last - 1, 1);
      const rows: number[] = [];
      for (let i = 0; i < values.length; i++) if (cellText(values[i][0]) === src) rows.push(i + 2);
      if (rows.length) found.push({ layout, table, rows });
    }
    const total = found.reduce((s, f) => s + f.rows.length, 0);
    if (total === 0 && !original) throw new InputError(`No import has Source "${src}": nothing was removed`);
    const warnings: string[] = [];
    const before = total ? safeClosedMonthChanges(deps, hooks, warnings) : [];
    for (const f of found) for (const b of toBlocks(f.rows)) f.table.deleteRows(b.start, b.count);
    const changes = total ? newChanges(before, safeClosedMonthChanges(deps, hooks, warnings)) : [];
    const entry: PlanLogEntry = {
      source: src, reportType: (original?.reportType ?? '') as PlanLogEntry['reportType'], location: original?.location ?? '',
      dataStart: null, dataEnd: null, eventTypes: original?.eventTypes ?? '',
      rowsRead: 0, rowsWritten: 0, rowsReplaced: total, rowsSkipped: 0, warnings, status: 'OK',
    };
    const row = logRow(deps, entry, 'REMOVED');
    // The removed import's days, as its own line had them.
    const days = wb.days;
    const startDay = original?.dataStart ? dayFromIso(original.dataStart) : null;
    const endDay = original?.dataEnd ? dayFromIso(original.dataEnd) : null;
    row[4] = startDay === null ? '' : days.dateOf(startDay);
    row[5] = endDay === null ? '' : days.dateOf(endDay);
    logTable.append([row]);
    refreshLastImportDay(deps);
    const per = found.map((f) => `${f.layout.name} ${f.rows.length}`).join(', ');
    const closed = changes.length
      ? ` This changed ${changes.length} closing${changes.length > 1 ? 's' : ''} of closed months (${[...new Set(changes.map((c) => `${c.month} ${c.location}`))].join(', ')}): see Reconcile.`
      : '';
    return {
      source: src,
      rowsRemoved: total,
      message: `Removed ${total} row${total === 1 ? '' : 's'} written by ${src}${per ? ` (${per})` : ''}. The Import Log keeps its record.${closed}`,
    };
  });
}

/** `getImportLog` (spec §9): the latest entries, newest first. */
export function getImportLog(deps: Deps, limit: unknown): ImportLogEntry[] {
  const n = typeof limit === 'number' && Number.isFinite(limit) ? Math.max(1, Math.min(500, Math.floor(limit))) : 20;
  return latestImports(deps.workbook, n);
}
