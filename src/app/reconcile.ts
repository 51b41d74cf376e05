/**
 * The monthly reconciliation (spec §7, §9): the review of a month, writing it to `Reconciliation`,
 * closing (with RECONCILIATION postings) and reopening, start mid-stream, and the ADJUSTMENT that
 * writes off a single-lot shipment's inbound shortfall. The rules live in `src/core/reconcile`;
 * this file reads the workbook, asks the engine, and writes what it plans — every write under the
 * document lock, in one execution, after every check has passed (a refusal writes nothing).
 *
 * Sheet writes are batched: one append per sheet per call, then the replaced rows deleted in
 * contiguous blocks from the bottom up.
 */
import { isoFromDay, monthBounds, type Day } from '../core/days';
import { InputError } from '../core/errors';
import { UNSPECIFIED } from '../core/ledger/types';
import {
  lineToCells, planCloseMonth, planReopenMonth, planStartMidStream, reconcile, STATUS_CLOSED, textKey, toWireLine,
  type NewLedgerRow, type Shortfall,
} from '../core/reconcile/index';
import { guardText } from '../core/import/guard';
import type {
  CloseMonthInput, CloseMonthResult, InboundShortfall, ReconciliationLine, ReconciliationQuery, ReconciliationResult,
  ReopenMonthInput, ShortfallAdjustmentInput, StartMidStreamInput, StartMidStreamResult, TransferResult,
} from '../shared/wire';
import { LEDGER, RECONCILIATION } from './layout';
import { textField } from './fields';
import type { Deps, Table, Workbook } from './ports';
import { openingProperty, readInventoryRows, readReconcileData, todayOf, type ReviewRow, type WorkbookReconcileData } from './reconcileData';
import { requireSheet } from './sheets';

/** How long a write waits for the document lock before saying "try again". */
const LOCK_WAIT_MS = 10_000;

// ---- input --------------------------------------------------------------------------------

function obj<T>(input: T | null | undefined, what: string): T {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new InputError(`${what}: nothing was given`);
  return input;
}

function monthField(value: unknown): string {
  const m = typeof value === 'string' ? value.trim() : '';
  if (!monthBounds(m)) throw new InputError('Month must be written YYYY-MM');
  return m;
}

/** An optional location: null (every location) when blank. */
function locationField(value: unknown): string | null {
  const l = textField(value, 'Location', 60);
  return l === '' ? null : l;
}

function skuList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError('postAdjustments must be a list of SKUs');
  const out: string[] = [];
  for (const v of value) {
    const s = textField(v, 'SKU');
    if (s !== '' && !out.some((o) => textKey(o) === textKey(s))) out.push(s);
  }
  return out;
}

function notesField(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InputError('notes must map an SKU to its note');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = textField(v, `Note for ${k}`, 500);
  return out;
}

// ---- writing -----------------------------------------------------------------------------

/** Deletes the given sheet rows, in contiguous blocks from the bottom up. Returns the number of blocks. */
export function deleteRowBlocks(table: Table, rows: readonly number[]): number {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  let blocks = 0;
  let i = 0;
  while (i < sorted.length) {
    let start = sorted[i];
    let j = i + 1;
    while (j < sorted.length && sorted[j] === start - 1) {
      start = sorted[j];
      j++;
    }
    table.deleteRows(start, sorted[i] - start + 1);
    blocks++;
    i = j;
  }
  return blocks;
}

/** Appends rows (one call) and then deletes the replaced ones (contiguous blocks). Returns the first appended row, or 0. */
function appendThenDelete(table: Table, append: unknown[][], remove: readonly number[]): number {
  const at = append.length ? table.append(append) : 0;
  deleteRowBlocks(table, remove);
  return at;
}

/** A ledger row the add-on writes, as the sheet's twelve cells (Date at midnight of the spreadsheet's zone). */
function ledgerCells(wb: Workbook, r: { day: Day; event: string; sku: string; lot: string | null; quantity: number; location: string;
  disposition: string; reason: string; reference: string; source: string; key: string }): unknown[] {
  return [
    wb.days.dateOf(r.day), r.event, guardText(r.sku), guardText(r.lot ?? UNSPECIFIED), r.quantity, '', guardText(r.location),
    guardText(r.disposition), guardText(r.reason), guardText(r.reference), guardText(r.source), guardText(r.key),
  ];
}

