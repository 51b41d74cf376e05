import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/days';
import { InputError } from '../../../src/core/errors';
import {
  parseReport, parseReportBase64, parseReportText, type DetailReport, type MyiReport, type SummaryReport,
} from '../../../src/core/reports/parse';
import { parseTable } from '../../../src/core/reports/table';
import { decodeText } from '../../../src/core/reports/encoding';
import { fixture, gunzip, thrown } from './helpers';

const detail = (name: string): DetailReport => {
  const r = parseReport(fixture(name), gunzip);
  expect(r.type).toBe('GET_LEDGER_DETAIL_VIEW_DATA');
  return r as DetailReport;
};

/** What the January US fixtures hold, whatever their format. */
function expectUsJanuary(r: DetailReport): void {
  expect(r.rowsRead).toBe(15);
  expect(r.firstDay).toBe(dayFromYmd(2025, 1, 2));
  expect(r.lastDay).toBe(dayFromYmd(2025, 1, 21));
  expect(r.eventTypes).toEqual(['Shipments', 'CustomerReturns', 'Receipts', 'WhseTransfers', 'Adjustments', 'VendorReturns']);
  expect(r.records[3]).toMatchObject({
    day: dayFromYmd(2025, 1, 3), msku: 'SKU-A', fnsku: 'X00A1B2C3D', eventType: 'Shipments', referenceId: '111-7654321-7654321',
    quantity: -2, fulfillmentCenter: 'ONT8', disposition: 'SELLABLE', reason: '', country: 'US',
  });
  expect(r.records[6]).toMatchObject({ eventType: 'Adjustments', reason: 'E', quantity: -1 });
  expect(r.records.map((x) => x.quantity).reduce((a, b) => a + b, 0)).toBe(138);
}

