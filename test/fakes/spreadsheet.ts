/**
 * SpreadsheetApp and the Spreadsheet / Sheet / Range / NamedRange / DataValidation objects it
 * hands out. Each facade is bound to one Execution and reads and writes the env's SpreadsheetModel.
 * Reference: https://developers.google.com/apps-script/reference/spreadsheet
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError, isDate } from './realm';
import { A1Ref, formatA1, parseA1, splitSheet } from './a1';
import { coerceInput, CellValue, CoerceOptions } from './coerce';
import { formatDate, isKnownTimeZone, wallOf } from './datetime';
import {
  CellModel, clearFormats, DataValidationModel, DEFAULT_NUMBER_FORMAT, NamedRangeModel, SheetModel, SpreadsheetModel, hasContent,
} from './model';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type NamedRange = GoogleAppsScript.Spreadsheet.NamedRange;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type DataValidationCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** Apps Script enums are objects whose members print as their names; the fake uses the names. */
export function enumOf<T>(names: readonly string[]): T {
  const o: Record<string, string> = {};
  for (const n of names) o[n] = n;
  return Object.freeze(o) as unknown as T;
}

export const DataValidationCriteriaEnum = enumOf<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>([
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN', 'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL', 'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE',
  'CUSTOM_FORMULA', 'CHECKBOX',
]);

// ---------------------------------------------------------------------------------------------
// helpers

function toInt(n: unknown): number {
  const v = typeof n === 'number' ? n : Number(n);
  if (typeof n === 'boolean' || n === null || n === undefined || !Number.isInteger(v)) {
    throw new GasError(`Cannot convert '${String(n)}' to int.`);
  }
  return v;
}

/** Sheet#getRange(row, column, numRows, numColumns) bounds: https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer) */
function checkBounds(m: SheetModel, row: number, col: number, nr: number, nc: number): void {
  if (row < 1) throw new GasError('The starting row of the range is too small.');
  if (col < 1) throw new GasError('The starting column of the range is too small.');
  if (nr < 1) throw new GasError('The number of rows in the range must be at least 1.');
  if (nc < 1) throw new GasError('The number of columns in the range must be at least 1.');
  if (row + nr - 1 > m.maxRows || col + nc - 1 > m.maxCols) {
    throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
}

function model(x: Execution): SpreadsheetModel {
  return x.env.spreadsheet;
}

function sheetFacade(x: Execution, m: SheetModel): Sheet {
  return x.wrap<Sheet>('Sheet', new FakeSheet(x, m.id));
}

function rangeFacade(x: Execution, m: SheetModel, ref: Omit<A1Ref, 'sheetName'>): Range {
  checkBounds(m, ref.row, ref.col, ref.numRows, ref.numCols);
  return x.wrap<Range>('Range', new FakeRange(x, m.id, ref.row, ref.col, ref.numRows, ref.numCols, ref.openRows, ref.openCols));
}

/** Coercion settings of one write call (the per-cell plain-text flag is filled in by writeCell). */
function coerceOptions(x: Execution): CoerceOptions {
  const tz = model(x).timeZone;
  return {
    plainText: false,
    timeZone: tz,
    plainTextBlocksFormulas: x.env.options.plainTextBlocksFormulas ?? false,
    currentYear: wallOf(x.env.clock.now(), tz).year,
  };
}

function writeCell(o: CoerceOptions, m: SheetModel, r: number, c: number, value: unknown): void {
  const existing = m.cell(r, c);
  o.plainText = existing?.nf === '@';
  const stored = coerceInput(value, o);
  if (stored.v === '' && stored.f === undefined && !existing) return;
  const cell = existing ?? m.ensureCell(r, c);
  cell.v = stored.v;
  if (stored.f !== undefined) cell.f = stored.f;
  else delete cell.f;
}

function readValue(cell: CellModel | undefined): CellValue {
  if (!cell || cell.f !== undefined) return '';
  return isDate(cell.v) ? new Date(cell.v.getTime()) : cell.v;
}

/** Sheets date/time format → SimpleDateFormat (m is minutes next to h or s, else month). */
function sheetsDatePattern(nf: string): string | null {
  if (!/[yd]/i.test(nf) && !/h/i.test(nf)) return null;
  const tokens = nf.match(/(y+|m+|d+|h+|s+|am\/pm|"[^"]*"|\\.|.)/gi) ?? [];
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const lc = t.toLowerCase();
    if (lc[0] === 'y') out.push('yyyy'.slice(0, Math.max(2, t.length)));
    else if (lc[0] === 'd') out.push(t.length >= 4 ? 'EEEE' : t.length === 3 ? 'EEE' : 'd'.repeat(t.length));
    else if (lc[0] === 'h') out.push('H'.repeat(t.length));
    else if (lc[0] === 's') out.push('s'.repeat(t.length));
    else if (lc[0] === 'm') {
      const prev = tokens.slice(0, i).reverse().find((p) => /^[a-z]/i.test(p) && !/^(am\/pm)$/i.test(p));
      const next = tokens.slice(i + 1).find((p) => /^[a-z]/i.test(p));
      const minutes = (prev && /^h/i.test(prev)) || (next && /^s/i.test(next));
      out.push(minutes ? 'm'.repeat(t.length) : t.length >= 4 ? 'MMMM' : t.length === 3 ? 'MMM' : 'M'.repeat(t.length));
    } else if (lc === 'am/pm') out.push('a');
    else if (t.startsWith('"')) out.push(`'${t.slice(1, -1).replace(/'/g, "''")}'`);
    else if (t.startsWith('\\')) out.push(`'${t.slice(1)}'`);
    else if (/[a-z]/i.test(t)) out.push(`'${t}'`);
    else out.push(t);
  });
  return out.join('');
}

