import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { base64ToBytes, isGzip, MAX_REPORT_BYTES, unpackReportBytes } from '../../../src/core/reports/bytes';
import { gunzip, thrown } from './helpers';

describe('base64ToBytes', () => {
  it('decodes like Node for any bytes (standard alphabet, padded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString('base64');
        expect(Buffer.from(base64ToBytes(b64)).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('accepts the URL-safe alphabet, missing padding, whitespace and a data: URL prefix', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x41]);
    const std = Buffer.from(bytes).toString('base64'); // "+/+/AEE=" style
    const url = Buffer.from(bytes).toString('base64url');
    expect([...base64ToBytes(url)]).toEqual([...bytes]);
    expect([...base64ToBytes(std.replace(/=+$/, ''))]).toEqual([...bytes]);
    expect([...base64ToBytes(std.slice(0, 4) + '\r\n ' + std.slice(4))]).toEqual([...bytes]);
    expect([...base64ToBytes('data:text/tab-separated-values;base64,' + std)]).toEqual([...bytes]);
  });

  it('refuses text that is not base64', () => {
    expect(thrown(() => base64ToBytes('ab$d'))).toBeInstanceOf(InputError);
    expect(thrown(() => base64ToBytes('abcde'))).toBeInstanceOf(InputError);
  });
});

describe('gzip and size', () => {
  const text = new Uint8Array(Buffer.from('"Date"\t"MSKU"\n', 'utf8'));

  it('detects gzip by its magic bytes and gunzips with the injected function', () => {
    const gz = new Uint8Array(gzipSync(text));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(text)).toBe(false);
    expect(Buffer.from(unpackReportBytes(gz, gunzip)).toString()).toBe('"Date"\t"MSKU"\n');
    const spy = vi.fn(gunzip);
    expect(unpackReportBytes(text, spy)).toBe(text);
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a plain file over 20 MiB with a clear message', () => {
    const e = thrown(() => unpackReportBytes(new Uint8Array(MAX_REPORT_BYTES + 1), gunzip));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/20 MiB/);
  });

  it('refuses a gzip that decompresses to over 20 MiB, before decompressing when its trailer says so', () => {
    const big = new Uint8Array(gzipSync(Buffer.alloc(MAX_REPORT_BYTES + 10, 0x41)));
    expect(big.length).toBeLessThan(MAX_REPORT_BYTES);
    const spy = vi.fn(gunzip);
    expect(thrown(() => unpackReportBytes(big, spy)).message).toMatch(/over the 20 MiB/);
    expect(spy).not.toHaveBeenCalled();
    // A trailer that understates the size (multi-member gzip): checked again after decompression.
    const small = new Uint8Array(gzipSync(text));
    const inflating = (): Uint8Array => new Uint8Array(MAX_REPORT_BYTES + 1);
    expect(thrown(() => unpackReportBytes(small, inflating)).message).toMatch(/over the 20 MiB/);
  });

  it('explains a broken gzip and a zip archive', () => {
    const broken = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    expect(thrown(() => unpackReportBytes(broken, gunzip)).message).toMatch(/compressed \(gzip\) but could not be decompressed/);
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);
    expect(thrown(() => unpackReportBytes(zip, gunzip)).message).toMatch(/\.zip archive/);
  });
});
