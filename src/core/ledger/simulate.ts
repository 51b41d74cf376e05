/**
 * The estimate of one pool (spec §4 rules 4–8): rows in day order move layers. Named rows move
 * their lot (even below zero); unspecified outflows are charged to layers in charge order, each
 * layer only with what it holds minus its reservation, the rest being unallocated depletion;
 * unspecified inflows undo charges (a Reference match first, then by kind, latest outflow first and
 * inside an outflow the last-charged layer first) or become unknown-lot stock of their day;
 * uncharged rows go to the UNSPECIFIED figure. Every unit is in exactly one of: a layer, the
 * depletion (negative), the uncharged net — so lots + UNSPECIFIED = on hand (rule 10).
 *
 * The same walk runs the Min/Max variants of one lot L (the possible range): Max(L) charges L
 * last and restores L's charges first; Min(L) charges L first and restores L's charges last.
 */
import {
  CLASS_LOSS,
  CLASS_OTHER,
  CLASS_SHIPMENT,
  chargeClass,
  KIND_IN_RETURN,
  KIND_IN_STOCK,
  KIND_NAMED,
  KIND_OUT_OTHER,
  KIND_UNCHARGED,
  REF_NONE,
  REF_SHIPMENT,
} from './classify';
import type { PreparedPool } from './pool';

/** The estimate itself (FIFO or FEFO, by the charge order given). */
export const MODE_ESTIMATE = 0;
/** Max(L): L charged last, its charges restored first. */
export const MODE_MAX = 1;
/** Min(L): L charged first whenever it holds units, its charges restored last. */
export const MODE_MIN = 2;

/** One pool as of a date, ready to simulate. */
export interface SimSetup {
  pool: PreparedPool;
  /** Rows [0, end) are simulated (those up to the as-of date). */
  end: number;
  /** Unknown-lot layers that may exist (days of unspecified inflows up to the as-of date). */
  nUnknown: number;
  /** Layer ids in charge order: named lots are 0..nLots−1, unknown-lot layers nLots + day index. */
  order: Int32Array;
  /** Position of each layer id in `order`. */
  pos: Int32Array;
  /** Per lot: index of its last named row before `end` (−1 when none). */
  lastNamed: Int32Array;
}

export interface SimResult {
  /** Final holdings: named lots 0..nLots−1, then unknown-lot layers. */
  hold: Float64Array;
  unknownStock: number;
  /** Unallocated depletion (≥ 0). */
  depletion: number;
  /** Net of uncharged rows. */
  uncharged: number;
  /** With tracking: per layer, whether it was ever charged. */
  charged?: Uint8Array;
  /** With tracking: per layer, whether the Min variant may differ from this run. */
  minSensitive?: Uint8Array;
}

/**
 * Runs the estimate (MODE_ESTIMATE), or a variant for lot `special`. With `track`, also records
 * what tells which lots' variants can differ from this run (used with the FIFO order).
 */
export function simulate(setup: SimSetup, special = -1, mode = MODE_ESTIMATE, track = false): SimResult {
  const run = new Run(setup, special, mode, track);
  run.walk();
  return run.result();
}

/** The final holding of lot `special` in its Max or Min variant (FIFO order for the others). */
export function simulateVariant(setup: SimSetup, special: number, mode: number): number {
  const run = new Run(setup, special, mode, false);
  run.walk();
  return run.hold[special];
}

/** Growable work arrays shared by every run (runs never overlap), so runs allocate little. */
class Buffers {
  cLayer = new Int32Array(4096);
  cAmt = new Float64Array(4096);
  oStart = new Int32Array(1024);
  oEnd = new Int32Array(1024);
  oTop = new Int32Array(1024);
  oSpecial = new Int32Array(1024);
  oClass = new Int32Array(1024);
  /** Undo stacks: [other SHIPMENT, other LOSS, special SHIPMENT, special LOSS]. */
  stacks = [new Int32Array(1024), new Int32Array(1024), new Int32Array(1024), new Int32Array(1024)];

  growCharges(min: number): void {
    const size = Math.max(min, this.cLayer.length * 2);
    const layer = new Int32Array(size);
    layer.set(this.cLayer);
    const amt = new Float64Array(size);
    amt.set(this.cAmt);
    this.cLayer = layer;
    this.cAmt = amt;
  }

