/**
 * Start mid-stream (spec §7): OPENING rows at the end of a complete month from Amazon's figures,
 * the refusal of detail imports dated on or before the opening day, and the MYI check of today's
 * on hand.
 */
import { isoFromDay, monthBounds, type Day, type Month } from '../days';
import { InputError } from '../errors';
import type { KitRow, LedgerRow } from '../ledger/types';
import { add, Model, resolverFromKits, textKey } from './model';
import type { InventoryRow, KitResolver, NewLedgerRow, OpeningRecord, ReconcileData } from './types';

export interface StartMidStreamRequest {
  month: Month;
  location: string;
  /** Units inbound (sent, not yet received) at the end of the month, per SKU (Amazon or component SKU). */
  inboundInTransit?: Record<string, number> | null;
  /** `Amazon Inventory` rows: their inbound shipped + receiving quantities are used for SKUs the seller did not give. */
  inventory?: readonly InventoryRow[] | null;
}

export interface OpeningComponent {
  sku: string;
  ending: number;
  inTransitBetweenWarehouses: number;
  inboundInTransit: number;
  /** Where the inbound figure came from. */
  inboundFrom: 'seller' | 'MYI' | 'none';
  total: number;
}

export interface StartMidStreamPlan {
  ok: boolean;
  blockers: string[];
  /** OPENING rows to append (after deleting `removeKeys`, earlier opening rows of the same month). */
  write: NewLedgerRow[];
  removeKeys: string[];
  /** The record the shell stores (document property) and passes back as `ReconcileData.openings`. */
  opening: OpeningRecord | null;
  components: OpeningComponent[];
  warnings: string[];
  message: string;
}

/** The Key of the OPENING row of a month × location × component SKU. */
export function openingKey(month: Month, location: string, sku: string): string {
  return `opening:${month}:${location}:${sku}`;
}

function wholeUnits(value: unknown, sku: string): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new InputError(`Inbound in transit of ${sku} must be a whole number of units ≥ 0`);
  }
  return n;
}

/**
 * The latest MYI snapshot of a location, one marketplace per pool: when rows of the latest
 * snapshot came from several imports, only the rows of the import listed last are used.
 */
export function latestSnapshot(rows: readonly InventoryRow[], location: string): { snapshot: Day; rows: InventoryRow[]; warning: string | null } | null {
  let latest: Day | null = null;
  for (const r of rows) if (r.location === location && (latest === null || r.snapshot > latest)) latest = r.snapshot;
  if (latest === null) return null;
  const at = rows.filter((r) => r.location === location && r.snapshot === latest);
  const sources = [...new Set(at.map((r) => r.source.trim()))];
  if (sources.length <= 1) return { snapshot: latest, rows: at, warning: null };
  const keep = at[at.length - 1].source.trim();
  return {
    snapshot: latest,
    rows: at.filter((r) => r.source.trim() === keep),
    warning: `${location}: Amazon Inventory of ${isoFromDay(latest)} comes from ${sources.length} imports; only ${keep} is used (one marketplace per pool).`,
  };
}

/**
 * Plans `startMidStream({month, location, inboundInTransit?})`: per component, Amazon's Ending for
 * the month over all dispositions + in transit between warehouses + inbound in transit (the
 * seller's figure, else MYI's inbound shipped + receiving, else 0), as one OPENING row dated the
 * month's last day (lot UNSPECIFIED, Source `opening:<month>`, Key `opening:<month>:<location>:<sku>`).
 * Refused when the month's summary is missing, the month has not ended, the location already
 * started at another month, or a month from this one on is closed there.
 */
