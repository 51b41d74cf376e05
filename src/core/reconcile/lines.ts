/**
 * The roll-forward of one month × location (spec §7): ours from the ledger, Amazon's from the
 * summary (mapped through Kits), inbound in transit, the variance and its cause, and the inbound
 * shortfalls.
 */
import { isoFromDay, monthBounds, type Day, type Month } from '../days';
import { UNSPECIFIED } from '../ledger/types';
import { formatMissingDays, prevMonth, textKey, type Model, type MSummary } from './model';
import {
  CAUSE_UNEXPLAINED, STATUS_CLOSED, STATUS_OPEN, STATUS_REOPENED,
  CAUSE_CODES, type CauseKind, type FlowComparison, type ReconcileLine, type Shortfall,
} from './types';

/** Days after its first receipt at which a shipment still short at month end is overdue. */
export const SHORTFALL_OVERDUE_DAYS = 30;

export interface LocationMonth {
  month: Month;
  location: string;
  first: Day;
  last: Day;
  lines: ReconcileLine[];
  shortfalls: Shortfall[];
  warnings: string[];
  summaryImported: boolean;
  /** `days not imported: …` or '' when every day is covered. */
  missingDays: string;
}

interface Ours {
  opening: number;
  transfers: number;
  shipments: number;
  returns: number;
  removals: number;
  adjustments: number;
  reconciliation: number;
  /** ADJUSTMENT units of the month that settle a shipment's shortfall. */
  settled: number;
}

interface Theirs {
  starting: number;
  receipts: number;
  shipments: number;
  returns: number;
  removals: number;
  adjustments: number;
  ending: number;
  inTransit: number;
  transfers: number;
}

const zeroOurs = (): Ours => ({ opening: 0, transfers: 0, shipments: 0, returns: 0, removals: 0, adjustments: 0, reconciliation: 0, settled: 0 });
const zeroTheirs = (): Theirs => ({ starting: 0, receipts: 0, shipments: 0, returns: 0, removals: 0, adjustments: 0, ending: 0, inTransit: 0, transfers: 0 });

function get<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

function amazonFigures(rows: readonly MSummary[]): Map<string, Theirs> {
  const out = new Map<string, Theirs>();
  for (const s of rows) {
    const f = s.src.figures;
    const u = s.unitsPerKit;
    const t = get(out, s.key, zeroTheirs);
    t.starting += f['Starting Warehouse Balance'] * u;
    t.receipts += f['Receipts'] * u;
    t.shipments += f['Customer Shipments'] * u;
    t.returns += f['Customer Returns'] * u;
    t.removals += f['Vendor Returns'] * u;
    t.adjustments += (f['Found'] + f['Lost'] + f['Damaged'] + f['Disposed'] + f['Other Events'] + f['Unknown Events']) * u;
    t.ending += f['Ending Warehouse Balance'] * u;
    t.inTransit += f['In Transit Between Warehouses'] * u;
    t.transfers += f['Warehouse Transfer In/Out'] * u;
  }
  return out;
}

function signed(n: number): string {
  return String(n);
}

