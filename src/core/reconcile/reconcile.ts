/**
 * The reconciliation use-case logic (spec §7, §9 getReconciliation / closeMonth / reopenMonth):
 * the review of a month, close preconditions, RECONCILIATION postings, closing with a fingerprint,
 * reopening, and detecting that a closed month's data changed. Pure: the shell reads the sheets
 * into `ReconcileData` and writes what these functions return.
 */
import { addMonths, monthBounds, type Month } from '../days';
import { InputError } from '../errors';
import type { LedgerRow } from '../ledger/types';
import type { ClosedMonthChange, ReconciliationLine } from '../../shared/wire';
import { fnv1a64 } from '../hash';
import { computeLocationMonth, type LocationMonth } from './lines';
import { add, Model, textKey } from './model';
import {
  STATUS_CLOSED, STATUS_OPEN, STATUS_REOPENED, SUMMARY_FIGURE_NAMES,
  type ClosedMonth, type LocationState, type NewLedgerRow, type ReconcileData, type ReconcileLine,
  type ReconcileResult, type Shortfall,
} from './types';

export interface ReconcileQuery {
  month: Month;
  /** One location; every location when omitted. */
  location?: string | null;
}

function requireMonth(month: unknown): Month {
  if (typeof month !== 'string' || !monthBounds(month.trim())) throw new InputError('Month must be written YYYY-MM');
  return month.trim();
}

function cleanLocation(location: string | null | undefined): string | null {
  if (location === undefined || location === null) return null;
  const l = String(location).trim();
  return l === '' ? null : l;
}

/** Every location with review lines in the month, sorted. */
function locationsWithLines(model: Model, month: Month): Map<string, LocationMonth> {
  const out = new Map<string, LocationMonth>();
  for (const loc of [...model.locations].sort()) {
    const lm = computeLocationMonth(model, month, loc);
    if (lm.lines.length) out.set(loc, lm);
  }
  return out;
}

// ---- fingerprint ----------------------------------------------------------------------------

/**
 * The fingerprint of a month × location: 64-bit FNV-1a (hex) of a canonical text of the Kits rows,
 * the component balances carried into the month (rows before it) and the inbound in transit at
 * the previous month end, the location's opening (start mid-stream) when it lies on or before the
 * month end, and the month's ledger rows of the location, Amazon Summary rows and Amazon Receipts.
 * Each section is sorted, so sheet row order never changes it. Source and Key columns are left out
 * (a fetch may re-import identical data under a newer report's Source); every other cell counts.
 */
export function monthFingerprint(model: Model, month: Month, location: string): string {
  const b = monthBounds(month);
  if (!b) throw new Error(`not a month: ${month}`);
  const data = model.data;
  const J = (v: unknown[]): string => JSON.stringify(v);
  const sorted = (list: string[]): string[] => list.sort();
  const kits = sorted(data.kits.map((k) => 'K' + J([k.amazonSku.trim(), k.component.trim(), k.units])));
  const carried = new Map<string, number>();
  const ledger: string[] = [];
  for (const r of model.rowsByLoc.get(location) ?? []) {
    const x = r.src;
    if (x.day < b.first) add(carried, r.key, r.units);
    else if (x.day <= b.last) {
      ledger.push('L' + J([x.day, x.event, x.sku, x.lot ?? '', x.quantity, x.expiry ?? '', x.location, x.disposition, x.reason, x.reference]));
    }
  }
  const nonZero = (tag: string, m: Map<string, number>): string[] =>
    sorted([...m].filter(([, v]) => v !== 0).map(([k, v]) => tag + J([k, v])));
  const op = model.openings.get(location);
  const opening = op && op.record.day <= b.last
    ? ['O' + J([op.record.day, ...[...op.inbound].filter(([, v]) => v !== 0).sort((x, y) => (x[0] < y[0] ? -1 : 1))])]
    : [];
  const summary = sorted(model.summaryRows(location, month).map((s) =>
    'S' + J([s.src.msku.trim(), s.src.fnsku.trim(), s.src.disposition.trim(), ...SUMMARY_FIGURE_NAMES.map((n) => s.src.figures[n])])));
  const receipts = sorted(data.receipts
    .filter((r) => r.location === location && r.day >= b.first && r.day <= b.last)
    .map((r) => 'R' + J([r.day, r.shipmentId.trim(), r.msku.trim(), r.quantity])));
  const text = [
    'fba-lot-ledger/reconcile/1', month, location,
    ...kits, ...nonZero('C', carried), ...nonZero('I', model.inbound(location, b.first - 1)), ...opening,
    ...sorted(ledger), ...summary, ...receipts,
  ].join('\n');
  return fnv1a64(text);
}

