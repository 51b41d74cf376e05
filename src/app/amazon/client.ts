/**
 * Login with Amazon and the Selling Partner API over the Http port (spec §6): form-encoded
 * refresh-token exchange, the access token reused until a minute before its hour ends,
 * `x-amz-access-token` and a documented-form User-Agent on every call, no SigV4; 429 and 5xx
 * retried with back-off; every error message scrubbed of the connection's secrets.
 */
import { LWA_TOKEN_URL, REGION_HOSTS } from '../../core/spapi/marketplaces';
import type { Clock, Http, HttpResponse, KeyValueStore } from '../ports';
import { scrub, tokenKey, type Credentials } from './connection';

export const USER_AGENT = 'FBALotLedger/0.1.0 (Language=JavaScript; Platform=Google Apps Script)';

export class AmazonError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    /** True when trying again later may help (throttling, Amazon's server errors). */
    readonly retryLater = false,
  ) {
    super(message);
    this.name = 'AmazonError';
  }
}

/** The document URL has expired (presigned S3 URLs live 5 minutes): ask for the document again. */
export class ExpiredUrlError extends AmazonError {
  constructor() {
    super('The report download link expired', 403, 'ExpiredUrl', true);
    this.name = 'ExpiredUrlError';
  }
}

export interface ClientDeps {
  http: Http;
  clock: Clock;
  userProps: KeyValueStore;
  spreadsheetId: string;
}

export interface RetryPolicy {
  attempts: number;
  /** First back-off in ms; doubles each attempt. */
  baseDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000 };