/** A rough display string; exact Sheets rendering is not modelled. */
function displayOf(cell: CellModel | undefined, tz: string): string {
  const v = readValue(cell);
  if (v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const p = (cell?.nf && sheetsDatePattern(cell.nf)) || (wallOf(v.getTime(), tz).hour || wallOf(v.getTime(), tz).minute ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy');
    return formatDate(v.getTime(), tz, p);
  }
  if (typeof v === 'number') {
    const nf = cell?.nf;
    const fixed = nf && /^#?,?#*0(\.0+)?$/.exec(nf.replace(/#,##/, ''));
    if (nf === '@') return String(v);
    if (fixed) {
      const decimals = nf!.includes('.') ? nf!.split('.')[1].length : 0;
      const s = v.toFixed(decimals);
      return nf!.includes(',') ? Number(s).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : s;
    }
    return String(v);
  }
  return String(v);
}

function validationModel(rule: unknown, x: Execution): DataValidationModel | undefined {
  if (rule === null || rule === undefined) return undefined;
  const dv = x.unwrap<FakeDataValidation>(rule);
  if (!(dv instanceof FakeDataValidation)) throw new GasError('Invalid argument: rule');
  return dv._copyModel();
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp

type SpreadsheetAppKeys = 'getActiveSpreadsheet' | 'getActive' | 'getActiveSheet' | 'getUi' | 'flush' | 'newDataValidation'
  | 'DataValidationCriteria' | 'openById' | 'openByUrl' | 'setActiveSheet';

export class FakeSpreadsheetApp extends FakeObject implements Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppKeys> {
  readonly DataValidationCriteria = DataValidationCriteriaEnum;

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSpreadsheet() */
  getActiveSpreadsheet(): Spreadsheet {
    if (!this._x.env.containerBound) {
      // A standalone script has no active spreadsheet: the method returns null. (unverified)
      return null as unknown as Spreadsheet;
    }
    return this._x.wrap<Spreadsheet>('Spreadsheet', new FakeSpreadsheet(this._x));
  }

  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): Sheet {
    const ss = model(this._x);
    return sheetFacade(this._x, ss.sheetById(ss.activeSheetId) ?? ss.sheets[0]);
  }

  setActiveSheet(sheet: Sheet): Sheet {
    const s = this._x.unwrap<FakeSheet>(sheet);
    if (!(s instanceof FakeSheet)) throw new GasError('Invalid argument: sheet');
    model(this._x).activeSheetId = s._m().id;
    return sheet;
  }

  getUi(): GoogleAppsScript.Base.Ui {
    return this._x.env.ui._facade(this._x);
  }

  /** Writes are applied immediately in the fake, so there is nothing to flush. */
  flush(): void {}

  newDataValidation(): DataValidationBuilder {
    return this._x.wrap<DataValidationBuilder>('DataValidationBuilder', new FakeDataValidationBuilder(this._x));
  }

  openById(_id: string): Spreadsheet {
    throw new GasError('You do not have permission to call SpreadsheetApp.openById');
  }

  openByUrl(_url: string): Spreadsheet {
    throw new GasError('You do not have permission to call SpreadsheetApp.openByUrl');
  }
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet

type SpreadsheetKeys = 'getId' | 'getName' | 'rename' | 'getUrl' | 'getSpreadsheetTimeZone' | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale' | 'getSheetByName' | 'getSheetById' | 'getSheets' | 'getNumSheets' | 'insertSheet' | 'deleteSheet'
  | 'getActiveSheet' | 'setActiveSheet' | 'getRange' | 'getRangeByName' | 'setNamedRange' | 'getNamedRanges'
  | 'removeNamedRange' | 'toast';

export class FakeSpreadsheet extends FakeObject implements Pick<Spreadsheet, SpreadsheetKeys> {
  private get m(): SpreadsheetModel {
    return model(this._x);
  }

  getId(): string { return this.m.id; }
  getName(): string { return this.m.name; }
  rename(newName: string): void { this.m.name = String(newName); }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this.m.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this.m.timeZone; }
  getSpreadsheetLocale(): string { return this.m.locale; }

  setSpreadsheetTimeZone(timezone: string): void {
    if (!isKnownTimeZone(String(timezone))) throw new GasError(`Invalid argument: ${timezone}`); // (unverified message)
    this.m.timeZone = String(timezone);
  }

  getSheetByName(name: string): Sheet | null {
    const s = this.m.sheetByName(String(name));
    return s ? sheetFacade(this._x, s) : null;
  }

  getSheetById(id: number): Sheet | null {
    const s = this.m.sheetById(Number(id));
    return s ? sheetFacade(this._x, s) : null;
  }

  getSheets(): Sheet[] {
    return this.m.sheets.map((s) => sheetFacade(this._x, s));
  }

  getNumSheets(): number {
    return this.m.sheets.length;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
   * "The new sheet becomes the active sheet." Index is 0-based. A new sheet is 1000 × 26.
   */
  insertSheet(a?: unknown, b?: unknown, _c?: unknown): Sheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') {
      index = a;
    }
    const m = this.m;
    if (name === undefined) {
      let k = m.sheets.length + 1;
      while (m.sheetByName(`Sheet${k}`)) k++;
      name = `Sheet${k}`;
    }
    checkSheetName(m, name, null);
    m.ensureCanGrow(1000 * 26);
    const s = new SheetModel(m.newSheetId(), name);
    const at = index === undefined ? m.sheets.length : Math.max(0, Math.min(toInt(index), m.sheets.length));
    m.sheets.splice(at, 0, s);
    m.activeSheetId = s.id;
    return sheetFacade(this._x, s);
  }

  deleteSheet(sheet: Sheet): void {
    const s = this._x.unwrap<FakeSheet>(sheet);
    if (!(s instanceof FakeSheet)) throw new GasError('Invalid argument: sheet');
    const sm = s._m();
    const m = this.m;
    // A spreadsheet keeps at least one visible sheet. (unverified message)
    if (m.sheets.filter((x) => !x.hidden && x !== sm).length === 0) {
      throw new GasError("You can't remove all the visible sheets in a document.");
    }
    m.sheets = m.sheets.filter((x) => x !== sm);
    sm.deleted = true;
    for (const [n, nr] of [...m.namedRanges]) if (nr.sheetId === sm.id) m.namedRanges.delete(n); // (unverified: Sheets keeps #REF! ranges)
    if (m.activeSheetId === sm.id) m.activeSheetId = (m.sheets.find((x) => !x.hidden) ?? m.sheets[0]).id;
  }

  getActiveSheet(): Sheet {
    return sheetFacade(this._x, this.m.sheetById(this.m.activeSheetId) ?? this.m.sheets[0]);
  }

  setActiveSheet(sheet: Sheet, _restoreSelection?: boolean): Sheet {
    const s = this._x.unwrap<FakeSheet>(sheet);
    if (!(s instanceof FakeSheet)) throw new GasError('Invalid argument: sheet');
    this.m.activeSheetId = s._m().id;
    return sheet;
  }

  /** `Sheet1!A1:B2`; without a sheet name, the active sheet. */
  getRange(a1Notation: string): Range {
    const { sheetName } = splitSheet(String(a1Notation));
    const s = sheetName === null ? (this.m.sheetById(this.m.activeSheetId) ?? this.m.sheets[0]) : this.m.sheetByName(sheetName);
    if (!s) throw new GasError('Range not found');
    const ref = parseA1(String(a1Notation), s.maxRows, s.maxCols);
    return rangeFacade(this._x, s, ref);
  }

  getRangeByName(name: string): Range | null {
    const nr = this.m.namedRanges.get(String(name));
    if (!nr) return null;
    return namedRangeRange(this._x, nr);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setNamedRange(String,Range) */
  setNamedRange(name: string, range: Range): void {
    const r = this._x.unwrap<FakeRange>(range);
    if (!(r instanceof FakeRange)) throw new GasError('Invalid argument: range');
    checkNamedRangeName(String(name));
    this.m.namedRanges.set(String(name), r._namedModel(String(name)));
  }

  getNamedRanges(): NamedRange[] {
    return [...this.m.namedRanges.keys()].map((n) => this._x.wrap<NamedRange>('NamedRange', new FakeNamedRange(this._x, n)));
  }

  /** Removing a name that does not exist is a no-op here. (unverified) */
  removeNamedRange(name: string): void {
    this.m.namedRanges.delete(String(name));
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._x.env.ui.toasts.push({ message: String(msg), title: title === undefined ? null : String(title), timeoutSeconds: timeoutSeconds ?? null });
  }
}

/** Named range names: letters, digits, underscores; not starting with a digit; not like A1 or R1C1; ≤ 250 chars. (unverified message) */
function checkNamedRangeName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.length > 250 || /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name) || /^(true|false)$/i.test(name)) {
    throw new GasError(`Invalid argument: name (named range "${name}")`);
  }
}

