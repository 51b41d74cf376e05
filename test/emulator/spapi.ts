/**
 * An in-process emulator of the parts of Amazon's Selling Partner API the add-on talks to:
 * Login with Amazon, the Reports API 2021-06-30 on the three regional hosts, and the S3-style
 * presigned URLs report documents are served from. Time (token expiry, rate-limit buckets, report
 * processing, URL expiry) is the test's `VirtualClock`.
 *
 * Requests the add-on should never send are recorded as violations (`assertNoViolations()` in
 * afterEach) and answered the way Amazon answers them. Conditions a user or Amazon can cause
 * (wrong credentials or region, throttling, expired URLs, failed reports) are answered without a
 * violation, so the add-on's handling of them can be tested.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { VirtualClock } from '../fakes/clock';
import type { FakeHttpHandler, FakeHttpRequest, FakeHttpResponse } from '../fakes/http';
import { emptyDataset, LEDGER_EVENT_TYPES, type SellerDataset } from './dataset';
import { DEFAULT_CREDENTIALS, LwaServer, type LwaCredentials, type LwaErrorCode } from './lwa';
import { LWA_HOST, MARKETPLACES_BY_ID, REGION_HOSTS, regionOfHost, type Region } from './marketplaces';
import { DEFAULT_USAGE_PLANS, TokenBucket, type ReportsOperationId, type UsagePlan } from './ratelimit';
import {
  DEFAULT_DOCUMENT_FORMAT,
  documentContentType,
  encodeDocument,
  generateTable,
  LEDGER_DETAIL,
  LEDGER_SUMMARY,
  MYI_UNSUPPRESSED,
  renderTable,
  SUPPORTED_REPORT_TYPES,
  type DocumentFormat,
} from './reportgen';
import { isoSeconds, presign, s3Error, verifyPresigned } from './s3';
import { loadReportsModel, parseDateTime, type RequestCheck, type SwaggerValidator } from './swagger';
import { parseUserAgent } from './useragent';
import { header, jsonResponse, utf8 } from './wire';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** Names used in the request log and for fault injection. */
export type EmulatorOperation = ReportsOperationId | 'lwaToken' | 'downloadDocument' | 'unknown';
export type FaultTarget = ReportsOperationId | 'lwaToken' | 'downloadDocument';

export interface ProcessingTimes {
  /** How long a new report stays IN_QUEUE. */
  inQueueMs: number;
  /** How long it then stays IN_PROGRESS before DONE / CANCELLED / FATAL. */
  inProgressMs: number;
}

export interface SpApiEmulatorOptions {
  clock: VirtualClock;
  /** The app's LWA client and the seller's refresh token; defaults: `DEFAULT_CREDENTIALS`. */
  credentials?: Partial<LwaCredentials>;
  dataset?: SellerDataset;
  /** Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Default 30 s in queue, 90 s in progress. */
  processing?: Partial<ProcessingTimes>;
  processingByReportType?: Record<string, Partial<ProcessingTimes>>;
  /** Reports without data rows: `cancel` (Amazon's documented behaviour, default) or a header-only DONE document. */
  emptyReports?: 'cancel' | 'headerOnly';
  /** Document format for every report type (see `DEFAULT_DOCUMENT_FORMAT`). */
  documentFormat?: Partial<DocumentFormat>;
  documentFormatByReportType?: Record<string, Partial<DocumentFormat>>;
  /** Presigned URL lifetime; default 300 (5 minutes). */
  documentUrlTtlSeconds?: number;
  /** Override usage plans per operation (e.g. `{ createReport: { rate: 1, burst: 2 } }`). */
  usagePlans?: Partial<Record<ReportsOperationId, UsagePlan>>;
  /** False: no throttling at all. Default true. */
  rateLimiting?: boolean;
  /** Send `x-amzn-RateLimit-Limit` on 2xx/400/404 (best-effort in reality). Default true. */
  rateLimitHeader?: boolean;
  /** Default 90. */
  reportRetentionDays?: number;
  /** Using an expired access token is a violation (the add-on should refresh early). Default false. */
  expiredTokenIsViolation?: boolean;
  /** Undeclared query parameters: `reject` (default) records a violation and answers 400. */
  unknownQueryParameters?: 'allow' | 'reject';
}

export interface Violation {
  time: number;
  method: string;
  url: string;
  operation: EmulatorOperation;
  message: string;
}

export interface RequestLogEntry {
  seq: number;
  time: number;
  method: string;
  url: string;
  service: 'lwa' | 'sp-api' | 's3' | 'unknown';
  operation: EmulatorOperation;
  region?: Region;
  status: number;
  requestId: string;
  /** Set when a fault injected by the test produced the answer. */
  injected?: string;
  request: FakeHttpRequest;
  response: FakeHttpResponse;
}

export interface ReportView {
  reportId: string;
  region: Region;
  reportType: string;
  marketplaceIds: string[];
  reportOptions: Record<string, string>;
  dataStartTime: string;
  dataEndTime: string;
  createdTime: number;
  status: ProcessingStatus;
  reportDocumentId?: string;
  /** Data rows in the generated document (DONE reports). */
  rowCount?: number;
}

export interface DocumentView {
  reportDocumentId: string;
  reportId: string;
  kind: 'report' | 'error';
  /** The document's text before encoding and compression. */
  text: string;
  /** The bytes S3 serves (encoded, compressed when `compression` is GZIP). */
  bytes: Uint8Array;
  compression: 'GZIP' | 'NONE';
  contentType: string;
  downloads: number;
}

type Count = number;

interface ReportFaultSelector {
  /** Only reports of this type; default: any. */
  reportType?: string;
  /** How many reports it applies to; default 1, `Infinity` for all. */
  count?: Count;
}