/** A review line as the sheet's 25 cells: text guarded, Closed at as a Date. */
function reviewCells(l: ReconciliationLine): unknown[] {
  const cells: unknown[] = lineToCells(l);
  for (const i of [0, 1, 2, 21, 22, 24]) cells[i] = guardText(String(cells[i]));
  cells[23] = l.closedAt ? new Date(l.closedAt) : '';
  return cells;
}

/** The sheet rows of the stored lines of a month at the given locations. */
function storedRows(rows: readonly ReviewRow[], month: string, locations: readonly string[]): number[] {
  const locs = new Set(locations);
  return rows.filter((r) => r.line.month === month && locs.has(r.line.location)).map((r) => r.row);
}

/** The sheet rows of ledger rows whose Key is one of `keys` (case-insensitive). */
function ledgerRowsWithKeys(data: WorkbookReconcileData, keys: readonly string[]): number[] {
  if (!keys.length) return [];
  const wanted = new Set(keys.map(textKey));
  return data.ledger.filter((r) => r.key && wanted.has(textKey(r.key))).map((r) => r.row);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---- getReconciliation --------------------------------------------------------------------

function wireShortfall(s: Shortfall): InboundShortfall {
  return {
    location: s.location, shipmentId: s.shipmentId, sku: s.sku, sent: s.sent, received: s.received, difference: s.difference,
    firstReceipt: s.firstReceipt, lots: [...s.lots], overdue: s.overdue, singleLot: s.singleLot,
  };
}

/** The ledger's reading warnings, then the engine's, without the engine's repeats of a spelling warning. */
function mergeWarnings(read: readonly string[], engine: readonly string[]): string[] {
  const out = [...read];
  for (const w of engine) if (!out.some((r) => w === r || w.startsWith(`${r} (`))) out.push(w);
  return out;
}

/** The month's roll-forward at one location, or at every location with lines when none is given (spec §9). */
export function getReconciliation(deps: Deps, query: ReconciliationQuery): ReconciliationResult {
  const q = obj(query, 'Reconciliation');
  const month = monthField(q.month);
  const location = locationField(q.location);
  const data = readReconcileData(deps);
  const r = reconcile(data, { month, location });
  return {
    month: r.month,
    locations: r.locations,
    lines: r.lines.map(toWireLine),
    shortfalls: r.shortfalls.map(wireShortfall),
    closed: r.closed,
    canClose: r.canClose,
    closeBlockers: r.closeBlockers,
    warnings: mergeWarnings(data.readWarnings, r.warnings),
  };
}

// ---- writeReview --------------------------------------------------------------------------

/**
 * Writes the month's lines to `Reconciliation` without closing: each month × location's stored
 * OPEN or REOPENED lines are replaced by the current ones (keeping REOPENED); a month × location
 * that is CLOSED keeps its stored lines untouched. With no location, every location with lines is
 * written, and stale open lines of the month at locations that no longer have lines are removed.
 */
export function writeReview(deps: Deps, query: ReconciliationQuery): CloseMonthResult {
  const q = obj(query, 'Review');
  const month = monthField(q.month);
  const location = locationField(q.location);
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const table = requireSheet(deps.workbook, RECONCILIATION);
    const data = readReconcileData(deps);
    const r = reconcile(data, { month, location });
    const closed = r.states.filter((s) => s.status === STATUS_CLOSED).map((s) => s.location);
    const closedSet = new Set(closed);
    const lines = r.lines.filter((l) => !closedSet.has(l.location));
    const written = r.states.map((s) => s.location).filter((l) => !closedSet.has(l) && lines.some((x) => x.location === l));
    const remove = data.reviewRows
      .filter((x) => x.line.month === month && x.line.status.toUpperCase() !== STATUS_CLOSED && !closedSet.has(x.line.location))
      .filter((x) => location === null || x.line.location === location)
      .map((x) => x.row);
    appendThenDelete(table, lines.map(reviewCells), remove);
    const parts: string[] = [];
    if (written.length) parts.push(`Wrote the review of ${month} at ${written.join(', ')} (${plural(lines.length, 'line')}) to Reconciliation.`);
    else if (!closed.length) parts.push(`Nothing to reconcile in ${month}${location ? ` at ${location}` : ''}.`);
    if (closed.length) parts.push(`${month} is closed at ${closed.join(', ')}: its stored lines are kept.`);
    return { month, locations: written, posted: [], message: parts.join(' ') };
  });
}

// ---- closeMonth ---------------------------------------------------------------------------

