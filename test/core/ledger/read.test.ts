/** Reading the ledger range (spec §2, §3, §5): tolerance and every error with its row number. */
import { describe, expect, it } from 'vitest';
import { dayFromIso, utcDays, type DayConverter } from '../../../src/core/days';
import { InputError } from '../../../src/core/errors';
import { readLedger } from '../../../src/core/ledger/read';
import { cellText, isUnspecifiedLot, Spellings, textKey } from '../../../src/core/ledger/text';
import { HEADER } from './helpers';

const blank = () => ['', '', '', '', '', '', '', '', '', '', '', ''];

function errorOf(values: unknown[][]): InputError {
  try {
    readLedger(values, utcDays);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('cell text', () => {
  it('trims text, prints numbers as typed (123, not 123.0), compares case-insensitively', () => {
    expect(cellText('  SKU1 ')).toBe('SKU1');
    expect(cellText(123)).toBe('123');
    expect(cellText(123.0)).toBe('123');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2025, 2, 4)), utcDays)).toBe('2025-03-04');
    expect(textKey('AbC')).toBe(textKey('aBc'));
  });

  it('reads blank, UNSPECIFIED and unspecified-lot (any case) as the unspecified lot', () => {
    for (const t of ['', 'UNSPECIFIED', 'unspecified', 'Unspecified-Lot', 'UNSPECIFIED-LOT']) expect(isUnspecifiedLot(t)).toBe(true);
    for (const t of ['123A', 'UNSPEC', 'unspecified lot']) expect(isUnspecifiedLot(t)).toBe(false);
  });

  it('keeps the first spelling and warns once per other spelling', () => {
    const s = new Spellings('SKU');
    s.note('abc');
    s.note('ABC');
    s.note('ABC');
    s.note('Abc');
    expect(s.display('abc')).toBe('abc');
    expect(s.warnings).toEqual(['SKU "abc" also written "ABC"', 'SKU "abc" also written "Abc"']);
  });
});

describe('readLedger tolerates what a range argument holds', () => {
  it('skips header rows (first cell Date, any case) and blank rows anywhere', () => {
    const values = [
      HEADER,
      blank(),
      ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 5, '', '', '', '', '', '', ''],
      [' date ', 'x'],
      [],
      ['2025-01-02', 'SHIPMENT', 'SKU1', '', -1, '', '', '', '', '', '', ''],
      [null, undefined, '  ', '', '', '', '', '', '', '', '', ''],
    ];
    const { rows } = readLedger(values, utcDays);
    expect(rows.map((r) => r.row)).toEqual([3, 6]);
  });

  it('reads a whole-column range (tens of thousands of trailing blank rows) quickly', () => {
    const values: unknown[][] = [HEADER, ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 5, '', '', '', '', '', '', '']];
    for (let i = 0; i < 50_000; i++) values.push(blank());
    const t = performance.now();
    const { rows } = readLedger(values, utcDays);
    expect(rows).toHaveLength(1);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('accepts ranges narrower than 12 columns (missing columns blank)', () => {
    const { rows } = readLedger([['2025-01-01', 'TRANSFER', 'SKU1', 'A', 5]], utcDays);
    expect(rows[0]).toMatchObject({ lot: 'A', quantity: 5, expiry: null, location: 'FBA-US', disposition: '', reason: '', reference: '' });
  });

  it('reads Date objects through the converter and YYYY-MM-DD text', () => {
    // A converter for a zone 10 hours ahead of UTC: 20:00 UTC is the next calendar day.
    const ahead: DayConverter = { dayOf: (d) => Math.floor((d.getTime() + 10 * 3_600_000) / 86_400_000), dateOf: (n) => new Date(n * 86_400_000) };
    const { rows } = readLedger(
      [
        [new Date(Date.UTC(2025, 0, 1, 20)), 'TRANSFER', 'SKU1', 'A', 5, new Date(Date.UTC(2026, 5, 30, 20))],
        [' 2025-01-03 ', 'SHIPMENT', 'SKU1', '', -1, ''],
      ],
      ahead,
    );
    expect(rows[0].day).toBe(dayFromIso('2025-01-02'));
    expect(rows[0].expiry).toBe(dayFromIso('2026-07-01'));
    expect(rows[1].day).toBe(dayFromIso('2025-01-03'));
  });

  it('reads numbers typed as text, events in any case, numbers as SKU and lot text, blank location as FBA-US', () => {
    const { rows } = readLedger(
      [
        ['2025-01-01', ' transfer ', 123, 45, ' -5 ', '', '  ', ' sellable ', ' e ', ' FBA123 ', 'manual', ''],
        ['2025-01-01', 'Shipment', '00123', 'UNSPECIFIED', '+7', '', 'fba-ca'],
      ],
      utcDays,
    );
    expect(rows[0]).toMatchObject({ event: 'TRANSFER', sku: '123', lot: '45', quantity: -5, location: 'FBA-US', disposition: 'sellable', reason: 'e', reference: 'FBA123', source: 'manual' });
    expect(rows[1]).toMatchObject({ event: 'SHIPMENT', sku: '00123', lot: null, quantity: 7, location: 'fba-ca' });
  });

  it('warns when SKU, Lot or Location spellings differ only in case', () => {
    const { warnings } = readLedger(
      [
        ['2025-01-01', 'TRANSFER', 'abc', 'lot1', 1, '', 'FBA-CA'],
        ['2025-01-01', 'TRANSFER', 'ABC', 'LOT1', 1, '', 'fba-ca'],
      ],
      utcDays,
    );
    expect(warnings).toEqual(['SKU "abc" also written "ABC"', 'Lot "lot1" also written "LOT1"', 'Location "FBA-CA" also written "fba-ca"']);
  });
});

