import { describe, expect, it } from 'vitest';
import { reconcile, type ReconcileLine } from '../../../src/core/reconcile';
import { d, data, detailImport, kit, receipt, row, summary, summaryImport, US } from './helpers';
import { base, setMarch, toData } from './scenarios';

function line(result: { lines: ReconcileLine[] }, sku: string): ReconcileLine {
  const l = result.lines.find((x) => x.sku === sku);
  if (!l) throw new Error(`no line ${sku}`);
  return l;
}

describe('roll-forward', () => {
  it('a month that agrees: every figure, variance 0, no cause', () => {
    const r = reconcile(toData(base()), { month: '2026-03', location: US });
    expect(r.lines).toHaveLength(1);
    const { causeKind, flows, ...wire } = r.lines[0];
    expect(wire).toEqual({
      month: '2026-03', location: US, sku: 'SKU1',
      opening: 100, transfers: 0, shipments: -30, returns: 2, removals: 0, adjustments: -1, reconciliation: 0, closing: 71,
      amazonStarting: 100, amazonReceipts: 0, amazonShipments: -30, amazonReturns: 2, amazonRemovals: 0, amazonAdjustments: -1,
      amazonEnding: 71, amazonInTransitBetweenWarehouses: 0, inboundInTransit: 0, variance: 0, cause: '', causeCode: null, status: 'OPEN',
      closedAt: null, fingerprint: null,
    });
    expect(causeKind).toBe('');
    expect(flows!.every((f) => f.ours === f.amazon)).toBe(true);
    expect(r.canClose).toBe(true);
    expect(r.closeBlockers).toEqual([]);
    expect(r.closed).toBe(false);
    expect(r.shortfalls).toEqual([]);
    const feb = reconcile(toData(base()), { month: '2026-02' });
    expect(line(feb, 'SKU1')).toMatchObject({ opening: 0, transfers: 100, closing: 100, amazonReceipts: 100, amazonEnding: 100, variance: 0, cause: '' });
  });

  it('OPENING rows of the month go to Opening; rows before the month too', () => {
    const s = base();
    s.ledger.push(row('2026-03-31', 'OPENING', 'SKU1', 5));
    s.ledger.push(row('2026-01-05', 'OPENING', 'SKU1', 7));
    const l = line(reconcile(toData(s), { month: '2026-03' }), 'SKU1');
    expect(l.opening).toBe(112);
    expect(l.closing).toBe(83);
    expect(l.closing).toBe(l.opening + l.transfers + l.shipments + l.returns + l.removals + l.adjustments + l.reconciliation);
  });

  it("sums Amazon's figures over dispositions; Adjustments = Found + Lost + Damaged + Disposed + Other + Unknown", () => {
    const s = base();
    setMarch(s, summary('2026-03', 'SKU1', { starting: 100, shipments: -30, returns: 1, found: 2, lost: -3, damaged: -1, other: -1, unknown: 1, vendorReturns: -4 }));
    s.summary.push(summary('2026-03', 'SKU1', { returns: 1, damaged: 1, disposed: -1, inTransit: 2, whse: -2 }, { disposition: 'CUSTOMER_DAMAGED' }));
    const l = line(reconcile(toData(s), { month: '2026-03' }), 'SKU1');
    expect(l).toMatchObject({
      amazonStarting: 100, amazonShipments: -30, amazonReturns: 2, amazonRemovals: -4, amazonAdjustments: -2,
      amazonEnding: 100 - 30 + 1 + 2 - 3 - 1 - 1 + 1 - 4 + 1 + 1 - 1 - 2, amazonInTransitBetweenWarehouses: 2,
    });
  });

  it("Warehouse Transfer In/Out is no compared flow; it gives the previous month's in transit when that summary is missing", () => {
    const s = base();
    // Two units were between FCs at the end of February and arrived in March.
    s.summary = s.summary.filter((r) => r.month !== '2026-02');
    s.importLog = s.importLog.filter((e) => !(e.reportType === 'GET_LEDGER_SUMMARY_VIEW_DATA' && e.dataStart === d('2026-02-01')));
    setMarch(s, summary('2026-03', 'SKU1', { starting: 98, whse: 2, shipments: -30, returns: 2, lost: -1 }));
    const l = line(reconcile(toData(s), { month: '2026-03' }), 'SKU1');
    expect(l).toMatchObject({ amazonEnding: 71, amazonAdjustments: -1, amazonInTransitBetweenWarehouses: 0, variance: 0 });
    expect(l.flows!.find((f) => f.flow === 'Opening')).toEqual({ flow: 'Opening', ours: 100, amazon: 100 });
    // With February's summary imported, its own figure is used.
    s.summary.push(summary('2026-02', 'SKU1', { receipts: 100, ending: 98, inTransit: 2 }));
    s.importLog.push(summaryImport('2026-02'));
    const l2 = line(reconcile(toData(s), { month: '2026-03' }), 'SKU1');
    expect(l2.flows!.find((f) => f.flow === 'Opening')).toEqual({ flow: 'Opening', ours: 100, amazon: 100 });
  });

  it('no summary for the month: Amazon figures null, variance null, a cause says so', () => {
    const s = base();
    s.ledger.push(row('2026-04-02', 'SHIPMENT', 'SKU1', -1));
    const r = reconcile(toData(s), { month: '2026-04', location: US });
    expect(r.lines[0]).toMatchObject({
      amazonStarting: null, amazonEnding: null, amazonInTransitBetweenWarehouses: null, variance: null, causeKind: 'no-summary',
    });
    expect(r.lines[0].cause).toBe('no Amazon Summary for 2026-04 at FBA-US; days not imported: 2026-04-01..2026-04-30 (all event types)');
    expect(r.canClose).toBe(false);
  });

  it('a summary import with no data rows means Amazon holds nothing (figures 0, not null)', () => {
    const s = base();
    s.ledger.push(row('2026-04-02', 'TRANSFER', 'SKU2', 5));
    s.importLog.push(detailImport('2026-04-01', '2026-04-30'), summaryImport('2026-04', US, 'NO_DATA'));
    const r = reconcile(toData(s), { month: '2026-04' });
    expect(line(r, 'SKU2')).toMatchObject({ amazonEnding: 0, inboundInTransit: 5, variance: 0 });
  });

  it('multipack kits map Amazon figures and our rows to component units', () => {
    const kits = [kit('SKU1-6PK', 'SKU1', 6)];
    const ledger = [
      row('2026-03-01', 'TRANSFER', 'SKU1-6PK', 10, { lot: 'A', reference: 'FBA4' }),
      row('2026-03-01', 'TRANSFER', 'SKU1', 60, { lot: 'B', reference: 'FBA5' }),
      row('2026-03-10', 'SHIPMENT', 'sku1-6pk', -2),
      row('2026-03-11', 'SHIPMENT', 'SKU1', -5),
    ];
    const receipts = [receipt('2026-03-05', 'FBA4', 'SKU1-6PK', 10), receipt('2026-03-06', 'FBA5', 'SKU1', 60)];
    const sum = [
      summary('2026-03', 'SKU1-6PK', { receipts: 10, shipments: -2 }),
      summary('2026-03', 'SKU1', { receipts: 60, shipments: -5 }),
    ];
    const r = reconcile(data({ ledger, kits, receipts, summary: sum, importLog: [detailImport('2026-03-01', '2026-03-31'), summaryImport('2026-03')] }), { month: '2026-03' });
    expect(r.lines.map((l) => l.sku)).toEqual(['SKU1']);
    expect(r.lines[0]).toMatchObject({
      transfers: 120, shipments: -17, closing: 103, amazonReceipts: 120, amazonShipments: -17, amazonEnding: 103, inboundInTransit: 0,
      variance: 0, cause: '',
    });
  });

  it('inbound in transit = TRANSFER units − Amazon Receipts units up to month end; the shortfall turns overdue 30 days after its first receipt', () => {
    const s = base();
    s.ledger.push(row('2026-03-20', 'TRANSFER', 'SKU1', 100, { lot: 'B', reference: 'FBA3' }));
    s.receipts.push(receipt('2026-03-28', 'FBA3', 'SKU1', 60));
    s.receipts.push(receipt('2026-04-10', 'FBA3', 'SKU1', 30));
    setMarch(s, summary('2026-03', 'SKU1', { starting: 100, receipts: 60, shipments: -30, returns: 2, lost: -1 }));
    s.summary.push(summary('2026-04', 'SKU1', { starting: 131, receipts: 30 }));
    s.importLog.push(detailImport('2026-04-01', '2026-04-30'), summaryImport('2026-04'));
    const mar = reconcile(toData(s), { month: '2026-03' });
    expect(line(mar, 'SKU1')).toMatchObject({ transfers: 100, closing: 171, amazonEnding: 131, inboundInTransit: 40, variance: 0, cause: '' });
    expect(mar.shortfalls).toEqual([{
      location: US, shipmentId: 'FBA3', sku: 'SKU1', sent: 100, received: 60, adjusted: 0, difference: 40, firstReceipt: '2026-03-28',
      lots: ['B'], overdue: false, singleLot: 'B',
    }]);
    const apr = reconcile(toData(s), { month: '2026-04' });
    expect(line(apr, 'SKU1')).toMatchObject({ closing: 171, amazonEnding: 161, inboundInTransit: 10, variance: 0 });
    // 2026-04-30 ≥ 2026-03-28 + 30 = 2026-04-27
    expect(apr.shortfalls).toMatchObject([{ shipmentId: 'FBA3', sent: 100, received: 90, difference: 10, overdue: true }]);
  });

  it('overdue exactly at thirty days', () => {
    const mk = (first: string) => {
      const s = base();
      s.ledger.push(row('2026-02-20', 'TRANSFER', 'SKU1', 10, { lot: 'C', reference: 'FBA9' }));
      s.receipts.push(receipt(first, 'FBA9', 'SKU1', 8));
      return reconcile(toData(s), { month: '2026-03' }).shortfalls[0];
    };
    expect(mk('2026-03-01').overdue).toBe(true); // 03-31 = 03-01 + 30
    expect(mk('2026-03-02').overdue).toBe(false);
  });

  it('a shipment of several lots, or with unspecified units, has no single lot', () => {
    const s = base();
    s.ledger.push(row('2026-03-20', 'TRANSFER', 'SKU1', 5, { lot: 'B', reference: 'FBA7' }));
    s.ledger.push(row('2026-03-20', 'TRANSFER', 'SKU1', 5, { lot: 'C', reference: 'fba7' }));
    s.ledger.push(row('2026-03-21', 'TRANSFER', 'SKU1', 5, { lot: 'D', reference: 'FBA8' }));
    s.ledger.push(row('2026-03-21', 'TRANSFER', 'SKU1', 5, { lot: null, reference: 'FBA8' }));
    const r = reconcile(toData(s), { month: '2026-03' });
    expect(r.shortfalls.map((x) => [x.shipmentId, x.sent, x.lots, x.singleLot, x.firstReceipt, x.overdue])).toEqual([
      ['FBA7', 10, ['B', 'C'], null, null, false],
      ['FBA8', 10, ['D', 'UNSPECIFIED'], null, null, false],
    ]);
  });

  it('an ADJUSTMENT whose Reference is the shipment ID writes the shortfall off (inbound in transit drops with it)', () => {
    const s = base();
    s.ledger.push(row('2026-02-20', 'TRANSFER', 'SKU1', 50, { lot: 'B', reference: 'FBA2' }));
    s.receipts.push(receipt('2026-03-01', 'FBA2', 'SKU1', 45));
    setMarch(s, summary('2026-03', 'SKU1', { starting: 100, receipts: 45, shipments: -30, returns: 2, lost: -1 }));
    const before = reconcile(toData(s), { month: '2026-03' });
    expect(line(before, 'SKU1')).toMatchObject({ closing: 121, amazonEnding: 116, inboundInTransit: 5, variance: 0 });
    expect(before.shortfalls).toMatchObject([{ shipmentId: 'FBA2', difference: 5, overdue: true, singleLot: 'B' }]);
    s.ledger.push(row('2026-03-31', 'ADJUSTMENT', 'SKU1', -5, { lot: 'B', reference: 'FBA2', source: 'manual' }));
    const after = reconcile(toData(s), { month: '2026-03' });
    expect(line(after, 'SKU1')).toMatchObject({ closing: 116, inboundInTransit: 0, variance: 0, cause: '' });
    expect(after.shortfalls).toEqual([]);
  });

  it('every location when none is given, sorted, each with its own lines', () => {
    const s = base();
    s.ledger.push(row('2026-03-03', 'TRANSFER', 'SKU1', 4, { location: 'FBA-CA' }));
    const r = reconcile(toData(s), { month: '2026-03' });
    expect(r.locations).toEqual(['FBA-CA', 'FBA-US']);
    expect(r.lines.map((l) => [l.location, l.sku, l.closing])).toEqual([['FBA-CA', 'SKU1', 4], ['FBA-US', 'SKU1', 71]]);
    expect(r.canClose).toBe(false);
    expect(r.closeBlockers.some((b) => b.startsWith('FBA-CA: the Amazon Summary for 2026-03 is not imported'))).toBe(true);
  });

  it('SKUs differing only in case are one line, with a warning', () => {
    const s = base();
    s.ledger.push(row('2026-03-20', 'SHIPMENT', 'sku1', -1));
    const r = reconcile(toData(s), { month: '2026-03' });
    expect(r.lines.map((l) => [l.sku, l.shipments])).toEqual([['SKU1', -31]]);
    expect(r.warnings.some((w) => w.includes('"sku1"'))).toBe(true);
  });

  it('receipts of shipments no TRANSFER row names give a warning', () => {
    const s = base();
    s.receipts.push(receipt('2026-03-03', 'FBAX', 'SKU1', 1));
    expect(reconcile(toData(s), { month: '2026-03' }).warnings.some((w) => w.includes('FBAX'))).toBe(true);
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => reconcile(toData(base()), { month: '2026-13' })).toThrow(/YYYY-MM/);
    expect(d('2026-03-01')).toBeGreaterThan(0);
  });
});
