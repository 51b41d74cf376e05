/** The query API the custom functions and the sidebar call (spec §4 balances, §5, §8 Inventory). */
import { describe, expect, it } from 'vitest';
import { utcDays } from '../../../src/core/days';
import { InputError } from '../../../src/core/errors';
import { LOTS_HEADER, LotLedger, parseMethod } from '../../../src/core/ledger/engine';
import { readKits } from '../../../src/core/ledger/kits';
import { readLedger } from '../../../src/core/ledger/read';
import { day, engine, HEADER, row } from './helpers';

const KITS = [
  ['Amazon SKU', 'Component SKU', 'Units per kit'],
  ['B-2PK', 'b', 2],
  ['LISTING-9', '123', 1],
];

function sample(): LotLedger {
  return engine(
    [
      row(1, 'TRANSFER', 'B', 'L2', 4, { expiry: '2026-01-01' }),
      row(1, 'TRANSFER', 'B', 'L1', 4, { expiry: '2026-06-01' }),
      row(1, 'TRANSFER', 'B-2PK', 'L3', 2, { location: 'FBA-CA' }),
      row(2, 'TRANSFER', 'a', 'X', 3, { location: 'fba-ca' }),
      row(2, 'OPENING', 'A', '', 2, { location: 'FBA-CA' }),
      row(3, 'SHIPMENT', 'B', '', -5),
      row(3, 'SHIPMENT', 'LISTING-9', '', -1),
      row(3, 'TRANSFER', 123, 'S1', 2),
      row(4, 'TRANSFER', 'B', 'L1', -1, { reference: 'FBA-FIX' }),
    ],
    KITS,
  );
}

describe('FBA_LOTS table', () => {
  it('lists each location, then SKU, then lots in charge order, one UNSPECIFIED row per location × SKU last', () => {
    const t = sample().lotsTable();
    expect(t.header).toEqual(LOTS_HEADER);
    expect(t.header).toEqual(['Location', 'SKU', 'Lot', 'Expiry', 'Sent', 'Recorded balance', 'Estimated remaining', 'Min', 'Max']);
    expect(t.rows).toEqual([
      ['FBA-CA', 'a', 'X', null, 3, 3, 3, 3, 3],
      ['FBA-CA', 'a', 'UNSPECIFIED', null, 2, 2, 2, '', ''],
      ['FBA-CA', 'B', 'L3', null, 4, 4, 4, 4, 4],
      ['FBA-CA', 'B', 'UNSPECIFIED', null, 0, 0, 0, '', ''],
      ['FBA-US', '123', 'S1', null, 2, 2, 1, 1, 1],
      ['FBA-US', '123', 'UNSPECIFIED', null, 0, -1, 0, '', ''],
      ['FBA-US', 'B', 'L2', day(366), 4, 4, 0, 0, 2],
      ['FBA-US', 'B', 'L1', day(517), 3, 3, 2, 0, 2],
      ['FBA-US', 'B', 'UNSPECIFIED', null, 0, -5, 0, '', ''],
    ]);
  });

  it('filters one location (case-insensitive) and orders lots by the method', () => {
    const e = sample();
    expect(e.lotsTable({ location: 'fba-us', method: 'FEFO' }).rows.map((r) => r.slice(0, 3).concat(r[6]))).toEqual([
      ['FBA-US', '123', 'S1', 1],
      ['FBA-US', '123', 'UNSPECIFIED', 0],
      ['FBA-US', 'B', 'L2', 0],
      ['FBA-US', 'B', 'L1', 2],
      ['FBA-US', 'B', 'UNSPECIFIED', 0],
    ]);
    // MIN and MAX list in FIFO order and show their own figure as the estimate.
    const max = e.lotsTable({ location: 'FBA-US', method: 'MAX' }).rows;
    expect(max.filter((r) => r[1] === 'B').map((r) => [r[2], r[6]])).toEqual([
      ['L2', 2],
      ['L1', 2],
      ['UNSPECIFIED', 0],
    ]);
    expect(e.lotsTable({ location: 'FBA-MX' }).rows).toEqual([]);
  });

  it('orders lots that arrived the same day by expiry then name for FIFO; FEFO puts lots without expiry last', () => {
    const e = engine([
      row(2, 'TRANSFER', 'S', 'Z', 1),
      row(2, 'TRANSFER', 'S', 'Y', 1, { expiry: '2027-01-01' }),
      row(1, 'TRANSFER', 'S', 'W', 1),
      row(3, 'TRANSFER', 'S', 'V', 1, { expiry: '2026-01-01' }),
    ]);
    expect(e.lotsTable().rows.map((r) => r[2])).toEqual(['W', 'Y', 'Z', 'V', 'UNSPECIFIED']);
    expect(e.lotsTable({ method: 'FEFO' }).rows.map((r) => r[2])).toEqual(['V', 'Y', 'W', 'Z', 'UNSPECIFIED']);
  });
});

