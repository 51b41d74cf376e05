import { afterEach, describe, expect, it } from 'vitest';
import { DE, OCTOBER, setup, US } from './fixtures';
import type { SpApiEmulator } from './spapi';
import { gunzip, parseTsv, TestClient, tsvRecords } from './testkit';
import { decodeWindows1252 } from './reportgen';
import { fromUtf8, responseJson } from './wire';

let current: SpApiEmulator | undefined;
afterEach(() => {
  current?.assertNoViolations();
  current = undefined;
});
function env(options: Parameters<typeof setup>[0] = {}, region: 'NA' | 'EU' | 'FE' = 'NA') {
  const e = setup({ rateLimiting: false, ...options });
  current = e.emulator;
  return { ...e, client: new TestClient(e.emulator, region) };
}

const detail = (eventType?: string, marketplaceIds = [US]) => ({
  reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
  marketplaceIds,
  ...OCTOBER,
  ...(eventType ? { reportOptions: { eventType } } : {}),
});

function documentText(client: TestClient, spec: Record<string, unknown>): string {
  const { report } = client.runReport(spec);
  expect(report.processingStatus).toBe('DONE');
  return fromUtf8(client.fetchDocument(report.reportDocumentId).bytes);
}

describe('document format', () => {
  it('quotes every header and value and doubles embedded quotes', () => {
    const { client } = env();
    const text = documentText(client, detail('Receipts'));
    const line = text.split('\n')[1];
    expect(line).toContain('\t"Widget, ""Deluxe"" 12\u2033 \u2014 caf\u00e9 edition \u20ac"\t');
    expect(tsvRecords(text)[0].Title).toBe('Widget, "Deluxe" 12\u2033 \u2014 caf\u00e9 edition \u20ac');
    expect(tsvRecords(text)[0].Quantity).toBe('120');
  });

  it('writes CRLF line endings and may omit the final newline', () => {
    const { client } = env({ documentFormat: { lineEnding: '\r\n', finalNewline: false } });
    const text = documentText(client, detail('Shipments'));
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.endsWith('"')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('adds the Store column, other date orders and replacement headers on request', () => {
    const { client, emulator } = env();
    emulator.dataset.ledgerEvents[1].store = 'Low-Cost Store';
    emulator.setDocumentFormat({ includeStoreColumn: true, dateFormat: 'DD/MM/YYYY' });
    let rows = parseTsv(documentText(client, detail('Shipments')));
    expect(rows[0].at(-1)).toBe('Store');
    expect(rows[2].at(-1)).toBe('Low-Cost Store');
    expect(rows[2][0]).toBe('03/10/2026');

    emulator.setDocumentFormat({ columns: ['Event Type', 'MSKU', 'Quantity', 'Brand New Column', 'Date'], includeStoreColumn: false }, 'GET_LEDGER_DETAIL_VIEW_DATA');
    rows = parseTsv(documentText(client, detail('Shipments')));
    expect(rows[0]).toEqual(['Event Type', 'MSKU', 'Quantity', 'Brand New Column', 'Date']);
    expect(rows[2]).toEqual(['Shipments', 'SKU-1', '-2', '', '03/10/2026']);
  });

  it('aggregates the summary by FC, by day, and can write months as MM/YYYY', () => {
    const { client, emulator } = env();
    const summary = (reportOptions: Record<string, string>) => ({
      reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA',
      marketplaceIds: [US],
      ...OCTOBER,
      reportOptions,
    });
    const byFc = tsvRecords(documentText(client, summary({ aggregateByLocation: 'FC', aggregatedByTimePeriod: 'MONTHLY' })));
    expect(byFc.map((r) => `${r.Disposition} ${r.Location} ${r['Ending Warehouse Balance']}`)).toEqual([
      'SELLABLE PHX7 126',
      'SELLABLE ONT8 4',
      'CUSTOMER_DAMAGED PHX7 1',
    ]);
    const daily = tsvRecords(documentText(client, summary({ aggregatedByTimePeriod: 'DAILY' })));
    expect(daily.map((r) => `${r.Date} ${r.Location} ${r['Customer Shipments']}`)).toEqual(['10/03/2026 US -2']);
    emulator.setDocumentFormat({ summaryMonthDate: 'monthOnly' });
    const monthly = tsvRecords(documentText(client, summary({})));
    expect(monthly.map((r) => r.Date)).toEqual(['10/2026', '10/2026']);
    // A padded window (a day on each side) also returns the neighbouring months' rows.
    const padded = tsvRecords(documentText(client, { ...summary({}), dataStartTime: '2026-09-30T00:00:00Z', dataEndTime: '2026-10-31T23:59:59Z' }));
    expect(padded.map((r) => r.Date)).toEqual(['10/2026', '10/2026', '09/2026']);
  });

  it('filters MYI rows by the marketplaces’ countries and ledger rows by FNSKU/MSKU/ASIN', () => {
    const { client } = env({}, 'EU');
    const myi = tsvRecords(documentText(client, { reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [DE] }));
    expect(myi.map((r) => r.sku)).toEqual(['EU-SKU']);
    const na = new TestClient(client.emulator, 'NA');
    const filtered = tsvRecords(documentText(na, { ...detail(), reportOptions: { MSKU: 'SKU-1', eventType: 'Adjustments' } }));
    expect(filtered.map((r) => `${r.Reason} ${r['Reconciled Quantity']} ${r['Unreconciled Quantity']}`)).toEqual(['M 0 1']);
  });

  it('serves windows-1252 bytes labelled Cp1252', () => {
    const { client } = env({ documentFormatByReportType: { GET_LEDGER_DETAIL_VIEW_DATA: { charset: 'windows-1252', compression: 'NONE' } } });
    const { report } = client.runReport(detail('Receipts'));
    const { bytes, response } = client.fetchDocument(report.reportDocumentId);
    expect(response.headers['Content-Type']).toBe('text/plain;charset=Cp1252');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect([...bytes]).toEqual(expect.arrayContaining([0x97, 0x80, 0xe9]));
    const text = decodeWindows1252(bytes);
    // ″ (U+2033) is not in windows-1252 and becomes '?'; the rest round-trips.
    expect(tsvRecords(text)[0].Title).toBe('Widget, "Deluxe" 12? \u2014 caf\u00e9 edition \u20ac');
  });

  it('sends Content-Encoding: gzip when enableContentEncodingUrlHeader=true', () => {
    const { client } = env();
    const { report } = client.runReport(detail('Shipments'));
    const res = responseJson(client.getReportDocument(report.reportDocumentId, '?enableContentEncodingUrlHeader=true'));
    expect(res.url).toContain('response-content-encoding=gzip');
    const download = client.download(res.url);
    expect(download.headers['Content-Encoding']).toBe('gzip');
    expect(fromUtf8(gunzip(download.body))).toMatch(/^"Date"/);
  });
});

describe('presigned URLs', () => {
  it('expire 5 virtual minutes after getReportDocument; a fresh getReportDocument gives a working URL', () => {
    const { client, clock, emulator } = env();
    const { report } = client.runReport(detail('Shipments'));
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    clock.advance(300_000);
    expect(client.download(url).status).toBe(200);
    clock.advance(1);
    const expired = client.download(url);
    expect(expired.status).toBe(403);
    expect(expired.headers['Content-Type']).toBe('application/xml');
    const xml = fromUtf8(expired.body);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>300<\/X-Amz-Expires><Expires>2026-11-02T15:07:00Z<\/Expires><ServerTime>2026-11-02T15:07:00Z<\/ServerTime>/);
    const again = responseJson(client.getReportDocument(report.reportDocumentId));
    expect(again.url).not.toBe(url);
    expect(client.download(again.url).status).toBe(200);
    expect(emulator.violations).toHaveLength(0);
  });

  it('the URL lifetime is configurable', () => {
    const { client, clock } = env({ documentUrlTtlSeconds: 60 });
    const { report } = client.runReport(detail('Shipments'));
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    expect(url).toContain('X-Amz-Expires=60');
    clock.advance(61_000);
    expect(client.download(url).status).toBe(403);
  });

  it('refuses SP-API headers on the download (an access token must not go to S3)', () => {
    const { client, emulator } = env();
    const { report } = client.runReport(detail('Shipments'));
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    const res = client.download(url, { 'x-amz-access-token': client.token(), 'User-Agent': 'X/1 (Language=JS)' });
    expect(res.status).toBe(403);
    expect(fromUtf8(res.body)).toContain('<HeadersNotSigned>x-amz-access-token</HeadersNotSigned>');
    expect(emulator.takeViolations()[0].message).toMatch(/must not go to S3/);
  });

  it('detects an altered URL', () => {
    const { client, emulator } = env();
    const { report } = client.runReport(detail('Shipments'));
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    const decodedOnce = url.replace(/%2F/g, '/').replace('X-Amz-Expires=300', 'X-Amz-Expires=3000');
    const res = client.download(decodedOnce);
    expect(res.status).toBe(403);
    expect(fromUtf8(res.body)).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(emulator.takeViolations()[0].message).toMatch(/altered/);
    expect(client.send({ url, method: 'post', headers: {}, body: new Uint8Array(0) }).status).toBe(405);
    expect(emulator.takeViolations()[0].message).toMatch(/fetched with GET/);
  });

  it('records requests to hosts that are not Amazon endpoints', () => {
    const { client, emulator } = env();
    expect(client.send({ url: 'https://sandbox.sellingpartnerapi-na.amazon.com/reports/2021-06-30/reports?reportTypes=X', method: 'get', headers: {}, body: new Uint8Array(0) }).status).toBe(404);
    expect(client.send({ url: 'http://sellingpartnerapi-na.amazon.com/reports/2021-06-30/reports/1', method: 'get', headers: { 'x-amz-access-token': client.token(), 'User-Agent': 'A/1 (Language=JS)' }, body: new Uint8Array(0) }).status).toBe(404);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      expect.stringMatching(/static sandbox/),
      expect.stringMatching(/http: is not allowed/),
    ]);
  });
});
