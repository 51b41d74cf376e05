/**
 * Wire types between the sidebar and the server functions of spec §9. Everything here crosses
 * google.script.run, which cannot carry a Date: days are `YYYY-MM-DD` strings, months `YYYY-MM`,
 * instants ISO-8601 strings. Only plain objects, arrays, strings, numbers, booleans and null.
 */

export type IsoDay = string;
export type IsoMonth = string;
export type Method = 'FIFO' | 'FEFO' | 'MIN' | 'MAX';

// ---- setup and transfers -------------------------------------------------------------------

export interface SetupResult {
  created: string[];
  message: string;
}

export interface TransferInput {
  date: IsoDay;
  sku: string;
  lot: string;
  quantity: number;
  expiry?: IsoDay | null;
  location?: string | null;
  reference?: string | null;
}

export interface TransferResult {
  row: number;
  message: string;
}

// ---- inventory -----------------------------------------------------------------------------

export interface InventoryQuery {
  location?: string | null;
  asOf?: IsoDay | null;
  sku?: string | null;
  method?: Method | null;
}

export interface InventoryLot {
  lot: string;
  expiry: IsoDay | null;
  arrival: IsoDay | null;
  sent: number;
  recorded: number;
  estimate: number;
  min: number;
  max: number;
  /** Max > 0 and the expiry falls within the warning horizon. */
  expiringSoon: boolean;
}

export interface InventoryKit {
  amazonSku: string;
  unitsPerKit: number;
  available: number;
}

export interface AmazonFigure {
  snapshot: IsoDay;
  warehouse: number;
  fulfillable: number;
  unsellable: number;
  reserved: number;
  inboundShipped: number;
  inboundReceiving: number;
}

export interface InventorySku {
  location: string;
  sku: string;
  onHand: number;
  sellable: number;
  unsellable: number;
  lots: InventoryLot[];
  unspecified: {
    recorded: number;
    figure: number;
    unknownLotStock: number;
    unallocatedDepletion: number;
    uncharged: number;
  };
  kits: InventoryKit[];
  amazon: AmazonFigure | null;
  warnings: string[];
}

export interface InventoryResult {
  asOf: IsoDay;
  method: Method;
  locations: string[];
  skus: InventorySku[];
  warnings: string[];
  expiryHorizonDays: number;
}

// ---- imports -------------------------------------------------------------------------------

export type ImportStatus = 'OK' | 'NO_DATA' | 'FAILED' | 'CLOSED_MONTH_CHANGED' | 'REMOVED';

export interface ImportOptions {
  location?: string | null;
  /** When true, parse and plan only: nothing is written (the sidebar shows the scope first). */
  dryRun?: boolean;
}

export interface ImportScope {
  location: string;
  dataStart: IsoDay | null;
  dataEnd: IsoDay | null;
  eventTypes: string[];
  skus: string[] | null;
}

export interface ClosedMonthChange {
  month: IsoMonth;
  location: string;
  sku: string;
  oldClosing: number;
  newClosing: number;
}

export interface ImportResult {
  reportType: string;
  location: string;
  dataStart: IsoDay | null;
  dataEnd: IsoDay | null;
  /** Amazon's event type names covered. */
  eventTypes: string[];
  rowsRead: number;
  rowsWritten: number;
  rowsReplaced: number;
  rowsSkipped: number;
  warnings: string[];
  status: ImportStatus;
  source: string;
  scopes: ImportScope[];
  closedMonthChanges: ClosedMonthChange[];
  dryRun: boolean;
}

export interface ImportLogEntry {
  time: string;
  source: string;
  reportType: string;
  location: string;
  dataStart: IsoDay | null;
  dataEnd: IsoDay | null;
  eventTypes: string;
  rowsRead: number;
  rowsWritten: number;
  rowsReplaced: number;
  rowsSkipped: number;
  warnings: string;
  status: string;
}

export interface RemoveImportResult {
  source: string;
  rowsRemoved: number;
  message: string;
}

// ---- Amazon connection and the fetch job ---------------------------------------------------

export type Region = 'NA' | 'EU' | 'FE';

export interface AmazonSettingsInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: Region;
  marketplaceIds: string[];
}

