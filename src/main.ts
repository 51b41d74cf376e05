/*
 * The entry manifest: every function Apps Script can call by name (menus, triggers,
 * google.script.run, custom functions). build.mjs turns each `global.NAME = …` line into a
 * top-level `function NAME(){}` with the JSDoc above it. JavaScript syntax only in this file.
 */
import { onInstall, onOpen, recordTransfer, setupWorkbook, showHelp } from './entry/workbook';
import { FBA_KIT_AVAILABLE, FBA_LOT_BALANCE, FBA_LOT_REMAINING, FBA_LOTS, FBA_ONHAND } from './entry/customFunctions';
import {
  getInventory, getSidebarState, setDefaultLocation, showImportSidebar, showReconcileSidebar, showSidebar, writeLotsTable,
} from './entry/sidebar';
import { getImportLog, importReportFile, removeImport } from './entry/imports';
import {
  fetchAmazonReports, fetchAmazonReportsNow, getJobStatus, onOpenAutoImport, saveAmazonSettings, setAutoImport, testAmazonConnection,
} from './entry/amazon';
import {
  closeMonth, getReconciliation, postShortfallAdjustment, reopenMonth, startMidStream, writeReview,
} from './entry/reconcile';
import { compactClosedMonths } from './entry/compact';

/** Simple trigger: builds the add-on menu (every auth mode; touches no data). */
global.onOpen = onOpen;

/** Simple trigger: runs onOpen when the add-on is installed. */
global.onInstall = onInstall;

/** Menu and sidebar: creates the sheets, formats and named ranges (idempotent). */
global.setupWorkbook = setupWorkbook;

/** Sidebar: appends one TRANSFER row. */
global.recordTransfer = recordTransfer;

/** Menu: the help dialog. */
global.showHelp = showHelp;

/** Menu: opens the sidebar on its Inventory tab. */
global.showSidebar = showSidebar;

/** Menu: opens the sidebar on its Import tab (upload a report file). */
global.showImportSidebar = showImportSidebar;

/** Menu: opens the sidebar on its Reconcile tab. */
global.showReconcileSidebar = showReconcileSidebar;

/** Sidebar: everything the sidebar shows when it opens. */
global.getSidebarState = getSidebarState;

/** Sidebar: the location forms fill in by default. */
global.setDefaultLocation = setDefaultLocation;

/** Sidebar: the Inventory tab. */
global.getInventory = getInventory;

/** Sidebar: writes the static Lots sheet. */
global.writeLotsTable = writeLotsTable;

/** Sidebar: imports a report file downloaded from Seller Central (base64 of its bytes). */
global.importReportFile = importReportFile;

/** Sidebar: removes the rows an import wrote. */
global.removeImport = removeImport;

/** Sidebar: the latest Import Log entries. */
global.getImportLog = getImportLog;

/** Sidebar: stores the workbook's Amazon connection in the user's properties. */
global.saveAmazonSettings = saveAmazonSettings;

/** Sidebar: checks the Amazon connection. */
global.testAmazonConnection = testAmazonConnection;

/** Sidebar: starts (or returns) the resumable fetch job. */
global.fetchAmazonReports = fetchAmazonReports;

/** Sidebar: advances the fetch job by at most one step and reports it. */
global.getJobStatus = getJobStatus;

/** Sidebar: installs or removes the on-open auto-import trigger. */
global.setAutoImport = setAutoImport;

/** Menu: fetches the Amazon reports not yet imported and advances the job in this execution. */
global.fetchAmazonReportsNow = fetchAmazonReportsNow;

/**
 * Installable on-open trigger (auto-import): starts the day's fetch when the workbook is opened.
 *
 * @param {Object} e The on-open event.
 */
global.onOpenAutoImport = onOpenAutoImport;

/** Sidebar: the month's roll-forward and inbound shortfalls. */
global.getReconciliation = getReconciliation;

/** Sidebar: writes the month's review to the Reconciliation sheet. */
global.writeReview = writeReview;

/** Sidebar: writes the review, posts the chosen adjustments and closes the month. */
global.closeMonth = closeMonth;

/** Sidebar: reopens a closed month. */
global.reopenMonth = reopenMonth;

/** Sidebar: writes the OPENING rows of a workbook that starts mid-stream. */
global.startMidStream = startMidStream;

