/**
 * Fetch from Amazon (spec §6, §9): test the connection, start (or return) the resumable job, let
 * the sidebar's polls advance it one step at a time, let the menu and the on-open trigger advance
 * it within one execution, and switch auto-import on and off.
 */
import { type Day, isoFromDay } from '../../core/days';
import { InputError } from '../../core/errors';
import { marketplace } from '../../core/spapi/marketplaces';
import type { AmazonSettingsView, FetchRequest, JobStatus, TestConnectionResult } from '../../shared/wire';
import { lastCoveredByType, refreshLastImportDay } from '../coverage';
import type { ReconcileHooks } from '../import';
import type { Deps } from '../ports';
import { SheetStager } from '../staging';
import { AmazonError, SpApiClient } from './client';
import { AUTO_IMPORT_OWNER_KEY, LAST_IMPORT_DAY_KEY, loadCredentials, settingsView, type Credentials } from './connection';
import { defaultRange, jobStatus, loadJob, nextWakeAt, parseRange, startJob, stepJob, type Job, type JobContext } from './job';

/** The installable on-open trigger's handler (a top-level function in src/main.ts). */
export const AUTO_IMPORT_HANDLER = 'onOpenAutoImport';
/** The day (spreadsheet zone) auto-import last started a fetch: at most one a day. */
export const AUTO_IMPORT_LAST_RUN_KEY = 'fba.autoImport.lastRun';

/** A menu or trigger run stops advancing the job after this long, well before Apps Script's 6 minutes. */
export const RUN_BUDGET_MS = 270_000;
/** Amazon keeps 18 months of ledger history. */
const HISTORY_DAYS = 547;
const REPORTS_PATH = '/reports/2021-06-30';

export interface FetchEnv {
  deps: Deps;
  hooks: ReconcileHooks;
  /** Session's temporary key of the user running this execution ('' when unknown). */
  userKey: string;
}

function today(deps: Deps): Day {
  return deps.workbook.days.dayOf(new Date(deps.clock.now()));
}

const NOT_CONNECTED = 'No Amazon connection is saved for this workbook under your account: fill in Import ▸ Amazon connection first.';

export function requireCredentials(deps: Deps): Credentials {
  const creds = loadCredentials(deps.userProps, deps.workbook.id());
  if (!creds) throw new InputError(NOT_CONNECTED);
  return creds;
}

function client(deps: Deps, creds: Credentials): SpApiClient {
  return new SpApiClient({ http: deps.http, clock: deps.clock, userProps: deps.userProps, spreadsheetId: deps.workbook.id() }, creds);
}

function context(env: FetchEnv, creds: Credentials): JobContext & { stager: SheetStager } {
  const { deps } = env;
  return { deps, client: client(deps, creds), creds, stager: new SheetStager(deps, env.hooks, creds), codec: deps.codec };
}

// ---- test connection ------------------------------------------------------------------------------

/** `testAmazonConnection`: a token from Login with Amazon, then one cheap Reports call. */
export function testConnection(env: FetchEnv): TestConnectionResult {
  const creds = loadCredentials(env.deps.userProps, env.deps.workbook.id());
  if (!creds) return { ok: false, message: NOT_CONNECTED };
  const c = client(env.deps, creds);
  try {
    c.accessToken(true);
    c.call('get', `${REPORTS_PATH}/reports`, { query: { reportTypes: 'GET_LEDGER_DETAIL_VIEW_DATA', pageSize: '1' } });
  } catch (err) {
    if (err instanceof AmazonError) return { ok: false, message: err.message };
    throw err;
  }
  const countries = creds.marketplaceIds.map((id) => marketplace(id)?.country ?? id).join(', ');
  return {
    ok: true,
    message: `Connected: Login with Amazon issued a token and the Reports API (${creds.region}) answered. Reports for ${countries} can be fetched.`,
  };
}

// ---- ranges -----------------------------------------------------------------------------------------

function nothingToFetch(message: string): JobStatus {
  return { state: 'DONE', step: 'DONE', progress: 1, message, jobId: null, reportsDone: 0, reportsTotal: 0 };
}

/** The default range: after the last day imported (per event type) up to yesterday, or the last 30 days. */
export function defaultFetchRange(deps: Deps): { first: Day; last: Day } | null {
  const yesterday = today(deps) - 1;
  const range = defaultRange(lastCoveredByType(deps.workbook), yesterday);
  if (!range) return null;
  return { first: Math.max(range.first, yesterday - HISTORY_DAYS + 1), last: range.last };
}

