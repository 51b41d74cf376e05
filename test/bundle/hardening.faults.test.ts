/**
 * Hardening: a fault at every step of the fetch job (spec §6 "Fetch from Amazon": resumable, retries
 * where retrying helps; "Safety of imports": all or nothing; §11). Each step — the token exchange,
 * createReport, the status poll, the document URL, the download, the sheet write — throws once, as
 * a network failure or a failing Sheets call; the job (run again when it failed) must end with the
 * same sheets as a fault-free run. A run killed by the 6-minute limit at any point resumes and
 * converges too. Secrets then appear nowhere after a full run with faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, fireTrigger, runOnOpen, FakeEnv } from '../fakes/index';
import { VirtualClock } from '../fakes/clock';
import type { FakeHttpRequest } from '../fakes/http';
import { DEFAULT_CREDENTIALS, SpApiEmulator } from '../emulator/index';
import { sampleDataset } from '../emulator/fixtures';
import { dataRows, snapshot } from './helpers';
import type { JobStatus } from '../../src/shared/wire';

const US = 'ATVPDKIKX0DER';
/** 2026-11-02 10:00 in Los Angeles. */
const START = Date.UTC(2026, 10, 2, 18, 0, 0);
const RANGE = { dataStart: '2026-10-01', dataEnd: '2026-10-31' };

interface World {
  env: FakeEnv;
  emulator: SpApiEmulator;
  clock: VirtualClock;
}

let emulators: SpApiEmulator[] = [];
afterEach(() => {
  const list = emulators;
  emulators = [];
  for (const e of list) e.assertNoViolations();
});

function world(): World {
  const clock = new VirtualClock(START);
  const emulator = new SpApiEmulator({ clock, dataset: sampleDataset() });
  emulators.push(emulator);
  const env = new FakeEnv({ http: emulator.handle, clock, manifest: 'appsscript.json', htmlDir: 'dist', timeZone: 'America/Los_Angeles' });
  callFromClient(env, 'setupWorkbook');
  runOnOpen(env, 'FULL');
  callFromClient(env, 'saveAmazonSettings', [{ ...DEFAULT_CREDENTIALS, region: 'NA', marketplaceIds: [US] }]);
  // Something already in the workbook that a fetch of October must replace or keep.
  env.seed('FBA Ledger', [
    ['2026-09-01', 'TRANSFER', 'SKU-1', 'LOT-1', 200, '', 'FBA-US', '', '', 'FBA15XYZ1234', 'manual', ''],
    ['2026-10-03', 'SHIPMENT', 'SKU-1', 'UNSPECIFIED', -9, '', 'FBA-US', 'SELLABLE', '', 'stale', 'report:1', 'k1:0000000000000000'],
  ], 'A2');
  return { env, emulator, clock };
}

function attempt(fn: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The data sheets as sorted rows, without the Source column (a rerun may name newer reports). */
function dataSheets(env: FakeEnv): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const sourceCol: Record<string, number> = { 'FBA Ledger': 10, 'Amazon Receipts': 5 };
  for (const name of ['FBA Ledger', 'Amazon Receipts', 'Amazon Summary', 'Amazon Inventory']) {
    const rows = dataRows(env, name);
    const header = env.peek(name)[0] as string[];
    const src = sourceCol[name] ?? header.indexOf('Source');
    out[name] = rows.map((r) => JSON.stringify(r.map((c) => (c instanceof Date ? c.toISOString() : c)).filter((_, i) => i !== src))).sort();
  }
  return out;
}

function staging(env: FakeEnv): number {
  return env.sheet('FBA Staging') ? Math.max(0, env.peek('FBA Staging').length - 1) : 0;
}

