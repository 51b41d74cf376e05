/**
 * Custom-function entry points: the spreadsheet's time zone is the only thing they read besides
 * their arguments (spec §5); they never write.
 */
import { dayConverterFromFormatter, type DayConverter } from '../core/days';
import { fbaKitAvailable, fbaLotBalance, fbaLotRemaining, fbaLots, fbaOnhand, type ResultCache } from '../app/customFunctions';

/** Six hours, CacheService's longest expiry: entries are keyed by the ledger's fingerprint, so never stale. */
const CACHE_SECONDS = 21_600;

function resultCache(): ResultCache | null {
  let cache: GoogleAppsScript.Cache.Cache | null = null;
  try {
    cache = CacheService.getDocumentCache();
  } catch {
    return null;
  }
  if (!cache) return null;
  const c = cache;
  return {
    get: (key) => {
      try {
        return c.get(key);
      } catch {
        return null;
      }
    },
    putAll: (values) => {
      try {
        c.putAll(values, CACHE_SECONDS);
      } catch {
        // A full or unavailable cache only costs speed.
      }
    },
  };
}

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
  return fbaLotRemaining(spreadsheetDays(), ledger, sku, lot, kits, method, location, asOf, resultCache());
}

export function FBA_LOTS(ledger: unknown, kits?: unknown, location?: unknown, asOf?: unknown, method?: unknown): unknown[][] {
  return fbaLots(spreadsheetDays(), ledger, kits, location, asOf, method);
}

export function FBA_KIT_AVAILABLE(ledger: unknown, kits: unknown, amazonSku: unknown, location?: unknown, asOf?: unknown): number {
  return fbaKitAvailable(spreadsheetDays(), ledger, kits, amazonSku, location, asOf);
}
