/**
 * Record transfer (spec §3, §9): one TRANSFER row typed through the sidebar's form.
 */
import { isoFromDay } from '../core/days';
import { InputError } from '../core/errors';
import { DEFAULT_LOCATION, UNSPECIFIED } from '../core/ledger/types';
import { guardText } from '../core/import/guard';
import type { TransferInput, TransferResult } from '../shared/wire';
import { dayField, textField } from './fields';
import { LEDGER } from './layout';
import type { Deps } from './ports';
import { requireSheet } from './sheets';

export const DEFAULT_LOCATION_KEY = 'fba.defaultLocation';

/** The location the seller chose as default in the sidebar, else FBA-US. */
export function defaultLocation(deps: Pick<Deps, 'docProps'>): string {
  return deps.docProps.get(DEFAULT_LOCATION_KEY) || DEFAULT_LOCATION;
}

export function recordTransfer(deps: Deps, input: TransferInput): TransferResult {
  if (!input || typeof input !== 'object') throw new InputError('Nothing to record');
  const date = dayField(input.date, 'Date');
  const today = deps.workbook.days.dayOf(new Date(deps.clock.now()));
  if (date > today) throw new InputError(`Date ${isoFromDay(date)} is in the future`);
  const sku = textField(input.sku, 'SKU');
  if (!sku) throw new InputError('SKU is required');
  const lot = textField(input.lot, 'Lot') || UNSPECIFIED;
  const quantity = typeof input.quantity === 'string' ? Number(String(input.quantity).trim()) : input.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity === 0 || Math.abs(quantity) > 1e9) {
    throw new InputError('Quantity must be a whole number of units, not zero (negative takes units out of FBA)');
  }
  const expiry = input.expiry ? dayField(input.expiry, 'Expiry') : null;
  const location = textField(input.location, 'Location', 60) || defaultLocation(deps);
  const reference = textField(input.reference, 'Shipment ID');
  const days = deps.workbook.days;
  const row = [
    days.dateOf(date), 'TRANSFER', guardText(sku), guardText(lot), quantity,
    expiry === null ? '' : days.dateOf(expiry), guardText(location), '', '', guardText(reference), 'manual', '',
  ];
  return deps.lock.withLock(10_000, () => {
    const table = requireSheet(deps.workbook, LEDGER);
    const at = table.append([row]);
    return {
      row: at,
      message: `Recorded TRANSFER of ${quantity} ${sku} lot ${lot} on ${isoFromDay(date)} to ${location} (row ${at}).`,
    };
  });
}