function checkSheetName(m: SpreadsheetModel, name: string, self: SheetModel | null): void {
  if (typeof name !== 'string' || name.trim() === '') throw new GasError('Invalid argument: sheetName'); // (unverified)
  if (name.length > 100) throw new GasError('Invalid argument: sheetName'); // (unverified: 100-character tab names)
  // Names clash case-insensitively. (unverified)
  const clash = m.sheets.find((s) => s !== self && s.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new GasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

function namedRangeRange(x: Execution, nr: NamedRangeModel): Range {
  const s = model(x).sheetById(nr.sheetId);
  if (!s) throw new GasError('Range not found');
  const numRows = nr.openRows ? s.maxRows - nr.row + 1 : nr.numRows;
  const numCols = nr.openCols ? s.maxCols - nr.col + 1 : nr.numCols;
  return rangeFacade(x, s, { row: nr.row, col: nr.col, numRows, numCols, openRows: nr.openRows, openCols: nr.openCols });
}

// ---------------------------------------------------------------------------------------------
// Sheet

type SheetKeys = 'getName' | 'setName' | 'getSheetId' | 'getIndex' | 'getParent' | 'getLastRow' | 'getLastColumn' | 'getMaxRows'
  | 'getMaxColumns' | 'getRange' | 'getDataRange' | 'appendRow' | 'insertRowsAfter' | 'insertRowsBefore' | 'insertRowAfter'
  | 'insertRowBefore' | 'insertColumnsAfter' | 'insertColumnsBefore' | 'insertColumnAfter' | 'insertColumnBefore' | 'deleteRows'
  | 'deleteRow' | 'deleteColumns' | 'deleteColumn' | 'setFrozenRows' | 'getFrozenRows' | 'setFrozenColumns' | 'getFrozenColumns'
  | 'hideSheet' | 'showSheet' | 'isSheetHidden' | 'clear' | 'clearContents' | 'clearFormats' | 'setColumnWidth' | 'setColumnWidths'
  | 'getColumnWidth' | 'autoResizeColumns' | 'activate' | 'setTabColor' | 'getTabColor' | 'getNamedRanges' | 'getSheetName';

export class FakeSheet extends FakeObject implements Pick<Sheet, SheetKeys> {
  constructor(x: Execution, readonly _sheetId: number) {
    super(x);
  }

  /** The live model; throws once the sheet is deleted. (unverified message) */
  _m(): SheetModel {
    const s = model(this._x).sheetById(this._sheetId);
    if (!s) throw new GasError('The sheet has been deleted.');
    return s;
  }

  getName(): string { return this._m().name; }
  getSheetName(): string { return this._m().name; }

  setName(name: string): Sheet {
    const m = this._m();
    checkSheetName(model(this._x), String(name), m);
    m.name = String(name);
    return this._me<Sheet>();
  }

  getSheetId(): number { return this._m().id; }
  getIndex(): number { return model(this._x).sheets.indexOf(this._m()) + 1; }
  getParent(): Spreadsheet { return this._x.wrap<Spreadsheet>('Spreadsheet', new FakeSpreadsheet(this._x)); }
  getLastRow(): number { return this._m().lastRow(); }
  getLastColumn(): number { return this._m().lastCol(); }
  getMaxRows(): number { return this._m().maxRows; }
  getMaxColumns(): number { return this._m().maxCols; }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer) */
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    const m = this._m();
    if (typeof a === 'string' && column === undefined) {
      const ref = parseA1(a, m.maxRows, m.maxCols);
      if (ref.sheetName !== null && ref.sheetName !== m.name) throw new GasError('Range not found');
      return rangeFacade(this._x, m, ref);
    }
    const row = toInt(a);
    const col = toInt(column);
    const nr = numRows === undefined ? 1 : toInt(numRows);
    const nc = numColumns === undefined ? 1 : toInt(numColumns);
    return rangeFacade(this._x, m, { row, col, numRows: nr, numCols: nc, openRows: false, openCols: false });
  }

  /** A1 to the last row and column with content (A1 alone on an empty sheet). */
  getDataRange(): Range {
    const m = this._m();
    return rangeFacade(this._x, m, { row: 1, col: 1, numRows: Math.max(1, m.lastRow()), numCols: Math.max(1, m.lastCol()), openRows: false, openCols: false });
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
   * Writes after the last row with content; grows the grid by a row (and columns) when full.
   * (unverified: the added row copies the formats of the row above, as inserted rows do)
   */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) throw new GasError('Invalid argument: rowContents');
    const ss = model(this._x);
    const m = this._m();
    const target = m.lastRow() + 1;
    if (target > m.maxRows) ss.insertRows(m, m.maxRows + 1, target - m.maxRows, m.maxRows);
    if (rowContents.length > m.maxCols) ss.insertCols(m, m.maxCols + 1, rowContents.length - m.maxCols, null);
    const o = coerceOptions(this._x);
    rowContents.forEach((v, i) => writeCell(o, m, target, i + 1, v));
    return this._me<Sheet>();
  }

  private checkRowPos(pos: unknown): number {
    const p = toInt(pos);
    if (p < 1 || p > this._m().maxRows) throw new GasError('Those rows are out of bounds.');
    return p;
  }

  private checkColPos(pos: unknown): number {
    const p = toInt(pos);
    if (p < 1 || p > this._m().maxCols) throw new GasError('Those columns are out of bounds.');
    return p;
  }

  /** New rows take the formats of the row above (Sheets copies the adjacent row's formatting). (unverified for validations) */
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const p = this.checkRowPos(afterPosition);
    model(this._x).insertRows(this._m(), p + 1, toInt(howMany), p);
    return this._me<Sheet>();
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    const p = this.checkRowPos(beforePosition);
    model(this._x).insertRows(this._m(), p, toInt(howMany), p > 1 ? p - 1 : null);
    return this._me<Sheet>();
  }

  insertRowAfter(afterPosition: number): Sheet { return this.insertRowsAfter(afterPosition, 1); }
  insertRowBefore(beforePosition: number): Sheet { return this.insertRowsBefore(beforePosition, 1); }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const p = this.checkColPos(afterPosition);
    model(this._x).insertCols(this._m(), p + 1, toInt(howMany), p);
    return this._me<Sheet>();
  }

  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    const p = this.checkColPos(beforePosition);
    model(this._x).insertCols(this._m(), p, toInt(howMany), p > 1 ? p - 1 : null);
    return this._me<Sheet>();
  }

  insertColumnAfter(afterPosition: number): Sheet { return this.insertColumnsAfter(afterPosition, 1); }
  insertColumnBefore(beforePosition: number): Sheet { return this.insertColumnsBefore(beforePosition, 1); }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer) */
  deleteRows(rowPosition: number, howMany: number): void {
    model(this._x).deleteRows(this._m(), toInt(rowPosition), toInt(howMany));
  }

  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return this._me<Sheet>();
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    model(this._x).deleteCols(this._m(), toInt(columnPosition), toInt(howMany));
  }

  deleteColumn(columnPosition: number): Sheet {
    this.deleteColumns(columnPosition, 1);
    return this._me<Sheet>();
  }

  setFrozenRows(rows: number): void {
    const n = toInt(rows);
    const m = this._m();
    if (n < 0 || n >= m.maxRows) throw new GasError('Sorry, it is not possible to freeze all rows.'); // (unverified message)
    m.frozenRows = n;
  }

  getFrozenRows(): number { return this._m().frozenRows; }

  setFrozenColumns(columns: number): void {
    const n = toInt(columns);
    const m = this._m();
    if (n < 0 || n >= m.maxCols) throw new GasError('Sorry, it is not possible to freeze all columns.'); // (unverified message)
    m.frozenCols = n;
  }

  getFrozenColumns(): number { return this._m().frozenCols; }

  hideSheet(): Sheet {
    const m = this._m();
    const visible = model(this._x).sheets.filter((s) => !s.hidden && s !== m);
    if (visible.length === 0) throw new GasError("You can't hide all the sheets in a document."); // (unverified message)
    m.hidden = true;
    return this._me<Sheet>();
  }

  showSheet(): Sheet { this._m().hidden = false; return this._me<Sheet>(); }
  isSheetHidden(): boolean { return this._m().hidden; }

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
    const m = this._m();
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    m.rows.forEach((row) => row?.forEach((c) => {
      if (!c) return;
      if (contents) { c.v = ''; delete c.f; }
      if (formats) clearFormats(c);
    }));
    return this._me<Sheet>();
  }

  clearContents(): Sheet { return this.clear({ contentsOnly: true }); }
  clearFormats(): Sheet { return this.clear({ formatOnly: true }); }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    this._m().colWidths.set(this.checkColPos(columnPosition), toInt(width));
    return this._me<Sheet>();
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    const s = this.checkColPos(startColumn);
    for (let c = s; c < s + toInt(numColumns); c++) this._m().colWidths.set(this.checkColPos(c), toInt(width));
    return this._me<Sheet>();
  }

  /** Default column width is 100 pixels. */
  getColumnWidth(columnPosition: number): number {
    return this._m().colWidths.get(this.checkColPos(columnPosition)) ?? 100;
  }

  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    const s = this.checkColPos(startColumn);
    this.checkColPos(s + toInt(numColumns) - 1);
    return this._me<Sheet>();
  }

  activate(): Sheet {
    model(this._x).activeSheetId = this._m().id;
    return this._me<Sheet>();
  }

  setTabColor(color: string | null): Sheet { this._m().tabColor = color; return this._me<Sheet>(); }
  getTabColor(): string | null { return this._m().tabColor; }

  getNamedRanges(): NamedRange[] {
    const id = this._m().id;
    return [...model(this._x).namedRanges.values()].filter((n) => n.sheetId === id)
      .map((n) => this._x.wrap<NamedRange>('NamedRange', new FakeNamedRange(this._x, n.name)));
  }
}

