import { describe, expect, it } from 'vitest';
import { reconcile, type ReconcileLine } from '../../../src/core/reconcile';
import { detailImport, kit, receipt, row, summary, US } from './helpers';
import { base, setMarch, toData, type Scenario } from './scenarios';

function sku1(s: Scenario, extra = {}): ReconcileLine {
  const l = reconcile(toData(s, extra), { month: '2026-03', location: US }).lines.find((x) => x.sku === 'SKU1');
  if (!l) throw new Error('no SKU1 line');
  return l;
}

/** Amazon lost a unit without an event: its ending is one lower than its own flows. */
function unexplained(s: Scenario): void {
  setMarch(s, summary('2026-03', 'SKU1', { starting: 100, shipments: -30, returns: 2, lost: -1, ending: 70 }));
}

/** Amazon shipped 2 fewer than the ledger's SHIPMENT rows. */
function flowMismatch(s: Scenario): void {
  setMarch(s, summary('2026-03', 'SKU1', { starting: 100, shipments: -28, returns: 2, lost: -1 }));
}

/** A shipment short by 5 for 30 days, written off by an ADJUSTMENT that does not name the shipment. */
function shortfall(s: Scenario): void {
  s.ledger.push(row('2026-02-20', 'TRANSFER', 'SKU1', 50, { lot: 'B', reference: 'FBA2' }));
  s.receipts.push(receipt('2026-03-01', 'FBA2', 'SKU1', 45));
  s.ledger.push(row('2026-03-31', 'ADJUSTMENT', 'SKU1', -5, { lot: 'B', source: 'manual' }));
  const m = s.summary.find((r) => r.month === '2026-03' && r.msku === 'SKU1')!;
  m.figures['Receipts'] += 45;
  m.figures['Ending Warehouse Balance'] += 45;
}

/** Amazon's summary lists an SKU the workbook has never seen. */
function unknownSku(s: Scenario): void {
  s.summary.push(summary('2026-03', 'MYSTERY', { starting: 4 }));
}

/** Shipments of 2026-03-04..06 were never imported. */
function missingDays(s: Scenario): void {
  s.importLog = s.importLog.filter((e) => e.reportType !== 'GET_LEDGER_DETAIL_VIEW_DATA');
  s.importLog.push(
    detailImport('2026-02-01', '2026-03-31', ['CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts']),
    detailImport('2026-02-01', '2026-03-03', ['Shipments']),
    detailImport('2026-03-07', '2026-03-31', ['Shipments']),
  );
}