  growOutflows(min: number): void {
    const size = Math.max(min, this.oStart.length * 2);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.oStart = grow(this.oStart);
    this.oEnd = grow(this.oEnd);
    this.oTop = grow(this.oTop);
    this.oSpecial = grow(this.oSpecial);
    this.oClass = grow(this.oClass);
    this.stacks = this.stacks.map(grow);
  }
}

/** Created on the first run (nothing is allocated when the script loads). */
let shared: Buffers | null = null;

function workBuffers(): Buffers {
  if (shared === null) shared = new Buffers();
  return shared;
}

class Run {
  readonly hold: Float64Array;
  private readonly reserve: Float64Array;
  private readonly nLots: number;
  private readonly pool: PreparedPool;
  private readonly b = workBuffers();
  private readonly order: Int32Array;
  private readonly pos: Int32Array;
  private ptr = 0;
  private depletion = 0;
  private uncharged = 0;
  // Charges (in `b`): each outflow's charges are contiguous, in the order they were made.
  private nC = 0;
  private nO = 0;
  /** Stack heights: [other SHIPMENT, other LOSS, special SHIPMENT, special LOSS]. */
  private readonly heights = [0, 0, 0, 0];
  private readonly refLists: (number[] | undefined)[];
  // Variant bookkeeping (settling early).
  private readonly remainingOther = [0, 0];
  private readonly remainingSpecial = [0, 0, 0];
  private specialRefLast = -1;
  // Tracking.
  private readonly charged: Uint8Array | undefined;
  private readonly sensitive: Uint8Array | undefined;
  private readonly openAt: Float64Array | undefined;
  private nCharges = 0;

  constructor(
    private readonly s: SimSetup,
    private readonly special: number,
    private readonly mode: number,
    private readonly track: boolean,
  ) {
    const p = s.pool;
    this.pool = p;
    this.order = s.order;
    this.pos = s.pos;
    this.nLots = p.lotKeys.length;
    const nLayers = this.nLots + s.nUnknown;
    this.hold = new Float64Array(nLayers);
    this.reserve = new Float64Array(nLayers);
    this.refLists = p.nRefs > 0 ? new Array<number[] | undefined>(p.nRefs) : [];
    if (track) {
      this.charged = new Uint8Array(nLayers);
      this.sensitive = new Uint8Array(nLayers);
      this.openAt = new Float64Array(nLayers).fill(-1);
    } else {
      this.charged = undefined;
      this.sensitive = undefined;
      this.openAt = undefined;
    }
  }

  walk(): void {
    const p = this.pool;
    const kind = p.kind;
    const units = p.units;
    const end = this.s.end;
    const variant = this.mode !== MODE_ESTIMATE && this.special >= 0;
    for (let i = 0; i < end; i++) {
      const k = kind[i];
      if (k === KIND_NAMED) this.named(i);
      else if (k === KIND_UNCHARGED) this.uncharged += units[i];
      else if (k <= KIND_OUT_OTHER) this.charge(i, k);
      else this.inflow(i, k);
      if (variant && this.settled(i + 1)) return;
    }
  }

  result(): SimResult {
    let unknownStock = 0;
    for (let l = this.nLots; l < this.hold.length; l++) unknownStock += this.hold[l];
    if (this.track) {
      const openAt = this.openAt!;
      for (let l = 0; l < openAt.length; l++) if (openAt[l] >= 0 && this.nCharges > openAt[l]) this.sensitive![l] = 1;
    }
    return {
      hold: this.hold,
      unknownStock,
      depletion: this.depletion,
      uncharged: this.uncharged,
      charged: this.charged,
      minSensitive: this.sensitive,
    };
  }

  /** True when the special lot's holding can no longer change in the rows from `next` on. */
  private settled(next: number): boolean {
    const sp = this.special;
    if (this.s.lastNamed[sp] >= next) return false;
    if (this.hold[sp] - this.reserve[sp] > 0) return false;
    const rs = this.remainingSpecial;
    if (this.mode === MODE_MAX) return rs[0] <= 0 && rs[1] <= 0 && rs[2] <= 0;
    if (this.specialRefLast >= next) return false;
    const p = this.pool;
    const end = this.s.end;
    const matchCap = p.preMatch[end] - p.preMatch[next];
    if (rs[CLASS_SHIPMENT] > 0 && p.preReturn[end] - p.preReturn[next] + matchCap > this.remainingOther[CLASS_SHIPMENT]) return false;
    if (rs[CLASS_LOSS] > 0 && p.preFound[end] - p.preFound[next] + matchCap > this.remainingOther[CLASS_LOSS]) return false;
    return true;
  }

