/**
 * Inputs and outputs of the monthly reconciliation (spec §7). Everything here is a plain record
 * the shell builds from the sheets (`FBA Ledger`, `Kits`, `Amazon Summary`, `Amazon Receipts`,
 * `Amazon Inventory`, `Import Log`, `Reconciliation`) and the document properties (the opening
 * of a location started mid-stream). Nothing here reads a sheet.
 */
import type { Day, Month } from '../days';
import type { KitRow, LedgerEvent, LedgerRow } from '../ledger/types';
import type { CauseCode, ClosedMonthChange, InboundShortfall, ReconciliationLine, ReconciliationResult } from '../../shared/wire';

// ---- Amazon's figures ---------------------------------------------------------------------

/** The figures of a ledger summary row, by their header names, in the report's order (spec §3). */
export const SUMMARY_FIGURE_NAMES = [
  'Starting Warehouse Balance', 'In Transit Between Warehouses', 'Receipts', 'Customer Shipments',
  'Customer Returns', 'Vendor Returns', 'Warehouse Transfer In/Out', 'Found', 'Lost', 'Damaged',
  'Disposed', 'Other Events', 'Ending Warehouse Balance', 'Unknown Events',
] as const;
export type SummaryFigureName = (typeof SUMMARY_FIGURE_NAMES)[number];
export type SummaryFigures = Record<SummaryFigureName, number>;

/** One row of `Amazon Summary` (a MONTHLY, COUNTRY-aggregated summary mapped to a location). */
export interface SummaryRow {
  /** 1-based sheet row, for messages (optional). */
  row?: number;
  month: Month;
  location: string;
  msku: string;
  fnsku: string;
  disposition: string;
  /** Amazon SKU units (Customer Shipments and Vendor Returns are negative, as Amazon writes them). */
  figures: SummaryFigures;
}

/** One row of `Amazon Receipts` (the detail report's Receipts events). */
export interface ReceiptRow {
  row?: number;
  day: Day;
  location: string;
  /** Amazon's inbound shipment ID (the detail report's Reference ID). */
  shipmentId: string;
  msku: string;
  /** Units of the MSKU received. */
  quantity: number;
}

/** One row of `Amazon Inventory` (MYI snapshot). */
export interface InventoryRow {
  row?: number;
  snapshot: Day;
  location: string;
  msku: string;
  fnsku: string;
  warehouse: number;
  fulfillable: number;
  unsellable: number;
  reserved: number;
  total: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  /** Column Source (which import wrote the row); used to keep one marketplace per pool. */
  source: string;
}

// ---- the Import Log -----------------------------------------------------------------------

/** The five detail event types whose imports make a day "covered" (Amazon's names). */
export const DETAIL_EVENT_TYPES = ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts'] as const;
export type DetailEventType = (typeof DETAIL_EVENT_TYPES)[number];

export const DETAIL_REPORT_TYPE = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const SUMMARY_REPORT_TYPE = 'GET_LEDGER_SUMMARY_VIEW_DATA';
/** The event-type name a summary import may list instead of (or besides) its report type. */
export const SUMMARY_EVENT_TYPE = 'Summary';

/** Import Log statuses whose coverage counts. */
export const COUNTING_STATUSES = ['OK', 'NO_DATA', 'CLOSED_MONTH_CHANGED'] as const;
export const REMOVED_STATUS = 'REMOVED';

/**
 * One `Import Log` row, in log order (oldest first). Its coverage counts when its Status is OK,
 * NO_DATA or CLOSED_MONTH_CHANGED and no later entry with the same Source has Status REMOVED
 * (and its Source is not in `ReconcileData.removedSources`).
 */
export interface ImportLogRecord {
  source: string;
  reportType: string;
  /**
   * The Location cell: one location, or several separated by commas or semicolons; `*` (or `ALL`)
   * means every location; blank means `FBA-US` (as everywhere in the workbook).
   */
  location: string;
  dataStart: Day | null;
  dataEnd: Day | null;
  /** Amazon's event-type names (`Shipments`, …, `Receipts`; `Summary` for a summary). */
  eventTypes: readonly string[];
  status: string;
}

// ---- kits ---------------------------------------------------------------------------------

/** Where an SKU's units go (the ledger engine's kit map provides it; case-insensitive). */
export type KitResolver = (sku: string) => { component: string; unitsPerKit: number };

// ---- start mid-stream ---------------------------------------------------------------------

/**
 * The opening of a location started mid-stream (spec §7), stored by the shell (e.g. as JSON in a
 * document property) exactly as `planStartMidStream` returns it.
 */