export function planStartMidStream(data: ReconcileData, request: StartMidStreamRequest): StartMidStreamPlan {
  const month = typeof request?.month === 'string' ? request.month.trim() : '';
  const b = monthBounds(month);
  if (!b) throw new InputError('Month must be written YYYY-MM');
  const location = String(request.location ?? '').trim();
  if (!location) throw new InputError('Location is required');
  const model = new Model(data);
  const fail = (blockers: string[]): StartMidStreamPlan => ({
    ok: false, blockers, write: [], removeKeys: [], opening: null, components: [], warnings: [], message: blockers.join(' '),
  });
  const blockers: string[] = [];
  if (model.today !== null && b.last >= model.today) blockers.push(`${month} has not ended yet: start from a complete month.`);
  if (!model.summaryImported(location, month)) blockers.push(`Import the Amazon Summary for ${month} (${location}) first: the opening is Amazon's ending of that month.`);
  const existing = model.openings.get(location);
  if (existing && existing.record.month !== month) {
    blockers.push(`${location} already starts at the end of ${existing.record.month}; remove its OPENING rows (Source opening:${existing.record.month}) and that opening first.`);
  }
  const closedFrom = [...(model.closed.get(location)?.keys() ?? [])].filter((m) => m >= month).sort();
  if (closedFrom.length) blockers.push(`${location}: ${closedFrom.join(', ')} ${closedFrom.length > 1 ? 'are' : 'is'} closed; reopen first.`);
  if (blockers.length) return fail(blockers);

  const keys = new Set<string>();
  const ending = new Map<string, number>();
  const between = new Map<string, number>();
  for (const s of model.summaryRows(location, month)) {
    keys.add(s.key);
    add(ending, s.key, s.src.figures['Ending Warehouse Balance'] * s.unitsPerKit);
    add(between, s.key, s.src.figures['In Transit Between Warehouses'] * s.unitsPerKit);
  }
  const seller = new Map<string, number>();
  const given = request.inboundInTransit ?? null;
  if (given !== null && typeof given === 'object') {
    for (const sku of Object.keys(given)) {
      if (sku.trim() === '') continue;
      const units = wholeUnits(given[sku], sku);
      const t = model.target(sku);
      add(seller, t.key, units * t.unitsPerKit);
      keys.add(t.key);
    }
  }
  const warnings: string[] = [];
  const myi = new Map<string, number>();
  const snap = request.inventory ? latestSnapshot(request.inventory, location) : null;
  if (snap) {
    if (snap.warning) warnings.push(snap.warning);
    for (const r of snap.rows) {
      const t = model.target(r.msku);
      add(myi, t.key, (r.inboundShipped + r.inboundReceiving) * t.unitsPerKit);
      if (r.inboundShipped + r.inboundReceiving !== 0) keys.add(t.key);
    }
  }
  const components: OpeningComponent[] = [];
  const inboundRecord: Record<string, number> = {};
  let missingInbound = false;
  for (const key of keys) {
    const inboundFrom: OpeningComponent['inboundFrom'] = seller.has(key) ? 'seller' : myi.has(key) ? 'MYI' : 'none';
    if (inboundFrom === 'none') missingInbound = true;
    const inbound = seller.get(key) ?? myi.get(key) ?? 0;
    const e = ending.get(key) ?? 0, w = between.get(key) ?? 0;
    const sku = model.display(key);
    components.push({ sku, ending: e, inTransitBetweenWarehouses: w, inboundInTransit: inbound, inboundFrom, total: e + w + inbound });
    if (inbound !== 0) inboundRecord[sku] = inbound;
  }
  components.sort((x, y) => (textKey(x.sku) < textKey(y.sku) ? -1 : textKey(x.sku) > textKey(y.sku) ? 1 : 0));
  if (missingInbound && !snap) warnings.push('No inbound in transit given and no Amazon Inventory imported: inbound in transit taken as 0.');
  const write: NewLedgerRow[] = components.filter((c) => c.total !== 0).map((c) => ({
    day: b.last, event: 'OPENING', sku: c.sku, lot: null, quantity: c.total, location, disposition: '', reason: '', reference: '',
    source: `opening:${month}`, key: openingKey(month, location, c.sku),
  }));
  const prefix = textKey(`opening:${month}:${location}:`);
  const removeKeys = data.ledger.filter((r) => r.key && textKey(r.key).startsWith(prefix)).map((r) => r.key);
  const earlier = data.ledger.filter((r) => r.location === location && r.day <= b.last && !(r.key && textKey(r.key).startsWith(prefix)));
  if (earlier.length) {
    warnings.push(`${location}: ${earlier.length} ledger row${earlier.length > 1 ? 's' : ''} dated on or before ${isoFromDay(b.last)} count on top of the opening (remove imported ones with Remove import…).`);
  }
  const opening: OpeningRecord = { location, month, day: b.last, inboundInTransit: inboundRecord };
  return {
    ok: true, blockers: [], write, removeKeys, opening, components, warnings,
    message: `Opening of ${location} at ${isoFromDay(b.last)}: ${write.length} OPENING row${write.length === 1 ? '' : 's'}` +
      ` (Amazon ending + in transit between warehouses + inbound in transit). Detail imports dated on or before ${isoFromDay(b.last)} are now refused for ${location}.`,
  };
}

