/**
 * The sample seller behind the local preview and the browser tests: a small supplement brand
 * selling at FBA-US since December 2024. One `SellerDataset` is the truth for both ways Amazon's
 * data comes in — the report files the seed imports month by month (written exactly as the SP-API
 * emulator writes its documents) and the reports "Fetch" downloads from the emulator — so what a
 * fetch brings in continues what the files brought in.
 *
 * What it holds (today is 2025-05-20 in America/Los_Angeles):
 * - four Amazon listings: VITC-500, its 6-pack VITC-500-6PK (a Kits row: 6 × VITC-500), OMEGA3-120
 *   and MAGN-250; lots with expiry dates, one (OM2411) expiring within 90 days;
 * - six inbound shipments recorded as TRANSFER rows with their shipment IDs, received by Amazon a
 *   few days later (`Receipts`), the last one (FBA18ZW6006) still in transit at the end of April;
 * - every day: customer shipments; every month: returns (some damaged), a damaged/disposition
 *   pair of adjustments, a lost-and-found pair, a warehouse transfer and a removal order, so each
 *   monthly detail file covers every day and every event type of its month;
 * - one inbound shortfall: FBA18ZR2002 sent 240 MAGN-250 of lot MG2501, Amazon received 228;
 * - one variance to find: Amazon's April summary ends 3 OMEGA3-120 lower than its own movements
 *   say (the units vanished without an event), so April does not reconcile ("unexplained").
 * Everything is generated from a fixed pseudo-random sequence: the same data on every run.
 */
import { mulberry32 } from '../bench/random';
import { dayFromIso, isoFromDay, ymdFromDay, type Day } from '../src/core/days';
import type { TransferInput } from '../src/shared/wire';
import type { LedgerDetailEvent, LedgerSummaryRow, MyiRow, SellerDataset } from '../test/emulator/dataset';

export const SAMPLE_TIME_ZONE = 'America/Los_Angeles';
/** The preview's "today": the virtual clock starts at 09:00 of this day in SAMPLE_TIME_ZONE. */
export const SAMPLE_TODAY = '2025-05-20';
/** The first and last day Amazon has events for (yesterday is the last day reports can cover). */
export const FIRST_EVENT_DAY = '2024-12-13';
export const LAST_EVENT_DAY = '2025-05-19';
/** The months whose report files the seed imports (the fetch brings May). */
export const IMPORTED_MONTHS = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04'] as const;
export const US_MARKETPLACE = 'ATVPDKIKX0DER';

export interface Listing {
  msku: string;
  fnsku: string;
  asin: string;
  title: string;
  /** Units sold a day on average. */
  perDay: number;
  /** Largest order. */
  maxOrder: number;
  price: number;
}

export const LISTINGS: readonly Listing[] = [
  { msku: 'VITC-500', fnsku: 'X004VC5001', asin: 'B0CVITC500', title: 'Vitamin C 500 mg, 120 capsules', perDay: 7, maxOrder: 2, price: 14.99 },
  { msku: 'VITC-500-6PK', fnsku: 'X004VC5006', asin: 'B0CVITC506', title: 'Vitamin C 500 mg, 120 capsules (pack of 6)', perDay: 0.3, maxOrder: 1, price: 79.99 },
  { msku: 'OMEGA3-120', fnsku: 'X004OM3120', asin: 'B0COMEGA31', title: 'Omega-3 fish oil 1000 mg, 120 softgels', perDay: 2.5, maxOrder: 2, price: 24.99 },
  { msku: 'MAGN-250', fnsku: 'X004MG2500', asin: 'B0CMAGN250', title: 'Magnesium glycinate 250 mg, 90 tablets', perDay: 2, maxOrder: 2, price: 19.99 },
];

/** Kits rows as the seller types them: Amazon SKU, component SKU, units per kit. */
export const KITS_ROWS: ReadonlyArray<[string, string, number]> = [['VITC-500-6PK', 'VITC-500', 6]];

export interface SampleShipment {
  shipmentId: string;
  /** The day the seller sent it (and recorded the TRANSFER rows). */
  sent: string;
  lines: Array<{ sku: string; lot: string; quantity: number; expiry: string }>;
  /** Days Amazon received it, first to last; the units are spread over them. */
  receivedFrom: string;
  receivedTo: string;
  /** Units Amazon never received, per SKU (an inbound shortfall). */
  missing?: Record<string, number>;
}

