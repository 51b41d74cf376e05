/**
 * Hardening: concurrent executions through the built bundle (spec §6 "Safety of imports": the commit
 * happens in one execution under the document lock; "Fetch from Amazon": a poll advances the job
 * only if it gets the lock at once). Concurrency is simulated two ways: another execution holding
 * the document lock (`env.holdLock`), and a second call started from inside a fake call of the
 * first (the first is then mid-flight, holding whatever it holds). Nothing is ever written twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, fireTrigger, runOnOpen, FakeEnv } from '../fakes/index';
import { VirtualClock } from '../fakes/clock';
import { DEFAULT_CREDENTIALS, SpApiEmulator } from '../emulator/index';
import { sampleDataset } from '../emulator/fixtures';
import { dataRows, newEnv, snapshot } from './helpers';
import { book, US } from './reconcileFixture';
import type { ImportResult, JobStatus } from '../../src/shared/wire';

const BUSY = /Another FBA Lot Ledger task is writing to this workbook\. Try again in a moment\./;
const HEADER = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];

function detailFile(rows: Array<[string, string, string, string, number]>): string {
  const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;
  const lines = [HEADER.map(q).join('\t')];
  for (const [date, msku, event, ref, qty] of rows) {
    lines.push([date, 'X00FN', 'B00AS', msku, 'A title', event, ref, qty, 'PHX7', 'SELLABLE', '', 'US', '', '', ''].map(q).join('\t'));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64');
}

const FILE_A = detailFile([['03/02/2025', 'SKU-A', 'Shipments', 'R1', -2], ['03/03/2025', 'SKU-A', 'CustomerReturns', 'R1', 1]]);
const FILE_B = detailFile([['03/04/2025', 'SKU-B', 'Shipments', 'R2', -3]]);

/**
 * The first time the running code makes the fake call `call` (e.g. `Range.setValues`), runs
 * `inner` as if another execution started at that moment; the outer call then carries on.
 */
function during(env: FakeEnv, call: string | ((key: string) => boolean), inner: () => void): { fired: () => boolean } {
  let fired = false;
  const match = typeof call === 'string' ? (k: string) => k === call : call;
  const previous = env.options.latency;
  env.options.latency = (key) => {
    if (!fired && match(key)) {
      fired = true;
      inner();
    }
    return previous?.(key) ?? 0;
  };
  return { fired: () => fired };
}

function attempt(fn: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The ledger as sorted text, every column but the Source. */
function ledgerText(env: FakeEnv): string[] {
  return dataRows(env, 'FBA Ledger').map((r) => JSON.stringify(r.filter((_, i) => i !== 10))).sort();
}

function importsEnv(): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(Date.UTC(2025, 2, 20, 17, 0, 0));
  callFromClient(env, 'setupWorkbook');
  return env;
}

function importFile(env: FakeEnv, name: string, content: string): ImportResult {
  return callFromClient(env, 'importReportFile', [name, content, {}]) as ImportResult;
}

describe('two imports at once', () => {
  it('the second, started while the first commits, is refused clearly; nothing is written twice', () => {
    const env = importsEnv();
    let second: { value?: unknown; error?: string } = {};
    const hook = during(env, 'Range.setValues', () => {
      second = attempt(() => importFile(env, 'a.tsv', FILE_A));
    });
    const first = importFile(env, 'a.tsv', FILE_A);
    expect(hook.fired()).toBe(true);
    expect(first.status).toBe('OK');
    expect(second.error).toMatch(BUSY);
    const once = ledgerText(env);
    expect(once).toHaveLength(2);
    expect(dataRows(env, 'Import Log').map((l) => l[12]).sort()).toEqual(['FAILED', 'OK']);
    // Trying again later changes nothing (the first already wrote it).
    const again = importFile(env, 'a.tsv', FILE_A);
    expect([again.rowsWritten, again.rowsReplaced]).toEqual([0, 0]);
    expect(ledgerText(env)).toEqual(once);
  });

  it('a second import waits for a lock held briefly, then lands; the result equals importing one after the other', () => {
    const env = importsEnv();
    importFile(env, 'a.tsv', FILE_A);
    const t0 = env.clock.now();
    const held = env.holdLock('document', { until: t0 + 4_000 });
    const r = importFile(env, 'b.tsv', FILE_B);
    held.release();
    expect(r.status).toBe('OK');
    expect(env.clock.now() - t0).toBeGreaterThanOrEqual(4_000);

    const serial = importsEnv();
    importFile(serial, 'a.tsv', FILE_A);
    importFile(serial, 'b.tsv', FILE_B);
    expect(ledgerText(env)).toEqual(ledgerText(serial));
  });

  it('a different file started during the first commit is refused; importing it afterwards gives the serial result', () => {
    const env = importsEnv();
    let second: { value?: unknown; error?: string } = {};
    during(env, 'Range.setValues', () => {
      second = attempt(() => importFile(env, 'b.tsv', FILE_B));
    });
    importFile(env, 'a.tsv', FILE_A);
    expect(second.error).toMatch(BUSY);
    importFile(env, 'b.tsv', FILE_B);

    const serial = importsEnv();
    importFile(serial, 'a.tsv', FILE_A);
    importFile(serial, 'b.tsv', FILE_B);
    expect(ledgerText(env)).toEqual(ledgerText(serial));
  });
});

