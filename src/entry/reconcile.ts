/**
 * Entry points for the monthly reconciliation (spec §7, §9): each wires the Apps Script adapters
 * into its use case in `src/app/reconcile.ts` and turns errors into words.
 */
import {
  closeMonth as closeMonthUseCase, getReconciliation as getReconciliationUseCase,
  postShortfallAdjustment as postShortfallAdjustmentUseCase, reopenMonth as reopenMonthUseCase,
  startMidStream as startMidStreamUseCase, writeReview as writeReviewUseCase,
} from '../app/reconcile';
import { gasDeps } from '../gas/services';
import type {
  CloseMonthInput, CloseMonthResult, ReconciliationQuery, ReconciliationResult, ReopenMonthInput,
  ShortfallAdjustmentInput, StartMidStreamInput, StartMidStreamResult, TransferResult,
} from '../shared/wire';
import { serve } from './run';

export function getReconciliation(query: ReconciliationQuery): ReconciliationResult {
  return serve('getReconciliation', () => getReconciliationUseCase(gasDeps(), query));
}

export function writeReview(query: ReconciliationQuery): CloseMonthResult {
  return serve('writeReview', () => writeReviewUseCase(gasDeps(), query));
}

export function closeMonth(input: CloseMonthInput): CloseMonthResult {
  return serve('closeMonth', () => closeMonthUseCase(gasDeps(), input));
}

export function reopenMonth(input: ReopenMonthInput): CloseMonthResult {
  return serve('reopenMonth', () => reopenMonthUseCase(gasDeps(), input));
}

export function startMidStream(input: StartMidStreamInput): StartMidStreamResult {
  return serve('startMidStream', () => startMidStreamUseCase(gasDeps(), input));
}

export function postShortfallAdjustment(input: ShortfallAdjustmentInput): TransferResult {
  return serve('postShortfallAdjustment', () => postShortfallAdjustmentUseCase(gasDeps(), input));
}