// ---------------------------------------------------------------------------------------------
// Range

type RangeKeys = 'getValues' | 'setValues' | 'getValue' | 'setValue' | 'getDisplayValues' | 'getDisplayValue' | 'getFormulas'
  | 'getFormula' | 'setFormula' | 'setFormulas' | 'getNumberFormats' | 'getNumberFormat' | 'setNumberFormat' | 'setNumberFormats'
  | 'getRow' | 'getColumn' | 'getLastRow' | 'getLastColumn' | 'getNumRows' | 'getNumColumns' | 'getA1Notation' | 'getSheet'
  | 'setDataValidation' | 'setDataValidations' | 'getDataValidation' | 'getDataValidations' | 'clearDataValidations'
  | 'setFontWeight' | 'setFontWeights' | 'getFontWeight' | 'getFontWeights' | 'setBackground' | 'getBackground' | 'getBackgrounds'
  | 'setHorizontalAlignment' | 'setWrap' | 'clearContent' | 'clear' | 'clearFormat' | 'getCell' | 'offset' | 'activate' | 'isBlank'
  | 'getHeight' | 'getWidth';

export class FakeRange extends FakeObject implements Pick<Range, RangeKeys> {
  constructor(
    x: Execution,
    readonly _sheetId: number,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
    readonly _openRows = false,
    readonly _openCols = false,
  ) {
    super(x);
  }