describe('single-value queries', () => {
  it('on hand, balance, sent and remaining in component units; an Amazon SKU maps to its component', () => {
    const e = sample();
    expect(e.onHand('B')).toBe(8 - 5 - 1 + 4);
    expect(e.onHand('b-2pk')).toBe(e.onHand('B'));
    expect(e.onHand('B', { location: 'FBA-CA' })).toBe(4);
    expect(e.onHand(123)).toBe(1);
    expect(e.onHand('LISTING-9')).toBe(1);
    expect(e.onHand('NOPE')).toBe(0);
    expect(e.lotBalance('B', 'L1')).toBe(3);
    expect(e.lotBalance('B', 'unspecified')).toBe(-5);
    expect(e.lotBalance('a', 'UNSPECIFIED', { location: 'FBA-CA' })).toBe(2);
    expect(e.lotSent('B', 'L1')).toBe(3);
    expect(e.lotSent('A', 'UNSPECIFIED')).toBe(2);
    expect(e.lotRemaining('B', 'l1')).toBe(2);
    expect(e.lotRemaining('B', 'L1', { method: 'MIN' })).toBe(0);
    expect(e.lotRemaining('B', 'L1', { method: 'MAX' })).toBe(2);
    expect(e.lotRemaining('B', 'L3')).toBe(4);
    expect(e.lotRemaining('B', 'NOPE')).toBe(0);
    expect(e.lotRemaining('B', 'L1', { asOf: day(3) })).toBe(3);
  });

  it('rejects a blank SKU and a bad method', () => {
    expect(() => sample().onHand('')).toThrow(InputError);
    expect(parseMethod('')).toBe('FIFO');
    expect(parseMethod(undefined)).toBe('FIFO');
    expect(parseMethod(' fefo ')).toBe('FEFO');
    expect(parseMethod('max')).toBe('MAX');
    expect(() => parseMethod('LIFO')).toThrow('method must be FIFO, FEFO, MIN or MAX (not "LIFO")');
  });

  it('ignores zero-quantity rows', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(1, 'TRANSFER', 'S', 'Z', 0, { expiry: '2020-01-01' }), row(2, 'SHIPMENT', 'S', '', 0)]);
    expect(e.lotsTable().rows.map((r) => r[2])).toEqual(['A', 'UNSPECIFIED']);
  });
});

describe('inventory summary', () => {
  it('per location × SKU: on hand sellable/unsellable, lots with every figure, UNSPECIFIED parts, kits', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'B-2PK', 'L1', 5, { expiry: '2026-01-01' }),
        row(1, 'TRANSFER', 'B', 'L2', 3),
        row(2, 'SHIPMENT', 'B-2PK', '', -2),
        row(3, 'RETURN', 'B-2PK', '', 1, { disposition: 'CUSTOMER_DAMAGED' }),
        row(3, 'SHIPMENT', 'B', '', -4),
      ],
      KITS,
    );
    const inv = e.inventory({ sku: 'B-2PK' });
    expect(inv.method).toBe('FIFO');
    expect(inv.asOf).toBeNull();
    expect(inv.items).toHaveLength(1);
    const item = inv.items[0];
    expect(item).toMatchObject({ location: 'FBA-US', sku: 'B', onHand: 10 - 4 + 2 + 3 - 4, sellable: 10 - 4 + 3 - 4, unsellable: 2, unreliable: true });
    expect(item.lots).toEqual([
      { lot: 'L1', expiry: day(366), arrival: day(1), sent: 10, recorded: 10, fifo: 8, fefo: 8, min: 8, max: 8, estimate: 8 },
      { lot: 'L2', expiry: null, arrival: day(1), sent: 3, recorded: 3, fifo: 0, fefo: 0, min: 0, max: 0, estimate: 0 },
    ]);
    expect(item.unspecified).toEqual({ figure: -1, unknownLotStock: 0, unallocatedDepletion: 1, unchargedNet: 0, recorded: -6, sent: 0 });
    // The returned pack is CUSTOMER_DAMAGED: not sellable.
    expect(item.kits).toEqual([{ amazonSku: 'B-2PK', unitsPerKit: 2, available: 3 }]);
    expect(item.warnings).toEqual(['B at FBA-US: estimates unreliable: record the missing TRANSFER or OPENING']);
    expect(inv.warnings).toContain('B at FBA-US: estimates unreliable: record the missing TRANSFER or OPENING');
  });

  it('passes on spelling warnings, the Kits against the ledger included', () => {
    const { rows, warnings } = readLedger(
      [HEADER, row(1, 'TRANSFER', 'B', 'lot1', 1), row(1, 'TRANSFER', 'b', 'LOT1', 1), row(1, 'TRANSFER', 'listing-9', 'x', 1)],
      utcDays,
    );
    const e = new LotLedger(rows, readKits(KITS), warnings);
    expect(e.warnings).toEqual([
      'SKU "B" also written "b"',
      'Lot "lot1" also written "LOT1"',
      'SKU "listing-9" also written "LISTING-9"',
    ]);
    // The first spelling seen is displayed.
    expect(e.lotsTable().rows.map((r) => [r[1], r[2]])).toEqual([
      ['123', 'x'],
      ['123', 'UNSPECIFIED'],
      ['B', 'lot1'],
      ['B', 'UNSPECIFIED'],
    ]);
  });
});
