import { afterEach, describe, expect, it } from 'vitest';
import { DE, FR, IN, JP, OCTOBER, setup, UK, US } from './fixtures';
import type { SpApiEmulator } from './spapi';
import { gunzip, parseTsv, spRequest, TestClient, tokenRequest, tsvRecords } from './testkit';
import { fromUtf8, responseJson } from './wire';

let current: SpApiEmulator | undefined;
afterEach(() => {
  current?.assertNoViolations();
  current = undefined;
});
function env(options: Parameters<typeof setup>[0] = {}, region: 'NA' | 'EU' | 'FE' = 'NA') {
  const e = setup(options);
  current = e.emulator;
  return { ...e, client: new TestClient(e.emulator, region) };
}

const detailSpec = (extra: Record<string, unknown> = {}) => ({
  reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
  marketplaceIds: [US],
  ...OCTOBER,
  reportOptions: { eventType: 'Shipments' },
  ...extra,
});

describe('happy path', () => {
  it('token → createReport → poll → document → gunzip → TSV', () => {
    const { emulator, clock } = env();
    // 1. Token.
    const tokenRes = emulator.handle(tokenRequest());
    const token = responseJson(tokenRes).access_token as string;

    // 2. createReport.
    const created = emulator.handle(spRequest('post', 'NA', '/reports/2021-06-30/reports', { token, body: detailSpec() }));
    expect(created.status).toBe(202);
    expect(created.headers['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers['x-amzn-RateLimit-Limit']).toBe('0.0167');
    const { reportId } = responseJson(created);
    expect(reportId).toMatch(/^\d+$/);

    // 3. Poll: IN_QUEUE → IN_PROGRESS → DONE.
    const poll = () => responseJson(emulator.handle(spRequest('get', 'NA', `/reports/2021-06-30/reports/${reportId}`, { token })));
    const first = poll();
    expect(first).toEqual({
      reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
      processingStatus: 'IN_QUEUE',
      marketplaceIds: [US],
      reportId,
      dataStartTime: '2026-10-01T00:00:00+00:00',
      dataEndTime: '2026-10-31T23:59:59+00:00',
      createdTime: '2026-11-02T15:00:00+00:00',
    });
    clock.advance(30_000);
    const second = poll();
    expect(second.processingStatus).toBe('IN_PROGRESS');
    expect(second.processingStartTime).toBe('2026-11-02T15:00:30+00:00');
    expect(second.processingEndTime).toBeUndefined();
    clock.advance(90_000);
    const done = poll();
    expect(done.processingStatus).toBe('DONE');
    expect(done.processingEndTime).toBe('2026-11-02T15:02:00+00:00');
    expect(done.reportDocumentId).toMatch(/^amzn1\.spdoc\.1\.4\.na\./);

    // 4. getReportDocument.
    const docRes = emulator.handle(spRequest('get', 'NA', `/reports/2021-06-30/documents/${encodeURIComponent(done.reportDocumentId)}`, { token }));
    expect(docRes.status).toBe(200);
    const doc = responseJson(docRes);
    expect(doc.reportDocumentId).toBe(done.reportDocumentId);
    expect(doc.compressionAlgorithm).toBe('GZIP');
    expect(doc.url).toMatch(/^https:\/\/tortuga-prod-na\.s3-external-1\.amazonaws\.com\/[0-9a-f]{32}\/amzn1\.tortuga\.4\.na\.[^?]+\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261102T150200Z&X-Amz-SignedHeaders=host&X-Amz-Expires=300&X-Amz-Credential=AKIA[A-Z0-9]+%2F20261102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=[0-9a-f]{64}$/);

    // 5. Download with a plain GET, gunzip, check the TSV.
    const download = emulator.handle({ url: doc.url, method: 'get', headers: {}, body: new Uint8Array(0) });
    expect(download.status).toBe(200);
    expect(download.headers['Content-Type']).toBe('text/plain;charset=UTF-8');
    expect(download.headers['Content-Encoding']).toBeUndefined();
    const text = fromUtf8(gunzip(download.body));
    expect(text).toBe(
      [
        '"Date"\t"FNSKU"\t"ASIN"\t"MSKU"\t"Title"\t"Event Type"\t"Reference ID"\t"Quantity"\t"Fulfillment Center"\t"Disposition"\t"Reason"\t"Country"\t"Reconciled Quantity"\t"Unreconciled Quantity"\t"Date and Time"',
        '"09/30/2026"\t"X00TESTFN1"\t"B00TESTAS1"\t"SKU-1"\t"Test product"\t"Shipments"\t"111-0000001-0000001"\t"-1"\t"PHX7"\t"SELLABLE"\t""\t"US"\t""\t""\t"2026-09-30T23:30:00-07:00"',
        '"10/03/2026"\t"X00TESTFN1"\t"B00TESTAS1"\t"SKU-1"\t"Test product"\t"Shipments"\t"111-1234567-7654321"\t"-2"\t"PHX7"\t"SELLABLE"\t""\t"US"\t""\t""\t"2026-10-03T10:15:00-07:00"',
        '',
      ].join('\n'),
    );
    // The window filters on the instant, the Date column is the local day: 09-30 23:30 -07:00 is
    // 10-01 06:30Z (inside, dated 09/30); 10-31 23:30 -07:00 is 11-01 06:30Z (outside).
    expect(tsvRecords(text).map((r) => r['Reference ID'])).toEqual(['111-0000001-0000001', '111-1234567-7654321']);

    expect(emulator.log.map((e) => `${e.operation} ${e.status}`)).toEqual([
      'lwaToken 200',
      'createReport 202',
      'getReport 200',
      'getReport 200',
      'getReport 200',
      'getReportDocument 200',
      'downloadDocument 200',
    ]);
    expect(emulator.report(reportId)).toMatchObject({ status: 'DONE', rowCount: 2 });
    expect(emulator.document(done.reportDocumentId)?.downloads).toBe(1);
  });

  it('serves every supported report type', () => {
    const { client } = env();
    const summary = client.runReport({
      reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA',
      marketplaceIds: [US],
      ...OCTOBER,
      reportOptions: { aggregateByLocation: 'COUNTRY', aggregatedByTimePeriod: 'MONTHLY' },
    });
    expect(summary.report.processingStatus).toBe('DONE');
    const rows = tsvRecords(fromUtf8(client.fetchDocument(summary.report.reportDocumentId).bytes));
    expect(rows.map((r) => [r.Date, r.MSKU, r.Disposition, r['Starting Warehouse Balance'], r['Customer Shipments'], r['Ending Warehouse Balance'], r.Location])).toEqual([
      ['10/01/2026', 'SKU-1', 'SELLABLE', '15', '-5', '130', 'US'],
      ['10/01/2026', 'SKU-1', 'CUSTOMER_DAMAGED', '0', '0', '1', 'US'],
    ]);

    const myi = client.runReport({ reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US] });
    const text = fromUtf8(client.fetchDocument(myi.report.reportDocumentId).bytes);
    const [header, first] = parseTsv(text);
    expect(header[0]).toBe('sku');
    expect(text.startsWith('sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\t')).toBe(true);
    expect(first.slice(0, 14)).toEqual(['SKU-1', 'X00TESTFN1', 'B00TESTAS1', 'Widget', 'New', '19.99', 'No', '', 'Yes', '128', '126', '0', '2', '168']);
    expect(myi.report.dataStartTime).toBe(myi.report.createdTime);
  });
});

describe('createReport rules', () => {
  it('answers 400 InvalidInput for a marketplace of another region, without a violation (user configuration)', () => {
    const { client, emulator } = env();
    const res = client.createReport(detailSpec({ marketplaceIds: [DE] }));
    expect(res.status).toBe(400);
    expect(responseJson(res).errors[0]).toMatchObject({ code: 'InvalidInput' });
    expect(responseJson(res).errors[0].message).toMatch(/not served by sellingpartnerapi-na\.amazon\.com; it belongs to the EU region/);
    expect(res.headers['x-amzn-RateLimit-Limit']).toBe('0.0167');
    expect(client.createReport(detailSpec({ marketplaceIds: ['NOTAMARKET'] })).status).toBe(400);
    expect(emulator.violations).toHaveLength(0);
  });

  it('serves India and the UK from the EU host and Japan from FE', () => {
    const eu = env({}, 'EU');
    for (const id of [IN, UK, DE]) expect(eu.client.createReport(detailSpec({ marketplaceIds: [id] })).status, id).toBe(202);
    expect(eu.client.createReport(detailSpec({ marketplaceIds: [JP] })).status).toBe(400);
    const fe = new TestClient(eu.emulator, 'FE');
    expect(fe.createReport(detailSpec({ marketplaceIds: [JP] })).status).toBe(202);
  });

  it('rejects eventType "" (Amazon: length ≥ 1) and records it', () => {
    const { client, emulator } = env();
    const res = client.createReport(detailSpec({ reportOptions: { eventType: '' } }));
    expect(res.status).toBe(400);
    expect(responseJson(res).errors[0].message).toBe(
      "1 validation error detected: Value '' at 'reportOptions.eventType' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(emulator.takeViolations()).toHaveLength(1);
  });

  it('accepts a comma list of event types like Amazon (an empty report), but records it', () => {
    const { client, emulator } = env();
    const { report } = client.runReport(detailSpec({ reportOptions: { eventType: 'Shipments,Receipts' } }));
    expect(report.processingStatus).toBe('CANCELLED');
    expect(report.reportDocumentId).toBeUndefined();
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/is not one event type/)]);
  });

  it('accepts a detail report without eventType (all types)', () => {
    const { client } = env();
    const { report } = client.runReport(detailSpec({ reportOptions: undefined }));
    const rows = tsvRecords(fromUtf8(client.fetchDocument(report.reportDocumentId).bytes));
    expect(rows.map((r) => r['Event Type'])).toEqual(['Shipments', 'Shipments', 'Receipts', 'CustomerReturns', 'Adjustments']);
  });

  it('requires the date range for ledger reports and refuses future or inverted ranges', () => {
    const { client, emulator } = env();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ dataStartTime: undefined }, /requires both dataStartTime and dataEndTime/],
      [{ dataEndTime: '2026-11-03T00:00:00Z' }, /dataEndTime .* must be prior to or equal to the current date and time/],
      [{ dataStartTime: '2026-10-31T00:00:00Z', dataEndTime: '2026-10-01T00:00:00Z' }, /is after dataEndTime/],
    ];
    for (const [extra, message] of cases) {
      const res = client.createReport(detailSpec(extra));
      expect(res.status).toBe(400);
      expect(responseJson(res).errors[0].message).toMatch(message);
      expect(emulator.takeViolations()).toHaveLength(1);
    }
  });

  it('checks summary options and unknown option keys', () => {
    const { client, emulator } = env();
    const summary = (reportOptions: Record<string, string>) =>
      client.createReport({ reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA', marketplaceIds: [US], ...OCTOBER, reportOptions });
    expect(summary({ aggregateByLocation: 'FC', aggregatedByTimePeriod: 'DAILY' }).status).toBe(202);
    expect(summary({ aggregateByLocation: 'FulfillmentCenter' }).status).toBe(400);
    expect(summary({ aggregatedByTimePeriod: 'YEARLY' }).status).toBe(400);
    expect(summary({ startDate: '2026-10-01' }).status).toBe(400);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      expect.stringMatching(/aggregateByLocation/),
      expect.stringMatching(/aggregatedByTimePeriod/),
      expect.stringMatching(/Invalid reportOption 'startDate'/),
    ]);
  });

  it('refuses report types it does not serve, and records options sent to MYI', () => {
    const { client, emulator } = env();
    expect(client.createReport(detailSpec({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA' })).status).toBe(400);
    expect(emulator.takeViolations()[0].message).toMatch(/Invalid reportType/);
    expect(client.createReport({ reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US], reportOptions: { eventType: 'Shipments' } }).status).toBe(202);
    expect(emulator.takeViolations()[0].message).toMatch(/takes no reportOptions/);
  });

  it('answers the schema errors with the ErrorList shape', () => {
    const { client, emulator } = env();
    const res = client.createReport({ reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', ...OCTOBER });
    expect(res.status).toBe(400);
    expect(responseJson(res)).toEqual({
      errors: [{ code: 'InvalidInput', message: 'body.marketplaceIds: required property marketplaceIds is missing', details: '' }],
    });
    expect(emulator.takeViolations().map((v) => [v.operation, v.message])).toEqual([
      ['createReport', 'body.marketplaceIds: required property marketplaceIds is missing'],
    ]);
    const bad = client.createReport(detailSpec({ dataStartTime: '2026-10-01' }));
    expect(bad.status).toBe(400);
    expect(emulator.takeViolations()[0].message).toMatch(/dataStartTime: .* is not an ISO 8601 date-time/);
    const wrongType = client.send({ ...spRequest('post', 'NA', '/reports/2021-06-30/reports', { token: client.token(), body: detailSpec() }), headers: { 'Content-Type': 'text/plain', 'x-amz-access-token': client.token(), 'User-Agent': 'A/1 (Language=JS)' } });
    expect(wrongType.status).toBe(415);
    expect(emulator.takeViolations()[0].message).toMatch(/Content-Type text\/plain is not accepted/);
  });

  it('answers 404 for a wrong path and records it', () => {
    const { client, emulator } = env();
    const res = client.call('get', '/reports/2020-09-04/reports?reportTypes=X');
    expect(res.status).toBe(404);
    expect(responseJson(res).errors[0].code).toBe('NotFound');
    expect(emulator.takeViolations()[0].message).toMatch(/no operation in the model matches GET \/reports\/2020-09-04\/reports/);
    expect(client.call('patch', '/reports/2021-06-30/reports/1').status).toBe(405);
    expect(emulator.takeViolations()).toHaveLength(1);
  });
});

describe('report lifecycle', () => {
  it('CANCELLED when the report has no data rows', () => {
    const { client, emulator } = env();
    const { reportId, report } = client.runReport(detailSpec({ reportOptions: { eventType: 'VendorReturns' } }));
    expect(report.processingStatus).toBe('CANCELLED');
    expect(report.reportDocumentId).toBeUndefined();
    expect(report.processingEndTime).toBeDefined();
    expect(emulator.report(reportId)).toMatchObject({ status: 'CANCELLED', rowCount: 0 });
  });

  it('a header-only DONE document when configured', () => {
    const { client } = env({ emptyReports: 'headerOnly', documentFormat: { compression: 'NONE' } });
    const { report } = client.runReport(detailSpec({ reportOptions: { eventType: 'VendorReturns' } }));
    expect(report.processingStatus).toBe('DONE');
    const { bytes, document } = client.fetchDocument(report.reportDocumentId);
    expect(document.compressionAlgorithm).toBeUndefined();
    expect(parseTsv(fromUtf8(bytes))).toHaveLength(1);
  });

  it('reads the dataset when processing ends', () => {
    const { client, emulator, clock } = env();
    const res = client.createReport(detailSpec({ reportOptions: { eventType: 'VendorReturns' } }));
    const { reportId } = responseJson(res);
    emulator.dataset.ledgerEvents.push({ ...emulator.dataset.ledgerEvents[1], eventType: 'VendorReturns', referenceId: 'REMOVAL-1' });
    clock.advance(120_000);
    expect(responseJson(client.getReport(reportId)).processingStatus).toBe('DONE');
  });

  it('cancelReport works only IN_QUEUE', () => {
    const { client, clock } = env();
    const a = responseJson(client.createReport(detailSpec())).reportId;
    const cancel = client.call('delete', `/reports/2021-06-30/reports/${a}`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.length).toBe(0);
    const report = responseJson(client.getReport(a));
    expect(report.processingStatus).toBe('CANCELLED');
    expect(report.processingStartTime).toBeUndefined();

    const b = responseJson(client.createReport(detailSpec())).reportId;
    clock.advance(31_000);
    const late = client.call('delete', `/reports/2021-06-30/reports/${b}`);
    expect(late.status).toBe(400);
    expect(responseJson(late).errors[0].message).toMatch(/only IN_QUEUE reports can be cancelled/);
  });

  it('404 for unknown reports and documents, for another region, and after 90 days', () => {
    const { client, emulator, clock } = env();
    expect(client.getReport('12345').status).toBe(404);
    expect(client.getReportDocument('amzn1.spdoc.1.4.na.nothing').status).toBe(404);
    const { reportId, report } = client.runReport(detailSpec());
    const eu = new TestClient(emulator, 'EU');
    expect(eu.getReport(reportId).status).toBe(404);
    clock.advance(91 * 86_400_000);
    client.login();
    expect(client.getReport(reportId).status).toBe(404);
    expect(client.getReportDocument(report.reportDocumentId).status).toBe(404);
    expect(emulator.violations).toHaveLength(0);
  });
});

describe('getReports', () => {
  function threeReports() {
    const e = env({ rateLimiting: false });
    const ids: string[] = [];
    for (const eventType of ['Shipments', 'Receipts', 'Adjustments']) {
      ids.push(responseJson(e.client.createReport(detailSpec({ reportOptions: { eventType } }))).reportId);
      e.clock.advance(60_000);
    }
    ids.push(responseJson(e.client.createReport({ reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US] })).reportId);
    return { ...e, ids };
  }

  it('filters by type, status and marketplace, newest first, and pages with nextToken alone', () => {
    const { client, ids } = threeReports();
    const all = responseJson(client.call('get', '/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&pageSize=2'));
    expect(all.reports.map((r: any) => r.reportId)).toEqual([ids[2], ids[1]]);
    expect(all.nextToken).toBeTruthy();
    const next = responseJson(client.call('get', `/reports/2021-06-30/reports?nextToken=${encodeURIComponent(all.nextToken)}`));
    expect(next.reports.map((r: any) => r.reportId)).toEqual([ids[0]]);
    expect(next.nextToken).toBeUndefined();

    const done = responseJson(client.call('get', '/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&processingStatuses=DONE,CANCELLED'));
    expect(done.reports.map((r: any) => `${r.reportId} ${r.processingStatus}`)).toEqual([`${ids[1]} DONE`, `${ids[0]} DONE`]);
    const inQueue = responseJson(client.call('get', '/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA,GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA&processingStatuses=IN_QUEUE'));
    expect(inQueue.reports.map((r: any) => r.reportId)).toEqual([ids[3]]);
    const otherMarket = responseJson(client.call('get', `/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&marketplaceIds=${FR}`));
    expect(otherMarket.reports).toEqual([]);
    const since = responseJson(client.call('get', '/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&createdSince=2026-11-02T15:01:00Z'));
    expect(since.reports.map((r: any) => r.reportId)).toEqual([ids[2], ids[1]]);
  });

  it('requires reportTypes or nextToken, and nextToken alone', () => {
    const { client, emulator } = threeReports();
    const none = client.call('get', `/reports/2021-06-30/reports?marketplaceIds=${US}`);
    expect(none.status).toBe(400);
    expect(responseJson(none).errors[0].message).toBe('Either reportTypes or nextToken is required.');
    const first = responseJson(client.call('get', '/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&pageSize=1'));
    const mixed = client.call('get', `/reports/2021-06-30/reports?nextToken=${encodeURIComponent(first.nextToken)}&pageSize=1`);
    expect(mixed.status).toBe(400);
    expect(responseJson(mixed).errors[0].message).toMatch(/nextToken must be the only parameter \(also sent: pageSize\)/);
    const forged = client.call('get', '/reports/2021-06-30/reports?nextToken=Zm9yZ2Vk');
    expect(forged.status).toBe(400);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      'Either reportTypes or nextToken is required.',
      expect.stringMatching(/nextToken must be the only parameter/),
      'nextToken was not issued by getReports',
    ]);
  });
});

