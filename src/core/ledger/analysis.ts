/**
 * One pool as of a date (spec §4 rule 9: only rows up to the date are simulated and summed;
 * reservations still use every named row): its balances, its layers' charge orders, and — computed
 * on first use and kept — its FIFO and FEFO runs and each lot's range.
 */
import type { Day } from '../days';
import { chargeOrder, compareFefo, compareFifo, type ChargeOrder, type LayerKey } from './order';
import { preparePool, type LedgerTables, type Pool, type PreparedPool } from './pool';
import { lotRange, type LotRange } from './range';
import { MODE_ESTIMATE, simulate, type SimResult, type SimSetup } from './simulate';

/** Balances and estimates of one pool as of a date. */
export class PoolView {
  readonly prepared: PreparedPool;
  /** Rows [0, end) are up to the as-of date. */
  readonly end: number;
  readonly nUnknown: number;
  /** Sum of units of all rows (every disposition). */
  readonly onHand: number;
  /** Sum of units of rows with a blank or SELLABLE disposition. */
  readonly sellable: number;
  readonly unspecifiedRecorded: number;
  readonly unspecifiedSent: number;
  /** Per lot index: 1 when the lot has a row up to the date. */
  readonly lotPresent: Uint8Array;
  readonly lotRecorded: Float64Array;
  readonly lotSent: Float64Array;
  /** Day of the first inflow (first row when it has none). */
  readonly lotArrival: Float64Array;
  /** Expiry day, Infinity when none. */
  readonly lotExpiry: Float64Array;
  readonly lastNamed: Int32Array;
  private fifoOrder?: ChargeOrder;
  private fefoOrder?: ChargeOrder;
  private fifoRun?: SimResult;
  private fefoRun?: SimResult;
  private readonly ranges: (LotRange | undefined)[];

  /**
   * @param expiryOf the lot's expiry (earliest over the component's rows up to the date), or null
   */
  constructor(
    readonly pool: Pool,
    tables: LedgerTables,
    readonly asOf: Day | null,
    expiryOf: (lotKey: string) => Day | null,
  ) {
    const p = preparePool(pool, tables);
    this.prepared = p;
    let end = p.n;
    if (asOf !== null) {
      // First row after the date (rows are in day order).
      let lo = 0;
      let hi = p.n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p.day[mid] <= asOf) lo = mid + 1;
        else hi = mid;
      }
      end = lo;
    }
    this.end = end;
    let nUnknown = p.ukDays.length;
    if (asOf !== null) while (nUnknown > 0 && p.ukDays[nUnknown - 1] > asOf) nUnknown--;
    this.nUnknown = nUnknown;
    const nLots = p.lotKeys.length;
    this.lotPresent = new Uint8Array(nLots);
    this.lotRecorded = new Float64Array(nLots);
    this.lotSent = new Float64Array(nLots);
    this.lotArrival = new Float64Array(nLots).fill(Infinity);
    this.lotExpiry = new Float64Array(nLots).fill(Infinity);
    this.lastNamed = new Int32Array(nLots).fill(-1);
    const firstDay = new Float64Array(nLots).fill(Infinity);
    let onHand = 0;
    let sellable = 0;
    let unspecifiedRecorded = 0;
    let unspecifiedSent = 0;
    const units = p.units;
    for (let i = 0; i < end; i++) {
      const u = units[i];
      onHand += u;
      if (p.sellable[i]) sellable += u;
      const l = p.lot[i];
      if (l < 0) {
        unspecifiedRecorded += u;
        if (p.sent[i]) unspecifiedSent += u;
        continue;
      }
      const d = p.day[i];
      this.lotPresent[l] = 1;
      this.lotRecorded[l] += u;
      if (p.sent[i]) this.lotSent[l] += u;
      this.lastNamed[l] = i;
      if (d < firstDay[l]) firstDay[l] = d;
      if (u > 0 && d < this.lotArrival[l]) this.lotArrival[l] = d;
    }
    for (let l = 0; l < nLots; l++) {
      if (!this.lotPresent[l]) continue;
      if (this.lotArrival[l] === Infinity) this.lotArrival[l] = firstDay[l];
      const x = expiryOf(p.lotKeys[l]);
      if (x !== null) this.lotExpiry[l] = x;
    }
    this.onHand = onHand;
    this.sellable = sellable;
    this.unspecifiedRecorded = unspecifiedRecorded;
    this.unspecifiedSent = unspecifiedSent;
    this.ranges = new Array<LotRange | undefined>(nLots);
  }

  /** Lot index of a lot key present up to the date, or −1. */
  lotIndex(lotKey: string): number {
    const l = this.prepared.lotIds.get(lotKey);
    return l !== undefined && this.lotPresent[l] ? l : -1;
  }

  private layerKeys(): LayerKey[] {
    const p = this.prepared;
    const nLots = p.lotKeys.length;
    const keys: LayerKey[] = [];
    for (let l = 0; l < nLots; l++) {
      if (this.lotPresent[l]) {
        keys.push({ id: l, arrival: this.lotArrival[l], expiry: this.lotExpiry[l], unknown: 0, name: p.lotKeys[l] });
      }
    }
    for (let j = 0; j < this.nUnknown; j++) {
      keys.push({ id: nLots + j, arrival: p.ukDays[j], expiry: Infinity, unknown: 1, name: '' });
    }
    return keys;
  }

  private setup(order: ChargeOrder): SimSetup {
    return { pool: this.prepared, end: this.end, nUnknown: this.nUnknown, order: order.order, pos: order.pos, lastNamed: this.lastNamed };
  }

  fifoSetup(): SimSetup {
    if (!this.fifoOrder) this.fifoOrder = chargeOrder(this.layerKeys(), this.prepared.lotKeys.length + this.nUnknown, compareFifo);
    return this.setup(this.fifoOrder);
  }

  fefoSetup(): SimSetup {
    if (!this.fefoOrder) this.fefoOrder = chargeOrder(this.layerKeys(), this.prepared.lotKeys.length + this.nUnknown, compareFefo);
    return this.setup(this.fefoOrder);
  }

  /** The FIFO run (with what tells which lots' ranges need their own runs). */
  fifo(): SimResult {
    if (!this.fifoRun) this.fifoRun = simulate(this.fifoSetup(), -1, MODE_ESTIMATE, true);
    return this.fifoRun;
  }

  fefo(): SimResult {
    if (!this.fefoRun) this.fefoRun = simulate(this.fefoSetup());
    return this.fefoRun;
  }

  /** Min and Max of a lot present up to the date. */
  range(lot: number): LotRange {
    let r = this.ranges[lot];
    if (!r) {
      r = lotRange(this.fifoSetup(), this.fifo(), this.fefo().hold[lot], lot);
      this.ranges[lot] = r;
    }
    return r;
  }

  /** The UNSPECIFIED figure of a run: unknown-lot stock − unallocated depletion + uncharged net (rule 8). */
  static unspecifiedFigure(run: SimResult): number {
    return run.unknownStock - run.depletion + run.uncharged;
  }
}
