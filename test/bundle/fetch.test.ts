/**
 * Fetch from Amazon through the built bundle and the SP-API emulator (spec §6 "Fetch from Amazon",
 * §9 fetchAmazonReports / getJobStatus, §10 "Fetch Amazon reports now"): the resumable job driven
 * by the sidebar's polls alone or by the menu, under every fault the emulator injects. Each job
 * completes or fails clearly, each Amazon event lands exactly once, a failed job changes no sheet
 * but its FAILED line in the Import Log, and the emulator sees no request Amazon would refuse.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, runOnOpen, FakeEnv } from '../fakes/index';
import { VirtualClock } from '../fakes/clock';
import {
  DEFAULT_CREDENTIALS, LEDGER_DETAIL, LEDGER_SUMMARY, SpApiEmulator, emptyDataset, ledgerEvent, summaryRow,
  type SellerDataset, type SpApiEmulatorOptions,
} from '../emulator/index';
import { sampleDataset } from '../emulator/fixtures';
import { dataRows, snapshot } from './helpers';
import type { JobStatus } from '../../src/shared/wire';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
/** 2026-11-02 10:00 in Los Angeles (PST): yesterday is 2026-11-01. */
const START = Date.UTC(2026, 10, 2, 18, 0, 0);

interface World {
  clock: VirtualClock;
  emulator: SpApiEmulator;
  env: FakeEnv;
}

let current: World | null = null;

afterEach(() => {
  const w = current;
  current = null;
  w?.emulator.assertNoViolations();
});

function world(opts: {
  dataset?: SellerDataset;
  emulator?: Partial<SpApiEmulatorOptions>;
  marketplaceIds?: string[];
  region?: 'NA' | 'EU' | 'FE';
  latency?: (call: string) => number;
} = {}): World {
  const clock = new VirtualClock(START);
  const emulator = new SpApiEmulator({ dataset: opts.dataset ?? sampleDataset(), ...opts.emulator, clock });
  const env = new FakeEnv({
    http: emulator.handle, clock, manifest: 'appsscript.json', htmlDir: 'dist', timeZone: 'America/Los_Angeles', latency: opts.latency,
  });
  callFromClient(env, 'setupWorkbook');
  runOnOpen(env, 'FULL');
  callFromClient(env, 'saveAmazonSettings', [{
    ...DEFAULT_CREDENTIALS, region: opts.region ?? 'NA', marketplaceIds: opts.marketplaceIds ?? [US],
  }]);
  current = { clock, emulator, env };
  return current;
}

function fetch(w: World, dataStart: string | null, dataEnd: string | null): JobStatus {
  return callFromClient(w.env, 'fetchAmazonReports', [{ dataStart, dataEnd }]) as JobStatus;
}

/**
 * Polls getJobStatus every 10 s (as the open sidebar does) until the job ends, checking that no
 * poll sends more than one createReport and downloads more than one document.
 */
function pollToEnd(w: World, maxPolls = 400): JobStatus {
  let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
  for (let i = 0; i < maxPolls && status.state === 'RUNNING'; i++) {
    w.clock.advance(10_000);
    const creates = w.emulator.count('createReport');
    const documents = w.emulator.calls('downloadDocument').filter((c) => c.status === 200).length;
    const documentUrls = w.emulator.count('getReportDocument');
    status = callFromClient(w.env, 'getJobStatus') as JobStatus;
    expect(w.emulator.count('createReport') - creates).toBeLessThanOrEqual(1);
    expect(w.emulator.calls('downloadDocument').filter((c) => c.status === 200).length - documents).toBeLessThanOrEqual(1);
    expect(w.emulator.count('getReportDocument') - documentUrls).toBeLessThanOrEqual(4);
  }
  return status;
}

/** Clicks "Fetch Amazon reports now" until the job ends (the clock moves on between clicks). */
function menuToEnd(w: World, maxRuns = 20): JobStatus {
  let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
  for (let i = 0; i < maxRuns && status.state === 'RUNNING'; i++) {
    const before = w.clock.now();
    status = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    expect(w.clock.now() - before).toBeLessThan(6 * 60_000);
    w.clock.advance(30_000);
  }
  return status;
}

