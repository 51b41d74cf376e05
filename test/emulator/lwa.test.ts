import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHttpRequest } from '../fakes/http';
import { setup, US } from './fixtures';
import { DEFAULT_CREDENTIALS } from './lwa';
import type { SpApiEmulator } from './spapi';
import { formBody, spRequest, TestClient, tokenRequest, TEST_USER_AGENT } from './testkit';
import { fromUtf8, responseJson } from './wire';

let current: SpApiEmulator | undefined;
afterEach(() => {
  current?.assertNoViolations();
  current = undefined;
});
function env(options: Parameters<typeof setup>[0] = {}) {
  const e = setup(options);
  current = e.emulator;
  return { ...e, client: new TestClient(e.emulator) };
}

describe('LWA token endpoint', () => {
  it('exchanges the refresh token for a bearer access token', () => {
    const { emulator } = env();
    const res = emulator.handle(tokenRequest());
    expect(res.status).toBe(200);
    const body = responseJson(res);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(body.access_token).toMatch(/^Atza\|/);
    expect(body.access_token.length).toBeLessThanOrEqual(2048);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: DEFAULT_CREDENTIALS.refreshToken });
    expect(res.headers['x-amzn-RequestId']).toBeTruthy();
    expect(emulator.stats.tokenRequests).toBe(1);
    expect(emulator.stats.tokensIssued).toBe(1);
    expect(emulator.calls('lwaToken', 200)).toHaveLength(1);
  });

  it('uses the configured credentials', () => {
    const credentials = { clientId: 'amzn1.application-oa2-client.abc', clientSecret: 'secret-1', refreshToken: 'Atzr|r1' };
    const { emulator } = env({ credentials });
    expect(emulator.handle(tokenRequest(credentials)).status).toBe(200);
    expect(emulator.handle(tokenRequest()).status).toBe(401);
  });

  it('answers invalid_client (401) for a wrong client id or secret', () => {
    const { emulator } = env();
    for (const creds of [
      { ...DEFAULT_CREDENTIALS, clientId: 'amzn1.application-oa2-client.other' },
      { ...DEFAULT_CREDENTIALS, clientSecret: 'wrong' },
    ]) {
      const res = emulator.handle(tokenRequest(creds));
      expect(res.status).toBe(401);
      expect(responseJson(res)).toMatchObject({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    expect(emulator.stats.tokensIssued).toBe(0);
  });

  it('answers invalid_client once the secret passed its 180-day rotation, and accepts the rotated secret', () => {
    const { emulator } = env();
    expect(emulator.handle(tokenRequest()).status).toBe(200);
    emulator.expireClientSecret();
    const res = emulator.handle(tokenRequest());
    expect(res.status).toBe(401);
    expect(responseJson(res).error).toBe('invalid_client');
    emulator.rotateClientSecret('amzn1.oa2-cs.v1.new');
    expect(emulator.handle(tokenRequest()).status).toBe(401);
    expect(emulator.handle(tokenRequest({ ...DEFAULT_CREDENTIALS, clientSecret: 'amzn1.oa2-cs.v1.new' })).status).toBe(200);
  });

  it('answers invalid_grant (400) for a wrong or revoked refresh token', () => {
    const { emulator } = env();
    const res = emulator.handle(tokenRequest({ ...DEFAULT_CREDENTIALS, refreshToken: 'Atzr|other' }));
    expect(res.status).toBe(400);
    expect(responseJson(res).error).toBe('invalid_grant');
    emulator.revokeRefreshToken();
    expect(responseJson(emulator.handle(tokenRequest())).error).toBe('invalid_grant');
  });

  it('records malformed token requests as violations', () => {
    const { emulator } = env();
    const base = tokenRequest();
    const cases: Array<[FakeHttpRequest, number, string, RegExp]> = [
      [{ ...base, body: formBody({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: 'a', client_secret: 'b' }) }, 400, 'unsupported_grant_type', /grant_type must be refresh_token/],
      [{ ...base, body: formBody({ refresh_token: 'r', client_id: 'a', client_secret: 'b' }) }, 400, 'invalid_request', /grant_type is missing/],
      [{ ...base, body: formBody({ grant_type: 'refresh_token', client_id: 'a', client_secret: 'b' }) }, 400, 'invalid_request', /refresh_token is missing/],
      [{ ...base, headers: { 'Content-Type': 'text/plain' } }, 400, 'invalid_request', /must be application\/x-www-form-urlencoded/],
      [{ ...base, method: 'get' }, 400, 'invalid_request', /takes POST/],
    ];
    for (const [request, status, error, violation] of cases) {
      const res = emulator.handle(request);
      expect(res.status).toBe(status);
      expect(responseJson(res).error).toBe(error);
      const found = emulator.takeViolations();
      expect(found).toHaveLength(1);
      expect(found[0].message).toMatch(violation);
    }
  });

  it('accepts a JSON token request as LWA does, but records that the add-on must send a form', () => {
    const { emulator } = env();
    const c = DEFAULT_CREDENTIALS;
    const res = emulator.handle({
      ...tokenRequest(),
      headers: { 'Content-Type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret })),
    });
    expect(res.status).toBe(200);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/must be form-encoded/)]);
  });

  it('injects LWA errors by count', () => {
    const { emulator } = env();
    emulator.faults.lwaError('invalid_client', 2);
    expect(emulator.handle(tokenRequest()).status).toBe(401);
    expect(emulator.handle(tokenRequest()).status).toBe(401);
    expect(emulator.handle(tokenRequest()).status).toBe(200);
    emulator.faults.lwaError('unsupported_grant_type');
    const res = emulator.handle(tokenRequest());
    expect(res.status).toBe(400);
    expect(res.headers['X-Amzn-Errortype']).toBe('OA2UnsupportedGrantTypeException');
    emulator.faults.failNext('lwaToken', 503);
    expect(emulator.handle(tokenRequest()).status).toBe(503);
    expect(emulator.calls('lwaToken').map((c) => c.status)).toEqual([401, 401, 200, 400, 503]);
    expect(emulator.stats.tokenRequests).toBe(5);
  });
});