interface ReportRule {
  category: 'timing' | 'outcome' | 'expire' | 'truncate' | 'format';
  reportType?: string;
  remaining: number;
  apply: (r: ReportRecord) => void;
}

interface ReportRecord {
  reportId: string;
  region: Region;
  reportType: string;
  marketplaceIds: string[];
  reportOptions: Record<string, string>;
  dataStartTime: number;
  dataEndTime: number;
  createdTime: number;
  inQueueUntil: number;
  doneAt: number;
  forced?: { kind: 'fatal'; document: string | Record<string, unknown> | null } | { kind: 'cancelled' };
  formatOverride: Partial<DocumentFormat>;
  expireFirstDownloads: number;
  truncateDownloads: number;
  cancelledAt?: number;
  final?: { status: 'DONE' | 'CANCELLED' | 'FATAL'; documentId?: string; rowCount?: number };
}

interface DocumentRecord {
  documentId: string;
  region: Region;
  reportId: string;
  reportType: string;
  kind: 'report' | 'error';
  text: string;
  bytes: Uint8Array;
  format: DocumentFormat;
  contentType: string;
  s3Path: string;
  expireNextDownloads: number;
  truncateNextDownloads: number;
  downloads: number;
  createdAt: number;
}

interface IssuedUrl {
  documentId: string;
  issuedAt: number;
  ttlMs: number;
  contentEncodingGzip: boolean;
}

interface PageState {
  ids: string[];
  offset: number;
  pageSize: number;
  region: Region;
}

const DAY_MS = 86_400_000;

/** `2026-11-02T15:00:00+00:00`, the form live getReport responses use. */
export function amazonTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

function uuidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function apiError(code: string, message: string, details = ''): { errors: Array<{ code: string; message: string; details: string }> } {
  return { errors: [{ code, message, details }] };
}

const QUOTA_EXCEEDED = apiError('QuotaExceeded', 'You exceeded your quota for the requested resource.');
const UNAUTHORIZED_MESSAGE = 'Access to requested resource is denied.';

class FaultInjector {
  /** Status codes queued per target; each call of the target takes the first one. */
  readonly statusQueue = new Map<FaultTarget, Array<429 | 500 | 503>>();
  readonly reportRules: ReportRule[] = [];

  constructor(private readonly lwa: LwaServer) {}

  /** The next `count` calls of `target` are answered with `status` (429 QuotaExceeded, 500, 503). */
  failNext(target: FaultTarget, status: 429 | 500 | 503, count = 1): void {
    if (target === 'downloadDocument' && status === 429) throw new Error('S3 throttles with 503 SlowDown, not 429');
    const q = this.statusQueue.get(target) ?? [];
    for (let i = 0; i < count; i++) q.push(status);
    this.statusQueue.set(target, q);
  }

  /** A 429 burst: the next `count` calls of `target` are throttled whatever the bucket holds. */
  throttleNext(target: ReportsOperationId | 'lwaToken', count = 1): void {
    this.failNext(target, 429, count);
  }

  /** The next `count` LWA token requests fail with this error (e.g. `invalid_client`). */
  lwaError(error: LwaErrorCode, count = 1): void {
    this.lwa.failNext(error, count);
  }

  private rule(category: ReportRule['category'], sel: ReportFaultSelector, apply: (r: ReportRecord) => void): void {
    this.reportRules.push({ category, reportType: sel.reportType, remaining: sel.count ?? 1, apply });
  }

  /** Reports stay IN_PROGRESS (or IN_QUEUE) `extraMs` longer than configured. */
  slowReports(sel: ReportFaultSelector & { extraMs: number; phase?: 'IN_QUEUE' | 'IN_PROGRESS' }): void {
    this.rule('timing', sel, (r) => {
      if (sel.phase === 'IN_QUEUE') r.inQueueUntil += sel.extraMs;
      r.doneAt += sel.extraMs;
    });
  }

  /**
   * Reports end FATAL. `document`: the error document's content (an object is served as JSON);
   * default `{"errorDetails":"…"}`; `null` for a FATAL report without a reportDocumentId.
   */
  fatalReports(sel: ReportFaultSelector & { document?: string | Record<string, unknown> | null }): void {
    const document = sel.document === undefined ? { errorDetails: 'The report could not be generated because of an internal error.' } : sel.document;
    this.rule('outcome', sel, (r) => {
      r.forced = { kind: 'fatal', document };
    });
  }

  /** Reports end CANCELLED although they have data. */
  cancelReports(sel: ReportFaultSelector = {}): void {
    this.rule('outcome', sel, (r) => {
      r.forced = { kind: 'cancelled' };
    });
  }

  /** The first `times` downloads of these reports' documents answer 403 "Request has expired". */
  expireFirstDownload(sel: ReportFaultSelector & { times?: number } = {}): void {
    this.rule('expire', sel, (r) => {
      r.expireFirstDownloads = sel.times ?? 1;
    });
  }

  /** The first `times` downloads of these reports' documents are cut short (gzip cut, or text cut mid-row). */
  truncateDownloads(sel: ReportFaultSelector & { times?: number } = {}): void {
    this.rule('truncate', sel, (r) => {
      r.truncateDownloads = sel.times ?? 1;
    });
  }

  /** These reports' documents are windows-1252 bytes served as `text/plain;charset=Cp1252`. */
  windows1252(sel: ReportFaultSelector = {}): void {
    this.format({ ...sel, format: { charset: 'windows-1252' } });
  }

  /** Any document-format change for these reports (line endings, columns, no final newline…). */
  format(sel: ReportFaultSelector & { format: Partial<DocumentFormat> }): void {
    this.rule('format', sel, (r) => {
      Object.assign(r.formatOverride, sel.format);
    });
  }

