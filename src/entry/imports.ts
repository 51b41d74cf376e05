/**
 * Entry points for report imports (spec §6, §9): upload a report file, remove an import, read the
 * Import Log.
 */
import { getImportLog as getImportLogUseCase, importReportFile as importReportFileUseCase, removeImport as removeImportUseCase, type ReconcileHooks } from '../app/import';
import { closedMonthChanges, openingDays } from '../app/reconcileData';
import type { ImportLogEntry, ImportOptions, ImportResult, RemoveImportResult } from '../shared/wire';
import { gasDeps } from '../gas/services';
import { serve } from './run';

/** What imports ask of the reconciliation: closed months changed, openings of mid-stream starts. */
export const reconcileHooks: ReconcileHooks = { closedMonthChanges, openingDays };

export function importReportFile(fileName: string, base64Content: string, options?: ImportOptions): ImportResult {
  return serve('importReportFile', () => importReportFileUseCase(gasDeps(), reconcileHooks, fileName, base64Content, options ?? {}));
}

export function removeImport(source: string): RemoveImportResult {
  return serve('removeImport', () => removeImportUseCase(gasDeps(), reconcileHooks, source));
}

export function getImportLog(limit?: number): ImportLogEntry[] {
  return serve('getImportLog', () => getImportLogUseCase(gasDeps(), limit));
}