  private named(i: number): void {
    const p = this.pool;
    const l = p.lot[i];
    this.hold[l] += p.units[i];
    this.reserve[l] = p.resAfter[i];
    // The pointer skips layers (other than the special lot) that cannot give units.
    if (this.pos[l] < this.ptr && l !== this.special) this.ptr = this.pos[l];
    if (this.track) this.touch(l);
  }

  private charge(i: number, k: number): void {
    const p = this.pool;
    const hold = this.hold;
    const reserve = this.reserve;
    const sp = this.special;
    const order = this.order;
    const nOrder = order.length;
    if (this.nC + nOrder + 1 > this.b.cLayer.length) this.b.growCharges(this.nC + nOrder + 1);
    const cLayer = this.b.cLayer;
    const cAmt = this.b.cAmt;
    const total = -p.units[i];
    let need = total;
    const start = this.nC;
    let nC = start;
    let specialAt = -1;
    if (this.mode === MODE_MIN && sp >= 0) {
      const a = hold[sp] - reserve[sp];
      if (a > 0) {
        const t = a < need ? a : need;
        hold[sp] -= t;
        need -= t;
        specialAt = nC;
        cLayer[nC] = sp;
        cAmt[nC++] = t;
      }
    }
    let ptr = this.ptr;
    for (let j = ptr; need > 0 && j < nOrder; j++) {
      const l = order[j];
      if (l === sp) {
        if (j === ptr) ptr = j + 1;
        continue;
      }
      const a = hold[l] - reserve[l];
      if (a <= 0) {
        if (j === ptr) ptr = j + 1;
        continue;
      }
      const t = a <= need ? a : need;
      hold[l] -= t;
      need -= t;
      cLayer[nC] = l;
      cAmt[nC++] = t;
      if (this.track) this.charging(l);
      if (t === a && j === ptr) ptr = j + 1;
    }
    this.ptr = ptr;
    if (this.mode === MODE_MAX && need > 0 && sp >= 0) {
      const a = hold[sp] - reserve[sp];
      if (a > 0) {
        const t = a < need ? a : need;
        hold[sp] -= t;
        need -= t;
        specialAt = nC;
        cLayer[nC] = sp;
        cAmt[nC++] = t;
      }
    }
    if (need > 0) this.depletion += need;
    if (nC === start) return;
    this.nC = nC;
    if (this.nO + 1 > this.b.oStart.length) this.b.growOutflows(this.nO + 1);
    const o = this.nO++;
    const c = chargeClass(k);
    this.b.oStart[o] = start;
    this.b.oEnd[o] = nC;
    this.b.oTop[o] = nC - 1;
    this.b.oSpecial[o] = specialAt;
    this.b.oClass[o] = c;
    const specialAmount = specialAt >= 0 ? cAmt[specialAt] : 0;
    const otherAmount = total - need - specialAmount;
    if (c !== CLASS_OTHER) {
      if (otherAmount > 0) {
        this.b.stacks[c][this.heights[c]++] = o;
        this.remainingOther[c] += otherAmount;
      }
      if (specialAt >= 0) this.b.stacks[c + 2][this.heights[c + 2]++] = o;
    }
    if (specialAt >= 0) this.remainingSpecial[c] += specialAmount;
    const r = p.ref[i];
    if (r >= 0) {
      const list = this.refLists[r];
      if (list) list.push(o);
      else this.refLists[r] = [o];
      if (specialAt >= 0 && p.lastRefIn[r] > this.specialRefLast) this.specialRefLast = p.lastRefIn[r];
    }
  }

  private takeDepletion(need: number): number {
    if (this.depletion <= 0) return need;
    const t = this.depletion < need ? this.depletion : need;
    this.depletion -= t;
    return need - t;
  }

