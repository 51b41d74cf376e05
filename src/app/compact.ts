/**
 * "Compact closed months": folds the Amazon rows of every closed month × location (or of the one
 * asked for) into fewer rows, by the rule of `src/core/compact.ts`, so that a busy seller's years
 * fit in a spreadsheet. The `Reconciliation` rows keep the month's detail.
 *
 * Under the document lock, in one execution, with a number of sheet calls that grows with the number
 * of row blocks, never with the number of rows: the folded rows are scattered among the Amazon rows
 * that stay (rows with an order ID), so each maximal block of import-written rows (Source
 * `report:`, `file:`, `compacted:`, Key matching) that holds folded rows is rewritten in one write
 * with the rows it keeps, its now empty tail deleted in one call; then the folded rows are appended
 * in one call. Rows users typed are never rewritten or moved within the sheet. Only months whose Status is CLOSED are compacted, and only when
 * their data is still what was closed (the fingerprint matches); a month changed since it was
 * closed is left alone and named. The fold keeps every figure of the month's review, so the month
 * stays closed: its Fingerprint cells are rewritten for the compacted rows (the fingerprint hashes
 * the month's rows one by one). Later months' fingerprints only see the balances carried into them,
 * which the fold keeps; they are checked, not rewritten.
 *
 * Compacted rows are ordinary ledger rows: a reopened month keeps them, closing it again
 * fingerprints them, and compacting it again may fold them with newer rows.
 */
import { isoFromDay, monthBounds, type Month } from '../core/days';
import { InputError } from '../core/errors';
import { COMPACTED_PREFIX, planCompaction, type CompactedRow, type CompactPlan, type MonthCompaction } from '../core/compact';
import { computeRowKey, LEDGER_KIND } from '../core/import/keys';
import type { LedgerRow } from '../core/ledger/types';
import { Model, monthFingerprint, reconcileModel, STATUS_CLOSED, textKey, type ReconcileData } from '../core/reconcile/index';
import { guardCell, guardText } from '../core/import/guard';
import { LEDGER, RECONCILIATION } from './layout';
import type { Deps, Table, Workbook } from './ports';
import { readReconcileData } from './reconcileData';
import { requireSheet } from './sheets';

const LOCK_WAIT_MS = 10_000;
/** Column of Fingerprint in `Reconciliation` (1-based). */
const FINGERPRINT_COLUMN = 25;

export interface CompactInput {
  /** `YYYY-MM`: only this month (it must be closed). Every closed month when omitted. */
  month?: string | null;
  /** Only this location. Every location when omitted. */
  location?: string | null;
}

export interface CompactResult {
  /** Month × location compacted, with the foldable rows before and after. */
  months: MonthCompaction[];
  /** Closed months left alone because their data changed since they were closed. */
  skipped: string[];
  rowsRemoved: number;
  rowsWritten: number;
  message: string;
}

function optionalText(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InputError(`${what} must be text`);
  const t = value.trim();
  return t === '' ? null : t;
}

function ledgerCells(wb: Workbook, r: CompactedRow): unknown[] {
  return [
    wb.days.dateOf(r.day), r.event, guardText(r.sku), 'UNSPECIFIED', r.quantity, '', guardText(r.location),
    guardText(r.disposition), guardText(r.reason), guardText(r.reference), guardText(r.source), guardText(r.key),
  ];
}

/** The ledger rows once the plan is applied (row numbers of new rows are 0: they only feed the fingerprint). */
function ledgerAfter(rows: readonly LedgerRow[], plan: CompactPlan): LedgerRow[] {
  const removed = new Set(plan.remove);
  const out = rows.filter((r) => !removed.has(r.row));
  for (const w of plan.write) out.push({ ...w, row: 0, lot: null, expiry: null });
  return out;
}

/** A month's review figures (everything but status and its stamps), per line. */
function figures(model: Model, month: Month, location: string): string {
  return JSON.stringify(reconcileModel(model, { month, location }).lines.map((l) => ({ ...l, status: '', closedAt: null, fingerprint: null })));
}

/** Writes one value into a column for each sheet row, one call per contiguous block. */
function writeColumn(table: Table, col: number, rows: readonly number[], value: string): void {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[j - 1] + 1) j++;
    table.write(sorted[i], col, Array.from({ length: j - i }, () => [value]));
    i = j;
  }
}

/**
 * Removes the given sheet rows of the ledger. Each maximal block of consecutive import-written rows
 * (`rows` gives them) holding removed rows is rewritten with the rows it keeps, in their order, and
 * its tail deleted; blocks are handled from the bottom up so row numbers above stay valid. Other
 * removed rows (none, as the planner only folds import-written rows) are deleted in blocks.
 */