/** Polls every 10 s until the job ends; a FAILED job is started again (once per failure, up to 3). */
function driveByPolls(w: World): { status: JobStatus; restarts: number; messages: string[] } {
  let restarts = 0;
  const messages: string[] = [];
  let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
  for (let i = 0; i < 600; i++) {
    if (status.state === 'FAILED') {
      messages.push(status.message);
      if (restarts >= 3) break;
      restarts++;
      const r = attempt(() => callFromClient(w.env, 'fetchAmazonReports', [RANGE]));
      if (r.error) messages.push(r.error);
    } else if (status.state !== 'RUNNING') break;
    w.clock.advance(10_000);
    const r = attempt(() => callFromClient(w.env, 'getJobStatus'));
    if (r.error !== undefined) {
      // A poll may fail (the sidebar shows the error and polls again).
      messages.push(r.error);
      continue;
    }
    status = r.value as JobStatus;
  }
  return { status, restarts, messages };
}

let referenceSheets: Record<string, string[]> | null = null;
function reference(): Record<string, string[]> {
  if (referenceSheets) return referenceSheets;
  const w = world();
  callFromClient(w.env, 'fetchAmazonReports', [RANGE]);
  const { status } = driveByPolls(w);
  expect(status.state).toBe('DONE');
  referenceSheets = dataSheets(w.env);
  // The seeded row's Key does not match its content (as if a person edited it): it is kept.
  expect(referenceSheets['FBA Ledger'].filter((r) => r.includes('stale'))).toHaveLength(1);
  return referenceSheets;
}

