/**
 * A slow, literal model of spec §4 (rules 1–10 and the possible range) for one pool, written
 * independently of the engine (no pointers, stacks, pruning or early stops) so property tests can
 * compare the two. Rows are plain objects; reservations are recomputed by brute force at each
 * charge; layers are re-sorted at each charge.
 */

export interface ModelRow {
  day: number;
  event: string;
  /** Lot key, or null for unspecified. */
  lot: string | null;
  units: number;
  reason: string;
  ref: string;
}

export interface ModelLot {
  arrival: number;
  expiry: number | null;
}

export type ModelMode = { kind: 'fifo' } | { kind: 'fefo' } | { kind: 'max'; lot: string } | { kind: 'min'; lot: string };

export interface ModelResult {
  lots: Map<string, number>;
  unknown: number;
  depletion: number;
  uncharged: number;
}

const DISP = ['6', '7', 'e', 'h', 'k', 'u', 'q', 'p'];
const LOSSES = ['m', '5', 'd', 'g', 'o'];

type Kind = 'named' | 'uncharged' | 'ship' | 'loss' | 'other' | 'return' | 'found' | 'stock';

function kindOf(r: ModelRow): Kind {
  if (r.lot !== null) return 'named';
  const reason = r.event === 'ADJUSTMENT' ? r.reason.trim().toLowerCase() : '';
  if (r.units < 0) {
    if (r.event === 'SHIPMENT') return 'ship';
    if (r.event === 'ADJUSTMENT') {
      if (DISP.includes(reason)) return 'uncharged';
      if (reason === '' || LOSSES.includes(reason)) return 'loss';
      return 'other';
    }
    return 'other';
  }
  if (r.event === 'RETURN' || r.event === 'SHIPMENT') return 'return';
  if (r.event === 'ADJUSTMENT') {
    if (DISP.includes(reason)) return 'uncharged';
    if (reason === 'f' || reason === 'n') return 'found';
    return 'stock';
  }
  return 'stock';
}

/** Whether an inflow may match outflows by Reference, and which. */
function matchesWhat(r: ModelRow, k: Kind): 'none' | 'ship' | 'any' {
  if (r.ref === '' || r.units <= 0 || r.lot !== null) return 'none';
  if (k === 'return') return 'ship';
  if (k === 'uncharged') return 'none';
  if (r.event === 'REMOVAL' || r.event === 'ADJUSTMENT') return 'any';
  return 'none';
}

const isCharged = (k: Kind) => k === 'ship' || k === 'loss' || k === 'other';

const EVENT_ORDER = ['TRANSFER', 'OPENING', 'RETURN', 'ADJUSTMENT', 'REMOVAL', 'SHIPMENT', 'RECONCILIATION'];

interface Layer {
  id: string;
  named: boolean;
  arrival: number;
  expiry: number | null;
  hold: number;
}

