/**
 * Detail report → ledger rows and `Amazon Receipts` rows (spec §6 "Mapping").
 *
 * - Shipments → SHIPMENT, CustomerReturns → RETURN, VendorReturns → REMOVAL, Adjustments →
 *   ADJUSTMENT (Reason kept), any other event type → ADJUSTMENT with Reason `event:<type>`;
 *   Receipts → `Amazon Receipts`; WhseTransfers are skipped.
 * - Location from the row's Country through the Locations map; an unmapped country gives
 *   `FBA-<country>` and is reported so the shell adds it to `Locations`.
 * - Several downloads of the same days (one per marketplace) are merged first: a row is identified
 *   by Country, FC, Date, MSKU, Event, Reference, Disposition, Reason, Quantity and its occurrence
 *   (the k-th identical row of one download is the k-th of another), and the merge keeps, per
 *   identity, the largest number of occurrences any one download has.
 * - Rows outside the requested days (fetches are padded by a day each side) are dropped, and so
 *   are rows dated on or before their location's opening day (start mid-stream).
 * - Compaction: rows are summed per Date × Location × Event × MSKU × Disposition × Reason (plus
 *   Reference for REMOVAL), and only a REMOVAL row keeps its Reference (the removal order ID): the
 *   order IDs of shipments and returns are not part of the compaction key, so they are not kept
 *   even on a day with a single order — which also lets closed months fold. Groups that sum to
 *   zero are not written. Receipts are summed per Date × Location × Shipment ID × MSKU.
 */
import { monthOfDay } from '../days';
import type { Day } from '../days';
import { UNSPECIFIED, type LedgerEvent, type LedgerRow } from '../ledger/types';
import type { DetailRecord } from '../reports/parse';
import { LEDGER_KIND, RECEIPTS_KIND } from './keys';
import { makeSheetRow, mergeDownloads, type SheetRow } from './rows';

/** Amazon event type → ledger event, for the four types the ledger records. */
export const LEDGER_EVENT_OF: Readonly<Record<string, LedgerEvent>> = {
  Shipments: 'SHIPMENT',
  CustomerReturns: 'RETURN',
  VendorReturns: 'REMOVAL',
  Adjustments: 'ADJUSTMENT',
};

/** Where an Amazon event type goes. */
export function destinationOf(eventType: string): { ledger: LedgerEvent; reasonOverride: string | null } | 'receipts' | 'skip' {
  if (eventType === 'Receipts') return 'receipts';
  if (eventType === 'WhseTransfers') return 'skip';
  const ev = LEDGER_EVENT_OF[eventType];
  return ev ? { ledger: ev, reasonOverride: null } : { ledger: 'ADJUSTMENT', reasonOverride: `event:${eventType}` };
}

/** Countries the import met that `Locations` lacks, with the location they were given. */
export type NewCountries = Map<string, string>;

/** Country → location: through the map, else `FBA-<country>` (recorded in `added`); no country → fallback. */
export function locationOf(
  country: string,
  locations: ReadonlyMap<string, string>,
  fallback: string,
  added: NewCountries,
): string {
  if (country === '') return fallback;
  const mapped = locations.get(country);
  if (mapped !== undefined && mapped.trim() !== '') return mapped.trim();
  const loc = `FBA-${country}`;
  added.set(country, loc);
  return loc;
}

/** Normalises a Locations sheet (2D values, header rows and blanks allowed) into a map. */
export function locationMapFromValues(values: readonly (readonly unknown[])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of values) {
    const country = String(row[0] ?? '').trim().toUpperCase();
    const location = String(row[1] ?? '').trim();
    if (country === '' || country === 'COUNTRY' || location === '') continue;
    if (!map.has(country)) map.set(country, location);
  }
  return map;
}

export interface DetailMapOptions {
  locations: ReadonlyMap<string, string>;
  /** Location of rows without a Country (files lacking the column). Default FBA-US. */
  defaultLocation?: string;
  /** `report:<id>` or `file:<name>`. */
  source: string;
  /** Requested days (fetches): rows outside are dropped. */
  days?: { first: Day; last: Day } | null;
  /**
   * Location → its opening day (start mid-stream, spec §7): rows of that location dated on or
   * before it are not imported.
   */
  openingDays?: ReadonlyMap<string, Day> | null;
  /**
   * Location → months whose Amazon ledger rows were folded by "Compact closed months": ledger rows
   * of those months are not imported again (the folded rows stand for them); receipts still are.
   */
  compactedMonths?: ReadonlyMap<string, ReadonlySet<string>> | null;
}

export interface DetailSkips {
  whseTransfers: number;
  outsideDays: number;
  /** Rows dated on or before their location's opening day. */
  beforeOpening: number;
  /** Ledger rows of a compacted month. */
  compacted: number;
  duplicates: number;
  /** Rows of groups that summed to zero. */
  netZero: number;
}

