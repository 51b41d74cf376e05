/**
 * The resumable fetch job (spec §6 "Fetch from Amazon"). Its state lives in document properties,
 * one small key per planned report, because Apps Script keeps no globals between executions.
 * One step does at most one createReport and one document download, plus status polls; the
 * downloaded rows go to the hidden staging area, and the commit happens in one execution once
 * every report is in. A failed job commits nothing.
 */
import { type Day, dayFromIso, isoFromDay } from '../../core/days';
import { InputError } from '../../core/errors';
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
  createdAt: number;
  updatedAt: number;
  total: number;
  /** No createReport before this time (pacing, throttling). */
  nextCreateAt: number;
  /** Token bucket mirroring createReport's usage plan, kept below Amazon's burst. */
  createTokens: number;
  createTokensAt: number;
  retryableFailures: number;
  message: string;
  results: Array<Pick<ImportResult, 'status' | 'rowsWritten' | 'rowsReplaced'>> | null;
}

/** What the job needs from the import pipeline. */
export interface ReportStager {
  /** Parses a downloaded report and keeps its rows in the staging area. */
  stage(jobId: string, report: ReportState, text: string, source: string): { rows: number; noData: boolean };
  /** Writes every staged report of the job in this execution (the caller holds the document lock). */
  commit(jobId: string, reports: ReportState[]): ImportResult[];
  /** Drops the job's staged rows. */
  discard(jobId: string): void;
}

export interface JobContext {
  deps: Deps;
  client: SpApiClient;
  creds: Credentials;
  stager: ReportStager;
  codec: Codec;
  /** Decodes a download with the charset its Content-Type names (UTF-8 when none). */
  decode(bytes: Uint8Array, contentType: string): string;
}

const CREATE_BURST = 10;
const CREATE_INTERVAL_MS = 60_000;
const MAX_POLLS_PER_STEP = 6;
const FIRST_POLL_MS = 20_000;
const MAX_POLL_GAP_MS = 5 * 60_000;
const MAX_DOWNLOAD_ATTEMPTS = 4;
const MAX_RETRYABLE_FAILURES = 12;
const REPORTS_PATH = '/reports/2021-06-30';

// ---- state in document properties ------------------------------------------------------------

export function loadJob(deps: Pick<Deps, 'docProps'>): { header: JobHeader; reports: ReportState[] } | null {
  const raw = deps.docProps.get(JOB_KEY);
  if (!raw) return null;
  const header = JSON.parse(raw) as JobHeader;
  const entries = deps.docProps.entries(JOB_REPORT_PREFIX);
  const reports = Object.keys(entries)
    .map((k) => JSON.parse(entries[k]) as ReportState)
    .sort((a, b) => a.index - b.index);
  return { header, reports };
}

function reportKey(index: number): string {
  return `${JOB_REPORT_PREFIX}${String(index).padStart(3, '0')}`;
}

function saveJob(deps: Pick<Deps, 'docProps'>, header: JobHeader, reports: ReportState[]): void {
  const values: Record<string, string> = { [JOB_KEY]: JSON.stringify(header) };
  for (const r of reports) values[reportKey(r.index)] = JSON.stringify(r);
  deps.docProps.setMany(values);
}

function clearReports(deps: Pick<Deps, 'docProps'>): void {
  for (const k of Object.keys(deps.docProps.entries(JOB_REPORT_PREFIX))) deps.docProps.delete(k);
}

// ---- status ------------------------------------------------------------------------------------

const TERMINAL: ReadonlySet<ReportStatus> = new Set(['STAGED', 'NO_DATA', 'FAILED']);

function label(r: PlannedReport): string {
  return r.kind === 'summary' ? `summary for ${r.month}` : `${r.eventType} for ${r.month}`;
}