  takeStatus(target: FaultTarget): 429 | 500 | 503 | undefined {
    return this.statusQueue.get(target)?.shift();
  }

  applyReportRules(r: ReportRecord): void {
    const used = new Set<string>();
    for (const rule of this.reportRules) {
      if (rule.remaining <= 0 || used.has(rule.category)) continue;
      if (rule.reportType !== undefined && rule.reportType !== r.reportType) continue;
      rule.apply(r);
      rule.remaining--;
      used.add(rule.category);
    }
  }
}

export class SpApiEmulator {
  readonly clock: VirtualClock;
  /** The seller's data; tests may change it at any time (reports read it when they finish). */
  dataset: SellerDataset;
  readonly lwa: LwaServer;
  readonly faults: FaultInjector;
  readonly validator: SwaggerValidator;

  private readonly options: SpApiEmulatorOptions;
  private readonly _log: RequestLogEntry[] = [];
  private readonly _violations: Violation[] = [];
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly reportsById = new Map<string, ReportRecord>();
  private readonly documents = new Map<string, DocumentRecord>();
  private readonly documentsByPath = new Map<string, string>();
  private readonly urls = new Map<string, IssuedUrl>();
  private readonly pages = new Map<string, PageState>();
  private seq = 0;
  private reportSeq = 0;
  private documentSeq = 0;
  private pageSeq = 0;

  /** Answers every request the UrlFetchApp fake routes here. */
  readonly handle: FakeHttpHandler = (request) => this.dispatch(request);

  constructor(options: SpApiEmulatorOptions) {
    this.options = options;
    this.clock = options.clock;
    this.dataset = options.dataset ?? emptyDataset();
    this.lwa = new LwaServer(options.credentials ?? {}, options.accessTokenLifetimeSeconds ?? 3600);
    this.faults = new FaultInjector(this.lwa);
    this.validator = loadReportsModel({ unknownQueryParameters: options.unknownQueryParameters ?? 'reject' });
  }

  // ---------------------------------------------------------------- configuration

  get credentials(): LwaCredentials {
    return this.lwa.credentials;
  }

  /** The client secret passed its 180-day rotation deadline: token requests get invalid_client. */
  expireClientSecret(): void {
    this.lwa.secretExpired = true;
  }

  rotateClientSecret(newSecret: string): void {
    this.lwa.rotateClientSecret(newSecret);
  }

  /** Every access token issued so far stops working (403). */
  revokeAccessTokens(): void {
    this.lwa.revokeAccessTokens();
  }

  /** The seller de-authorized the app: the refresh token gives invalid_grant. */
  revokeRefreshToken(): void {
    this.lwa.refreshTokenRevoked = true;
  }

  /** Changes the document format from now on (for one report type, or all). */
  setDocumentFormat(format: Partial<DocumentFormat>, reportType?: string): void {
    if (reportType === undefined) {
      this.options.documentFormat = { ...this.options.documentFormat, ...format };
    } else {
      const by = (this.options.documentFormatByReportType ??= {});
      by[reportType] = { ...by[reportType], ...format };
    }
  }

  usagePlan(operation: ReportsOperationId): UsagePlan {
    return this.options.usagePlans?.[operation] ?? DEFAULT_USAGE_PLANS[operation];
  }

  /** Tokens left in an operation's bucket now (fractional). */
  bucketTokens(operation: ReportsOperationId, region: Region = 'NA'): number {
    return this.bucket(operation, region).tokens(this.clock.now());
  }

  // ---------------------------------------------------------------- observation

  get log(): readonly RequestLogEntry[] {
    return this._log;
  }

  /** Log entries, optionally of one operation and/or status. */
  calls(operation?: EmulatorOperation, status?: number): RequestLogEntry[] {
    return this._log.filter((e) => (operation === undefined || e.operation === operation) && (status === undefined || e.status === status));
  }

  count(operation?: EmulatorOperation, status?: number): number {
    return this.calls(operation, status).length;
  }

  get stats(): {
    requests: number;
    tokenRequests: number;
    tokensIssued: number;
    throttled: number;
    byOperation: Partial<Record<EmulatorOperation, number>>;
    byStatus: Record<number, number>;
  } {
    const byOperation: Partial<Record<EmulatorOperation, number>> = {};
    const byStatus: Record<number, number> = {};
    for (const e of this._log) {
      byOperation[e.operation] = (byOperation[e.operation] ?? 0) + 1;
      byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    }
    return {
      requests: this._log.length,
      tokenRequests: this.lwa.tokenRequests,
      tokensIssued: this.lwa.tokensIssued,
      throttled: this._log.filter((e) => e.status === 429).length,
      byOperation,
      byStatus,
    };
  }

  get violations(): readonly Violation[] {
    return this._violations;
  }

  /** Returns the violations so far and forgets them (for tests that send bad requests on purpose). */
  takeViolations(): Violation[] {
    return this._violations.splice(0, this._violations.length);
  }

  /** Throws listing every violation (call it in afterEach). */
  assertNoViolations(): void {
    if (this._violations.length === 0) return;
    const lines = this._violations.map(
      (v, i) => `  ${i + 1}. [${new Date(v.time).toISOString()}] ${v.method.toUpperCase()} ${v.url}\n     ${v.operation}: ${v.message}`,
    );
    throw new Error(`SP-API emulator: ${this._violations.length} violation(s):\n${lines.join('\n')}`);
  }

  reports(): ReportView[] {
    return [...this.reportsById.values()].map((r) => this.view(r));
  }

  report(reportId: string): ReportView | undefined {
    const r = this.reportsById.get(reportId);
    return r ? this.view(r) : undefined;
  }