/** Every sheet but the Import Log and the hidden staging sheet. */
function dataSnapshot(env: FakeEnv): string {
  const all = JSON.parse(snapshot(env)) as { sheets: Array<{ name: string }> };
  all.sheets = all.sheets.filter((s) => s.name !== 'Import Log' && s.name !== 'FBA Staging');
  return JSON.stringify(all);
}

function day(v: unknown): string {
  return (v as Date).toISOString().slice(0, 10);
}

/** The ledger as a sorted list of [day, event, sku, qty, location, disposition, reason, reference]. */
function ledger(env: FakeEnv): string[] {
  return dataRows(env, 'FBA Ledger').map((r) => [day(r[0]), r[1], r[2], r[4], r[6], r[7], r[8], r[9]].join('|')).sort();
}

function receipts(env: FakeEnv): string[] {
  return dataRows(env, 'Amazon Receipts').map((r) => [day(r[0]), r[1], r[2], r[3], r[4]].join('|')).sort();
}

/** The sample seller's October events seen from the US marketplace. */
const OCTOBER_LEDGER = [
  // Order and adjustment IDs are not kept: only a removal's order ID is (spec §6 compaction).
  '2026-10-03|SHIPMENT|SKU-1|-2|FBA-US|SELLABLE||',
  '2026-10-05|RETURN|SKU-1|1|FBA-US|CUSTOMER_DAMAGED||',
  '2026-10-06|ADJUSTMENT|SKU-1|-1|FBA-US|SELLABLE|M|',
  '2026-10-31|SHIPMENT|SKU-1|-1|FBA-US|SELLABLE||',
];
const OCTOBER_RECEIPTS = ['2026-10-04|FBA-US|FBA15XYZ1234|SKU-1|120'];

function stagingRows(env: FakeEnv): number {
  const s = env.sheet('FBA Staging');
  return s ? Math.max(0, env.peek('FBA Staging').length - 1) : 0;
}