  _m(): SheetModel {
    const s = model(this._x).sheetById(this._sheetId);
    if (!s) throw new GasError('The sheet has been deleted.'); // (unverified message)
    // The grid may have shrunk since the range was taken.
    checkBounds(s, this._row, this._col, this._numRows, this._numCols);
    return s;
  }

  _namedModel(name: string): NamedRangeModel {
    this._m();
    return {
      name, sheetId: this._sheetId, row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols,
      openRows: this._openRows, openCols: this._openCols,
    };
  }

  private map<T>(f: (cell: CellModel | undefined, r: number, c: number) => T): T[][] {
    const m = this._m();
    const out: T[][] = new Array(this._numRows);
    for (let i = 0; i < this._numRows; i++) {
      const row = m.rows[this._row - 1 + i];
      const line: T[] = new Array(this._numCols);
      for (let j = 0; j < this._numCols; j++) line[j] = f(row ? row[this._col - 1 + j] : undefined, this._row + i, this._col + j);
      out[i] = line;
    }
    return out;
  }

  private each(f: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++) for (let j = 0; j < this._numCols; j++) f(this._row + i, this._col + j, i, j);
  }

  /**
   * Fresh copies; '' for empty cells. The fake computes no formulas, so a formula cell reads ''
   * here (in Sheets it reads the computed value): a limitation of the fake, not a Sheets rule.
   */
  getValues(): any[][] { return this.map(readValue); }
  getValue(): any { return readValue(this._m().cell(this._row, this._col)); }

  getDisplayValues(): string[][] {
    const tz = model(this._x).timeZone;
    return this.map((c) => displayOf(c, tz));
  }

  getDisplayValue(): string { return displayOf(this._m().cell(this._row, this._col), model(this._x).timeZone); }

  private check2D(values: unknown, what = 'data'): unknown[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) throw new GasError(`Invalid argument: ${what}`); // (unverified)
    const rows = values as unknown[][];
    // https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues
    // "The dimensions of the array must match the size of the range"
    if (rows.length !== this._numRows) {
      throw new GasError(`The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this._numRows}.`);
    }
    for (const r of rows) {
      if (r.length !== this._numCols) {
        throw new GasError(`The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this._numCols}.`);
      }
    }
    return rows;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues
   * "If a value begins with =, it's interpreted as a formula." Other strings are parsed as typed
   * text (see coerce.ts).
   */
  setValues(values: any[][]): Range {
    const rows = this.check2D(values);
    const m = this._m();
    const o = coerceOptions(this._x);
    this.each((r, c, i, j) => writeCell(o, m, r, c, rows[i][j]));
    return this._me<Range>();
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object): every cell of the range. */
  setValue(value: any): Range {
    const m = this._m();
    const o = coerceOptions(this._x);
    this.each((r, c) => writeCell(o, m, r, c, value));
    return this._me<Range>();
  }

  getFormulas(): string[][] { return this.map((c) => c?.f ?? ''); }
  getFormula(): string { return this._m().cell(this._row, this._col)?.f ?? ''; }

  setFormula(formula: string): Range {
    const m = this._m();
    this.each((r, c) => this.putFormula(m, r, c, formula));
    return this._me<Range>();
  }

  setFormulas(formulas: string[][]): Range {
    const rows = this.check2D(formulas, 'formulas');
    const m = this._m();
    this.each((r, c, i, j) => this.putFormula(m, r, c, rows[i][j]));
    return this._me<Range>();
  }

  private putFormula(m: SheetModel, r: number, c: number, f: unknown): void {
    const s = f === null || f === undefined ? '' : String(f);
    if (s === '') { const cell = m.cell(r, c); if (cell) { cell.v = ''; delete cell.f; } return; }
    const cell = m.ensureCell(r, c);
    cell.v = '';
    cell.f = s.startsWith('=') ? s : `=${s}`;
  }

  getNumberFormats(): string[][] { return this.map((c) => c?.nf ?? DEFAULT_NUMBER_FORMAT); }
  getNumberFormat(): string { return this._m().cell(this._row, this._col)?.nf ?? DEFAULT_NUMBER_FORMAT; }

  /** `@` is plain text: later writes keep strings as typed. */
  setNumberFormat(numberFormat: string): Range {
    const m = this._m();
    this.each((r, c) => { m.ensureCell(r, c).nf = String(numberFormat); });
    return this._me<Range>();
  }

  setNumberFormats(numberFormats: string[][]): Range {
    const rows = this.check2D(numberFormats, 'numberFormats');
    const m = this._m();
    this.each((r, c, i, j) => { m.ensureCell(r, c).nf = String(rows[i][j]); });
    return this._me<Range>();
  }

  getRow(): number { return this._row; }
  getColumn(): number { return this._col; }
  getLastRow(): number { return this._row + this._numRows - 1; }
  getLastColumn(): number { return this._col + this._numCols - 1; }
  getNumRows(): number { return this._numRows; }
  getNumColumns(): number { return this._numCols; }
  getHeight(): number { return this._numRows; }
  getWidth(): number { return this._numCols; }

  /** Open ranges keep their open form (`A:L`, `A2:L`). (unverified) */
  getA1Notation(): string {
    return formatA1(this._row, this._col, this._numRows, this._numCols, this._openRows, this._openCols);
  }

  getSheet(): Sheet { return sheetFacade(this._x, this._m()); }

  setDataValidation(rule: DataValidation | null): Range {
    const dv = validationModel(rule, this._x);
    const m = this._m();
    this.each((r, c) => {
      if (dv) m.ensureCell(r, c).dv = { ...dv, args: [...dv.args] };
      else { const cell = m.cell(r, c); if (cell) delete cell.dv; }
    });
    return this._me<Range>();
  }

  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    const rows = this.check2D(rules, 'rules');
    const m = this._m();
    this.each((r, c, i, j) => {
      const dv = validationModel(rows[i][j], this._x);
      if (dv) m.ensureCell(r, c).dv = dv;
      else { const cell = m.cell(r, c); if (cell) delete cell.dv; }
    });
    return this._me<Range>();
  }

  getDataValidation(): DataValidation | null {
    const dv = this._m().cell(this._row, this._col)?.dv;
    return dv ? this._x.wrap<DataValidation>('DataValidation', new FakeDataValidation(this._x, dv)) : null;
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    return this.map((c) => (c?.dv ? this._x.wrap<DataValidation>('DataValidation', new FakeDataValidation(this._x, c.dv)) : null));
  }

  clearDataValidations(): Range { return this.setDataValidation(null); }

  setFontWeight(fontWeight: 'normal' | 'bold' | null): Range {
    const m = this._m();
    this.each((r, c) => { m.ensureCell(r, c).fw = fontWeight ?? 'normal'; });
    return this._me<Range>();
  }

  setFontWeights(fontWeights: Array<Array<'normal' | 'bold' | null>>): Range {
    const rows = this.check2D(fontWeights, 'fontWeights');
    const m = this._m();
    this.each((r, c, i, j) => { m.ensureCell(r, c).fw = (rows[i][j] as 'normal' | 'bold' | null) ?? 'normal'; });
    return this._me<Range>();
  }

  getFontWeight(): 'normal' | 'bold' { return this._m().cell(this._row, this._col)?.fw ?? 'normal'; }
  getFontWeights(): Array<Array<'normal' | 'bold'>> { return this.map((c) => c?.fw ?? 'normal'); }

  setBackground(color: string | null): Range {
    const m = this._m();
    this.each((r, c) => {
      const cell = m.ensureCell(r, c);
      if (color === null) delete cell.bg; else cell.bg = String(color);
    });
    return this._me<Range>();
  }

  getBackground(): string { return this._m().cell(this._row, this._col)?.bg ?? '#ffffff'; }
  getBackgrounds(): string[][] { return this.map((c) => c?.bg ?? '#ffffff'); }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    const m = this._m();
    this.each((r, c) => { m.ensureCell(r, c).ha = alignment ?? 'normal'; });
    return this._me<Range>();
  }

  setWrap(isWrapEnabled: boolean): Range {
    const m = this._m();
    this.each((r, c) => { m.ensureCell(r, c).wrap = !!isWrapEnabled; });
    return this._me<Range>();
  }

  /** Values and formulas go; formats and validations stay. */
  clearContent(): Range {
    const m = this._m();
    this.each((r, c) => { const cell = m.cell(r, c); if (cell) { cell.v = ''; delete cell.f; } });
    return this._me<Range>();
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#clear(): contents and formats.
   * With options, only what is asked. Data validations stay unless validationsOnly. (unverified)
   */
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean }): Range {
    const any = options && (options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly);
    const contents = !any || !!options?.contentsOnly;
    const formats = !any || !!options?.formatOnly;
    const validations = !!options?.validationsOnly;
    const m = this._m();
    this.each((r, c) => {
      const cell = m.cell(r, c);
      if (!cell) return;
      if (contents) { cell.v = ''; delete cell.f; }
      if (formats) { const dv = cell.dv; clearFormats(cell); if (dv && !validations) cell.dv = dv; }
      if (validations) delete cell.dv;
    });
    return this._me<Range>();
  }

  clearFormat(): Range { return this.clear({ formatOnly: true }); }

  getCell(row: number, column: number): Range {
    const r = toInt(row), c = toInt(column);
    if (r < 1 || c < 1 || r > this._numRows || c > this._numCols) throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
    return rangeFacade(this._x, this._m(), { row: this._row + r - 1, col: this._col + c - 1, numRows: 1, numCols: 1, openRows: false, openCols: false });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return rangeFacade(this._x, this._m(), {
      row: this._row + toInt(rowOffset), col: this._col + toInt(columnOffset),
      numRows: numRows === undefined ? this._numRows : toInt(numRows),
      numCols: numColumns === undefined ? this._numCols : toInt(numColumns),
      openRows: false, openCols: false,
    });
  }

  activate(): Range {
    model(this._x).activeSheetId = this._m().id;
    return this._me<Range>();
  }

  isBlank(): boolean {
    let blank = true;
    const m = this._m();
    this.each((r, c) => { if (hasContent(m.cell(r, c))) blank = false; });
    return blank;
  }
}