export function jobStatus(job: { header: JobHeader; reports: ReportState[] } | null): JobStatus {
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
      ? current ? `${current.status === 'PLANNED' ? 'Requesting' : current.status === 'REQUESTED' ? 'Waiting for' : 'Downloading'} ${label(current)}` : 'Writing to the workbook'
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

export function startJob(deps: Deps, creds: Credentials, first: Day, last: Day, yesterday: Day): { header: JobHeader; reports: ReportState[] } {
  const now = deps.clock.now();
  const plan = planFetch(first, last, yesterday, now);
  const header: JobHeader = {
    id: `job-${now.toString(36)}`,
    state: 'RUNNING',
    dataStart: isoFromDay(first),
    dataEnd: isoFromDay(last),
    marketplaceIds: creds.marketplaceIds,
    createdAt: now,
    updatedAt: now,
    total: plan.length,
    nextCreateAt: now,
    createTokens: CREATE_BURST,
    createTokensAt: now,
    retryableFailures: 0,
    message: `Fetching ${isoFromDay(first)} to ${isoFromDay(last)}: ${plan.length} reports to request.`,
    results: null,
  };
  const reports: ReportState[] = plan.map((p, index) => ({
    ...p, index, status: 'PLANNED', reportId: null, documentId: null, nextPollAt: 0, polls: 0, downloadAttempts: 0, rows: 0, error: null,
  }));
  clearReports(deps);
  saveJob(deps, header, reports);
  return { header, reports };
}

// ---- one step ----------------------------------------------------------------------------------

function refillTokens(header: JobHeader, now: number): void {
  const gained = Math.floor((now - header.createTokensAt) / CREATE_INTERVAL_MS);
  if (gained > 0) {
    header.createTokens = Math.min(CREATE_BURST, header.createTokens + gained);
    header.createTokensAt += gained * CREATE_INTERVAL_MS;
  }
}

function fail(ctx: JobContext, header: JobHeader, message: string): void {
  header.state = 'FAILED';
  header.message = `${message} Nothing was written to the workbook; run the fetch again when the cause is fixed.`;
  ctx.stager.discard(header.id);
}

/** Handles an error of one Amazon call: throttling and server errors wait, anything else fails the job. */
function onCallError(ctx: JobContext, header: JobHeader, err: unknown, what: string): void {
  if (err instanceof AmazonError && err.retryLater) {
    header.retryableFailures++;
    header.message = `${err.message} (while ${what}).`;
    if (header.retryableFailures > MAX_RETRYABLE_FAILURES) fail(ctx, header, `Amazon kept failing: ${err.message}.`);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  fail(ctx, header, `${message} (while ${what}).`);
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
      fail(ctx, header, failed.error ?? `The ${label(failed)} failed.`);
    } else {
      const results = ctx.stager.commit(header.id, reports);
      header.results = results.map((r) => ({ status: r.status, rowsWritten: r.rowsWritten, rowsReplaced: r.rowsReplaced }));
      const written = results.reduce((s, r) => s + r.rowsWritten, 0);
      const replaced = results.reduce((s, r) => s + r.rowsReplaced, 0);
      const changed = results.filter((r) => r.status === 'CLOSED_MONTH_CHANGED').length;
      header.state = 'DONE';
      header.message = `Imported ${header.dataStart} to ${header.dataEnd}: ${written} rows written, ${replaced} replaced` +
        (changed ? `; ${changed} reports changed a closed month (see Reconcile)` : '') + '.';
    }
    saveJob(ctx.deps, header, reports);
    return jobStatus({ header, reports });
  }

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
      };
      switch (report.processingStatus) {
        case 'DONE':
          r.status = 'READY';
          r.documentId = report.reportDocumentId ?? null;
          break;
        case 'CANCELLED':
          r.status = 'NO_DATA';
          break;
        case 'FATAL':
          if (report.reportDocumentId) {
            r.status = 'FATAL_DOC';
            r.documentId = report.reportDocumentId;
          } else {
            r.status = 'FAILED';
            r.error = `Amazon could not produce the ${label(r)} (FATAL) and gave no reason.`;
          }
          break;
        default:
          r.nextPollAt = now + Math.min(MAX_POLL_GAP_MS, FIRST_POLL_MS * 2 ** Math.min(4, r.polls));
      }
    }
    // One download.
    const ready = reports.find((r) => r.status === 'READY' || r.status === 'FATAL_DOC');
    if (ready) download(ctx, header, ready);
    // One createReport, paced.
    refillTokens(header, now);
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
        }) as { reportId?: string };
        if (!created || typeof created.reportId !== 'string') throw new AmazonError('Amazon answered createReport without a report ID.');
        planned.status = 'REQUESTED';
        planned.reportId = created.reportId;
        planned.nextPollAt = now + FIRST_POLL_MS;
        header.createTokens--;
        header.retryableFailures = 0;
        header.message = `Requested the ${label(planned)}.`;
      } catch (err) {
        if (err instanceof AmazonError && err.status === 429) {
          header.nextCreateAt = now + CREATE_INTERVAL_MS;
          header.createTokens = 0;
          header.createTokensAt = now;
        }
        throw err;
      }
    }
  } catch (err) {
    onCallError(ctx, header, err, 'talking to Amazon');
  }
  saveJob(ctx.deps, header, reports);
  return jobStatus({ header, reports });
}

function download(ctx: JobContext, header: JobHeader, r: ReportState): void {
  r.downloadAttempts++;
  const doc = ctx.client.call('get', `${REPORTS_PATH}/documents/${encodeURIComponent(r.documentId!)}`) as {
    url?: string; compressionAlgorithm?: string;
  };
  if (!doc || typeof doc.url !== 'string') throw new AmazonError('Amazon answered getReportDocument without a URL.');
  let text: string;
  try {
    const response = ctx.client.download(doc.url);
    let bytes = response.bytes();
    if (doc.compressionAlgorithm === 'GZIP') bytes = ctx.codec.gunzip(bytes);
    text = ctx.decode(bytes, response.headers['content-type'] ?? '');
  } catch (err) {
    // An expired link or a broken download: ask for the document again next step.
    if (r.downloadAttempts < MAX_DOWNLOAD_ATTEMPTS && (err instanceof ExpiredUrlError || !(err instanceof AmazonError) || err.retryLater)) {
      header.message = `Downloading the ${label(r)} again (${err instanceof Error ? err.message : String(err)}).`;
      return;
    }
    throw err;
  }
  if (r.status === 'FATAL_DOC') {
    r.status = 'FAILED';
    r.error = `Amazon could not produce the ${label(r)} (FATAL): ${text.trim().slice(0, 500) || 'no reason given'}.`;
    return;
  }
  const staged = ctx.stager.stage(header.id, r, text, `report:${r.reportId}`);
  r.status = staged.noData ? 'NO_DATA' : 'STAGED';
  r.rows = staged.rows;
  header.message = `Downloaded the ${label(r)}: ${staged.rows} rows.`;
}

/** The time of the next thing the job waits for (a poll or a create), for a menu run's sleep. */
export function nextWakeAt(job: { header: JobHeader; reports: ReportState[] }): number {
  let at = Number.POSITIVE_INFINITY;
  for (const r of job.reports) {
    if (r.status === 'REQUESTED') at = Math.min(at, r.nextPollAt);
    if (r.status === 'READY' || r.status === 'FATAL_DOC') return 0;
    if (r.status === 'PLANNED') at = Math.min(at, job.header.createTokens > 0 ? job.header.nextCreateAt : job.header.createTokensAt + CREATE_INTERVAL_MS);
  }
  return at === Number.POSITIVE_INFINITY ? 0 : at;
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
  return { first: read(dataStart, 'dataStart'), last: read(dataEnd, 'dataEnd') };
}
