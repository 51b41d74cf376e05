/** A1 notation: `B3`, `A1:C10`, `$A$1`, open ranges `A:L` / `A2:L` / `3:5`, `'My sheet'!A1:B2`. */
import { GasError } from './realm';

export interface A1Ref {
  sheetName: string | null;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /** The range runs to the last row of the sheet (`A:L`, `A2:L`). */
  openRows: boolean;
  /** The range runs to the last column (`3:5`). */
  openCols: boolean;
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface Part { col: number | null; row: number | null }

function parsePart(p: string): Part | null {
  const m = PART.exec(p);
  if (!m || (!m[1] && !m[2])) return null;
  return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

/** Splits `Sheet!A1:B2`; the sheet name may be quoted with '' escaping. */
export function splitSheet(a1: string): { sheetName: string | null; ref: string } {
  const s = a1.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") { name += "'"; i += 2; continue; }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== '!') throw new GasError('Range not found');
    return { sheetName: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) return { sheetName: s.slice(0, bang), ref: s.slice(bang + 1) };
  return { sheetName: null, ref: s };
}

/**
 * Parses A1 notation against a grid of maxRows × maxCols. Throws `Range not found` for text that
 * is not A1 notation (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)).
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): A1Ref {
  if (typeof a1 !== 'string' || a1.trim() === '') throw new GasError('Range not found');
  const { sheetName, ref } = splitSheet(a1);
  const [p1, p2, extra] = ref.split(':');
  if (extra !== undefined) throw new GasError('Range not found');
  const a = parsePart(p1);
  if (!a) throw new GasError('Range not found');
  if (p2 === undefined) {
    if (a.col === null || a.row === null) throw new GasError('Range not found');
    return { sheetName, row: a.row, col: a.col, numRows: 1, numCols: 1, openRows: false, openCols: false };
  }
  const b = parsePart(p2);
  if (!b) throw new GasError('Range not found');
  // Whole rows: 3:5
  if (a.col === null && b.col === null) {
    if (a.row === null || b.row === null) throw new GasError('Range not found');
    const r1 = Math.min(a.row, b.row), r2 = Math.max(a.row, b.row);
    return { sheetName, row: r1, col: 1, numRows: r2 - r1 + 1, numCols: maxCols, openRows: false, openCols: true };
  }
  if (a.col === null || b.col === null) throw new GasError('Range not found');
  const c1 = Math.min(a.col, b.col), c2 = Math.max(a.col, b.col);
  // Open at the bottom: A:L, A2:L, A:L5 is not valid
  if (b.row === null) {
    const r1 = a.row ?? 1;
    return { sheetName, row: r1, col: c1, numRows: Math.max(maxRows - r1 + 1, 0), numCols: c2 - c1 + 1, openRows: true, openCols: false };
  }
  if (a.row === null) {
    // "A:B5" — Sheets reads it as A1:B5
    const r2 = b.row;
    return { sheetName, row: 1, col: c1, numRows: r2, numCols: c2 - c1 + 1, openRows: false, openCols: false };
  }
  const r1 = Math.min(a.row, b.row), r2 = Math.max(a.row, b.row);
  return { sheetName, row: r1, col: c1, numRows: r2 - r1 + 1, numCols: c2 - c1 + 1, openRows: false, openCols: false };
}

export function formatA1(row: number, col: number, numRows: number, numCols: number, openRows = false, openCols = false): string {
  if (openRows) {
    const start = row === 1 ? columnLetters(col) : `${columnLetters(col)}${row}`;
    return `${start}:${columnLetters(col + numCols - 1)}`;
  }
  if (openCols) return `${row}:${row + numRows - 1}`;
  const tl = `${columnLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return tl;
  return `${tl}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`;
}