// ---------------------------------------------------------------------------------------------
// NamedRange

export class FakeNamedRange extends FakeObject implements Pick<NamedRange, 'getName' | 'getRange' | 'setRange' | 'setName' | 'remove'> {
  constructor(x: Execution, private name: string) {
    super(x);
  }

  private nr(): NamedRangeModel {
    const nr = model(this._x).namedRanges.get(this.name);
    if (!nr) throw new GasError('Range not found'); // (unverified message)
    return nr;
  }

  getName(): string { return this.nr().name; }
  getRange(): Range { return namedRangeRange(this._x, this.nr()); }

  setRange(range: Range): NamedRange {
    const r = this._x.unwrap<FakeRange>(range);
    if (!(r instanceof FakeRange)) throw new GasError('Invalid argument: range');
    this.nr();
    model(this._x).namedRanges.set(this.name, r._namedModel(this.name));
    return this._me<NamedRange>();
  }

  setName(name: string): NamedRange {
    const nr = this.nr();
    checkNamedRangeName(String(name));
    const map = model(this._x).namedRanges;
    map.delete(this.name);
    nr.name = String(name);
    map.set(nr.name, nr);
    this.name = nr.name;
    return this._me<NamedRange>();
  }

  remove(): void {
    this.nr();
    model(this._x).namedRanges.delete(this.name);
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

export class FakeDataValidation extends FakeObject
  implements Pick<DataValidation, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'> {
  constructor(x: Execution, private readonly dv: DataValidationModel) {
    super(x);
  }

  _copyModel(): DataValidationModel {
    return { ...this.dv, args: [...this.dv.args] };
  }

  copy(): DataValidationBuilder {
    const b = new FakeDataValidationBuilder(this._x, this._copyModel());
    return this._x.wrap<DataValidationBuilder>('DataValidationBuilder', b);
  }

  getAllowInvalid(): boolean { return this.dv.allowInvalid; }
  getCriteriaType(): DataValidationCriteria { return this.dv.criteria as unknown as DataValidationCriteria; }
  getCriteriaValues(): any[] { return criteriaValuesOut(this._x, this.dv); }
  /** (unverified: '' or null when unset; typings say string) */
  getHelpText(): string { return this.dv.helpText ?? ''; }
}

interface RangeRefArg { __rangeRef: { sheetId: number; row: number; col: number; numRows: number; numCols: number } }

function criteriaValuesOut(x: Execution, dv: DataValidationModel): unknown[] {
  return dv.args.map((a) => {
    if (a && typeof a === 'object' && '__rangeRef' in (a as object)) {
      const ref = (a as RangeRefArg).__rangeRef;
      const s = model(x).sheetById(ref.sheetId);
      if (!s) return null;
      return rangeFacade(x, s, { ...ref, openRows: false, openCols: false });
    }
    if (isDate(a)) return new Date(a.getTime());
    return Array.isArray(a) ? [...a] : a;
  });
}

type BuilderKeys = 'build' | 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText' | 'requireValueInList'
  | 'requireValueInRange' | 'requireNumberBetween' | 'requireNumberGreaterThan' | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan' | 'requireNumberLessThanOrEqualTo' | 'requireNumberEqualTo' | 'requireCheckbox' | 'requireDate'
  | 'requireDateOnOrAfter' | 'requireTextIsEmail' | 'requireFormulaSatisfied' | 'setAllowInvalid' | 'setHelpText' | 'withCriteria';

export class FakeDataValidationBuilder extends FakeObject implements Pick<DataValidationBuilder, BuilderKeys> {
  private dv: DataValidationModel;

