/**
 * The persistent state of the one spreadsheet a FakeEnv holds: sheets with their grids, formats,
 * validations, and the named ranges. Facades (spreadsheet.ts) read and write it; tests may too,
 * through FakeEnv helpers that bypass counting and permission checks.
 */
import { GasError } from './realm';
import type { CellValue } from './coerce';

export interface DataValidationModel {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CellModel {
  v: CellValue;
  /** Formula text, when the cell holds a formula (its value then reads as ''). */
  f?: string;
  /** Number format; undefined means the automatic default. */
  nf?: string;
  dv?: DataValidationModel;
  fw?: 'normal' | 'bold';
  bg?: string;
  ha?: string;
  wrap?: boolean;
}

export type RowModel = Array<CellModel | undefined>;

/** A new sheet is 1000 rows × 26 columns (A–Z), as in the Sheets UI. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
/** Number format Apps Script reports for a never-formatted cell. (unverified) */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

const FORMAT_KEYS = ['nf', 'dv', 'fw', 'bg', 'ha', 'wrap'] as const;

export function hasContent(c: CellModel | undefined): boolean {
  return !!c && (c.f !== undefined || c.v !== '');
}

export function copyFormats(c: CellModel | undefined): CellModel | undefined {
  if (!c) return undefined;
  let out: CellModel | undefined;
  for (const k of FORMAT_KEYS) {
    if (c[k] !== undefined) {
      out ??= { v: '' };
      (out as unknown as Record<string, unknown>)[k] = k === 'dv' ? { ...c.dv!, args: [...c.dv!.args] } : c[k];
    }
  }
  return out;
}

export function clearFormats(c: CellModel): void {
  for (const k of FORMAT_KEYS) delete c[k];
}

export class SheetModel {
  rows: Array<RowModel | undefined>;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  colWidths = new Map<number, number>();
  deleted = false;

  constructor(
    readonly id: number,
    public name: string,
    public maxRows: number = DEFAULT_ROWS,
    public maxCols: number = DEFAULT_COLS,
  ) {
    this.rows = new Array(maxRows);
  }

  cell(r: number, c: number): CellModel | undefined {
    const row = this.rows[r - 1];
    return row ? row[c - 1] : undefined;
  }

  ensureCell(r: number, c: number): CellModel {
    let row = this.rows[r - 1];
    if (!row) row = this.rows[r - 1] = [];
    let cell = row[c - 1];
    if (!cell) cell = row[c - 1] = { v: '' };
    return cell;
  }

  /** Last row with a value or formula (0 when empty). */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row && row.some(hasContent)) return r;
    }
    return 0;
  }

  lastCol(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (hasContent(row[c - 1])) { last = c; break; }
      }
    }
    return last;
  }

  cells(): number {
    return this.maxRows * this.maxCols;
  }
}

