/**
 * The Workbook and Table ports over SpreadsheetApp. Every method is one or a few sheet calls,
 * whatever the number of rows involved: callers batch rows into blocks.
 */
import type { Table, Workbook } from '../app/ports';
import { dayConverterFromFormatter, type DayConverter } from '../core/days';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class GasTable implements Table {
  constructor(
    private readonly sheet: Sheet,
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  ) {}

  get name(): string {
    return this.sheet.getName();
  }

  lastRow(): number {
    return this.sheet.getLastRow();
  }

  maxRows(): number {
    return this.sheet.getMaxRows();
  }

  maxColumns(): number {
    return this.sheet.getMaxColumns();
  }

  read(row: number, col: number, rows: number, cols: number): unknown[][] {
    if (rows <= 0 || cols <= 0) return [];
    return this.sheet.getRange(row, col, rows, cols).getValues();
  }

  write(row: number, col: number, values: unknown[][]): void {
    if (values.length === 0) return;
    this.ensureSize(row + values.length - 1, col + values[0].length - 1);
    this.sheet.getRange(row, col, values.length, values[0].length).setValues(values as unknown[][] as object[][]);
  }

  append(values: unknown[][]): number {
    const first = this.sheet.getLastRow() + 1;
    this.write(first, 1, values);
    return first;
  }

  deleteRows(start: number, count: number): void {
    if (count <= 0) return;
    const max = this.sheet.getMaxRows();
    // Sheets refuses to delete every non-frozen row: keep one blank row behind.
    if (start <= this.sheet.getFrozenRows() + 1 && start + count - 1 >= max) {
      this.sheet.insertRowsAfter(max, 1);
    }
    this.sheet.deleteRows(start, count);
  }

  ensureSize(rows: number, cols: number): void {
    const maxRows = this.sheet.getMaxRows();
    if (rows > maxRows) this.sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = this.sheet.getMaxColumns();
    if (cols > maxCols) this.sheet.insertColumnsAfter(maxCols, cols - maxCols);
  }

  setFrozenRows(rows: number): void {
    this.sheet.setFrozenRows(rows);
  }

  frozenRows(): number {
    return this.sheet.getFrozenRows();
  }

  setColumnFormat(col: number, fromRow: number, format: string): void {
    const rows = this.sheet.getMaxRows() - fromRow + 1;
    if (rows > 0) this.sheet.getRange(fromRow, col, rows, 1).setNumberFormat(format);
  }

  columnFormat(col: number, row: number): string {
    return this.sheet.getRange(row, col).getNumberFormat();
  }

  setColumnList(col: number, fromRow: number, values: readonly string[]): void {
    const rows = this.sheet.getMaxRows() - fromRow + 1;
    if (rows <= 0) return;
    const rule = this.app.newDataValidation().requireValueInList(values.slice(), true).setAllowInvalid(true).build();
    this.sheet.getRange(fromRow, col, rows, 1).setDataValidation(rule);
  }

  setHeaderStyle(cols: number): void {
    this.sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
  }

  hide(): void {
    this.sheet.hideSheet();
  }

  isHidden(): boolean {
    return this.sheet.isSheetHidden();
  }
}

export class GasWorkbook implements Workbook {
  readonly days: DayConverter;
  /** Tables already looked up in this execution (a lookup is a sheet call). */
  private readonly tables = new Map<string, GasTable>();

  constructor(
    private readonly ss: Spreadsheet,
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    utilities: GoogleAppsScript.Utilities.Utilities,
  ) {
    const tz = ss.getSpreadsheetTimeZone();
    this.days = dayConverterFromFormatter((d) => utilities.formatDate(d, tz, 'yyyy-MM-dd'));
  }

  id(): string {
    return this.ss.getId();
  }

  name(): string {
    return this.ss.getName();
  }

  timeZone(): string {
    return this.ss.getSpreadsheetTimeZone();
  }

  sheet(name: string): Table | null {
    const known = this.tables.get(name);
    if (known) return known;
    const sheet = this.ss.getSheetByName(name);
    if (!sheet) return null;
    const table = new GasTable(sheet, this.app);
    this.tables.set(name, table);
    return table;
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  createSheet(name: string): Table {
    const table = new GasTable(this.ss.insertSheet(name, this.ss.getSheets().length), this.app);
    this.tables.set(name, table);
    return table;
  }

  namedRange(name: string): string | null {
    const range = this.ss.getRangeByName(name);
    return range ? `'${range.getSheet().getName()}'!${range.getA1Notation()}` : null;
  }

  setNamedRange(name: string, sheetName: string, a1: string): void {
    const sheet = this.ss.getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    this.ss.setNamedRange(name, sheet.getRange(a1));
  }

  toast(message: string, title?: string): void {
    this.ss.toast(message, title ?? 'FBA Lot Ledger');
  }

  flush(): void {
    this.app.flush();
  }
}
