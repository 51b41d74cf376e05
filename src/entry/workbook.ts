/**
 * Entry points for the workbook: the add-on menu, setup, transfers and help.
 */
import { recordTransfer as recordTransferUseCase } from '../app/transfer';
import { setupWorkbook as setupWorkbookUseCase } from '../app/setup';
import { helpHtml } from '../app/help';
import type { SetupResult, TransferInput, TransferResult } from '../shared/wire';
import { gasDeps } from '../gas/services';
import { GasWorkbook } from '../gas/workbook';
import { serve } from './run';

/** Menu items and the top-level functions they call (each is listed in src/main.ts). */
export const MENU: ReadonlyArray<readonly [string, string] | null> = [
  ['Set up workbook', 'setupWorkbook'],
  ['Open sidebar', 'showSidebar'],
  ['Fetch Amazon reports now', 'fetchAmazonReportsNow'],
  ['Import report file…', 'showImportSidebar'],
  ['Reconcile month…', 'showReconcileSidebar'],
  ['Compact closed months', 'compactClosedMonths'],
  null,
  ['Help', 'showHelp'],
];

/**
 * Builds the add-on menu. Runs in every auth mode, including AuthMode.NONE, so it touches no
 * data: only the Ui service.
 */
export function onOpen(_e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function setupWorkbook(): SetupResult {
  return serve('setupWorkbook', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const wb = new GasWorkbook(ss, SpreadsheetApp, Utilities);
    const result = setupWorkbookUseCase(wb);
    wb.toast(result.message, 'Set up workbook');
    return result;
  });
}

export function recordTransfer(input: TransferInput): TransferResult {
  return serve('recordTransfer', () => recordTransferUseCase(gasDeps(), input));
}

export function showHelp(): void {
  const html = HtmlService.createHtmlOutput(helpHtml()).setTitle('FBA Lot Ledger help').setWidth(640).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'FBA Lot Ledger help');
}
