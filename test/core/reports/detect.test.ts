import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { DETAIL_REPORT, detectReport, MYI_REPORT, normalizeHeaderName, SUMMARY_REPORT } from '../../../src/core/reports/detect';
import { thrown } from './helpers';

const SPACED = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];

describe('header names', () => {
  it('normalise case, spaces, underscores, hyphens', () => {
    for (const n of ['Event Type', 'EventType', 'event_type', 'EVENT-TYPE', ' event  type ']) expect(normalizeHeaderName(n)).toBe('eventtype');
    expect(normalizeHeaderName('Reference ID')).toBe(normalizeHeaderName('ReferenceId'));
    expect(normalizeHeaderName('Warehouse Transfer In/Out')).toBe(normalizeHeaderName('WarehouseTransferIn/Out'));
  });
});

describe('detectReport', () => {
  it('recognises the detail report with spaced names and finds columns by name', () => {
    const h = detectReport(SPACED);
    expect(h.type).toBe(DETAIL_REPORT);
    expect(h.index.eventType).toBe(5);
    expect(h.index.referenceId).toBe(6);
    expect(h.index.fulfillmentCenter).toBe(8);
    expect(h.index.store).toBe(-1);
  });

  it('accepts the documented compact names, Reference Id, a Store column, reordering and unknown columns', () => {
    const compact = ['MSKU', 'Quantity', 'EventType', 'Date', 'Reference Id', 'FulfillmentCenter', 'Country', 'Brand New Column', 'Store'];
    const h = detectReport(compact);
    expect(h.type).toBe(DETAIL_REPORT);
    expect(h.index).toMatchObject({ msku: 0, quantity: 1, eventType: 2, date: 3, referenceId: 4, fulfillmentCenter: 5, country: 6, store: 8 });
  });

  it('recognises the summary (spaced or compact names) and MYI', () => {
    const summary = [
      'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Disposition', 'Starting Warehouse Balance', 'In Transit Between Warehouses',
      'Receipts', 'Customer Shipments', 'Customer Returns', 'Vendor Returns', 'Warehouse Transfer In/Out', 'Found', 'Lost',
      'Damaged', 'Disposed', 'Other Events', 'Ending Warehouse Balance', 'Unknown Events', 'Location', 'Store',
    ];
    expect(detectReport(summary).type).toBe(SUMMARY_REPORT);
    expect(detectReport(summary.map((s) => s.replace(/ /g, ''))).index.warehouseTransferInOut).toBe(12);
    expect(detectReport(['sku', 'fnsku', 'afn-warehouse-quantity', 'afn-fulfillable-quantity', 'afn-unsellable-quantity',
      'afn-reserved-quantity', 'afn-total-quantity', 'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity',
      'afn-inbound-receiving-quantity']).type).toBe(MYI_REPORT);
  });

  it('refuses an unknown header naming the columns expected for each report type', () => {
    const e = thrown(() => detectReport(['amazon-order-id', 'sku', 'quantity']));
    expect(e).toBeInstanceOf(InputError);
    expect(e.row).toBe(1);
    for (const part of [
      '"amazon-order-id"', 'GET_LEDGER_DETAIL_VIEW_DATA', 'Event Type', 'GET_LEDGER_SUMMARY_VIEW_DATA',
      'Ending Warehouse Balance', 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'afn-warehouse-quantity',
    ]) expect(e.message).toContain(part);
  });

  it('names the missing columns of a known report', () => {
    const e = thrown(() => detectReport(['Date', 'Event Type', 'Quantity']));
    expect(e.message).toMatch(/Detailed view .* lacks the column MSKU/);
  });

  it('refuses a column it reads that appears twice, and warns about one it does not read', () => {
    const e = thrown(() => detectReport([...SPACED, 'MSKU']));
    expect(e.message).toMatch(/the column "MSKU" appears twice in the header/);
    const h = detectReport([...SPACED, 'Unused Column', 'unused column']);
    expect(h.warnings[0]).toMatch(/"unused column" appears twice: the add-on does not read it/);
  });
});