describe('access tokens on SP-API calls', () => {
  const getReports = (token?: string, extra: Parameters<typeof spRequest>[3] = {}) =>
    spRequest('get', 'NA', `/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&marketplaceIds=${US}`, { token, ...extra });

  it('serves a live token, reused for the whole hour', () => {
    const { emulator, client, clock } = env();
    const token = client.login();
    for (let i = 0; i < 5; i++) {
      expect(emulator.handle(getReports(token)).status).toBe(200);
      clock.advance(11 * 60_000);
    }
    expect(emulator.stats.tokenRequests).toBe(1);
  });

  it('answers 403 Unauthorized with the expired-token details after 3600 s', () => {
    const { emulator, client, clock } = env();
    const token = client.login();
    clock.advance(3599_000);
    expect(emulator.handle(getReports(token)).status).toBe(200);
    clock.advance(1000);
    const res = emulator.handle(getReports(token));
    expect(res.status).toBe(403);
    expect(responseJson(res)).toEqual({
      errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }],
    });
    expect(res.headers['x-amzn-RequestId']).toBeTruthy();
    expect(res.headers['x-amzn-RateLimit-Limit']).toBeUndefined();
  });

  it('can treat an expired token as a violation', () => {
    const { emulator, client, clock } = env({ expiredTokenIsViolation: true });
    const token = client.login();
    clock.advance(3600_000);
    expect(emulator.handle(getReports(token)).status).toBe(403);
    expect(emulator.takeViolations()).toHaveLength(1);
  });

  it('answers 403 for revoked tokens without a violation, and for missing or foreign tokens with one', () => {
    const { emulator, client } = env();
    const token = client.login();
    emulator.revokeAccessTokens();
    const revoked = emulator.handle(getReports(token));
    expect(revoked.status).toBe(403);
    expect(responseJson(revoked).errors[0].details).toBe('The access token you provided is revoked, malformed or invalid.');
    expect(emulator.violations).toHaveLength(0);

    const missing = emulator.handle(getReports(undefined));
    expect(missing.status).toBe(403);
    expect(responseJson(missing)).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] });
    expect(emulator.handle(getReports('Atza|made-up')).status).toBe(403);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual(['no x-amz-access-token header', 'x-amz-access-token is not a token LWA issued']);
    // A bearer Authorization header is not how SP-API takes the token.
    const bearer = emulator.handle(getReports(undefined, { headers: { Authorization: `Bearer ${client.login()}` } }));
    expect(bearer.status).toBe(403);
    expect(emulator.takeViolations()).toHaveLength(1);
  });
});

describe('User-Agent and signing', () => {
  const call = (emulator: SpApiEmulator, token: string, userAgent: string | null, headers: Record<string, string> = {}) =>
    emulator.handle(spRequest('get', 'NA', `/reports/2021-06-30/reports?reportTypes=X`, { token, userAgent, headers }));

  it('accepts the documented form, with escapes and a platform suffix', () => {
    const { emulator, client } = env();
    const token = client.login();
    for (const ua of [
      TEST_USER_AGENT,
      'My Selling Tool/2.0 (Language=Java/1.8.0.221; Platform=Windows/10)',
      'FBA Lot Ledger/1.0 (Language=JavaScript; Host=script.google.com; Note=a\\;b\\)c)',
      'FBA Lot Ledger/1.0 (Language=JavaScript) Google-Apps-Script',
    ]) {
      expect(call(emulator, token, ua).status, ua).toBe(200);
    }
  });

  it('records a missing or malformed User-Agent, and answers 400 above 500 characters', () => {
    const { emulator, client } = env();
    const token = client.login();
    const bad: Array<[string | null, RegExp]> = [
      [null, /no User-Agent/],
      ['Mozilla/5.0 (compatible; Google-Apps-Script)', /not Key=Value/],
      ['FBA Lot Ledger/1.0 (Platform=Google Apps Script)', /lacks the required Language/],
      ['FBA Lot Ledger (Language=JavaScript)', /not "AppName\/AppVersion/],
      ['FBA Lot Ledger/1.0 (Language=JavaScript', /does not close/],
    ];
    for (const [ua, message] of bad) {
      expect(call(emulator, token, ua).status).toBe(200);
      const found = emulator.takeViolations();
      expect(found.map((v) => v.message), String(ua)).toEqual([expect.stringMatching(message)]);
    }
    const long = `FBA Lot Ledger/1.0 (Language=JavaScript; Platform=${'x'.repeat(480)})`;
    const res = call(emulator, token, long);
    expect(res.status).toBe(400);
    expect(fromUtf8(res.body)).toMatch(/500 characters/);
    expect(emulator.takeViolations()[0].message).toMatch(/SP-API rejects more than 500/);
  });

  it('does not require SigV4 and records one when sent', () => {
    const { emulator, client } = env();
    const token = client.login();
    const res = call(emulator, token, TEST_USER_AGENT, {
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20261102/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc',
      'x-amz-date': '20261102T150000Z',
    });
    expect(res.status).toBe(200);
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([expect.stringMatching(/SigV4/)]);
  });
});
