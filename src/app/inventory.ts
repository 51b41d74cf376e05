/**
 * The Inventory tab and the static Lots sheet (spec §8): per location × component SKU, what the
 * ledger engine estimates, beside Amazon's own latest figure when MYI was imported.
 */
import { type Day, dayFromIso, isoFromDay } from '../core/days';
import { InputError } from '../core/errors';
import { LotLedger, parseMethod, readDayCell, textKey, type Kits } from '../core/ledger/index';
import type { AmazonFigure, InventoryQuery, InventoryResult, InventorySku, WriteLotsResult } from '../shared/wire';
import { INVENTORY, LOTS_SHEET } from './layout';
import { readLedgerData } from './ledgerData';
import type { Deps, Workbook } from './ports';
import { optionalSheet, readData } from './sheets';

export const EXPIRY_HORIZON_DAYS = 90;

function today(wb: Workbook, now: number): Day {
  return wb.days.dayOf(new Date(now));
}

function queryDay(value: unknown, what: string): Day | null {
  if (value === undefined || value === null || value === '') return null;
  const d = typeof value === 'string' ? dayFromIso(value.trim()) : null;
  if (d === null) throw new InputError(`${what} must be a date written YYYY-MM-DD`);
  return d;
}

/** Amazon's latest MYI figures per location × component key. */
function amazonFigures(wb: Workbook, kits: Kits): Map<string, AmazonFigure> {
  const table = optionalSheet(wb, INVENTORY);
  const out = new Map<string, AmazonFigure>();
  if (!table) return out;
  const rows = readData(table, INVENTORY.headers.length);
  const latest = new Map<string, Day>();
  const parsed = rows.map((r) => ({ day: readDayCell(r[0], wb.days), location: String(r[1] ?? '').trim() || 'FBA-US', msku: String(r[2] ?? '').trim(), r }));
  for (const p of parsed) {
    if (p.day === null || p.day === undefined || !p.msku) continue;
    const k = textKey(p.location);
    if ((latest.get(k) ?? -Infinity) < p.day) latest.set(k, p.day);
  }
  for (const p of parsed) {
    if (p.day === null || p.day === undefined || !p.msku || latest.get(textKey(p.location)) !== p.day) continue;
    const target = kits.resolve(p.msku);
    const key = `${textKey(p.location)}|${target.componentKey}`;
    const n = (i: number) => (Number(p.r[i]) || 0) * target.unitsPerKit;
    const f = out.get(key) ?? { snapshot: isoFromDay(p.day), warehouse: 0, fulfillable: 0, unsellable: 0, reserved: 0, inboundShipped: 0, inboundReceiving: 0 };
    f.warehouse += n(4);
    f.fulfillable += n(5);
    f.unsellable += n(6);
    f.reserved += n(7);
    f.inboundShipped += n(10);
    f.inboundReceiving += n(11);
    out.set(key, f);
  }
  return out;
}

export function getInventory(deps: Deps, query: InventoryQuery = {}): InventoryResult {
  const q = query ?? {};
  const wb = deps.workbook;
  const method = parseMethod(q.method ?? '');
  const asOf = queryDay(q.asOf, 'As of');
  const asOfDay = asOf ?? today(wb, deps.clock.now());
  const data = readLedgerData(wb);
  const engine = new LotLedger(data.rows, data.kits, data.warnings);
  const inventory = engine.inventory({ method, asOf, location: q.location || null, sku: q.sku || null });
  const amazon = asOf === null ? amazonFigures(wb, data.kits) : new Map<string, AmazonFigure>();
  const skus: InventorySku[] = inventory.items.map((item) => ({
    location: item.location,
    sku: item.sku,
    onHand: item.onHand,
    sellable: item.sellable,
    unsellable: item.unsellable,
    lots: item.lots.map((l) => ({
      lot: l.lot,
      expiry: l.expiry === null ? null : isoFromDay(l.expiry),
      arrival: l.arrival === null ? null : isoFromDay(l.arrival),
      sent: l.sent,
      recorded: l.recorded,
      estimate: l.estimate,
      min: l.min,
      max: l.max,
      expiringSoon: l.max > 0 && l.expiry !== null && l.expiry <= asOfDay + EXPIRY_HORIZON_DAYS,
    })),
    unspecified: {
      recorded: item.unspecified.recorded,
      figure: item.unspecified.figure,
      unknownLotStock: item.unknownLotStock,
      unallocatedDepletion: item.unspecified.unallocatedDepletion,
      uncharged: item.unspecified.unchargedNet,
    },
    kits: item.kits.map((k) => ({ amazonSku: k.amazonSku, unitsPerKit: k.unitsPerKit, available: k.available })),
    amazon: amazon.get(`${textKey(item.location)}|${data.kits.resolve(item.sku).componentKey}`) ?? null,
    warnings: item.warnings,
  }));
  return {
    asOf: isoFromDay(asOfDay),
    method,
    locations: [...new Set(inventory.items.map((i) => i.location))],
    skus,
    warnings: inventory.warnings,
    expiryHorizonDays: EXPIRY_HORIZON_DAYS,
  };
}

/** Writes FBA_LOTS's table as static values into the `Lots` sheet, for ledgers too large to recompute in cells. */
export function writeLotsTable(deps: Deps, query: InventoryQuery = {}): WriteLotsResult {
  const q = query ?? {};
  const wb = deps.workbook;
  const data = readLedgerData(wb);
  const engine = new LotLedger(data.rows, data.kits, data.warnings);
  const asOf = queryDay(q.asOf, 'As of');
  const table = engine.lotsTable({ method: parseMethod(q.method ?? ''), asOf, location: q.location || null });
  const values: unknown[][] = [table.header.slice()];
  for (const r of table.rows) values.push([r[0], r[1], r[2], r[3] === null ? '' : wb.days.dateOf(r[3]), r[4], r[5], r[6], r[7], r[8]]);
  return deps.lock.withLock(10_000, () => {
    let sheet = wb.sheet(LOTS_SHEET);
    if (!sheet) {
      sheet = wb.createSheet(LOTS_SHEET);
      sheet.setFrozenRows(1);
      sheet.setColumnFormat(1, 2, '@');
      sheet.setColumnFormat(2, 2, '@');
      sheet.setColumnFormat(3, 2, '@');
      sheet.setColumnFormat(4, 2, 'yyyy-mm-dd');
    }
    const oldLast = sheet.lastRow();
    sheet.write(1, 1, values);
    if (oldLast > values.length) sheet.deleteRows(values.length + 1, oldLast - values.length);
    sheet.setHeaderStyle(values[0].length);
    const rows = values.length - 1;
    const when = asOf === null ? 'now' : `as of ${isoFromDay(asOf)}`;
    return { rows, message: `Wrote ${rows} lot rows (${when}) to the "${LOTS_SHEET}" sheet. It does not update by itself: write it again after changes.` };
  });
}