type Step = [string, (req: FakeHttpRequest) => boolean];
const STEPS: Step[] = [
  ['the token exchange', (r) => r.url.startsWith('https://api.amazon.com/auth/o2/token')],
  ['createReport', (r) => r.method === 'post' && /\/reports\/2021-06-30\/reports$/.test(r.url)],
  ['the status poll', (r) => r.method === 'get' && /\/reports\/2021-06-30\/reports\/[^/?]+$/.test(r.url)],
  ['the document URL', (r) => /\/reports\/2021-06-30\/documents\//.test(r.url)],
  ['the download', (r) => /amazonaws\.com\//.test(r.url)],
];

describe('a network failure once at each step of the job', () => {
  it.each(STEPS.flatMap(([name, match]) => (name === 'the token exchange' ? [1] : [1, 3]).map((n) => [name, n, match]) as Array<[string, number, Step[1]]>))(
    '%s (request #%i of its kind) fails once: the job converges to the fault-free sheets',
    (_name, nth, match) => {
      const want = reference();
      const w = world();
      let seen = 0;
      w.env.setHttpHandler((req) => {
        if (match(req) && ++seen === nth) throw new Error('connection reset');
        return w.emulator.handle(req);
      });
      callFromClient(w.env, 'fetchAmazonReports', [RANGE]);
      const { status, messages } = driveByPolls(w);
      expect(seen, 'the fault was reached').toBeGreaterThanOrEqual(nth);
      expect(status.state, messages.join(' / ')).toBe('DONE');
      expect(dataSheets(w.env)).toEqual(want);
      expect(staging(w.env)).toBe(0);
      for (const m of messages) expect(m).not.toMatch(/undefined|\[object Object\]/);
    },
  );
});

/** Makes the fake call `call` throw once, at its `nth` occurrence counted from now. */
function throwOnce(env: FakeEnv, call: string, nth: number, message = 'Service Spreadsheets failed while accessing document with id 1FakeSpreadsheetId.'): () => number {
  let seen = 0;
  env.options.latency = (key) => {
    if (key === call && ++seen === nth) throw new Error(message);
    return 0;
  };
  return () => seen;
}

describe('a failing sheet write during the commit', () => {
  it.each([
    ['Range.setValues', 1], ['Range.setValues', 2], ['Range.setValues', 4],
    ['Sheet.deleteRows', 1], ['Range.getValues', 20],
  ])('%s failing once (occurrence %i): the job converges to the fault-free sheets', (call, nth) => {
    const want = reference();
    const w = world();
    const seen = throwOnce(w.env, call, nth);
    callFromClient(w.env, 'fetchAmazonReports', [RANGE]);
    const { status, messages } = driveByPolls(w);
    w.env.options.latency = undefined;
    expect(seen(), 'the fault was reached').toBeGreaterThanOrEqual(nth);
    expect(status.state, messages.join(' / ')).toBe('DONE');
    expect(dataSheets(w.env)).toEqual(want);
    expect(staging(w.env)).toBe(0);
  });
});

describe('the 6-minute limit', () => {
  /** Kills the execution at the `nth` occurrence of `call`: that call costs seven minutes. */
  function killAt(env: FakeEnv, call: string, nth: number): () => number {
    let seen = 0;
    env.options.latency = (key) => (key === call && ++seen === nth ? 7 * 60_000 : 0);
    return () => seen;
  }

  it.each([
    ['UrlFetchApp.fetch', 2], ['UrlFetchApp.fetch', 9], ['UrlFetchApp.fetch', 20],
    ['Range.setValues', 1], ['Range.setValues', 3], ['Sheet.deleteRows', 1],
  ])('a menu run killed at %s #%i resumes on the next run and converges', (call, nth) => {
    const want = reference();
    const w = world();
    const seen = killAt(w.env, call, nth);
    let status: JobStatus | null = null;
    const errors: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = attempt(() => clickMenuItem(w.env, 'Fetch Amazon reports now'));
      if (r.error !== undefined) errors.push(r.error);
      else status = r.value as JobStatus;
      if (status && status.state !== 'RUNNING') break;
      w.clock.advance(30_000);
    }
    w.env.options.latency = undefined;
    expect(seen(), 'the kill was reached').toBeGreaterThanOrEqual(nth);
    expect(errors.some((e) => /Exceeded maximum execution time/.test(e))).toBe(true);
    if (!status || status.state !== 'DONE') {
      // The run that was killed may have left the job RUNNING; polls finish it.
      status = driveByPolls(w).status;
    }
    expect(status.state, status.message).toBe('DONE');
    const got = dataSheets(w.env);
    expect(got).toEqual(want);
    expect(staging(w.env)).toBe(0);
  });
});

describe('secrets after a full fetch run with faults at every step', () => {
  it('appear in no cell, no document or script property, no log line, no toast and no returned object', () => {
    const w = world();
    const returned: unknown[] = [];
    const call = (fn: () => unknown) => returned.push(attempt(fn));
    let n = 0;
    // Every step fails once in a while, as a network error or an Amazon error.
    w.env.setHttpHandler((req) => {
      n++;
      if (n % 7 === 3) throw new Error(`connection reset (${req.method})`);
      return w.emulator.handle(req);
    });
    w.emulator.faults.failNext('lwaToken', 500, 1);
    w.emulator.faults.throttleNext('createReport', 2);
    w.emulator.faults.failNext('getReport', 503, 2);
    w.emulator.faults.expireFirstDownload({ times: 1, count: 2 });
    w.emulator.faults.truncateDownloads({ times: 1, count: 1 });
    call(() => callFromClient(w.env, 'testAmazonConnection'));
    call(() => callFromClient(w.env, 'fetchAmazonReports', [RANGE]));
    throwOnce(w.env, 'Range.setValues', 2);
    for (let i = 0; i < 300; i++) {
      w.clock.advance(10_000);
      const r = attempt(() => callFromClient(w.env, 'getJobStatus'));
      returned.push(r);
      const s = r.value as JobStatus | undefined;
      if (s && s.state === 'FAILED') call(() => callFromClient(w.env, 'fetchAmazonReports', [RANGE]));
      else if (s && s.state === 'DONE') break;
    }
    w.env.options.latency = undefined;
    call(() => callFromClient(w.env, 'getSidebarState'));
    call(() => callFromClient(w.env, 'getImportLog', [20]));
    call(() => callFromClient(w.env, 'setAutoImport', [true]));
    w.clock.advance(24 * 60 * 60_000);
    call(() => fireTrigger(w.env, w.env.triggers.find((t) => t.eventType === 'ON_OPEN')!));
    call(() => clickMenuItem(w.env, 'Fetch Amazon reports now'));
    w.emulator.revokeAccessTokens();
    call(() => clickMenuItem(w.env, 'Fetch Amazon reports now'));
    w.emulator.expireClientSecret();
    w.env.userProperties().data.delete(`fba.amazon.token.${w.env.spreadsheet.id}`);
    w.clock.advance(24 * 60 * 60_000);
    call(() => callFromClient(w.env, 'fetchAmazonReports', [{}]));
    call(() => callFromClient(w.env, 'getJobStatus'));
    call(() => callFromClient(w.env, 'testAmazonConnection'));

    const secrets = [
      DEFAULT_CREDENTIALS.clientId, DEFAULT_CREDENTIALS.clientSecret, DEFAULT_CREDENTIALS.refreshToken,
      ...w.emulator.lwa.tokens.keys(),
    ];
    expect(w.emulator.lwa.tokens.size).toBeGreaterThan(1);
    expect(dataRows(w.env, 'FBA Ledger').length).toBeGreaterThan(2);
    const cells = w.env.spreadsheet.sheets.flatMap((s) => [s.name, ...s.rows.flatMap((r) => (r ?? []).map((c) => (c ? `${String(c.v)} ${c.f ?? ''} ${JSON.stringify(c)}` : '')))]);
    const places: Record<string, string> = {
      cells: cells.join('\n'),
      namedRanges: JSON.stringify([...w.env.spreadsheet.namedRanges.keys()]),
      documentProperties: JSON.stringify([...w.env.properties.document.data]),
      scriptProperties: JSON.stringify([...w.env.properties.script.data]),
      caches: JSON.stringify([w.env.caches.document, w.env.caches.script].map((c) => [...((c as unknown as { data?: Map<string, unknown> }).data ?? new Map())])),
      logs: w.env.logs.map((l) => `${l.message}`).join('\n'),
      toasts: JSON.stringify(w.env.ui.toasts),
      alerts: JSON.stringify(w.env.ui.alerts),
      returned: JSON.stringify(returned),
      snapshot: snapshot(w.env),
    };
    expect(places.returned).toMatch(/connection reset|DONE/);
    for (const [where, text] of Object.entries(places)) {
      for (const s of secrets) expect(text.includes(s), `${where} holds a secret (${s.slice(0, 6)}…)`).toBe(false);
    }
    // The secrets live only in the user's own properties.
    const mine = JSON.stringify([...w.env.userProperties().data]);
    expect(mine).toContain(DEFAULT_CREDENTIALS.clientSecret);
  });
});

describe('a staging sheet broken by hand during a job', () => {
  it('fails the job with a message naming the sheet instead of leaving it running forever', () => {
    const w = world();
    callFromClient(w.env, 'fetchAmazonReports', [RANGE]);
    let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
    const before = JSON.stringify(dataRows(w.env, 'FBA Ledger'));
    let broke = false;
    const errors: string[] = [];
    for (let i = 0; i < 200 && status.state === 'RUNNING'; i++) {
      w.clock.advance(10_000);
      if (!broke && w.env.sheet('FBA Staging')) {
        broke = true;
        w.env.seed('FBA Staging', [['Nope']], 'A1');
      }
      const r = attempt(() => callFromClient(w.env, 'getJobStatus'));
      if (r.error !== undefined) errors.push(r.error);
      else status = r.value as JobStatus;
    }
    expect(broke).toBe(true);
    expect(status.state).toBe('FAILED');
    expect(status.message).toMatch(/Sheet "FBA Staging" column 1 should be "Job" but reads "Nope"/);
    expect(errors.length).toBeLessThanOrEqual(1);
    expect(JSON.stringify(dataRows(w.env, 'FBA Ledger'))).toBe(before);
    expect(dataRows(w.env, 'Import Log').map((l) => l[12])).toEqual(['FAILED']);
  });
});
