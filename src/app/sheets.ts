/**
 * Reading the add-on's own sheets: each must exist with the headers of its layout, so that a
 * renamed sheet or a moved column is a clear message rather than a wrong number.
 */
import type { SheetLayout } from './layout';
import type { Table, Workbook } from './ports';

export class SheetLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetLayoutError';
  }
}

/** Tables whose header row was checked in this execution (each check is a sheet read). */
const checked = new WeakMap<Table, string>();

export function requireSheet(wb: Workbook, l: SheetLayout): Table {
  const table = wb.sheet(l.name);
  if (!table) throw new SheetLayoutError(`Sheet "${l.name}" is missing: run Extensions ▸ FBA Lot Ledger ▸ Set up workbook.`);
  if (checked.get(table) === l.name) return table;
  const width = l.headers.length;
  const row1 = width <= table.maxColumns() ? table.read(1, 1, 1, width)[0] : [];
  for (let c = 0; c < width; c++) {
    const cell = String(row1[c] ?? '').trim();
    if (cell.toLowerCase() !== l.headers[c].toLowerCase()) {
      throw new SheetLayoutError(
        `Sheet "${l.name}" column ${c + 1} should be "${l.headers[c]}" but reads "${cell}". ` +
          `Put the columns back in this order: ${l.headers.join(', ')}.`,
      );
    }
  }
  checked.set(table, l.name);
  return table;
}

/** Same as requireSheet, but null when the sheet does not exist yet. */
export function optionalSheet(wb: Workbook, l: SheetLayout): Table | null {
  return wb.sheet(l.name) ? requireSheet(wb, l) : null;
}

/** The data rows (below the header) of a sheet, in one read. */
export function readData(table: Table, width: number): unknown[][] {
  const last = table.lastRow();
  return last < 2 ? [] : table.read(2, 1, last - 1, width);
}
