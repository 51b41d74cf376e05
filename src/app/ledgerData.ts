/**
 * Reads `FBA Ledger` and `Kits` for the use cases, in one sheet read each. A bad row is an error
 * that names the sheet and its row number, as the seller sees it.
 */
import { InputError } from '../core/errors';
import { NO_KITS, readKits, readLedger, type Kits } from '../core/ledger/index';
import type { LedgerRow } from '../core/ledger/types';
import { KITS, LEDGER } from './layout';
import type { Workbook } from './ports';
import { optionalSheet, requireSheet } from './sheets';

export interface LedgerData {
  rows: LedgerRow[];
  kits: Kits;
  warnings: string[];
}

/** Every value of a sheet from row 1 (so a row index is the sheet's row number). */
function allValues(wb: Workbook, layout: typeof LEDGER, required: boolean): unknown[][] {
  const table = required ? requireSheet(wb, layout) : optionalSheet(wb, layout);
  if (!table) return [];
  const last = table.lastRow();
  return last < 1 ? [] : table.read(1, 1, last, layout.headers.length);
}

export function readLedgerData(wb: Workbook): LedgerData {
  const ledgerValues = allValues(wb, LEDGER, true);
  const kitValues = allValues(wb, KITS, false);
  let kits: Kits = NO_KITS;
  try {
    if (kitValues.length > 1) kits = readKits(kitValues);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`Kits row ${err.row}: ${err.reason}`);
    throw err;
  }
  try {
    const read = readLedger(ledgerValues, wb.days);
    return { rows: read.rows, kits, warnings: [...kits.warnings, ...read.warnings] };
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`FBA Ledger row ${err.row}: ${err.reason}`);
    throw err;
  }
}
