/**
 * The ledger engine's queries (spec §4, §5, §8): on hand, recorded lot balance, Sent, estimated
 * remaining per lot (FIFO, FEFO, Min, Max), the FBA_LOTS table, kit availability and the sidebar's
 * inventory summary.
 *
 * A `LotLedger` groups the rows into pools once; each pool is put in day order the first time a
 * query needs it, and each pool's runs (per as-of date) are kept, so one FBA_LOTS over a whole
 * ledger costs one sort and one pass per pool plus the Min/Max runs of the lots that need them,
 * while a single-SKU query only touches that SKU's pools.
 *
 * Conventions shared by every query:
 * - `sku` may be a component SKU or an Amazon SKU; an Amazon SKU maps to its component through
 *   Kits. Results are in component units, summed over the component's pools (every units per kit).
 * - `location` omitted (undefined, null, '') means every location, per-location results summed.
 * - `asOf` (a Day) keeps only rows dated up to it; reservations still use every named row.
 * - SKU, Lot and Location compare case-insensitively as trimmed text (123 equals "123").
 * - `lot` "UNSPECIFIED" (also blank, "unspecified-lot", any case) means the unspecified rows.
 */
import { isoFromDay, type Day, type DayConverter } from '../days';
import { InputError } from '../errors';
import { PoolView } from './analysis';
import { NO_KITS, readKits, type Kits, type KitTarget } from './kits';
import { compareFefo, compareFifo, type LayerKey } from './order';
import { addRow, newPool, TextTable, type LedgerTables, type Pool } from './pool';
import { readLedger } from './read';
import type { SimResult } from './simulate';
import { cellText, isUnspecifiedLot, Spellings, textKey } from './text';
import { UNSPECIFIED, type LedgerRow } from './types';

/** Estimate methods: FIFO (default), FEFO, and the ends of the possible range. */
export type Method = 'FIFO' | 'FEFO' | 'MIN' | 'MAX';
export const METHODS: readonly Method[] = ['FIFO', 'FEFO', 'MIN', 'MAX'];

/** Reads a method argument: blank means FIFO; any case. Throws InputError otherwise. */
export function parseMethod(value: unknown): Method {
  const text = cellText(value).toUpperCase();
  if (text === '') return 'FIFO';
  const m = METHODS.find((x) => x === text);
  if (!m) throw new InputError(`method must be FIFO, FEFO, MIN or MAX (not "${cellText(value)}")`);
  return m;
}

/** Which rows a query looks at. */
export interface Scope {
  /** One location (case-insensitive); omitted, null or '' for every location. */
  location?: string | number | null;
  /** Only rows dated up to this day; omitted or null for all rows. */
  asOf?: Day | null;
}

export interface MethodScope extends Scope {
  /** FIFO when omitted. */
  method?: Method;
}

export interface InventoryScope extends MethodScope {
  /** Only this SKU's component (an Amazon SKU maps to its component). */
  sku?: string | number | null;
}

/** The FBA_LOTS header row (spec §5). */
export const LOTS_HEADER = ['Location', 'SKU', 'Lot', 'Expiry', 'Sent', 'Recorded balance', 'Estimated remaining', 'Min', 'Max'] as const;

/**
 * One FBA_LOTS row: Location, SKU (component), Lot, Expiry (a Day for the caller to turn into a
 * Date, or null), Sent, Recorded balance, Estimated remaining (by the method), Min, Max ('' on the
 * UNSPECIFIED row).
 */
export type LotsTableRow = [
  location: string,
  sku: string,
  lot: string,
  expiry: Day | null,
  sent: number,
  recorded: number,
  estimate: number,
  min: number | '',
  max: number | '',
];

export interface LotsTable {
  header: readonly string[];
  rows: LotsTableRow[];
}

/** One lot of a location × component, summed over its pools. */
export interface LotFigures {
  lot: string;
  expiry: Day | null;
  /** Day of its first inflow (earliest over the pools). */
  arrival: Day | null;
  sent: number;
  recorded: number;
  fifo: number;
  fefo: number;
  min: number;
  max: number;
  /** The figure of the method asked for. */
  estimate: number;
}

/** The UNSPECIFIED figure (rule 8) and its parts, for one method's run. */
export interface UnspecifiedFigures {
  /** unknownLotStock − unallocatedDepletion + unchargedNet. */
  figure: number;
  unknownLotStock: number;
  unallocatedDepletion: number;
  unchargedNet: number;
  /** Sum of the unspecified rows. */
  recorded: number;
  /** Unspecified TRANSFER and OPENING units. */
  sent: number;
}