describe('an import while a month is being closed', () => {
  const FEB_FILE = detailFile([['02/10/2026', 'SKU1', 'VendorReturns', 'LATE-1', -1]]);

  it('an import started during closeMonth is refused; closing is complete; importing afterwards flags the closed month', () => {
    const env = book();
    let imported: { value?: unknown; error?: string } = {};
    during(env, (k) => k === 'Range.setValues' || k === 'Sheet.appendRow', () => {
      imported = attempt(() => importFile(env, 'late.tsv', FEB_FILE));
    });
    const closed = callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]) as { locations: string[] };
    expect(closed.locations).toEqual([US]);
    expect(imported.error).toMatch(BUSY);
    expect(dataRows(env, 'FBA Ledger').some((r) => r[9] === 'LATE-1')).toBe(false);
    const after = importFile(env, 'late.tsv', FEB_FILE);
    expect(after.status).toBe('CLOSED_MONTH_CHANGED');
    expect(dataRows(env, 'FBA Ledger').filter((r) => r[9] === 'LATE-1')).toHaveLength(1);
  });

  it('closeMonth started during an import\'s commit is refused and writes nothing; closing afterwards sees the import', () => {
    const env = book();
    let closing: { value?: unknown; error?: string } = {};
    let recoBefore = '';
    during(env, 'Range.setValues', () => {
      recoBefore = JSON.stringify(env.peek('Reconciliation'));
      closing = attempt(() => callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]));
    });
    importFile(env, 'late.tsv', FEB_FILE);
    expect(closing.error).toMatch(BUSY);
    expect(JSON.stringify(env.peek('Reconciliation'))).toBe(recoBefore);
    const review = callFromClient(env, 'getReconciliation', [{ month: '2026-02', location: US }]) as { closed: boolean };
    expect(review.closed).toBe(false);
  });
});

// ---- the fetch job ----------------------------------------------------------------------------

const USM = 'ATVPDKIKX0DER';
const START = Date.UTC(2026, 10, 2, 18, 0, 0);
let emulators: SpApiEmulator[] = [];
afterEach(() => {
  const list = emulators;
  emulators = [];
  for (const e of list) e.assertNoViolations();
});

function fetchWorld(): { env: FakeEnv; emulator: SpApiEmulator; clock: VirtualClock } {
  const clock = new VirtualClock(START);
  const emulator = new SpApiEmulator({ clock, dataset: sampleDataset() });
  emulators.push(emulator);
  const env = new FakeEnv({ http: emulator.handle, clock, manifest: 'appsscript.json', htmlDir: 'dist', timeZone: 'America/Los_Angeles' });
  callFromClient(env, 'setupWorkbook');
  runOnOpen(env, 'FULL');
  callFromClient(env, 'saveAmazonSettings', [{ ...DEFAULT_CREDENTIALS, region: 'NA', marketplaceIds: [USM] }]);
  return { env, emulator, clock };
}

function amazonSheets(env: FakeEnv): string {
  const all = JSON.parse(snapshot(env)) as { sheets: Array<{ name: string; rows: Array<Array<{ v: unknown } | null> | null> }> };
  const out: Record<string, string[]> = {};
  for (const s of all.sheets) {
    if (!['FBA Ledger', 'Amazon Receipts', 'Amazon Summary', 'Amazon Inventory'].includes(s.name)) continue;
    // Values without Source (a rerun may name newer reports), as a sorted list.
    const rows = s.rows.slice(1).filter((r) => r && r.some((c) => c && c.v !== '' && c.v !== null));
    const srcCol = s.name === 'FBA Ledger' ? 10 : s.name === 'Amazon Receipts' ? 5 : -2;
    out[s.name] = rows.map((r) => JSON.stringify(r!.map((c) => c?.v ?? '').filter((_, i, a) => i !== (srcCol < 0 ? a.length + srcCol : srcCol)))).sort();
  }
  return JSON.stringify(out);
}

