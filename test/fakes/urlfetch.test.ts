import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeEnv, allowlistMatches, validateAllowlist } from './index';
import type { FakeHttpRequest, FakeHttpResponse } from './index';

const WHITELIST = [
  'https://api.amazon.com/',
  'https://sellingpartnerapi-na.amazon.com/',
  'https://*.amazonaws.com/',
  'https://example.com/foo',
];

function setup(respond: (req: FakeHttpRequest) => FakeHttpResponse = () => text(200, 'ok')) {
  const seen: FakeHttpRequest[] = [];
  const env = new FakeEnv({
    manifest: { urlFetchWhitelist: WHITELIST },
    http: (req) => {
      seen.push(req);
      return respond(req);
    },
  });
  return { env, seen, fetch: env.execute().globals.UrlFetchApp };
}

function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): FakeHttpResponse {
  return { status, headers: { 'Content-Type': contentType }, body: new TextEncoder().encode(body) };
}

describe('urlFetchWhitelist', () => {
  it('matches prefixes as the allowlist doc describes', () => {
    const p = 'https://example.com/foo';
    for (const u of ['https://example.com/foo', 'https://example.com/foo/', 'https://example.com/foo/bar', 'https://example.com/foo?bar', 'https://example.com/foo#bar']) {
      expect(allowlistMatches(u, p)).toBe(true);
    }
    expect(allowlistMatches('https://example.com/foobar', p)).toBe(false);
    expect(allowlistMatches('https://example.com/Foo', p)).toBe(false); // paths are case-sensitive
    expect(allowlistMatches('http://example.com/foo', p)).toBe(false);
    const w = 'https://*.example.com/foo';
    expect(allowlistMatches('https://subdomain.example.com/foo', w)).toBe(true);
    expect(allowlistMatches('https://any.number.of.subdomains.example.com/foo', w)).toBe(true);
    expect(allowlistMatches('https://subdomain.example.com/bar', w)).toBe(false);
    expect(allowlistMatches('https://example.com/foo', w)).toBe(false);
    expect(allowlistMatches('https://evilexample.com/foo', w)).toBe(false);
  });

  it('rejects invalid prefixes in the manifest (https, full domain, non-empty path, one leading wildcard)', () => {
    expect(() => validateAllowlist(['https://www.google.com'])).toThrow(/non-empty path/);
    expect(() => validateAllowlist(['http://www.google.com/'])).toThrow();
    expect(() => validateAllowlist(['https://*.*.example.com/foo'])).toThrow();
    expect(() => validateAllowlist(['https://subdomain.*.example.com/foo'])).toThrow();
    expect(validateAllowlist(['https://*.amazonaws.com/'])).toEqual(['https://*.amazonaws.com/']);
    expect(() => new FakeEnv({ manifest: { urlFetchWhitelist: ['https://api.amazon.com'] } })).toThrow(/non-empty path/);
  });

  it('refuses fetches outside the list, before anything is sent', () => {
    const { fetch, seen } = setup();
    expect(fetch.fetch('https://api.amazon.com/auth/o2/token').getResponseCode()).toBe(200);
    expect(fetch.fetch('https://tortuga-prod-na.s3-external-1.amazonaws.com/doc?sig=1').getResponseCode()).toBe(200);
    expect(() => fetch.fetch('https://sellingpartnerapi-eu.amazon.com/reports')).toThrow(/not permitted/);
    expect(() => fetch.fetch('https://amazonaws.com/x')).toThrow(/not permitted/);
    expect(() => fetch.fetch('http://api.amazon.com/auth')).toThrow(/not permitted/);
    expect(seen).toHaveLength(2);
  });

  it('reads the manifest from a file, and allows everything without a list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Etc/UTC', urlFetchWhitelist: ['https://api.amazon.com/'] }));
    const fromFile = new FakeEnv({ manifest: join(dir, 'appsscript.json'), http: () => text(200, 'x') });
    expect(() => fromFile.execute().globals.UrlFetchApp.fetch('https://anything.example.org/')).toThrow(/not permitted/);
    const open = new FakeEnv({ manifest: { timeZone: 'Etc/UTC' }, http: () => text(200, 'x') });
    expect(open.execute().globals.UrlFetchApp.fetch('https://anything.example.org/').getContentText()).toBe('x');
  });
});

