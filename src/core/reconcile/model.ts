/**
 * The indexed view of the reconciliation inputs: every ledger row, summary row and receipt mapped
 * to its location and component (units = quantity × units per kit), the Import Log's coverage,
 * openings, and the closed and reopened months. Built once per computation.
 */
import { addMonths, isoFromDay, monthBounds, type Day, type Month } from '../days';
import type { KitRow, LedgerRow } from '../ledger/types';
import type { ReconciliationLine } from '../../shared/wire';
import {
  COUNTING_STATUSES, DETAIL_EVENT_TYPES, REMOVED_STATUS, STATUS_CLOSED, STATUS_REOPENED, SUMMARY_EVENT_TYPE,
  SUMMARY_REPORT_TYPE,
  type ClosedMonth, type DetailEventType, type ImportLogRecord, type KitResolver, type OpeningRecord,
  type ReconcileData, type SummaryRow,
} from './types';

export const DEFAULT_LOCATION = 'FBA-US';

/** Case-insensitive comparison key of trimmed text (SKUs, shipment IDs, keys). */
export function textKey(text: string): string {
  return text.trim().toLowerCase();
}

/** A resolver over Kits rows: case-insensitive; an SKU with no row is its own component × 1. */
export function resolverFromKits(kits: readonly KitRow[]): KitResolver {
  const map = new Map<string, KitRow>();
  for (const k of kits) if (!map.has(textKey(k.amazonSku))) map.set(textKey(k.amazonSku), k);
  return (sku) => {
    const k = map.get(textKey(sku));
    return k ? { component: k.component, unitsPerKit: k.units } : { component: sku.trim(), unitsPerKit: 1 };
  };
}

export interface Target {
  /** Component key (case-insensitive). */
  key: string;
  unitsPerKit: number;
}

export interface MRow {
  src: LedgerRow;
  key: string;
  units: number;
  /** Reference as a shipment key (textKey), '' when blank. */
  ref: string;
}

export interface MSummary {
  src: SummaryRow;
  key: string;
  unitsPerKit: number;
}

export interface MReceipt {
  day: Day;
  key: string;
  units: number;
  /** Shipment key (textKey) and the ID as written. */
  ship: string;
  shipmentId: string;
}

export interface MOpening {
  record: OpeningRecord;
  /** Inbound units per component key. */
  inbound: Map<string, number>;
}

interface Interval {
  start: Day;
  end: Day;
}

interface Coverage {
  /** Per detail event type, the covered day intervals. */
  detail: Map<DetailEventType, Interval[]>;
  summary: Interval[];
}

const EVENT_ALIASES: Record<string, DetailEventType> = {
  shipments: 'Shipments', shipment: 'Shipments',
  customerreturns: 'CustomerReturns', customerreturn: 'CustomerReturns', returns: 'CustomerReturns', return: 'CustomerReturns',
  vendorreturns: 'VendorReturns', vendorreturn: 'VendorReturns', removals: 'VendorReturns', removal: 'VendorReturns',
  adjustments: 'Adjustments', adjustment: 'Adjustments',
  receipts: 'Receipts', receipt: 'Receipts',
};

/** Amazon's detail event-type name of a log entry's event type (case and spaces ignored); null otherwise. */
export function detailEventType(name: string): DetailEventType | null {
  return EVENT_ALIASES[name.replace(/[\s_-]/g, '').toLowerCase()] ?? null;
}

function isSummaryEntry(e: ImportLogRecord): boolean {
  return (
    e.reportType.trim().toUpperCase() === SUMMARY_REPORT_TYPE ||
    e.eventTypes.some((t) => t.trim().toLowerCase() === SUMMARY_EVENT_TYPE.toLowerCase())
  );
}

/** The locations a log entry's Location cell names; null means every location. */
export function logLocations(text: string): string[] | null {
  const parts = text.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return [DEFAULT_LOCATION];
  if (parts.some((p) => p === '*' || p.toUpperCase() === 'ALL')) return null;
  return parts;
}