describe('readLedger errors name the row (1-based in the range)', () => {
  const ok = ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 5, '', '', '', '', '', '', ''];
  const cases: [string, unknown[], RegExp][] = [
    ['a date that is neither a Date nor YYYY-MM-DD text', ['01/02/2025', 'TRANSFER', 'SKU1', 'A', 5], /Date "01\/02\/2025" is neither a date nor YYYY-MM-DD text/],
    ['a date serial number', [45000, 'TRANSFER', 'SKU1', 'A', 5], /Date 45000 is neither/],
    ['an impossible day', ['2025-02-30', 'TRANSFER', 'SKU1', 'A', 5], /Date "2025-02-30"/],
    ['an invalid Date object', [new Date(NaN), 'TRANSFER', 'SKU1', 'A', 5], /Date Invalid Date/],
    ['a blank date', ['', 'TRANSFER', 'SKU1', 'A', 5], /Date is blank/],
    ['an unknown event', ['2025-01-01', 'SALE', 'SKU1', 'A', 5], /unknown event "SALE"/],
    ['a blank event', ['2025-01-01', '', 'SKU1', 'A', 5], /Event is blank/],
    ['a blank SKU', ['2025-01-01', 'TRANSFER', '  ', 'A', 5], /SKU is blank/],
    ['a quantity that is text', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 'abc'], /Quantity "abc" is not a whole number/],
    ['a fractional quantity', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 1.5], /Quantity 1.5 is not a whole number/],
    ['a fractional quantity as text', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', '2.5'], /Quantity "2.5" is not a whole number/],
    ['an infinite quantity', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', '1e309'], /Quantity "1e309" is not a whole number/],
    ['an infinite quantity (number)', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', Infinity], /Quantity Infinity is not a whole number/],
    ['a quantity beyond safe integers', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 1e20], /Quantity 100000000000000000000 is too large/],
    ['a blank quantity', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', ''], /Quantity is blank/],
    ['a bad expiry', ['2025-01-01', 'TRANSFER', 'SKU1', 'A', 5, 'next year'], /Expiry "next year" is neither a date nor YYYY-MM-DD text/],
    ['a range narrower than A:E', ['2025-01-01', 'TRANSFER', 'SKU1', 'A'], /needs columns A to E/],
  ];
  it.each(cases)('%s', (_, bad, message) => {
    const e = errorOf([HEADER, ok, [], bad]);
    expect(e.row).toBe(4);
    expect(e.reason).toMatch(message);
    expect(e.message).toMatch(/\(row 4\)$/);
  });
});
