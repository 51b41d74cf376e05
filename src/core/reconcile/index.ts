/**
 * The reconciliation engine (spec §7): pure functions over plain records read from the sheets.
 */
export * from './types';
export { fnv1a64 } from '../hash';
export {
  Model, resolverFromKits, countingEntries, logLocations, detailEventType, formatMissingDays, textKey,
} from './model';
export { computeLocationMonth, computeShortfalls, FLOW_LABELS, SHORTFALL_OVERDUE_DAYS, type LocationMonth } from './lines';
export {
  reconcile, reconcileModel, monthFingerprint, closingChanges, detectClosedMonthChanges, closeBlockers,
  reconciliationKey, planPostings, planCloseMonth, planReopenMonth, applyRows, asLedgerRow,
  type ReconcileQuery, type ClosedMonthReport, type Posting, type PostingPlan, type CloseRequest, type ClosePlan,
  type ReopenRequest, type ReopenPlan,
} from './reconcile';
export {
  planStartMidStream, openingKey, openingDay, isBeforeOpening, detailImportRefusal, latestSnapshot, myiCheck,
  type StartMidStreamRequest, type StartMidStreamPlan, type OpeningComponent, type MyiComparison, type MyiCheckInput,
} from './midstream';
export { RECONCILIATION_COLUMNS, lineToCells, lineFromCells, toWireLine } from './sheetRows';
