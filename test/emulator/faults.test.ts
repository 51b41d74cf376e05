import { afterEach, describe, expect, it } from 'vitest';
import { OCTOBER, setup, US } from './fixtures';
import type { SpApiEmulator } from './spapi';
import { gunzip, parseTsv, TestClient, tokenRequest } from './testkit';
import { fromUtf8, responseJson } from './wire';

let current: SpApiEmulator | undefined;
afterEach(() => {
  current?.assertNoViolations();
  current = undefined;
});
function env(options: Parameters<typeof setup>[0] = {}) {
  const e = setup({ rateLimiting: false, ...options });
  current = e.emulator;
  return { ...e, client: new TestClient(e.emulator) };
}

const detail = (eventType = 'Shipments') => ({ reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', marketplaceIds: [US], ...OCTOBER, reportOptions: { eventType } });
const summary = () => ({
  reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA',
  marketplaceIds: [US],
  ...OCTOBER,
  reportOptions: { aggregateByLocation: 'COUNTRY', aggregatedByTimePeriod: 'MONTHLY' },
});

describe('status faults', () => {
  it('429 bursts on the next N calls of one operation', () => {
    const { client, emulator } = env();
    emulator.faults.throttleNext('createReport', 3);
    const statuses = Array.from({ length: 4 }, () => client.createReport(detail()).status);
    expect(statuses).toEqual([429, 429, 429, 202]);
    const throttled = emulator.calls('createReport', 429)[0];
    expect(responseJson(throttled.response)).toEqual({
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
    });
    expect(throttled.response.headers['x-amzn-RateLimit-Limit']).toBeUndefined();
    expect(throttled.response.headers['x-amzn-RequestId']).toBeTruthy();
    expect(throttled.injected).toBe('429');
    expect(emulator.stats.throttled).toBe(3);
  });

  it('500 and 503 with the ErrorList shape, per operation', () => {
    const { client, emulator } = env();
    const reportId = responseJson(client.createReport(detail())).reportId;
    emulator.faults.failNext('getReport', 500);
    emulator.faults.failNext('getReport', 503);
    const a = client.getReport(reportId);
    const b = client.getReport(reportId);
    expect([a.status, b.status]).toEqual([500, 503]);
    expect(responseJson(a).errors[0].code).toBe('InternalFailure');
    expect(responseJson(b).errors[0].code).toBe('ServiceUnavailable');
    expect(client.getReport(reportId).status).toBe(200);
    // Other operations are unaffected.
    emulator.faults.failNext('getReportDocument', 503);
    expect(client.createReport(detail()).status).toBe(202);
  });

  it('500 and 503 on the document download, as S3 XML', () => {
    const { client, emulator } = env();
    const { report } = client.runReport(detail());
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    emulator.faults.failNext('downloadDocument', 503);
    emulator.faults.failNext('downloadDocument', 500);
    const slow = client.download(url);
    expect(slow.status).toBe(503);
    expect(fromUtf8(slow.body)).toContain('<Code>SlowDown</Code>');
    expect(client.download(url).status).toBe(500);
    expect(client.download(url).status).toBe(200);
  });
});

describe('report faults', () => {
  it('slow reports stay IN_PROGRESS for the extra time', () => {
    const { client, emulator, clock } = env();
    emulator.faults.slowReports({ extraMs: 20 * 60_000 });
    const id = responseJson(client.createReport(detail())).reportId;
    clock.advance(2 * 60_000);
    expect(responseJson(client.getReport(id)).processingStatus).toBe('IN_PROGRESS');
    clock.advance(19 * 60_000);
    expect(responseJson(client.getReport(id)).processingStatus).toBe('IN_PROGRESS');
    clock.advance(60_000);
    expect(responseJson(client.getReport(id)).processingStatus).toBe('DONE');
    // count defaults to 1: the next report is fast again.
    expect(client.runReport(detail(), 30_000, 4).report.processingStatus).toBe('DONE');
  });

  it('slow in the queue', () => {
    const { client, emulator, clock } = env();
    emulator.faults.slowReports({ extraMs: 10 * 60_000, phase: 'IN_QUEUE' });
    const id = responseJson(client.createReport(detail())).reportId;
    clock.advance(10 * 60_000);
    expect(responseJson(client.getReport(id)).processingStatus).toBe('IN_QUEUE');
  });

  it('FATAL with an error document explaining why', () => {
    const { client, emulator } = env();
    emulator.faults.fatalReports({ document: { errorDetails: 'Report request failed: data not available for the requested date range.' } });
    const { report } = client.runReport(detail());
    expect(report.processingStatus).toBe('FATAL');
    expect(report.reportDocumentId).toBeDefined();
    const { bytes } = client.fetchDocument(report.reportDocumentId);
    expect(JSON.parse(fromUtf8(bytes))).toEqual({ errorDetails: 'Report request failed: data not available for the requested date range.' });
    expect(emulator.document(report.reportDocumentId)?.kind).toBe('error');
  });

  it('FATAL with a plain-text document, and FATAL without one', () => {
    const { client, emulator } = env({ documentFormat: { compression: 'NONE' } });
    emulator.faults.fatalReports({ document: 'Internal error. Please retry later.' });
    emulator.faults.fatalReports({ document: null });
    const withText = client.runReport(detail()).report;
    expect(fromUtf8(client.fetchDocument(withText.reportDocumentId).bytes)).toBe('Internal error. Please retry later.');
    const bare = client.runReport(detail()).report;
    expect(bare.processingStatus).toBe('FATAL');
    expect(bare.reportDocumentId).toBeUndefined();
    expect(client.runReport(detail()).report.processingStatus).toBe('DONE');
  });

  it('CANCELLED although there is data, by report type and count', () => {
    const { client, emulator } = env();
    emulator.faults.cancelReports({ reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA', count: 2 });
    expect(client.runReport(detail()).report.processingStatus).toBe('DONE');
    expect(client.runReport(summary()).report.processingStatus).toBe('CANCELLED');
    expect(client.runReport(summary()).report.processingStatus).toBe('CANCELLED');
    expect(client.runReport(summary()).report.processingStatus).toBe('DONE');
  });

  it('fault rules of different kinds combine; Infinity applies to every report', () => {
    const { client, emulator, clock } = env();
    emulator.faults.slowReports({ extraMs: 60 * 60_000, count: Infinity });
    emulator.faults.fatalReports({ document: null, count: Infinity, reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA' });
    const a = responseJson(client.createReport(summary())).reportId;
    const b = responseJson(client.createReport(detail())).reportId;
    clock.advance(61 * 60_000);
    expect(responseJson(client.getReport(a)).processingStatus).toBe('IN_PROGRESS');
    clock.advance(2 * 60_000);
    expect(responseJson(client.getReport(a)).processingStatus).toBe('FATAL');
    expect(responseJson(client.getReport(b)).processingStatus).toBe('DONE');
  });
});

describe('document faults', () => {
  it('the first download of a document answers 403 "Request has expired"; a new URL works', () => {
    const { client, emulator } = env();
    emulator.faults.expireFirstDownload();
    const { report } = client.runReport(detail());
    const first = responseJson(client.getReportDocument(report.reportDocumentId));
    const expired = client.download(first.url);
    expect(expired.status).toBe(403);
    expect(fromUtf8(expired.body)).toContain('<Message>Request has expired</Message>');
    expect(emulator.calls('downloadDocument', 403)[0].injected).toBe('expired');
    const second = responseJson(client.getReportDocument(report.reportDocumentId));
    expect(client.download(second.url).status).toBe(200);
    // Only the faulted report's document.
    const other = client.runReport(detail('Receipts')).report;
    expect(client.download(responseJson(client.getReportDocument(other.reportDocumentId)).url).status).toBe(200);
  });

  it('a truncated gzip download fails to decompress; the retry is whole', () => {
    const { client, emulator } = env();
    emulator.faults.truncateDownloads();
    const { report } = client.runReport(detail());
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    const cut = client.download(url);
    expect(cut.status).toBe(200);
    expect(Number(cut.headers['Content-Length'])).toBeGreaterThan(cut.body.length);
    expect(() => gunzip(cut.body)).toThrow();
    expect(fromUtf8(gunzip(client.download(url).body))).toBe(emulator.document(report.reportDocumentId)?.text);
  });

  it('a truncated text download ends in the middle of its last row', () => {
    const { client, emulator } = env({ documentFormat: { compression: 'NONE' } });
    emulator.faults.truncateDownloads({ reportType: 'GET_LEDGER_DETAIL_VIEW_DATA' });
    const { report } = client.runReport(detail());
    const { url } = responseJson(client.getReportDocument(report.reportDocumentId));
    const text = fromUtf8(client.download(url).body);
    const full = emulator.document(report.reportDocumentId)?.text as string;
    expect(full.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(full.length);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2].length).toBeGreaterThan(0);
    expect(() => {
      const rows = parseTsv(text);
      if (rows.at(-1)?.length !== rows[0].length) throw new Error('short row');
    }).toThrow();
  });

  it('windows-1252 documents for one report type', () => {
    const { client, emulator } = env();
    emulator.faults.windows1252({ reportType: 'GET_LEDGER_DETAIL_VIEW_DATA' });
    const cp = client.fetchDocument(client.runReport(detail('Receipts')).report.reportDocumentId);
    expect(cp.response.headers['Content-Type']).toBe('text/plain;charset=Cp1252');
    const utf = client.fetchDocument(client.runReport(detail('Receipts')).report.reportDocumentId);
    expect(utf.response.headers['Content-Type']).toBe('text/plain;charset=UTF-8');
    expect(cp.bytes.length).toBeLessThan(utf.bytes.length);
  });

  it('LWA invalid_client via the fault list', () => {
    const { emulator } = env();
    emulator.faults.lwaError('invalid_client');
    const res = emulator.handle(tokenRequest());
    expect(res.status).toBe(401);
    expect(responseJson(res).error).toBe('invalid_client');
  });
});
