/**
 * Report types from the header row (spec §6 "Parsing"). Columns are found by name, never by
 * position: names are compared after normalisation (case, spaces, underscores, hyphens and
 * slashes ignored), so `Event Type`, `EventType`, `event_type` and `event-type` are one column,
 * and the documented compact names (`ReferenceId`, `FulfillmentCenter`, …) match the spaced names
 * real files use. Columns the add-on does not read (Title, ASIN, Store, Reconciled Quantity, …)
 * may be present or not; added columns are ignored.
 */
import { InputError } from '../errors';

export const DETAIL_REPORT = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const SUMMARY_REPORT = 'GET_LEDGER_SUMMARY_VIEW_DATA';
export const MYI_REPORT = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';

export type ReportType = typeof DETAIL_REPORT | typeof SUMMARY_REPORT | typeof MYI_REPORT;

/** A column the parser reads: its canonical (real-file) name and accepted aliases. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  name: string;
  aliases?: readonly string[];
  required: boolean;
}

/** Lower case, without spaces, underscores, hyphens, slashes, dots and a BOM. */
export function normalizeHeaderName(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-/.]+/g, '');
}

const c = <K extends string>(key: K, name: string, required: boolean, aliases: readonly string[] = []): ColumnSpec<K> => ({
  key, name, required, aliases,
});

export const DETAIL_COLUMNS = [
  c('date', 'Date', true),
  c('fnsku', 'FNSKU', false),
  c('asin', 'ASIN', false),
  c('msku', 'MSKU', true, ['Merchant SKU', 'Seller SKU']),
  c('title', 'Title', false),
  c('eventType', 'Event Type', true),
  c('referenceId', 'Reference ID', false),
  c('quantity', 'Quantity', true),
  c('fulfillmentCenter', 'Fulfillment Center', false, ['FC']),
  c('disposition', 'Disposition', false),
  c('reason', 'Reason', false),
  c('country', 'Country', false),
  c('reconciledQuantity', 'Reconciled Quantity', false),
  c('unreconciledQuantity', 'Unreconciled Quantity', false),
  c('dateAndTime', 'Date and Time', false),
  c('store', 'Store', false),
] as const;

/** The summary's figures, in the report's order (spec §3 `Amazon Summary`). */
export const SUMMARY_FIGURE_COLUMNS = [
  c('startingWarehouseBalance', 'Starting Warehouse Balance', true),
  c('inTransitBetweenWarehouses', 'In Transit Between Warehouses', false),
  c('receipts', 'Receipts', true),
  c('customerShipments', 'Customer Shipments', true),
  c('customerReturns', 'Customer Returns', true),
  c('vendorReturns', 'Vendor Returns', true),
  c('warehouseTransferInOut', 'Warehouse Transfer In/Out', false, ['Warehouse Transfer In Out', 'Warehouse Transfer']),
  c('found', 'Found', true),
  c('lost', 'Lost', true),
  c('damaged', 'Damaged', true),
  c('disposed', 'Disposed', true),
  c('otherEvents', 'Other Events', true),
  c('endingWarehouseBalance', 'Ending Warehouse Balance', true),
  c('unknownEvents', 'Unknown Events', false),
] as const;

export const SUMMARY_COLUMNS = [
  c('date', 'Date', true),
  c('fnsku', 'FNSKU', false),
  c('asin', 'ASIN', false),
  c('msku', 'MSKU', true, ['Merchant SKU', 'Seller SKU']),
  c('title', 'Title', false),
  c('disposition', 'Disposition', false),
  ...SUMMARY_FIGURE_COLUMNS,
  c('location', 'Location', false, ['Country']),
  c('store', 'Store', false),
] as const;

/** MYI quantities written to `Amazon Inventory`, in the sheet's order. */
export const MYI_QUANTITY_COLUMNS = [
  c('afnWarehouseQuantity', 'afn-warehouse-quantity', true),
  c('afnFulfillableQuantity', 'afn-fulfillable-quantity', true),
  c('afnUnsellableQuantity', 'afn-unsellable-quantity', true),
  c('afnReservedQuantity', 'afn-reserved-quantity', true),
  c('afnTotalQuantity', 'afn-total-quantity', true),
  c('afnInboundWorkingQuantity', 'afn-inbound-working-quantity', true),
  c('afnInboundShippedQuantity', 'afn-inbound-shipped-quantity', true),
  c('afnInboundReceivingQuantity', 'afn-inbound-receiving-quantity', true),
] as const;