interface Outflow {
  cls: Kind;
  ref: string;
  charges: { layer: Layer; amt: number }[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Simulates one pool. `all` are every row of the pool (for reservations); rows dated after
 * `asOf` are not simulated. `lots` gives each named lot's arrival and expiry (as of the date).
 */
export function modelPool(all: ModelRow[], lots: Map<string, ModelLot>, mode: ModelMode, asOf: number = Infinity): ModelResult {
  const rows = all.filter((r) => r.day <= asOf && r.units !== 0);
  // Rule 1 order and the Reference moves of rule 6.
  const kinds = new Map<ModelRow, Kind>(rows.map((r) => [r, kindOf(r)]));
  const groupOf = (r: ModelRow): number => {
    const k = kinds.get(r)!;
    const named = r.lot !== null;
    let g = named ? (r.units > 0 ? 0 : 2) : r.units > 0 ? 1 : 3;
    const m = matchesWhat(r, k);
    if (m !== 'none') {
      const sameDay = rows.some(
        (o) => o.day === r.day && o.lot === null && o.units < 0 && isCharged(kinds.get(o)!) && o.ref === r.ref && (m === 'any' || kinds.get(o) === 'ship'),
      );
      if (sameDay) g = 4;
    }
    return g;
  };
  const sorted = rows
    .map((r) => ({ r, g: groupOf(r) }))
    .sort(
      (a, b) =>
        a.r.day - b.r.day ||
        a.g - b.g ||
        EVENT_ORDER.indexOf(a.r.event) - EVENT_ORDER.indexOf(b.r.event) ||
        (a.r.lot === null ? -1 : 0) - (b.r.lot === null ? -1 : 0) ||
        cmp(a.r.lot ?? '', b.r.lot ?? '') ||
        cmp(a.r.ref, b.r.ref) ||
        a.r.units - b.r.units ||
        cmp(a.r.reason.trim().toLowerCase(), b.r.reason.trim().toLowerCase()),
    )
    .map((x) => x.r);

  const named = new Map<string, Layer>();
  const unknown = new Map<number, Layer>();
  const layerOf = (lot: string): Layer => {
    let l = named.get(lot);
    if (!l) {
      const info = lots.get(lot)!;
      l = { id: lot, named: true, arrival: info.arrival, expiry: info.expiry, hold: 0 };
      named.set(lot, l);
    }
    return l;
  };
  const reserve = (layer: Layer, t: number): number => {
    if (!layer.named) return 0;
    const mine = all.filter((r) => r.lot === layer.id && r.day > t);
    const days = [...new Set(mine.map((r) => r.day))].sort((a, b) => a - b);
    let min = 0;
    for (const u of days) {
      const s = mine.filter((r) => r.day <= u).reduce((a, r) => a + r.units, 0);
      if (s < min) min = s;
    }
    return Math.max(0, -min);
  };
  const fifo = (a: Layer, b: Layer) =>
    a.arrival - b.arrival || (a.expiry ?? Infinity) - (b.expiry ?? Infinity) || (a.named ? 0 : 1) - (b.named ? 0 : 1) || cmp(a.id, b.id);
  const fefo = (a: Layer, b: Layer) => {
    const ea = a.expiry ?? Infinity;
    const eb = b.expiry ?? Infinity;
    return (ea === eb ? 0 : ea < eb ? -1 : 1) || a.arrival - b.arrival || (a.named ? 0 : 1) - (b.named ? 0 : 1) || cmp(a.id, b.id);
  };
  const special = mode.kind === 'max' || mode.kind === 'min' ? mode.lot : null;
  const isSpecial = (l: Layer) => l.named && l.id === special;

  const outflows: Outflow[] = [];
  let depletion = 0;
  let uncharged = 0;

  const undoCharges = (o: Outflow, need: number, which: (l: Layer) => boolean): number => {
    for (let k = o.charges.length - 1; k >= 0 && need > 0; k--) {
      const c = o.charges[k];
      if (c.amt <= 0 || !which(c.layer)) continue;
      const t = Math.min(c.amt, need);
      c.amt -= t;
      c.layer.hold += t;
      need -= t;
    }
    return need;
  };

  for (const r of sorted) {
    const k = kinds.get(r)!;
    if (k === 'named') {
      layerOf(r.lot!).hold += r.units;
      continue;
    }
    if (k === 'uncharged') {
      uncharged += r.units;
      continue;
    }
    if (r.units < 0) {
      let need = -r.units;
      const layers = [...named.values(), ...unknown.values()].sort(mode.kind === 'fefo' ? fefo : fifo);
      let ordered = layers;
      if (special !== null) {
        const others = layers.filter((l) => !isSpecial(l));
        const sp = layers.filter(isSpecial);
        ordered = mode.kind === 'min' ? [...sp, ...others] : [...others, ...sp];
      }
      const o: Outflow = { cls: k, ref: r.ref, charges: [] };
      for (const l of ordered) {
        if (need <= 0) break;
        const a = l.hold - reserve(l, r.day);
        if (a <= 0) continue;
        const t = Math.min(a, need);
        l.hold -= t;
        need -= t;
        o.charges.push({ layer: l, amt: t });
      }
      depletion += need;
      outflows.push(o);
      continue;
    }
    // Unspecified inflow.
    let need = r.units;
    const m = matchesWhat(r, k);
    // A RETURN reduces depletion before undoing its Reference's SHIPMENT; REMOVAL/ADJUSTMENT after.
    const depletionFirst = m === 'ship' && (k === 'return' || k === 'found');
    if (depletionFirst) {
      const t = Math.min(depletion, need);
      depletion -= t;
      need -= t;
    }
    if (m !== 'none') {
      for (let j = outflows.length - 1; j >= 0 && need > 0; j--) {
        const o = outflows[j];
        if (o.ref !== r.ref || (m === 'ship' && o.cls !== 'ship')) continue;
        need = undoCharges(o, need, () => true);
      }
    }
    if (k === 'return' || k === 'found') {
      if (!depletionFirst) {
        const t = Math.min(depletion, need);
        depletion -= t;
        need -= t;
      }
      const cls: Kind = k === 'return' ? 'ship' : 'loss';
      const passes: ((l: Layer) => boolean)[] =
        mode.kind === 'max' ? [isSpecial, (l) => !isSpecial(l)] : mode.kind === 'min' ? [(l) => !isSpecial(l), isSpecial] : [() => true];
      for (const which of passes) {
        for (let j = outflows.length - 1; j >= 0 && need > 0; j--) {
          if (outflows[j].cls !== cls) continue;
          need = undoCharges(outflows[j], need, which);
        }
      }
    }
    if (need > 0) {
      let u = unknown.get(r.day);
      if (!u) {
        u = { id: `~${r.day}`, named: false, arrival: r.day, expiry: null, hold: 0 };
        unknown.set(r.day, u);
      }
      u.hold += need;
    }
  }
  const result = new Map<string, number>();
  for (const [id, l] of named) result.set(id, l.hold);
  let unknownStock = 0;
  for (const l of unknown.values()) unknownStock += l.hold;
  return { lots: result, unknown: unknownStock, depletion, uncharged };
}
