import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/days';
import { locationMapFromValues, mapDetail, mergeDetailDownloads } from '../../../src/core/import/detail';
import { rowKeyMatches } from '../../../src/core/import/keys';
import { parseReport, type DetailReport } from '../../../src/core/reports/parse';
import { fixture, gunzip } from '../reports/helpers';
import { jan, LOCATIONS, rec } from './helpers';

const opts = { locations: LOCATIONS, source: 'file:test.tsv' };

describe('event mapping', () => {
  it('Shipments → SHIPMENT, CustomerReturns → RETURN, VendorReturns → REMOVAL, Adjustments → ADJUSTMENT (Reason kept)', () => {
    const m = mapDetail([
      rec({ day: jan(1), eventType: 'Shipments', quantity: -1 }),
      rec({ day: jan(1), eventType: 'CustomerReturns', quantity: 1 }),
      rec({ day: jan(1), eventType: 'VendorReturns', quantity: -2, referenceId: 'R1' }),
      rec({ day: jan(1), eventType: 'Adjustments', quantity: -1, reason: 'M' }),
    ], opts);
    expect(m.ledgerRows.map((r) => [r.event, r.quantity, r.reason])).toEqual([
      ['SHIPMENT', -1, ''], ['RETURN', 1, ''], ['REMOVAL', -2, ''], ['ADJUSTMENT', -1, 'M'],
    ]);
  });

  it('an unknown event type becomes ADJUSTMENT with Reason event:<type>', () => {
    const m = mapDetail([rec({ day: jan(1), eventType: 'Liquidations', quantity: -2, reason: 'X' })], opts);
    expect(m.ledgerRows[0]).toMatchObject({ event: 'ADJUSTMENT', reason: 'event:Liquidations', quantity: -2 });
  });

  it('Receipts go to Amazon Receipts (summed per day, location, shipment, MSKU); WhseTransfers are skipped', () => {
    const m = mapDetail([
      rec({ day: jan(2), eventType: 'Receipts', quantity: 60, referenceId: 'FBA1', fulfillmentCenter: 'PHX7' }),
      rec({ day: jan(2), eventType: 'Receipts', quantity: 40, referenceId: 'FBA1', fulfillmentCenter: 'ONT8' }),
      rec({ day: jan(2), eventType: 'Receipts', quantity: 5, referenceId: 'FBA2' }),
      rec({ day: jan(3), eventType: 'WhseTransfers', quantity: -5 }),
      rec({ day: jan(3), eventType: 'WhseTransfers', quantity: 5 }),
    ], opts);
    expect(m.ledgerRows).toEqual([]);
    expect(m.receiptSheetRows.map((r) => r.values.slice(0, 5))).toEqual([
      [jan(2), 'FBA-US', 'FBA1', 'SKU-A', 100], [jan(2), 'FBA-US', 'FBA2', 'SKU-A', 5],
    ]);
    expect(m.receiptSheetRows[0].values[5]).toBe('file:test.tsv');
    expect(m.skipped.whseTransfers).toBe(2);
  });
});

