import { describe, expect, it } from 'vitest';
import {
  asLedgerRow, detailImportRefusal, isBeforeOpening, myiCheck, planCloseMonth, planStartMidStream, reconcile,
  type InventoryRow, type ReconcileData,
} from '../../../src/core/reconcile';
import { d, data, detailImport, kit, receipt, row, summary, summaryImport, US } from './helpers';

function inv(snapshot: string, msku: string, q: Partial<InventoryRow>, source = 'file:myi.txt', location = US): InventoryRow {
  return {
    snapshot: d(snapshot), location, msku, fnsku: 'X', warehouse: 0, fulfillable: 0, unsellable: 0, reserved: 0, total: 0,
    inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, source, ...q,
  };
}

const kits = [kit('SKU2-3PK', 'SKU2', 3)];

function february(): ReconcileData {
  return data({
    kits,
    summary: [
      summary('2026-02', 'SKU1', { starting: 40, ending: 40, inTransit: 3 }),
      summary('2026-02', 'SKU1', { starting: 2, ending: 2 }, { disposition: 'DEFECTIVE' }),
      summary('2026-02', 'SKU2', { starting: 10 }),
    ],
    importLog: [summaryImport('2026-02')],
  });
}

describe('start mid-stream', () => {
  it('writes OPENING rows = Amazon ending over dispositions + in transit between warehouses + inbound in transit', () => {
    const plan = planStartMidStream(february(), {
      month: '2026-02', location: US, inboundInTransit: { SKU1: 10 },
      inventory: [inv('2026-03-02', 'SKU2-3PK', { inboundShipped: 1, inboundReceiving: 1 }), inv('2026-03-02', 'SKU1', { inboundShipped: 99 })],
    });
    expect(plan.ok).toBe(true);
    expect(plan.write).toEqual([
      { day: d('2026-02-28'), event: 'OPENING', sku: 'SKU1', lot: null, quantity: 55, location: US, disposition: '', reason: '', reference: '', source: 'opening:2026-02', key: 'opening:2026-02:FBA-US:SKU1' },
      { day: d('2026-02-28'), event: 'OPENING', sku: 'SKU2', lot: null, quantity: 16, location: US, disposition: '', reason: '', reference: '', source: 'opening:2026-02', key: 'opening:2026-02:FBA-US:SKU2' },
    ]);
    expect(plan.components).toEqual([
      { sku: 'SKU1', ending: 42, inTransitBetweenWarehouses: 3, inboundInTransit: 10, inboundFrom: 'seller', total: 55 },
      { sku: 'SKU2', ending: 10, inTransitBetweenWarehouses: 0, inboundInTransit: 6, inboundFrom: 'MYI', total: 16 },
    ]);
    expect(plan.opening).toEqual({ location: US, month: '2026-02', day: d('2026-02-28'), inboundInTransit: { SKU1: 10, SKU2: 6 } });
  });

  it('the seller may give inbound per Amazon SKU (multipacks map to component units); no inbound means 0 with a warning', () => {
    const plan = planStartMidStream(february(), { month: '2026-02', location: US, inboundInTransit: { 'sku2-3pk': 2 } });
    expect(plan.write.map((r) => [r.sku, r.quantity])).toEqual([['SKU1', 45], ['SKU2', 16]]);
    const none = planStartMidStream(february(), { month: '2026-02', location: US });
    expect(none.write.map((r) => [r.sku, r.quantity])).toEqual([['SKU1', 45], ['SKU2', 10]]);
    expect(none.warnings).toContain('No inbound in transit given and no Amazon Inventory imported: inbound in transit taken as 0.');
    expect(() => planStartMidStream(february(), { month: '2026-02', location: US, inboundInTransit: { SKU1: -1 } })).toThrow(/≥ 0/);
  });

  it("refuses when the month's summary is missing, the month has not ended, another opening exists, or a later month is closed", () => {
    expect(planStartMidStream(february(), { month: '2026-01', location: US }).blockers).toEqual([
      'Import the Amazon Summary for 2026-01 (FBA-US) first: the opening is Amazon\'s ending of that month.',
    ]);
    expect(planStartMidStream({ ...february(), today: d('2026-02-28') }, { month: '2026-02', location: US }).blockers)
      .toEqual(['2026-02 has not ended yet: start from a complete month.']);
    const other = { ...february(), openings: [{ location: US, month: '2026-01', day: d('2026-01-31'), inboundInTransit: {} }] };
    expect(planStartMidStream(other, { month: '2026-02', location: US }).ok).toBe(false);
    expect(planStartMidStream(february(), { month: '2026-02', location: 'FBA-CA' }).ok).toBe(false);
  });

  it('running it again for the same month replaces its rows', () => {
    const first = planStartMidStream(february(), { month: '2026-02', location: US });
    const again = planStartMidStream({ ...february(), ledger: first.write.map(asLedgerRow), openings: [first.opening!] }, {
      month: '2026-02', location: US, inboundInTransit: { SKU1: 1 },
    });
    expect(again.ok).toBe(true);
    expect(again.removeKeys).toEqual(['opening:2026-02:FBA-US:SKU1', 'opening:2026-02:FBA-US:SKU2']);
    expect(again.warnings.filter((w) => w.includes('count on top'))).toEqual([]);
  });

  it('refuses detail imports dated on or before the opening day, for that location only', () => {
    const openings = [{ location: US, month: '2026-02', day: d('2026-02-28'), inboundInTransit: {} }];
    expect(isBeforeOpening(openings, US, d('2026-02-28'))).toBe(true);
    expect(isBeforeOpening(openings, US, d('2026-03-01'))).toBe(false);
    expect(isBeforeOpening(openings, 'FBA-CA', d('2026-01-01'))).toBe(false);
    expect(detailImportRefusal(openings, US, d('2026-03-01'), d('2026-03-31'))).toBeNull();
    expect(detailImportRefusal(openings, US, d('2026-02-20'), d('2026-03-05'))).toBe(
      'FBA-US started mid-stream at 2026-02-28: detail rows dated on or before that day are refused (this import has days from 2026-02-20); import from 2026-03-01 on.',
    );
  });

  it('the next month reconciles against the opening, inbound received later included', () => {
    const feb = february();
    const plan = planStartMidStream(feb, {
      month: '2026-02', location: US, inboundInTransit: { SKU1: 10 },
      inventory: [inv('2026-03-02', 'SKU2-3PK', { inboundShipped: 2 })],
    });
    const march: ReconcileData = {
      ...feb,
      ledger: [...plan.write.map(asLedgerRow), row('2026-03-10', 'SHIPMENT', 'SKU1', -5)],
      openings: [plan.opening!],
      receipts: [receipt('2026-03-12', 'FBA77', 'SKU1', 10), receipt('2026-03-15', 'FBA78', 'SKU2-3PK', 2)],
      summary: [
        ...feb.summary,
        summary('2026-03', 'SKU1', { starting: 42, receipts: 10, shipments: -5, inTransit: 3 }),
        summary('2026-03', 'SKU2', { starting: 10 }),
        summary('2026-03', 'SKU2-3PK', { receipts: 2 }),
      ],
      importLog: [...feb.importLog, summaryImport('2026-03'), detailImport('2026-03-01', '2026-03-31')],
    };
    const r = reconcile(march, { month: '2026-03', location: US });
    expect(r.lines.map((l) => [l.sku, l.opening, l.closing, l.amazonEnding, l.amazonInTransitBetweenWarehouses, l.inboundInTransit, l.variance, l.cause]))
      .toEqual([['SKU1', 55, 50, 47, 3, 0, 0, ''], ['SKU2', 16, 16, 16, 0, 0, 0, '']]);
    expect(r.lines.every((l) => l.flows!.every((f) => f.ours === f.amazon))).toBe(true);
    expect(r.canClose).toBe(true);
    // The opening month closes too (its days are on or before the opening day); earlier ones do not.
    const febReview = reconcile(march, { month: '2026-02', location: US });
    expect(febReview.lines.map((l) => [l.sku, l.closing, l.inboundInTransit, l.variance])).toEqual([['SKU1', 55, 10, 0], ['SKU2', 16, 6, 0]]);
    expect(febReview.canClose).toBe(true);
    expect(planCloseMonth({ ...march, summary: [...march.summary, summary('2026-01', 'SKU1', {})], importLog: [...march.importLog, summaryImport('2026-01')] }, {
      month: '2026-01', location: US, closedAt: 'x',
    }).blockers).toContain('FBA-US: 2026-01 is before the opening (started mid-stream at the end of 2026-02).');
  });
});

