/**
 * Raw report bytes (spec §6 "Parsing", "Bytes"): base64 from the sidebar, gzip detection by magic
 * bytes, the 20 MiB limit. Pure: decompression is injected (`Utilities.ungzip` in Apps Script,
 * zlib in tests), because no gunzip is worth writing in script code.
 */
import { InputError } from '../errors';

/** Decompresses one gzip file. Apps Script: `b => Utilities.ungzip(blobOf(b)).getBytes()`. */
export type Gunzip = (bytes: Uint8Array) => Uint8Array;

/** Reports larger than this after decompression are refused. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;
const MAX_DEFLATE_RATIO = 1032;

const MIB = 1024 * 1024;

function tooLarge(size: number): InputError {
  const mib = (size / MIB).toFixed(1);
  return new InputError(
    `the report is ${mib} MiB, over the ${MAX_REPORT_BYTES / MIB} MiB this add-on reads at once: ` +
      'download fewer days (for example one month) or one event type per file',
  );
}

let b64Table: Int16Array | null = null;

/** Character code → 6-bit value (-1: not base64). Built on first use: nothing runs at script load. */
function base64Table(): Int16Array {
  if (b64Table) return b64Table;
  const t = new Int16Array(128).fill(-1);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
  t[45] = 62; // '-' (URL-safe alphabet)
  t[95] = 63; // '_'
  return (b64Table = t);
}

/**
 * Decodes base64 (standard or URL-safe alphabet, padding optional, whitespace ignored, an optional
 * `data:…;base64,` prefix as FileReader.readAsDataURL produces) into bytes.
 */
export function base64ToBytes(input: string): Uint8Array {
  let s = input;
  if (s.startsWith('data:')) {
    const comma = s.indexOf(',');
    if (comma < 0) throw new InputError('the uploaded file content is not valid base64');
    s = s.slice(comma + 1);
  }
  if (/\s/.test(s)) s = s.replace(/\s+/g, '');
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61 /* = */) end--;
  if (s.length - end > 2 || end % 4 === 1) throw new InputError('the uploaded file content is not valid base64');
  const B64 = base64Table();
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let i = 0;
  const full = end - (end % 4);
  for (; i < full; i += 4) {
    const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2), d = s.charCodeAt(i + 3);
    const va = a < 128 ? B64[a] : -1, vb = b < 128 ? B64[b] : -1, vc = c < 128 ? B64[c] : -1, vd = d < 128 ? B64[d] : -1;
    if ((va | vb | vc | vd) < 0) throw new InputError('the uploaded file content is not valid base64');
    const n = (va << 18) | (vb << 12) | (vc << 6) | vd;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = end - i;
  if (rest > 0) {
    let n = 0;
    for (let k = 0; k < rest; k++) {
      const c = s.charCodeAt(i + k);
      const v = c < 128 ? B64[c] : -1;
      if (v < 0) throw new InputError('the uploaded file content is not valid base64');
      n = (n << 6) | v;
    }
    if (rest === 2) out[o++] = n >>> 4;
    else {
      out[o++] = n >>> 10;
      out[o++] = (n >>> 2) & 255;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}

/** True when the bytes start with gzip's magic number 1F 8B. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The report's plain bytes: gunzipped when gzip (by magic bytes, whatever the file name says),
 * refused over {@link MAX_REPORT_BYTES}. A gzip whose size trailer already announces too much is
 * refused before it is decompressed.
 */
export function unpackReportBytes(bytes: Uint8Array, gunzip: Gunzip): Uint8Array {
  if (isZip(bytes)) {
    throw new InputError(
      'this is a .zip archive or an Excel workbook, not a report file: download the report as a .txt or .csv file (or unzip it first)',
    );
  }
  if (!isGzip(bytes)) {
    if (bytes.length > MAX_REPORT_BYTES) throw tooLarge(bytes.length);
    return bytes;
  }
  if (bytes.length > MAX_REPORT_BYTES) throw tooLarge(bytes.length);
  if (bytes.length >= 18) {
    const n = bytes.length;
    const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
    // Deflate cannot expand more than about 1032:1; a larger announced size is no real trailer
    // (a truncated file): decompression below then says what is wrong.
    if (isize > MAX_REPORT_BYTES && isize <= n * MAX_DEFLATE_RATIO) throw tooLarge(isize);
  }
  let plain: Uint8Array;
  try {
    plain = gunzip(bytes);
  } catch (e) {
    throw new InputError(`the file is compressed (gzip) but could not be decompressed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (plain.length > MAX_REPORT_BYTES) throw tooLarge(plain.length);
  return plain;
}
