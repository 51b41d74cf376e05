/**
 * Entry points for the monthly reconciliation (spec §7, §9). Placeholder bodies until the
 * reconciliation shell lands.
 */
import type {
  CloseMonthInput, CloseMonthResult, ReconciliationQuery, ReconciliationResult, ReopenMonthInput,
  ShortfallAdjustmentInput, StartMidStreamInput, StartMidStreamResult, TransferResult,
} from '../shared/wire';

const PENDING = 'The reconciliation is not available in this version yet.';

export function getReconciliation(_query: ReconciliationQuery): ReconciliationResult {
  throw new Error(PENDING);
}

export function writeReview(_query: ReconciliationQuery): CloseMonthResult {
  throw new Error(PENDING);
}

export function closeMonth(_input: CloseMonthInput): CloseMonthResult {
  throw new Error(PENDING);
}

export function reopenMonth(_input: ReopenMonthInput): CloseMonthResult {
  throw new Error(PENDING);
}

export function startMidStream(_input: StartMidStreamInput): StartMidStreamResult {
  throw new Error(PENDING);
}

export function postShortfallAdjustment(_input: ShortfallAdjustmentInput): TransferResult {
  throw new Error(PENDING);
}
