/**
 * The resumable fetch job (spec §6 "Fetch from Amazon"). Its state lives in document properties,
 * one small key per planned report, because Apps Script keeps no globals between executions.
 * One step does at most one createReport and one document download, plus status polls; the
 * downloaded rows go to the hidden staging area, and the commit happens in one execution once
 * every report is in. A failed job commits nothing.
 *
 * Amazon's answers the job handles:
 * - 429 and 5xx: the client retries with back-off inside the call (not createReport, sent once);
 *   when that is not enough the job waits (its own back-off, doubling up to 5 minutes) and tries
 *   again; after too many failures in a row without progress the job fails with Amazon's message;
 * - createReport and getReportDocument are paced by token buckets below Amazon's usage plans:
 *   a burst of 10, then one a minute (and a full minute after a 429 on createReport);
 * - CANCELLED: no data (a NO_DATA line, nothing deleted);
 * - FATAL: the job fails with Amazon's reason, read from the error document when there is one;
 * - an expired document URL is asked for again; a download cut short (fewer bytes than its
 *   Content-Length, or a gzip that does not inflate) is downloaded again, then fails clearly;
 * - the download's charset comes from its Content-Type (the bytes win when the label is wrong).
 */
import { type Day, dayFromIso, isoFromDay } from '../../core/days';
import { InputError } from '../../core/errors';
import { charsetFromContentType, decodeNamedCharset, isGzip } from '../../core/reports/index';
import { FETCHED_EVENT_TYPES, planFetch, type PlannedReport } from '../../core/spapi/plan';
import type { ImportResult, JobStatus } from '../../shared/wire';
import type { Codec, Deps } from '../ports';
import { AmazonError, ExpiredUrlError, type SpApiClient } from './client';
import type { Credentials } from './connection';

export const JOB_KEY = 'fba.job';
export const JOB_REPORT_PREFIX = 'fba.job.r.';

export type ReportStatus = 'PLANNED' | 'REQUESTED' | 'READY' | 'FATAL_DOC' | 'STAGED' | 'NO_DATA' | 'FAILED';

export interface ReportState extends PlannedReport {
  index: number;
  status: ReportStatus;
  reportId: string | null;
  documentId: string | null;
  nextPollAt: number;
  polls: number;
  downloadAttempts: number;
  rows: number;
  error: string | null;
}

export interface JobHeader {
  id: string;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  dataStart: string;
  dataEnd: string;
  marketplaceIds: string[];
  /** The user whose connection runs the job (Session's temporary key; '' when unknown). */
  userKey: string;
  createdAt: number;
  updatedAt: number;
  total: number;
  /** No createReport before this time (pacing, throttling). */
  nextCreateAt: number;
  /** Token bucket mirroring createReport's usage plan, kept below Amazon's burst. */
  createTokens: number;
  createTokensAt: number;
  /** The same for getReportDocument (same usage plan: about one a minute after a burst). */
  documentTokens: number;
  documentTokensAt: number;
  /** No call to Amazon before this time (back-off after throttling or server errors). */
  nextAttemptAt: number;
  retryableFailures: number;
  message: string;
  results: Array<Pick<ImportResult, 'status' | 'rowsWritten' | 'rowsReplaced'>> | null;
}

export interface Job {
  header: JobHeader;
  reports: ReportState[];
}

/** A downloaded report document, decoded. */
export interface DownloadedText {
  text: string;
  /** Decoding warnings (a wrong charset label). */
  warnings: string[];
}

/** What the job needs from the import pipeline. */
export interface ReportStager {
  /** Parses a downloaded report and keeps its rows in the staging area. Throws on a bad row. */
  stage(jobId: string, report: ReportState, download: DownloadedText, source: string): { rows: number; noData: boolean };
  /** Writes every staged report of the job in this execution (the caller holds the document lock). */
  commit(job: Job): ImportResult[];
  /** Drops the job's staged rows. */
  discard(jobId: string): void;
  /** Records a failed job (its FAILED line in the Import Log); the caller holds the document lock. */
  failed(job: Job, message: string): void;
}

export interface JobContext {
  deps: Deps;
  client: SpApiClient;
  creds: Credentials;
  stager: ReportStager;
  codec: Codec;
}

const CREATE_BURST = 10;
const CREATE_INTERVAL_MS = 60_000;
const DOCUMENT_BURST = 10;
const MAX_POLLS_PER_STEP = 6;
const FIRST_POLL_MS = 20_000;
const MAX_POLL_GAP_MS = 2 * 60_000;
export const MAX_DOWNLOAD_ATTEMPTS = 4;
const MAX_RETRYABLE_FAILURES = 8;
const FIRST_BACKOFF_MS = 15_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const REPORTS_PATH = '/reports/2021-06-30';

