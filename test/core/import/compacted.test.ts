/**
 * Months folded by "Compact closed months" are final: importing their days again writes no ledger
 * row there (the compacted rows stand for them) and replaces none, while receipts and other months
 * import as usual.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/days';
import { planImport } from '../../../src/core/import/importPlan';
import { LOCATIONS, rec, report } from './helpers';

const feb = (d: number) => dayFromYmd(2025, 2, d);
const mar = (d: number) => dayFromYmd(2025, 3, d);

describe('imports over a compacted month', () => {
  const compacted = [feb(28), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -40, '', 'FBA-US', 'SELLABLE', '', '', 'compacted:2025-02', 'k1:0'];
  const unfolded = [feb(10), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', '', '111-1', 'report:9', 'k1:1'];
  const file = report([
    rec({ day: feb(3), eventType: 'Shipments', quantity: -5 }),
    rec({ day: feb(10), eventType: 'Shipments', quantity: -1, referenceId: '111-1' }),
    rec({ day: feb(12), eventType: 'Receipts', quantity: 20, referenceId: 'FBA15X' }),
    rec({ day: mar(2), eventType: 'Shipments', quantity: -2 }),
  ]);

  it('writes and replaces no ledger row of the compacted month, but imports its receipts and other months', () => {
    const plan = planImport(file, { ledger: [compacted, unfolded], receipts: [] }, { source: 'file:again.tsv', locations: LOCATIONS });
    expect(plan.ledger.append.map((r) => r[0])).toEqual([mar(2)]);
    expect(plan.ledger.deleteBlocks).toEqual([]);
    expect(plan.receipts.append).toHaveLength(1);
    expect(plan.warnings.join('\n')).toMatch(/2 ledger rows of months already compacted \(FBA-US 2025-02\) were not imported again/);
    expect(plan.counts.rowsSkipped).toBeGreaterThanOrEqual(2);
  });

  it('leaves other locations alone', () => {
    const other = report([rec({ day: feb(3), eventType: 'Shipments', quantity: -5, country: 'CA' })]);
    const plan = planImport(other, { ledger: [compacted] }, { source: 'file:ca.tsv', locations: LOCATIONS });
    expect(plan.ledger.append).toHaveLength(1);
  });
});
