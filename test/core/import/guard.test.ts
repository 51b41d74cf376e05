import { describe, expect, it } from 'vitest';
import { guardCell, guardText, unguardText } from '../../../src/core/import/guard';

describe('formula guard', () => {
  it('prefixes text beginning with = + - @ tab or CR with an apostrophe', () => {
    for (const t of ['=HYPERLINK("x")', '+1', '-SKU', '@user', '\tTAB', '\rCR']) expect(guardText(t)).toBe("'" + t);
    for (const t of ['SKU-1', '', ' =x', "'quoted", '1=1']) expect(guardText(t)).toBe(t);
  });

  it('leaves numbers numbers', () => {
    expect(guardCell(-5)).toBe(-5);
    expect(guardCell('-5')).toBe("'-5");
  });

  it('unguards whether Sheets kept the apostrophe or not', () => {
    expect(unguardText("'=x")).toBe('=x');
    expect(unguardText('=x')).toBe('=x');
    expect(unguardText("'abc")).toBe("'abc");
  });
});
