/**
 * What a row does to the estimate (spec §4 rules 5–7): named rows move their lot; unspecified rows
 * are charged, undo earlier charges, add unknown-lot stock, or are not charged at all, by event,
 * sign and (on ADJUSTMENT rows) Amazon's reason code.
 */
import type { LedgerEvent } from './types';

/** A named row (lot given): changes its lot's layer directly, either sign (rule 5). */
export const KIND_NAMED = 0;
/** Not charged: a disposition change (rule 7); its units go to the UNSPECIFIED figure. */
export const KIND_UNCHARGED = 1;
/** Charged outflow that a RETURN can undo (an unspecified SHIPMENT). */
export const KIND_OUT_SHIPMENT = 2;
/** Charged outflow that a found adjustment can undo (losses and disposals). */
export const KIND_OUT_LOSS = 3;
/** Charged outflow that only a Reference match can undo. */
export const KIND_OUT_OTHER = 4;
/** Inflow that reduces depletion then undoes SHIPMENT charges (RETURN, a positive SHIPMENT). */
export const KIND_IN_RETURN = 5;
/** Inflow that reduces depletion then undoes loss charges (found: F, N). */
export const KIND_IN_FOUND = 6;
/** Inflow that becomes unknown-lot stock (after any Reference match). */
export const KIND_IN_STOCK = 7;

/** Undo classes of charged outflows; the first two have undo stacks. */
export const CLASS_SHIPMENT = 0;
export const CLASS_LOSS = 1;
export const CLASS_OTHER = 2;

/** An inflow's Reference matching: none, SHIPMENT outflows only (RETURN), any charged outflow. */
export const REF_NONE = 0;
export const REF_SHIPMENT = 1;
export const REF_ANY = 2;

/** Disposition changes: not charged (rule 7). */
const DISPOSITION_CHANGE = new Set(['6', '7', 'e', 'h', 'k', 'u', 'q', 'p']);
/** Found: undo losses (rule 6). */
const FOUND = new Set(['f', 'n']);
/** Losses and disposals: charged, undoable by found. */
const LOSS = new Set(['m', '5', 'd', 'g', 'o']);

export interface RowClass {
  kind: number;
  refMode: number;
}

const NAMED: RowClass = { kind: KIND_NAMED, refMode: REF_NONE };
const UNCHARGED: RowClass = { kind: KIND_UNCHARGED, refMode: REF_NONE };
const OUT_SHIPMENT: RowClass = { kind: KIND_OUT_SHIPMENT, refMode: REF_NONE };
const OUT_LOSS: RowClass = { kind: KIND_OUT_LOSS, refMode: REF_NONE };
const OUT_OTHER: RowClass = { kind: KIND_OUT_OTHER, refMode: REF_NONE };
const IN_RETURN: RowClass = { kind: KIND_IN_RETURN, refMode: REF_SHIPMENT };
const IN_FOUND: RowClass = { kind: KIND_IN_FOUND, refMode: REF_ANY };
const IN_STOCK_MATCHING: RowClass = { kind: KIND_IN_STOCK, refMode: REF_ANY };
const IN_STOCK: RowClass = { kind: KIND_IN_STOCK, refMode: REF_NONE };

/**
 * Classifies a non-zero row. `reasonKey` is the trimmed, lower-case Reason; reason codes are read
 * on ADJUSTMENT rows only.
 *
 * Unspecified outflows: ADJUSTMENT with a disposition-change code is not charged; with a loss code
 * (M, 5, D, G, O) or no code it is a loss; with 4, another known code used the other way round, or
 * an unknown code it is charged like a shipment that nothing but a Reference match undoes; SHIPMENT
 * is a shipment; every other event is charged (undone only by a Reference match).
 *
 * Unspecified inflows: RETURN and a positive SHIPMENT undo shipments; ADJUSTMENT F/N undoes losses;
 * ADJUSTMENT disposition changes are not charged; other ADJUSTMENT codes and REMOVAL become
 * unknown-lot stock after any Reference match; TRANSFER, OPENING and RECONCILIATION become
 * unknown-lot stock and never undo charges.
 */
export function classifyRow(event: LedgerEvent, named: boolean, units: number, reasonKey: string): RowClass {
  if (named) return NAMED;
  if (units < 0) {
    switch (event) {
      case 'SHIPMENT':
        return OUT_SHIPMENT;
      case 'ADJUSTMENT':
        if (DISPOSITION_CHANGE.has(reasonKey)) return UNCHARGED;
        if (reasonKey === '' || LOSS.has(reasonKey)) return OUT_LOSS;
        return OUT_OTHER;
      default:
        return OUT_OTHER;
    }
  }
  switch (event) {
    case 'RETURN':
    case 'SHIPMENT':
      return IN_RETURN;
    case 'ADJUSTMENT':
      if (DISPOSITION_CHANGE.has(reasonKey)) return UNCHARGED;
      if (FOUND.has(reasonKey)) return IN_FOUND;
      return IN_STOCK_MATCHING;
    case 'REMOVAL':
      return IN_STOCK_MATCHING;
    default:
      return IN_STOCK;
  }
}

/** The undo class of a charged outflow kind. */
export function chargeClass(kind: number): number {
  return kind === KIND_OUT_SHIPMENT ? CLASS_SHIPMENT : kind === KIND_OUT_LOSS ? CLASS_LOSS : CLASS_OTHER;
}

export function isChargedOutflow(kind: number): boolean {
  return kind === KIND_OUT_SHIPMENT || kind === KIND_OUT_LOSS || kind === KIND_OUT_OTHER;
}

/** An unspecified inflow that is charged-side (undoes charges or becomes unknown-lot stock). */
export function isUnspecifiedInflow(kind: number): boolean {
  return kind === KIND_IN_RETURN || kind === KIND_IN_FOUND || kind === KIND_IN_STOCK;
}

/** A blank Disposition and SELLABLE (any case) count as sellable. */
export function isSellableDisposition(disposition: string): boolean {
  return disposition === '' || (disposition.length === 8 && disposition.toUpperCase() === 'SELLABLE');
}
