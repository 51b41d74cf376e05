import type { Day } from '../days';

/** Ledger events (spec §3, column B). */
export const EVENTS = ['TRANSFER', 'OPENING', 'SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT', 'RECONCILIATION'] as const;
export type LedgerEvent = (typeof EVENTS)[number];

/** The twelve columns of `FBA Ledger`, in order (spec §3). */
export const LEDGER_HEADERS = [
  'Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key',
] as const;

export const DEFAULT_LOCATION = 'FBA-US';
export const UNSPECIFIED = 'UNSPECIFIED';

/** One validated ledger row. Text fields are trimmed; blanks are ''. */
export interface LedgerRow {
  /** 1-based position in the range it was read from (for messages). */
  row: number;
  day: Day;
  event: LedgerEvent;
  /** Column C as written (trimmed): a product SKU or an Amazon SKU. */
  sku: string;
  /** Column D trimmed; null when unspecified (blank, `UNSPECIFIED`, `unspecified-lot`, any case). */
  lot: string | null;
  /** Signed units of `sku` (a whole number). */
  quantity: number;
  expiry: Day | null;
  /** Column G trimmed; `FBA-US` when blank. */
  location: string;
  disposition: string;
  reason: string;
  reference: string;
  source: string;
  key: string;
}

/** One row of `Kits`: an Amazon SKU sold as `units` of a tracked component. */
export interface KitRow {
  row: number;
  amazonSku: string;
  component: string;
  units: number;
}