// ---- state in document properties ------------------------------------------------------------

export function loadJob(deps: Pick<Deps, 'docProps'>): Job | null {
  const raw = deps.docProps.get(JOB_KEY);
  if (!raw) return null;
  let header: JobHeader;
  try {
    header = JSON.parse(raw) as JobHeader;
  } catch {
    return null;
  }
  const entries = deps.docProps.entries(JOB_REPORT_PREFIX);
  const reports: ReportState[] = [];
  for (const k of Object.keys(entries)) {
    try {
      reports.push(JSON.parse(entries[k]) as ReportState);
    } catch {
      // A damaged key: the job cannot go on (checked below).
    }
  }
  reports.sort((a, b) => a.index - b.index);
  if (header.state === 'RUNNING' && reports.length !== header.total) {
    header.state = 'FAILED';
    header.message = 'The fetch job\'s saved state is incomplete. Nothing was written to the workbook; run the fetch again.';
  }
  return { header, reports };
}

function reportKey(index: number): string {
  return `${JOB_REPORT_PREFIX}${String(index).padStart(3, '0')}`;
}

export function saveJob(deps: Pick<Deps, 'docProps'>, job: Job): void {
  const values: Record<string, string> = { [JOB_KEY]: JSON.stringify(job.header) };
  for (const r of job.reports) values[reportKey(r.index)] = JSON.stringify(r);
  deps.docProps.setMany(values);
}

function clearReports(deps: Pick<Deps, 'docProps'>): void {
  for (const k of Object.keys(deps.docProps.entries(JOB_REPORT_PREFIX))) deps.docProps.delete(k);
}

// ---- status ------------------------------------------------------------------------------------

const TERMINAL: ReadonlySet<ReportStatus> = new Set(['STAGED', 'NO_DATA', 'FAILED']);

export function reportLabel(r: PlannedReport): string {
  return r.kind === 'summary' ? `summary report for ${r.month}` : `${r.eventType} report for ${r.month}`;
}

export function jobStatus(job: Job | null): JobStatus {
  if (!job) return { state: 'IDLE', step: '', progress: 0, message: 'No fetch has run in this workbook yet.', jobId: null };
  const { header, reports } = job;
  const weights: Record<ReportStatus, number> = { PLANNED: 0, REQUESTED: 0.3, READY: 0.6, FATAL_DOC: 0.6, STAGED: 1, NO_DATA: 1, FAILED: 1 };
  const done = reports.filter((r) => TERMINAL.has(r.status)).length;
  const progress = header.state === 'RUNNING'
    ? Math.min(0.99, reports.reduce((s, r) => s + weights[r.status], 0) / Math.max(1, reports.length + 1))
    : 1;
  const current = reports.find((r) => !TERMINAL.has(r.status));
  return {
    state: header.state,
    step: header.state === 'RUNNING'
      ? current
        ? `${current.status === 'PLANNED' ? 'Requesting the' : current.status === 'REQUESTED' ? 'Waiting for the' : 'Downloading the'} ${reportLabel(current)}`
        : 'Writing to the workbook'
      : header.state,
    progress,
    message: header.message,
    jobId: header.id,
    dataStart: header.dataStart,
    dataEnd: header.dataEnd,
    reportsDone: done,
    reportsTotal: header.total,
  };
}

// ---- starting ------------------------------------------------------------------------------------

export function startJob(deps: Deps, creds: Credentials, first: Day, last: Day, yesterday: Day, userKey = ''): Job {
  const now = deps.clock.now();
  const plan = planFetch(first, last, yesterday, now);
  const header: JobHeader = {
    id: `job-${now.toString(36)}`,
    state: 'RUNNING',
    dataStart: isoFromDay(first),
    dataEnd: isoFromDay(last),
    marketplaceIds: creds.marketplaceIds.slice(),
    userKey,
    createdAt: now,
    updatedAt: now,
    total: plan.length,
    nextCreateAt: now,
    createTokens: CREATE_BURST,
    createTokensAt: now,
    documentTokens: DOCUMENT_BURST,
    documentTokensAt: now,
    nextAttemptAt: 0,
    retryableFailures: 0,
    message: `Fetching ${isoFromDay(first)} to ${isoFromDay(last)}: ${plan.length} reports to request.`,
    results: null,
  };
  const reports: ReportState[] = plan.map((p, index) => ({
    ...p, index, status: 'PLANNED', reportId: null, documentId: null, nextPollAt: 0, polls: 0, downloadAttempts: 0, rows: 0, error: null,
  }));
  deps.docProps.delete(JOB_KEY);
  clearReports(deps);
  const job = { header, reports };
  saveJob(deps, job);
  return job;
}