/** The SKUs whose Closing differs between a closed month's stored lines and the current ones. */
export function closingChanges(closed: ClosedMonth, lines: readonly ReconciliationLine[]): ClosedMonthChange[] {
  const old = new Map<string, { sku: string; closing: number }>();
  for (const l of closed.lines) {
    const k = textKey(l.sku);
    const had = old.get(k);
    if (had) had.closing += Number(l.closing) || 0;
    else old.set(k, { sku: l.sku, closing: Number(l.closing) || 0 });
  }
  const now = new Map<string, { sku: string; closing: number }>();
  for (const l of lines) now.set(textKey(l.sku), { sku: l.sku, closing: l.closing });
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const out: ClosedMonthChange[] = [];
  for (const k of keys) {
    const o = old.get(k), n = now.get(k);
    const oldClosing = o ? o.closing : 0, newClosing = n ? n.closing : 0;
    if (oldClosing !== newClosing) {
      out.push({ month: closed.month, location: closed.location, sku: (n ?? o)!.sku, oldClosing, newClosing });
    }
  }
  return out;
}

export interface ClosedMonthReport {
  month: Month;
  location: string;
  oldFingerprint: string;
  newFingerprint: string;
  /** Per SKU whose Closing changed (may be empty when only other figures changed). */
  changes: ClosedMonthChange[];
}

/**
 * Every closed month × location whose fingerprint no longer matches the current data, with old vs
 * new Closing per SKU. The import shell calls it after writing (status CLOSED_MONTH_CHANGED when
 * the list is not empty).
 */
export function detectClosedMonthChanges(data: ReconcileData): ClosedMonthReport[] {
  const model = new Model(data);
  return changedClosedMonths(model);
}

function changedClosedMonths(model: Model): ClosedMonthReport[] {
  const out: ClosedMonthReport[] = [];
  for (const location of [...model.closed.keys()].sort()) {
    for (const month of [...model.closed.get(location)!.keys()].sort()) {
      const report = changedClosedMonth(model, month, location);
      if (report) out.push(report);
    }
  }
  return out;
}

function changedClosedMonth(model: Model, month: Month, location: string, lm?: LocationMonth): ClosedMonthReport | null {
  const closed = model.closedMonth(location, month);
  if (!closed || !monthBounds(month)) return null;
  const fp = monthFingerprint(model, month, location);
  if (fp === closed.fingerprint) return null;
  const lines = (lm ?? computeLocationMonth(model, month, location)).lines;
  return { month, location, oldFingerprint: closed.fingerprint, newFingerprint: fp, changes: closingChanges(closed, lines) };
}

// ---- close preconditions --------------------------------------------------------------------

/** Why a month × location cannot be closed now (human sentences, each naming the location); [] when it can. */
export function closeBlockers(model: Model, lm: LocationMonth): string[] {
  const { month, location, last } = lm;
  const out: string[] = [];
  const closed = model.closedMonth(location, month);
  if (closed) {
    out.push(`${location}: ${month} is already closed${closed.closedAt ? ` (closed at ${closed.closedAt})` : ''}.`);
    return out;
  }
  if (!lm.lines.length) return [`${location}: nothing to reconcile in ${month}.`];
  if (model.today !== null && last >= model.today) out.push(`${location}: ${month} has not ended yet.`);
  const op = model.openings.get(location);
  if (op && last < op.record.day) {
    out.push(`${location}: ${month} is before the opening (started mid-stream at the end of ${op.record.month}).`);
  }
  if (!lm.summaryImported) out.push(`${location}: the Amazon Summary for ${month} is not imported.`);
  if (lm.missingDays) out.push(`${location}: ${lm.missingDays}.`);
  const latest = model.latestClosed(location);
  if (latest !== null) {
    const next = addMonths(latest, 1);
    if (month !== next) out.push(`${location}: months are closed in order; the next month to close is ${next} (${latest} is the latest closed).`);
  }
  return out;
}

// ---- the review -----------------------------------------------------------------------------

function stateOf(model: Model, lm: LocationMonth): LocationState {
  const closed = model.closedMonth(lm.location, lm.month);
  const blockers = closeBlockers(model, lm);
  const report = closed ? changedClosedMonth(model, lm.month, lm.location, lm) : null;
  return {
    location: lm.location,
    status: closed ? STATUS_CLOSED : model.isReopened(lm.location, lm.month) ? STATUS_REOPENED : STATUS_OPEN,
    canClose: blockers.length === 0,
    closeBlockers: blockers,
    closedAt: closed ? closed.closedAt : null,
    fingerprint: closed ? closed.fingerprint : null,
    changed: report ? report.changes : null,
  };
}