export const SHIPMENTS: readonly SampleShipment[] = [
  {
    shipmentId: 'FBA18ZQ1001', sent: '2024-12-10', receivedFrom: '2024-12-13', receivedTo: '2024-12-16',
    lines: [
      { sku: 'VITC-500', lot: '24K101', quantity: 600, expiry: '2026-03-31' },
      { sku: 'VITC-500-6PK', lot: '24K101', quantity: 60, expiry: '2026-03-31' },
      { sku: 'OMEGA3-120', lot: 'OM2411', quantity: 300, expiry: '2025-07-31' },
    ],
  },
  {
    shipmentId: 'FBA18ZR2002', sent: '2025-01-21', receivedFrom: '2025-01-24', receivedTo: '2025-01-27',
    lines: [{ sku: 'MAGN-250', lot: 'MG2501', quantity: 240, expiry: '2027-01-31' }],
    missing: { 'MAGN-250': 12 },
  },
  {
    shipmentId: 'FBA18ZS3003', sent: '2025-02-18', receivedFrom: '2025-02-21', receivedTo: '2025-02-24',
    lines: [{ sku: 'VITC-500', lot: '25A044', quantity: 480, expiry: '2026-09-30' }],
  },
  {
    shipmentId: 'FBA18ZT4004', sent: '2025-03-17', receivedFrom: '2025-03-20', receivedTo: '2025-03-22',
    lines: [{ sku: 'OMEGA3-120', lot: 'OM2502', quantity: 200, expiry: '2026-02-28' }],
  },
  {
    shipmentId: 'FBA18ZV5005', sent: '2025-04-14', receivedFrom: '2025-04-17', receivedTo: '2025-04-19',
    lines: [
      { sku: 'VITC-500', lot: '25C012', quantity: 400, expiry: '2027-02-28' },
      { sku: 'VITC-500-6PK', lot: '25C012', quantity: 30, expiry: '2027-02-28' },
    ],
  },
  {
    shipmentId: 'FBA18ZW6006', sent: '2025-04-28', receivedFrom: '2025-05-02', receivedTo: '2025-05-03',
    lines: [{ sku: 'MAGN-250', lot: 'MG2504', quantity: 120, expiry: '2027-04-30' }],
  },
];

/** The unexplained loss: Amazon's summary for this month × SKU ends this many units lower. */
export const VANISHED = { month: '2025-04', msku: 'OMEGA3-120', units: 3 } as const;

/** The TRANSFER rows of every shipment, as the sidebar's form sends them, with the day they were typed. */
export function sampleTransfers(): Array<{ typedOn: string; input: TransferInput }> {
  return SHIPMENTS.flatMap((s) => s.lines.map((l) => ({
    typedOn: s.sent,
    input: { date: s.sent, sku: l.sku, lot: l.lot, quantity: l.quantity, expiry: l.expiry, location: 'FBA-US', reference: s.shipmentId },
  })));
}

// ---- the generator ----------------------------------------------------------------------------


const FCS = ['ONT8', 'PHX7', 'SMF3', 'LGB8', 'MDW2'];
const DISPOSITIONS = ['SELLABLE', 'CUSTOMER_DAMAGED', 'WAREHOUSE_DAMAGED', 'DEFECTIVE'] as const;
type Disposition = (typeof DISPOSITIONS)[number];

type Movement = 'receipts' | 'customerShipments' | 'customerReturns' | 'vendorReturns' | 'warehouseTransferInOut' | 'found' | 'lost' | 'damaged' | 'otherEvents';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `2025-03-15T10:42:00-07:00`: Pacific time (the DST switches of 2025 fall outside 06:00–22:00). */
function dateTime(day: string, minutes: number): string {
  const dst = day >= '2025-03-09' && day < '2025-11-02';
  return `${day}T${p2(Math.floor(minutes / 60))}:${p2(minutes % 60)}:00${dst ? '-07:00' : '-08:00'}`;
}

export interface SampleData {
  dataset: SellerDataset;
  /** Amazon's true stock per MSKU × disposition at the end of LAST_EVENT_DAY. */
  stock: Record<string, Record<string, number>>;
}