describe('fetchAmazonReports + getJobStatus polls', () => {
  it('fetches a month: each event once, one Import Log line per report, nothing left in staging', () => {
    const w = world();
    const started = fetch(w, '2026-10-01', '2026-10-31');
    expect(started).toMatchObject({ state: 'RUNNING', dataStart: '2026-10-01', dataEnd: '2026-10-31', reportsTotal: 6 });
    const done = pollToEnd(w);
    expect(done.state).toBe('DONE');
    expect(done.message).toMatch(/^Imported 2026-10-01 to 2026-10-31: 7 rows written, 0 replaced; 1 of 6 reports had no data\.$/);
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER);
    expect(receipts(w.env)).toEqual(OCTOBER_RECEIPTS);
    // The monthly summary, aggregated by country (the September row of the padded window is dropped).
    expect(dataRows(w.env, 'Amazon Summary').map((r) => [r[0], r[1], r[2], r[4], r[5], r[17]])).toEqual([
      ['2026-10', 'FBA-US', 'SKU-1', 'CUSTOMER_DAMAGED', 0, 1],
      ['2026-10', 'FBA-US', 'SKU-1', 'SELLABLE', 15, 130],
    ].sort((a, b) => String(a[3]).localeCompare(String(b[3]))));
    const log = dataRows(w.env, 'Import Log');
    expect(log.map((l) => [l[2], l[6], l[12]])).toEqual([
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'Shipments', 'OK'],
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'CustomerReturns', 'OK'],
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'VendorReturns', 'NO_DATA'],
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'Adjustments', 'OK'],
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'Receipts', 'OK'],
      ['GET_LEDGER_SUMMARY_VIEW_DATA', '', 'OK'],
    ]);
    for (const l of log) {
      expect(l[1]).toMatch(/^report:\d+$/);
      expect(l[3]).toBe('FBA-US');
      expect(day(l[4])).toBe(l[2] === 'GET_LEDGER_SUMMARY_VIEW_DATA' ? '2026-10-01' : '2026-10-01');
      expect(day(l[5])).toBe('2026-10-31');
    }
    expect(new Set(log.map((l) => l[1])).size).toBe(6);
    for (const r of dataRows(w.env, 'FBA Ledger')) expect(log.map((l) => l[1])).toContain(r[10]);
    expect(w.env.sheet('FBA Staging')?.hidden).toBe(true);
    expect(stagingRows(w.env)).toBe(0);
    // The sidebar shows the last day imported.
    const state = callFromClient(w.env, 'getSidebarState') as { amazon: { lastImportDay: string } };
    expect(state.amazon.lastImportDay).toBe('2026-10-31');
    // Every report was created with one event type, padded windows, and the summary's options.
    const created = w.emulator.reports();
    expect(created.map((r) => r.reportOptions.eventType ?? r.reportOptions.aggregateByLocation)).toEqual([
      'Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts', 'COUNTRY',
    ]);
    expect(created[0]).toMatchObject({ dataStartTime: '2026-09-30T00:00:00+00:00', dataEndTime: '2026-11-01T23:59:59+00:00', marketplaceIds: [US] });
  });

  it('fetching the same days again changes no sheet but the Import Log', () => {
    const w = world();
    fetch(w, '2026-10-01', '2026-10-31');
    expect(pollToEnd(w).state).toBe('DONE');
    const before = dataSnapshot(w.env);
    w.clock.advance(60 * 60_000);
    fetch(w, '2026-10-01', '2026-10-31');
    const again = pollToEnd(w);
    expect(again.message).toMatch(/0 rows written, 0 replaced/);
    expect(dataSnapshot(w.env)).toBe(before);
    expect(dataRows(w.env, 'Import Log')).toHaveLength(12);
  });

  it('a second fetchAmazonReports returns the running job and requests nothing more', () => {
    const w = world();
    const first = fetch(w, '2026-10-01', '2026-10-31');
    const creates = w.emulator.count('createReport');
    w.clock.advance(5_000);
    const second = fetch(w, '2026-09-01', '2026-09-30');
    expect(second).toMatchObject({ state: 'RUNNING', jobId: first.jobId, dataStart: '2026-10-01', dataEnd: '2026-10-31' });
    expect(w.emulator.count('createReport')).toBe(creates);
  });

  it('keeps the job only in document properties and sheets, and a poll without the lock only reports', () => {
    const w = world();
    fetch(w, '2026-10-01', '2026-10-31');
    w.clock.advance(10_000);
    callFromClient(w.env, 'getJobStatus');
    const keys = [...w.env.properties.document.data.keys()];
    expect(keys.filter((k) => k.startsWith('fba.job.r.'))).toHaveLength(6);
    expect(keys).toContain('fba.job');
    expect(w.env.properties.script.data.size).toBe(0);
    const held = w.env.holdLock('document');
    const requests = w.emulator.log.length;
    w.clock.advance(60_000);
    const status = callFromClient(w.env, 'getJobStatus') as JobStatus;
    expect(status.state).toBe('RUNNING');
    expect(w.emulator.log.length).toBe(requests);
    held.release();
    expect(pollToEnd(w).state).toBe('DONE');
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER);
  });

  it('refuses bad ranges, clamps the end to yesterday, and says when there is nothing to fetch', () => {
    const w = world();
    expect(() => fetch(w, '2026-13-01', null)).toThrow(/start date must be a date written YYYY-MM-DD/);
    expect(() => fetch(w, '2026-11-02', null)).toThrow(/end yesterday \(2026-11-01\)/);
    expect(() => fetch(w, '2026-10-10', '2026-10-01')).toThrow(/after the end date/);
    expect(() => fetch(w, '2024-01-01', '2024-01-31')).toThrow(/18 months/);
    const s = fetch(w, '2026-10-25', '2030-01-01');
    expect(s).toMatchObject({ state: 'RUNNING', dataStart: '2026-10-25', dataEnd: '2026-11-01', reportsTotal: 12 });
    expect(pollToEnd(w).state).toBe('DONE');
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER.filter((r) => r >= '2026-10-25'));
    // Every event type is imported up to yesterday: the default range is empty.
    const nothing = fetch(w, null, null);
    expect(nothing.state).toBe('DONE');
    expect(nothing.message).toMatch(/Nothing to fetch: every day up to yesterday \(2026-11-01\) is already imported/);
    // The next day, the default range is the one new day.
    w.clock.advance(24 * 60 * 60_000);
    expect(fetch(w, null, null)).toMatchObject({ state: 'RUNNING', dataStart: '2026-11-02', dataEnd: '2026-11-02' });
    expect(pollToEnd(w).state).toBe('DONE');
  });

  it('paces createReport and getReportDocument: a small burst, then about one a minute, and Amazon never throttles', () => {
    const dataset = emptyDataset();
    for (const month of ['08', '09', '10']) {
      for (const [eventType, quantity, reason] of [['Shipments', -2, ''], ['CustomerReturns', 1, ''], ['VendorReturns', -1, ''], ['Adjustments', -1, 'M'], ['Receipts', 10, '']] as const) {
        dataset.ledgerEvents.push(ledgerEvent({ dateTime: `2026-${month}-15T12:00:00-07:00`, eventType, quantity, reason, referenceId: `${eventType}-${month}` }));
      }
      dataset.ledgerSummary.push(summaryRow({ date: `2026-${month}-01`, startingWarehouseBalance: 10, customerShipments: -2 }));
    }
    const w = world({ dataset });
    fetch(w, '2026-08-01', '2026-10-31');
    const done = pollToEnd(w, 2_000);
    expect(done).toMatchObject({ state: 'DONE', reportsTotal: 18 });
    expect(w.emulator.stats.throttled).toBe(0);
    const creates = w.emulator.calls('createReport').map((c) => c.time);
    expect(creates).toHaveLength(18);
    // A bucket of 10 refilled once a minute: the i-th call comes at least (i - 10) minutes after the first.
    for (let i = 10; i < creates.length; i++) expect(creates[i] - creates[0]).toBeGreaterThanOrEqual((i - 9) * 60_000);
    const documents = w.emulator.calls('getReportDocument').map((c) => c.time);
    expect(documents).toHaveLength(18);
    for (let i = 10; i < documents.length; i++) expect(documents[i] - documents[0]).toBeGreaterThanOrEqual((i - 10) * 60_000);
    expect(dataRows(w.env, 'FBA Ledger')).toHaveLength(12);
    expect(dataRows(w.env, 'Amazon Receipts')).toHaveLength(3);
    expect(dataRows(w.env, 'Amazon Summary')).toHaveLength(3);
  });

  it('needs a connection', () => {
    const w = world();
    w.env.userProperties().data.clear();
    expect(() => fetch(w, null, null)).toThrow(/No Amazon connection is saved/);
  });
});

