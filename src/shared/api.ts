/**
 * The server functions the sidebar calls through google.script.run, with their wire types.
 * The entry functions of src/entry implement exactly this interface (checked at compile time),
 * and the sidebar's RPC client is typed by it.
 */
import type {
  AmazonSettingsInput, AmazonSettingsView, CloseMonthInput, CloseMonthResult, FetchRequest, ImportLogEntry,
  ImportOptions, ImportResult, InventoryQuery, InventoryResult, JobStatus, ReconciliationQuery,
  ReconciliationResult, RemoveImportResult, ReopenMonthInput, SetupResult, ShortfallAdjustmentInput, SidebarState, StartMidStreamInput,
  StartMidStreamResult, TestConnectionResult, TransferInput, TransferResult, WriteLotsResult,
} from './wire';

export interface ServerApi {
  setupWorkbook(): SetupResult;
  recordTransfer(input: TransferInput): TransferResult;
  importReportFile(fileName: string, base64Content: string, options?: ImportOptions): ImportResult;
  removeImport(source: string): RemoveImportResult;
  saveAmazonSettings(input: AmazonSettingsInput): AmazonSettingsView;
  testAmazonConnection(): TestConnectionResult;
  fetchAmazonReports(request?: FetchRequest): JobStatus;
  getJobStatus(): JobStatus;
  setAutoImport(on: boolean): AmazonSettingsView;
  getInventory(query?: InventoryQuery): InventoryResult;
  getReconciliation(query: ReconciliationQuery): ReconciliationResult;
  /** Writes the month's review to the Reconciliation sheet without closing it. */
  writeReview(query: ReconciliationQuery): CloseMonthResult;
  closeMonth(input: CloseMonthInput): CloseMonthResult;
  /** Posts an ADJUSTMENT on a single-lot shipment's lot for its inbound shortfall. */
  postShortfallAdjustment(input: ShortfallAdjustmentInput): TransferResult;
  reopenMonth(input: ReopenMonthInput): CloseMonthResult;
  startMidStream(input: StartMidStreamInput): StartMidStreamResult;
  getSidebarState(): SidebarState;
  setDefaultLocation(location: string): SidebarState;
  getImportLog(limit?: number): ImportLogEntry[];
  writeLotsTable(query?: InventoryQuery): WriteLotsResult;
}

export type ServerFunction = keyof ServerApi;

export const SERVER_FUNCTIONS: readonly ServerFunction[] = [
  'setupWorkbook', 'recordTransfer', 'importReportFile', 'removeImport', 'saveAmazonSettings', 'testAmazonConnection',
  'fetchAmazonReports', 'getJobStatus', 'setAutoImport', 'getInventory', 'getReconciliation', 'writeReview', 'closeMonth', 'postShortfallAdjustment',
  'reopenMonth', 'startMidStream', 'getSidebarState', 'setDefaultLocation', 'getImportLog', 'writeLotsTable',
];