export interface MappedDetail {
  ledgerRows: LedgerRow[];
  ledgerSheetRows: SheetRow[];
  receiptSheetRows: SheetRow[];
  /** Source rows after merging downloads, before any filter. */
  rowsRead: number;
  skipped: DetailSkips;
  /** Rows kept after the day filter (merged records that reach a sheet or a compaction group). */
  rowsKept: number;
  /** Locations of the rows (after the day filter). */
  locations: string[];
  /** Amazon event types of the rows (after the day filter). */
  eventTypes: string[];
  firstDay: Day | null;
  lastDay: Day | null;
  newCountries: NewCountries;
  /** The rows' MSKUs (for the unknown-SKU check). */
  mskus: Set<string>;
}

/** The identity of a detail row for merging downloads (spec §6 "Mapping"). */
export function detailIdentity(r: DetailRecord): string {
  return `${r.country}\u001f${r.fulfillmentCenter}\u001f${r.day}\u001f${r.msku}\u001f${r.eventType}\u001f${r.referenceId}\u001f${r.disposition}\u001f${r.reason}\u001f${r.quantity}`;
}

/** Merges downloads of the same days (see the module comment). */
export function mergeDetailDownloads(downloads: readonly (readonly DetailRecord[])[]): { records: DetailRecord[]; duplicates: number } {
  return mergeDownloads(downloads, detailIdentity);
}

interface Group {
  day: Day;
  location: string;
  event: LedgerEvent;
  msku: string;
  disposition: string;
  reason: string;
  reference: string;
  refShared: boolean;
  quantity: number;
  line: number;
  count: number;
}

interface ReceiptGroup {
  day: Day;
  location: string;
  shipment: string;
  msku: string;
  quantity: number;
  line: number;
  count: number;
}

const EVENT_RANK: Readonly<Record<string, number>> = { SHIPMENT: 0, RETURN: 1, REMOVAL: 2, ADJUSTMENT: 3 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Small integer ids for strings (compaction keys are numbers, not concatenated strings: faster). */
class Interner {
  readonly ids = new Map<string, number>();
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
    }
    return id;
  }
}