describe('Fetch Amazon reports now (menu)', () => {
  it('fetches the last 30 days within one execution or two, and toasts the outcome', () => {
    const w = world();
    const first = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    expect(w.clock.now() - START).toBeLessThan(5 * 60_000);
    expect(first.dataStart).toBe('2026-10-03');
    expect(first.dataEnd).toBe('2026-11-01');
    const done = first.state === 'RUNNING' ? menuToEnd(w) : first;
    expect(done.state).toBe('DONE');
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER.filter((r) => r >= '2026-10-03'));
    expect(w.env.ui.toasts.at(-1)?.message).toMatch(/^Imported 2026-10-03 to 2026-11-01/);
    // The next day the menu fetches the one new day.
    w.clock.advance(24 * 60 * 60_000);
    const next = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    expect(next).toMatchObject({ state: 'DONE', dataStart: '2026-11-02', dataEnd: '2026-11-02' });
    // And then there is nothing left to fetch.
    clickMenuItem(w.env, 'Fetch Amazon reports now');
    expect(w.env.ui.toasts.at(-1)?.message).toMatch(/Nothing to fetch/);
  });

  it('stops well before six minutes when Amazon is slow, and the next call resumes', () => {
    const w = world({ latency: (call) => (call.startsWith('UrlFetchApp.') ? 3_000 : 0) });
    w.emulator.faults.slowReports({ extraMs: 20 * 60_000, count: 2 });
    const first = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    expect(first.state).toBe('RUNNING');
    expect(w.clock.now() - START).toBeLessThan(5 * 60_000);
    expect(w.env.ui.toasts.at(-1)?.message).toMatch(/The fetch continues \(\d+ of 12 reports in\)/);
    const done = pollToEnd(w);
    expect(done.state).toBe('DONE');
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER.filter((r) => r >= '2026-10-03'));
  });
});

type Fault = (e: SpApiEmulator, w: World) => void;