describe('causes of disagreeing lines', () => {
  it('(5) unexplained: every flow agrees but the variance is not 0', () => {
    const s = base();
    unexplained(s);
    const l = sku1(s);
    expect(l.variance).toBe(1);
    expect(l.cause).toBe('unexplained');
    expect(l.causeKind).toBe('unexplained');
  });

  it('(4) flow mismatch names the flow and both figures', () => {
    const s = base();
    flowMismatch(s);
    const l = sku1(s);
    expect(l.variance).toBe(-2);
    expect(l.cause).toBe('flow mismatch: Shipments -30 vs Amazon shipments -28');
  });

  it('(4) compares Transfers less the change in inbound in transit with Amazon receipts', () => {
    const s = base();
    s.ledger.push(row('2026-03-20', 'TRANSFER', 'SKU1', 10, { lot: 'B', reference: 'FBA6' }));
    s.receipts.push(receipt('2026-03-25', 'FBA6', 'SKU1', 10));
    // Amazon's summary counts only 8 of the 10 received.
    setMarch(s, summary('2026-03', 'SKU1', { starting: 100, receipts: 8, shipments: -30, returns: 2, lost: -1 }));
    const l = sku1(s);
    expect(l).toMatchObject({ transfers: 10, inboundInTransit: 0, variance: 2 });
    expect(l.cause).toBe('flow mismatch: Transfers less the change in inbound in transit 10 vs Amazon receipts 8');
  });

  it('(4) an opening carried from an earlier disagreement is named', () => {
    const s = base();
    s.summary = s.summary.filter((r) => r.month !== '2026-02');
    s.summary.push(summaryFeb(95));
    setMarch(s, summary('2026-03', 'SKU1', { starting: 95, shipments: -30, returns: 2, lost: -1 }));
    const l = sku1(s);
    expect(l.variance).toBe(5);
    expect(l.cause).toBe('flow mismatch: Opening 100 vs Amazon starting + in transit at the previous month end 95');
  });

  it('(4) a posted RECONCILIATION row counts with Adjustments', () => {
    const s = base();
    s.ledger.push(row('2026-03-31', 'RECONCILIATION', 'SKU1', -3, { key: 'reconciliation:2026-03:FBA-US:SKU1', source: 'reconciliation:2026-03' }));
    expect(sku1(s).cause).toBe('flow mismatch: Adjustments + Reconciliation -4 vs Amazon adjustments -1');
  });

  it('(3) inbound shortfall: a shipment short at month end, 30 days after its first receipt', () => {
    const s = base();
    shortfall(s);
    const l = sku1(s);
    expect(l.variance).toBe(-5);
    expect(l.cause).toBe('inbound shortfall: FBA2 sent 50, received 45 (5 outstanding since 2026-03-01)');
  });

  it('(3) does not apply before thirty days: the flow mismatch is named instead', () => {
    const s = base();
    shortfall(s);
    s.receipts = s.receipts.map((r) => (r.shipmentId === 'FBA2' ? { ...r, day: r.day + 1 } : r));
    expect(sku1(s).causeKind).toBe('flow-mismatch');
  });

  it('(2) an Amazon SKU neither in Kits nor on any ledger row', () => {
    const s = base();
    unknownSku(s);
    const r = reconcile(toData(s), { month: '2026-03' });
    const mystery = r.lines.find((l) => l.sku === 'MYSTERY')!;
    expect(mystery).toMatchObject({ closing: 0, amazonEnding: 4, variance: -4 });
    expect(mystery.cause).toBe('Amazon SKU in the summary but neither in Kits nor on any ledger row: MYSTERY (a missing Kits row?)');
    // SKU1 agrees: no cause.
    expect(r.lines.find((l) => l.sku === 'SKU1')!.cause).toBe('');
  });

  it('(2) an Amazon SKU in Kits, or on a ledger row of any location, is known', () => {
    const s = base();
    unknownSku(s);
    expect(reconcile(toData(s, { kits: [kit('MYSTERY', 'SKU1', 2)] }), { month: '2026-03' }).lines[0].causeKind).toBe('flow-mismatch');
    s.ledger.push(row('2026-01-05', 'ADJUSTMENT', 'mystery', 0, { location: 'FBA-CA' }));
    // The ledger's spelling is displayed (the first seen).
    const l = reconcile(toData(s), { month: '2026-03', location: US }).lines.find((x) => x.sku === 'mystery')!;
    expect(l).toMatchObject({ amazonEnding: 4, causeKind: 'flow-mismatch' });
  });

  it('(1) days not imported, listed compactly by event type', () => {
    const s = base();
    missingDays(s);
    s.ledger = s.ledger.filter((r) => r.event !== 'SHIPMENT');
    const l = sku1(s);
    expect(l.variance).toBe(30);
    expect(l.cause).toBe('days not imported: 2026-03-04..2026-03-06 (Shipments)');
  });

  it('(1) days with no import at all say "all event types"', () => {
    const s = base();
    s.importLog = s.importLog.filter((e) => e.reportType !== 'GET_LEDGER_DETAIL_VIEW_DATA');
    s.importLog.push(detailImport('2026-02-01', '2026-03-19'), detailImport('2026-03-21', '2026-03-31'));
    s.importLog.push(detailImport('2026-03-20', '2026-03-20', ['Shipments', 'Receipts']));
    unexplained(s);
    expect(sku1(s).cause).toBe('days not imported: 2026-03-20 (CustomerReturns, VendorReturns, Adjustments)');
  });

  it('precedence: days not imported, then unknown SKU, then shortfall, then flow mismatch, then unexplained', () => {
    const s = base();
    unexplained(s);
    const kinds: string[] = [sku1(s).causeKind];
    flowMismatch(s);
    kinds.push(sku1(s).causeKind);
    shortfall(s);
    kinds.push(sku1(s).causeKind);
    unknownSku(s);
    kinds.push(sku1(s).causeKind);
    missingDays(s);
    kinds.push(sku1(s).causeKind);
    expect(kinds).toEqual(['unexplained', 'flow-mismatch', 'inbound-shortfall', 'unknown-amazon-sku', 'days-not-imported']);
    // And each removed in turn, from the first, reveals the next.
    const all = base();
    flowMismatch(all);
    shortfall(all);
    unknownSku(all);
    missingDays(all);
    expect(sku1(all).causeKind).toBe('days-not-imported');
    all.importLog.push(detailImport('2026-03-04', '2026-03-06', ['Shipments']));
    expect(sku1(all).causeKind).toBe('unknown-amazon-sku');
    all.summary = all.summary.filter((r) => r.msku !== 'MYSTERY');
    expect(sku1(all).causeKind).toBe('inbound-shortfall');
    all.ledger = all.ledger.filter((r) => !(r.event === 'ADJUSTMENT' && r.lot === 'B'));
    all.ledger.push(row('2026-03-31', 'ADJUSTMENT', 'SKU1', -5, { lot: 'B', reference: 'FBA2', source: 'manual' }));
    expect(sku1(all).causeKind).toBe('flow-mismatch');
  });

  it('a line that agrees has no cause even when days are missing', () => {
    const s = base();
    missingDays(s);
    expect(sku1(s)).toMatchObject({ variance: 0, cause: '', causeKind: '' });
  });
});

function summaryFeb(ending: number) {
  return summary('2026-02', 'SKU1', { receipts: 100, ending });
}
