/**
 * Pools (spec §4): each row belongs to Location × component × units per kit, found through Kits
 * from its SKU; its units = Quantity × units per kit. A pool's rows are put in day order once
 * (rule 1), classified (rules 5–7), matched by Reference (rule 6) and given their reservations
 * (rule 4); every simulation of the pool (FIFO, FEFO, the Min/Max variants, any as-of date) then
 * walks these arrays without sorting again.
 *
 * Rows are kept as parallel arrays of numbers (no object per row), with text values interned as
 * ids in tables shared by the whole ledger.
 */
import type { LedgerRow } from './types';
import {
  chargeClass,
  CLASS_SHIPMENT,
  classifyRow,
  isChargedOutflow,
  isSellableDisposition,
  isUnspecifiedInflow,
  KIND_IN_FOUND,
  KIND_IN_RETURN,
  REF_NONE,
  REF_SHIPMENT,
} from './classify';
import { EVENT_RANK, GROUP_MATCHED_IN, GROUP_NAMED_IN, GROUP_NAMED_OUT, GROUP_UNSPECIFIED_IN, GROUP_UNSPECIFIED_OUT, sortRows } from './order';
import { reservationsAfter } from './reserve';

/** Case-insensitive text values of the whole ledger, as ids, with their sort ranks. */
export class TextTable {
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  private rankCache: Int32Array | null = null;

  /** The id of a key (added when new). */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
      this.rankCache = null;
    }
    return id;
  }

  /** The id of a key, or −1 when unknown. */
  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /** Rank of each id in the sorted order of keys. */
  ranks(): Int32Array {
    if (!this.rankCache) {
      const order = this.keys.map((_, i) => i).sort((a, b) => (this.keys[a] < this.keys[b] ? -1 : this.keys[a] > this.keys[b] ? 1 : 0));
      const ranks = new Int32Array(this.keys.length);
      for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
      this.rankCache = ranks;
    }
    return this.rankCache;
  }
}

/** What the rows of a ledger share: the rows and the text tables their ids point into. */
export interface LedgerTables {
  rows: readonly LedgerRow[];
  /** Lot keys (the unspecified lot is not in it). */
  lots: TextTable;
  /** Reference keys ('' included). */
  refs: TextTable;
  /** Reason keys ('' included). */
  reasons: TextTable;
}

// Bits of a row's `info` number.
const KIND_MASK = 7;
const REF_SHIFT = 3;
const SELLABLE_BIT = 1 << 5;
const SENT_BIT = 1 << 6;
const EVENT_SHIFT = 7;

export interface Pool {
  index: number;
  locationKey: string;
  componentKey: string;
  unitsPerKit: number;
  // Rows in ledger order, as parallel arrays.
  /** Index of the row in the ledger's rows. */
  rowIndex: number[];
  units: number[];
  /** Lot id (−1 for unspecified rows). */
  lot: number[];
  ref: number[];
  reason: number[];
  /** Kind, Reference mode, sellable and sent flags, event rank. */
  info: number[];
  prepared?: PreparedPool;
}

export function newPool(index: number, locationKey: string, componentKey: string, unitsPerKit: number): Pool {
  return { index, locationKey, componentKey, unitsPerKit, rowIndex: [], units: [], lot: [], ref: [], reason: [], info: [] };
}

/** Adds a row with non-zero units to a pool. */
export function addRow(pool: Pool, t: LedgerTables, rowIndex: number, units: number, lotId: number, refId: number, reasonId: number): void {
  const row = t.rows[rowIndex];
  const named = lotId >= 0;
  const reasonKey = row.event === 'ADJUSTMENT' ? t.reasons.keys[reasonId] : '';
  const cls = classifyRow(row.event, named, units, reasonKey);
  let info = cls.kind | (cls.refMode << REF_SHIFT) | (EVENT_RANK[row.event] << EVENT_SHIFT);
  if (isSellableDisposition(row.disposition)) info |= SELLABLE_BIT;
  if (row.event === 'TRANSFER' || row.event === 'OPENING') info |= SENT_BIT;
  pool.rowIndex.push(rowIndex);
  pool.units.push(units);
  pool.lot.push(lotId);
  pool.ref.push(refId);
  pool.reason.push(reasonId);
  pool.info.push(info);
}

