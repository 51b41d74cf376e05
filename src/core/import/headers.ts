/**
 * Headers of the sheets imports write (spec §3). `FBA Ledger` uses LEDGER_HEADERS from
 * ../ledger/types. In every one of these sheets Source and Key are the last two columns.
 */
import { SUMMARY_FIGURE_COLUMNS, MYI_QUANTITY_COLUMNS } from '../reports/detect';

/** The summary's figures, in the report's order. */
export const SUMMARY_FIGURE_HEADERS = SUMMARY_FIGURE_COLUMNS.map((c) => c.name) as readonly string[];

export const AMAZON_SUMMARY_HEADERS: readonly string[] = [
  'Month', 'Location', 'MSKU', 'FNSKU', 'Disposition', ...SUMMARY_FIGURE_HEADERS, 'Source', 'Key',
];

export const AMAZON_RECEIPTS_HEADERS: readonly string[] = [
  'Date', 'Location', 'Shipment ID', 'MSKU', 'Quantity', 'Source', 'Key',
];

export const INVENTORY_QUANTITY_HEADERS = MYI_QUANTITY_COLUMNS.map((c) => c.name) as readonly string[];

export const AMAZON_INVENTORY_HEADERS: readonly string[] = [
  'Snapshot date', 'Location', 'MSKU', 'FNSKU', ...INVENTORY_QUANTITY_HEADERS, 'Source', 'Key',
];

export const IMPORT_LOG_HEADERS: readonly string[] = [
  'Time', 'Source', 'Report type', 'Location', 'Data start', 'Data end', 'Event types', 'Rows read', 'Rows written',
  'Rows replaced', 'Rows skipped', 'Warnings', 'Status',
];
