/**
 * Compile-time check that the entry functions implement the sidebar's ServerApi exactly.
 */
import type { ServerApi } from '../shared/api';
import { fetchAmazonReports, getJobStatus, saveAmazonSettings, setAutoImport, testAmazonConnection } from './amazon';
import { getImportLog, importReportFile, removeImport } from './imports';
import { closeMonth, getReconciliation, postShortfallAdjustment, reopenMonth, startMidStream, writeReview } from './reconcile';
import { getInventory, getSidebarState, setDefaultLocation, writeLotsTable } from './sidebar';
import { recordTransfer, setupWorkbook } from './workbook';

export type EntryApi = typeof entryApi;
declare const entryApi: {
  setupWorkbook: typeof setupWorkbook; recordTransfer: typeof recordTransfer; importReportFile: typeof importReportFile;
  removeImport: typeof removeImport; saveAmazonSettings: typeof saveAmazonSettings; testAmazonConnection: typeof testAmazonConnection;
  fetchAmazonReports: typeof fetchAmazonReports; getJobStatus: typeof getJobStatus; setAutoImport: typeof setAutoImport;
  getInventory: typeof getInventory; getReconciliation: typeof getReconciliation; writeReview: typeof writeReview;
  closeMonth: typeof closeMonth; postShortfallAdjustment: typeof postShortfallAdjustment; reopenMonth: typeof reopenMonth;
  startMidStream: typeof startMidStream; getSidebarState: typeof getSidebarState; setDefaultLocation: typeof setDefaultLocation;
  getImportLog: typeof getImportLog; writeLotsTable: typeof writeLotsTable;
};
/** Fails to compile when an entry function's signature drifts from ServerApi, or one is missing. */
export type Check = EntryApi extends ServerApi ? (ServerApi extends EntryApi ? true : never) : never;
export const entryApiMatches: Check = true;