/** A pool's rows in day order as flat arrays, with what every simulation needs. */
export interface PreparedPool {
  n: number;
  /** Ledger row index of each row, in day order. */
  rowIndex: Int32Array;
  day: Int32Array;
  units: Float64Array;
  kind: Uint8Array;
  refMode: Uint8Array;
  /** 1 when the row's disposition is blank or SELLABLE. */
  sellable: Uint8Array;
  /** 1 for TRANSFER and OPENING rows (Sent). */
  sent: Uint8Array;
  /** Lot index (in this pool) of a named row; −1 otherwise. */
  lot: Int32Array;
  /** Reference id for Reference matching (outflows that an inflow may match, and those inflows); −1 otherwise. */
  ref: Int32Array;
  /** Index of the row's day among the days of unspecified inflows (its unknown-lot layer); −1 otherwise. */
  uk: Int32Array;
  /** Reservation of a named row's lot after its day (rule 4). */
  resAfter: Float64Array;
  /** Lot keys by lot index. */
  lotKeys: string[];
  /** Lot index by lot key. */
  lotIds: Map<string, number>;
  /** Days of unspecified inflows, ascending: one possible unknown-lot layer each. */
  ukDays: Int32Array;
  nRefs: number;
  /** Per Reference id: the last row index of an inflow that may match it. */
  lastRefIn: Int32Array;
  /** Prefix sums (rows before i) of RETURN-kind inflow units, found inflow units, matching inflow units. */
  preReturn: Float64Array;
  preFound: Float64Array;
  preMatch: Float64Array;
}

