import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from '../../../src/core/reports/numbers';

describe('whole numbers', () => {
  it('reads signed integers, spaces, strict thousands separators and zero fractions', () => {
    const cases: Array<[string, number | null]> = [
      ['0', 0], ['-0', 0], ['17', 17], ['-3', -3], ['+5', 5], [' 12 ', 12], ['\u22127', -7], ['1,234', 1234],
      ['-12,345,678', -12345678], ['5.0', 5], ['-5.00', -5], ['1,000.0', 1000], ['', null], ['   ', null],
    ];
    for (const [text, v] of cases) expect(parseWholeNumber(text), JSON.stringify(text)).toBe(v);
  });

  it('refuses fractions, ambiguous separators and junk', () => {
    for (const text of ['1.5', '1.234', '12,34', '1,2345', 'one', '12abc', '-', '--1', '\u2212-1', '1e3', '0x10', '9999999999999999']) {
      expect(parseWholeNumber(text), JSON.stringify(text)).toBeNaN();
    }
  });
});
