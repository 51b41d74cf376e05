/**
 * Utilities and Blob: https://developers.google.com/apps-script/reference/utilities/utilities
 * Byte arrays are signed (Java bytes). sleep advances the virtual clock.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError, isDate } from './realm';
import { decodeBytes, encodeString, fromByteArray, toSigned } from './bytes';
import { formatDate, parseDate } from './datetime';
import { enumOf } from './spreadsheet';

type Blob = GoogleAppsScript.Base.Blob;
type Charset = GoogleAppsScript.Utilities.Charset;
type DigestAlgorithm = GoogleAppsScript.Utilities.DigestAlgorithm;
type MacAlgorithm = GoogleAppsScript.Utilities.MacAlgorithm;

export const CharsetEnum = enumOf<typeof GoogleAppsScript.Utilities.Charset>(['US_ASCII', 'UTF_8']);
export const DigestAlgorithmEnum = enumOf<typeof GoogleAppsScript.Utilities.DigestAlgorithm>(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const MacAlgorithmEnum = enumOf<typeof GoogleAppsScript.Utilities.MacAlgorithm>(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']);

/** The Charset enum names map to Java charsets; plain strings are charset names. */
function charsetName(c: unknown): string | undefined {
  if (c === undefined || c === null) return undefined;
  const s = String(c);
  return s === 'UTF_8' ? 'UTF-8' : s === 'US_ASCII' ? 'US-ASCII' : s;
}

/** Bytes of a string or Byte[] argument. */
function bytesOf(data: unknown, charset?: unknown): Uint8Array {
  if (typeof data === 'string') return encodeString(data, charsetName(charset));
  return fromByteArray(data);
}

type BlobKeys = 'copyBlob' | 'getAs' | 'getBlob' | 'getBytes' | 'getContentType' | 'getDataAsString' | 'getName' | 'isGoogleType'
  | 'setBytes' | 'setContentType' | 'setDataFromString' | 'setName';

export class FakeBlob extends FakeObject implements Pick<Blob, BlobKeys> {
  constructor(x: Execution, public _bytes: Uint8Array, public _type: string | null = null, public _name: string | null = null) {
    super(x);
  }

  copyBlob(): Blob { return blobFacade(this._x, new Uint8Array(this._bytes), this._type, this._name); }

  /** Only the blob's own type is supported by the fake. */
  getAs(contentType: string): Blob {
    if (contentType !== this._type) throw new GasError(`Converting from ${this._type} to ${contentType} is not supported.`);
    return this.copyBlob();
  }

  getBlob(): Blob { return this._me<Blob>(); }
  getBytes(): number[] { return toSigned(this._bytes); }
  getContentType(): string | null { return this._type; }
  /** Default charset UTF-8. */
  getDataAsString(charset?: string): string { return decodeBytes(this._bytes, charset); }
  getName(): string | null { return this._name; }
  isGoogleType(): boolean { return false; }
  setBytes(data: number[]): Blob { this._bytes = fromByteArray(data); return this._me<Blob>(); }
  setContentType(contentType: string | null): Blob { this._type = contentType === null ? null : String(contentType); return this._me<Blob>(); }
  setDataFromString(s: string, charset?: string): Blob { this._bytes = encodeString(String(s), charset); return this._me<Blob>(); }
  setName(name: string): Blob { this._name = String(name); return this._me<Blob>(); }
}

export function blobFacade(x: Execution, bytes: Uint8Array, type: string | null, name: string | null): Blob {
  return x.wrap<Blob>('Blob', new FakeBlob(x, bytes, type, name));
}