function encodeForm(fields: Record<string, string>): string {
  return Object.keys(fields)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(fields[k])}`)
    .join('&');
}

export function queryString(query: Record<string, string | string[] | undefined>): string {
  const parts: string[] = [];
  for (const k of Object.keys(query)) {
    const v = query[k];
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class SpApiClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly deps: ClientDeps,
    private readonly creds: Credentials,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  private secrets(): string[] {
    return [this.creds.clientSecret, this.creds.refreshToken, this.creds.clientId, this.token?.value ?? ''];
  }

  private clean(text: string): string {
    return scrub(text, this.secrets());
  }

  /** Sends a request, retrying 429 and 5xx with exponential back-off (`attempts` tries in all). */
  private send(request: Parameters<Http['fetch']>[0], attempts = this.retry.attempts): HttpResponse {
    let delay = this.retry.baseDelayMs;
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = this.deps.http.fetch(request);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (attempt >= attempts) {
          throw new AmazonError(`Could not reach Amazon: ${this.clean(message)}`, null, 'Network', true);
        }
        this.deps.clock.sleep(delay);
        delay *= 2;
        continue;
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= attempts) return response;
      this.deps.clock.sleep(delay);
      delay *= 2;
    }
  }

  /** A valid access token, from the user's cache or (always with `fresh`) a refresh-token exchange. */
  accessToken(fresh = false): string {
    const now = this.deps.clock.now();
    if (!fresh && this.token && this.token.expiresAt - 60_000 > now) return this.token.value;
    const key = tokenKey(this.deps.spreadsheetId);
    const cached = fresh ? null : parseJson(this.deps.userProps.get(key) ?? '') as { value?: string; expiresAt?: number } | null;
    if (cached && cached.value && typeof cached.expiresAt === 'number' && cached.expiresAt - 60_000 > now) {
      this.token = { value: cached.value, expiresAt: cached.expiresAt };
      return cached.value;
    }
    const response = this.send({
      url: LWA_TOKEN_URL,
      method: 'post',
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      payload: encodeForm({
        grant_type: 'refresh_token',
        refresh_token: this.creds.refreshToken,
        client_id: this.creds.clientId,
        client_secret: this.creds.clientSecret,
      }),
    });
    const body = parseJson(response.text()) as Record<string, unknown> | null;
    if (response.status !== 200 || !body || typeof body.access_token !== 'string') {
      throw this.lwaError(response.status, body);
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.token = { value: body.access_token, expiresAt: now + expiresIn * 1000 };
    this.deps.userProps.set(key, JSON.stringify(this.token));
    return this.token.value;
  }

  private lwaError(status: number, body: Record<string, unknown> | null): AmazonError {
    const code = body && typeof body.error === 'string' ? body.error : null;
    const description = body && typeof body.error_description === 'string' ? this.clean(body.error_description) : '';
    switch (code) {
      case 'invalid_client':
        return new AmazonError(
          'Amazon refused the app\'s client ID or client secret (invalid_client). LWA client secrets must be rotated ' +
            'every 180 days: in Seller Central ▸ Apps and Services ▸ Develop Apps, rotate or view the LWA credentials ' +
            'and save the new secret in the Import tab.',
          status, code,
        );
      case 'invalid_grant':
        return new AmazonError(
          'Amazon refused the refresh token (invalid_grant): authorize the app again in Seller Central ▸ Develop Apps and save the new refresh token.',
          status, code,
        );
      case 'unauthorized_client':
        return new AmazonError('This app is not authorized for the refresh token (unauthorized_client).', status, code);
      default:
        return new AmazonError(
          `Login with Amazon failed (HTTP ${status}${code ? `, ${code}` : ''})${description ? `: ${description}` : ''}.`,
          status, code, status === 429 || status >= 500,
        );
    }
  }

  /**
   * Calls an SP-API operation; returns the parsed JSON body of a 2xx answer. `retry: false` sends
   * it once (createReport: the job paces and retries it itself, one call per step).
   */
  call(
    method: 'get' | 'post' | 'delete',
    path: string,
    options: { query?: Record<string, string | string[] | undefined>; body?: unknown; retry?: boolean } = {},
  ): unknown {
    for (let refreshed = false; ; refreshed = true) {
      const headers: Record<string, string> = {
        'x-amz-access-token': this.accessToken(),
        'User-Agent': USER_AGENT,
        'x-amz-date': new Date(this.deps.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
      };
      const response = this.send({
        url: `${REGION_HOSTS[this.creds.region]}${path}${queryString(options.query ?? {})}`,
        method,
        headers,
        ...(options.body !== undefined ? { contentType: 'application/json', payload: JSON.stringify(options.body) } : {}),
      }, options.retry === false ? 1 : this.retry.attempts);
      const text = response.text();
      if (response.status >= 200 && response.status < 300) return text ? parseJson(text) : null;
      const first = ((parseJson(text) as { errors?: Array<{ code?: string; message?: string; details?: string }> } | null)?.errors ?? [])[0];
      const code = first?.code ?? null;
      // An access token revoked or expired early: get a fresh one once.
      if (response.status === 403 && !refreshed && /token/i.test(`${first?.message ?? ''} ${first?.details ?? ''}`)) {
        this.token = null;
        this.deps.userProps.delete(tokenKey(this.deps.spreadsheetId));
        continue;
      }
      const detail = this.clean([first?.message, first?.details].filter(Boolean).join(' ') || text.slice(0, 300));
      const what = response.status === 429
        ? 'Amazon is throttling requests (429); the job will try again shortly'
        : response.status === 403
          ? 'Amazon denied access (403): check that the app has the Amazon Fulfillment role and the marketplaces are right'
          : `Amazon answered HTTP ${response.status}`;
      throw new AmazonError(`${what}${code ? ` [${code}]` : ''}${detail ? `: ${detail}` : ''}`, response.status, code, response.status === 429 || response.status >= 500);
    }
  }

  /** Downloads a report document from its presigned URL (no SP-API headers). */
  download(url: string): HttpResponse {
    const response = this.send({ url, method: 'get' });
    if (response.status === 403 || response.status === 400) {
      const text = response.text();
      if (/expired/i.test(text) || /AccessDenied/.test(text)) throw new ExpiredUrlError();
    }
    if (response.status !== 200) {
      throw new AmazonError(`The report download failed (HTTP ${response.status})`, response.status, null, response.status === 429 || response.status >= 500);
    }
    return response;
  }
}