  private inflow(i: number, k: number): void {
    const p = this.pool;
    let need = p.units[i];
    const r = p.ref[i];
    // A RETURN first reduces unallocated depletion, then undoes its Reference's SHIPMENT (rule 6);
    // a REMOVAL or ADJUSTMENT undoes its Reference's outflow first, then goes by its kind.
    const depletionFirst = p.refMode[i] === REF_SHIPMENT && k !== KIND_IN_STOCK;
    if (depletionFirst) need = this.takeDepletion(need);
    if (r >= 0 && p.refMode[i] !== REF_NONE) {
      const list = this.refLists[r];
      if (list) {
        const shipmentOnly = p.refMode[i] === REF_SHIPMENT;
        for (let j = list.length - 1; j >= 0 && need > 0; j--) {
          const o = list[j];
          if (shipmentOnly && this.b.oClass[o] !== CLASS_SHIPMENT) continue;
          need = this.undoAll(o, need);
        }
      }
    }
    if (need > 0 && k !== KIND_IN_STOCK) {
      if (!depletionFirst) need = this.takeDepletion(need);
      if (need > 0) {
        const c = k === KIND_IN_RETURN ? CLASS_SHIPMENT : CLASS_LOSS;
        if (this.mode === MODE_MAX) {
          need = this.undoSpecial(c, need);
          need = this.undoOthers(c, need);
        } else if (this.mode === MODE_MIN) {
          need = this.undoOthers(c, need);
          need = this.undoSpecial(c, need);
        } else need = this.undoOthers(c, need);
      }
    }
    if (need > 0) this.restore(this.nLots + p.uk[i], need);
  }

  /** Undoes an outflow's charges, last-charged layer first (a Reference match). */
  private undoAll(o: number, need: number): number {
    const cAmt = this.b.cAmt;
    const s = this.b.oStart[o];
    const c = this.b.oClass[o];
    const sp = this.b.oSpecial[o];
    for (let k = this.b.oEnd[o] - 1; k >= s && need > 0; k--) {
      const a = cAmt[k];
      if (a <= 0) continue;
      const t = a < need ? a : need;
      cAmt[k] = a - t;
      need -= t;
      if (k === sp) this.remainingSpecial[c] -= t;
      else if (c !== CLASS_OTHER) this.remainingOther[c] -= t;
      this.restore(this.b.cLayer[k], t);
    }
    return need;
  }

  /** Undoes charges of class c to layers other than the special lot, latest outflow first. */
  private undoOthers(c: number, need: number): number {
    const cAmt = this.b.cAmt;
    const cLayer = this.b.cLayer;
    const stack = this.b.stacks[c];
    const heights = this.heights;
    while (need > 0 && heights[c] > 0) {
      const o = stack[heights[c] - 1];
      const s = this.b.oStart[o];
      const sp = this.b.oSpecial[o];
      let k = this.b.oTop[o];
      while (k >= s) {
        if (k === sp || cAmt[k] <= 0) {
          k--;
          continue;
        }
        if (need <= 0) break;
        const a = cAmt[k];
        const t = a < need ? a : need;
        cAmt[k] = a - t;
        need -= t;
        this.remainingOther[c] -= t;
        const l = cLayer[k];
        if (this.track) this.sensitive![l] = 1;
        this.restore(l, t);
        if (t === a) k--;
      }
      this.b.oTop[o] = k;
      if (k < s) heights[c]--;
    }
    return need;
  }

  /** Undoes charges of class c to the special lot, latest outflow first. */
  private undoSpecial(c: number, need: number): number {
    const cAmt = this.b.cAmt;
    const stack = this.b.stacks[c + 2];
    const heights = this.heights;
    while (need > 0 && heights[c + 2] > 0) {
      const o = stack[heights[c + 2] - 1];
      const k = this.b.oSpecial[o];
      const a = cAmt[k];
      if (a > 0) {
        const t = a < need ? a : need;
        cAmt[k] = a - t;
        need -= t;
        this.remainingSpecial[c] -= t;
        this.restore(this.special, t);
      }
      if (cAmt[k] <= 0) heights[c + 2]--;
    }
    return need;
  }

  private restore(l: number, t: number): void {
    this.hold[l] += t;
    if (this.pos[l] < this.ptr && l !== this.special) this.ptr = this.pos[l];
    if (this.track) this.touch(l);
  }

  /** Tracking: layer l has just been charged. */
  private charging(l: number): void {
    const openAt = this.openAt!;
    this.charged![l] = 1;
    if (openAt[l] >= 0 && this.nCharges > openAt[l]) this.sensitive![l] = 1;
    this.nCharges++;
    openAt[l] = this.hold[l] - this.reserve[l] > 0 ? this.nCharges : -1;
  }

  /** Tracking: layer l's holding or reservation changed. */
  private touch(l: number): void {
    const openAt = this.openAt!;
    if (this.hold[l] - this.reserve[l] > 0) {
      if (openAt[l] < 0) openAt[l] = this.nCharges;
    } else if (openAt[l] >= 0) {
      if (this.nCharges > openAt[l]) this.sensitive![l] = 1;
      openAt[l] = -1;
    }
  }
}
