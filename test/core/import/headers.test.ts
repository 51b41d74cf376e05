import { describe, expect, it } from 'vitest';
import {
  AMAZON_INVENTORY_HEADERS, AMAZON_RECEIPTS_HEADERS, AMAZON_SUMMARY_HEADERS, IMPORT_LOG_HEADERS,
} from '../../../src/core/import/headers';
import { INVENTORY_KIND, LEDGER_KIND, RECEIPTS_KIND, SUMMARY_KIND } from '../../../src/core/import/keys';

describe('sheet headers (spec §3, a public contract)', () => {
  it('are exactly the spec’s', () => {
    expect(AMAZON_SUMMARY_HEADERS).toEqual([
      'Month', 'Location', 'MSKU', 'FNSKU', 'Disposition', 'Starting Warehouse Balance', 'In Transit Between Warehouses',
      'Receipts', 'Customer Shipments', 'Customer Returns', 'Vendor Returns', 'Warehouse Transfer In/Out', 'Found', 'Lost',
      'Damaged', 'Disposed', 'Other Events', 'Ending Warehouse Balance', 'Unknown Events', 'Source', 'Key',
    ]);
    expect(AMAZON_RECEIPTS_HEADERS).toEqual(['Date', 'Location', 'Shipment ID', 'MSKU', 'Quantity', 'Source', 'Key']);
    expect(AMAZON_INVENTORY_HEADERS).toEqual([
      'Snapshot date', 'Location', 'MSKU', 'FNSKU', 'afn-warehouse-quantity', 'afn-fulfillable-quantity',
      'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-total-quantity', 'afn-inbound-working-quantity',
      'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity', 'Source', 'Key',
    ]);
    expect(IMPORT_LOG_HEADERS).toEqual([
      'Time', 'Source', 'Report type', 'Location', 'Data start', 'Data end', 'Event types', 'Rows read', 'Rows written',
      'Rows replaced', 'Rows skipped', 'Warnings', 'Status',
    ]);
  });

  it('each sheet kind keys every column but Source and Key', () => {
    for (const k of [LEDGER_KIND, RECEIPTS_KIND, SUMMARY_KIND, INVENTORY_KIND]) {
      expect(k.columns.length, k.name).toBe(k.headers.length - 2);
      expect(k.headers.slice(-2)).toEqual(['Source', 'Key']);
    }
  });
});
