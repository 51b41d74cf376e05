/**
 * The seller data a test hands the SP-API emulator. Reports are generated from it when they
 * finish processing (so a test may change the dataset while a report is queued).
 */

export type LedgerEventType = 'Shipments' | 'CustomerReturns' | 'Receipts' | 'WhseTransfers' | 'Adjustments' | 'VendorReturns';

export const LEDGER_EVENT_TYPES: readonly LedgerEventType[] = [
  'Shipments',
  'CustomerReturns',
  'Receipts',
  'WhseTransfers',
  'Adjustments',
  'VendorReturns',
];

/** One row of GET_LEDGER_DETAIL_VIEW_DATA. */
export interface LedgerDetailEvent {
  /**
   * ISO 8601 with an offset (`2026-10-05T13:04:00-07:00`, `…-0700`, `…Z`). Written verbatim to
   * `Date and Time`; the request window (dataStartTime..dataEndTime) filters on this instant.
   */
  dateTime: string;
  /** The `Date` column as `YYYY-MM-DD`; defaults to the local date written in `dateTime`. */
  date?: string;
  fnsku: string;
  asin: string;
  msku: string;
  title: string;
  /** One of the six documented types; any other string is allowed to test unknown types. */
  eventType: LedgerEventType | (string & {});
  referenceId: string;
  /** Negative when units leave. */
  quantity: number;
  fulfillmentCenter: string;
  disposition: string;
  /** Adjustment reason code (`M`, `F`, `E`, `P`…); empty for most non-adjustments. */
  reason?: string;
  /** Where the inventory is stored (ISO code, `GB` for the UK). */
  country: string;
  /** Empty in the file when undefined. */
  reconciledQuantity?: number;
  unreconciledQuantity?: number;
  /** Written only when the document format includes the `Store` column. */
  store?: string;
}

export type SummaryPeriod = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** One row of GET_LEDGER_SUMMARY_VIEW_DATA before location aggregation. */
export interface LedgerSummaryRow {
  /** Which `aggregatedByTimePeriod` this row answers; default MONTHLY. */
  period?: SummaryPeriod;
  /** First day of the period, `YYYY-MM-DD` (`YYYY-MM` is accepted for MONTHLY). */
  date: string;
  fnsku: string;
  asin: string;
  msku: string;
  title: string;
  disposition: string;
  country: string;
  /** Needed for `aggregateByLocation=FC`; rows without it only appear in COUNTRY reports. */
  fulfillmentCenter?: string;
  store?: string;
  startingWarehouseBalance?: number;
  inTransitBetweenWarehouses?: number;
  receipts?: number;
  /** Negative, as in real files. */
  customerShipments?: number;
  customerReturns?: number;
  vendorReturns?: number;
  warehouseTransferInOut?: number;
  found?: number;
  lost?: number;
  damaged?: number;
  disposed?: number;
  otherEvents?: number;
  /** Defaults to the starting balance plus every signed movement. */
  endingWarehouseBalance?: number;
  unknownEvents?: number;
}

/** One row of GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA (a snapshot; no dates, no options). */
export interface MyiRow {
  sku: string;
  fnsku: string;
  asin: string;
  productName: string;
  /** Default `New`. */
  condition?: string;
  yourPrice?: number;
  mfnListingExists?: boolean;
  /** Empty in the file when undefined. */
  mfnFulfillableQuantity?: number;
  /** Default true. */
  afnListingExists?: boolean;
  afnFulfillableQuantity?: number;
  afnUnsellableQuantity?: number;
  afnReservedQuantity?: number;
  /** Defaults to fulfillable + unsellable + reserved. */
  afnWarehouseQuantity?: number;
  /** Defaults to warehouse + inbound working + shipped + receiving. */
  afnTotalQuantity?: number;
  perUnitVolume?: number;
  afnInboundWorkingQuantity?: number;
  afnInboundShippedQuantity?: number;
  afnInboundReceivingQuantity?: number;
  afnResearchingQuantity?: number;
  afnReservedFutureSupply?: number;
  afnFutureSupplyBuyable?: number;
  /** When set, the row only shows in reports whose marketplaces see this storage country. */
  country?: string;
}

export interface SellerDataset {
  ledgerEvents: LedgerDetailEvent[];
  ledgerSummary: LedgerSummaryRow[];
  inventory: MyiRow[];
  /** Pan-European FBA: every Pan-EU marketplace sees the events stored in every Pan-EU country. */
  panEuropean?: boolean;
  /** Marketplace id → the storage countries its reports see (overrides the default rule). */
  visibleCountries?: Record<string, string[]>;
}

export function emptyDataset(): SellerDataset {
  return { ledgerEvents: [], ledgerSummary: [], inventory: [] };
}

/** A detail event with plausible defaults (a US shipment of one unit). */
export function ledgerEvent(fields: Partial<LedgerDetailEvent> & Pick<LedgerDetailEvent, 'dateTime'>): LedgerDetailEvent {
  return {
    fnsku: 'X00TESTFN1',
    asin: 'B00TESTAS1',
    msku: 'SKU-1',
    title: 'Test product',
    eventType: 'Shipments',
    referenceId: 'REF-1',
    quantity: -1,
    fulfillmentCenter: 'PHX7',
    disposition: 'SELLABLE',
    reason: '',
    country: 'US',
    ...fields,
  };
}

/** A monthly summary row with zero movements by default. */
export function summaryRow(fields: Partial<LedgerSummaryRow> & Pick<LedgerSummaryRow, 'date'>): LedgerSummaryRow {
  return {
    fnsku: 'X00TESTFN1',
    asin: 'B00TESTAS1',
    msku: 'SKU-1',
    title: 'Test product',
    disposition: 'SELLABLE',
    country: 'US',
    ...fields,
  };
}

export function myiRow(fields: Partial<MyiRow>): MyiRow {
  return { sku: 'SKU-1', fnsku: 'X00TESTFN1', asin: 'B00TESTAS1', productName: 'Test product', ...fields };
}