function requestedRange(deps: Deps, request: FetchRequest | null | undefined): { first: Day; last: Day } | null {
  const { first, last } = parseRange(request?.dataStart, request?.dataEnd);
  if (first === null && last === null) return defaultFetchRange(deps);
  const yesterday = today(deps) - 1;
  const end = Math.min(last ?? yesterday, yesterday);
  const start = first ?? end - 29;
  if (start > yesterday) {
    throw new InputError(`Amazon's reports end yesterday (${isoFromDay(yesterday)}): choose a start date on or before it`);
  }
  if (start > end) throw new InputError(`The start date ${isoFromDay(start)} is after the end date ${isoFromDay(end)}`);
  const earliest = yesterday - HISTORY_DAYS + 1;
  if (start < earliest) {
    throw new InputError(`Amazon keeps the inventory ledger for 18 months: choose a start date on or after ${isoFromDay(earliest)}`);
  }
  return { first: start, last: end };
}

// ---- the job ----------------------------------------------------------------------------------------

/** A running job nobody advanced for this long is abandoned: a new fetch may replace it. */
export const ABANDONED_AFTER_MS = 12 * 60 * 60_000;

/** The job that is running now, if any (an abandoned one does not count). */
function runningJob(deps: Deps): Job | null {
  const job = loadJob(deps);
  if (!job || job.header.state !== 'RUNNING') return null;
  return deps.clock.now() - job.header.updatedAt > ABANDONED_AFTER_MS ? null : job;
}

/** Whether this user may advance the job (it runs with the connection of whoever started it). */
function mayStep(env: FetchEnv, job: Job): boolean {
  return !job.header.userKey || !env.userKey || job.header.userKey === env.userKey;
}

function othersJob(status: JobStatus): JobStatus {
  return { ...status, message: `${status.message} (This fetch runs with the Amazon connection of the editor who started it; it advances while their sidebar is open.)` };
}

/** Starts a job for the range (the caller holds the lock) and takes its first step. */
function start(env: FetchEnv, creds: Credentials, range: { first: Day; last: Day }): JobStatus {
  const ctx = context(env, creds);
  ctx.stager.discardAll();
  startJob(env.deps, creds, range.first, range.last, today(env.deps) - 1, env.userKey);
  return stepJob(ctx);
}

/** `fetchAmazonReports`: starts the job (default range when none is given), or returns the running one. */
export function fetchReports(env: FetchEnv, request: FetchRequest | null | undefined): JobStatus {
  const { deps } = env;
  const creds = requireCredentials(deps);
  const running = runningJob(deps);
  if (running) return jobStatus(running);
  const range = requestedRange(deps, request);
  if (!range) {
    refreshLastImportDay(deps);
    return nothingToFetch(`Nothing to fetch: every day up to yesterday (${isoFromDay(today(deps) - 1)}) is already imported.`);
  }
  return deps.lock.withLock(10_000, () => {
    const again = runningJob(deps);
    return again ? jobStatus(again) : start(env, creds, range);
  });
}

/** `getJobStatus`: one step when the lock is free right now, else the state as it is. */
export function pollJob(env: FetchEnv): JobStatus {
  const { deps } = env;
  const job = loadJob(deps);
  if (!job || job.header.state !== 'RUNNING') return jobStatus(job);
  if (!mayStep(env, job)) return othersJob(jobStatus(job));
  const creds = loadCredentials(deps.userProps, deps.workbook.id());
  if (!creds) return othersJob(jobStatus(job));
  const stepped = deps.lock.tryWithLock(() => stepJob(context(env, creds)));
  return stepped ? stepped.value : jobStatus(loadJob(deps));
}

/**
 * Advances the running job within this execution until it is done or the budget is spent,
 * sleeping (Clock port) until the next poll or create. The lock is held only during steps.
 */
export function runJob(env: FetchEnv, startedAt: number, budgetMs = RUN_BUDGET_MS): JobStatus {
  const { deps } = env;
  const deadline = startedAt + budgetMs;
  let job = loadJob(deps);
  if (!job || job.header.state !== 'RUNNING') return jobStatus(job);
  if (!mayStep(env, job)) return othersJob(jobStatus(job));
  const creds = requireCredentials(deps);
  const ctx = context(env, creds);
  let status = jobStatus(job);
  for (let steps = 0; steps < 1000; steps++) {
    const stepped = deps.lock.tryWithLock(() => stepJob(ctx));
    if (stepped) status = stepped.value;
    if (status.state !== 'RUNNING') break;
    job = loadJob(deps);
    if (!job || job.header.state !== 'RUNNING') break;
    const now = deps.clock.now();
    // Another task holds the lock: try again shortly.
    const wake = stepped ? nextWakeAt(job) : now + 5_000;
    if (wake > now) {
      if (wake >= deadline) break;
      deps.clock.sleep(wake - now);
    }
    if (deps.clock.now() >= deadline) break;
  }
  return jobStatus(loadJob(deps));
}