/**
 * Closes the month (spec §7): checks the preconditions of every location, posts a RECONCILIATION
 * row for each chosen SKU whose line is unexplained (replacing the row an earlier close posted),
 * and writes the CLOSED lines with Closed at and the fingerprint. With no location, every location
 * with lines that is not closed yet is closed, and a chosen SKU is posted at every one of them where
 * its line is unexplained (nothing where it agrees; a line there with another cause refuses the
 * whole close). Refused as a whole, writing nothing, when anything fails.
 */
export function closeMonth(deps: Deps, input: CloseMonthInput): CloseMonthResult {
  const i = obj(input, 'Close month');
  const month = monthField(i.month);
  const location = locationField(i.location);
  const skus = skuList(i.postAdjustments);
  const notes = notesField(i.notes);
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const wb = deps.workbook;
    const ledger = requireSheet(wb, LEDGER);
    const review = requireSheet(wb, RECONCILIATION);
    const data = readReconcileData(deps);
    const plan = planCloseMonth(data, {
      month, location, postAdjustments: skus, notes, closedAt: new Date(deps.clock.now()).toISOString(),
    });
    if (!plan.ok) throw new InputError(`Cannot close ${month}: ${plan.message}`);
    appendThenDelete(ledger, plan.write.map((r: NewLedgerRow) => ledgerCells(wb, r)), ledgerRowsWithKeys(data, plan.removeKeys));
    appendThenDelete(review, plan.lines.map(reviewCells), storedRows(data.reviewRows, month, plan.locations));
    return {
      month,
      locations: plan.locations,
      posted: plan.posted.map((p) => `${p.sku} ${p.quantity > 0 ? '+' : ''}${p.quantity} at ${p.location}`),
      message: plan.message,
    };
  });
}

// ---- reopenMonth --------------------------------------------------------------------------

/**
 * Reopens a closed month (and every later closed month of the same location, which rests on it):
 * their stored lines are replaced by the current ones with Status REOPENED. RECONCILIATION rows
 * posted at the close stay; closing again replaces them.
 */
export function reopenMonth(deps: Deps, input: ReopenMonthInput): CloseMonthResult {
  const i = obj(input, 'Reopen month');
  const month = monthField(i.month);
  const location = locationField(i.location);
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const review = requireSheet(deps.workbook, RECONCILIATION);
    const data = readReconcileData(deps);
    const plan = planReopenMonth(data, { month, location });
    if (!plan.ok) throw new InputError(`Cannot reopen ${month}: ${plan.message}`);
    const remove: number[] = [];
    for (const r of plan.reopened) remove.push(...storedRows(data.reviewRows, r.month, [r.location]));
    appendThenDelete(review, plan.lines.map(reviewCells), remove);
    return { month, locations: [...new Set(plan.reopened.map((r) => r.location))], posted: [], message: plan.message };
  });
}

// ---- startMidStream -----------------------------------------------------------------------

/**
 * Starts a location mid-stream at the end of a complete month: OPENING rows per component (Amazon's
 * ending + in transit between warehouses + inbound in transit, the seller's figure else MYI's), and
 * the opening recorded in the document property `fba.opening.<location>`. Running it again for the
 * same month replaces its OPENING rows and record.
 */
export function startMidStream(deps: Deps, input: StartMidStreamInput): StartMidStreamResult {
  const i = obj(input, 'Start mid-stream');
  const month = monthField(i.month);
  const location = locationField(i.location);
  if (location === null) throw new InputError('Location is required');
  const inbound = i.inboundInTransit;
  if (inbound !== undefined && inbound !== null && (typeof inbound !== 'object' || Array.isArray(inbound))) {
    throw new InputError('Inbound in transit must map an SKU to its units');
  }
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const wb = deps.workbook;
    const ledger = requireSheet(wb, LEDGER);
    const data = readReconcileData(deps);
    const plan = planStartMidStream(data, { month, location, inboundInTransit: inbound ?? null, inventory: readInventoryRows(wb) });
    if (!plan.ok || !plan.opening) throw new InputError(`Cannot start ${location} at ${month}: ${plan.message}`);
    appendThenDelete(ledger, plan.write.map((r) => ledgerCells(wb, r)), ledgerRowsWithKeys(data, plan.removeKeys));
    deps.docProps.set(openingProperty(location), JSON.stringify(plan.opening));
    return {
      month,
      location,
      openingDay: isoFromDay(plan.opening.day),
      rowsWritten: plan.write.length,
      message: [plan.message, ...plan.warnings].join(' '),
    };
  });
}

// ---- postShortfallAdjustment --------------------------------------------------------------

