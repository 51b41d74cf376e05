/**
 * Text decoding for report files (spec §6 "Bytes"): UTF-8 when the bytes are valid UTF-8 (strict:
 * no overlong forms, no surrogates, nothing above U+10FFFF; a BOM is dropped), else windows-1252.
 * UTF-16 with a byte-order mark (what Excel's "Unicode Text" writes) is read too. Pure JS: Apps
 * Script has no TextDecoder.
 */

export type TextEncodingName = 'UTF-8' | 'windows-1252' | 'UTF-16LE' | 'UTF-16BE';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

/** windows-1252 bytes 0x80–0x9F (WHATWG index; the five undefined bytes map to the C1 control). */
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const CHUNK = 0x2000;

/** Joins UTF-16 code units into a string in chunks (apply's argument limit). */
function unitsToString(units: Uint16Array | Uint8Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

function firstNonAscii(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Strict UTF-8 (Unicode Table 3-7). Returns null at the first ill-formed sequence. A leading BOM is
 * dropped.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  const start = hasUtf8Bom(bytes) ? 3 : 0;
  const n = bytes.length;
  const first = firstNonAscii(bytes, start);
  if (first < 0) return unitsToString(bytes.subarray(start), n - start);
  const out = new Uint16Array(n - start);
  let o = 0;
  for (let i = start; i < first; i++) out[o++] = bytes[i];
  let i = first;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      const b1 = bytes[i + 1];
      if (i + 1 >= n || (b1 & 0xc0) !== 0x80) return null;
      out[o++] = ((b & 0x1f) << 6) | (b1 & 0x3f);
      i += 2;
      continue;
    }
    if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= n) return null;
      const b1 = bytes[i + 1], b2 = bytes[i + 2];
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (b1 < lo || b1 > hi || (b2 & 0xc0) !== 0x80) return null;
      out[o++] = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      i += 3;
      continue;
    }
    if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= n) return null;
      const b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3];
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (b1 < lo || b1 > hi || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return null;
      const cp = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      const v = cp - 0x10000;
      out[o++] = 0xd800 | (v >> 10);
      out[o++] = 0xdc00 | (v & 0x3ff);
      i += 4;
      continue;
    }
    return null;
  }
  return unitsToString(out, o);
}

/** windows-1252 (every byte decodes). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const first = firstNonAscii(bytes, 0);
  if (first < 0) return unitsToString(bytes, bytes.length);
  const out = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
  }
  return unitsToString(out, bytes.length);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const count = (bytes.length - 2) >> 1;
  const out = new Uint16Array(count);
  for (let k = 0, i = 2; k < count; k++, i += 2) {
    out[k] = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
  }
  return unitsToString(out, count);
}

/** Decodes report bytes: UTF-16 by BOM, else UTF-8 if valid, else windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, true), encoding: 'UTF-16LE', warnings: [] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, false), encoding: 'UTF-16BE', warnings: [] };
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8', warnings: [] };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', warnings: [] };
}

/** The `charset` parameter of a Content-Type header value, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
// WHATWG: every one of these labels decodes as windows-1252.
const CP1252_LABELS = new Set([
  'windows-1252', 'cp1252', 'cp-1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1',
  'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso-ir-100', 'ibm819', 'cp819', 'csisolatin1',
]);

/**
 * Decodes a download whose Content-Type names a charset. UTF-8, windows-1252/Cp1252 and ISO-8859-1
 * (read as windows-1252, as browsers do) are understood. Because Amazon's labels are known to be
 * wrong (EU flat files labelled Cp1252), the bytes decide when the label and the bytes disagree:
 * a file labelled UTF-8 that is not valid UTF-8 is read as windows-1252, and a file labelled
 * windows-1252 whose non-ASCII bytes form valid UTF-8 is read as UTF-8; both with a warning.
 * Any other label: decoded as if unlabelled, with a warning.
 */
export function decodeNamedCharset(bytes: Uint8Array, charset: string | null | undefined): DecodedText {
  if (!charset) return decodeText(bytes);
  const label = charset.trim().toLowerCase().replace(/^"|"$/g, '');
  const auto = decodeText(bytes);
  if (UTF8_LABELS.has(label)) {
    if (auto.encoding === 'windows-1252') {
      auto.warnings.push(`the download says it is ${charset} but is not valid UTF-8: it was read as windows-1252`);
    }
    return auto;
  }
  if (CP1252_LABELS.has(label)) {
    if (auto.encoding === 'UTF-8' && firstNonAscii(bytes, hasUtf8Bom(bytes) ? 3 : 0) >= 0) {
      auto.warnings.push(`the download says it is ${charset} but its text is valid UTF-8: it was read as UTF-8`);
      return auto;
    }
    if (auto.encoding !== 'UTF-8') return auto;
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', warnings: [] };
  }
  auto.warnings.push(`the download's character set ${charset} is not supported: it was read as ${auto.encoding}`);
  return auto;
}
