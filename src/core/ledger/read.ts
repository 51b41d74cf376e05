/**
 * Reading the `FBA Ledger` range (spec §3, §5) as a custom function receives it or as
 * `Range.getValues()` returns it: header rows, blank rows, whole-column ranges, ranges narrower than
 * twelve columns, Date objects or `YYYY-MM-DD` text, numbers typed as text.
 */
import type { DayConverter } from '../days';
import { InputError } from '../errors';
import { DEFAULT_LOCATION, EVENTS, type LedgerEvent, type LedgerRow } from './types';
import { asMatrix, isBlankRow, readDayCell, readWholeNumber, showCell } from './cells';
import { cellText, isUnspecifiedLot, Spellings } from './text';

export { readKits, NO_KITS, type Kits, type KitTarget } from './kits';
export { asMatrix, isBlankRow, readDayCell, readWholeNumber } from './cells';

export interface ReadLedgerResult {
  rows: LedgerRow[];
  /** Spelling warnings (values that differ only in case). */
  warnings: string[];
}

const EVENT_BY_TEXT = new Map<string, LedgerEvent>(EVENTS.map((e) => [e, e]));

function isHeaderRow(first: unknown, header: string): boolean {
  return typeof first === 'string' && first.trim().toLowerCase() === header;
}

/**
 * Reads a ledger range. Header rows (first cell `Date`, any case) and blank rows are skipped
 * anywhere; missing columns read as blank but a data row needs columns A..E. Throws
 * `InputError(reason, row)` with `row` the 1-based index in `values` for a bad row.
 */
export function readLedger(values: unknown, days: DayConverter): ReadLedgerResult {
  const matrix = asMatrix(values);
  const rows: LedgerRow[] = [];
  const skus = new Spellings('SKU');
  const lots = new Spellings('Lot');
  const locations = new Spellings('Location');
  for (let i = 0; i < matrix.length; i++) {
    const cells = matrix[i];
    if (isBlankRow(cells)) continue;
    const rowNo = i + 1;
    const first = cells[0];
    if (isHeaderRow(first, 'date')) continue;
    if (cells.length < 5) {
      throw new InputError('the ledger needs columns A to E (Date, Event, SKU, Lot, Quantity)', rowNo);
    }
    const day = readDayCell(first, days);
    if (day === null) throw new InputError('Date is blank', rowNo);
    if (day === undefined) throw new InputError(`Date ${showCell(first)} is neither a date nor YYYY-MM-DD text`, rowNo);

    const eventText = cellText(cells[1]).toUpperCase();
    if (eventText === '') throw new InputError('Event is blank', rowNo);
    const event = EVENT_BY_TEXT.get(eventText);
    if (event === undefined) {
      throw new InputError(`unknown event ${showCell(cells[1])} (expected ${EVENTS.join(', ')})`, rowNo);
    }

    const sku = cellText(cells[2], days);
    if (sku === '') throw new InputError('SKU is blank', rowNo);
    skus.note(sku);

    const lotText = cellText(cells[3], days);
    let lot: string | null = null;
    if (!isUnspecifiedLot(lotText)) {
      lot = lotText;
      lots.note(lot);
    }

    const quantity = readWholeNumber(cells[4]);
    if (quantity === undefined) {
      const q = cells[4];
      const blank = q === '' || q === null || q === undefined || (typeof q === 'string' && q.trim() === '');
      throw new InputError(blank ? 'Quantity is blank' : `Quantity ${showCell(q)} is not a whole number`, rowNo);
    }
    if (!Number.isSafeInteger(quantity)) throw new InputError(`Quantity ${showCell(cells[4])} is too large`, rowNo);

    const expiry = readDayCell(cells[5], days);
    if (expiry === undefined) {
      throw new InputError(`Expiry ${showCell(cells[5])} is neither a date nor YYYY-MM-DD text`, rowNo);
    }

    let location = cellText(cells[6], days);
    if (location === '') location = DEFAULT_LOCATION;
    else locations.note(location);

    rows.push({
      row: rowNo,
      day,
      event,
      sku,
      lot,
      quantity: quantity === 0 ? 0 : quantity,
      expiry,
      location,
      disposition: cellText(cells[7], days),
      reason: cellText(cells[8], days),
      reference: cellText(cells[9], days),
      source: cellText(cells[10], days),
      key: cellText(cells[11], days),
    });
  }
  return { rows, warnings: [...skus.warnings, ...lots.warnings, ...locations.warnings] };
}