/** The Import Log entries whose coverage counts (see `ImportLogRecord`). */
export function countingEntries(log: readonly ImportLogRecord[], removedSources: readonly string[] = []): ImportLogRecord[] {
  const removed = new Set(removedSources.map((s) => s.trim()));
  const removedAt = new Map<string, number>();
  log.forEach((e, i) => {
    if (e.status.trim().toUpperCase() === REMOVED_STATUS) removedAt.set(e.source.trim(), i);
  });
  const counting = new Set<string>(COUNTING_STATUSES);
  return log.filter((e, i) => {
    if (!counting.has(e.status.trim().toUpperCase())) return false;
    const src = e.source.trim();
    if (removed.has(src)) return false;
    const r = removedAt.get(src);
    return r === undefined || r < i;
  });
}

function covers(list: Interval[] | undefined, day: Day): boolean {
  if (!list) return false;
  for (const iv of list) if (iv.start <= day && day <= iv.end) return true;
  return false;
}

export class Model {
  readonly resolve: KitResolver;
  readonly rows: MRow[] = [];
  readonly rowsByLoc = new Map<string, MRow[]>();
  readonly summaryByLoc = new Map<string, Map<Month, MSummary[]>>();
  readonly receiptsByLoc = new Map<string, MReceipt[]>();
  readonly openings = new Map<string, MOpening>();
  /** Shipment keys named by TRANSFER rows, per location: `${component key}\u0000${shipment key}`. */
  readonly transferShipments = new Map<string, Set<string>>();
  /** SKU keys in Kits (either column) or on any ledger row. */
  readonly knownSkus = new Set<string>();
  readonly locations = new Set<string>();
  readonly closed = new Map<string, Map<Month, ClosedMonth>>();
  readonly reopened = new Set<string>();
  readonly warnings: string[] = [];
  readonly today: Day | null;

  private readonly targets = new Map<string, Target>();
  private readonly spellings = new Map<string, string>();
  private readonly otherSpellings = new Map<string, Set<string>>();
  private readonly coverage = new Map<string, Coverage>();
  private readonly coverageAll: Coverage = { detail: new Map(), summary: [] };

  constructor(readonly data: ReconcileData) {
    this.resolve = data.resolve ?? resolverFromKits(data.kits);
    this.today = data.today ?? null;
    for (const k of data.kits) {
      this.knownSkus.add(textKey(k.amazonSku));
      this.knownSkus.add(textKey(k.component));
      this.spell(k.component);
    }
    for (const r of data.ledger) {
      const t = this.target(r.sku);
      const m: MRow = { src: r, key: t.key, units: r.quantity * t.unitsPerKit, ref: textKey(r.reference) };
      this.rows.push(m);
      push(this.rowsByLoc, r.location, m);
      this.knownSkus.add(textKey(r.sku));
      this.locations.add(r.location);
      if (r.event === 'TRANSFER' && m.ref !== '') {
        let set = this.transferShipments.get(r.location);
        if (!set) this.transferShipments.set(r.location, (set = new Set()));
        set.add(m.key + '\u0000' + m.ref);
      }
    }
    for (const s of data.summary) {
      const t = this.target(s.msku);
      let byMonth = this.summaryByLoc.get(s.location);
      if (!byMonth) this.summaryByLoc.set(s.location, (byMonth = new Map()));
      push(byMonth, s.month, { src: s, key: t.key, unitsPerKit: t.unitsPerKit });
      this.locations.add(s.location);
    }
    for (const r of data.receipts) {
      const t = this.target(r.msku);
      push(this.receiptsByLoc, r.location, { day: r.day, key: t.key, units: r.quantity * t.unitsPerKit, ship: textKey(r.shipmentId), shipmentId: r.shipmentId.trim() });
      this.locations.add(r.location);
    }
    for (const o of data.openings ?? []) {
      const had = this.openings.get(o.location);
      if (had && had.record.day >= o.day) continue;
      const inbound = new Map<string, number>();
      for (const sku of Object.keys(o.inboundInTransit)) {
        const t = this.target(sku);
        inbound.set(t.key, (inbound.get(t.key) ?? 0) + o.inboundInTransit[sku] * t.unitsPerKit);
      }
      this.openings.set(o.location, { record: o, inbound });
      this.locations.add(o.location);
    }
    for (const e of countingEntries(data.importLog, data.removedSources)) {
      if (e.dataStart === null || e.dataEnd === null || e.dataEnd < e.dataStart) continue;
      const iv = { start: e.dataStart, end: e.dataEnd };
      const locs = logLocations(e.location);
      const targets = locs === null ? [this.coverageAll] : locs.map((l) => this.coverageOf(l));
      for (const c of targets) {
        if (isSummaryEntry(e)) c.summary.push(iv);
        for (const name of e.eventTypes) {
          const t = detailEventType(name);
          if (t) push(c.detail, t, iv);
        }
      }
    }
    this.readReview(data.review ?? []);
    for (const [key, set] of this.otherSpellings) {
      const shown = this.spellings.get(key)!;
      this.warnings.push(`SKU "${shown}" also written ${[...set].map((s) => `"${s}"`).join(', ')} (treated as the same SKU)`);
    }
  }

