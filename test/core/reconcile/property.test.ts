import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../src/core/ledger/types';
import {
  applyRows, Model, monthFingerprint, planCloseMonth, reconcile, type ReceiptRow, type ReconcileData, type SummaryRow,
} from '../../../src/core/reconcile';
import { data, detailImport, kit, receipt, row, summary, summaryImport, US } from './helpers';

const COMPONENTS = ['P1', 'P2', 'P3'] as const;
const kits = [kit('P1-6PK', 'P1', 6)];

const componentArb = fc.record({
  packsSent: fc.integer({ min: 0, max: 20 }),
  singlesSent: fc.integer({ min: 0, max: 200 }),
  shipped: fc.integer({ min: 0, max: 60 }),
  returned: fc.integer({ min: 0, max: 10 }),
  removed: fc.integer({ min: 0, max: 10 }),
  adjusted: fc.integer({ min: -5, max: 5 }),
  /** What Amazon's summary does differently. */
  amazon: fc.oneof(
    fc.constant({ kind: 'same' as const, delta: 0 }),
    fc.record({ kind: fc.constant('ending' as const), delta: fc.integer({ min: -9, max: 9 }) }),
    fc.record({ kind: fc.constant('flow' as const), delta: fc.integer({ min: 1, max: 9 }) }),
  ),
  /** An earlier RECONCILIATION row of the month (from a previous close), if any. */
  earlier: fc.option(fc.integer({ min: -9, max: 9 }), { nil: null }),
});

const scenarioArb = fc.array(componentArb, { minLength: 1, maxLength: COMPONENTS.length });

type Spec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): ReconcileData {
  const ledger: LedgerRow[] = [];
  const receipts: ReceiptRow[] = [];
  const sum: SummaryRow[] = [];
  spec.forEach((c, i) => {
    const sku = COMPONENTS[i];
    const sent = c.singlesSent + (sku === 'P1' ? 6 * c.packsSent : 0);
    if (c.singlesSent) {
      ledger.push(row('2026-02-10', 'TRANSFER', sku, c.singlesSent, { lot: 'L' + i, reference: `FBA${i}` }));
      receipts.push(receipt('2026-02-14', `FBA${i}`, sku, c.singlesSent));
    }
    if (sku === 'P1' && c.packsSent) {
      ledger.push(row('2026-02-11', 'TRANSFER', 'P1-6PK', c.packsSent, { lot: 'PK', reference: 'FBAPK' }));
      receipts.push(receipt('2026-02-15', 'FBAPK', 'P1-6PK', c.packsSent));
    }
    if (c.shipped) ledger.push(row('2026-03-05', 'SHIPMENT', sku, -c.shipped));
    if (c.returned) ledger.push(row('2026-03-06', 'RETURN', sku, c.returned));
    if (c.removed) ledger.push(row('2026-03-07', 'REMOVAL', sku, -c.removed, { reference: 'R1' }));
    if (c.adjusted) ledger.push(row('2026-03-08', 'ADJUSTMENT', sku, c.adjusted, { reason: c.adjusted > 0 ? 'F' : 'M' }));
    if (c.earlier !== null) {
      ledger.push(row('2026-03-31', 'RECONCILIATION', sku, c.earlier, { key: `reconciliation:2026-03:${US}:${sku}`, source: 'reconciliation:2026-03' }));
    }
    sum.push(summary('2026-02', sku, { receipts: sent }));
    const flowDelta = c.amazon.kind === 'flow' ? c.amazon.delta : 0;
    const endingDelta = c.amazon.kind === 'ending' ? c.amazon.delta : 0;
    const m = summary('2026-03', sku, { starting: sent, shipments: -c.shipped - flowDelta, returns: c.returned, vendorReturns: -c.removed, found: Math.max(c.adjusted, 0), lost: Math.min(c.adjusted, 0) });
    m.figures['Ending Warehouse Balance'] += endingDelta;
    sum.push(m);
  });
  return data({
    ledger, kits, receipts, summary: sum,
    importLog: [detailImport('2026-02-01', '2026-03-31'), summaryImport('2026-02'), summaryImport('2026-03')],
  });
}

/** The SKUs whose line, computed without its earlier RECONCILIATION row, is unexplained. */
function unexplainedWithoutEarlier(d: ReconcileData): string[] {
  const without = { ...d, ledger: d.ledger.filter((r) => r.event !== 'RECONCILIATION') };
  return reconcile(without, { month: '2026-03', location: US }).lines.filter((l) => l.causeKind === 'unexplained').map((l) => l.sku);
}

describe('properties', () => {
  it('after posting the adjustment for every unexplained line, the variance becomes 0 (and re-closing is stable)', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const d = build(spec);
        const chosen = unexplainedWithoutEarlier(d);
        const plan = planCloseMonth(d, { month: '2026-03', location: US, postAdjustments: chosen, closedAt: 't' });
        expect(plan.blockers).toEqual([]);
        const after: ReconcileData = { ...d, ledger: applyRows(d.ledger, plan.removeKeys, plan.write) };
        const before = new Map(reconcile({ ...d, ledger: d.ledger }, { month: '2026-03' }).lines.map((l) => [l.sku, l]));
        for (const l of reconcile(after, { month: '2026-03' }).lines) {
          if (chosen.includes(l.sku)) {
            expect(l.variance).toBe(0);
            expect(l.cause).toBe('');
          } else {
            expect(l.variance).toBe(before.get(l.sku)!.variance);
          }
        }
        for (const l of plan.lines) if (chosen.includes(l.sku)) expect(l.variance).toBe(0);
        // Closing again with the same choice replaces each row by the same one.
        const again = planCloseMonth(after, { month: '2026-03', location: US, postAdjustments: chosen, closedAt: 't' });
        expect(again.ok).toBe(true);
        expect(again.write).toEqual(plan.write);
        // SKUs with another cause (computed without their earlier row) are refused.
        const withoutEarlier = { ...d, ledger: d.ledger.filter((r) => r.event !== 'RECONCILIATION') };
        const others = reconcile(withoutEarlier, { month: '2026-03' }).lines.filter((l) => l.causeKind !== '' && l.causeKind !== 'unexplained');
        if (others.length) {
          const refused = planCloseMonth(after, { month: '2026-03', location: US, postAdjustments: [others[0].sku], closedAt: 't' });
          expect(refused.ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Closing = Opening + Σ flows, and Variance = Closing − (ending + in transit between warehouses + inbound in transit)', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        for (const l of reconcile(build(spec), { month: '2026-03' }).lines) {
          expect(l.closing).toBe(l.opening + l.transfers + l.shipments + l.returns + l.removals + l.adjustments + l.reconciliation);
          expect(l.variance).toBe(l.closing - (l.amazonEnding! + l.amazonInTransitBetweenWarehouses! + l.inboundInTransit));
          if (l.variance !== 0) expect(l.cause).not.toBe('');
          else expect(l.cause).toBe('');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the fingerprint does not depend on row order', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (spec, seed) => {
        const d = build(spec);
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const a = [...xs];
          let s = seed >>> 0;
          for (let i = a.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            const j = s % (i + 1);
            [a[i], a[j]] = [a[j], a[i]];
          }
          return a;
        };
        const shuffled = { ...d, ledger: shuffle(d.ledger), summary: shuffle(d.summary), receipts: shuffle(d.receipts), kits: shuffle(d.kits) };
        expect(monthFingerprint(new Model(shuffled), '2026-03', US)).toBe(monthFingerprint(new Model(d), '2026-03', US));
      }),
      { numRuns: 100 },
    );
  });
});