export const MYI_COLUMNS = [
  c('sku', 'sku', true, ['seller-sku', 'MSKU']),
  c('fnsku', 'fnsku', false),
  c('asin', 'asin', false),
  c('productName', 'product-name', false),
  c('condition', 'condition', false),
  ...MYI_QUANTITY_COLUMNS,
  c('store', 'store', false),
] as const;

interface TypeSpec {
  type: ReportType;
  label: string;
  columns: readonly ColumnSpec[];
  /** Normalised names whose presence says "this is that report". */
  signature: readonly string[];
}

export const REPORT_SPECS: readonly TypeSpec[] = [
  { type: DETAIL_REPORT, label: 'Inventory Ledger, Detailed view', columns: DETAIL_COLUMNS, signature: ['eventtype'] },
  {
    type: SUMMARY_REPORT, label: 'Inventory Ledger, Summary view', columns: SUMMARY_COLUMNS,
    signature: ['startingwarehousebalance', 'endingwarehousebalance'],
  },
  { type: MYI_REPORT, label: 'Manage FBA Inventory', columns: MYI_COLUMNS, signature: ['afnwarehousequantity'] },
];

export interface DetectedHeader {
  type: ReportType;
  /** Column key → index in the row (absent columns: -1). */
  index: Record<string, number>;
  warnings: string[];
}

function expectedList(spec: TypeSpec): string {
  return spec.columns.filter((col) => col.required).map((col) => col.name).join(', ');
}

/** Describes what the add-on reads, per report type (for error messages). */
export function expectedColumnsMessage(): string {
  return REPORT_SPECS.map((s) => `${s.label} (${s.type}): ${expectedList(s)}`).join('; ');
}

function show(header: readonly string[]): string {
  const shown = header.slice(0, 8).map((h) => `"${h.length > 40 ? h.slice(0, 40) + '…' : h}"`).join(', ');
  return header.length > 8 ? `${shown}, … (${header.length} columns)` : shown;
}

/**
 * Recognises the report type of a header row and finds its columns. Throws an InputError naming
 * the expected columns when the header is no known report, or names the missing ones when it looks
 * like a known report without all the columns the add-on needs.
 */
export function detectReport(header: readonly string[], headerLine = 1): DetectedHeader {
  const positions = new Map<string, number>();
  const warnings: string[] = [];
  const duplicated = new Map<string, string>();
  header.forEach((h, i) => {
    const norm = normalizeHeaderName(h);
    if (norm === '') return;
    if (positions.has(norm)) {
      duplicated.set(norm, h.trim());
      return;
    }
    positions.set(norm, i);
  });
  const spec = REPORT_SPECS.find((s) => s.signature.every((sig) => positions.has(sig)));
  if (!spec) {
    throw new InputError(
      `this file is not an Amazon report the add-on reads: its first line has ${show(header)}. ` +
        `Expected one of: ${expectedColumnsMessage()}`,
      headerLine,
    );
  }
  // A column the add-on reads must be there once: with two, which one holds Amazon's figure is a guess.
  const read = new Set(spec.columns.flatMap((c) => [c.name, ...(c.aliases ?? [])].map(normalizeHeaderName)));
  for (const [norm, name] of duplicated) {
    if (read.has(norm)) {
      throw new InputError(`the column "${name}" appears twice in the header; keep one and import the file again`, headerLine);
    }
    warnings.push(`the column "${name}" appears twice: the add-on does not read it`);
  }
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const col of spec.columns) {
    let at = -1;
    for (const name of [col.name, ...(col.aliases ?? [])]) {
      const p = positions.get(normalizeHeaderName(name));
      if (p !== undefined) {
        at = p;
        break;
      }
    }
    index[col.key] = at;
    if (at < 0 && col.required) missing.push(col.name);
  }
  if (missing.length > 0) {
    throw new InputError(
      `this file looks like the ${spec.label} report (${spec.type}) but lacks the column${missing.length > 1 ? 's' : ''} ` +
        `${missing.join(', ')}. Expected columns: ${expectedList(spec)}`,
      headerLine,
    );
  }
  return { type: spec.type, index, warnings };
}
