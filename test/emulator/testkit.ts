/**
 * Helpers for driving the emulator with raw `FakeHttpRequest`s (the emulator's own tests, and any
 * test that wants to set up server state directly).
 */
import { gunzipSync } from 'node:zlib';
import type { FakeHttpRequest, FakeHttpResponse } from '../fakes/http';
import { DEFAULT_CREDENTIALS, type LwaCredentials } from './lwa';
import { LWA_TOKEN_URL, REGION_HOSTS, type Region } from './marketplaces';
import type { SpApiEmulator } from './spapi';
import { fromUtf8, responseJson, utf8 } from './wire';

export const TEST_USER_AGENT = 'FBA Lot Ledger/0.1.0 (Language=JavaScript/ES2020; Platform=Google Apps Script)';

export function formBody(fields: Record<string, string>): Uint8Array {
  return utf8(new URLSearchParams(fields).toString());
}

/** A refresh-token grant as the add-on should send it. */
export function tokenRequest(credentials: LwaCredentials = DEFAULT_CREDENTIALS, extraHeaders: Record<string, string> = {}): FakeHttpRequest {
  return {
    url: LWA_TOKEN_URL,
    method: 'post',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', ...extraHeaders },
    body: formBody({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }),
  };
}

export interface SpRequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  userAgent?: string | null;
}

/** An SP-API request to a regional host; `pathAndQuery` starts with `/reports/…`. */
export function spRequest(method: FakeHttpRequest['method'], region: Region, pathAndQuery: string, options: SpRequestOptions = {}): FakeHttpRequest {
  const headers: Record<string, string> = {};
  if (options.userAgent !== null) headers['User-Agent'] = options.userAgent ?? TEST_USER_AGENT;
  if (options.token !== undefined) headers['x-amz-access-token'] = options.token;
  let body: Uint8Array = new Uint8Array(0);
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = utf8(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  }
  return { url: `https://${REGION_HOSTS[region]}${pathAndQuery}`, method, headers: { ...headers, ...options.headers }, body };
}

export function gunzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(bytes));
}

/** Parses TSV whose fields may be double-quoted (quotes doubled inside); accepts CRLF/LF and a missing final newline. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === '\t') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header row. */
export function tsvRecords(text: string): Array<Record<string, string>> {
  const [head, ...rows] = parseTsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

/** A minimal well-behaved SP-API client over the emulator, for the emulator's tests. */
export class TestClient {
  accessToken?: string;
  private tokenExpiresAt = 0;

  constructor(
    readonly emulator: SpApiEmulator,
    readonly region: Region = 'NA',
    readonly credentials: LwaCredentials = emulator.credentials,
  ) {}

  send(request: FakeHttpRequest): FakeHttpResponse {
    return this.emulator.handle(request);
  }

  /** Fetches an access token and keeps it. */
  login(): string {
    const res = this.send(tokenRequest(this.credentials));
    if (res.status !== 200) throw new Error(`LWA ${res.status}: ${fromUtf8(res.body)}`);
    const body = responseJson<{ access_token: string; expires_in: number }>(res);
    this.accessToken = body.access_token;
    this.tokenExpiresAt = this.emulator.clock.now() + body.expires_in * 1000;
    return this.accessToken;
  }

  /** The current access token, refreshed a minute before it expires. */
  token(): string {
    if (this.accessToken === undefined || this.emulator.clock.now() >= this.tokenExpiresAt - 60_000) return this.login();
    return this.accessToken;
  }

  call(method: FakeHttpRequest['method'], pathAndQuery: string, body?: unknown, options: Omit<SpRequestOptions, 'body'> = {}): FakeHttpResponse {
    return this.send(spRequest(method, this.region, pathAndQuery, { token: this.token(), body, ...options }));
  }

  createReport(spec: Record<string, unknown>): FakeHttpResponse {
    return this.call('post', '/reports/2021-06-30/reports', spec);
  }

  getReport(reportId: string): FakeHttpResponse {
    return this.call('get', `/reports/2021-06-30/reports/${encodeURIComponent(reportId)}`);
  }

  getReportDocument(documentId: string, query = ''): FakeHttpResponse {
    return this.call('get', `/reports/2021-06-30/documents/${encodeURIComponent(documentId)}${query}`);
  }

  /** A plain GET of a presigned URL (no SP-API headers). */
  download(url: string, headers: Record<string, string> = {}): FakeHttpResponse {
    return this.send({ url, method: 'get', headers, body: new Uint8Array(0) });
  }

  /** createReport, then advance the clock polling getReport every `pollMs` until a final status. */
  runReport(spec: Record<string, unknown>, pollMs = 30_000, maxPolls = 500): { reportId: string; report: Record<string, any> } {
    const created = this.createReport(spec);
    if (created.status !== 202) throw new Error(`createReport ${created.status}: ${fromUtf8(created.body)}`);
    const reportId = responseJson<{ reportId: string }>(created).reportId;
    for (let i = 0; i < maxPolls; i++) {
      this.emulator.clock.advance(pollMs);
      const res = this.getReport(reportId);
      if (res.status !== 200) throw new Error(`getReport ${res.status}: ${fromUtf8(res.body)}`);
      const report = responseJson<Record<string, any>>(res);
      if (['DONE', 'CANCELLED', 'FATAL'].includes(report.processingStatus)) return { reportId, report };
    }
    throw new Error(`report ${reportId} did not finish`);
  }

  /** getReportDocument + download + gunzip when announced; returns the bytes and the response. */
  fetchDocument(documentId: string): { bytes: Uint8Array; response: FakeHttpResponse; document: { url: string; compressionAlgorithm?: string } } {
    const res = this.getReportDocument(documentId);
    if (res.status !== 200) throw new Error(`getReportDocument ${res.status}: ${fromUtf8(res.body)}`);
    const document = responseJson<{ url: string; compressionAlgorithm?: string }>(res);
    const response = this.download(document.url);
    if (response.status !== 200) throw new Error(`download ${response.status}: ${fromUtf8(response.body)}`);
    const bytes = document.compressionAlgorithm === 'GZIP' ? gunzip(response.body) : response.body;
    return { bytes, response, document };
  }
}
