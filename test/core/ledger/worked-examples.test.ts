/** Spec §4 "Worked examples": each an acceptance test, every figure asserted. */
import { describe, expect, it } from 'vitest';
import { day, engine, est, range, row } from './helpers';

describe('§4 worked examples', () => {
  it('Luminous: TRANSFER +160, SHIPMENT −150', () => {
    const e = engine([row(1, 'TRANSFER', 'SKU1', '123A', 160), row(20, 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -150)]);
    expect(e.lotBalance('SKU1', '123A')).toBe(160);
    expect(e.lotBalance('SKU1', 'UNSPECIFIED')).toBe(-150);
    expect(e.onHand('SKU1')).toBe(10);
    expect(est(e, 'SKU1', '123A')).toBe(10);
    expect(range(e, 'SKU1', '123A')).toEqual([10, 10]);
  });

  it('Chronology: FIFO A 0, B 50; range A 0–30, B 20–50', () => {
    const e = engine([
      row('2025-01-01', 'TRANSFER', 'SKU1', 'A', 60),
      row('2025-02-01', 'SHIPMENT', 'SKU1', '', -30),
      row('2025-03-01', 'TRANSFER', 'SKU1', 'B', 60),
      row('2025-04-01', 'SHIPMENT', 'SKU1', '', -40),
    ]);
    expect(e.onHand('SKU1')).toBe(50);
    expect(est(e, 'SKU1', 'A')).toBe(0);
    expect(est(e, 'SKU1', 'B')).toBe(50);
    expect(range(e, 'SKU1', 'A')).toEqual([0, 30]);
    expect(range(e, 'SKU1', 'B')).toEqual([20, 50]);
  });

  it('Return: FIFO A 0, B 1; range A 0–1, B 0–1', () => {
    const e = engine([
      row(1, 'TRANSFER', 'SKU1', 'A', 10),
      row(2, 'SHIPMENT', 'SKU1', '', -10),
      row(3, 'TRANSFER', 'SKU1', 'B', 10),
      row(4, 'SHIPMENT', 'SKU1', '', -10),
      row(5, 'RETURN', 'SKU1', '', 1),
    ]);
    expect(est(e, 'SKU1', 'A')).toBe(0);
    expect(est(e, 'SKU1', 'B')).toBe(1);
    expect(range(e, 'SKU1', 'A')).toEqual([0, 1]);
    expect(range(e, 'SKU1', 'B')).toEqual([0, 1]);
    expect(e.onHand('SKU1')).toBe(1);
  });

  it('Reservation: after d3 A 5, B 3; at the end A 0, B 3, on hand 3', () => {
    const e = engine([
      row(1, 'TRANSFER', 'SKU1', 'A', 10),
      row(2, 'TRANSFER', 'SKU1', 'B', 10),
      row(3, 'SHIPMENT', 'SKU1', '', -12),
      row(10, 'REMOVAL', 'SKU1', 'A', -5),
    ]);
    expect(est(e, 'SKU1', 'A', 'FIFO', 3)).toBe(5);
    expect(est(e, 'SKU1', 'B', 'FIFO', 3)).toBe(3);
    expect(e.onHand('SKU1', { asOf: day(3) })).toBe(8);
    expect(est(e, 'SKU1', 'A')).toBe(0);
    expect(est(e, 'SKU1', 'B')).toBe(3);
    expect(e.onHand('SKU1')).toBe(3);
  });

  it('Disposition pair: A 10, UNSPECIFIED 0, on hand 10', () => {
    const e = engine([
      row(1, 'TRANSFER', 'SKU1', 'A', 10),
      row(2, 'ADJUSTMENT', 'SKU1', 'UNSPECIFIED', -1, { reason: 'E', disposition: 'SELLABLE' }),
      row(2, 'ADJUSTMENT', 'SKU1', 'UNSPECIFIED', 1, { reason: 'P', disposition: 'WAREHOUSE_DAMAGED' }),
    ]);
    expect(est(e, 'SKU1', 'A')).toBe(10);
    expect(est(e, 'SKU1', 'UNSPECIFIED')).toBe(0);
    expect(e.onHand('SKU1')).toBe(10);
  });

  it('Unallocated: A 10, UNSPECIFIED −3, on hand 7', () => {
    const e = engine([
      row(1, 'SHIPMENT', 'SKU1', '', -4),
      row(2, 'TRANSFER', 'SKU1', 'A', 10),
      row(3, 'RETURN', 'SKU1', '', 1),
    ]);
    expect(est(e, 'SKU1', 'A')).toBe(10);
    expect(est(e, 'SKU1', 'UNSPECIFIED')).toBe(-3);
    expect(e.onHand('SKU1')).toBe(7);
  });

  it('Multipack: A 60, B 0, on hand 60, FBA_KIT_AVAILABLE(SKU1-6PK) 10', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'SKU1-6PK', 'A', 10),
        row(2, 'TRANSFER', 'SKU1', 'B', 60),
        row(3, 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -60),
      ],
      [
        ['Amazon SKU', 'Component SKU', 'Units per kit'],
        ['SKU1-6PK', 'SKU1', 6],
      ],
    );
    expect(est(e, 'SKU1', 'A')).toBe(60);
    expect(est(e, 'SKU1', 'B')).toBe(0);
    expect(e.onHand('SKU1')).toBe(60);
    expect(e.lotBalance('SKU1', 'A')).toBe(60);
    expect(e.kitAvailable('SKU1-6PK')).toBe(10);
  });
});