export interface NamedRangeModel {
  name: string;
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /** Runs to the bottom of the sheet (`A:L`, `A2:L`): stays so when rows are added. */
  openRows: boolean;
  openCols: boolean;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  activeSheetId: number;
  namedRanges = new Map<string, NamedRangeModel>();
  private nextSheetId = 1;

  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    public cellLimit: number,
  ) {
    // A new spreadsheet has one sheet, "Sheet1", with gid 0.
    const first = new SheetModel(0, 'Sheet1');
    this.sheets.push(first);
    this.activeSheetId = 0;
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cells(), 0);
  }

  /**
   * The workbook limit of 10 million cells (https://support.google.com/drive/answer/37603, "Files you
   * can store in Google Drive"); the message is the one Sheets returns.
   */
  ensureCanGrow(extraCells: number): void {
    if (extraCells > 0 && this.totalCells() + extraCells > this.cellLimit) {
      throw new GasError(`This action would increase the number of cells in the workbook above the limit of ${this.cellLimit} cells.`);
    }
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  newSheetId(): number {
    // gids are large, stable integers; deterministic here
    return 100000000 + 7919 * this.nextSheetId++;
  }

  // ---- grid operations (positions are 1-based) ----

  /** Inserts `count` rows so that the first new row is `at`; new rows copy formats of row `formatFrom`. */
  insertRows(sheet: SheetModel, at: number, count: number, formatFrom: number | null): void {
    if (count < 1) throw new GasError('The number of rows to insert must be at least 1.'); // (unverified)
    this.ensureCanGrow(count * sheet.maxCols);
    const src = formatFrom !== null ? sheet.rows[formatFrom - 1] : undefined;
    const fresh: Array<RowModel | undefined> = new Array(count);
    if (src && src.some((c) => copyFormats(c))) {
      for (let i = 0; i < count; i++) {
        const row: RowModel = [];
        src.forEach((c, j) => { const f = copyFormats(c); if (f) row[j] = f; });
        fresh[i] = row;
      }
    }
    sheet.rows = sheet.rows.slice(0, at - 1).concat(fresh, sheet.rows.slice(at - 1));
    sheet.rows.length = sheet.maxRows + count;
    sheet.maxRows += count;
    for (const nr of this.namedRanges.values()) {
      if (nr.sheetId !== sheet.id || nr.openCols) continue;
      if (nr.openRows) {
        if (at <= nr.row && nr.row > 1) nr.row += count;
        continue;
      }
      if (at <= nr.row) nr.row += count;
      else if (at <= nr.row + nr.numRows - 1) nr.numRows += count;
    }
  }

  deleteRows(sheet: SheetModel, start: number, count: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > sheet.maxRows) {
      throw new GasError('Those rows are out of bounds.');
    }
    // Sheets keeps at least one non-frozen row.
    if (sheet.maxRows - count <= sheet.frozenRows) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen rows.');
    }
    sheet.rows.splice(start - 1, count);
    sheet.rows.length = sheet.maxRows - count;
    sheet.maxRows -= count;
    const end = start + count - 1;
    for (const [name, nr] of [...this.namedRanges]) {
      if (nr.sheetId !== sheet.id || nr.openCols) continue;
      const last = nr.openRows ? Number.POSITIVE_INFINITY : nr.row + nr.numRows - 1;
      const above = Math.max(0, Math.min(end, nr.row - 1) - start + 1);
      const inside = Math.max(0, Math.min(end, last) - Math.max(start, nr.row) + 1);
      if (nr.openRows) {
        nr.row = Math.max(1, nr.row - above);
        continue;
      }
      nr.row -= above;
      nr.numRows -= inside;
      // A named range whose every row was deleted is dropped. (unverified: Sheets keeps it as #REF!)
      if (nr.numRows <= 0) this.namedRanges.delete(name);
    }
  }

  insertCols(sheet: SheetModel, at: number, count: number, formatFrom: number | null): void {
    if (count < 1) throw new GasError('The number of columns to insert must be at least 1.'); // (unverified)
    this.ensureCanGrow(count * sheet.maxRows);
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row || row.length < at) continue;
      const src = formatFrom !== null ? row[formatFrom - 1] : undefined;
      const fresh: RowModel = new Array(count);
      const f = copyFormats(src);
      if (f) for (let i = 0; i < count; i++) fresh[i] = copyFormats(src);
      sheet.rows[r] = row.slice(0, at - 1).concat(fresh, row.slice(at - 1));
    }
    sheet.maxCols += count;
    for (const nr of this.namedRanges.values()) {
      if (nr.sheetId !== sheet.id || nr.openCols) continue;
      if (at <= nr.col) nr.col += count;
      else if (at <= nr.col + nr.numCols - 1) nr.numCols += count;
    }
  }

  deleteCols(sheet: SheetModel, start: number, count: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > sheet.maxCols) {
      throw new GasError('Those columns are out of bounds.');
    }
    if (sheet.maxCols - count <= sheet.frozenCols) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen columns.');
    }
    for (const row of sheet.rows) if (row && row.length >= start) row.splice(start - 1, count);
    sheet.maxCols -= count;
    const end = start + count - 1;
    for (const [name, nr] of [...this.namedRanges]) {
      if (nr.sheetId !== sheet.id || nr.openCols) continue;
      const last = nr.col + nr.numCols - 1;
      const before = Math.max(0, Math.min(end, nr.col - 1) - start + 1);
      const inside = Math.max(0, Math.min(end, last) - Math.max(start, nr.col) + 1);
      nr.col -= before;
      nr.numCols -= inside;
      if (nr.numCols <= 0) this.namedRanges.delete(name);
    }
  }
}
