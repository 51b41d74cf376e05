/**
 * Whole numbers in report cells. Accepted: an optional sign (`+`, `-`, or the Unicode minus U+2212),
 * digits, surrounding spaces; thousands separated by commas only in the strict `1,234,567` form
 * (a spreadsheet that re-saved the file may write them, and a quantity is never fractional, so the
 * comma cannot be a decimal mark); a zero fraction such as `12.0` or `12.00`. Anything else
 * (`1.5`, `1.234`, `12abc`) is unreadable. Blank gives null; callers decide what blank means.
 */

const THOUSANDS = /^([+\-\u2212]?)(\d{1,3}(?:,\d{3})+)(?:\.0+)?$/;
const ZERO_FRACTION = /^([+\-\u2212]?)(\d+)\.0+$/;

/** The integer in `text`, null when blank, NaN when unreadable. */
export function parseWholeNumber(text: string): number | null {
  const n = text.length;
  // Fast path: [sign] digits.
  let i = 0;
  let neg = false;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  if (c === 45 /* - */) {
    neg = true;
    i = 1;
  } else if (c === 43 /* + */) i = 1;
  if (i < n && n - i <= 15) {
    let v = 0;
    let k = i;
    for (; k < n; k++) {
      c = text.charCodeAt(k);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (k === n) return neg ? (v === 0 ? 0 : -v) : v;
  }
  const t = text.trim();
  if (t === '') return null;
  if (t !== text) return parseWholeNumber(t);
  let m = THOUSANDS.exec(t);
  if (m) return signed(m[1], m[2].replace(/,/g, ''));
  m = ZERO_FRACTION.exec(t);
  if (m) return signed(m[1], m[2]);
  if (t.charCodeAt(0) === 0x2212) {
    const rest = parseWholeNumber(t.slice(1));
    return rest === null || Number.isNaN(rest) || /^[+\-]/.test(t.slice(1)) ? NaN : rest === 0 ? 0 : -rest;
  }
  return NaN;
}

function signed(sign: string, digits: string): number {
  if (digits.length > 15) return NaN;
  const v = Number(digits);
  return sign === '-' || sign === '\u2212' ? (v === 0 ? 0 : -v) : v;
}