// ---- one step ----------------------------------------------------------------------------------

function refillTokens(header: JobHeader, now: number): void {
  const gained = Math.floor((now - header.createTokensAt) / CREATE_INTERVAL_MS);
  if (gained > 0) {
    header.createTokens = Math.min(CREATE_BURST, header.createTokens + gained);
    header.createTokensAt += gained * CREATE_INTERVAL_MS;
  }
  if (header.documentTokens === undefined) {
    header.documentTokens = DOCUMENT_BURST;
    header.documentTokensAt = now;
  }
  const docs = Math.floor((now - header.documentTokensAt) / CREATE_INTERVAL_MS);
  if (docs > 0) {
    header.documentTokens = Math.min(DOCUMENT_BURST, header.documentTokens + docs);
    header.documentTokensAt += docs * CREATE_INTERVAL_MS;
  }
}

function fail(ctx: JobContext, job: Job, message: string): void {
  const { header } = job;
  header.state = 'FAILED';
  header.message = `${message.replace(/\.?$/, '.')} Nothing was written to the workbook; run the fetch again when the cause is fixed.`;
  try {
    ctx.stager.discard(header.id);
  } catch (err) {
    // The job still ends FAILED (never stuck RUNNING); a new job empties the staging area.
    ctx.deps.log.warn(`could not clear the staged rows: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    ctx.stager.failed(job, message);
  } catch (err) {
    ctx.deps.log.warn(`could not log the failed fetch: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Handles an error of one Amazon call: throttling and server errors wait, anything else fails the job. */
function onCallError(ctx: JobContext, job: Job, err: unknown, what: string, now: number): void {
  const { header } = job;
  if (err instanceof AmazonError && err.retryLater) {
    header.retryableFailures++;
    if (header.retryableFailures > MAX_RETRYABLE_FAILURES) {
      fail(ctx, job, `Amazon kept failing (${header.retryableFailures - 1} tries over several minutes): ${err.message}`);
      return;
    }
    const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (header.retryableFailures - 1));
    header.nextAttemptAt = now + wait;
    header.message = `${err.message} (while ${what}); trying again in ${Math.round(wait / 1000)} s.`;
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  fail(ctx, job, err instanceof AmazonError ? `${message.replace(/\.$/, '')} (while ${what})` : message);
}

/**
 * Advances a running job by one step. The caller holds the document lock. Returns the new state.
 */
export function stepJob(ctx: JobContext): JobStatus {
  const job = loadJob(ctx.deps);
  if (!job || job.header.state !== 'RUNNING') return jobStatus(job);
  const { header, reports } = job;
  const now = ctx.deps.clock.now();
  header.updatedAt = now;

  // Every report is in: commit them all in this execution.
  if (reports.every((r) => TERMINAL.has(r.status))) {
    const failed = reports.find((r) => r.status === 'FAILED');
    if (failed) {
      fail(ctx, job, failed.error ?? `The ${reportLabel(failed)} failed`);
    } else {
      try {
        const results = ctx.stager.commit(job);
        header.results = results.map((r) => ({ status: r.status, rowsWritten: r.rowsWritten, rowsReplaced: r.rowsReplaced }));
        const written = results.reduce((s, r) => s + r.rowsWritten, 0);
        const replaced = results.reduce((s, r) => s + r.rowsReplaced, 0);
        const changed = results.filter((r) => r.status === 'CLOSED_MONTH_CHANGED').length;
        const noData = results.filter((r) => r.status === 'NO_DATA').length;
        header.state = 'DONE';
        header.message = `Imported ${header.dataStart} to ${header.dataEnd}: ${written} rows written, ${replaced} replaced` +
          (noData ? `; ${noData} of ${results.length} reports had no data` : '') +
          (changed ? `; ${changed} report${changed > 1 ? 's' : ''} changed a closed month (see Reconcile)` : '') + '.';
      } catch (err) {
        fail(ctx, job, `Writing the reports to the workbook failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    saveJob(ctx.deps, job);
    return jobStatus(job);
  }

  if (now < header.nextAttemptAt) return jobStatus(job);

  let progressed = false;
  refillTokens(header, now);
  try {
    // Status polls.
    let polls = 0;
    for (const r of reports) {
      if (polls >= MAX_POLLS_PER_STEP) break;
      if (r.status !== 'REQUESTED' || r.nextPollAt > now) continue;
      polls++;
      r.polls++;
      const report = ctx.client.call('get', `${REPORTS_PATH}/reports/${encodeURIComponent(r.reportId!)}`) as {
        processingStatus?: string; reportDocumentId?: string;
      } | null;
      progressed = true;
      switch (report?.processingStatus) {
        case 'DONE':
          if (report.reportDocumentId) {
            r.status = 'READY';
            r.documentId = report.reportDocumentId;
          } else {
            r.status = 'FAILED';
            r.error = `Amazon finished the ${reportLabel(r)} without a document`;
          }
          break;
        case 'CANCELLED':
          // Amazon cancels a report that has no data: the days are covered, with nothing to write.
          r.status = 'NO_DATA';
          break;
        case 'FATAL':
          if (report.reportDocumentId) {
            r.status = 'FATAL_DOC';
            r.documentId = report.reportDocumentId;
          } else {
            r.status = 'FAILED';
            r.error = `Amazon could not produce the ${reportLabel(r)} (FATAL) and gave no reason`;
          }
          break;
        default:
          r.nextPollAt = now + Math.min(MAX_POLL_GAP_MS, FIRST_POLL_MS * 2 ** Math.min(3, r.polls - 1));
      }
    }
    // One download, paced like createReport.
    const ready = reports.find((r) => r.status === 'READY' || r.status === 'FATAL_DOC');
    if (ready && header.documentTokens > 0) {
      header.documentTokens--;
      if (download(ctx, job, ready)) progressed = true;
    }
    // One createReport, paced.
    const planned = reports.find((r) => r.status === 'PLANNED');
    if (planned && header.state === 'RUNNING' && now >= header.nextCreateAt && header.createTokens > 0) {
      try {
        const created = ctx.client.call('post', `${REPORTS_PATH}/reports`, {
          body: {
            reportType: planned.reportType,
            marketplaceIds: header.marketplaceIds,
            dataStartTime: planned.dataStartTime,
            dataEndTime: planned.dataEndTime,
            reportOptions: planned.reportOptions,
          },
          retry: false,
        }) as { reportId?: string } | null;
        if (!created || typeof created.reportId !== 'string') throw new AmazonError('Amazon answered createReport without a report ID.');
        planned.status = 'REQUESTED';
        planned.reportId = created.reportId;
        planned.nextPollAt = now + FIRST_POLL_MS;
        header.createTokens--;
        progressed = true;
        header.message = `Requested the ${reportLabel(planned)}.`;
      } catch (err) {
        if (err instanceof AmazonError && err.status === 429) {
          header.nextCreateAt = now + CREATE_INTERVAL_MS;
          header.createTokens = 0;
          header.createTokensAt = now;
        }
        throw err;
      }
    }
    if (progressed) header.retryableFailures = 0;
  } catch (err) {
    if (progressed && err instanceof AmazonError && err.retryLater) header.retryableFailures = 0;
    onCallError(ctx, job, err, 'talking to Amazon', now);
  }
  if (header.state === 'RUNNING') {
    const failed = reports.find((r) => r.status === 'FAILED');
    if (failed) fail(ctx, job, failed.error ?? `The ${reportLabel(failed)} failed`);
  }
  saveJob(ctx.deps, job);
  return jobStatus(job);
}

/** The reason in a FATAL report's error document (JSON `errorDetails`, an `errors` list, or its text). */
export function fatalReason(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let reason = trimmed;
  try {
    const doc = JSON.parse(trimmed) as Record<string, unknown>;
    if (doc && typeof doc === 'object') {
      if (typeof doc.errorDetails === 'string') reason = doc.errorDetails;
      else if (Array.isArray(doc.errors) && doc.errors.length) {
        const e = doc.errors[0] as { message?: unknown; details?: unknown };
        reason = [e.message, e.details].filter((x) => typeof x === 'string' && x).join(' ');
      } else if (typeof doc.message === 'string') reason = doc.message;
    }
  } catch {
    // Plain text.
  }
  reason = reason.replace(/\s+/g, ' ').trim();
  return reason.length > 500 ? `${reason.slice(0, 500)}…` : reason;
}

class TruncatedDownloadError extends Error {}

/** Downloads one document; returns true when the report moved on (staged, no data or failed). */
function download(ctx: JobContext, job: Job, r: ReportState): boolean {
  const { header } = job;
  const doc = ctx.client.call('get', `${REPORTS_PATH}/documents/${encodeURIComponent(r.documentId!)}`) as {
    url?: string; compressionAlgorithm?: string;
  } | null;
  if (!doc || typeof doc.url !== 'string') throw new AmazonError('Amazon answered getReportDocument without a URL.');
  r.downloadAttempts++;
  let decoded: DownloadedText;
  try {
    const response = ctx.client.download(doc.url);
    let bytes = response.bytes();
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > 0 && bytes.length < length) {
      throw new TruncatedDownloadError(`the download was cut short (${bytes.length} of ${length} bytes)`);
    }
    if (doc.compressionAlgorithm === 'GZIP' || isGzip(bytes)) {
      try {
        bytes = ctx.codec.gunzip(bytes);
      } catch (err) {
        throw new TruncatedDownloadError(`the compressed download could not be read (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    const text = decodeNamedCharset(bytes, charsetFromContentType(response.headers['content-type']));
    decoded = { text: text.text, warnings: text.warnings };
  } catch (err) {
    const retry = err instanceof ExpiredUrlError || err instanceof TruncatedDownloadError || (err instanceof AmazonError && err.retryLater);
    if (!retry) throw err;
    const why = err instanceof ExpiredUrlError ? 'the download link had expired' : err instanceof Error ? err.message : String(err);
    if (r.downloadAttempts >= MAX_DOWNLOAD_ATTEMPTS) {
      r.status = 'FAILED';
      r.error = `The ${reportLabel(r)} could not be downloaded after ${r.downloadAttempts} tries: ${why}. ` +
        'Amazon\'s document storage may be having trouble';
      return true;
    }
    header.message = `Downloading the ${reportLabel(r)} again: ${why}.`;
    return false;
  }
  if (r.status === 'FATAL_DOC') {
    r.status = 'FAILED';
    r.error = `Amazon could not produce the ${reportLabel(r)} (FATAL): ${fatalReason(decoded.text) || 'no reason given'}`;
    return true;
  }
  const staged = ctx.stager.stage(header.id, r, decoded, `report:${r.reportId}`);
  r.status = staged.noData ? 'NO_DATA' : 'STAGED';
  r.rows = staged.rows;
  header.message = `Downloaded the ${reportLabel(r)}: ${staged.rows} row${staged.rows === 1 ? '' : 's'}.`;
  return true;
}

/** The time of the next thing the job waits for (a poll, a create, a back-off), for a menu run's sleep. */
export function nextWakeAt(job: Job): number {
  const { header } = job;
  if (header.state !== 'RUNNING') return 0;
  if (job.reports.every((r) => TERMINAL.has(r.status))) return 0;
  let at = Number.POSITIVE_INFINITY;
  const documentAt = header.documentTokens === undefined || header.documentTokens > 0 ? 0 : header.documentTokensAt + CREATE_INTERVAL_MS;
  for (const r of job.reports) {
    if (r.status === 'REQUESTED') at = Math.min(at, r.nextPollAt);
    if (r.status === 'READY' || r.status === 'FATAL_DOC') at = Math.min(at, documentAt);
    if (r.status === 'PLANNED') {
      const tokenAt = header.createTokens > 0 ? header.nextCreateAt : Math.max(header.nextCreateAt, header.createTokensAt + CREATE_INTERVAL_MS);
      at = Math.min(at, tokenAt);
    }
  }
  if (at === Number.POSITIVE_INFINITY) at = 0;
  return Math.max(at, header.nextAttemptAt);
}

/** The days a new fetch covers when none are given: after the last day covered, up to yesterday. */
export function defaultRange(lastCoveredByType: Record<string, Day | null>, yesterday: Day): { first: Day; last: Day } | null {
  const lasts = FETCHED_EVENT_TYPES.map((t) => lastCoveredByType[t] ?? null);
  if (lasts.every((d) => d === null)) return { first: yesterday - 29, last: yesterday };
  // An event type never imported starts where the last 30 days start.
  const earliest = Math.min(...lasts.map((d) => (d === null ? yesterday - 30 : d)));
  return earliest + 1 > yesterday ? null : { first: earliest + 1, last: yesterday };
}

export function parseRange(dataStart: unknown, dataEnd: unknown): { first: Day | null; last: Day | null } {
  const read = (v: unknown, name: string): Day | null => {
    if (v === undefined || v === null || v === '') return null;
    const d = typeof v === 'string' ? dayFromIso(v.trim()) : null;
    if (d === null) throw new InputError(`${name} must be a date written YYYY-MM-DD`);
    return d;
  };
  return { first: read(dataStart, 'The start date'), last: read(dataEnd, 'The end date') };
}