export interface KitFigure {
  amazonSku: string;
  unitsPerKit: number;
  /** Whole kits available at this location. */
  available: number;
}

/** What the sidebar shows for one location × component SKU. */
export interface InventoryItem {
  location: string;
  sku: string;
  onHand: number;
  sellable: number;
  unsellable: number;
  /** Lots in the method's charge order (FIFO order for MIN and MAX). */
  lots: LotFigures[];
  /** The UNSPECIFIED figure by the method's run (FIFO's for MIN and MAX). */
  unspecified: UnspecifiedFigures;
  /** Unknown-lot stock of the FIFO run: "+ up to N of unknown lot" beside each Max. */
  unknownLotStock: number;
  /** Depletion is unallocated (in the FIFO or FEFO run). */
  unreliable: boolean;
  /** Amazon SKUs in Kits whose component this is. */
  kits: KitFigure[];
  warnings: string[];
}

export interface Inventory {
  method: Method;
  asOf: Day | null;
  items: InventoryItem[];
  /** Spelling warnings, expiry conflicts, over-drawn lots, unreliable estimates. */
  warnings: string[];
}

/** A pool's figures (for checks and diagnostics): one Location × component × units per kit. */
export interface PoolFigures {
  location: string;
  sku: string;
  unitsPerKit: number;
  onHand: number;
  lots: { lot: string; fifo: number; fefo: number; min: number; max: number; ruleMin: number; ruleMax: number }[];
  /** The UNSPECIFIED figure and its parts in the FIFO run (recorded and sent of the unspecified rows). */
  fifo: UnspecifiedFigures;
  fefo: UnspecifiedFigures;
}

interface ExpiryInfo {
  expiry: Day;
  all: Set<Day>;
}

interface LotAggregate {
  key: string;
  arrival: number;
  expiry: number;
  sent: number;
  recorded: number;
  fifo: number;
  fefo: number;
  min: number;
  max: number;
}

interface Item {
  locationKey: string;
  componentKey: string;
  views: PoolView[];
}