/** Maps (merged) detail records to compacted ledger rows and receipt rows. */
export function mapDetail(records: readonly DetailRecord[], opts: DetailMapOptions, duplicates = 0): MappedDetail {
  const fallback = opts.defaultLocation ?? 'FBA-US';
  const newCountries: NewCountries = new Map();
  const locCache = new Map<string, { name: string; id: number; opening: number; seen: boolean }>();
  // Group key: outer = day × event, inner = MSKU × (Location, Disposition, Reason[, Reference]), both numbers.
  const groups = new Map<number, Map<number, Group>>();
  const allGroups: Group[] = [];
  const receipts = new Map<number, Map<number, ReceiptGroup>>();
  const allReceipts: ReceiptGroup[] = [];
  const locationIds = new Interner();
  const mskuIds = new Interner();
  const comboIds = new Interner();
  const shipmentIds = new Interner();
  const combos: Array<Map<string, Map<string, number>>> = [];
  const locations = new Set<string>();
  const eventTypes = new Set<string>();
  const skipped: DetailSkips = { whseTransfers: 0, outsideDays: 0, beforeOpening: 0, compacted: 0, duplicates, netZero: 0 };
  const compactedMonths = opts.compactedMonths ?? null;
  const openingDays = opts.openingDays ?? null;
  let firstDay: Day | null = null, lastDay: Day | null = null;
  let rowsKept = 0;
  const destCache = new Map<string, ReturnType<typeof destinationOf>>();
  const days = opts.days ?? null;
  const TWO24 = 16777216;

  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (days && (r.day < days.first || r.day > days.last)) {
      skipped.outsideDays++;
      continue;
    }
    let loc = locCache.get(r.country);
    if (loc === undefined) {
      const name = locationOf(r.country, opts.locations, fallback, newCountries);
      const opening = openingDays ? openingDays.get(name) : undefined;
      loc = { name, id: locationIds.id(name), opening: opening === undefined ? -Infinity : opening, seen: false };
      locCache.set(r.country, loc);
    }
    if (r.day <= loc.opening) {
      skipped.beforeOpening++;
      continue;
    }
    rowsKept++;
    if (!loc.seen) {
      loc.seen = true;
      locations.add(loc.name);
    }
    const location = loc.name;
    if (firstDay === null || r.day < firstDay) firstDay = r.day;
    if (lastDay === null || r.day > lastDay) lastDay = r.day;
    let dest = destCache.get(r.eventType);
    if (dest === undefined) {
      dest = destinationOf(r.eventType);
      destCache.set(r.eventType, dest);
      eventTypes.add(r.eventType);
    }
    if (dest === 'skip') {
      skipped.whseTransfers++;
      continue;
    }
    if (compactedMonths !== null && dest !== 'receipts' && compactedMonths.get(location)?.has(monthOfDay(r.day))) {
      skipped.compacted++;
      continue;
    }
    const mskuId = mskuIds.id(r.msku);
    if (dest === 'receipts') {
      let inner = receipts.get(r.day);
      if (!inner) receipts.set(r.day, (inner = new Map()));
      const innerKey = mskuId * TWO24 + shipmentIds.id(`${loc.id}\u001f${r.referenceId}`);
      const g = inner.get(innerKey);
      if (g) {
        g.quantity += r.quantity;
        g.count++;
      } else {
        const ng: ReceiptGroup = { day: r.day, location, shipment: r.referenceId, msku: r.msku, quantity: r.quantity, line: r.line, count: 1 };
        inner.set(innerKey, ng);
        allReceipts.push(ng);
      }
      continue;
    }
    const reason = dest.reasonOverride ?? r.reason;
    const removal = dest.ledger === 'REMOVAL';
    // (location, disposition, reason[, reference]) → a small id, through caches keyed by the parts.
    let byDisposition = combos[loc.id];
    if (!byDisposition) combos[loc.id] = byDisposition = new Map();
    let byReason = byDisposition.get(r.disposition);
    if (!byReason) byDisposition.set(r.disposition, (byReason = new Map()));
    let combo = byReason.get(reason);
    if (combo === undefined) {
      combo = comboIds.id(`${loc.id}\u001f${r.disposition}\u001f${reason}`);
      byReason.set(reason, combo);
    }
    if (removal) combo = comboIds.id(`${loc.id}\u001f${r.disposition}\u001f${reason}\u001f${r.referenceId}`);
    if (combo >= TWO24) throw new Error('too many distinct dispositions, reasons and removal orders in one import');
    const outerKey = r.day * 4 + EVENT_RANK[dest.ledger];
    let inner = groups.get(outerKey);
    if (!inner) groups.set(outerKey, (inner = new Map()));
    const innerKey = mskuId * TWO24 + combo;
    const g = inner.get(innerKey);
    if (g) {
      g.quantity += r.quantity;
      g.count++;
      if (g.refShared && g.reference !== r.referenceId) g.refShared = false;
    } else {
      const ng: Group = {
        day: r.day, location, event: dest.ledger, msku: r.msku, disposition: r.disposition, reason,
        reference: r.referenceId, refShared: true, quantity: r.quantity, line: r.line, count: 1,
      };
      inner.set(innerKey, ng);
      allGroups.push(ng);
    }
  }

  const sorted = allGroups.sort(
    (a, b) =>
      a.day - b.day || cmp(a.location, b.location) || EVENT_RANK[a.event] - EVENT_RANK[b.event] || cmp(a.msku, b.msku) ||
      cmp(a.disposition, b.disposition) || cmp(a.reason, b.reason) || cmp(a.reference, b.reference),
  );
  const ledgerRows: LedgerRow[] = [];
  const ledgerSheetRows: SheetRow[] = [];
  for (const g of sorted) {
    if (g.quantity === 0) {
      skipped.netZero += g.count;
      continue;
    }
    const reference = g.event === 'REMOVAL' && g.refShared ? g.reference : '';
    const content = [g.day, g.event, g.msku, UNSPECIFIED, g.quantity, '', g.location, g.disposition, g.reason, reference];
    const sheetRow = makeSheetRow(LEDGER_KIND, content, opts.source, g.line);
    ledgerSheetRows.push(sheetRow);
    ledgerRows.push({
      row: g.line, day: g.day, event: g.event, sku: g.msku, lot: null, quantity: g.quantity, expiry: null,
      location: g.location, disposition: g.disposition, reason: g.reason, reference, source: opts.source, key: sheetRow.key,
    });
  }

  const receiptSheetRows: SheetRow[] = [];
  const sortedReceipts = allReceipts.sort(
    (a, b) => a.day - b.day || cmp(a.location, b.location) || cmp(a.shipment, b.shipment) || cmp(a.msku, b.msku),
  );
  for (const g of sortedReceipts) {
    if (g.quantity === 0) {
      skipped.netZero += g.count;
      continue;
    }
    receiptSheetRows.push(makeSheetRow(RECEIPTS_KIND, [g.day, g.location, g.shipment, g.msku, g.quantity], opts.source, g.line));
  }

  return {
    ledgerRows, ledgerSheetRows, receiptSheetRows, rowsRead: records.length + duplicates, skipped, rowsKept,
    locations: [...locations].sort(), eventTypes: [...eventTypes], firstDay, lastDay, newCountries, mskus: new Set(mskuIds.ids.keys()),
  };
}
