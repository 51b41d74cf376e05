import { describe, expect, it } from 'vitest';
import { dayFromYmd, utcDays } from '../../../src/core/days';
import {
  computeRowKey, dayReader, INVENTORY_KIND, LEDGER_KIND, RECEIPTS_KIND, rowKeyMatches, rowKeyMatchesFor, SUMMARY_KIND,
} from '../../../src/core/import/keys';
import { makeSheetRow } from '../../../src/core/import/rows';
import { LEDGER_HEADERS } from '../../../src/core/ledger/types';

const d = dayFromYmd(2025, 1, 3);
const written = makeSheetRow(LEDGER_KIND, [d, 'SHIPMENT', '-SKU', 'UNSPECIFIED', -3, '', 'FBA-US', 'SELLABLE', '', ''], 'report:42', 2).values;

describe('row keys', () => {
  it('are k1: and 16 hex digits; the ledger row has the 12 columns', () => {
    expect(written).toHaveLength(LEDGER_HEADERS.length);
    expect(written[11]).toMatch(/^k1:[0-9a-f]{16}$/);
    expect(written[2]).toBe("'-SKU");
    expect(rowKeyMatches(written)).toBe(true);
  });

  it('survive what Sheets does to a row: Date objects, the apostrophe dropped, text numbers, blanks', () => {
    const read = dayReader(utcDays);
    const asRead = [new Date(Date.UTC(2025, 0, 3)), 'SHIPMENT', '-SKU', 'UNSPECIFIED', '-3', '', 'FBA-US', 'SELLABLE', '', '', 'report:42', written[11]];
    expect(rowKeyMatches(asRead, read)).toBe(true);
    expect(rowKeyMatches(['2025-01-03', ...asRead.slice(1)], read)).toBe(true);
  });

  it('treat equivalent spellings as no edit: lot blank or unspecified-lot, location blank = FBA-US, event case', () => {
    const v = [...written];
    v[3] = '';
    expect(rowKeyMatches(v)).toBe(true);
    v[3] = 'unspecified-lot';
    expect(rowKeyMatches(v)).toBe(true);
    v[6] = '';
    expect(rowKeyMatches(v)).toBe(true);
    v[1] = 'shipment';
    expect(rowKeyMatches(v)).toBe(true);
  });

  it('detect an edit of any column but Source, and a cleared or foreign Key', () => {
    const edits: Array<[number, unknown]> = [
      [0, d + 1], [1, 'RETURN'], [2, 'SKU-B'], [3, 'LOT-7'], [4, -2], [5, d], [6, 'FBA-CA'], [7, 'DEFECTIVE'], [8, 'M'], [9, 'note'],
    ];
    for (const [i, v] of edits) {
      const e = [...written];
      e[i] = v;
      expect(rowKeyMatches(e), `column ${LEDGER_HEADERS[i]}`).toBe(false);
    }
    expect(rowKeyMatches([...written.slice(0, 10), 'file:other.tsv', written[11]])).toBe(true);
    expect(rowKeyMatches([...written.slice(0, 11), ''])).toBe(false);
    expect(rowKeyMatches([...written.slice(0, 11), 'reconciliation:2025-01:FBA-US:SKU'])).toBe(false);
    expect(rowKeyMatches(['not a date', ...written.slice(1)])).toBe(false);
  });

  it('exist for the Amazon sheets too', () => {
    const r = makeSheetRow(RECEIPTS_KIND, [d, 'FBA-US', 'FBA15X', 'SKU-A', 10], 'file:a', 2).values;
    expect(rowKeyMatchesFor(RECEIPTS_KIND, r)).toBe(true);
    const s = makeSheetRow(SUMMARY_KIND, ['2025-01', 'FBA-US', 'SKU-A', 'X', 'SELLABLE', ...new Array(14).fill(1)], 'file:a', 2).values;
    expect(rowKeyMatchesFor(SUMMARY_KIND, s)).toBe(true);
    // A Month cell that Sheets turned into a date still reads as its month.
    expect(rowKeyMatchesFor(SUMMARY_KIND, [new Date(Date.UTC(2025, 0, 1)), ...s.slice(1)], dayReader(utcDays))).toBe(true);
    const i = makeSheetRow(INVENTORY_KIND, [d, 'FBA-US', 'SKU-A', 'X', 1, 2, 3, 4, 5, 6, 7, 8], 'file:a', 2).values;
    expect(rowKeyMatchesFor(INVENTORY_KIND, i)).toBe(true);
    expect(rowKeyMatchesFor(INVENTORY_KIND, [...i.slice(0, 4), 9, ...i.slice(5)])).toBe(false);
    expect(computeRowKey(RECEIPTS_KIND, [d, 'FBA-US', 'S', 'M', 1.5])).toBeNull();
  });
});
