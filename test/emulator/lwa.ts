/**
 * Login with Amazon token endpoint (`POST https://api.amazon.com/auth/o2/token`), refresh-token
 * grant only (notes §1).
 */
import type { FakeHttpRequest, FakeHttpResponse } from '../fakes/http';
import { header, jsonResponse, requestText } from './wire';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export const DEFAULT_CREDENTIALS: Readonly<LwaCredentials> = {
  clientId: 'amzn1.application-oa2-client.0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  clientSecret: 'amzn1.oa2-cs.v1.5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0f',
  refreshToken: 'Atzr|IwEBIEmulatorRefreshToken-0123456789abcdefghijklmnopqrstuvwxyz',
};

export type LwaErrorCode =
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'unauthorized_client'
  | 'access_denied'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable';

const LWA_ERRORS: Record<LwaErrorCode, { status: number; description: string; errorType?: string }> = {
  invalid_client: { status: 401, description: 'Client authentication failed' },
  invalid_grant: { status: 400, description: 'The request has an invalid grant parameter : refresh_token' },
  invalid_request: { status: 400, description: 'The request is missing a required parameter or is otherwise malformed' },
  unsupported_grant_type: {
    status: 400,
    description: 'The authorization grant type is not supported by the authorization server',
    errorType: 'OA2UnsupportedGrantTypeException',
  },
  unauthorized_client: { status: 400, description: 'The client is not authorized to request an access token using this method' },
  access_denied: { status: 400, description: 'The resource owner or authorization server denied the request' },
  invalid_scope: { status: 400, description: 'The requested scope is invalid' },
  server_error: { status: 500, description: 'The authorization server encountered an unexpected condition' },
  temporarily_unavailable: { status: 503, description: 'The authorization server is temporarily unavailable' },
};

export interface IssuedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface LwaOutcome {
  response: FakeHttpResponse;
  /** Client mistakes (become emulator violations). */
  violations: string[];
  issued?: IssuedToken;
}

export type TokenState = 'live' | 'missing' | 'unknown' | 'expired' | 'revoked';

export class LwaServer {
  credentials: LwaCredentials;
  /** The client secret is past its 180-day rotation deadline: LWA answers invalid_client. */
  secretExpired = false;
  /** The seller revoked the app's authorization: the refresh token gives invalid_grant. */
  refreshTokenRevoked = false;
  readonly tokens = new Map<string, IssuedToken>();
  tokenRequests = 0;
  tokensIssued = 0;
  private readonly pendingErrors: LwaErrorCode[] = [];

  constructor(
    credentials: Partial<LwaCredentials>,
    private readonly lifetimeSeconds: number,
  ) {
    this.credentials = { ...DEFAULT_CREDENTIALS, ...credentials };
  }

  /** The next `count` token requests fail with `error` (after the request itself was checked). */
  failNext(error: LwaErrorCode, count = 1): void {
    for (let i = 0; i < count; i++) this.pendingErrors.push(error);
  }

  /** Rotation: from now on only `newSecret` authenticates. */
  rotateClientSecret(newSecret: string): void {
    this.credentials = { ...this.credentials, clientSecret: newSecret };
    this.secretExpired = false;
  }

  revokeAccessTokens(): void {
    for (const t of this.tokens.values()) t.revoked = true;
  }

  tokenState(token: string | undefined, now: number): TokenState {
    if (token === undefined || token === '') return 'missing';
    const t = this.tokens.get(token);
    if (!t) return 'unknown';
    if (t.revoked) return 'revoked';
    if (now >= t.expiresAt) return 'expired';
    return 'live';
  }

  private error(code: LwaErrorCode, requestId: string, description?: string): FakeHttpResponse {
    const e = LWA_ERRORS[code];
    const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8', 'x-amzn-RequestId': requestId };
    if (e.errorType) headers['X-Amzn-Errortype'] = e.errorType;
    return jsonResponse(e.status, { error_description: description ?? e.description, error: code, request_id: requestId }, headers);
  }