/**
 * What `getReconciliation({month, location?})` shows: the roll-forward lines of the month at one
 * location, or at every location that has lines when `location` is omitted, the inbound
 * shortfalls at month end, and whether (and why not) the month can be closed.
 */
export function reconcile(data: ReconcileData, query: ReconcileQuery): ReconcileResult {
  return reconcileModel(new Model(data), query);
}

export function reconcileModel(model: Model, query: ReconcileQuery): ReconcileResult {
  const month = requireMonth(query && query.month);
  const only = cleanLocation(query.location);
  const lms = only !== null ? new Map([[only, computeLocationMonth(model, month, only)]]) : locationsWithLines(model, month);
  const lines: ReconcileLine[] = [];
  const shortfalls: Shortfall[] = [];
  const states: LocationState[] = [];
  const warnings: string[] = [...model.warnings];
  for (const lm of lms.values()) {
    lines.push(...lm.lines);
    shortfalls.push(...lm.shortfalls);
    warnings.push(...lm.warnings);
    const st = stateOf(model, lm);
    states.push(st);
    if (st.changed) {
      const detail = st.changed.length
        ? st.changed.map((c) => `${c.sku} ${c.oldClosing} → ${c.newClosing}`).join(', ')
        : 'no Closing changed';
      warnings.push(`${lm.location}: ${month} was closed but its data changed since (${detail}); reopen it and close it again.`);
    }
  }
  const open = states.filter((s) => s.status !== STATUS_CLOSED);
  const closed = states.length > 0 && open.length === 0;
  let closeBlockersAll: string[];
  if (only !== null) closeBlockersAll = states[0].closeBlockers;
  else if (states.length === 0) closeBlockersAll = [`Nothing to reconcile in ${month}.`];
  else if (closed) closeBlockersAll = [`${month} is already closed at every location.`];
  else closeBlockersAll = open.flatMap((s) => s.closeBlockers);
  return {
    month,
    locations: [...lms.keys()],
    lines,
    shortfalls,
    closed,
    canClose: closeBlockersAll.length === 0,
    closeBlockers: closeBlockersAll,
    warnings,
    states,
  };
}

// ---- posting RECONCILIATION rows -----------------------------------------------------------

/** The Key of the RECONCILIATION row of a month × location × component SKU. */
export function reconciliationKey(month: Month, location: string, sku: string): string {
  return `reconciliation:${month}:${location}:${sku}`;
}

export interface Posting {
  location: string;
  sku: string;
  quantity: number;
  reference: string;
}

export interface PostingPlan {
  /** Why nothing may be posted (a chosen SKU whose cause is not "unexplained", an unknown SKU). */
  refusals: string[];
  /** Rows to append. */
  write: NewLedgerRow[];
  /** Keys of earlier RECONCILIATION rows to delete first (replaced, or no longer needed). */
  removeKeys: string[];
  posted: Posting[];
  notes: string[];
}

function noteFor(notes: Record<string, string> | undefined, chosen: string, display: string): string {
  if (!notes) return '';
  for (const k of Object.keys(notes)) {
    if (textKey(k) === textKey(chosen) || textKey(k) === textKey(display)) return String(notes[k] ?? '').trim();
  }
  return '';
}

/**
 * Plans RECONCILIATION rows for the chosen SKUs (Amazon or component SKUs) at the given locations:
 * each line is recomputed WITHOUT the row with Key `reconciliation:<month>:<location>:<sku>`;
 * an "unexplained" line gets a row of −Variance component units dated the month's last day (lot
 * UNSPECIFIED, Reference = the note, Source `reconciliation:<month>`), replacing the earlier row;
 * a line that agrees without the earlier row only loses that row; any other cause refuses.
 */