/** What the sidebar may see of a connection: never a secret. */
export interface AmazonSettingsView {
  connected: boolean;
  clientIdMasked: string;
  region: Region | null;
  marketplaceIds: string[];
  autoImport: boolean;
  /** Whose credentials scheduled (on-open) imports use. */
  autoImportOwner: string | null;
  lastImportDay: IsoDay | null;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
}

export interface FetchRequest {
  dataStart?: IsoDay | null;
  dataEnd?: IsoDay | null;
}

export type JobState = 'IDLE' | 'RUNNING' | 'DONE' | 'FAILED';

export interface JobStatus {
  state: JobState;
  step: string;
  progress: number;
  message: string;
  jobId?: string | null;
  dataStart?: IsoDay | null;
  dataEnd?: IsoDay | null;
  reportsDone?: number;
  reportsTotal?: number;
}

// ---- reconciliation ------------------------------------------------------------------------

export interface ReconciliationQuery {
  month: IsoMonth;
  location?: string | null;
}

export type CauseCode = 'DAYS_NOT_IMPORTED' | 'UNKNOWN_AMAZON_SKU' | 'INBOUND_SHORTFALL' | 'FLOW_MISMATCH' | 'NO_SUMMARY' | 'UNEXPLAINED';

export interface ReconciliationLine {
  month: IsoMonth;
  location: string;
  sku: string;
  opening: number;
  transfers: number;
  shipments: number;
  returns: number;
  removals: number;
  adjustments: number;
  reconciliation: number;
  closing: number;
  amazonStarting: number | null;
  amazonReceipts: number | null;
  amazonShipments: number | null;
  amazonReturns: number | null;
  amazonRemovals: number | null;
  amazonAdjustments: number | null;
  amazonEnding: number | null;
  amazonInTransitBetweenWarehouses: number | null;
  inboundInTransit: number;
  variance: number | null;
  cause: string;
  /** The kind of cause, so the sidebar does not depend on the cause's wording; null when the line agrees. */
  causeCode: CauseCode | null;
  status: string;
  closedAt: string | null;
  fingerprint: string | null;
}

export interface InboundShortfall {
  location: string;
  shipmentId: string;
  sku: string;
  sent: number;
  received: number;
  difference: number;
  firstReceipt: IsoDay | null;
  lots: string[];
  /** Thirty days or more after the first receipt at month end. */
  overdue: boolean;
  /** The shipment's only lot, when it carried a single lot: the seller may post an ADJUSTMENT on it. */
  singleLot: string | null;
}

export interface ShortfallAdjustmentInput {
  month: IsoMonth;
  location: string;
  shipmentId: string;
  sku: string;
  note?: string | null;
}

export interface ReconciliationResult {
  month: IsoMonth;
  locations: string[];
  lines: ReconciliationLine[];
  shortfalls: InboundShortfall[];
  closed: boolean;
  canClose: boolean;
  closeBlockers: string[];
  warnings: string[];
}

export interface CloseMonthInput {
  month: IsoMonth;
  location?: string | null;
  postAdjustments: string[];
  notes?: Record<string, string>;
}

export interface CloseMonthResult {
  month: IsoMonth;
  locations: string[];
  posted: string[];
  message: string;
}

export interface ReopenMonthInput {
  month: IsoMonth;
  location?: string | null;
}

export interface StartMidStreamInput {
  month: IsoMonth;
  location: string;
  inboundInTransit?: Record<string, number>;
}

export interface StartMidStreamResult {
  month: IsoMonth;
  location: string;
  openingDay: IsoDay;
  rowsWritten: number;
  message: string;
}

// ---- sidebar support -------------------------------------------------------------------------

export interface SidebarState {
  /** False until Set up workbook has created the sheets. */
  setupDone: boolean;
  timeZone: string;
  today: IsoDay;
  defaultLocation: string;
  locations: string[];
  /** SKUs the ledger and Kits know (for the transfer form). */
  skus: string[];
  /** Months that have ledger or Amazon rows, newest first. */
  months: IsoMonth[];
  amazon: AmazonSettingsView;
  job: JobStatus;
  importLog: ImportLogEntry[];
}

export interface WriteLotsResult {
  rows: number;
  message: string;
}