const RECOVERABLE: Array<[string, Fault]> = [
  ['429 bursts on every operation', (e) => {
    e.faults.throttleNext('createReport', 3);
    e.faults.throttleNext('getReport', 6);
    e.faults.throttleNext('getReportDocument', 5);
    e.faults.throttleNext('lwaToken', 2);
  }],
  ['500 and 503 answers', (e) => {
    e.faults.failNext('createReport', 503, 2);
    e.faults.failNext('getReport', 500, 6);
    e.faults.failNext('getReportDocument', 503, 2);
    e.faults.failNext('downloadDocument', 500, 3);
    e.faults.failNext('lwaToken', 500, 1);
  }],
  ['slow reports', (e) => {
    e.faults.slowReports({ extraMs: 12 * 60_000, count: 3 });
    e.faults.slowReports({ extraMs: 5 * 60_000, phase: 'IN_QUEUE', count: 2 });
  }],
  ['expired document URLs', (e) => e.faults.expireFirstDownload({ times: 2, count: Infinity })],
  ['truncated gzip downloads', (e) => e.faults.truncateDownloads({ times: 1, count: Infinity })],
  ['truncated plain-text downloads', (e) => {
    e.faults.format({ format: { compression: 'NONE' }, count: Infinity });
    e.faults.truncateDownloads({ times: 2, count: 2 });
  }],
  ['windows-1252 documents', (e) => e.faults.windows1252({ count: Infinity })],
  ['access tokens revoked midway', (e, w) => {
    const original = w.env.http!;
    let calls = 0;
    w.env.setHttpHandler((req) => {
      if (++calls === 12) e.revokeAccessTokens();
      return original(req);
    });
  }],
];

const FATAL: Array<[string, Fault, RegExp]> = [
  ['a FATAL report with an error document', (e) => e.faults.fatalReports({ reportType: LEDGER_SUMMARY, document: { errorDetails: 'Report generation failed: the date range is not supported.' } }),
    /could not produce the summary report for 2026-10 \(FATAL\): Report generation failed: the date range is not supported\./],
  ['a FATAL report with a text error document', (e) => e.faults.fatalReports({ reportType: LEDGER_DETAIL, document: 'Too many rows requested' }),
    /could not produce the Shipments report for 2026-10 \(FATAL\): Too many rows requested/],
  ['a FATAL report without a document', (e) => e.faults.fatalReports({ document: null }), /\(FATAL\) and gave no reason/],
  ['downloads always cut short', (e) => e.faults.truncateDownloads({ times: 99, count: 1 }),
    /The Shipments report for 2026-10 could not be downloaded after 4 tries: the download was cut short \(\d+ of \d+ bytes\)/],
  ['an expired client secret (invalid_client)', (e) => e.expireClientSecret(), /invalid_client.*rotated every 180 days/],
  ['a revoked refresh token (invalid_grant)', (e) => e.revokeRefreshToken(), /invalid_grant.*authorize the app again/],
];

describe.each([['getJobStatus polls', pollToEnd], ['the menu', menuToEnd]] as const)('the job driven by %s', (_how, drive) => {
  it.each(RECOVERABLE)('completes under %s, each event once', (_name, fault) => {
    const w = world();
    fault(w.emulator, w);
    fetch(w, '2026-10-01', '2026-10-31');
    const done = drive(w);
    expect(done.state, done.message).toBe('DONE');
    expect(ledger(w.env)).toEqual(OCTOBER_LEDGER);
    expect(receipts(w.env)).toEqual(OCTOBER_RECEIPTS);
    expect(dataRows(w.env, 'Import Log').map((l) => l[12])).toEqual(['OK', 'OK', 'NO_DATA', 'OK', 'OK', 'OK']);
    expect(stagingRows(w.env)).toBe(0);
  });

  it.each(FATAL)('fails clearly on %s and changes no sheet but its FAILED line', (_name, fault, message) => {
    const w = world();
    // A previous import: the failed job must leave it as it is.
    w.env.seed('FBA Ledger', [['2026-10-03', 'SHIPMENT', 'SKU-1', 'UNSPECIFIED', -9, '', 'FBA-US', 'SELLABLE', '', 'old', 'report:1', 'k1:0000000000000000']], 'A2');
    const before = dataSnapshot(w.env);
    fault(w.emulator, w);
    fetch(w, '2026-10-01', '2026-10-31');
    const failed = drive(w);
    expect(failed.state).toBe('FAILED');
    expect(failed.message).toMatch(message);
    expect(failed.message).toMatch(/Nothing was written to the workbook; run the fetch again when the cause is fixed\.$/);
    expect(dataSnapshot(w.env)).toBe(before);
    expect(stagingRows(w.env)).toBe(0);
    const log = dataRows(w.env, 'Import Log');
    expect(log.map((l) => l[12])).toEqual(['FAILED']);
    expect(String(log[0][11])).toMatch(message);
    // The job stays failed: polls only report it.
    const requests = w.emulator.log.length;
    expect((callFromClient(w.env, 'getJobStatus') as JobStatus).state).toBe('FAILED');
    expect(w.emulator.log.length).toBe(requests);
  });
});

