/**
 * Bytes as Apps Script sees them: `Byte[]` is a plain JS array of SIGNED numbers (-128..127),
 * the Java byte type showing through (https://developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String)
 * returns `Byte[]`; e.g. 0xFF reads as -1). Internally the fakes keep `Uint8Array`s.
 */
import { GasError } from './realm';

export function toSigned(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}

/** Accepts a Byte[] (signed or unsigned numbers) or a Uint8Array. */
export function fromByteArray(data: unknown, what = 'data'): Uint8Array {
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (!Array.isArray(data)) throw new GasError(`Invalid argument: ${what}`);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const n = data[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < -128 || n > 255) {
      throw new GasError(`Invalid argument: ${what}`);
    }
    out[i] = n & 0xff;
  }
  return out;
}

// Java's Cp1252: 0x80..0x9F, with the five undefined positions decoding to U+FFFD.
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export type CharsetName = 'UTF-8' | 'windows-1252' | 'ISO-8859-1' | 'US-ASCII' | 'UTF-16LE' | 'UTF-16BE';

/** Maps Java/IANA charset names and the Utilities.Charset enum names to one of ours. */
export function normalizeCharset(name: string | null | undefined): CharsetName {
  if (name === null || name === undefined || name === '') return 'UTF-8';
  const n = String(name).trim().toLowerCase().replace(/^"|"$/g, '');
  switch (n) {
    case 'utf-8': case 'utf8': case 'utf_8':
      return 'UTF-8';
    case 'windows-1252': case 'cp1252': case 'windows1252': case 'x-cp1252':
      return 'windows-1252';
    case 'iso-8859-1': case 'iso8859-1': case 'iso8859_1': case 'iso_8859_1': case 'latin1': case 'l1': case 'iso-latin-1':
      return 'ISO-8859-1';
    case 'us-ascii': case 'ascii': case 'us_ascii':
      return 'US-ASCII';
    case 'utf-16le': return 'UTF-16LE';
    case 'utf-16be': case 'utf-16': return 'UTF-16BE';
    default:
      throw new GasError(`Unsupported charset: ${name}`);
  }
}

export function decodeBytes(bytes: Uint8Array, charset?: string | null): string {
  const cs = normalizeCharset(charset);
  switch (cs) {
    case 'UTF-8':
      return new TextDecoder('utf-8').decode(bytes);
    case 'UTF-16LE':
      return new TextDecoder('utf-16le').decode(bytes);
    case 'UTF-16BE':
      return new TextDecoder('utf-16be').decode(bytes);
    case 'ISO-8859-1': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return s;
    }
    case 'US-ASCII': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += bytes[i] < 128 ? String.fromCharCode(bytes[i]) : '\ufffd';
      return s;
    }
    case 'windows-1252': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        s += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b);
      }
      return s;
    }
  }
}

export function encodeString(text: string, charset?: string | null): Uint8Array {
  const cs = normalizeCharset(charset);
  switch (cs) {
    case 'UTF-8':
      return new TextEncoder().encode(text);
    case 'UTF-16LE':
    case 'UTF-16BE': {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const hi = c >> 8, lo = c & 0xff;
        if (cs === 'UTF-16LE') { out[2 * i] = lo; out[2 * i + 1] = hi; } else { out[2 * i] = hi; out[2 * i + 1] = lo; }
      }
      return out;
    }
    case 'ISO-8859-1':
    case 'US-ASCII': {
      const max = cs === 'US-ASCII' ? 0x7f : 0xff;
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[i] = c <= max ? c : 0x3f; // '?', as Java does for unmappable characters
      }
      return out;
    }
    case 'windows-1252': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
        else {
          const j = CP1252_HIGH.indexOf(c);
          out[i] = j >= 0 && c !== 0xfffd ? 0x80 + j : 0x3f;
        }
      }
      return out;
    }
  }
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The `charset=` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}
