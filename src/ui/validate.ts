/** Client-side checks of the sidebar's forms (pure, so they are unit-tested in Node). */
import { isIsoDay } from './format';

export interface TransferFields {
  sku: string;
  lot: string;
  quantity: string;
  /** The number input holds something that is not a number. */
  quantityBad: boolean;
  date: string;
  expiry: string;
  location: string;
}

/** Transfer form: a message per field name; empty when the form may be sent. */
export function validateTransfer(v: TransferFields, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.sku.trim()) errors.sku = 'Enter the SKU you sent (a product SKU or the Amazon SKU of a pack).';
  else if (v.sku.trim().length > 200) errors.sku = 'SKU is longer than 200 characters.';
  if (v.lot.trim().length > 200) errors.lot = 'Lot is longer than 200 characters.';
  const q = v.quantity.trim();
  if (v.quantityBad) errors.quantity = 'Quantity must be a whole number of units.';
  else if (!q) errors.quantity = 'Enter the quantity sent.';
  else if (!/^[-+]?\d+$/.test(q)) errors.quantity = 'Quantity must be a whole number of units (no decimals).';
  else if (Number(q) === 0) errors.quantity = 'Quantity cannot be zero (negative takes units out of FBA).';
  else if (Math.abs(Number(q)) > 1e9) errors.quantity = 'Quantity is too large.';
  if (!v.date) errors.date = 'Enter the day the units were sent.';
  else if (!isIsoDay(v.date)) errors.date = 'Date must be a day written YYYY-MM-DD.';
  else if (v.date > today) errors.date = `Date ${v.date} is in the future (today is ${today}).`;
  if (v.expiry && !isIsoDay(v.expiry)) errors.expiry = 'Expiry must be a day written YYYY-MM-DD.';
  if (!v.location) errors.location = 'Choose the FBA location.';
  return errors;
}
