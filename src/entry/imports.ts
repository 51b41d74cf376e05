/**
 * Entry points for report imports (spec §6, §9). Placeholder bodies until the import pipeline lands.
 */
import type { ImportLogEntry, ImportOptions, ImportResult, RemoveImportResult } from '../shared/wire';

const PENDING = 'Report imports are not available in this version yet.';

export function importReportFile(_fileName: string, _base64Content: string, _options?: ImportOptions): ImportResult {
  throw new Error(PENDING);
}

export function removeImport(_source: string): RemoveImportResult {
  throw new Error(PENDING);
}

export function getImportLog(_limit?: number): ImportLogEntry[] {
  throw new Error(PENDING);
}