describe('ledger rows written', () => {
  it('have Date as a Day, Lot UNSPECIFIED, Expiry blank, Source and a matching Key', () => {
    const m = mapDetail([rec({ day: jan(5), eventType: 'Shipments', quantity: -1, referenceId: '111-1', disposition: 'SELLABLE' })], opts);
    const v = m.ledgerSheetRows[0].values;
    // The order ID is not part of the compaction key: a shipment row keeps no Reference.
    expect(v.slice(0, 11)).toEqual([jan(5), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', '', '', 'file:test.tsv']);
    expect(rowKeyMatches(v)).toBe(true);
    expect(m.ledgerRows[0]).toMatchObject({ day: jan(5), event: 'SHIPMENT', sku: 'SKU-A', lot: null, expiry: null, key: v[11] });
  });

  it('guard Amazon text that could be a formula', () => {
    const m = mapDetail([rec({ day: jan(5), eventType: 'VendorReturns', quantity: -1, msku: '=cmd|x', disposition: '+M', referenceId: '@ref' })], opts);
    const v = m.ledgerSheetRows[0].values;
    expect([v[2], v[7], v[9], v[4]]).toEqual(["'=cmd|x", "'+M", "'@ref", -1]);
    expect(rowKeyMatches(v)).toBe(true);
  });
});

describe('locations', () => {
  it('come from Country through the map; an unmapped country becomes FBA-<country> and is reported', () => {
    const m = mapDetail([
      rec({ day: jan(1), eventType: 'Shipments', quantity: -1, country: 'DE' }),
      rec({ day: jan(1), eventType: 'Shipments', quantity: -1, country: 'PL' }),
      rec({ day: jan(1), eventType: 'Shipments', quantity: -1, country: '' }),
    ], { ...opts, defaultLocation: 'FBA-CA' });
    expect(m.ledgerRows.map((r) => r.location)).toEqual(['FBA-CA', 'FBA-EU', 'FBA-PL']);
    expect([...m.newCountries]).toEqual([['PL', 'FBA-PL']]);
    expect(m.locations).toEqual(['FBA-CA', 'FBA-EU', 'FBA-PL']);
  });

  it('reads a Locations sheet, header and blanks included', () => {
    const map = locationMapFromValues([['Country', 'Location'], ['us', ' FBA-US '], ['', ''], ['DE', 'FBA-EU'], ['XX', '']]);
    expect([...map]).toEqual([['US', 'FBA-US'], ['DE', 'FBA-EU']]);
  });
});

describe('merging downloads', () => {
  it('counts an event seen through several marketplaces once; the k-th identical row of one download is the k-th of another', () => {
    const de = (parseReport(fixture('detail-pan-eu-de.tsv'), gunzip) as DetailReport).records;
    const fr = (parseReport(fixture('detail-pan-eu-fr.tsv'), gunzip) as DetailReport).records;
    const merged = mergeDetailDownloads([de, fr]);
    // DE: 2 identical LEJ1 shipments + FR shipment + M adjustment + DE-only. FR: 3 identical LEJ1 shipments (one more) + the rest.
    expect(merged.records).toHaveLength(6);
    expect(merged.duplicates).toBe(4);
    const m = mapDetail(merged.records, opts, merged.duplicates);
    expect(m.rowsRead).toBe(10);
    const feb10 = m.ledgerRows.find((r) => r.day === dayFromYmd(2025, 2, 10));
    expect(feb10?.quantity).toBe(-4);
    expect(mergeDetailDownloads([fr, de]).records).toHaveLength(6);
  });

  it('keeps identical rows within one download', () => {
    const a = rec({ day: jan(1), eventType: 'Shipments', quantity: -1 });
    const m = mergeDetailDownloads([[a, { ...a }]]);
    expect(m.records).toHaveLength(2);
  });
});

describe('requested days', () => {
  it('drop rows outside (fetches are padded a day each side)', () => {
    const m = mapDetail([
      rec({ day: jan(1), eventType: 'Shipments', quantity: -1 }),
      rec({ day: jan(2), eventType: 'Shipments', quantity: -2 }),
      rec({ day: jan(4), eventType: 'Shipments', quantity: -4 }),
    ], { ...opts, days: { first: jan(2), last: jan(3) } });
    expect(m.ledgerRows.map((r) => r.quantity)).toEqual([-2]);
    expect(m.skipped.outsideDays).toBe(2);
    expect([m.firstDay, m.lastDay]).toEqual([jan(2), jan(2)]);
  });
});

describe('compaction', () => {
  it('sums per Date × Location × Event × MSKU × Disposition × Reason, REMOVAL also per Reference', () => {
    const m = mapDetail([
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1, referenceId: 'o1', fulfillmentCenter: 'PHX7' }),
      rec({ day: jan(3), eventType: 'Shipments', quantity: -2, referenceId: 'o2', fulfillmentCenter: 'ONT8' }),
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1, referenceId: 'o3', disposition: 'DEFECTIVE' }),
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1, referenceId: 'o4', msku: 'SKU-B' }),
      rec({ day: jan(3), eventType: 'VendorReturns', quantity: -1, referenceId: 'R1' }),
      rec({ day: jan(3), eventType: 'VendorReturns', quantity: -1, referenceId: 'R1' }),
      rec({ day: jan(3), eventType: 'VendorReturns', quantity: -3, referenceId: 'R2' }),
      rec({ day: jan(3), eventType: 'Adjustments', quantity: -1, reason: 'M', referenceId: 'a1' }),
      rec({ day: jan(3), eventType: 'Adjustments', quantity: -1, reason: 'M', referenceId: 'a2' }),
      rec({ day: jan(3), eventType: 'Adjustments', quantity: 1, reason: 'F', referenceId: 'a3' }),
      rec({ day: jan(4), eventType: 'Shipments', quantity: -1, referenceId: 'o5' }),
    ], opts);
    expect(m.ledgerRows.map((r) => [r.day - jan(0), r.event, r.sku, r.disposition, r.reason, r.reference, r.quantity])).toEqual([
      [3, 'SHIPMENT', 'SKU-A', 'DEFECTIVE', '', '', -1],
      [3, 'SHIPMENT', 'SKU-A', 'SELLABLE', '', '', -3],
      [3, 'SHIPMENT', 'SKU-B', 'SELLABLE', '', '', -1],
      [3, 'REMOVAL', 'SKU-A', 'SELLABLE', '', 'R1', -2],
      [3, 'REMOVAL', 'SKU-A', 'SELLABLE', '', 'R2', -3],
      [3, 'ADJUSTMENT', 'SKU-A', 'SELLABLE', 'F', '', 1],
      [3, 'ADJUSTMENT', 'SKU-A', 'SELLABLE', 'M', '', -2],
      [4, 'SHIPMENT', 'SKU-A', 'SELLABLE', '', '', -1],
    ]);
  });

  it('does not write groups that sum to zero (their rows count as skipped)', () => {
    const m = mapDetail([
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1 }),
      rec({ day: jan(3), eventType: 'Shipments', quantity: 1 }),
    ], opts);
    expect(m.ledgerRows).toEqual([]);
    expect(m.skipped.netZero).toBe(2);
  });

  it('a busy seller’s year stays small: one row per day × SKU × disposition', () => {
    const records = [];
    for (let d = 1; d <= 31; d++) for (let o = 0; o < 50; o++) records.push(rec({ day: jan(d), eventType: 'Shipments', quantity: -1, referenceId: `o${d}-${o}`, msku: o % 2 ? 'SKU-A' : 'SKU-B' }));
    const m = mapDetail(records, opts);
    expect(m.ledgerRows).toHaveLength(62);
    expect(m.ledgerRows.every((r) => r.quantity === -25 && r.reference === '')).toBe(true);
  });
});
