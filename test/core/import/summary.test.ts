import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/days';
import { AMAZON_INVENTORY_HEADERS, AMAZON_SUMMARY_HEADERS } from '../../../src/core/import/headers';
import { INVENTORY_KIND, rowKeyMatchesFor, SUMMARY_KIND } from '../../../src/core/import/keys';
import { mapInventory, mapSummary } from '../../../src/core/import/summary';
import { parseReport, type MyiReport, type SummaryReport, type SummaryRecord } from '../../../src/core/reports/parse';
import { fixture, gunzip } from '../reports/helpers';
import { LOCATIONS } from './helpers';

const opts = { locations: LOCATIONS, source: 'file:s.tsv' };
const parsed = (name: string): SummaryReport => parseReport(fixture(name), gunzip) as SummaryReport;

describe('Amazon Summary rows', () => {
  it('Month, Location, MSKU, FNSKU, Disposition, the figures in the report order, Source, Key', () => {
    const m = mapSummary(parsed('summary-us.tsv').records, opts);
    expect(m.sheetRows).toHaveLength(5);
    const v = m.sheetRows.find((r) => r.values[2] === 'SKU-B')!.values;
    expect(v).toHaveLength(AMAZON_SUMMARY_HEADERS.length);
    expect(v.slice(0, 19)).toEqual(['2025-01', 'FBA-US', 'SKU-B', 'X00E4F5G6H', 'SELLABLE', 0, 2, 48, -1, 0, -3, 0, 0, -1, 0, 0, 0, 43, 0]);
    expect(v[19]).toBe('file:s.tsv');
    expect(rowKeyMatchesFor(SUMMARY_KIND, v)).toBe(true);
    expect(m.locations).toEqual(['FBA-CA', 'FBA-US']);
  });

  it('gives the same rows from every date style', () => {
    const rows = (name: string) => mapSummary(parsed(name).records, opts).sheetRows.map((r) => r.key);
    expect(rows('summary-month-only.tsv')).toEqual(rows('summary-us.tsv'));
    expect(rows('summary-iso-month.csv')).toEqual(rows('summary-us.tsv'));
  });

  it('a summary by FC takes the default location, adding up its FCs, with a warning', () => {
    const m = mapSummary(parsed('summary-fc.tsv').records, { ...opts, defaultLocation: 'FBA-US' });
    expect(new Set(m.sheetRows.map((r) => r.values[1]))).toEqual(new Set(['FBA-US']));
    expect(m.warnings[0]).toMatch(/aggregated by fulfillment center/);
  });

  it('rolls several periods of a month up (start of the first, end and in transit of the last, flows added)', () => {
    const r = (day: number, figures: number[]): SummaryRecord => ({
      line: day, month: '2025-01', day: dayFromYmd(2025, 1, day), msku: 'A', fnsku: 'F', disposition: 'SELLABLE', location: 'US', store: '', figures,
    });
    const f = (start: number, transit: number, ship: number, end: number) => [start, transit, 0, ship, 0, 0, 0, 0, 0, 0, 0, 0, end, 0];
    const m = mapSummary([r(2, f(9, 1, -1, 8)), r(1, f(10, 0, -1, 9)), r(3, f(8, 2, -2, 6))], opts);
    expect(m.sheetRows).toHaveLength(1);
    expect(m.sheetRows[0].values.slice(5, 19)).toEqual(f(10, 2, -4, 6));
    expect(m.warnings[0]).toMatch(/rolled up to months/);
  });

  it('drops months outside the requested ones', () => {
    const recs = parsed('summary-us.tsv').records;
    const m = mapSummary(recs, { ...opts, months: ['2025-02'] });
    expect(m.sheetRows).toEqual([]);
    expect(m.skipped.outsideMonths).toBe(5);
  });
});

describe('Amazon Inventory rows', () => {
  it('Snapshot date, Location, MSKU, FNSKU, the eight afn quantities, Source, Key', () => {
    const r = parseReport(fixture('myi.tsv'), gunzip) as MyiReport;
    const m = mapInventory(r.records, { location: 'FBA-CA', snapshotDay: dayFromYmd(2025, 2, 1), source: 'file:myi.tsv' });
    const v = m.sheetRows[0].values;
    expect(v).toHaveLength(AMAZON_INVENTORY_HEADERS.length);
    expect(v.slice(0, 13)).toEqual([dayFromYmd(2025, 2, 1), 'FBA-CA', 'SKU-A', 'X00A1B2C3D', 106, 100, 2, 4, 136, 0, 30, 0, 'file:myi.tsv']);
    expect(rowKeyMatchesFor(INVENTORY_KIND, v)).toBe(true);
  });
});