/** Bytes of a BlobSource argument (a fake Blob, or anything with getBytes()). */
export function blobBytes(x: Execution, b: unknown): FakeBlob {
  const f = x.unwrap<FakeBlob>(b);
  if (f instanceof FakeBlob) return f;
  if (b && typeof b === 'object' && typeof (b as { getBlob?: unknown }).getBlob === 'function') {
    const inner = x.unwrap<FakeBlob>((b as { getBlob(): unknown }).getBlob());
    if (inner instanceof FakeBlob) return inner;
  }
  throw new GasError('Invalid argument: blob');
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64_WEB = /^[A-Za-z0-9\-_]*={0,2}$/;

function decodeBase64(encoded: string, web: boolean): Uint8Array {
  const s = String(encoded).replace(/\s+/g, '');
  if (!(web ? B64_WEB : B64).test(s) || s.replace(/=+$/, '').length % 4 === 1) {
    throw new GasError('Could not decode string.'); // (unverified message)
  }
  return new Uint8Array(Buffer.from(s, web ? 'base64url' : 'base64'));
}

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

type UtilitiesKeys = 'Charset' | 'DigestAlgorithm' | 'MacAlgorithm' | 'base64Decode' | 'base64DecodeWebSafe' | 'base64Encode'
  | 'base64EncodeWebSafe' | 'computeDigest' | 'computeHmacSha256Signature' | 'computeHmacSignature' | 'formatDate' | 'formatString'
  | 'getUuid' | 'gzip' | 'ungzip' | 'newBlob' | 'parseCsv' | 'parseDate' | 'sleep';

export class FakeUtilities extends FakeObject implements Pick<GoogleAppsScript.Utilities.Utilities, UtilitiesKeys> {
  readonly Charset = CharsetEnum;
  readonly DigestAlgorithm = DigestAlgorithmEnum;
  readonly MacAlgorithm = MacAlgorithmEnum;

  base64Encode(data: string | number[], charset?: Charset): string {
    return Buffer.from(bytesOf(data, charset)).toString('base64');
  }

  /** URL-safe alphabet (- and _), padding kept. (unverified: padding) */
  base64EncodeWebSafe(data: string | number[], charset?: Charset): string {
    return Buffer.from(bytesOf(data, charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string, _charset?: Charset): number[] {
    return toSigned(decodeBase64(encoded, false));
  }

  base64DecodeWebSafe(encoded: string, _charset?: Charset): number[] {
    return toSigned(decodeBase64(encoded, true));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset) — signed bytes. */
  computeDigest(algorithm: DigestAlgorithm, value: string | number[], charset?: Charset): number[] {
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw new GasError(`Unsupported digest algorithm: ${String(algorithm)}`);
    return toSigned(new Uint8Array(createHash(alg).update(bytesOf(value, charset)).digest()));
  }

  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: Charset): number[] {
    return this.computeHmacSignature('HMAC_SHA_256' as unknown as MacAlgorithm, value, key, charset);
  }

  computeHmacSignature(algorithm: MacAlgorithm, value: string | number[], key: string | number[], charset?: Charset): number[] {
    const alg = MACS[String(algorithm)];
    if (!alg) throw new GasError(`Unsupported MAC algorithm: ${String(algorithm)}`);
    return toSigned(new Uint8Array(createHmac(alg, bytesOf(key, charset)).update(bytesOf(value, charset)).digest()));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String) */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new GasError('Invalid argument: date');
    return formatDate((date as unknown as Date).getTime(), String(timeZone), String(format));
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String) */
  parseDate(date: string, timeZone: string, format: string): Date {
    return new Date(parseDate(String(date), String(timeZone), String(format), this._x.env.clock.now()));
  }

  /** sprintf-style: %s %d %i %f (with precision) %%. */
  formatString(template: string, ...args: any[]): string {
    let i = 0;
    return String(template).replace(/%(?:(\d+)\$)?([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifx%])/g, (_m, pos, _flags, width, prec, conv) => {
      if (conv === '%') return '%';
      const v = pos ? args[Number(pos) - 1] : args[i++];
      let s: string;
      if (conv === 's') s = String(v);
      else if (conv === 'd' || conv === 'i') s = String(Math.trunc(Number(v)));
      else if (conv === 'x') s = Math.trunc(Number(v)).toString(16);
      else s = prec !== undefined ? Number(v).toFixed(Number(prec)) : String(Number(v));
      return width && s.length < Number(width) ? ' '.repeat(Number(width) - s.length) + s : s;
    });
  }

  getUuid(): string {
    return randomUUID();
  }

  /** A gzip Blob, content type application/x-gzip. (unverified: default name) */
  gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): Blob {
    const b = blobBytes(this._x, blob);
    const out = new Uint8Array(gzipSync(b._bytes));
    return blobFacade(this._x, out, 'application/x-gzip', name !== undefined ? String(name) : b._name ? `${b._name}.gz` : null);
  }

  ungzip(blob: GoogleAppsScript.Base.BlobSource): Blob {
    const b = blobBytes(this._x, blob);
    let out: Uint8Array;
    try {
      out = new Uint8Array(gunzipSync(b._bytes));
    } catch {
      throw new GasError('Could not ungzip the blob: not in gzip format.'); // (unverified message)
    }
    return blobFacade(this._x, out, null, b._name ? b._name.replace(/\.gz$/, '') : null);
  }

  /** newBlob(data[, contentType[, name]]) — data is a string (UTF-8) or Byte[]. */
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    const bytes = typeof data === 'string' ? encodeString(data) : fromByteArray(data);
    return blobFacade(this._x, bytes, contentType === undefined ? null : String(contentType), name === undefined ? null : String(name));
  }

  /**
   * https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String,Char)
   * RFC 4180 quoting; CRLF, LF or CR line ends; a final line end adds no empty row. (unverified: trailing line end)
   */
  parseCsv(csv: string, delimiter?: string): string[][] {
    const d = delimiter === undefined ? ',' : String(delimiter);
    if (d.length !== 1) throw new GasError('Invalid argument: delimiter');
    const s = String(csv);
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let i = 0;
    let quoted = false;
    let any = false;
    while (i < s.length) {
      const ch = s[i];
      if (quoted) {
        if (ch === '"') {
          if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false; i++; continue;
        }
        field += ch; i++; continue;
      }
      if (ch === '"' && field === '') { quoted = true; any = true; i++; continue; }
      if (ch === d) { row.push(field); field = ''; any = true; i++; continue; }
      if (ch === '\r' || ch === '\n') {
        row.push(field); rows.push(row); row = []; field = ''; any = false;
        i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      field += ch; any = true; i++;
    }
    if (quoted) throw new GasError('Could not parse text.'); // (unverified message)
    if (any || field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  /** https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer): "The maximum allowed value is 300000 (or 5 minutes)." */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw new GasError('Invalid argument: milliseconds');
    if (ms > 300000) throw new GasError('Sleep duration must be less than or equal to 300000 milliseconds.'); // (unverified message)
    this._x.env.clock.advance(ms);
  }
}