/** Puts a pool's rows in order and computes the per-row arrays (once per pool). */
export function preparePool(pool: Pool, t: LedgerTables): PreparedPool {
  if (pool.prepared) return pool.prepared;
  const n = pool.units.length;
  const rows = t.rows;
  const dayOf = new Float64Array(n);
  const kindOf = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    dayOf[i] = rows[pool.rowIndex[i]].day;
    kindOf[i] = pool.info[i] & KIND_MASK;
  }
  // Reference matching (rule 6): per Reference, the days of charged outflows (any, and SHIPMENT).
  const outDays = new Map<number, { any: Set<number>; shipment: Set<number>; minAny: number; minShipment: number }>();
  const blankRef = t.refs.find('');
  for (let i = 0; i < n; i++) {
    const r = pool.ref[i];
    if (r === blankRef || !isChargedOutflow(kindOf[i])) continue;
    let m = outDays.get(r);
    if (!m) {
      m = { any: new Set(), shipment: new Set(), minAny: Infinity, minShipment: Infinity };
      outDays.set(r, m);
    }
    const d = dayOf[i];
    m.any.add(d);
    if (d < m.minAny) m.minAny = d;
    if (chargeClass(kindOf[i]) === CLASS_SHIPMENT) {
      m.shipment.add(d);
      if (d < m.minShipment) m.minShipment = d;
    }
  }
  // Day order (rule 1), with inflows matching an outflow of their day moved after it (rule 6).
  const refIds = new Map<number, number>();
  const matching = new Uint8Array(n);
  const orderKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const info = pool.info[i];
    const named = pool.lot[i] >= 0;
    const u = pool.units[i];
    let group: number;
    if (named) group = u > 0 ? GROUP_NAMED_IN : GROUP_NAMED_OUT;
    else group = u > 0 ? GROUP_UNSPECIFIED_IN : GROUP_UNSPECIFIED_OUT;
    const refMode = (info >> REF_SHIFT) & 3;
    const r = pool.ref[i];
    if (refMode !== REF_NONE && r !== blankRef) {
      const m = outDays.get(r);
      const shipmentOnly = refMode === REF_SHIPMENT;
      if (m && (shipmentOnly ? m.minShipment : m.minAny) <= dayOf[i]) {
        matching[i] = 1;
        if (!refIds.has(r)) refIds.set(r, refIds.size);
        if ((shipmentOnly ? m.shipment : m.any).has(dayOf[i])) group = GROUP_MATCHED_IN;
      }
    }
    orderKey[i] = (dayOf[i] * 8 + group) * 8 + (info >> EVENT_SHIFT);
  }
  const lotRanks = t.lots.ranks();
  const refRanks = t.refs.ranks();
  const reasonRanks = t.reasons.ranks();
  const lotRank = new Int32Array(n);
  const refRank = new Int32Array(n);
  const reasonRank = new Int32Array(n);
  const unitsOf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lotRank[i] = pool.lot[i] >= 0 ? lotRanks[pool.lot[i]] : -1;
    refRank[i] = refRanks[pool.ref[i]];
    reasonRank[i] = reasonRanks[pool.reason[i]];
    unitsOf[i] = pool.units[i];
  }
  const sorted = sortRows(orderKey, lotRank, refRank, unitsOf, reasonRank);
  const rowIndex = new Int32Array(n);
  const day = new Int32Array(n);
  const units = new Float64Array(n);
  const kind = new Uint8Array(n);
  const refMode = new Uint8Array(n);
  const sellable = new Uint8Array(n);
  const sent = new Uint8Array(n);
  const lot = new Int32Array(n);
  const ref = new Int32Array(n);
  const uk = new Int32Array(n);
  const preReturn = new Float64Array(n + 1);
  const preFound = new Float64Array(n + 1);
  const preMatch = new Float64Array(n + 1);
  const lastRefIn = new Int32Array(refIds.size).fill(-1);
  const lotIndex = new Map<number, number>();
  const lotKeys: string[] = [];
  const lotIds = new Map<string, number>();
  const ukDays: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = sorted[i];
    const info = pool.info[s];
    const k = info & KIND_MASK;
    rowIndex[i] = pool.rowIndex[s];
    day[i] = dayOf[s];
    const u = pool.units[s];
    units[i] = u;
    kind[i] = k;
    sellable[i] = info & SELLABLE_BIT ? 1 : 0;
    sent[i] = info & SENT_BIT ? 1 : 0;
    let l = -1;
    const lotId = pool.lot[s];
    if (lotId >= 0) {
      const known = lotIndex.get(lotId);
      if (known === undefined) {
        l = lotKeys.length;
        lotIndex.set(lotId, l);
        lotIds.set(t.lots.keys[lotId], l);
        lotKeys.push(t.lots.keys[lotId]);
      } else l = known;
    }
    lot[i] = l;
    let r = -1;
    let mode = REF_NONE;
    const id = refIds.get(pool.ref[s]);
    if (id !== undefined) {
      if (matching[s]) {
        r = id;
        mode = (info >> REF_SHIFT) & 3;
        lastRefIn[id] = i;
      } else if (isChargedOutflow(k)) r = id;
    }
    ref[i] = r;
    refMode[i] = mode;
    let x = -1;
    if (isUnspecifiedInflow(k)) {
      if (ukDays.length === 0 || ukDays[ukDays.length - 1] !== day[i]) ukDays.push(day[i]);
      x = ukDays.length - 1;
    }
    uk[i] = x;
    preReturn[i + 1] = preReturn[i] + (k === KIND_IN_RETURN ? u : 0);
    preFound[i + 1] = preFound[i] + (k === KIND_IN_FOUND ? u : 0);
    preMatch[i + 1] = preMatch[i] + (mode !== REF_NONE ? u : 0);
  }
  const prepared: PreparedPool = {
    n,
    rowIndex,
    day,
    units,
    kind,
    refMode,
    sellable,
    sent,
    lot,
    ref,
    uk,
    resAfter: reservationsAfter(day, units, lot, lotKeys.length),
    lotKeys,
    lotIds,
    ukDays: Int32Array.from(ukDays),
    nRefs: refIds.size,
    lastRefIn,
    preReturn,
    preFound,
    preMatch,
  };
  pool.prepared = prepared;
  return prepared;
}