  /** Component key and units per kit of an SKU (memoised). */
  target(sku: string): Target {
    const k = sku.trim();
    let t = this.targets.get(k);
    if (!t) {
      const r = this.resolve(k);
      t = { key: textKey(r.component), unitsPerKit: r.unitsPerKit };
      this.targets.set(k, t);
      this.spell(r.component.trim());
    }
    return t;
  }

  /** The displayed spelling of a component key (the first seen: Kits, then ledger, summary, receipts). */
  display(key: string): string {
    return this.spellings.get(key) ?? key;
  }

  private spell(text: string): void {
    const key = textKey(text);
    const had = this.spellings.get(key);
    if (had === undefined) this.spellings.set(key, text.trim());
    else if (had !== text.trim()) {
      let set = this.otherSpellings.get(key);
      if (!set) this.otherSpellings.set(key, (set = new Set()));
      set.add(text.trim());
    }
  }

  private coverageOf(location: string): Coverage {
    let c = this.coverage.get(location);
    if (!c) this.coverage.set(location, (c = { detail: new Map(), summary: [] }));
    return c;
  }

  private readReview(lines: readonly ReconciliationLine[]): void {
    for (const l of lines) {
      const status = String(l.status ?? '').trim().toUpperCase();
      if (status === STATUS_REOPENED) this.reopened.add(monthLoc(l.month, l.location));
      if (status !== STATUS_CLOSED) continue;
      let byMonth = this.closed.get(l.location);
      if (!byMonth) this.closed.set(l.location, (byMonth = new Map()));
      const had = byMonth.get(l.month);
      if (had) {
        (had.lines as ReconciliationLine[]).push(l);
        if (!had.fingerprint && l.fingerprint) had.fingerprint = l.fingerprint;
        if (!had.closedAt && l.closedAt) had.closedAt = l.closedAt;
      } else {
        byMonth.set(l.month, { month: l.month, location: l.location, closedAt: l.closedAt ?? null, fingerprint: l.fingerprint ?? '', lines: [l] });
      }
    }
  }

  /** True when a detail event type's import covered the day at the location. */
  detailCovered(location: string, type: DetailEventType, day: Day): boolean {
    return covers(this.coverage.get(location)?.detail.get(type), day) || covers(this.coverageAll.detail.get(type), day);
  }

  /** Per day of the month (after the opening day), the detail event types no import covered. */
  missingDays(location: string, month: Month): Array<{ day: Day; types: DetailEventType[] }> {
    const b = monthBounds(month)!;
    const op = this.openings.get(location);
    const out: Array<{ day: Day; types: DetailEventType[] }> = [];
    for (let d = b.first; d <= b.last; d++) {
      if (op && d <= op.record.day) continue;
      const types = DETAIL_EVENT_TYPES.filter((t) => !this.detailCovered(location, t, d));
      if (types.length) out.push({ day: d, types });
    }
    return out;
  }