export function planPostings(
  data: ReconcileData, month: Month, locations: readonly string[], skus: readonly string[], notes?: Record<string, string>,
): PostingPlan {
  const b = monthBounds(month);
  if (!b) throw new InputError('Month must be written YYYY-MM');
  const plan: PostingPlan = { refusals: [], write: [], removeKeys: [], posted: [], notes: [] };
  const requested = skus.map((s) => String(s ?? '').trim()).filter((s) => s !== '');
  if (requested.length === 0) return plan;
  const model0 = new Model(data);
  const chosen = new Map<string, string>();
  for (const t of requested) {
    const key = model0.target(t).key;
    if (!chosen.has(key)) chosen.set(key, t);
  }
  const prefixes = locations.map((l) => ({ l, p: textKey(`reconciliation:${month}:${l}:`) }));
  const removed = new Set<LedgerRow>();
  for (const r of data.ledger) {
    const k = textKey(r.key);
    if (!k) continue;
    for (const { p } of prefixes) {
      if (k.startsWith(p) && chosen.has(textKey(k.slice(p.length)))) {
        removed.add(r);
        plan.removeKeys.push(r.key);
      }
    }
  }
  const model = removed.size ? new Model({ ...data, ledger: data.ledger.filter((r) => !removed.has(r)) }) : model0;
  const found = new Set<string>();
  for (const location of locations) {
    const lm = computeLocationMonth(model, month, location);
    for (const line of lm.lines) {
      const key = textKey(line.sku);
      const asked = chosen.get(key);
      if (asked === undefined) continue;
      found.add(key);
      if (line.causeKind === 'unexplained') {
        const quantity = -(line.variance as number);
        const reference = noteFor(notes, asked, line.sku);
        plan.write.push({
          day: b.last, event: 'RECONCILIATION', sku: line.sku, lot: null, quantity, location,
          disposition: '', reason: '', reference, source: `reconciliation:${month}`, key: reconciliationKey(month, location, line.sku),
        });
        plan.posted.push({ location, sku: line.sku, quantity, reference });
      } else if (line.causeKind === '') {
        if ([...removed].some((r) => r.location === location && model.target(r.sku).key === key)) {
          plan.notes.push(`${line.sku} at ${location} agrees without its earlier RECONCILIATION row, which is removed.`);
        } else {
          plan.notes.push(`${line.sku} at ${location} agrees: nothing to post.`);
        }
      } else {
        plan.refusals.push(`${line.sku} at ${location}: cannot post a RECONCILIATION row, the cause is ${line.cause}.`);
      }
    }
  }
  for (const [key, asked] of chosen) {
    if (!found.has(key)) plan.refusals.push(`${asked}: no line in ${month} at ${locations.join(', ') || 'any location'}.`);
  }
  return plan;
}

/** A NewLedgerRow as a LedgerRow (for recomputing with the rows to be written). */
export function asLedgerRow(r: NewLedgerRow): LedgerRow {
  return { row: 0, day: r.day, event: r.event, sku: r.sku, lot: null, quantity: r.quantity, expiry: null, location: r.location,
    disposition: r.disposition, reason: r.reason, reference: r.reference, source: r.source, key: r.key };
}

/** The ledger after deleting the rows with the given keys (case-insensitive) and appending new rows. */
export function applyRows(ledger: readonly LedgerRow[], removeKeys: readonly string[], write: readonly NewLedgerRow[]): LedgerRow[] {
  const gone = new Set(removeKeys.map(textKey));
  return [...ledger.filter((r) => !(r.key && gone.has(textKey(r.key)))), ...write.map(asLedgerRow)];
}

// ---- close and reopen ----------------------------------------------------------------------

export interface CloseRequest {
  month: Month;
  location?: string | null;
  /** SKUs to post a RECONCILIATION row for (their cause must be "unexplained"). */
  postAdjustments?: readonly string[];
  /** The seller's note per SKU (the Reference of its RECONCILIATION row). */
  notes?: Record<string, string>;
  /** When the close happens (ISO-8601 instant, written to Closed at). */
  closedAt: string;
}

export interface ClosePlan {
  ok: boolean;
  /** Why the month cannot be closed (preconditions, refused postings); [] when ok. */
  blockers: string[];
  month: Month;
  /** The locations closed. */
  locations: string[];
  /** The review lines to write, Status CLOSED with Closed at and Fingerprint (replace the month × location rows). */
  lines: ReconcileLine[];
  /** RECONCILIATION rows to append (after deleting `removeKeys`). */
  write: NewLedgerRow[];
  removeKeys: string[];
  posted: Posting[];
  fingerprints: Record<string, string>;
  message: string;
}

/**
 * Plans `closeMonth`: checks the preconditions of every location (the month's summary imported,
 * every day covered by detail imports, not closed yet, the next month after the latest closed
 * one), plans the chosen postings, and returns the CLOSED review lines computed with the posted
 * rows and the fingerprint of each month × location. Nothing is planned unless everything passes.
 * With no location, every location that has lines and is not closed yet is closed.
 */