/** A fault-free run of the same fetch, for comparison. */
function reference(): string {
  const w = fetchWorld();
  callFromClient(w.env, 'fetchAmazonReports', [{}]);
  let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
  for (let i = 0; i < 400 && status.state === 'RUNNING'; i++) {
    w.clock.advance(10_000);
    status = callFromClient(w.env, 'getJobStatus') as JobStatus;
  }
  expect(status.state).toBe('DONE');
  return amazonSheets(w.env);
}

describe('the fetch job under concurrent executions', () => {
  it.each([
    ['while the menu run holds the lock (mid-step)', 'UrlFetchApp.fetch'],
    ['while the menu run sleeps between steps', 'Utilities.sleep'],
  ])('the auto-import trigger firing %s: the job is stepped by one at a time, each report created once, the ledger equals a fault-free run', (_when, call) => {
    const want = reference();
    const w = fetchWorld();
    callFromClient(w.env, 'setAutoImport', [true]);
    const trigger = w.env.triggers.find((t) => t.eventType === 'ON_OPEN')!;
    // The menu run starts the job; its first matching call coincides with the workbook being opened elsewhere.
    let fired: { value?: unknown; error?: string } | null = null;
    during(w.env, (k) => k === call && w.emulator.count('createReport') > 0, () => {
      fired = attempt(() => fireTrigger(w.env, trigger));
    });
    let status = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    w.env.options.latency = undefined;
    expect(fired, 'the trigger fired').not.toBeNull();
    expect(fired!.error).toBeUndefined();
    for (let i = 0; i < 20 && status.state === 'RUNNING'; i++) {
      w.clock.advance(30_000);
      status = clickMenuItem(w.env, 'Fetch Amazon reports now') as JobStatus;
    }
    expect(status.state, status.message).toBe('DONE');
    // One job: every planned report created once, one Import Log line each.
    expect(w.emulator.count('createReport')).toBe(status.reportsTotal);
    expect(dataRows(w.env, 'Import Log')).toHaveLength(status.reportsTotal!);
    expect(amazonSheets(w.env)).toBe(want);
  });

  it('getJobStatus from two sidebars: a poll that finds the lock taken only reports, and the job converges', () => {
    const want = reference();
    const w = fetchWorld();
    callFromClient(w.env, 'fetchAmazonReports', [{}]);
    const inner: JobStatus[] = [];
    let status = callFromClient(w.env, 'getJobStatus') as JobStatus;
    for (let i = 0; i < 400 && status.state === 'RUNNING'; i++) {
      w.clock.advance(10_000);
      // The second sidebar polls while the first one's poll is talking to Amazon.
      const requestsBefore = { n: 0 };
      during(w.env, 'UrlFetchApp.fetch', () => {
        requestsBefore.n = w.emulator.log.length;
        inner.push(callFromClient(w.env, 'getJobStatus', [], { user: w.env.owner }) as JobStatus);
        expect(w.emulator.log.length, 'the inner poll sent a request').toBe(requestsBefore.n);
      });
      status = callFromClient(w.env, 'getJobStatus') as JobStatus;
      w.env.options.latency = undefined;
      // The other sidebar polls on its own too.
      const alone = callFromClient(w.env, 'getJobStatus', [], { user: w.env.owner }) as JobStatus;
      if (alone.state !== 'RUNNING') status = alone;
    }
    expect(status.state, status.message).toBe('DONE');
    expect(inner.length).toBeGreaterThan(0);
    for (const s of inner) expect(['RUNNING', 'DONE']).toContain(s.state);
    expect(w.emulator.count('createReport')).toBe(status.reportsTotal);
    expect(amazonSheets(w.env)).toBe(want);
  });

  it('fetchAmazonReports from a second sidebar while the first starts the job returns that job', () => {
    const w = fetchWorld();
    let inner: { value?: unknown; error?: string } = {};
    during(w.env, 'UrlFetchApp.fetch', () => {
      inner = attempt(() => callFromClient(w.env, 'fetchAmazonReports', [{}]));
    });
    const outer = callFromClient(w.env, 'fetchAmazonReports', [{}]) as JobStatus;
    w.env.options.latency = undefined;
    // Either the second call waited and got the same job, or it was refused clearly.
    if (inner.error !== undefined) expect(inner.error).toMatch(BUSY);
    else expect((inner.value as JobStatus).jobId).toBe(outer.jobId);
    const jobs = [...w.env.properties.document.data.keys()].filter((k) => /job/i.test(k));
    expect(jobs.length).toBeGreaterThan(0);
  });
});
