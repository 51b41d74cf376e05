import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  charsetFromContentType, decodeNamedCharset, decodeText, decodeUtf8Strict, decodeWindows1252,
} from '../../../src/core/reports/encoding';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('UTF-8 (strict)', () => {
  it('decodes every valid UTF-8 string exactly like Node', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(decodeUtf8Strict(new Uint8Array(Buffer.from(s, 'utf8')))).toBe(s);
      }),
    );
  });

  it('drops a byte-order mark', () => {
    expect(decodeUtf8Strict(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('A');
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x43, 0x72, 0xc3, 0xa8, 0x6d, 0x65)).text).toBe('Crème');
  });

  it('rejects ill-formed sequences: overlong, surrogates, above U+10FFFF, truncated, stray continuation', () => {
    for (const bad of [
      [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80], [0x41, 0xc3], [0xff],
    ]) {
      expect(decodeUtf8Strict(bytes(...bad)), bad.join(',')).toBeNull();
    }
  });
});

describe('windows-1252', () => {
  it('maps all 256 bytes like the WHATWG decoder (0x80–0x9F included)', () => {
    // WHATWG index-windows-1252 for 0x80–0x9F; every other byte is its own code point.
    const high = [
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
      0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
    ];
    const all = new Uint8Array(256).map((_, i) => i);
    const expected = String.fromCharCode(...[...all].map((b) => (b >= 0x80 && b < 0xa0 ? high[b - 0x80] : b)));
    expect(decodeWindows1252(all)).toBe(expected);
    expect(decodeWindows1252(bytes(0x80, 0x93, 0x94, 0x9f, 0x81))).toBe('€“”Ÿ\u0081');
  });

  it('is used when the bytes are not valid UTF-8', () => {
    const d = decodeText(bytes(0x43, 0x72, 0xe8, 0x6d, 0x65, 0x20, 0x80));
    expect(d).toEqual({ text: 'Crème €', encoding: 'windows-1252', warnings: [] });
  });
});

describe('other decoding', () => {
  it('reads UTF-16 with a byte-order mark (Excel "Unicode Text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Date\tMSKU\nCrème', 'utf16le')]);
    expect(decodeText(new Uint8Array(le))).toMatchObject({ text: 'Date\tMSKU\nCrème', encoding: 'UTF-16LE' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array(be))).toMatchObject({ text: 'Date\tMSKU\nCrème', encoding: 'UTF-16BE' });
  });

  it('finds the charset of a Content-Type', () => {
    expect(charsetFromContentType('text/plain;charset=Cp1252')).toBe('Cp1252');
    expect(charsetFromContentType('text/plain; charset="UTF-8"')).toBe('UTF-8');
    expect(charsetFromContentType('text/plain')).toBeNull();
    expect(charsetFromContentType(undefined)).toBeNull();
  });

  it('decodes a named charset, letting the bytes win when the label is wrong', () => {
    const cp = bytes(0x43, 0x72, 0xe8, 0x6d, 0x65);
    const u8 = new Uint8Array(Buffer.from('Crème', 'utf8'));
    expect(decodeNamedCharset(cp, 'Cp1252')).toEqual({ text: 'Crème', encoding: 'windows-1252', warnings: [] });
    expect(decodeNamedCharset(cp, 'ISO-8859-1').text).toBe('Crème');
    expect(decodeNamedCharset(u8, 'UTF-8')).toEqual({ text: 'Crème', encoding: 'UTF-8', warnings: [] });
    const mislabelled = decodeNamedCharset(u8, 'Cp1252');
    expect(mislabelled.text).toBe('Crème');
    expect(mislabelled.warnings[0]).toMatch(/valid UTF-8/);
    const notUtf8 = decodeNamedCharset(cp, 'utf-8');
    expect(notUtf8.text).toBe('Crème');
    expect(notUtf8.warnings[0]).toMatch(/read as windows-1252/);
    const unknown = decodeNamedCharset(u8, 'Shift_JIS');
    expect(unknown.text).toBe('Crème');
    expect(unknown.warnings[0]).toMatch(/Shift_JIS is not supported/);
    expect(decodeNamedCharset(bytes(0x41), 'windows-1252')).toEqual({ text: 'A', encoding: 'windows-1252', warnings: [] });
  });
});
