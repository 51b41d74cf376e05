import { afterEach, describe, expect, it } from 'vitest';
import { DE, OCTOBER, setup, US } from './fixtures';
import { TokenBucket } from './ratelimit';
import type { SpApiEmulator } from './spapi';
import { TestClient } from './testkit';
import { responseJson } from './wire';

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

const detail = (eventType = 'Shipments') => ({ reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', marketplaceIds: [US], ...OCTOBER, reportOptions: { eventType } });

describe('token bucket', () => {
  it('refills rate tokens per second up to burst', () => {
    const b = new TokenBucket({ rate: 0.5, burst: 2 }, 0);
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, false]);
    expect(b.msUntilToken(0)).toBe(2000);
    expect(b.tryTake(1999)).toBe(false);
    expect(b.tryTake(2000)).toBe(true);
    expect(b.tokens(60_000)).toBe(2);
  });
});

describe('rate limits on the virtual clock', () => {
  it('createReport: burst 15, then about one a minute (0.0167 rps)', () => {
    const { client, emulator, clock } = env();
    const statuses = Array.from({ length: 16 }, () => client.createReport(detail()).status);
    expect(statuses.slice(0, 15).every((s) => s === 202)).toBe(true);
    expect(statuses[15]).toBe(429);
    const res = emulator.calls('createReport', 429)[0].response;
    expect(responseJson(res)).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] });
    expect(res.headers['x-amzn-ErrorType']).toBe('TooManyRequestsException');
    clock.advance(59_000);
    expect(client.createReport(detail()).status).toBe(429);
    clock.advance(1_000);
    expect(client.createReport(detail()).status).toBe(202);
    expect(client.createReport(detail()).status).toBe(429);
  });

  it('a client pacing createReport at one a minute is never throttled', () => {
    const { client, emulator, clock } = env({ usagePlans: { createReport: { rate: 0.0167, burst: 1 } } });
    for (let i = 0; i < 30; i++) {
      expect(client.createReport(detail()).status).toBe(202);
      clock.advance(60_000);
    }
    expect(emulator.stats.throttled).toBe(0);
  });

  it('getReport: 2 rps, burst 15', () => {
    const { client, clock } = env();
    const id = responseJson(client.createReport(detail())).reportId;
    const statuses = Array.from({ length: 16 }, () => client.getReport(id).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    expect(statuses[15]).toBe(429);
    clock.advance(499);
    expect(client.getReport(id).status).toBe(429);
    clock.advance(1);
    expect(client.getReport(id).status).toBe(200);
  });

  it('getReportDocument: burst 15 at 0.0167 rps', () => {
    const { client, emulator } = env({ usagePlans: { getReportDocument: { rate: 0.0167, burst: 2 } } });
    const { report } = client.runReport(detail());
    expect([1, 2, 3].map(() => client.getReportDocument(report.reportDocumentId).status)).toEqual([200, 200, 429]);
    expect(emulator.bucketTokens('getReportDocument')).toBeLessThan(1);
  });

  it('buckets are per operation and per region; throttled calls do not consume tokens', () => {
    const { client, emulator } = env({ usagePlans: { createReport: { rate: 0.0167, burst: 1 } } });
    expect(client.createReport(detail()).status).toBe(202);
    expect(client.createReport(detail()).status).toBe(429);
    expect(client.getReport('1').status).toBe(404);
    const eu = new TestClient(emulator, 'EU');
    expect(eu.createReport({ ...detail(), marketplaceIds: [DE] }).status).toBe(202);
    expect(emulator.bucketTokens('createReport', 'NA')).toBeGreaterThanOrEqual(0);
  });

  it('x-amzn-RateLimit-Limit is sent on 2xx, 400 and 404 with the operation’s rate, and can be switched off', () => {
    const { client } = env();
    expect(client.createReport(detail()).headers['x-amzn-RateLimit-Limit']).toBe('0.0167');
    expect(client.getReport('1').headers['x-amzn-RateLimit-Limit']).toBe('2');
    const quiet = env({ rateLimitHeader: false });
    expect(quiet.client.createReport(detail()).headers['x-amzn-RateLimit-Limit']).toBeUndefined();
  });

  it('rate limiting can be switched off', () => {
    const { client, emulator } = env({ rateLimiting: false });
    for (let i = 0; i < 40; i++) client.createReport(detail());
    expect(emulator.stats.throttled).toBe(0);
    expect(emulator.count('createReport', 202)).toBe(40);
  });
});