describe('fetch', () => {
  it('throws on status >= 400 unless muteHttpExceptions', () => {
    const { fetch } = setup(() => text(403, '{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied."}]}'));
    expect(() => fetch.fetch('https://sellingpartnerapi-na.amazon.com/reports/2021-06-30/reports')).toThrow(
      /^Request failed for https:\/\/sellingpartnerapi-na\.amazon\.com returned code 403\. Truncated server response: \{"errors"/,
    );
    const r = fetch.fetch('https://sellingpartnerapi-na.amazon.com/x', { muteHttpExceptions: true });
    expect(r.getResponseCode()).toBe(403);
    expect(JSON.parse(r.getContentText()).errors[0].code).toBe('Unauthorized');
  });

  it('sends method, headers, a form-encoded object payload, string and byte payloads', () => {
    const { fetch, seen } = setup();
    fetch.fetch('https://api.amazon.com/auth/o2/token', {
      method: 'post',
      payload: { grant_type: 'refresh_token', refresh_token: 'Atzr|a b&c', client_id: 'id' },
      headers: { 'User-Agent': 'FBALotLedger/0.1 (Language=JavaScript)' },
    });
    expect(seen[0].method).toBe('post');
    expect(seen[0].headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].headers['User-Agent']).toBe('FBALotLedger/0.1 (Language=JavaScript)');
    expect(new TextDecoder().decode(seen[0].body)).toBe('grant_type=refresh_token&refresh_token=Atzr%7Ca+b%26c&client_id=id');
    fetch.fetch('https://api.amazon.com/x', { method: 'post', contentType: 'application/json', payload: '{"a":1}' });
    expect(seen[1].headers['Content-Type']).toBe('application/json');
    expect(new TextDecoder().decode(seen[1].body)).toBe('{"a":1}');
    fetch.fetch('https://api.amazon.com/x', { method: 'put', payload: [-1, 0, 65] });
    expect([...seen[2].body]).toEqual([255, 0, 65]);
    fetch.fetch('https://api.amazon.com/x');
    expect(seen[3].method).toBe('get');
    expect(seen[3].body.length).toBe(0);
  });

  it('decodes text by the Content-Type charset (windows-1252, ISO-8859-1), else UTF-8, or as asked', () => {
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]); // "Café €" in cp1252
    const { fetch } = setup((req) => ({
      status: 200,
      headers: { 'Content-Type': req.url.endsWith('cp') ? 'text/tab-separated-values;charset=Cp1252' : req.url.endsWith('latin') ? 'text/plain; charset=ISO-8859-1' : 'text/plain' },
      body: req.url.endsWith('utf8') ? new TextEncoder().encode('Café €') : bytes,
    }));
    expect(fetch.fetch('https://api.amazon.com/cp').getContentText()).toBe('Café €');
    expect(fetch.fetch('https://api.amazon.com/latin').getContentText()).toBe('Café \u0080');
    expect(fetch.fetch('https://api.amazon.com/utf8').getContentText()).toBe('Café €');
    expect(fetch.fetch('https://api.amazon.com/raw').getContentText('windows-1252')).toBe('Café €');
  });

  it('returns content as signed bytes, a blob and headers', () => {
    const { fetch, env } = setup(() => ({ status: 200, headers: { 'Content-Type': 'application/octet-stream', 'X-Amz': '1' }, body: new Uint8Array([0, 127, 128, 255]) }));
    const r = fetch.fetch('https://api.amazon.com/bin');
    expect(r.getContent()).toEqual([0, 127, -128, -1]);
    expect(r.getBlob().getBytes()).toEqual([0, 127, -128, -1]);
    expect(r.getBlob().getContentType()).toBe('application/octet-stream');
    expect(r.getHeaders()).toEqual({ 'Content-Type': 'application/octet-stream', 'X-Amz': '1' });
    expect(env.httpLog).toHaveLength(1);
  });

  it('pairs with Utilities.ungzip for gzip downloads', () => {
    const gz = new Uint8Array(gzipSync(Buffer.from('sku\tqty\nA\t1\n')));
    const env = new FakeEnv({ manifest: { urlFetchWhitelist: WHITELIST }, http: () => ({ status: 200, headers: {}, body: gz }) });
    const g = env.execute().globals;
    const blob = g.Utilities.ungzip(g.UrlFetchApp.fetch('https://x.s3.amazonaws.com/doc').getBlob());
    expect(g.Utilities.parseCsv(blob.getDataAsString(), '\t')).toEqual([['sku', 'qty'], ['A', '1']]);
  });

  it('enforces the 2 KB URL and 50 MB response limits', () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const { fetch } = setup((req) => (req.url.includes('big') ? { status: 200, headers: {}, body: big } : text(200, 'ok')));
    expect(() => fetch.fetch(`https://api.amazon.com/${'a'.repeat(2100)}`)).toThrow('Limit Exceeded: URLFetch URL Length.');
    expect(() => fetch.fetch('https://api.amazon.com/big')).toThrow(/50 MB/);
  });

  it('fetchAll runs each request and throws like fetch', () => {
    const { fetch, seen } = setup((req) => (req.url.endsWith('bad') ? text(500, 'boom') : text(200, req.method)));
    const rs = fetch.fetchAll(['https://api.amazon.com/a', { url: 'https://api.amazon.com/b', method: 'post', payload: 'x' }]);
    expect(rs.map((r) => r.getContentText())).toEqual(['get', 'post']);
    expect(() => fetch.fetchAll(['https://api.amazon.com/bad'])).toThrow(/returned code 500/);
    expect(fetch.fetchAll([{ url: 'https://api.amazon.com/bad', muteHttpExceptions: true }])[0].getResponseCode()).toBe(500);
    expect(seen).toHaveLength(4);
  });
});
