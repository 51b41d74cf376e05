/** A small seller used by the emulator's tests. The default virtual clock starts 2026-11-02T15:00Z. */
import { VirtualClock } from '../fakes/clock';
import { ledgerEvent, myiRow, summaryRow, type SellerDataset } from './dataset';
import { MARKETPLACE_IDS } from './marketplaces';
import { SpApiEmulator, type SpApiEmulatorOptions } from './spapi';

export const US = MARKETPLACE_IDS.US;
export const CA = MARKETPLACE_IDS.CA;
export const DE = MARKETPLACE_IDS.DE;
export const FR = MARKETPLACE_IDS.FR;
export const UK = MARKETPLACE_IDS.UK;
export const IN = MARKETPLACE_IDS.IN;
export const JP = MARKETPLACE_IDS.JP;

export const OCTOBER = { dataStartTime: '2026-10-01T00:00:00Z', dataEndTime: '2026-10-31T23:59:59Z' };

export function sampleDataset(): SellerDataset {
  return {
    ledgerEvents: [
      ledgerEvent({ dateTime: '2026-09-30T23:30:00-07:00', referenceId: '111-0000001-0000001', quantity: -1 }),
      ledgerEvent({ dateTime: '2026-10-03T10:15:00-07:00', referenceId: '111-1234567-7654321', quantity: -2 }),
      ledgerEvent({
        dateTime: '2026-10-04T08:00:00-07:00',
        eventType: 'Receipts',
        referenceId: 'FBA15XYZ1234',
        quantity: 120,
        title: 'Widget, "Deluxe" 12\u2033 \u2014 caf\u00e9 edition \u20ac',
      }),
      ledgerEvent({ dateTime: '2026-10-05T12:00:00-0700', eventType: 'CustomerReturns', referenceId: '111-1234567-7654321', quantity: 1, disposition: 'CUSTOMER_DAMAGED' }),
      ledgerEvent({
        dateTime: '2026-10-06T09:00:00-07:00',
        eventType: 'Adjustments',
        referenceId: 'ADJ-9',
        quantity: -1,
        reason: 'M',
        reconciledQuantity: 0,
        unreconciledQuantity: 1,
      }),
      ledgerEvent({ dateTime: '2026-10-31T23:30:00-07:00', referenceId: '111-9999999-0000001', quantity: -1 }),
      // Pan-European stock stored in DE and FR.
      ledgerEvent({ dateTime: '2026-10-07T11:00:00+02:00', msku: 'EU-SKU', country: 'DE', fulfillmentCenter: 'LEJ1', referenceId: '302-1111111-1111111', quantity: -1 }),
      ledgerEvent({ dateTime: '2026-10-08T11:00:00+02:00', msku: 'EU-SKU', country: 'FR', fulfillmentCenter: 'ORY1', referenceId: '402-2222222-2222222', quantity: -3 }),
      ledgerEvent({ dateTime: '2026-10-09T11:00:00+01:00', msku: 'UK-SKU', country: 'GB', fulfillmentCenter: 'LTN1', referenceId: '202-3333333-3333333', quantity: -1 }),
    ],
    ledgerSummary: [
      summaryRow({ date: '2026-10-01', fulfillmentCenter: 'PHX7', startingWarehouseBalance: 10, receipts: 120, customerShipments: -4, customerReturns: 1, lost: -1 }),
      summaryRow({ date: '2026-10-01', fulfillmentCenter: 'ONT8', startingWarehouseBalance: 5, customerShipments: -1 }),
      summaryRow({ date: '2026-10-01', disposition: 'CUSTOMER_DAMAGED', fulfillmentCenter: 'PHX7', customerReturns: 1 }),
      summaryRow({ date: '2026-09-01', startingWarehouseBalance: 3, customerShipments: -1 }),
      summaryRow({ period: 'DAILY', date: '2026-10-03', fulfillmentCenter: 'PHX7', startingWarehouseBalance: 10, customerShipments: -2 }),
      summaryRow({ date: '2026-10-01', msku: 'EU-SKU', country: 'DE', startingWarehouseBalance: 7, customerShipments: -1 }),
    ],
    inventory: [
      myiRow({ sku: 'SKU-1', productName: 'Widget', yourPrice: 19.99, afnFulfillableQuantity: 126, afnReservedQuantity: 2, afnInboundShippedQuantity: 40, country: 'US' }),
      myiRow({ sku: 'SKU-2', fnsku: 'X00TESTFN2', asin: 'B00TESTAS2', productName: 'Gadget', afnFulfillableQuantity: 0, country: 'US' }),
      myiRow({ sku: 'EU-SKU', fnsku: 'X00TESTFN3', asin: 'B00TESTAS3', productName: 'Euro widget', afnFulfillableQuantity: 8, country: 'DE' }),
    ],
  };
}

export function setup(options: Partial<SpApiEmulatorOptions> = {}): { clock: VirtualClock; emulator: SpApiEmulator } {
  const clock = options.clock ?? new VirtualClock();
  const emulator = new SpApiEmulator({ dataset: sampleDataset(), ...options, clock });
  return { clock, emulator };
}