export interface OpeningRecord {
  location: string;
  /** The complete month M whose end is the opening. */
  month: Month;
  /** M's last day: detail imports dated on or before it are refused for the location. */
  day: Day;
  /**
   * Component units that were inbound (sent, not yet received) at the opening, per component SKU.
   * They are part of the OPENING rows and count as inbound in transit until Amazon receives them.
   */
  inboundInTransit: Record<string, number>;
}

// ---- the Reconciliation sheet -------------------------------------------------------------

export const STATUS_OPEN = 'OPEN';
export const STATUS_CLOSED = 'CLOSED';
export const STATUS_REOPENED = 'REOPENED';

/** A month × location closed earlier, from the `Reconciliation` rows whose Status is CLOSED. */
export interface ClosedMonth {
  month: Month;
  location: string;
  closedAt: string | null;
  fingerprint: string;
  /** The stored review lines (their Closing is the "old closing" of a change). */
  lines: readonly ReconciliationLine[];
}

// ---- everything the engine reads ----------------------------------------------------------

export interface ReconcileData {
  ledger: readonly LedgerRow[];
  /** The Kits rows (they enter the fingerprint; an SKU in them is "known"). */
  kits: readonly KitRow[];
  /** Kit resolution; when omitted it is built from `kits` (case-insensitive). */
  resolve?: KitResolver;
  summary: readonly SummaryRow[];
  receipts: readonly ReceiptRow[];
  /** The Import Log, oldest first. */
  importLog: readonly ImportLogRecord[];
  /** Sources of removed imports, when the shell tracks them outside the log (optional). */
  removedSources?: readonly string[];
  /** The rows of the `Reconciliation` sheet (any status); closed and reopened months come from them. */
  review?: readonly ReconciliationLine[];
  /** Openings recorded by start mid-stream (at most one per location; the latest day wins). */
  openings?: readonly OpeningRecord[];
  /** Today in the spreadsheet's zone: a month that has not ended cannot be closed. */
  today?: Day | null;
}

// ---- outputs ------------------------------------------------------------------------------

/** Which rule explained a line (spec §7, in precedence order); '' when the line agrees. */
export type CauseKind =
  | ''
  | 'no-summary'
  | 'days-not-imported'
  | 'unknown-amazon-sku'
  | 'inbound-shortfall'
  | 'flow-mismatch'
  | 'unexplained';

/** The wire's cause code of each kind. */
export const CAUSE_CODES: Record<CauseKind, CauseCode | null> = {
  '': null,
  'no-summary': 'NO_SUMMARY',
  'days-not-imported': 'DAYS_NOT_IMPORTED',
  'unknown-amazon-sku': 'UNKNOWN_AMAZON_SKU',
  'inbound-shortfall': 'INBOUND_SHORTFALL',
  'flow-mismatch': 'FLOW_MISMATCH',
  'unexplained': 'UNEXPLAINED',
};

/** The cause text of a line no rule explains. */
export const CAUSE_UNEXPLAINED = 'unexplained';

/** One compared flow of a disagreeing line. */
export interface FlowComparison {
  flow: string;
  ours: number;
  amazon: number;
}

/** A review line (maps 1:1 onto the wire line and the sheet) with the rule that explained it. */
export interface ReconcileLine extends ReconciliationLine {
  causeKind: CauseKind;
  /** The flows compared for rule (4), present when Amazon's figures are. */
  flows: FlowComparison[] | null;
}

/** An inbound shipment still short at month end (spec §7). */
export interface Shortfall extends InboundShortfall {
  /**
   * Units of ADJUSTMENT rows at the location whose Reference is the shipment ID (a written-off
   * shortfall); `difference` = sent − received + adjusted.
   */
  adjusted: number;
  /** The shipment carried exactly one named lot (and no unspecified units): an ADJUSTMENT may name it. */
  singleLot: string | null;
}

export interface LocationState {
  location: string;
  status: typeof STATUS_OPEN | typeof STATUS_CLOSED | typeof STATUS_REOPENED;
  canClose: boolean;
  closeBlockers: string[];
  closedAt: string | null;
  /** The stored fingerprint of a closed month. */
  fingerprint: string | null;
  /** For a closed month whose data changed since: old vs new closing per SKU; else null. */
  changed: ClosedMonthChange[] | null;
}

export interface ReconcileResult extends ReconciliationResult {
  lines: ReconcileLine[];
  shortfalls: Shortfall[];
  states: LocationState[];
}

/** A ledger row the shell writes (lot UNSPECIFIED, no expiry). */
export interface NewLedgerRow {
  day: Day;
  event: LedgerEvent;
  sku: string;
  lot: null;
  quantity: number;
  location: string;
  disposition: string;
  reason: string;
  reference: string;
  source: string;
  key: string;
}
