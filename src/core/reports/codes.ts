/**
 * Amazon's ledger vocabulary: detail event types (notes/spapi.md §5.1) and adjustment reason codes
 * (§7). Unknown values are kept as written; the parser warns about them.
 */
import { normalizeHeaderName } from './detect';

/** The six event types of GET_LEDGER_DETAIL_VIEW_DATA, as Amazon spells them. */
export const DETAIL_EVENT_TYPES = ['Shipments', 'CustomerReturns', 'Receipts', 'WhseTransfers', 'Adjustments', 'VendorReturns'] as const;
export type DetailEventType = (typeof DETAIL_EVENT_TYPES)[number];

let eventByNorm: Map<string, DetailEventType> | null = null;

/** Amazon's canonical spelling of an event type (case, spaces, underscores ignored), or null. */
export function canonicalEventType(text: string): DetailEventType | null {
  if (!eventByNorm) eventByNorm = new Map(DETAIL_EVENT_TYPES.map((e) => [normalizeHeaderName(e), e]));
  return eventByNorm.get(normalizeHeaderName(text)) ?? null;
}

/** Adjustment reason codes of the Inventory Ledger (Seller Central help G4FKT5KQWFFJ7LDN). */
export const REASON_CODES: Readonly<Record<string, string>> = {
  '6': 'Damaged at Amazon fulfillment center (from carrier-damaged)',
  '7': 'Damaged at Amazon fulfillment center (from expired)',
  E: 'Damaged at Amazon fulfillment center (from sellable)',
  H: 'Damaged at Amazon fulfillment center (from customer-damaged)',
  K: 'Damaged at Amazon fulfillment center (from defective)',
  U: 'Damaged at Amazon fulfillment center (from distributor-damaged)',
  D: 'Inventory disposed of',
  G: 'Inventory disposed of (donation)',
  F: 'Inventory found',
  N: 'Inventory found (transferred to you or reimbursed)',
  M: 'Inventory misplaced',
  '5': 'Inventory misplaced',
  '3': 'Product redefinition transfer in',
  '4': 'Product redefinition transfer out',
  O: 'Inventory correction',
  P: 'Inventory disposition change (in)',
  Q: 'Inventory disposition change (out)',
};

export function isKnownReasonCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(REASON_CODES, code);
}