/** Computes the review of one month × location. */
export function computeLocationMonth(model: Model, month: Month, location: string): LocationMonth {
  const b = monthBounds(month);
  if (!b) throw new Error(`not a month: ${month}`);
  const { first, last } = b;
  const keys = new Set<string>();
  const ours = new Map<string, Ours>();
  const rows = model.rowsByLoc.get(location) ?? [];
  for (const r of rows) {
    const d = r.src.day;
    if (d > last) continue;
    keys.add(r.key);
    const o = get(ours, r.key, zeroOurs);
    if (d < first || r.src.event === 'OPENING') {
      o.opening += r.units;
      continue;
    }
    switch (r.src.event) {
      case 'TRANSFER': o.transfers += r.units; break;
      case 'SHIPMENT': o.shipments += r.units; break;
      case 'RETURN': o.returns += r.units; break;
      case 'REMOVAL': o.removals += r.units; break;
      case 'ADJUSTMENT':
        o.adjustments += r.units;
        if (model.isSettling(location, r)) o.settled += r.units;
        break;
      case 'RECONCILIATION': o.reconciliation += r.units; break;
    }
  }
  const byMonth = model.summaryByLoc.get(location);
  if (byMonth) for (const [m, list] of byMonth) if (m <= month) for (const s of list) keys.add(s.key);
  for (const r of model.receiptsByLoc.get(location) ?? []) if (r.day <= last) keys.add(r.key);
  const op = model.openings.get(location);
  if (op && op.record.day <= last) for (const k of op.inbound.keys()) keys.add(k);

  const summaryImported = model.summaryImported(location, month);
  const theirs = amazonFigures(model.summaryRows(location, month));
  const prev = prevMonth(month);
  const prevImported = model.summaryImported(location, prev);
  const prevTheirs = amazonFigures(model.summaryRows(location, prev));
  const inboundEnd = model.inbound(location, last);
  const inboundPrev = model.inbound(location, first - 1);

  // Location-wide causes.
  const missing = model.missingDays(location, month);
  const missingDays = missing.length ? `days not imported: ${formatMissingDays(missing)}` : '';
  const unknown: string[] = [];
  for (const s of model.summaryRows(location, month)) {
    const sku = s.src.msku.trim();
    if (!model.knownSkus.has(textKey(sku)) && !unknown.includes(sku)) unknown.push(sku);
  }
  unknown.sort();
  const shortfalls = computeShortfalls(model, location, last);
  const overdueByKey = new Map<string, Shortfall[]>();
  for (const s of shortfalls) {
    if (!s.overdue) continue;
    const k = textKey(s.sku);
    const list = overdueByKey.get(k);
    if (list) list.push(s);
    else overdueByKey.set(k, [s]);
  }

  const closed = model.closedMonth(location, month);
  const status = closed ? STATUS_CLOSED : model.isReopened(location, month) ? STATUS_REOPENED : STATUS_OPEN;
  const lines: ReconcileLine[] = [];
  for (const key of keys) {
    const o = ours.get(key) ?? zeroOurs();
    const closing = o.opening + o.transfers + o.shipments + o.returns + o.removals + o.adjustments + o.reconciliation;
    const inbound = inboundEnd.get(key) ?? 0;
    const t = summaryImported ? theirs.get(key) ?? zeroTheirs() : null;
    const variance = t ? closing - (t.ending + t.inTransit + inbound) : null;
    // Rule (4) compares each of our flows with Amazon's. Our TRANSFER counts when sent and Amazon's
    // receipt when received, so Transfers less the change in inbound in transit is compared with
    // Amazon receipts; ADJUSTMENT rows that write off a shipment's shortfall are moved from
    // Adjustments to that comparison. Amazon's Warehouse Transfer In/Out is in no compared flow:
    // it moves units between FCs of the pool and nets to zero with the change of In Transit
    // Between Warehouses. It is used only to derive the in transit at the previous month end
    // (= this month's in transit + the month's Warehouse Transfer In/Out) when the previous
    // month's summary is not imported.
    let flows: FlowComparison[] | null = null;
    if (t) {
      const inTransitPrev = prevImported ? prevTheirs.get(key)?.inTransit ?? 0 : t.inTransit + t.transfers;
      const inboundBefore = inboundPrev.get(key) ?? 0;
      flows = [
        { flow: 'Opening', ours: o.opening, amazon: t.starting + inTransitPrev + inboundBefore },
        { flow: 'Transfers', ours: o.transfers - (inbound - inboundBefore) + o.settled, amazon: t.receipts },
        { flow: 'Shipments', ours: o.shipments, amazon: t.shipments },
        { flow: 'Returns', ours: o.returns, amazon: t.returns },
        { flow: 'Removals', ours: o.removals, amazon: t.removals },
        { flow: 'Adjustments', ours: o.adjustments - o.settled + o.reconciliation, amazon: t.adjustments },
      ];
    }
    let cause = '';
    let causeKind: CauseKind = '';
    if (variance === null) {
      causeKind = 'no-summary';
      cause = `no Amazon Summary for ${month} at ${location}` + (missingDays ? `; ${missingDays}` : '');
    } else if (variance !== 0) {
      const over = overdueByKey.get(key);
      const differing = flows!.filter((f) => f.ours !== f.amazon);
      if (missingDays) {
        causeKind = 'days-not-imported';
        cause = missingDays;
      } else if (unknown.length) {
        causeKind = 'unknown-amazon-sku';
        cause = `Amazon SKU in the summary but neither in Kits nor on any ledger row: ${unknown.join(', ')} (a missing Kits row?)`;
      } else if (over) {
        causeKind = 'inbound-shortfall';
        cause = 'inbound shortfall: ' + over.map((s) =>
          `${s.shipmentId} sent ${s.sent}, received ${s.received}` + (s.adjusted ? `, adjusted ${s.adjusted}` : '') +
          ` (${s.difference} outstanding since ${s.firstReceipt})`).join('; ');
      } else if (differing.length) {
        causeKind = 'flow-mismatch';
        cause = 'flow mismatch: ' + differing.map((f) => `${FLOW_LABELS[f.flow][0]} ${signed(f.ours)} vs ${FLOW_LABELS[f.flow][1]} ${signed(f.amazon)}`).join('; ');
      } else {
        causeKind = 'unexplained';
        cause = CAUSE_UNEXPLAINED;
      }
    }
    lines.push({
      month, location, sku: model.display(key),
      opening: o.opening, transfers: o.transfers, shipments: o.shipments, returns: o.returns, removals: o.removals,
      adjustments: o.adjustments, reconciliation: o.reconciliation, closing,
      amazonStarting: t ? t.starting : null,
      amazonReceipts: t ? t.receipts : null,
      amazonShipments: t ? t.shipments : null,
      amazonReturns: t ? t.returns : null,
      amazonRemovals: t ? t.removals : null,
      amazonAdjustments: t ? t.adjustments : null,
      amazonEnding: t ? t.ending : null,
      amazonInTransitBetweenWarehouses: t ? t.inTransit : null,
      inboundInTransit: inbound,
      variance, cause, status,
      closedAt: closed ? closed.closedAt : null,
      fingerprint: closed ? closed.fingerprint : null,
      causeKind, causeCode: CAUSE_CODES[causeKind], flows,
    });
  }
  lines.sort(bySku);

  const warnings = receiptWarnings(model, location, first, last);
  return { month, location, first, last, lines, shortfalls, warnings, summaryImported, missingDays };
}

