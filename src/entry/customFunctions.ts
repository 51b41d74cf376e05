/**
 * Custom-function entry points: the spreadsheet's time zone is the only thing they read besides
 * their arguments (spec §5); they never write.
 */
import { dayConverterFromFormatter, type DayConverter } from '../core/days';
import { fbaKitAvailable, fbaLotBalance, fbaLotRemaining, fbaLots, fbaOnhand } from '../app/customFunctions';

function spreadsheetDays(): DayConverter {
  const tz = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return dayConverterFromFormatter((d) => Utilities.formatDate(d, tz, 'yyyy-MM-dd'));
}

export function FBA_ONHAND(ledger: unknown, sku: unknown, kits?: unknown, location?: unknown, asOf?: unknown): number {
  return fbaOnhand(spreadsheetDays(), ledger, sku, kits, location, asOf);
}

export function FBA_LOT_BALANCE(ledger: unknown, sku: unknown, lot: unknown, kits?: unknown, location?: unknown, asOf?: unknown): number {
  return fbaLotBalance(spreadsheetDays(), ledger, sku, lot, kits, location, asOf);
}

export function FBA_LOT_REMAINING(
  ledger: unknown, sku: unknown, lot: unknown, kits?: unknown, method?: unknown, location?: unknown, asOf?: unknown,
): number {
  return fbaLotRemaining(spreadsheetDays(), ledger, sku, lot, kits, method, location, asOf);
}

export function FBA_LOTS(ledger: unknown, kits?: unknown, location?: unknown, asOf?: unknown, method?: unknown): unknown[][] {
  return fbaLots(spreadsheetDays(), ledger, kits, location, asOf, method);
}

export function FBA_KIT_AVAILABLE(ledger: unknown, kits: unknown, amazonSku: unknown, location?: unknown, asOf?: unknown): number {
  return fbaKitAvailable(spreadsheetDays(), ledger, kits, amazonSku, location, asOf);
}