describe('MYI check', () => {
  it("compares today's on hand with afn-warehouse + inbound shipped + inbound receiving (latest snapshot, one marketplace)", () => {
    const ledger = [
      row('2026-02-10', 'TRANSFER', 'SKU1', 100, { lot: 'A' }),
      row('2026-03-05', 'SHIPMENT', 'SKU1', -30),
      row('2026-03-20', 'SHIPMENT', 'SKU1', -1),
      row('2026-03-01', 'TRANSFER', 'SKU2-3PK', 4, { lot: 'B' }),
    ];
    const inventory = [
      inv('2026-03-01', 'SKU1', { warehouse: 1 }),
      inv('2026-03-15', 'SKU1', { warehouse: 999 }, 'report:DE'),
      inv('2026-03-15', 'SKU1', { warehouse: 60, inboundShipped: 5, inboundReceiving: 3 }, 'report:FR'),
      inv('2026-03-15', 'SKU2-3PK', { warehouse: 4 }, 'report:FR'),
    ];
    const { lines, warnings } = myiCheck({ ledger, kits, inventory });
    expect(lines).toEqual([
      { location: US, sku: 'SKU1', snapshot: '2026-03-15', onHand: 70, warehouse: 60, inboundShipped: 5, inboundReceiving: 3, amazon: 68, difference: 2 },
      { location: US, sku: 'SKU2', snapshot: '2026-03-15', onHand: 12, warehouse: 12, inboundShipped: 0, inboundReceiving: 0, amazon: 12, difference: 0 },
    ]);
    expect(warnings).toEqual(['FBA-US: Amazon Inventory of 2026-03-15 comes from 2 imports; only report:FR is used (one marketplace per pool).']);
  });
});
