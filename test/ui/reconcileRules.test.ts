/**
 * Which reconciliation lines the sidebar offers to settle with a RECONCILIATION row.
 */
import { describe, expect, it } from 'vitest';
import { isPostable, isUnexplained } from '../../src/ui/reconcileRules';
import type { ReconciliationLine } from '../../src/shared/wire';

function line(p: Partial<ReconciliationLine>): ReconciliationLine {
  return {
    month: '2026-03', location: 'FBA-US', sku: 'S', opening: 0, transfers: 0, shipments: 0, returns: 0, removals: 0,
    adjustments: 0, reconciliation: 0, closing: 0, amazonStarting: 0, amazonReceipts: 0, amazonShipments: 0,
    amazonReturns: 0, amazonRemovals: 0, amazonAdjustments: 0, amazonEnding: 0, amazonInTransitBetweenWarehouses: 0,
    inboundInTransit: 0, variance: 0, cause: '', causeCode: null, status: 'OPEN', closedAt: null, fingerprint: null, ...p,
  };
}

describe('lines the seller may settle', () => {
  it('an unexplained variance', () => {
    expect(isPostable(line({ variance: 3, causeCode: 'UNEXPLAINED' }))).toBe(true);
  });
  it('a reopened line whose earlier RECONCILIATION row now shows as a flow mismatch', () => {
    const l = line({ variance: 2, reconciliation: -3, causeCode: 'FLOW_MISMATCH', status: 'REOPENED' });
    expect(isUnexplained(l)).toBe(false);
    expect(isPostable(l)).toBe(true);
  });
  it('not a line that agrees, has another cause without a posted row, or is closed', () => {
    expect(isPostable(line({ variance: 0, causeCode: null }))).toBe(false);
    expect(isPostable(line({ variance: 2, causeCode: 'DAYS_NOT_IMPORTED' }))).toBe(false);
    expect(isPostable(line({ variance: 2, reconciliation: -3, causeCode: 'FLOW_MISMATCH', status: 'CLOSED' }))).toBe(false);
  });
});