  /** The month's summary is imported for the location: rows, or a summary import covering the whole month. */
  summaryImported(location: string, month: Month): boolean {
    if (this.summaryByLoc.get(location)?.has(month)) return true;
    const b = monthBounds(month)!;
    const whole = (list: Interval[] | undefined): boolean => !!list && list.some((iv) => iv.start <= b.first && iv.end >= b.last);
    return whole(this.coverage.get(location)?.summary) || whole(this.coverageAll.summary);
  }

  summaryRows(location: string, month: Month): MSummary[] {
    return this.summaryByLoc.get(location)?.get(month) ?? [];
  }

  closedMonth(location: string, month: Month): ClosedMonth | null {
    return this.closed.get(location)?.get(month) ?? null;
  }

  /** The latest closed month of a location, or null. */
  latestClosed(location: string): Month | null {
    let best: Month | null = null;
    for (const m of this.closed.get(location)?.keys() ?? []) if (best === null || m > best) best = m;
    return best;
  }

  isReopened(location: string, month: Month): boolean {
    return this.reopened.has(monthLoc(month, location));
  }

  /**
   * Settling ADJUSTMENT rows are ADJUSTMENT rows whose Reference names a shipment a TRANSFER row of
   * the same location and component names: they write off (part of) an inbound shortfall.
   */
  isSettling(location: string, r: MRow): boolean {
    return r.src.event === 'ADJUSTMENT' && r.ref !== '' && !!this.transferShipments.get(location)?.has(r.key + '\u0000' + r.ref);
  }

  /**
   * Inbound in transit at the end of `day`, per component key: TRANSFER units − Amazon Receipts
   * units + settling ADJUSTMENT units up to the day; for a location started mid-stream, from the
   * opening's inbound units plus the movements after the opening day.
   */
  inbound(location: string, day: Day): Map<string, number> {
    const out = new Map<string, number>();
    const op = this.openings.get(location);
    let after = -Infinity;
    if (op && day >= op.record.day) {
      after = op.record.day;
      for (const [k, v] of op.inbound) add(out, k, v);
    }
    for (const r of this.rowsByLoc.get(location) ?? []) {
      const d = r.src.day;
      if (d <= after || d > day) continue;
      if (r.src.event === 'TRANSFER' || this.isSettling(location, r)) add(out, r.key, r.units);
    }
    for (const r of this.receiptsByLoc.get(location) ?? []) {
      if (r.day <= after || r.day > day) continue;
      add(out, r.key, -r.units);
    }
    return out;
  }

  /** The day after which movements count towards inbound in transit at `day` (opening day or −∞). */
  inboundFrom(location: string, day: Day): number {
    const op = this.openings.get(location);
    return op && day >= op.record.day ? op.record.day : -Infinity;
  }
}

export function monthLoc(month: Month, location: string): string {
  return month + '\u0000' + location;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** `2026-03-04..2026-03-06 (Shipments), 2026-03-10 (all event types)`; at most `limit` runs. */
export function formatMissingDays(missing: Array<{ day: Day; types: DetailEventType[] }>, limit = 6): string {
  const runs: Array<{ start: Day; end: Day; types: DetailEventType[] }> = [];
  for (const m of missing) {
    const last = runs[runs.length - 1];
    if (last && last.end === m.day - 1 && last.types.join() === m.types.join()) last.end = m.day;
    else runs.push({ start: m.day, end: m.day, types: m.types });
  }
  const text = runs.slice(0, limit).map((r) => {
    const days = r.start === r.end ? isoFromDay(r.start) : `${isoFromDay(r.start)}..${isoFromDay(r.end)}`;
    const types = r.types.length === DETAIL_EVENT_TYPES.length ? 'all event types' : r.types.join(', ');
    return `${days} (${types})`;
  });
  if (runs.length > limit) text.push(`and ${runs.length - limit} more`);
  return text.join(', ');
}

/** The previous month. */
export function prevMonth(month: Month): Month {
  return addMonths(month, -1);
}