  constructor(x: Execution, dv?: DataValidationModel) {
    super(x);
    this.dv = dv ?? { criteria: '', args: [], allowInvalid: true, helpText: null };
  }

  private set(criteria: string, args: unknown[]): DataValidationBuilder {
    this.dv.criteria = criteria;
    this.dv.args = args.map((a) => (isDate(a) ? new Date(a.getTime()) : a));
    return this._me<DataValidationBuilder>();
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#build() */
  build(): DataValidation {
    if (!this.dv.criteria) throw new GasError('You must set a criteria for the rule.'); // (unverified message)
    return this._x.wrap<DataValidation>('DataValidation', new FakeDataValidation(this._x, { ...this.dv, args: [...this.dv.args] }));
  }

  copy(): DataValidationBuilder {
    return this._x.wrap<DataValidationBuilder>('DataValidationBuilder', new FakeDataValidationBuilder(this._x, { ...this.dv, args: [...this.dv.args] }));
  }

  getAllowInvalid(): boolean { return this.dv.allowInvalid; }
  getCriteriaType(): DataValidationCriteria { return this.dv.criteria as unknown as DataValidationCriteria; }
  getCriteriaValues(): any[] { return criteriaValuesOut(this._x, this.dv); }
  getHelpText(): string | null { return this.dv.helpText; }

  requireValueInList(values: string[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) throw new GasError('Invalid argument: values');
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }

  requireValueInRange(range: Range, showDropdown = true): DataValidationBuilder {
    const r = this._x.unwrap<FakeRange>(range);
    if (!(r instanceof FakeRange)) throw new GasError('Invalid argument: range');
    const ref: RangeRefArg = { __rangeRef: { sheetId: r._sheetId, row: r._row, col: r._col, numRows: r._numRows, numCols: r._numCols } };
    return this.set('VALUE_IN_RANGE', [ref, showDropdown]);
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilder { return this.set('NUMBER_BETWEEN', [start, end]); }
  requireNumberGreaterThan(n: number): DataValidationBuilder { return this.set('NUMBER_GREATER_THAN', [n]); }
  requireNumberGreaterThanOrEqualTo(n: number): DataValidationBuilder { return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]); }
  requireNumberLessThan(n: number): DataValidationBuilder { return this.set('NUMBER_LESS_THAN', [n]); }
  requireNumberLessThanOrEqualTo(n: number): DataValidationBuilder { return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]); }
  requireNumberEqualTo(n: number): DataValidationBuilder { return this.set('NUMBER_EQUAL_TO', [n]); }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): DataValidationBuilder {
    return this.set('CHECKBOX', [checkedValue, uncheckedValue].filter((v) => v !== undefined));
  }
  requireDate(): DataValidationBuilder { return this.set('DATE_IS_VALID_DATE', []); }
  requireDateOnOrAfter(date: GoogleAppsScript.Base.Date): DataValidationBuilder { return this.set('DATE_ON_OR_AFTER', [date]); }
  requireTextIsEmail(): DataValidationBuilder { return this.set('TEXT_IS_VALID_EMAIL', []); }
  requireFormulaSatisfied(formula: string): DataValidationBuilder { return this.set('CUSTOM_FORMULA', [String(formula)]); }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.dv.allowInvalid = !!allowInvalidData;
    return this._me<DataValidationBuilder>();
  }

  setHelpText(helpText: string): DataValidationBuilder {
    this.dv.helpText = String(helpText);
    return this._me<DataValidationBuilder>();
  }

  withCriteria(criteria: DataValidationCriteria, args: any[]): DataValidationBuilder {
    return this.set(String(criteria), Array.isArray(args) ? args : []);
  }
}