describe('detail report variants', () => {
  it.each([
    'detail-spapi-us.tsv', 'detail-spapi-us.tsv.gz', 'detail-seller-central.csv', 'detail-compact-names.tsv',
    'detail-store-reordered.tsv', 'detail-crlf-no-final-newline.tsv', 'detail-utf8.tsv', 'detail-utf8-bom.tsv',
    'detail-cp1252.tsv', 'detail-iso.tsv',
  ])('%s gives the same records', (name) => {
    const r = detail(name);
    expectUsJanuary(r);
    expect(r.warnings).toEqual([]);
  });

  it('records carry the physical line they start on (blank lines counted)', () => {
    expect(detail('detail-spapi-us.tsv').records.slice(0, 4).map((x) => x.line)).toEqual([2, 3, 4, 5]);
    expect(detail('detail-crlf-no-final-newline.tsv').records.slice(0, 6).map((x) => x.line)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  it('knows the delimiter, the order of dates and the encoding', () => {
    expect(detail('detail-seller-central.csv')).toMatchObject({ delimiter: ',', dateOrder: 'MM/DD/YYYY', encoding: 'UTF-8' });
    expect(detail('detail-spapi-us.tsv')).toMatchObject({ delimiter: '\t', dateOrder: 'MM/DD/YYYY' });
    expect(detail('detail-iso.tsv').dateOrder).toBeNull();
    expect(detail('detail-cp1252.tsv').encoding).toBe('windows-1252');
    expect(detail('detail-utf8-bom.tsv').encoding).toBe('UTF-8');
  });

  it('decodes non-ASCII titles the same from UTF-8 and windows-1252', () => {
    const title = (name: string): string => parseTable(decodeText(fixture(name)).text).rows[14][4];
    expect(title('detail-utf8.tsv')).toBe('Tasses à espresso “Crème” €5');
    expect(title('detail-cp1252.tsv')).toBe('Tasses à espresso “Crème” €5');
    expect(title('detail-utf8-bom.tsv')).toBe('Tasses à espresso “Crème” €5');
  });

  it('EU files: DD/MM from a day above 12, or from the country with a warning', () => {
    const eu = detail('detail-eu-ddmm.tsv');
    expect(eu.dateOrder).toBe('DD/MM/YYYY');
    expect(eu.records.map((x) => x.day)).toEqual([3, 3, 14, 20].map((d) => dayFromYmd(2025, 2, d)));
    expect(eu.warnings).toEqual([]);
    const amb = detail('detail-eu-ambiguous.tsv');
    expect(amb.records[0].day).toBe(dayFromYmd(2025, 3, 2));
    expect(amb.warnings[0]).toMatch(/DD\/MM\/YYYY because the rows are in DE/);
    const us = detail('detail-us-ambiguous.tsv');
    expect(us.records[0].day).toBe(dayFromYmd(2025, 3, 2));
    expect(us.warnings[0]).toMatch(/MM\/DD\/YYYY because the rows are in US/);
  });

  it('keeps unknown event types and reason codes, with one warning each', () => {
    const r = detail('detail-unknown-codes.tsv');
    expect(r.records[4]).toMatchObject({ eventType: 'Liquidations', quantity: -2 });
    expect(r.records[5]).toMatchObject({ eventType: 'Adjustments', reason: 'Z9' });
    expect(r.eventTypes).toEqual(['Shipments', 'Receipts', 'Adjustments', 'Liquidations']);
    expect(r.warnings).toEqual([
      'unknown event type "Liquidations" (1 row, first on line 6): imported as ADJUSTMENT with Reason event:Liquidations',
      'unknown reason code "Z9" (1 row, first on line 7): kept as written',
    ]);
  });

  it('canonicalises event types written with spaces or another case', () => {
    const text = 'Date\tMSKU\tEvent Type\tQuantity\n2025-01-02\tA\tcustomer returns\t1\n2025-01-02\tA\tSHIPMENTS\t-1\n';
    const r = parseReportText(text) as DetailReport;
    expect(r.records.map((x) => x.eventType)).toEqual(['CustomerReturns', 'Shipments']);
    expect(r.warnings).toEqual(['the file has no "Country" column: its rows take the location chosen for the import']);
  });

  it('a file with a header and no rows parses to no records', () => {
    const r = detail('header-only.tsv');
    expect(r).toMatchObject({ rowsRead: 0, firstDay: null, lastDay: null, eventTypes: [] });
  });
});

describe('bad rows fail with their line', () => {
  it.each([
    ['bad-date.tsv', 6, /unreadable Date "Jan 3, 2025"/],
    ['bad-quantity.tsv', 8, /unreadable Quantity "one"/],
    ['missing-msku.tsv', 4, /^no MSKU/],
    ['mixed-date-orders.tsv', 12, /mixes date orders/],
    ['detail-multiline-title.csv', 6, /unreadable Quantity "1.5"/],
    ['unknown-header.tsv', 1, /not an Amazon report/],
  ])('%s → line %i', (name, line, message) => {
    const e = thrown(() => parseReport(fixture(name), gunzip));
    expect(e).toBeInstanceOf(InputError);
    expect(e.row).toBe(line);
    expect(e.reason).toMatch(message);
  });

  it('no Quantity, no Event Type and an empty file', () => {
    expect(thrown(() => parseReportText('Date\tMSKU\tEvent Type\tQuantity\n2025-01-02\tA\tShipments\t\n')).reason).toBe('no Quantity');
    expect(thrown(() => parseReportText('Date\tMSKU\tEvent Type\tQuantity\n2025-01-02\tA\t\t1\n')).reason).toBe('no Event Type');
    expect(thrown(() => parseReportText('\n\n')).reason).toBe('the file is empty');
  });

  it('reads quantities with thousands separators', () => {
    const r = parseReportText('Date,MSKU,Event Type,Quantity\n2025-01-02,A,Receipts,"1,200"\n') as DetailReport;
    expect(r.records[0].quantity).toBe(1200);
  });
});

describe('summary and MYI', () => {
  const summary = (name: string): SummaryReport => parseReport(fixture(name), gunzip) as SummaryReport;

  it.each(['summary-us.tsv', 'summary-month-only.tsv', 'summary-iso-month.csv', 'summary-fc.tsv'])('%s', (name) => {
    const r = summary(name);
    expect(r.type).toBe('GET_LEDGER_SUMMARY_VIEW_DATA');
    expect(r.months).toEqual(['2025-01']);
    expect(r.records).toHaveLength(5);
    expect(r.records[0]).toMatchObject({ month: '2025-01', msku: 'SKU-A', fnsku: 'X00A1B2C3D', disposition: 'SELLABLE' });
    expect(r.records[0].figures).toEqual([10, 0, 100, -5, 0, 0, 0, 0, 0, 0, 0, -1, 104, 0]);
    expect(r.records[3].figures[3]).toBe(-1); // Customer Shipments are negative
  });

  it('keeps the day of a dated summary row and none for a month-only one', () => {
    expect(summary('summary-us.tsv').records[0]).toMatchObject({ day: dayFromYmd(2025, 1, 31), location: 'US' });
    expect(summary('summary-month-only.tsv').records[0].day).toBeNull();
    expect(summary('summary-fc.tsv').records[0].location).toBe('PHX7');
  });

  it('a missing optional figure column is written as 0, with a warning', () => {
    const text = 'Date\tMSKU\tStarting Warehouse Balance\tReceipts\tCustomer Shipments\tCustomer Returns\tVendor Returns\tFound\tLost\tDamaged\tDisposed\tOther Events\tEnding Warehouse Balance\tLocation\n' +
      '01/31/2025\tA\t1\t2\t-3\t0\t0\t0\t0\t0\t0\t0\t0\tUS\n';
    const r = parseReportText(text) as SummaryReport;
    expect(r.records[0].figures).toEqual([1, 0, 2, -3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.warnings).toContain('the file has no "In Transit Between Warehouses" column: written as 0');
  });

  it('MYI: the eight afn quantities, blank as 0', () => {
    const r = parseReport(fixture('myi.tsv'), gunzip) as MyiReport;
    expect(r.type).toBe('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA');
    expect(r.records.map((x) => [x.msku, x.fnsku, ...x.quantities])).toEqual([
      ['SKU-A', 'X00A1B2C3D', 106, 100, 2, 4, 136, 0, 30, 0],
      ['SKU-B', 'X00E4F5G6H', 43, 40, 0, 3, 43, 0, 0, 0],
      ['SKU-C', 'X00J7K8L9M', 4, 4, 0, 0, 24, 20, 0, 0],
    ]);
  });
});

describe('bytes entry', () => {
  it('reads the sidebar\'s base64 of a gzipped file', () => {
    const b64 = Buffer.from(fixture('detail-spapi-us.tsv.gz')).toString('base64');
    expect(parseReportBase64(b64, gunzip).rowsRead).toBe(15);
  });

  it('uses the charset of a download and reports a wrong label', () => {
    const r = parseReport(fixture('detail-utf8.tsv'), gunzip, { charset: 'Cp1252' });
    expect(r.encoding).toBe('UTF-8');
    expect(r.warnings[0]).toMatch(/says it is Cp1252 but its text is valid UTF-8/);
    expect(parseReport(fixture('detail-cp1252.tsv'), gunzip, { charset: 'windows-1252' })).toMatchObject({ encoding: 'windows-1252', warnings: [] });
  });
});