/** Sidebar: posts an ADJUSTMENT on a single-lot shipment's lot for its inbound shortfall. */
global.postShortfallAdjustment = postShortfallAdjustment;

/**
 * Menu: folds the Amazon rows of closed months into fewer rows (every closed month, or the month and location given).
 *
 * @param {Object} input Optional. {month: 'YYYY-MM', location: 'FBA-US'}.
 */
global.compactClosedMonths = compactClosedMonths;

/**
 * Units on hand at FBA, in component units (an Amazon SKU is mapped to its component through kits).
 *
 * @param {Array<Array<string|number|Date>>} ledger The ledger range, for example FBA_LEDGER or 'FBA Ledger'!A:L.
 * @param {string} sku A product SKU, or an Amazon SKU that kits map to its component.
 * @param {Array<Array<string|number>>} kits Optional. The kits range, for example FBA_KITS. No kits when omitted.
 * @param {string} location Optional. One FBA location such as "FBA-US"; every location when omitted.
 * @param {Date|string} asOf Optional. Count only rows dated up to this day (a date or YYYY-MM-DD).
 * @return {number} The units on hand.
 * @customfunction
 */
global.FBA_ONHAND = FBA_ONHAND;

/**
 * The recorded balance of a lot: the sum of its rows. Lot "UNSPECIFIED" gives the sum of the unspecified-lot rows.
 *
 * @param {Array<Array<string|number|Date>>} ledger The ledger range, for example FBA_LEDGER.
 * @param {string} sku A product SKU, or an Amazon SKU that kits map to its component.
 * @param {string} lot The lot or serial number, or "UNSPECIFIED".
 * @param {Array<Array<string|number>>} kits Optional. The kits range, for example FBA_KITS.
 * @param {string} location Optional. One FBA location; every location when omitted.
 * @param {Date|string} asOf Optional. Count only rows dated up to this day.
 * @return {number} The lot's recorded balance, in component units.
 * @customfunction
 */
global.FBA_LOT_BALANCE = FBA_LOT_BALANCE;

/**
 * What probably remains of a lot at FBA. For many lots, one FBA_LOTS is much faster than many of these.
 *
 * @param {Array<Array<string|number|Date>>} ledger The ledger range, for example FBA_LEDGER.
 * @param {string} sku A product SKU, or an Amazon SKU that kits map to its component.
 * @param {string} lot The lot or serial number; "UNSPECIFIED" gives the UNSPECIFIED figure.
 * @param {Array<Array<string|number>>} kits Optional. The kits range, for example FBA_KITS.
 * @param {string} method Optional. "FIFO" (default), "FEFO", "MIN" or "MAX" (the range of what is possible).
 * @param {string} location Optional. One FBA location; every location when omitted.
 * @param {Date|string} asOf Optional. Estimate as of this day.
 * @return {number} The estimated remaining units of the lot.
 * @customfunction
 */
global.FBA_LOT_REMAINING = FBA_LOT_REMAINING;

/**
 * A table of every lot: Location, SKU, Lot, Expiry, Sent, Recorded balance, Estimated remaining, Min, Max. The efficient way to show many lots.
 *
 * @param {Array<Array<string|number|Date>>} ledger The ledger range, for example FBA_LEDGER.
 * @param {Array<Array<string|number>>} kits Optional. The kits range, for example FBA_KITS.
 * @param {string} location Optional. One FBA location; every location when omitted (each listed).
 * @param {Date|string} asOf Optional. As of this day.
 * @param {string} method Optional. "FIFO" (default), "FEFO", "MIN" or "MAX" for the Estimated remaining column.
 * @return A table with a header row, one row per lot and one UNSPECIFIED row per SKU.
 * @customfunction
 */
global.FBA_LOTS = FBA_LOTS;

/**
 * Whole kits (multipacks, bundles of one product) available to sell at FBA.
 *
 * @param {Array<Array<string|number|Date>>} ledger The ledger range, for example FBA_LEDGER.
 * @param {Array<Array<string|number>>} kits The kits range, for example FBA_KITS.
 * @param {string} amazonSku The Amazon SKU of the kit.
 * @param {string} location Optional. One FBA location; every location when omitted.
 * @param {Date|string} asOf Optional. As of this day.
 * @return {number} The number of whole kits available.
 * @customfunction
 */
global.FBA_KIT_AVAILABLE = FBA_KIT_AVAILABLE;
