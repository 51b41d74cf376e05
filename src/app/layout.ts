/**
 * The workbook's sheets (spec §3): names, headers and column formats. `setupWorkbook` creates
 * them from this table, and every reader checks a sheet's header row against it.
 */
import { EVENTS, LEDGER_HEADERS } from '../core/ledger/types';

export const TEXT = '@';
export const DATE = 'yyyy-mm-dd';
export const TIME = 'yyyy-mm-dd hh:mm:ss';
export const INT = '0';

export interface SheetLayout {
  name: string;
  headers: readonly string[];
  /** Number format per column (same length as headers). */
  formats: readonly string[];
  /** Column (1-based) → dropdown values. */
  lists?: Record<number, readonly string[]>;
  hidden?: boolean;
}

function layout(name: string, columns: ReadonlyArray<readonly [string, string]>, extra: Partial<SheetLayout> = {}): SheetLayout {
  return { name, headers: columns.map((c) => c[0]), formats: columns.map((c) => c[1]), ...extra };
}

export const LEDGER_SHEET = 'FBA Ledger';
export const KITS_SHEET = 'Kits';
export const LOCATIONS_SHEET = 'Locations';
export const SUMMARY_SHEET = 'Amazon Summary';
export const RECEIPTS_SHEET = 'Amazon Receipts';
export const INVENTORY_SHEET = 'Amazon Inventory';
export const RECONCILIATION_SHEET = 'Reconciliation';
export const IMPORT_LOG_SHEET = 'Import Log';
export const LOTS_SHEET = 'Lots';

const LEDGER_FORMATS: Record<(typeof LEDGER_HEADERS)[number], string> = {
  Date: DATE, Event: TEXT, SKU: TEXT, Lot: TEXT, Quantity: INT, Expiry: DATE, Location: TEXT,
  Disposition: TEXT, Reason: TEXT, Reference: TEXT, Source: TEXT, Key: TEXT,
};

export const LEDGER = layout(LEDGER_SHEET, LEDGER_HEADERS.map((h) => [h, LEDGER_FORMATS[h]] as const), {
  lists: { 2: EVENTS },
});

export const KITS = layout(KITS_SHEET, [['Amazon SKU', TEXT], ['Component SKU', TEXT], ['Units per kit', INT]]);

export const LOCATIONS = layout(LOCATIONS_SHEET, [['Country', TEXT], ['Location', TEXT]]);

/** Spec §3: the usual pools, filled by setup. */
export const DEFAULT_LOCATIONS: ReadonlyArray<readonly [string, string]> = [
  ['US', 'FBA-US'], ['CA', 'FBA-CA'], ['MX', 'FBA-MX'], ['BR', 'FBA-BR'], ['GB', 'FBA-UK'],
  ['DE', 'FBA-EU'], ['FR', 'FBA-EU'], ['IT', 'FBA-EU'], ['ES', 'FBA-EU'], ['NL', 'FBA-EU'],
  ['PL', 'FBA-EU'], ['SE', 'FBA-EU'], ['BE', 'FBA-EU'], ['CZ', 'FBA-EU'], ['IE', 'FBA-EU'],
  ['IN', 'FBA-IN'], ['JP', 'FBA-JP'], ['AU', 'FBA-AU'], ['SG', 'FBA-SG'],
];

export const SUMMARY_FIGURES = [
  'Starting Warehouse Balance', 'In Transit Between Warehouses', 'Receipts', 'Customer Shipments',
  'Customer Returns', 'Vendor Returns', 'Warehouse Transfer In/Out', 'Found', 'Lost', 'Damaged',
  'Disposed', 'Other Events', 'Ending Warehouse Balance', 'Unknown Events',
] as const;

export const SUMMARY = layout(SUMMARY_SHEET, [
  ['Month', TEXT], ['Location', TEXT], ['MSKU', TEXT], ['FNSKU', TEXT], ['Disposition', TEXT],
  ...SUMMARY_FIGURES.map((f) => [f, INT] as const),
  ['Source', TEXT], ['Key', TEXT],
]);

export const RECEIPTS = layout(RECEIPTS_SHEET, [
  ['Date', DATE], ['Location', TEXT], ['Shipment ID', TEXT], ['MSKU', TEXT], ['Quantity', INT], ['Source', TEXT], ['Key', TEXT],
]);

export const INVENTORY_QUANTITIES = [
  'afn-warehouse-quantity', 'afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity',
  'afn-total-quantity', 'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity',
] as const;

export const INVENTORY = layout(INVENTORY_SHEET, [
  ['Snapshot date', DATE], ['Location', TEXT], ['MSKU', TEXT], ['FNSKU', TEXT],
  ...INVENTORY_QUANTITIES.map((q) => [q, INT] as const),
  ['Source', TEXT], ['Key', TEXT],
]);

export const RECONCILIATION = layout(RECONCILIATION_SHEET, [
  ['Month', TEXT], ['Location', TEXT], ['SKU', TEXT],
  ['Opening', INT], ['Transfers', INT], ['Shipments', INT], ['Returns', INT], ['Removals', INT], ['Adjustments', INT],
  ['Reconciliation', INT], ['Closing', INT],
  ['Amazon starting', INT], ['Amazon receipts', INT], ['Amazon shipments', INT], ['Amazon returns', INT],
  ['Amazon removals', INT], ['Amazon adjustments', INT], ['Amazon ending', INT],
  ['Amazon in transit between warehouses', INT], ['Inbound in transit', INT], ['Variance', INT],
  ['Cause', TEXT], ['Status', TEXT], ['Closed at', TIME], ['Fingerprint', TEXT],
]);

export const IMPORT_LOG = layout(IMPORT_LOG_SHEET, [
  ['Time', TIME], ['Source', TEXT], ['Report type', TEXT], ['Location', TEXT], ['Data start', DATE], ['Data end', DATE],
  ['Event types', TEXT], ['Rows read', INT], ['Rows written', INT], ['Rows replaced', INT], ['Rows skipped', INT],
  ['Warnings', TEXT], ['Status', TEXT],
]);

/** Every sheet setup creates, in tab order. */
export const WORKBOOK: readonly SheetLayout[] = [
  LEDGER, KITS, LOCATIONS, SUMMARY, RECEIPTS, INVENTORY, RECONCILIATION, IMPORT_LOG,
];

export const NAMED_RANGES = [
  { name: 'FBA_LEDGER', sheet: LEDGER_SHEET, a1: 'A:L' },
  { name: 'FBA_KITS', sheet: KITS_SHEET, a1: 'A:C' },
] as const;

/** 1-based column of a header in a layout. */
export function col(l: SheetLayout, header: string): number {
  const i = l.headers.indexOf(header);
  if (i < 0) throw new Error(`${l.name} has no column ${header}`);
  return i + 1;
}
