import { describe, expect, it } from 'vitest';
import { FakeEnv } from './index';

const LA = 'America/Los_Angeles';

function utils() {
  const env = new FakeEnv({ manifest: null });
  return { env, u: env.execute().globals.Utilities };
}

function hexToSigned(hex: string): number[] {
  return (hex.match(/../g) ?? []).map((h) => {
    const n = parseInt(h, 16);
    return n > 127 ? n - 256 : n;
  });
}

describe('bytes and base64', () => {
  it('are signed Java bytes', () => {
    const { u } = utils();
    expect(u.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(u.base64Decode('aMOpbGxv')).toEqual([104, -61, -87, 108, 108, 111]);
    expect(u.base64Encode([-5, -1])).toBe('+/8=');
    expect(u.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(u.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(u.base64Decode('+/8')).toEqual([-5, -1]);
    expect(() => u.base64Decode('not base64!')).toThrow();
    expect(u.base64Encode('é', u.Charset.US_ASCII)).toBe('Pw=='); // unmappable → '?'
  });

  it('newBlob carries bytes, type, name and decodes by charset', () => {
    const { u } = utils();
    const b = u.newBlob([0x43, 0x61, 0x66, -23], 'text/csv', 'r.csv');
    expect([b.getContentType(), b.getName(), b.getBytes()]).toEqual(['text/csv', 'r.csv', [67, 97, 102, -23]]);
    expect(b.getDataAsString('windows-1252')).toBe('Café');
    expect(b.getDataAsString('ISO-8859-1')).toBe('Café');
    expect(b.getDataAsString()).toBe('Caf\ufffd');
    const s = u.newBlob('Café').setName('x').setContentType('text/plain');
    expect(s.getBytes()).toEqual([67, 97, 102, -61, -87]);
    expect(s.copyBlob().getDataAsString()).toBe('Café');
  });

  it('gzip and ungzip round-trip', () => {
    const { u } = utils();
    const text = 'date\tsku\tqty\n'.repeat(100);
    const gz = u.gzip(u.newBlob(text, 'text/plain', 'report.tsv'));
    expect(gz.getContentType()).toBe('application/x-gzip');
    expect(gz.getName()).toBe('report.tsv.gz');
    expect(gz.getBytes().slice(0, 2)).toEqual([31, -117]); // 1f 8b, signed
    expect(gz.getBytes().length).toBeLessThan(text.length);
    expect(u.ungzip(gz).getDataAsString()).toBe(text);
    expect(() => u.ungzip(u.newBlob('plain'))).toThrow();
  });
});

describe('digests', () => {
  it('computeDigest returns signed bytes', () => {
    const { u } = utils();
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc')).toEqual(hexToSigned('900150983cd24fb0d6963f7d28e17f72'));
    expect(u.computeDigest(u.DigestAlgorithm.SHA_1, 'abc')).toEqual(hexToSigned('a9993e364706816aba3e25717850c26c9cd0d89d'));
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc', u.Charset.UTF_8)).toEqual(hexToSigned('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, [97, 98, 99])).toEqual(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc'));
  });

  it('computeHmacSha256Signature', () => {
    const { u } = utils();
    expect(u.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key'))
      .toEqual(hexToSigned('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'));
  });
});

describe('formatDate / parseDate', () => {
  it('format with real zone rules across the spring-forward change', () => {
    const { u } = utils();
    const p = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    expect(u.formatDate(new Date('2026-03-08T09:59:59Z'), LA, p)).toBe('2026-03-08T01:59:59.000-08:00');
    expect(u.formatDate(new Date('2026-03-08T10:00:00Z'), LA, p)).toBe('2026-03-08T03:00:00.000-07:00');
    expect(u.formatDate(new Date('2026-03-08T10:00:00Z'), LA, 'Z')).toBe('-0700');
    expect(u.formatDate(new Date('2026-03-08T09:00:00Z'), LA, "EEE, d MMM yyyy h:mm a 'o''clock' z")).toBe("Sun, 8 Mar 2026 1:00 AM o'clock PST");
    expect(u.formatDate(new Date('2026-01-05T00:00:00Z'), 'UTC', 'yyyyMMdd HH:mm:ss X')).toBe('20260105 00:00:00 Z');
    expect(u.formatDate(new Date('2026-01-05T00:00:00Z'), 'GMT+5:30', 'yyyy-MM-dd HH:mm XXX')).toBe('2026-01-05 05:30 +05:30');
    expect(() => u.formatDate(new Date(0), LA, 'yyyy-MM-dd q')).toThrow("Illegal pattern character 'q'");
  });

  it('parse in the zone, across spring-forward and fall-back', () => {
    const { u } = utils();
    const iso = (s: string, pattern = 'yyyy-MM-dd HH:mm') => u.parseDate(s, LA, pattern).toISOString();
    expect(iso('2026-03-08 01:30')).toBe('2026-03-08T09:30:00.000Z');
    expect(iso('2026-03-08 03:30')).toBe('2026-03-08T10:30:00.000Z');
    expect(iso('2026-03-08 02:30')).toBe('2026-03-08T10:30:00.000Z'); // in the gap: moved forward, as Java's lenient calendar does
    expect(iso('2026-11-01 01:30')).toBe('2026-11-01T08:30:00.000Z'); // ambiguous: the earlier instant
    const d8 = u.parseDate('2026-03-08', LA, 'yyyy-MM-dd').getTime();
    const d9 = u.parseDate('2026-03-09', LA, 'yyyy-MM-dd').getTime();
    expect(d9 - d8).toBe(23 * 3600_000); // a 23-hour day
    expect(iso('2026-03-08T10:00:00Z', "yyyy-MM-dd'T'HH:mm:ssX")).toBe('2026-03-08T10:00:00.000Z');
    expect(iso('03/08/2026', 'MM/dd/yyyy')).toBe('2026-03-08T08:00:00.000Z');
    expect(iso('20260308', 'yyyyMMdd')).toBe('2026-03-08T08:00:00.000Z');
    expect(() => u.parseDate('08.03.2026', LA, 'yyyy-MM-dd')).toThrow('Unparseable date: "08.03.2026"');
  });

  it('round-trips formatDate and parseDate', () => {
    const { u } = utils();
    const d = new Date('2026-07-04T19:05:06.007Z');
    const p = 'yyyy-MM-dd HH:mm:ss.SSS';
    expect(u.parseDate(u.formatDate(d, 'Europe/Berlin', p), 'Europe/Berlin', p).getTime()).toBe(d.getTime());
  });
});

describe('other utilities', () => {
  it('parseCsv handles quotes, embedded newlines, CRLF and tabs', () => {
    const { u } = utils();
    expect(u.parseCsv('a,"b,c","say ""hi"""\r\n1,"multi\nline",3\n')).toEqual([['a', 'b,c', 'say "hi"'], ['1', 'multi\nline', '3']]);
    expect(u.parseCsv('a\tb\tc\nd\te\tf', '\t')).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(u.parseCsv('x,,\n,y')).toEqual([['x', '', ''], ['', 'y']]);
  });

  it('sleep advances the virtual clock; at most 5 minutes', () => {
    const { env, u } = utils();
    const t0 = env.clock.now();
    u.sleep(1500);
    expect(env.clock.now() - t0).toBe(1500);
    expect(() => u.sleep(300_001)).toThrow();
  });

  it('getUuid and formatString', () => {
    const { u } = utils();
    expect(u.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(u.formatString('%s has %d rows (%.1f%%)', 'Ledger', 3, 12.345)).toBe('Ledger has 3 rows (12.3%)');
  });
});