/** Names of the compared flows in a cause: [ours, Amazon's]. */
export const FLOW_LABELS: Record<string, [string, string]> = {
  Opening: ['Opening', 'Amazon starting + in transit at the previous month end'],
  Transfers: ['Transfers less the change in inbound in transit', 'Amazon receipts'],
  Shipments: ['Shipments', 'Amazon shipments'],
  Returns: ['Returns', 'Amazon returns'],
  Removals: ['Removals', 'Amazon removals'],
  Adjustments: ['Adjustments + Reconciliation', 'Amazon adjustments'],
};

function bySku(a: { sku: string }, b: { sku: string }): number {
  const ka = textKey(a.sku), kb = textKey(b.sku);
  return ka < kb ? -1 : ka > kb ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/**
 * Shipments still short at the end of `day` at a location: TRANSFER rows grouped by Reference
 * (the shipment ID, case-insensitive) and component, against `Amazon Receipts` of that shipment.
 */
export function computeShortfalls(model: Model, location: string, day: Day): Shortfall[] {
  const after = model.inboundFrom(location, day);
  interface Group {
    id: string;
    ship: string;
    key: string;
    sent: number;
    received: number;
    adjusted: number;
    lots: Map<string, string>;
    unspecified: boolean;
  }
  const groups = new Map<string, Group>();
  const rows = model.rowsByLoc.get(location) ?? [];
  for (const r of rows) {
    if (r.src.event !== 'TRANSFER' || r.ref === '' || r.src.day <= after || r.src.day > day) continue;
    const g = get(groups, r.key + '\u0000' + r.ref, () => ({
      id: r.src.reference.trim(), ship: r.ref, key: r.key, sent: 0, received: 0, adjusted: 0, lots: new Map(), unspecified: false,
    }));
    g.sent += r.units;
    if (r.src.lot === null) g.unspecified = true;
    else if (!g.lots.has(textKey(r.src.lot))) g.lots.set(textKey(r.src.lot), r.src.lot);
  }
  if (groups.size === 0) return [];
  for (const r of rows) {
    if (r.src.day <= after || r.src.day > day || !model.isSettling(location, r)) continue;
    const g = groups.get(r.key + '\u0000' + r.ref);
    if (g) g.adjusted += r.units;
  }
  const firstReceipt = new Map<string, Day>();
  for (const r of model.receiptsByLoc.get(location) ?? []) {
    if (r.day <= after || r.day > day) continue;
    const had = firstReceipt.get(r.ship);
    if (had === undefined || r.day < had) firstReceipt.set(r.ship, r.day);
    const g = groups.get(r.key + '\u0000' + r.ship);
    if (g) g.received += r.units;
  }
  const out: Shortfall[] = [];
  for (const g of groups.values()) {
    const difference = g.sent - g.received + g.adjusted;
    if (difference === 0) continue;
    const fr = firstReceipt.get(g.ship);
    const named = [...g.lots.values()].sort();
    out.push({
      location, shipmentId: g.id, sku: model.display(g.key), sent: g.sent, received: g.received, adjusted: g.adjusted, difference,
      firstReceipt: fr === undefined ? null : isoFromDay(fr),
      lots: g.unspecified ? [...named, UNSPECIFIED] : named,
      overdue: fr !== undefined && day >= fr + SHORTFALL_OVERDUE_DAYS,
      singleLot: named.length === 1 && !g.unspecified ? named[0] : null,
    });
  }
  out.sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : bySku(a, b)));
  return out;
}

function receiptWarnings(model: Model, location: string, first: Day, last: Day): string[] {
  const named = new Set<string>();
  for (const k of model.transferShipments.get(location) ?? []) named.add(k.slice(k.indexOf('\u0000') + 1));
  const unnamed: string[] = [];
  const seen = new Set<string>();
  const after = model.inboundFrom(location, last);
  for (const r of model.receiptsByLoc.get(location) ?? []) {
    if (r.day < first || r.day > last || r.day <= after || r.ship === '' || named.has(r.ship) || seen.has(r.ship)) continue;
    seen.add(r.ship);
    unnamed.push(r.shipmentId);
  }
  if (!unnamed.length) return [];
  unnamed.sort();
  const shown = unnamed.length > 5 ? `${unnamed.slice(0, 5).join(', ')} and ${unnamed.length - 5} more` : unnamed.join(', ');
  return [`${location}: Amazon received shipment${unnamed.length > 1 ? 's' : ''} ${shown} that no TRANSFER row names (put the shipment ID in the TRANSFER rows' Reference to follow shortfalls)`];
}
