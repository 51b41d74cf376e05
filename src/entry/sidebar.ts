/**
 * The sidebar: opening it (on a tab, from the menu) and the calls it makes for its own state.
 */
import { getInventory as getInventoryUseCase, writeLotsTable as writeLotsTableUseCase } from '../app/inventory';
import { setDefaultLocation as setDefaultLocationUseCase, sidebarState } from '../app/sidebar';
import type { InventoryQuery, InventoryResult, SidebarState, WriteLotsResult } from '../shared/wire';
import { gasDeps } from '../gas/services';
import { serve } from './run';

type Tab = 'inventory' | 'transfer' | 'import' | 'reconcile';

function openSidebar(tab: Tab): void {
  const page = HtmlService.createHtmlOutputFromFile('sidebar').getContent()
    .replace('data-initial-tab="inventory"', `data-initial-tab="${tab}"`);
  const html = HtmlService.createHtmlOutput(page).setTitle('FBA Lot Ledger');
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showSidebar(): void {
  openSidebar('inventory');
}

export function showImportSidebar(): void {
  openSidebar('import');
}

export function showReconcileSidebar(): void {
  openSidebar('reconcile');
}

/** The current user's opaque key (no extra scope needed), to say whose credentials auto-import uses. */
export function currentUserKey(): string {
  try {
    return Session.getTemporaryActiveUserKey();
  } catch {
    return '';
  }
}

export function getSidebarState(): SidebarState {
  return serve('getSidebarState', () => sidebarState(gasDeps(), currentUserKey()));
}

export function setDefaultLocation(location: string): SidebarState {
  return serve('setDefaultLocation', () => setDefaultLocationUseCase(gasDeps(), location, currentUserKey()));
}

export function getInventory(query?: InventoryQuery): InventoryResult {
  return serve('getInventory', () => getInventoryUseCase(gasDeps(), query ?? {}));
}

export function writeLotsTable(query?: InventoryQuery): WriteLotsResult {
  return serve('writeLotsTable', () => writeLotsTableUseCase(gasDeps(), query ?? {}));
}