function unspecifiedFigures(v: PoolView, run: SimResult): UnspecifiedFigures {
  return {
    figure: PoolView.unspecifiedFigure(run),
    unknownLotStock: run.unknownStock,
    unallocatedDepletion: run.depletion,
    unchargedNet: run.uncharged,
    recorded: v.unspecifiedRecorded,
    sent: v.unspecifiedSent,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ledger engine. Build one per ledger (and kits); queries are cheap after the first. */
export class LotLedger {
  /** Spelling warnings of the ledger and kits (values that differ only in case). */
  readonly warnings: string[];
  private readonly pools: Pool[] = [];
  private readonly byComponent = new Map<string, Pool[]>();
  private readonly locationNames = new Spellings('Location');
  private readonly skuNames = new Spellings('SKU');
  private readonly lotNames = new Spellings('Lot');
  private readonly views = new Map<string, PoolView>();
  private readonly expiries = new Map<string, Map<string, ExpiryInfo>>();
  private readonly tables: LedgerTables;

  /**
   * @param rows      validated ledger rows (see `readLedger`)
   * @param kits      the kit map (see `readKits`); none when omitted
   * @param warnings  warnings to pass on (e.g. the readers')
   */
  constructor(
    rows: readonly LedgerRow[],
    private readonly kits: Kits = NO_KITS,
    warnings: readonly string[] = [],
  ) {
    const tables: LedgerTables = { rows, lots: new TextTable(), refs: new TextTable(), reasons: new TextTable() };
    this.tables = tables;
    const targets = new Map<string, KitTarget>();
    const locations = new Map<string, string>();
    const lotIds = new Map<string, number>();
    const refIds = new Map<string, number>();
    const reasonIds = new Map<string, number>();
    const poolMap = new Map<string, Pool>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let target = targets.get(row.sku);
      if (target === undefined) {
        target = kits.resolve(row.sku);
        targets.set(row.sku, target);
        this.skuNames.offer(row.sku);
      }
      let locationKey = locations.get(row.location);
      if (locationKey === undefined) {
        locationKey = this.locationNames.offer(row.location);
        locations.set(row.location, locationKey);
      }
      let lotId = -1;
      if (row.lot !== null) {
        const known = lotIds.get(row.lot);
        if (known === undefined) {
          lotId = tables.lots.id(this.lotNames.offer(row.lot));
          lotIds.set(row.lot, lotId);
        } else lotId = known;
      }
      const units = row.quantity * target.unitsPerKit;
      if (units === 0) continue;
      let refId = refIds.get(row.reference);
      if (refId === undefined) {
        refId = tables.refs.id(textKey(row.reference));
        refIds.set(row.reference, refId);
      }
      let reasonId = reasonIds.get(row.reason);
      if (reasonId === undefined) {
        reasonId = tables.reasons.id(textKey(row.reason));
        reasonIds.set(row.reason, reasonId);
      }
      const poolKey = locationKey + '\u0001' + target.componentKey + '\u0001' + target.unitsPerKit;
      let pool = poolMap.get(poolKey);
      if (!pool) {
        pool = newPool(this.pools.length, locationKey, target.componentKey, target.unitsPerKit);
        poolMap.set(poolKey, pool);
        this.pools.push(pool);
        const list = this.byComponent.get(target.componentKey);
        if (list) list.push(pool);
        else this.byComponent.set(target.componentKey, [pool]);
      }
      addRow(pool, tables, i, units, lotId, refId, reasonId);
    }
    // Kits spellings against the ledger's.
    for (const k of kits.rows) {
      this.skuNames.note(k.amazonSku);
      this.skuNames.note(k.component);
    }
    const all = [...warnings, ...kits.warnings, ...this.skuNames.warnings];
    this.warnings = all.filter((w, i) => all.indexOf(w) === i);
  }

  /**
   * Reads a ledger range and a kits range (as custom functions receive them) and builds the
   * engine. Throws InputError (with the row in its range) for a bad row.
   */
  static fromValues(ledger: unknown, kits: unknown, days: DayConverter): LotLedger {
    const k = readKits(kits);
    const read = readLedger(ledger, days);
    return new LotLedger(read.rows, k, read.warnings);
  }

  // ---- queries -------------------------------------------------------------------------------

  /** On hand (all dispositions) of an SKU's component, in component units. */
  onHand(sku: string | number, scope: Scope = {}): number {
    let total = 0;
    for (const v of this.viewsOf(sku, scope)) total += v.onHand;
    return total;
  }

  /**
   * Recorded balance of a lot: the sum of its rows' units (Luminous's view); for "UNSPECIFIED",
   * the sum of the unspecified rows.
   */
  lotBalance(sku: string | number, lot: string | number, scope: Scope = {}): number {
    return this.sumOverViews(sku, lot, scope, (v) => v.unspecifiedRecorded, (v, l) => v.lotRecorded[l]);
  }

  /** Sent: the lot's TRANSFER and OPENING units, negative rows included. */
  lotSent(sku: string | number, lot: string | number, scope: Scope = {}): number {
    return this.sumOverViews(sku, lot, scope, (v) => v.unspecifiedSent, (v, l) => v.lotSent[l]);
  }

  /** Sums a per-pool figure of a lot (or of the unspecified rows) over the SKU's pools in scope. */
  private sumOverViews(
    sku: string | number, lot: string | number, scope: Scope,
    unspecified: (v: PoolView) => number, named: (v: PoolView, lotIndex: number) => number,
  ): number {
    const lotKey = this.lotKey(lot);
    let total = 0;
    for (const v of this.viewsOf(sku, scope)) {
      if (lotKey === null) total += unspecified(v);
      else {
        const l = v.lotIndex(lotKey);
        if (l >= 0) total += named(v, l);
      }
    }
    return total;
  }

  /**
   * Estimated remaining of a lot by method (FIFO default, FEFO, MIN, MAX). "UNSPECIFIED" gives the
   * UNSPECIFIED figure (by the FEFO run for FEFO, the FIFO run otherwise). A lot with no rows gives 0.
   */
  lotRemaining(sku: string | number, lot: string | number, scope: MethodScope = {}): number {
    const method = scope.method ?? 'FIFO';
    const lotKey = this.lotKey(lot);
    let total = 0;
    for (const v of this.viewsOf(sku, scope)) {
      if (lotKey === null) {
        total += PoolView.unspecifiedFigure(method === 'FEFO' ? v.fefo() : v.fifo());
        continue;
      }
      const l = v.lotIndex(lotKey);
      if (l < 0) continue;
      if (method === 'FIFO') total += v.fifo().hold[l];
      else if (method === 'FEFO') total += v.fefo().hold[l];
      else if (method === 'MIN') total += v.range(l).min;
      else total += v.range(l).max;
    }
    return total;
  }

  /**
   * Whole kits available of an Amazon SKU: max(0, floor(sellable units in its pool ÷ units per
   * kit)) per location, summed over locations when none is given. Blank and SELLABLE dispositions
   * are sellable. An SKU with no kit row is its own kit of one.
   */
  kitAvailable(amazonSku: string | number, scope: Scope = {}): number {
    const target = this.kits.resolve(this.skuText(amazonSku));
    let total = 0;
    for (const v of this.viewsOf(amazonSku, scope)) {
      if (v.pool.unitsPerKit !== target.unitsPerKit) continue;
      total += Math.max(0, Math.floor(v.sellable / target.unitsPerKit));
    }
    return total;
  }

  /**
   * The FBA_LOTS table: per location (each listed, also without a location filter), SKU
   * (component), then the lots in the method's charge order (FIFO order for MIN and MAX), and one
   * UNSPECIFIED row per location × SKU last with Min and Max ''. Lots and UNSPECIFIED are summed
   * over the component's pools at the location.
   */
  lotsTable(scope: MethodScope = {}): LotsTable {
    const method = scope.method ?? 'FIFO';
    const rows: LotsTableRow[] = [];
    for (const item of this.items(scope, null)) {
      const location = this.locationName(item.locationKey);
      const sku = this.componentName(item.componentKey);
      for (const a of this.lotAggregates(item, method)) {
        const estimate = method === 'FIFO' ? a.fifo : method === 'FEFO' ? a.fefo : method === 'MIN' ? a.min : a.max;
        rows.push([location, sku, this.lotName(a.key), a.expiry === Infinity ? null : a.expiry, a.sent, a.recorded, estimate, a.min, a.max]);
      }
      let sent = 0;
      let recorded = 0;
      let figure = 0;
      for (const v of item.views) {
        sent += v.unspecifiedSent;
        recorded += v.unspecifiedRecorded;
        figure += PoolView.unspecifiedFigure(method === 'FEFO' ? v.fefo() : v.fifo());
      }
      rows.push([location, sku, UNSPECIFIED, null, sent, recorded, figure, '', '']);
    }
    return { header: LOTS_HEADER, rows };
  }

  /** What the sidebar's Inventory tab shows, per location × component SKU. */
  inventory(scope: InventoryScope = {}): Inventory {
    const method = scope.method ?? 'FIFO';
    const asOf = scope.asOf ?? null;
    const componentKey = scope.sku === undefined || scope.sku === null || cellText(scope.sku) === '' ? null : this.componentKeyOf(scope.sku);
    const items: InventoryItem[] = [];
    const warnings = [...this.warnings];
    const warned = new Set(warnings);
    for (const item of this.items(scope, componentKey)) {
      const location = this.locationName(item.locationKey);
      const sku = this.componentName(item.componentKey);
      const itemWarnings: string[] = [];
      // Expiry conflicts.
      const expiries = this.expiryTable(item.componentKey, asOf);
      for (const [lotKey, info] of expiries) {
        if (info.all.size < 2) continue;
        const days = [...info.all].sort((a, b) => a - b).map(isoFromDay);
        itemWarnings.push(`${sku} lot ${this.lotName(lotKey)}: expiry conflict: ${days.join(', ')} (the earliest is used)`);
      }
      let onHand = 0;
      let sellable = 0;
      let unreliable = false;
      let unknownLotStock = 0;
      const unspecified: UnspecifiedFigures = { figure: 0, unknownLotStock: 0, unallocatedDepletion: 0, unchargedNet: 0, recorded: 0, sent: 0 };
      for (const v of item.views) {
        onHand += v.onHand;
        sellable += v.sellable;
        const fifo = v.fifo();
        const fefo = v.fefo();
        const run = method === 'FEFO' ? fefo : fifo;
        unspecified.unknownLotStock += run.unknownStock;
        unspecified.unallocatedDepletion += run.depletion;
        unspecified.unchargedNet += run.uncharged;
        unspecified.figure += PoolView.unspecifiedFigure(run);
        unspecified.recorded += v.unspecifiedRecorded;
        unspecified.sent += v.unspecifiedSent;
        unknownLotStock += fifo.unknownStock;
        if (fifo.depletion > 0 || fefo.depletion > 0) unreliable = true;
        const p = v.prepared;
        const where = v.pool.unitsPerKit > 1 ? `${sku} (packs of ${v.pool.unitsPerKit}) at ${location}` : `${sku} at ${location}`;
        for (let l = 0; l < p.lotKeys.length; l++) {
          if (v.lotPresent[l] && fifo.hold[l] < 0) itemWarnings.push(`${where}: lot ${this.lotName(p.lotKeys[l])} over-drawn by ${-fifo.hold[l]}`);
        }
      }
      if (unreliable) itemWarnings.push(`${sku} at ${location}: estimates unreliable: record the missing TRANSFER or OPENING`);
      for (const w of itemWarnings) {
        if (warned.has(w)) continue;
        warned.add(w);
        warnings.push(w);
      }
      const lots: LotFigures[] = this.lotAggregates(item, method).map((a) => ({
        lot: this.lotName(a.key),
        expiry: a.expiry === Infinity ? null : a.expiry,
        arrival: a.arrival === Infinity ? null : a.arrival,
        sent: a.sent,
        recorded: a.recorded,
        fifo: a.fifo,
        fefo: a.fefo,
        min: a.min,
        max: a.max,
        estimate: method === 'FIFO' ? a.fifo : method === 'FEFO' ? a.fefo : method === 'MIN' ? a.min : a.max,
      }));
      const kits: KitFigure[] = this.kits.kitsOf(sku).map((k) => {
        let available = 0;
        for (const v of item.views) if (v.pool.unitsPerKit === k.units) available += Math.max(0, Math.floor(v.sellable / k.units));
        return { amazonSku: k.amazonSku, unitsPerKit: k.units, available };
      });
      items.push({
        location,
        sku,
        onHand,
        sellable,
        unsellable: onHand - sellable,
        lots,
        unspecified,
        unknownLotStock,
        unreliable,
        kits,
        warnings: itemWarnings,
      });
    }
    return { method, asOf, items, warnings };
  }

  /** Per-pool figures (every Location × component × units per kit), for checks and diagnostics. */
  poolFigures(scope: Scope = {}): PoolFigures[] {
    const out: PoolFigures[] = [];
    for (const item of this.items(scope, null)) {
      for (const v of item.views) {
        const p = v.prepared;
        const fifo = v.fifo();
        const fefo = v.fefo();
        const lots: PoolFigures['lots'] = [];
        for (let l = 0; l < p.lotKeys.length; l++) {
          if (!v.lotPresent[l]) continue;
          const r = v.range(l);
          lots.push({ lot: p.lotKeys[l], fifo: fifo.hold[l], fefo: fefo.hold[l], min: r.min, max: r.max, ruleMin: r.ruleMin, ruleMax: r.ruleMax });
        }
        out.push({
          location: this.locationName(item.locationKey),
          sku: this.componentName(item.componentKey),
          unitsPerKit: v.pool.unitsPerKit,
          onHand: v.onHand,
          lots,
          fifo: unspecifiedFigures(v, fifo),
          fefo: unspecifiedFigures(v, fefo),
        });
      }
    }
    return out;
  }

  // ---- internals ---------------------------------------------------------------------------

  private skuText(sku: string | number): string {
    const text = cellText(sku);
    if (text === '') throw new InputError('SKU is blank');
    return text;
  }

  private componentKeyOf(sku: string | number): string {
    return this.kits.resolve(this.skuText(sku)).componentKey;
  }

  /** The lot key, or null for the unspecified lot. */
  private lotKey(lot: string | number): string | null {
    const text = cellText(lot);
    return isUnspecifiedLot(text) ? null : textKey(text);
  }

  private locationKeyOf(scope: Scope): string | null {
    const loc = scope.location;
    if (loc === undefined || loc === null) return null;
    const text = cellText(loc);
    return text === '' ? null : textKey(text);
  }

  private view(pool: Pool, asOf: Day | null): PoolView {
    const id = asOf === null ? `${pool.index}` : `${pool.index}|${asOf}`;
    let v = this.views.get(id);
    if (!v) {
      const expiries = this.expiryTable(pool.componentKey, asOf);
      v = new PoolView(pool, this.tables, asOf, (lotKey) => expiries.get(lotKey)?.expiry ?? null);
      this.views.set(id, v);
    }
    return v;
  }

  /** Views of the pools of an SKU's component within the scope. */
  private viewsOf(sku: string | number, scope: Scope): PoolView[] {
    const pools = this.byComponent.get(this.componentKeyOf(sku));
    if (!pools) return [];
    const loc = this.locationKeyOf(scope);
    const asOf = scope.asOf ?? null;
    const out: PoolView[] = [];
    for (const p of pools) if (loc === null || p.locationKey === loc) out.push(this.view(p, asOf));
    return out;
  }

  /**
   * Location × component groups with rows up to the date, sorted by location then SKU.
   */
  private items(scope: Scope, componentKey: string | null): Item[] {
    const loc = this.locationKeyOf(scope);
    const asOf = scope.asOf ?? null;
    const groups = new Map<string, Item>();
    const pools = componentKey === null ? this.pools : this.byComponent.get(componentKey) ?? [];
    for (const p of pools) {
      if (loc !== null && p.locationKey !== loc) continue;
      const v = this.view(p, asOf);
      if (v.end === 0) continue;
      const id = p.locationKey + '\u0001' + p.componentKey;
      let item = groups.get(id);
      if (!item) {
        item = { locationKey: p.locationKey, componentKey: p.componentKey, views: [] };
        groups.set(id, item);
      }
      item.views.push(v);
    }
    const items = [...groups.values()];
    items.sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.componentKey, b.componentKey));
    for (const item of items) item.views.sort((a, b) => a.pool.unitsPerKit - b.pool.unitsPerKit);
    return items;
  }

  /** The lots of a location × component, summed over its pools, in the method's charge order. */
  private lotAggregates(item: Item, method: Method): LotAggregate[] {
    const byKey = new Map<string, LotAggregate>();
    for (const v of item.views) {
      const p = v.prepared;
      const fifo = v.fifo();
      const fefo = v.fefo();
      for (let l = 0; l < p.lotKeys.length; l++) {
        if (!v.lotPresent[l]) continue;
        const key = p.lotKeys[l];
        let a = byKey.get(key);
        if (!a) {
          a = { key, arrival: Infinity, expiry: v.lotExpiry[l], sent: 0, recorded: 0, fifo: 0, fefo: 0, min: 0, max: 0 };
          byKey.set(key, a);
        }
        if (v.lotArrival[l] < a.arrival) a.arrival = v.lotArrival[l];
        a.sent += v.lotSent[l];
        a.recorded += v.lotRecorded[l];
        a.fifo += fifo.hold[l];
        a.fefo += fefo.hold[l];
        const r = v.range(l);
        a.min += r.min;
        a.max += r.max;
      }
    }
    const list = [...byKey.values()];
    const keyOf = (a: LotAggregate): LayerKey => ({ id: 0, arrival: a.arrival, expiry: a.expiry, unknown: 0, name: a.key });
    const compare = method === 'FEFO' ? compareFefo : compareFifo;
    list.sort((a, b) => compare(keyOf(a), keyOf(b)));
    return list;
  }

  /**
   * Per lot of a component: the earliest non-blank Expiry on its rows up to the date (every pool
   * and location of the component), and every distinct expiry seen (conflicts).
   */
  private expiryTable(componentKey: string, asOf: Day | null): Map<string, ExpiryInfo> {
    const id = asOf === null ? componentKey : `${componentKey}\u0001${asOf}`;
    let table = this.expiries.get(id);
    if (table) return table;
    table = new Map();
    const rows = this.tables.rows;
    const lotKeys = this.tables.lots.keys;
    for (const p of this.byComponent.get(componentKey) ?? []) {
      for (let i = 0; i < p.rowIndex.length; i++) {
        const row = rows[p.rowIndex[i]];
        const x = row.expiry;
        if (x === null || p.lot[i] < 0 || (asOf !== null && row.day > asOf)) continue;
        const lotKey = lotKeys[p.lot[i]];
        const info = table.get(lotKey);
        if (!info) table.set(lotKey, { expiry: x, all: new Set([x]) });
        else {
          info.all.add(x);
          if (x < info.expiry) info.expiry = x;
        }
      }
    }
    this.expiries.set(id, table);
    return table;
  }

  private locationName(key: string): string {
    return this.locationNames.display(key) ?? key.toUpperCase();
  }

  private componentName(key: string): string {
    return this.skuNames.display(key) ?? key;
  }

  private lotName(key: string): string {
    return this.lotNames.display(key) ?? key;
  }
}
