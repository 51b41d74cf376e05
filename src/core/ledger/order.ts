/**
 * Orders (spec §4 rules 1–3): the order rows are taken in, day by day, and the charge order of
 * layers (FIFO and FEFO).
 */
import type { LedgerEvent } from './types';

/** Groups inside a day (rule 1), plus the place of an inflow moved after the day's outflows (rule 6). */
export const GROUP_NAMED_IN = 0;
export const GROUP_UNSPECIFIED_IN = 1;
export const GROUP_NAMED_OUT = 2;
export const GROUP_UNSPECIFIED_OUT = 3;
/** An unspecified inflow whose Reference matches an outflow of the same day: after that outflow. */
export const GROUP_MATCHED_IN = 4;

/** Event order inside a group (rule 1). */
export const EVENT_RANK: Readonly<Record<LedgerEvent, number>> = {
  TRANSFER: 0,
  OPENING: 1,
  RETURN: 2,
  ADJUSTMENT: 3,
  REMOVAL: 4,
  SHIPMENT: 5,
  RECONCILIATION: 6,
};

/**
 * Row indices in day order (rule 1): by `orderKey` (day, group, event), then Lot, Reference,
 * units, and Reason as a last tie-break (ranks of the case-insensitive text). Rows equal on every
 * compared field act the same, so the sheet's row order never changes a result.
 */
export function sortRows(
  orderKey: Float64Array,
  lotRank: Int32Array,
  refRank: Int32Array,
  units: Float64Array,
  reasonRank: Int32Array,
): Int32Array {
  const idx = new Int32Array(orderKey.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort(
    (a, b) =>
      orderKey[a] - orderKey[b] ||
      lotRank[a] - lotRank[b] ||
      refRank[a] - refRank[b] ||
      units[a] - units[b] ||
      reasonRank[a] - reasonRank[b],
  );
  return idx;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A layer as the charge order sees it. */
export interface LayerKey {
  id: number;
  /** Day of its first inflow. */
  arrival: number;
  /** Expiry day; Infinity when none (none sorts last). */
  expiry: number;
  /** 0 for a named lot, 1 for unknown-lot stock (after named lots of the same arrival). */
  unknown: number;
  /** Lot key ('' for unknown-lot stock). */
  name: string;
}

/** FIFO (rule 3): arrival, then expiry, then lot name; unknown-lot stock after named lots of its day. */
export function compareFifo(a: LayerKey, b: LayerKey): number {
  return (
    a.arrival - b.arrival ||
    compareInfinite(a.expiry, b.expiry) ||
    a.unknown - b.unknown ||
    compareText(a.name, b.name)
  );
}

/** FEFO (rule 3): expiry (none last), then arrival, then lot name. */
export function compareFefo(a: LayerKey, b: LayerKey): number {
  return (
    compareInfinite(a.expiry, b.expiry) ||
    a.arrival - b.arrival ||
    a.unknown - b.unknown ||
    compareText(a.name, b.name)
  );
}

function compareInfinite(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Layer ids in charge order, and each layer's position in it (others: a large number). */
export interface ChargeOrder {
  order: Int32Array;
  pos: Int32Array;
}

export function chargeOrder(layers: LayerKey[], nLayers: number, compare: (a: LayerKey, b: LayerKey) => number): ChargeOrder {
  const sorted = layers.slice().sort(compare);
  const order = new Int32Array(sorted.length);
  const pos = new Int32Array(nLayers).fill(0x7fffffff);
  for (let i = 0; i < sorted.length; i++) {
    order[i] = sorted[i].id;
    pos[sorted[i].id] = i;
  }
  return { order, pos };
}