export function planCloseMonth(data: ReconcileData, request: CloseRequest): ClosePlan {
  const month = requireMonth(request && request.month);
  const only = cleanLocation(request.location);
  const model = new Model(data);
  const fail = (blockers: string[]): ClosePlan => ({
    ok: false, blockers, month, locations: [], lines: [], write: [], removeKeys: [], posted: [], fingerprints: {},
    message: blockers.join(' '),
  });
  let targets: LocationMonth[];
  if (only !== null) targets = [computeLocationMonth(model, month, only)];
  else {
    const all = [...locationsWithLines(model, month).values()];
    targets = all.filter((lm) => !model.closedMonth(lm.location, month));
    if (!targets.length) return fail([all.length ? `${month} is already closed at every location.` : `Nothing to reconcile in ${month}.`]);
  }
  const blockers = targets.flatMap((lm) => closeBlockers(model, lm));
  if (blockers.length) return fail(blockers);
  const locations = targets.map((lm) => lm.location);
  const posting = planPostings(data, month, locations, request.postAdjustments ?? [], request.notes);
  if (posting.refusals.length) return fail(posting.refusals);
  const changed = posting.removeKeys.length > 0 || posting.write.length > 0;
  const after = changed ? new Model({ ...data, ledger: applyRows(data.ledger, posting.removeKeys, posting.write) }) : model;
  const lines: ReconcileLine[] = [];
  const fingerprints: Record<string, string> = {};
  for (const location of locations) {
    const fp = monthFingerprint(after, month, location);
    fingerprints[location] = fp;
    for (const l of computeLocationMonth(after, month, location).lines) {
      lines.push({ ...l, status: STATUS_CLOSED, closedAt: request.closedAt, fingerprint: fp });
    }
  }
  const posted = posting.posted.length
    ? `; posted ${posting.posted.length} RECONCILIATION row${posting.posted.length > 1 ? 's' : ''} (${posting.posted.map((p) => `${p.sku} ${p.quantity > 0 ? '+' : ''}${p.quantity}${only === null ? ` at ${p.location}` : ''}`).join(', ')})`
    : '';
  return {
    ok: true, blockers: [], month, locations, lines, write: posting.write, removeKeys: posting.removeKeys, posted: posting.posted,
    fingerprints,
    message: `Closed ${month} at ${locations.join(', ')}${posted}.` + (posting.notes.length ? ' ' + posting.notes.join(' ') : ''),
  };
}

export interface ReopenRequest {
  month: Month;
  location?: string | null;
}

export interface ReopenPlan {
  ok: boolean;
  blockers: string[];
  /** Every month × location reopened: the month asked and every later closed month of the location. */
  reopened: Array<{ month: Month; location: string }>;
  /** The review lines to write for them (Status REOPENED, no Closed at, no Fingerprint). */
  lines: ReconcileLine[];
  message: string;
}

/**
 * Plans `reopenMonth`: the month's lines become REOPENED; later closed months of the same location
 * are reopened with it (a later close rests on this month's closing, and months close in order).
 * RECONCILIATION rows posted at the close stay; closing again replaces them.
 */
export function planReopenMonth(data: ReconcileData, request: ReopenRequest): ReopenPlan {
  const month = requireMonth(request && request.month);
  const only = cleanLocation(request.location);
  const model = new Model(data);
  const fail = (blockers: string[]): ReopenPlan => ({ ok: false, blockers, reopened: [], lines: [], message: blockers.join(' ') });
  let locations: string[];
  if (only !== null) {
    if (!model.closedMonth(only, month)) return fail([`${only}: ${month} is not closed.`]);
    locations = [only];
  } else {
    locations = [...model.closed.keys()].filter((l) => model.closedMonth(l, month)).sort();
    if (!locations.length) return fail([`${month} is not closed at any location.`]);
  }
  const reopened: Array<{ month: Month; location: string }> = [];
  const lines: ReconcileLine[] = [];
  for (const location of locations) {
    const months = [...model.closed.get(location)!.keys()].filter((m) => m >= month).sort();
    for (const m of months) {
      reopened.push({ month: m, location });
      for (const l of computeLocationMonth(model, m, location).lines) {
        lines.push({ ...l, status: STATUS_REOPENED, closedAt: null, fingerprint: null });
      }
    }
  }
  const text = reopened.map((r) => `${r.month} at ${r.location}`).join(', ');
  return { ok: true, blockers: [], reopened, lines, message: `Reopened ${text}.` };
}