describe('Pan-European visibility', () => {
  const euSpec = (marketplaceIds: string[]) => ({
    reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
    marketplaceIds,
    ...OCTOBER,
    reportOptions: { eventType: 'Shipments' },
  });
  const refs = (client: TestClient, marketplaceIds: string[]) => {
    const { report } = client.runReport(euSpec(marketplaceIds));
    if (report.processingStatus !== 'DONE') return [];
    return tsvRecords(fromUtf8(client.fetchDocument(report.reportDocumentId).bytes)).map((r) => `${r.Country} ${r['Reference ID']}`);
  };

  it('a non-Pan-EU seller sees each marketplace country only', () => {
    const { client } = env({ rateLimiting: false }, 'EU');
    expect(refs(client, [DE])).toEqual(['DE 302-1111111-1111111']);
    expect(refs(client, [FR])).toEqual(['FR 402-2222222-2222222']);
    expect(refs(client, [UK])).toEqual(['GB 202-3333333-3333333']);
  });

  it('a Pan-EU seller sees the same events from DE and from FR (the add-on must de-duplicate)', () => {
    const e = env({ rateLimiting: false }, 'EU');
    e.emulator.dataset.panEuropean = true;
    const fromDe = refs(e.client, [DE]);
    const fromFr = refs(e.client, [FR]);
    expect(fromDe).toEqual(['DE 302-1111111-1111111', 'FR 402-2222222-2222222']);
    expect(fromFr).toEqual(fromDe);
    expect(refs(e.client, [UK])).toEqual(['GB 202-3333333-3333333']);
    // One report for both marketplaces lists each event once by default…
    expect(refs(e.client, [DE, FR])).toEqual(fromDe);
    // …or once per marketplace when configured.
    e.emulator.setDocumentFormat({ multiMarketplaceRows: 'perMarketplace' });
    expect(refs(e.client, [DE, FR])).toEqual([...fromDe, ...fromDe]);
  });
});