  handle(request: FakeHttpRequest, url: URL, now: number, requestId: string): LwaOutcome {
    this.tokenRequests++;
    const violations: string[] = [];
    if (url.pathname !== '/auth/o2/token') {
      violations.push(`LWA: no endpoint ${url.pathname} (the token endpoint is /auth/o2/token)`);
      return { response: jsonResponse(404, { error: 'not_found' }, { 'x-amzn-RequestId': requestId }), violations };
    }
    if (url.search !== '') violations.push(`LWA: credentials belong in the form body, not the query string (${url.search.slice(0, 40)}…)`);
    if (request.method.toLowerCase() !== 'post') {
      violations.push(`LWA: the token endpoint takes POST, got ${request.method.toUpperCase()}`);
      return { response: this.error('invalid_request', requestId, `HTTP method ${request.method.toUpperCase()} is not supported`), violations };
    }
    const contentType = header(request.headers, 'content-type');
    const media = contentType?.split(';')[0].trim().toLowerCase();
    let form: URLSearchParams;
    if (media === 'application/x-www-form-urlencoded') {
      form = new URLSearchParams(requestText(request));
    } else if (media === 'application/json') {
      // Amazon's Java SDK posts JSON and LWA accepts it; the add-on must send a form (SPEC §6).
      violations.push('LWA: the token request must be form-encoded (application/x-www-form-urlencoded), got JSON');
      form = new URLSearchParams();
      try {
        for (const [k, v] of Object.entries(JSON.parse(requestText(request)) as Record<string, unknown>)) form.append(k, String(v));
      } catch {
        return { response: this.error('invalid_request', requestId, 'The request body is not valid JSON'), violations };
      }
    } else {
      violations.push(`LWA: Content-Type must be application/x-www-form-urlencoded, got ${contentType ?? 'none'}`);
      return { response: this.error('invalid_request', requestId, 'The request is missing a required parameter : grant_type'), violations };
    }
    for (const key of new Set(form.keys())) {
      if (form.getAll(key).length > 1) {
        violations.push(`LWA: form parameter ${key} sent more than once`);
        return { response: this.error('invalid_request', requestId, `The request has a duplicate parameter : ${key}`), violations };
      }
    }
    const grantType = form.get('grant_type');
    if (grantType === null) {
      violations.push('LWA: grant_type is missing');
      return { response: this.error('invalid_request', requestId, 'The request is missing a required parameter : grant_type'), violations };
    }
    if (grantType !== 'refresh_token') {
      violations.push(`LWA: grant_type must be refresh_token, got ${grantType}`);
      return { response: this.error('unsupported_grant_type', requestId), violations };
    }
    for (const key of ['refresh_token', 'client_id', 'client_secret']) {
      if (!form.get(key)) {
        violations.push(`LWA: ${key} is missing`);
        return { response: this.error('invalid_request', requestId, `The request is missing a required parameter : ${key}`), violations };
      }
    }
    for (const key of form.keys()) {
      if (!['grant_type', 'refresh_token', 'client_id', 'client_secret'].includes(key)) {
        violations.push(`LWA: unexpected form parameter ${key}`);
      }
    }
    const injected = this.pendingErrors.shift();
    if (injected) return { response: this.error(injected, requestId), violations };

    if (form.get('client_id') !== this.credentials.clientId || form.get('client_secret') !== this.credentials.clientSecret || this.secretExpired) {
      return { response: this.error('invalid_client', requestId), violations };
    }
    if (form.get('refresh_token') !== this.credentials.refreshToken || this.refreshTokenRevoked) {
      return { response: this.error('invalid_grant', requestId), violations };
    }
    this.tokensIssued++;
    const token = makeAccessToken(this.tokensIssued);
    const issued: IssuedToken = { token, issuedAt: now, expiresAt: now + this.lifetimeSeconds * 1000, revoked: false };
    this.tokens.set(token, issued);
    return {
      response: jsonResponse(
        200,
        { access_token: token, refresh_token: this.credentials.refreshToken, token_type: 'bearer', expires_in: this.lifetimeSeconds },
        { 'Content-Type': 'application/json;charset=UTF-8', 'x-amzn-RequestId': requestId },
      ),
      violations,
      issued,
    };
  }
}

/** A token shaped like LWA's (`Atza|IwEB…`, a few hundred characters, URL-unsafe `|`). */
function makeAccessToken(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let seed = (n * 2654435761) >>> 0;
  let tail = '';
  for (let i = 0; i < 300; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    tail += alphabet[(seed >>> 16) & 63];
  }
  return `Atza|IwEBI${String(n).padStart(6, '0')}${tail}`;
}