/** Builds the seller's data. Deterministic. */
export function sampleData(): SampleData {
  const rand = mulberry32(20250520);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const listing = new Map(LISTINGS.map((l) => [l.msku, l]));
  const stock: Record<string, Record<Disposition, number>> = {};
  for (const l of LISTINGS) stock[l.msku] = { SELLABLE: 0, CUSTOMER_DAMAGED: 0, WAREHOUSE_DAMAGED: 0, DEFECTIVE: 0 };
  const events: LedgerDetailEvent[] = [];
  const summary = new Map<string, LedgerSummaryRow>();
  const shippedOrders = new Map<string, string[]>();
  let orderSeq = 0;
  let adjustmentSeq = 5087421000;

  const monthRow = (month: string, msku: string, disposition: Disposition): LedgerSummaryRow => {
    const key = `${month}|${msku}|${disposition}`;
    let row = summary.get(key);
    if (!row) {
      const l = listing.get(msku)!;
      row = {
        period: 'MONTHLY', date: `${month}-01`, fnsku: l.fnsku, asin: l.asin, msku, title: l.title, disposition, country: 'US',
        startingWarehouseBalance: stock[msku][disposition], inTransitBetweenWarehouses: 0, receipts: 0, customerShipments: 0,
        customerReturns: 0, vendorReturns: 0, warehouseTransferInOut: 0, found: 0, lost: 0, damaged: 0, disposed: 0, otherEvents: 0, unknownEvents: 0,
      };
      summary.set(key, row);
    }
    return row;
  };

  const emit = (day: string, msku: string, eventType: string, referenceId: string, quantity: number, disposition: Disposition,
    movement: Movement, reason = '', fc = pick(FCS)): void => {
    const l = listing.get(msku)!;
    const minutes = 360 + Math.floor(rand() * 960);
    events.push({
      dateTime: dateTime(day, minutes), fnsku: l.fnsku, asin: l.asin, msku, title: l.title, eventType, referenceId, quantity,
      fulfillmentCenter: fc, disposition, reason, country: 'US',
      ...(eventType === 'Adjustments' && (reason === 'M' || reason === 'F') ? { reconciledQuantity: 0, unreconciledQuantity: Math.abs(quantity) } : {}),
    });
    const row = monthRow(day.slice(0, 7), msku, disposition);
    (row as unknown as Record<Movement, number>)[movement] += quantity;
    stock[msku][disposition] += quantity;
  };

  const orderId = (): string => {
    orderSeq += 1;
    const a = 111 + Math.floor(rand() * 3);
    return `${a}-${String(1000000 + Math.floor(rand() * 8999999))}-${String(1000000 + ((orderSeq * 7919) % 8999999))}`;
  };

  const first = dayFromIso(FIRST_EVENT_DAY)!;
  const last = dayFromIso(LAST_EVENT_DAY)!;
  let month = '';
  for (let d: Day = first; d <= last; d++) {
    const day = isoFromDay(d);
    const [, , dom] = ymdFromDay(d);
    if (day.slice(0, 7) !== month) {
      // A new month: every listing with stock gets its row (the starting balance), even without movements.
      month = day.slice(0, 7);
      for (const l of LISTINGS) for (const disp of DISPOSITIONS) if (stock[l.msku][disp] !== 0) monthRow(month, l.msku, disp);
    }

    // Receipts: each shipment's units spread over its receiving days.
    for (const s of SHIPMENTS) {
      if (day < s.receivedFrom || day > s.receivedTo) continue;
      const from = dayFromIso(s.receivedFrom)!, to = dayFromIso(s.receivedTo)!;
      const n = to - from + 1, i = d - from;
      for (const line of s.lines) {
        const total = line.quantity - (s.missing?.[line.sku] ?? 0);
        const share = Math.floor(total / n) + (i === n - 1 ? total % n : 0);
        if (share > 0) emit(day, line.sku, 'Receipts', s.shipmentId, share, 'SELLABLE', 'receipts', '', 'ONT8');
      }
    }

    // Customer orders.
    for (const l of LISTINGS) {
      let units = Math.round(l.perDay * (0.5 + rand()));
      if (l.msku === 'VITC-500') units = Math.max(1, units); // something sells every day: each monthly file covers all its days
      while (units > 0 && stock[l.msku].SELLABLE > 0) {
        const q = Math.min(units, 1 + Math.floor(rand() * l.maxOrder), stock[l.msku].SELLABLE);
        const id = orderId();
        emit(day, l.msku, 'Shipments', id, -q, 'SELLABLE', 'customerShipments');
        const list = shippedOrders.get(l.msku) ?? [];
        list.push(id);
        shippedOrders.set(l.msku, list);
        units -= q;
      }
    }

    // Customer returns: now and then, and at least one a month.
    for (const l of LISTINGS) {
      const orders = shippedOrders.get(l.msku);
      if (!orders || orders.length < 5) continue;
      const forced = l.msku === 'VITC-500' && dom === 15;
      if (!forced && rand() > 0.06 * l.perDay) continue;
      const damaged = rand() < 0.3;
      emit(day, l.msku, 'CustomerReturns', orders[Math.floor(rand() * (orders.length - 1))], 1, damaged ? 'CUSTOMER_DAMAGED' : 'SELLABLE', 'customerReturns');
    }

    // Adjustments: a unit damaged in the warehouse (E out of SELLABLE, P into WAREHOUSE_DAMAGED) on the 20th,
    // one lost (M) on the 6th and found again (F) on the 26th.
    if (dom === 20 && stock['VITC-500'].SELLABLE > 0) {
      const ref = String(++adjustmentSeq), fc = pick(FCS);
      emit(day, 'VITC-500', 'Adjustments', ref, -1, 'SELLABLE', 'damaged', 'E', fc);
      emit(day, 'VITC-500', 'Adjustments', ref, 1, 'WAREHOUSE_DAMAGED', 'damaged', 'P', fc);
    }
    if (dom === 6 && stock['OMEGA3-120'].SELLABLE > 0) emit(day, 'OMEGA3-120', 'Adjustments', String(++adjustmentSeq), -1, 'SELLABLE', 'lost', 'M');
    if (dom === 26 && stock['OMEGA3-120'].SELLABLE > 0) emit(day, 'OMEGA3-120', 'Adjustments', String(++adjustmentSeq), 1, 'SELLABLE', 'found', 'F');

    // A warehouse transfer between two FCs (skipped by imports: it nets to zero in the pool).
    if (dom === 12 && stock['VITC-500'].SELLABLE >= 12) {
      const ref = `WT-${day.replace(/-/g, '')}`;
      emit(day, 'VITC-500', 'WhseTransfers', ref, -12, 'SELLABLE', 'warehouseTransferInOut', '', 'ONT8');
      emit(day, 'VITC-500', 'WhseTransfers', ref, 12, 'SELLABLE', 'warehouseTransferInOut', '', 'PHX7');
    }

    // A removal order on the 25th: the unsellable units, else one sellable unit.
    if (dom === 25) {
      const ref = `RMV-${day.slice(2, 4)}${day.slice(5, 7)}`;
      let removed = false;
      for (const l of LISTINGS) {
        for (const disp of DISPOSITIONS) {
          if (disp === 'SELLABLE' || stock[l.msku][disp] <= 0) continue;
          emit(day, l.msku, 'VendorReturns', ref, -stock[l.msku][disp], disp, 'vendorReturns');
          removed = true;
        }
      }
      if (!removed && stock['MAGN-250'].SELLABLE > 0) emit(day, 'MAGN-250', 'VendorReturns', ref, -1, 'SELLABLE', 'vendorReturns');
      else if (!removed) emit(day, 'VITC-500', 'VendorReturns', ref, -1, 'SELLABLE', 'vendorReturns');
    }

    // The unexplained loss, at the end of its month: in Amazon's stock and summary, with no event.
    if (day === lastDayOf(VANISHED.month)) {
      const row = monthRow(VANISHED.month, VANISHED.msku, 'SELLABLE');
      stock[VANISHED.msku].SELLABLE -= VANISHED.units;
      row.endingWarehouseBalance = stock[VANISHED.msku].SELLABLE;
    }
  }

  const ledgerSummary = [...summary.values()].sort((a, b) =>
    a.date.localeCompare(b.date) || a.msku.localeCompare(b.msku) || DISPOSITIONS.indexOf(a.disposition as Disposition) - DISPOSITIONS.indexOf(b.disposition as Disposition));
  const inventory: MyiRow[] = LISTINGS.map((l) => {
    const s = stock[l.msku];
    const reserved = Math.min(3, s.SELLABLE);
    const inbound = SHIPMENTS.filter((x) => x.receivedFrom > LAST_EVENT_DAY)
      .reduce((n, x) => n + x.lines.filter((ln) => ln.sku === l.msku).reduce((m, ln) => m + ln.quantity, 0), 0);
    return {
      sku: l.msku, fnsku: l.fnsku, asin: l.asin, productName: l.title, condition: 'New', yourPrice: l.price,
      mfnListingExists: false, afnListingExists: true,
      afnFulfillableQuantity: s.SELLABLE - reserved,
      afnUnsellableQuantity: s.CUSTOMER_DAMAGED + s.WAREHOUSE_DAMAGED + s.DEFECTIVE,
      afnReservedQuantity: reserved,
      afnInboundWorkingQuantity: 0, afnInboundShippedQuantity: inbound, afnInboundReceivingQuantity: 0,
      perUnitVolume: 0.02, afnResearchingQuantity: 0, afnReservedFutureSupply: 0, afnFutureSupplyBuyable: 0,
    };
  });
  return { dataset: { ledgerEvents: events, ledgerSummary, inventory }, stock };
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return isoFromDay(dayFromIso(`${y + (m === 12 ? 1 : 0)}-${p2(m === 12 ? 1 : m + 1)}-01`)! - 1);
}