  document(reportDocumentId: string): DocumentView | undefined {
    const d = this.documents.get(reportDocumentId);
    if (!d) return undefined;
    return {
      reportDocumentId: d.documentId,
      reportId: d.reportId,
      kind: d.kind,
      text: d.text,
      bytes: d.bytes,
      compression: d.format.compression,
      contentType: d.contentType,
      downloads: d.downloads,
    };
  }

  private view(r: ReportRecord): ReportView {
    const status = this.statusOf(r, this.clock.now());
    return {
      reportId: r.reportId,
      region: r.region,
      reportType: r.reportType,
      marketplaceIds: [...r.marketplaceIds],
      reportOptions: { ...r.reportOptions },
      dataStartTime: amazonTime(r.dataStartTime),
      dataEndTime: amazonTime(r.dataEndTime),
      createdTime: r.createdTime,
      status,
      reportDocumentId: r.final?.documentId,
      rowCount: r.final?.rowCount,
    };
  }

  // ---------------------------------------------------------------- dispatch

  private violation(request: FakeHttpRequest, operation: EmulatorOperation, message: string): void {
    this._violations.push({ time: this.clock.now(), method: request.method, url: request.url, operation, message });
  }

  private dispatch(request: FakeHttpRequest): FakeHttpResponse {
    const now = this.clock.now();
    const seq = ++this.seq;
    const requestId = uuidFrom(`request:${seq}`);
    const ctx: { operation: EmulatorOperation; service: RequestLogEntry['service']; region?: Region; injected?: string } = {
      operation: 'unknown',
      service: 'unknown',
    };
    let response: FakeHttpResponse;
    let url: URL | undefined;
    try {
      url = new URL(request.url);
    } catch {
      url = undefined;
    }
    if (!url) {
      this.violation(request, 'unknown', `not a valid URL: ${JSON.stringify(request.url)}`);
      response = { status: 400, headers: { 'Content-Type': 'text/plain' }, body: utf8('Bad Request') };
    } else {
      if (url.protocol !== 'https:') this.violation(request, 'unknown', `${url.protocol} is not allowed; every Amazon endpoint is https`);
      const host = url.hostname.toLowerCase();
      const region = regionOfHost(host);
      if (host === LWA_HOST) {
        ctx.service = 'lwa';
        ctx.operation = 'lwaToken';
        response = this.lwaRequest(request, url, now, requestId, ctx);
      } else if (region) {
        ctx.service = 'sp-api';
        ctx.region = region;
        response = this.spApiRequest(request, url, region, now, requestId, ctx);
      } else if (host.endsWith('.amazonaws.com')) {
        ctx.service = 's3';
        ctx.operation = 'downloadDocument';
        response = this.s3Request(request, url, now, requestId, ctx);
      } else {
        this.violation(
          request,
          'unknown',
          host.startsWith('sandbox.')
            ? `${host} is the static sandbox; the add-on must call the production host`
            : `no Amazon endpoint at ${host} (expected api.amazon.com, ${Object.values(REGION_HOSTS).join(', ')} or *.amazonaws.com)`,
        );
        response = { status: 404, headers: { 'Content-Type': 'text/plain' }, body: utf8('Not Found') };
      }
    }
    this._log.push({
      seq,
      time: now,
      method: request.method,
      url: request.url,
      service: ctx.service,
      operation: ctx.operation,
      region: ctx.region,
      status: response.status,
      requestId,
      injected: ctx.injected,
      request,
      response,
    });
    return response;
  }

  // ---------------------------------------------------------------- LWA

  private lwaRequest(
    request: FakeHttpRequest,
    url: URL,
    now: number,
    requestId: string,
    ctx: { injected?: string },
  ): FakeHttpResponse {
    const injected = this.faults.takeStatus('lwaToken');
    if (injected) {
      this.lwa.tokenRequests++;
      ctx.injected = String(injected);
      const error = injected === 500 ? 'server_error' : 'temporarily_unavailable';
      return jsonResponse(
        injected,
        { error_description: injected === 429 ? 'Rate exceeded' : 'The service is temporarily unavailable', error, request_id: requestId },
        { 'x-amzn-RequestId': requestId },
      );
    }
    const outcome = this.lwa.handle(request, url, now, requestId);
    for (const v of outcome.violations) this.violation(request, 'lwaToken', v);
    return outcome.response;
  }

  // ---------------------------------------------------------------- SP-API