describe('reports Amazon cancels', () => {
  it('a CANCELLED report is NO_DATA: it deletes nothing', () => {
    const w = world();
    fetch(w, '2026-10-01', '2026-10-31');
    expect(pollToEnd(w).state).toBe('DONE');
    const before = dataSnapshot(w.env);
    w.emulator.faults.cancelReports({ count: Infinity });
    fetch(w, '2026-10-01', '2026-10-31');
    const done = pollToEnd(w);
    expect(done.state).toBe('DONE');
    expect(done.message).toMatch(/6 of 6 reports had no data/);
    expect(dataSnapshot(w.env)).toBe(before);
    const log = dataRows(w.env, 'Import Log').slice(6);
    expect(log.map((l) => l[12])).toEqual(Array(6).fill('NO_DATA'));
    expect(String(log[0][11])).toMatch(/Amazon cancelled the report/);
    expect(log.map((l) => [l[3], day(l[4]), day(l[5])])).toEqual(Array(6).fill(['FBA-US', '2026-10-01', '2026-10-31']));
  });
});

describe('documents', () => {
  it('reads windows-1252 text by the Content-Type charset', () => {
    const dataset = emptyDataset();
    dataset.ledgerEvents = [
      ledgerEvent({ dateTime: '2026-10-12T10:00:00-07:00', msku: 'CAFÉ-€1', title: 'Crème brûlée', quantity: -2, referenceId: 'Ré-1' }),
      ledgerEvent({ dateTime: '2026-10-13T10:00:00-07:00', msku: 'CAFÉ-€1', eventType: 'VendorReturns', disposition: 'SELLABLE', quantity: -1, referenceId: 'Rémoval-€' }),
    ];
    const w = world({ dataset });
    w.emulator.faults.windows1252({ count: Infinity });
    fetch(w, '2026-10-01', '2026-10-31');
    expect(pollToEnd(w).state).toBe('DONE');
    expect(ledger(w.env)).toEqual([
      '2026-10-12|SHIPMENT|CAFÉ-€1|-2|FBA-US|SELLABLE||',
      '2026-10-13|REMOVAL|CAFÉ-€1|-1|FBA-US|SELLABLE||Rémoval-€',
    ]);
  });

  it('counts Pan-European events once across the marketplaces of the connection', () => {
    const dataset = sampleDataset();
    dataset.panEuropean = true;
    const w = world({ dataset, region: 'EU', marketplaceIds: [DE, FR] });
    fetch(w, '2026-10-01', '2026-10-31');
    expect(pollToEnd(w).state).toBe('DONE');
    expect(ledger(w.env)).toEqual([
      '2026-10-07|SHIPMENT|EU-SKU|-1|FBA-EU|SELLABLE||',
      '2026-10-08|SHIPMENT|EU-SKU|-3|FBA-EU|SELLABLE||',
    ]);
    expect(dataRows(w.env, 'Import Log').every((l) => l[3] === 'FBA-EU')).toBe(true);
  });

  it('fails the job when a sheet lost a column before the commit, and changes nothing', () => {
    const w = world();
    fetch(w, '2026-10-01', '2026-10-31');
    w.env.seed('Amazon Receipts', [['Day']], 'A1');
    const before = dataSnapshot(w.env);
    const failed = pollToEnd(w);
    expect(failed.state).toBe('FAILED');
    expect(failed.message).toMatch(/Sheet "Amazon Receipts" column 1 should be "Date" but reads "Day"/);
    expect(dataSnapshot(w.env)).toBe(before);
    expect(stagingRows(w.env)).toBe(0);
  });
});
