/**
 * Set up workbook (spec §3): creates what is missing, never erases or reorders data.
 */
import type { SetupResult } from '../shared/wire';
import { DEFAULT_LOCATIONS, LOCATIONS, NAMED_RANGES, TEXT, WORKBOOK, type SheetLayout } from './layout';
import type { Table, Workbook } from './ports';

function sameHeader(a: unknown, b: string): boolean {
  return String(a ?? '').trim().toLowerCase() === b.toLowerCase();
}

/** Applies formats, dropdowns and header style to the columns `from..to` (1-based) of a layout. */
function formatColumns(table: Table, l: SheetLayout, from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    table.setColumnFormat(c, 2, l.formats[c - 1]);
    const list = l.lists?.[c];
    if (list) table.setColumnList(c, 2, list);
  }
  table.setHeaderStyle(l.headers.length);
}

/**
 * Makes one sheet match its layout without touching data rows: a missing sheet is created; a
 * blank header row, or one that is a prefix of the layout's, is completed. Text columns are
 * (re)formatted as plain text every time so typed values like `00123` stay text. Returns a
 * problem when row 1 holds other headers (the sheet is then left alone).
 */
function ensureSheet(wb: Workbook, l: SheetLayout, created: string[]): string | null {
  let table = wb.sheet(l.name);
  const width = l.headers.length;
  if (!table) {
    table = wb.createSheet(l.name);
    created.push(l.name);
  }
  table.ensureSize(2, width);
  const row1 = table.read(1, 1, 1, width)[0];
  let firstMissing = width + 1;
  for (let c = 0; c < width; c++) {
    const cell = row1[c];
    if (cell === '' || cell === undefined || cell === null) {
      firstMissing = Math.min(firstMissing, c + 1);
      continue;
    }
    if (c + 1 > firstMissing || !sameHeader(cell, l.headers[c])) {
      return `Sheet "${l.name}" has "${String(cell)}" in column ${c + 1} of row 1 where "${l.headers[c]}" belongs; ` +
        `it was left as it is. Expected headers: ${l.headers.join(', ')}.`;
    }
  }
  if (firstMissing <= width) {
    table.write(1, firstMissing, [l.headers.slice(firstMissing - 1)]);
    formatColumns(table, l, firstMissing, width);
  } else {
    // Existing sheet: keep the seller's display formats, but keep text columns as plain text.
    l.formats.forEach((f, i) => {
      if (f === TEXT && table!.columnFormat(i + 1, 2) !== TEXT) table!.setColumnFormat(i + 1, 2, TEXT);
    });
  }
  if (table.frozenRows() < 1) table.setFrozenRows(1);
  if (l.hidden && !table.isHidden()) table.hide();
  return null;
}

export function setupWorkbook(wb: Workbook): SetupResult {
  const created: string[] = [];
  const problems: string[] = [];
  for (const l of WORKBOOK) {
    const problem = ensureSheet(wb, l, created);
    if (problem) problems.push(problem);
  }
  const locations = wb.sheet(LOCATIONS.name);
  if (locations && locations.lastRow() <= 1 && !problems.some((p) => p.includes(`"${LOCATIONS.name}"`))) {
    locations.append(DEFAULT_LOCATIONS.map((r) => [r[0], r[1]]));
  }
  for (const n of NAMED_RANGES) {
    if (!wb.namedRange(n.name) && wb.sheet(n.sheet)) wb.setNamedRange(n.name, n.sheet, n.a1);
  }
  const parts = [created.length ? `Created ${created.join(', ')}.` : 'Every sheet was already there.'];
  if (problems.length) parts.push(...problems);
  return { created, message: parts.join(' ') };
}
