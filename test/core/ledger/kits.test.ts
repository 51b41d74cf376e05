/** The Kits sheet (spec §3): validation, errors with rows, resolution, case-insensitive matching. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { NO_KITS, readKits } from '../../../src/core/ledger/kits';

const HEAD = ['Amazon SKU', 'Component SKU', 'Units per kit'];

function errorOf(values: unknown[][]): InputError {
  try {
    readKits(values);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('readKits', () => {
  it('maps an Amazon SKU to its component and units; an SKU with no row is its own component × 1', () => {
    const kits = readKits([HEAD, ['SKU1-6PK', 'SKU1', 6], [], ['  amazon sku ', 'x', 'y'], ['SKU2-2', 'SKU2', '2']]);
    expect(kits.rows).toHaveLength(2);
    expect(kits.resolve('SKU1-6PK')).toEqual({ component: 'SKU1', componentKey: 'sku1', unitsPerKit: 6 });
    expect(kits.resolve('sku1-6pk').unitsPerKit).toBe(6);
    expect(kits.resolve('SKU2-2').unitsPerKit).toBe(2);
    expect(kits.resolve('SKU1')).toEqual({ component: 'SKU1', componentKey: 'sku1', unitsPerKit: 1 });
    expect(kits.kitsOf('sku1').map((k) => k.amazonSku)).toEqual(['SKU1-6PK']);
    expect(NO_KITS.resolve('X')).toEqual({ component: 'X', componentKey: 'x', unitsPerKit: 1 });
  });

  it('means no kits when omitted', () => {
    expect(readKits(undefined).rows).toEqual([]);
    expect(readKits('').rows).toEqual([]);
  });

  it('warns when spellings differ only in case', () => {
    const kits = readKits([['A-6', 'sku1', 6], ['A-2', 'SKU1', 2]]);
    expect(kits.warnings).toEqual(['SKU "sku1" also written "SKU1"']);
  });

  const cases: [string, unknown[][], number, RegExp][] = [
    ['a component that is also an Amazon SKU (one level only)', [HEAD, ['P', 'Q', 2], ['Q', 'R', 3]], 2, /component Q of P is itself an Amazon SKU in Kits \(row 3\)/],
    ['the same, case-insensitively', [HEAD, ['P', 'q', 2], ['Q', 'R', 3]], 2, /one level only/],
    ['a duplicate Amazon SKU (case-insensitive)', [HEAD, ['P', 'X', 2], ['p', 'Y', 3]], 3, /duplicate Amazon SKU p \(also on row 2\)/],
    ['a cycle of two', [HEAD, ['P', 'Q', 2], ['Q', 'P', 2]], 2, /cycle/],
    ['a kit listing itself', [HEAD, ['P', 'p', 2]], 2, /lists itself as its component \(a cycle\)/],
    ['units per kit 0', [HEAD, ['P', 'X', 0]], 2, /Units per kit of P must be a whole number ≥ 1 \(is 0\)/],
    ['units per kit 1.5', [HEAD, ['P', 'X', 1.5]], 2, /whole number ≥ 1 \(is 1.5\)/],
    ['units per kit text', [HEAD, ['P', 'X', 'six']], 2, /\(is "six"\)/],
    ['units per kit blank', [HEAD, ['P', 'X', '']], 2, /\(is blank\)/],
    ['a blank Amazon SKU', [HEAD, ['', 'X', 2]], 2, /Amazon SKU is blank/],
    ['a blank component', [HEAD, ['P', ' ', 2]], 2, /Component SKU of P is blank/],
  ];
  it.each(cases)('rejects %s', (_, values, row, message) => {
    const e = errorOf(values);
    expect(e.row).toBe(row);
    expect(e.reason).toMatch(message);
  });
});