/**
 * Writes off a shipment's inbound shortfall at the end of a month: one ADJUSTMENT row on the
 * shipment's only lot, units = −difference (in the units of the SKU the TRANSFER rows were written
 * under, so a 6-pack shipment is adjusted in packs), dated the month's last day, Reference = the
 * shipment ID (which makes the engine count it against that shipment), Reason = the seller's note,
 * Source `manual`, Key `shortfall:<location>:<shipment>:<component>`. Refused when the shipment
 * carried several lots or unspecified units, when the month has not ended or is closed at the
 * location, or when the shipment is not short.
 */
export function postShortfallAdjustment(deps: Deps, input: ShortfallAdjustmentInput): TransferResult {
  const i = obj(input, 'Shortfall adjustment');
  const month = monthField(i.month);
  const location = locationField(i.location);
  if (location === null) throw new InputError('Location is required');
  const shipmentId = textField(i.shipmentId, 'Shipment ID');
  if (!shipmentId) throw new InputError('Shipment ID is required');
  const sku = textField(i.sku, 'SKU');
  if (!sku) throw new InputError('SKU is required');
  const note = textField(i.note, 'Note', 500);
  const last = monthBounds(month)!.last;
  return deps.lock.withLock(LOCK_WAIT_MS, () => {
    const wb = deps.workbook;
    const ledger = requireSheet(wb, LEDGER);
    const data = readReconcileData(deps);
    if (last >= todayOf(deps)) throw new InputError(`${month} has not ended yet: write off a shortfall at the end of a month that has.`);
    // The row counts in this month and is carried into every later one: none of them may be closed.
    const closed = [...new Set((data.review ?? [])
      .filter((l) => l.location === location && l.month >= month && l.status.toUpperCase() === STATUS_CLOSED)
      .map((l) => l.month))].sort();
    if (closed.length) {
      throw new InputError(`${closed.join(', ')} ${closed.length > 1 ? 'are' : 'is'} closed at ${location}: reopen ${month} before adjusting it.`);
    }
    const r = reconcile(data, { month, location });
    const component = data.resolve ? data.resolve(sku).component : sku;
    const matches = r.shortfalls.filter((s) => textKey(s.shipmentId) === textKey(shipmentId) &&
      (textKey(s.sku) === textKey(component) || textKey(s.sku) === textKey(sku)));
    if (!matches.length) throw new InputError(`Shipment ${shipmentId} of ${sku} is not short at ${location} at the end of ${month}.`);
    const s = matches[0];
    if (s.singleLot === null) {
      throw new InputError(`Shipment ${s.shipmentId} of ${s.sku} carried ${s.lots.join(', ')}: which lot is short is not known. ` +
        `Type the ADJUSTMENT rows on the right lots with Reference ${s.shipmentId}.`);
    }
    // The TRANSFER rows of this shipment and component: the ADJUSTMENT goes into their pool.
    const resolve = data.resolve!;
    const transfers = data.ledger.filter((x) => x.event === 'TRANSFER' && x.location === location &&
      textKey(x.reference) === textKey(s.shipmentId) && textKey(resolve(x.sku).component) === textKey(s.sku));
    const pools = new Map<string, { sku: string; unitsPerKit: number }>();
    for (const t of transfers) pools.set(textKey(t.sku), { sku: t.sku, unitsPerKit: resolve(t.sku).unitsPerKit });
    if (pools.size !== 1) {
      throw new InputError(`Shipment ${s.shipmentId} of ${s.sku} was sent as ${[...pools.values()].map((p) => p.sku).join(' and ')}: type the ADJUSTMENT rows by hand.`);
    }
    const pool = [...pools.values()][0];
    if (s.difference % pool.unitsPerKit !== 0) {
      throw new InputError(`Shipment ${s.shipmentId} is short by ${s.difference} units of ${s.sku}, not a whole number of ${pool.sku} (${pool.unitsPerKit} each): type the ADJUSTMENT by hand.`);
    }
    const quantity = -s.difference / pool.unitsPerKit;
    const row = ledgerCells(wb, {
      day: last, event: 'ADJUSTMENT', sku: pool.sku, lot: s.singleLot, quantity, location, disposition: '', reason: note,
      reference: s.shipmentId, source: 'manual', key: `shortfall:${location}:${s.shipmentId}:${s.sku}`,
    });
    const at = ledger.append([row]);
    return {
      row: at,
      message: `Recorded ADJUSTMENT of ${quantity} ${pool.sku} lot ${s.singleLot} on ${isoFromDay(last)} at ${location} ` +
        `for shipment ${s.shipmentId} (row ${at}).`,
    };
  });
}