/** The opening day of a location (the latest when several are recorded), or null. */
export function openingDay(openings: readonly OpeningRecord[], location: string): Day | null {
  let day: Day | null = null;
  for (const o of openings) if (o.location === location && (day === null || o.day > day)) day = o.day;
  return day;
}

/** True when detail rows of that day at the location must be refused (on or before the opening day). */
export function isBeforeOpening(openings: readonly OpeningRecord[], location: string, day: Day): boolean {
  const d = openingDay(openings, location);
  return d !== null && day <= d;
}

/**
 * The refusal message of a detail import (or fetch) at a location whose days start..end reach the
 * opening day or earlier; null when it may be imported.
 */
export function detailImportRefusal(openings: readonly OpeningRecord[], location: string, start: Day, end: Day): string | null {
  const d = openingDay(openings, location);
  if (d === null || Math.min(start, end) > d) return null;
  return `${location} started mid-stream at ${isoFromDay(d)}: detail rows dated on or before that day are refused ` +
    `(this import has days from ${isoFromDay(Math.min(start, end))}); import from ${isoFromDay(d + 1)} on.`;
}

// ---- MYI check -----------------------------------------------------------------------------

export interface MyiComparison {
  location: string;
  sku: string;
  snapshot: string;
  /** Our on hand at the snapshot day: all ledger rows of the location up to it, component units. */
  onHand: number;
  warehouse: number;
  inboundShipped: number;
  inboundReceiving: number;
  /** afn-warehouse + inbound shipped + inbound receiving, component units. */
  amazon: number;
  difference: number;
}

export interface MyiCheckInput {
  ledger: readonly LedgerRow[];
  kits: readonly KitRow[];
  resolve?: KitResolver;
  inventory: readonly InventoryRow[];
  /** One location; every location with Amazon Inventory rows when omitted. */
  location?: string | null;
}

/**
 * The MYI check (spec §7): per location (its latest snapshot, one marketplace per pool) and
 * component, our on hand at the snapshot day against afn-warehouse + inbound shipped + inbound
 * receiving (mapped through Kits).
 */
export function myiCheck(input: MyiCheckInput): { lines: MyiComparison[]; warnings: string[] } {
  const resolve = input.resolve ?? resolverFromKits(input.kits);
  const model = new Model({ ledger: input.ledger, kits: input.kits, resolve, summary: [], receipts: [], importLog: [] });
  const only = input.location ? String(input.location).trim() : '';
  const locations = only ? [only] : [...new Set(input.inventory.map((r) => r.location))].sort();
  const lines: MyiComparison[] = [];
  const warnings: string[] = [];
  for (const location of locations) {
    const snap = latestSnapshot(input.inventory, location);
    if (!snap) {
      warnings.push(`${location}: no Amazon Inventory imported.`);
      continue;
    }
    if (snap.warning) warnings.push(snap.warning);
    type Acc = { warehouse: number; shipped: number; receiving: number; onHand: number };
    const acc = new Map<string, Acc>();
    const get = (k: string): Acc => {
      let a = acc.get(k);
      if (!a) acc.set(k, (a = { warehouse: 0, shipped: 0, receiving: 0, onHand: 0 }));
      return a;
    };
    for (const r of snap.rows) {
      const t = model.target(r.msku);
      const a = get(t.key);
      a.warehouse += r.warehouse * t.unitsPerKit;
      a.shipped += r.inboundShipped * t.unitsPerKit;
      a.receiving += r.inboundReceiving * t.unitsPerKit;
    }
    for (const r of model.rowsByLoc.get(location) ?? []) if (r.src.day <= snap.snapshot) get(r.key).onHand += r.units;
    for (const [key, a] of acc) {
      const amazon = a.warehouse + a.shipped + a.receiving;
      if (amazon === 0 && a.onHand === 0) continue;
      lines.push({
        location, sku: model.display(key), snapshot: isoFromDay(snap.snapshot), onHand: a.onHand, warehouse: a.warehouse,
        inboundShipped: a.shipped, inboundReceiving: a.receiving, amazon, difference: a.onHand - amazon,
      });
    }
  }
  lines.sort((x, y) => (x.location < y.location ? -1 : x.location > y.location ? 1 : textKey(x.sku) < textKey(y.sku) ? -1 : textKey(x.sku) > textKey(y.sku) ? 1 : 0));
  return { lines, warnings };
}