function removeRows(table: Table, rows: readonly LedgerRow[], remove: readonly number[]): void {
  if (!remove.length) return;
  const movable = new Set<number>();
  for (const r of rows) if (isFoldableSource(r) && rowKeyMatchesRow(r)) movable.add(r.row);
  const removed = new Set(remove);
  const blocks: Array<{ first: number; last: number }> = [];
  for (const row of [...removed].sort((a, b) => a - b)) {
    const b = blocks[blocks.length - 1];
    if (b && row <= b.last) continue;
    if (!movable.has(row)) {
      blocks.push({ first: row, last: row });
      continue;
    }
    let first = row;
    while (movable.has(first - 1)) first--;
    let last = row;
    while (movable.has(last + 1)) last++;
    blocks.push({ first, last });
  }
  for (let i = blocks.length - 1; i >= 0; i--) {
    const { first, last } = blocks[i];
    const values = table.read(first, 1, last - first + 1, LEDGER.headers.length);
    // Text goes back through the formula guard, as when the import wrote it.
    const kept = values.filter((_, j) => !removed.has(first + j)).map((cells) => cells.map((v) => guardCell(v)));
    if (kept.length === values.length) continue;
    if (kept.length) table.write(first, 1, kept);
    table.deleteRows(first + kept.length, values.length - kept.length);
  }
}

function isFoldableSource(r: LedgerRow): boolean {
  const s = r.source.toLowerCase();
  return s.startsWith('report:') || s.startsWith('file:') || s.startsWith(COMPACTED_PREFIX);
}

function rowKeyMatchesRow(r: LedgerRow): boolean {
  return r.key !== '' && r.key === computeRowKey(LEDGER_KIND, [
    isoFromDay(r.day), r.event, r.sku, r.lot ?? 'UNSPECIFIED', r.quantity, r.expiry === null ? '' : isoFromDay(r.expiry), r.location,
    r.disposition, r.reason, r.reference,
  ]);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Compacts the closed months (all, or the month / location asked for). */
export function compactClosedMonths(deps: Deps, input?: CompactInput | null): CompactResult {
  const i = input && typeof input === 'object' ? input : {};
  const month = optionalText(i.month, 'Month');
  if (month !== null && !monthBounds(month)) throw new InputError('Month must be written YYYY-MM');
  const location = optionalText(i.location, 'Location');
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const wb = deps.workbook;
    const ledger = requireSheet(wb, LEDGER);
    const review = requireSheet(wb, RECONCILIATION);
    const data = readReconcileData(deps);
    const model = new Model(data);
    // The closed months asked for.
    const closed: Array<{ month: Month; location: string; fingerprint: string }> = [];
    for (const [loc, byMonth] of model.closed) {
      if (location !== null && textKey(loc) !== textKey(location)) continue;
      for (const [m, c] of byMonth) if (month === null || m === month) closed.push({ month: m, location: loc, fingerprint: c.fingerprint });
    }
    closed.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    if (month !== null && closed.length === 0) {
      throw new InputError(`${month} is not closed${location !== null ? ` at ${location}` : ''}: only closed months can be compacted.`);
    }
    const skipped: string[] = [];
    const ready = closed.filter((c) => {
      if (monthFingerprint(model, c.month, c.location) === c.fingerprint) return true;
      skipped.push(`${c.month} at ${c.location} changed since it was closed: reopen it and close it again before compacting.`);
      return false;
    });
    const plan = planCompaction({
      rows: data.ledger,
      resolve: data.resolve ?? ((sku) => ({ component: sku, unitsPerKit: 1 })),
      months: ready.map((c) => ({ month: c.month, location: c.location })),
    });
    const months = plan.months.filter((m) => m.rowsAfter < m.rowsBefore);
    if (months.length === 0) {
      const none = ready.length === 0 ? 'No closed month to compact.' : 'Nothing to compact: the closed months are already compact.';
      return { months: [], skipped, rowsRemoved: 0, rowsWritten: 0, message: [none, ...skipped].join(' ') };
    }
    // The month's review and the closed months' fingerprints after the fold, all checked before writing.
    const after: ReconcileData = { ...data, ledger: ledgerAfter(data.ledger, plan) };
    const modelAfter = new Model(after);
    const fingerprints = new Map<string, string>();
    for (const c of closed) {
      const key = `${c.month}\u0001${c.location}`;
      const compacted = months.some((m) => m.month === c.month && m.location === c.location);
      const fp = monthFingerprint(modelAfter, c.month, c.location);
      if (compacted) {
        if (figures(modelAfter, c.month, c.location) !== figures(model, c.month, c.location)) {
          throw new Error(`compacting ${c.month} at ${c.location} would change its review`);
        }
        fingerprints.set(key, fp);
      } else if (fp !== monthFingerprint(model, c.month, c.location)) {
        throw new Error(`compacting would change the fingerprint of ${c.month} at ${c.location}`);
      }
    }
    removeRows(ledger, data.ledger, plan.remove);
    if (plan.write.length) ledger.append(plan.write.map((r) => ledgerCells(wb, r)));
    for (const [key, fp] of fingerprints) {
      const [m, loc] = key.split('\u0001');
      const rows = data.reviewRows
        .filter((r) => r.line.month === m && r.line.location === loc && r.line.status.toUpperCase() === STATUS_CLOSED)
        .map((r) => r.row);
      writeColumn(review, FINGERPRINT_COLUMN, rows, fp);
    }
    const removed = plan.remove.length;
    const written = plan.write.length;
    const list = months.map((m) => `${m.month} at ${m.location} (${m.rowsBefore} → ${m.rowsAfter})`).join(', ');
    const message = [
      `Compacted ${plural(months.length, 'closed month')}: ${plural(removed, 'ledger row')} folded into ${plural(written, 'row')} — ${list}.`,
      ...skipped,
    ].join(' ');
    return { months, skipped, rowsRemoved: removed, rowsWritten: written, message };
  });
}