  private bucket(operation: ReportsOperationId, region: Region): TokenBucket {
    const key = `${region}:${operation}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.usagePlan(operation), this.clock.now());
      this.buckets.set(key, b);
    }
    return b;
  }

  private spApiRequest(
    request: FakeHttpRequest,
    url: URL,
    region: Region,
    now: number,
    requestId: string,
    ctx: { operation: EmulatorOperation; injected?: string },
  ): FakeHttpResponse {
    const base: Record<string, string> = { 'x-amzn-RequestId': requestId, Date: new Date(now).toUTCString() };
    const found = this.validator.findOperation(request.method, url.pathname);
    const op = found.operation?.operationId as ReportsOperationId | undefined;
    ctx.operation = op ?? 'unknown';
    const flag = (message: string) => this.violation(request, ctx.operation, message);

    const authorization = header(request.headers, 'authorization');
    if (authorization !== undefined && /^AWS4-HMAC-SHA256/i.test(authorization)) {
      flag('the request carries a SigV4 Authorization header; SP-API no longer uses SigV4 (SPEC §6: no SigV4)');
    }
    const ua = parseUserAgent(header(request.headers, 'user-agent'));
    const uaTooLong = 'problem' in ua && ua.tooLong === true;
    if ('problem' in ua) flag(ua.problem);

    // Authentication comes first: without a live token nothing else is looked at.
    const token = header(request.headers, 'x-amz-access-token');
    const state = this.lwa.tokenState(token, now);
    if (state !== 'live') {
      let details = '';
      if (state === 'missing') flag('no x-amz-access-token header');
      if (state === 'unknown') {
        flag('x-amz-access-token is not a token LWA issued');
        details = 'The access token you provided is revoked, malformed or invalid.';
      }
      if (state === 'revoked') details = 'The access token you provided is revoked, malformed or invalid.';
      if (state === 'expired') {
        details = 'The access token you provided has expired.';
        if (this.options.expiredTokenIsViolation) flag('the access token had expired (refresh it before its hour ends)');
      }
      return jsonResponse(403, apiError('Unauthorized', UNAUTHORIZED_MESSAGE, details), { ...base, 'x-amzn-ErrorType': 'AccessDeniedException' });
    }

    if (!op) {
      const check = this.validator.checkRequest(request);
      for (const p of check.kind === 'ok' ? [] : check.problems) flag(p.message);
      if (check.kind === 'method-not-allowed') {
        return jsonResponse(405, apiError('MethodNotAllowed', `${request.method.toUpperCase()} is not allowed on this resource.`), base);
      }
      return jsonResponse(404, apiError('NotFound', 'Resource not found.'), base);
    }

    const check = this.validator.checkRequest(request);
    if (check.kind === 'invalid') for (const p of check.problems) flag(`${p.location}: ${p.message}`);

    const injected = this.faults.takeStatus(op);
    if (injected) {
      ctx.injected = String(injected);
      return this.statusFault(injected, base);
    }
    if (this.options.rateLimiting !== false && !this.bucket(op, region).tryTake(now)) {
      return jsonResponse(429, QUOTA_EXCEEDED, { ...base, 'x-amzn-ErrorType': 'TooManyRequestsException' });
    }
    const rateHeader: Record<string, string> =
      this.options.rateLimitHeader === false ? {} : { 'x-amzn-RateLimit-Limit': String(this.usagePlan(op).rate) };
    const respond = (status: number, body: unknown) => {
      const problems = this.validator.checkResponse(op, status, body);
      if (problems.length > 0) {
        throw new Error(`SP-API emulator bug: its ${op} ${status} response does not match the model: ${problems.map((p) => `${p.location}: ${p.message}`).join('; ')}`);
      }
      const withRate = status < 300 || status === 400 || status === 404 ? rateHeader : {};
      return jsonResponse(status, body, { ...base, ...withRate });
    };

    if (uaTooLong) return respond(400, apiError('InvalidInput', 'User-Agent header exceeds the maximum length of 500 characters.'));
    if (check.kind === 'invalid') {
      return respond(check.status, { errors: check.problems.map((p) => ({ code: 'InvalidInput', message: `${p.location}: ${p.message}`, details: '' })) });
    }
    if (check.kind !== 'ok') throw new Error('unreachable');
    return this.operation(op, check, request, url, region, now, respond, flag);
  }

  private statusFault(status: 429 | 500 | 503, base: Record<string, string>): FakeHttpResponse {
    if (status === 429) return jsonResponse(429, QUOTA_EXCEEDED, { ...base, 'x-amzn-ErrorType': 'TooManyRequestsException' });
    if (status === 500) return jsonResponse(500, apiError('InternalFailure', 'We encountered an internal error. Please try again.'), base);
    return jsonResponse(503, apiError('ServiceUnavailable', 'Service temporarily unavailable. Please try again later.'), base);
  }

  private operation(
    op: ReportsOperationId,
    check: Extract<RequestCheck, { kind: 'ok' }>,
    request: FakeHttpRequest,
    url: URL,
    region: Region,
    now: number,
    respond: (status: number, body: unknown) => FakeHttpResponse,
    flag: (message: string) => void,
  ): FakeHttpResponse {
    switch (op) {
      case 'createReport':
        return this.createReport(check.body as CreateReportBody, region, now, respond, flag);
      case 'getReport': {
        const r = this.findReport(check.pathParams.reportId, region, now);
        if (!r) return respond(404, apiError('NotFound', `Report ${check.pathParams.reportId} not found.`));
        return respond(200, this.reportJson(r, now));
      }
      case 'cancelReport': {
        const r = this.findReport(check.pathParams.reportId, region, now);
        if (!r) return respond(404, apiError('NotFound', `Report ${check.pathParams.reportId} not found.`));
        const status = this.statusOf(r, now);
        if (status !== 'IN_QUEUE') {
          return respond(400, apiError('InvalidInput', `Report ${r.reportId} cannot be cancelled: its processingStatus is ${status}; only IN_QUEUE reports can be cancelled.`));
        }
        r.cancelledAt = now;
        r.final = { status: 'CANCELLED' };
        return respond(200, undefined);
      }
      case 'getReports':
        return this.getReports(check.query, url, region, now, respond, flag);
      case 'getReportDocument': {
        const d = this.documents.get(check.pathParams.reportDocumentId);
        if (!d || d.region !== region || d.createdAt < now - this.retentionMs()) {
          return respond(404, apiError('NotFound', `Report document ${check.pathParams.reportDocumentId} not found.`));
        }
        const ttlMs = (this.options.documentUrlTtlSeconds ?? 300) * 1000;
        const gzipHeader = check.query.enableContentEncodingUrlHeader === true && d.format.compression === 'GZIP';
        const presigned = presign(region, d.s3Path, now, ttlMs / 1000, gzipHeader ? [['response-content-encoding', 'gzip']] : []);
        this.urls.set(presigned.signature, { documentId: d.documentId, issuedAt: now, ttlMs, contentEncodingGzip: gzipHeader });
        const body: Record<string, string> = { reportDocumentId: d.documentId, url: presigned.url };
        if (d.format.compression === 'GZIP') body.compressionAlgorithm = 'GZIP';
        return respond(200, body);
      }
      default:
        flag(`${op} is not used by the add-on and not emulated`);
        return respond(400, apiError('InvalidInput', `${op} is not supported by the emulator.`));
    }
  }

  private retentionMs(): number {
    return (this.options.reportRetentionDays ?? 90) * DAY_MS;
  }

  private findReport(reportId: string, region: Region, now: number): ReportRecord | undefined {
    const r = this.reportsById.get(reportId);
    if (!r || r.region !== region || r.createdTime < now - this.retentionMs()) return undefined;
    return r;
  }

  private createReport(
    body: CreateReportBody,
    region: Region,
    now: number,
    respond: (status: number, body: unknown) => FakeHttpResponse,
    flag: (message: string) => void,
  ): FakeHttpResponse {
    const errors: Array<{ code: string; message: string; details: string }> = [];
    const reject = (message: string, violation: boolean) => {
      errors.push({ code: 'InvalidInput', message, details: '' });
      if (violation) flag(message);
    };
    // Marketplaces: user configuration, answered without a violation.
    for (const id of body.marketplaceIds) {
      const m = MARKETPLACES_BY_ID.get(id);
      if (!m) reject(`Invalid marketplaceId: ${id}.`, false);
      else if (m.region !== region) reject(`Marketplace ${id} (${m.code}) is not served by ${REGION_HOSTS[region]}; it belongs to the ${m.region} region.`, false);
    }
    const type = body.reportType;
    if (!SUPPORTED_REPORT_TYPES.includes(type)) reject(`Invalid reportType ${type} (the emulator serves ${SUPPORTED_REPORT_TYPES.join(', ')}).`, true);

    const start = body.dataStartTime === undefined ? undefined : (parseDateTime(body.dataStartTime) as number);
    const end = body.dataEndTime === undefined ? undefined : (parseDateTime(body.dataEndTime) as number);
    const isLedger = type === LEDGER_DETAIL || type === LEDGER_SUMMARY;
    if (isLedger && (start === undefined || end === undefined)) reject(`${type} requires both dataStartTime and dataEndTime.`, true);
    if (start !== undefined && start > now) reject(`dataStartTime ${body.dataStartTime} must be prior to or equal to the current date and time (${amazonTime(now)}).`, true);
    if (end !== undefined && end > now) reject(`dataEndTime ${body.dataEndTime} must be prior to or equal to the current date and time (${amazonTime(now)}).`, true);
    if (start !== undefined && end !== undefined && start > end) reject(`dataStartTime ${body.dataStartTime} is after dataEndTime ${body.dataEndTime}.`, true);

    const options = body.reportOptions ?? {};
    this.checkReportOptions(type, options, reject, flag);
    if (errors.length > 0) return respond(400, { errors });

    const times = { inQueueMs: 30_000, inProgressMs: 90_000, ...this.options.processing, ...this.options.processingByReportType?.[type] };
    const reportId = String(50_000_000_000 + ++this.reportSeq * 17);
    const r: ReportRecord = {
      reportId,
      region,
      reportType: type,
      marketplaceIds: [...body.marketplaceIds],
      reportOptions: { ...options },
      dataStartTime: start ?? now,
      dataEndTime: end ?? now,
      createdTime: now,
      inQueueUntil: now + times.inQueueMs,
      doneAt: now + times.inQueueMs + times.inProgressMs,
      formatOverride: {},
      expireFirstDownloads: 0,
      truncateDownloads: 0,
    };
    this.faults.applyReportRules(r);
    this.reportsById.set(reportId, r);
    return respond(202, { reportId });
  }

  private checkReportOptions(
    type: string,
    options: Record<string, string>,
    reject: (message: string, violation: boolean) => void,
    flag: (message: string) => void,
  ): void {
    const filters = ['FNSKU', 'MSKU', 'ASIN'];
    const checkKeys = (allowed: string[]) => {
      for (const key of Object.keys(options)) {
        if (!allowed.includes(key)) reject(`Invalid reportOption '${key}' for ${type}. Valid options: ${allowed.join(', ')}.`, true);
      }
      for (const key of filters) {
        if (options[key] === '') reject(`1 validation error detected: Value '' at 'reportOptions.${key}' failed to satisfy constraint: Member must have length greater than or equal to 1`, true);
      }
    };
    if (type === LEDGER_DETAIL) {
      checkKeys(['eventType', ...filters]);
      const eventType = options.eventType;
      if (eventType === '') {
        reject("1 validation error detected: Value '' at 'reportOptions.eventType' failed to satisfy constraint: Member must have length greater than or equal to 1", true);
      } else if (eventType !== undefined && !(LEDGER_EVENT_TYPES as readonly string[]).includes(eventType)) {
        // Amazon accepts it and returns an empty report (a comma list did); the add-on must not send it.
        flag(`reportOptions.eventType ${JSON.stringify(eventType)} is not one event type (${LEDGER_EVENT_TYPES.join(', ')}); Amazon answers with an empty report`);
      }
    } else if (type === LEDGER_SUMMARY) {
      checkKeys(['aggregateByLocation', 'aggregatedByTimePeriod', ...filters]);
      const loc = options.aggregateByLocation;
      if (loc !== undefined && !['COUNTRY', 'FC'].includes(loc)) reject(`Invalid value '${loc}' for reportOption 'aggregateByLocation'. Allowed: COUNTRY, FC.`, true);
      const period = options.aggregatedByTimePeriod;
      if (period !== undefined && !['DAILY', 'WEEKLY', 'MONTHLY'].includes(period)) {
        reject(`Invalid value '${period}' for reportOption 'aggregatedByTimePeriod'. Allowed: DAILY, WEEKLY, MONTHLY.`, true);
      }
    } else if (type === MYI_UNSUPPRESSED) {
      if (Object.keys(options).length > 0) flag(`${type} takes no reportOptions (got ${Object.keys(options).join(', ')}); Amazon ignores them`);
    }
  }

  private getReports(
    query: Record<string, unknown>,
    url: URL,
    region: Region,
    now: number,
    respond: (status: number, body: unknown) => FakeHttpResponse,
    flag: (message: string) => void,
  ): FakeHttpResponse {
    const sent = [...new Set([...url.searchParams.keys()])];
    let state: PageState;
    if (sent.includes('nextToken')) {
      if (sent.length > 1) {
        const message = `nextToken must be the only parameter (also sent: ${sent.filter((n) => n !== 'nextToken').join(', ')}).`;
        flag(message);
        return respond(400, apiError('InvalidInput', message));
      }
      const page = this.pages.get(query.nextToken as string);
      if (!page || page.region !== region) {
        flag('nextToken was not issued by getReports');
        return respond(400, apiError('InvalidInput', 'Invalid nextToken.'));
      }
      state = page;
    } else {
      if (!sent.includes('reportTypes')) {
        const message = 'Either reportTypes or nextToken is required.';
        flag(message);
        return respond(400, apiError('InvalidInput', message));
      }
      const types = query.reportTypes as string[];
      const statuses = query.processingStatuses as ProcessingStatus[] | undefined;
      const markets = query.marketplaceIds as string[] | undefined;
      const since = query.createdSince === undefined ? now - 90 * DAY_MS : (parseDateTime(query.createdSince as string) as number);
      const until = query.createdUntil === undefined ? now : (parseDateTime(query.createdUntil as string) as number);
      if (since > until) return respond(400, apiError('InvalidInput', 'createdSince must be before createdUntil.'));
      const ids = [...this.reportsById.values()]
        .filter(
          (r) =>
            r.region === region &&
            r.createdTime >= Math.max(since, now - this.retentionMs()) &&
            r.createdTime <= until &&
            types.includes(r.reportType) &&
            (!statuses || statuses.includes(this.statusOf(r, now))) &&
            (!markets || r.marketplaceIds.some((m) => markets.includes(m))),
        )
        .sort((a, b) => b.createdTime - a.createdTime || Number(b.reportId) - Number(a.reportId))
        .map((r) => r.reportId);
      state = { ids, offset: 0, pageSize: query.pageSize as number, region };
    }
    const pageIds = state.ids.slice(state.offset, state.offset + state.pageSize);
    const body: { reports: unknown[]; nextToken?: string } = {
      reports: pageIds.map((id) => this.reportJson(this.reportsById.get(id) as ReportRecord, now)),
    };
    if (state.offset + state.pageSize < state.ids.length) {
      const token = Buffer.from(`emulator-page:${++this.pageSeq}:${uuidFrom(`page:${this.pageSeq}`)}`).toString('base64');
      this.pages.set(token, { ...state, offset: state.offset + state.pageSize });
      body.nextToken = token;
    }
    return respond(200, body);
  }

  // ---------------------------------------------------------------- report processing

  private statusOf(r: ReportRecord, now: number): ProcessingStatus {
    if (r.final) return r.final.status;
    if (now < r.inQueueUntil) return 'IN_QUEUE';
    if (now < r.doneAt) return 'IN_PROGRESS';
    return this.finish(r);
  }

  private formatFor(r: ReportRecord): DocumentFormat {
    return {
      ...DEFAULT_DOCUMENT_FORMAT,
      ...this.options.documentFormat,
      ...this.options.documentFormatByReportType?.[r.reportType],
      ...r.formatOverride,
    };
  }

  private finish(r: ReportRecord): ProcessingStatus {
    this.resolve(r);
    return (r.final as { status: ProcessingStatus }).status;
  }

  private resolve(r: ReportRecord): void {
    const format = this.formatFor(r);
    if (r.forced?.kind === 'cancelled') {
      r.final = { status: 'CANCELLED' };
      return;
    }
    if (r.forced?.kind === 'fatal') {
      const doc = r.forced.document;
      if (doc === null) {
        r.final = { status: 'FATAL' };
      } else {
        const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
        const d = this.storeDocument(r, 'error', text, { ...format, charset: 'UTF-8', bom: false });
        r.final = { status: 'FATAL', documentId: d.documentId };
      }
      return;
    }
    const table = generateTable(this.dataset, {
      reportType: r.reportType,
      marketplaceIds: r.marketplaceIds,
      dataStartTime: r.dataStartTime,
      dataEndTime: r.dataEndTime,
      reportOptions: r.reportOptions,
    }, format);
    if (table.rows.length === 0 && (this.options.emptyReports ?? 'cancel') === 'cancel') {
      r.final = { status: 'CANCELLED', rowCount: 0 };
      return;
    }
    const d = this.storeDocument(r, 'report', renderTable(table, format), format);
    r.final = { status: 'DONE', documentId: d.documentId, rowCount: table.rows.length };
  }

  private storeDocument(r: ReportRecord, kind: 'report' | 'error', text: string, format: DocumentFormat): DocumentRecord {
    const n = ++this.documentSeq;
    const region = r.region.toLowerCase();
    const id = uuidFrom(`document:${n}`);
    const documentId = `amzn1.spdoc.1.4.${region}.${id}.T${createHash('sha1').update(`t:${n}`).digest('hex').slice(0, 14).toUpperCase()}.${3000 + n}`;
    const s3Path = `/${createHash('md5').update(`path:${n}`).digest('hex')}/amzn1.tortuga.4.${region}.${id}.T${(3_000_000_000 + n).toString(36).toUpperCase()}`;
    const encoded = encodeDocument(text, format);
    const bytes = format.compression === 'GZIP' ? new Uint8Array(gzipSync(encoded)) : encoded;
    const d: DocumentRecord = {
      documentId,
      region: r.region,
      reportId: r.reportId,
      reportType: r.reportType,
      kind,
      text,
      bytes,
      format,
      contentType: documentContentType(format),
      s3Path,
      expireNextDownloads: r.expireFirstDownloads,
      truncateNextDownloads: r.truncateDownloads,
      downloads: 0,
      createdAt: r.doneAt,
    };
    this.documents.set(documentId, d);
    this.documentsByPath.set(s3Path, documentId);
    return d;
  }

  private reportJson(r: ReportRecord, now: number): Record<string, unknown> {
    const status = this.statusOf(r, now);
    const out: Record<string, unknown> = {
      reportType: r.reportType,
      processingStatus: status,
      marketplaceIds: [...r.marketplaceIds],
      reportId: r.reportId,
      dataStartTime: amazonTime(r.dataStartTime),
      dataEndTime: amazonTime(r.dataEndTime),
      createdTime: amazonTime(r.createdTime),
    };
    if (r.cancelledAt !== undefined) {
      out.processingEndTime = amazonTime(r.cancelledAt);
    } else if (status !== 'IN_QUEUE') {
      out.processingStartTime = amazonTime(r.inQueueUntil);
      if (status !== 'IN_PROGRESS') out.processingEndTime = amazonTime(r.doneAt);
    }
    if (r.final?.documentId) out.reportDocumentId = r.final.documentId;
    return out;
  }

  // ---------------------------------------------------------------- S3 downloads

  private s3Request(request: FakeHttpRequest, url: URL, now: number, requestId: string, ctx: { injected?: string }): FakeHttpResponse {
    const flag = (message: string) => this.violation(request, 'downloadDocument', message);
    if (request.method.toLowerCase() !== 'get') {
      flag(`documents are fetched with GET, not ${request.method.toUpperCase()}`);
      return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', requestId);
    }
    if (request.body.length > 0) flag('the document download sent a body');
    const unsigned = Object.keys(request.headers).filter((h) => /^x-amz-/i.test(h));
    if (header(request.headers, 'authorization') !== undefined) {
      flag('the document download sent an Authorization header; the presigned URL is the only credential');
      return s3Error(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', requestId);
    }
    if (unsigned.length > 0) {
      flag(`the document download sent SP-API headers (${unsigned.join(', ')}); fetch the URL with a plain GET (an access token must not go to S3)`);
      return s3Error(403, 'AccessDenied', 'There were headers present in the request which were not signed', requestId, [['HeadersNotSigned', unsigned.join(', ').toLowerCase()]]);
    }
    const verified = verifyPresigned(url);
    if (!verified.ok) {
      flag(`the document URL was altered: ${verified.reason}`);
      return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', requestId);
    }
    const issued = this.urls.get(verified.signature);
    const documentId = this.documentsByPath.get(url.pathname);
    if (!issued || issued.documentId !== documentId) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', requestId);
    const d = this.documents.get(documentId) as DocumentRecord;

    const injected = this.faults.takeStatus('downloadDocument');
    if (injected) {
      ctx.injected = String(injected);
      return injected === 500
        ? s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.', requestId)
        : s3Error(503, 'SlowDown', 'Please reduce your request rate.', requestId);
    }
    const expiresAt = issued.issuedAt + issued.ttlMs;
    const expired = () =>
      s3Error(403, 'AccessDenied', 'Request has expired', requestId, [
        ['X-Amz-Expires', String(issued.ttlMs / 1000)],
        ['Expires', isoSeconds(expiresAt)],
        ['ServerTime', isoSeconds(now)],
      ]);
    if (now > expiresAt) return expired();
    if (d.expireNextDownloads > 0) {
      d.expireNextDownloads--;
      ctx.injected = 'expired';
      return expired();
    }
    let body = d.bytes;
    if (d.truncateNextDownloads > 0) {
      d.truncateNextDownloads--;
      ctx.injected = 'truncated';
      body = this.truncated(d);
    }
    d.downloads++;
    const headers: Record<string, string> = {
      'Content-Type': d.contentType,
      'Content-Length': String(d.bytes.length),
      ETag: `"${createHash('md5').update(d.bytes).digest('hex')}"`,
      'Last-Modified': new Date(d.createdAt).toUTCString(),
      'Accept-Ranges': 'bytes',
      'x-amz-request-id': requestId,
      'x-amz-id-2': `emulator/${requestId}`,
      Server: 'AmazonS3',
    };
    if (issued.contentEncodingGzip) headers['Content-Encoding'] = 'gzip';
    return { status: 200, headers, body };
  }

  /** The document cut short: gzip bytes cut at 60 %, or the text cut in the middle of its last row. */
  private truncated(d: DocumentRecord): Uint8Array {
    if (d.format.compression === 'GZIP') return d.bytes.slice(0, Math.max(10, Math.floor(d.bytes.length * 0.6)));
    const text = d.text.replace(/(\r?\n)+$/, '');
    const lastBreak = text.lastIndexOf('\n');
    const lastLine = text.slice(lastBreak + 1);
    const cut = text.slice(0, lastBreak + 1 + Math.max(1, Math.floor(lastLine.length / 2)));
    return encodeDocument(cut, { ...d.format, bom: d.format.bom });
  }
}

interface CreateReportBody {
  reportType: string;
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}

export { DEFAULT_CREDENTIALS };