function runMessage(status: JobStatus): string {
  if (status.state === 'RUNNING') {
    return `The fetch continues (${status.reportsDone ?? 0} of ${status.reportsTotal ?? 0} reports in): keep the sidebar's Import tab open ` +
      'or run Fetch Amazon reports now again to finish it.';
  }
  return status.message;
}

/** The menu's "Fetch Amazon reports now": the default range (or the running job), advanced in this execution. */
export function fetchNow(env: FetchEnv): { status: JobStatus; message: string } {
  const { deps } = env;
  const startedAt = deps.clock.now();
  const creds = requireCredentials(deps);
  const job = runningJob(deps);
  if (job && !mayStep(env, job)) {
    const status = othersJob(jobStatus(job));
    return { status, message: status.message };
  }
  if (!job) {
    const range = defaultFetchRange(deps);
    if (!range) {
      refreshLastImportDay(deps);
      const status = nothingToFetch(`Nothing to fetch: every day up to yesterday (${isoFromDay(today(deps) - 1)}) is already imported.`);
      return { status, message: status.message };
    }
    const first = deps.lock.withLock(10_000, () => {
      const again = runningJob(deps);
      return again ? jobStatus(again) : start(env, creds, range);
    });
    if (first.state !== 'RUNNING') return { status: first, message: runMessage(first) };
  }
  const status = runJob(env, startedAt);
  return { status, message: runMessage(status) };
}

// ---- auto-import ------------------------------------------------------------------------------------

/** `setAutoImport`: one installable on-open trigger for this user; the owner's key in document properties. */
export function setAutoImport(env: FetchEnv, on: unknown): AmazonSettingsView {
  const { deps } = env;
  if (typeof on !== 'boolean') throw new InputError('Auto-import is switched on with true and off with false');
  if (on) {
    requireCredentials(deps);
    deps.triggers.installOnOpenTrigger(AUTO_IMPORT_HANDLER);
    deps.docProps.set(AUTO_IMPORT_OWNER_KEY, env.userKey);
  } else {
    deps.triggers.removeOnOpenTriggers(AUTO_IMPORT_HANDLER);
    deps.docProps.delete(AUTO_IMPORT_OWNER_KEY);
  }
  return settingsView(deps, env.userKey);
}

/**
 * The on-open trigger: when auto-import is on (by this user) and the days up to yesterday are
 * not all imported, starts the day's fetch (once a day) and advances it like the menu does; a
 * running job of this user is advanced. Returns null when it did nothing.
 */
export function autoImportOnOpen(env: FetchEnv): { status: JobStatus; message: string } | null {
  const { deps } = env;
  const startedAt = deps.clock.now();
  const owner = deps.docProps.get(AUTO_IMPORT_OWNER_KEY);
  if (owner === null || owner !== env.userKey) {
    // Switched off, or switched on by another editor since: this user's trigger is a leftover.
    deps.triggers.removeOnOpenTriggers(AUTO_IMPORT_HANDLER);
    return null;
  }
  const creds = loadCredentials(deps.userProps, deps.workbook.id());
  if (!creds) {
    deps.log.warn('auto-import: no Amazon connection is saved for this workbook');
    return null;
  }
  const job = runningJob(deps);
  if (job) {
    if (!mayStep(env, job)) return null;
    const status = runJob(env, startedAt);
    return { status, message: runMessage(status) };
  }
  const day = today(deps);
  if (deps.docProps.get(AUTO_IMPORT_LAST_RUN_KEY) === isoFromDay(day)) return null;
  const last = deps.docProps.get(LAST_IMPORT_DAY_KEY);
  if (last !== null && last >= isoFromDay(day - 1)) return null;
  const range = defaultFetchRange(deps);
  refreshLastImportDay(deps);
  if (!range) return null;
  const first = deps.lock.tryWithLock(() => {
    const again = runningJob(deps);
    if (again) return jobStatus(again);
    deps.docProps.set(AUTO_IMPORT_LAST_RUN_KEY, isoFromDay(day));
    return start(env, creds, range);
  });
  if (!first) return null;
  const status = first.value.state === 'RUNNING' ? runJob(env, startedAt) : first.value;
  return { status, message: runMessage(status) };
}
