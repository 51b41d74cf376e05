/**
 * The monthly reconciliation through the built bundle (spec §7, §9): every call is a fresh load of
 * dist/Code.js through google.script.run's rules, over a workbook set up by the bundle and seeded
 * with realistic rows (see reconcileFixture.ts).
 */
import { describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, runOnOpen, type FakeEnv } from '../fakes/index';
import type {
  CloseMonthResult, ReconciliationLine, ReconciliationResult, StartMidStreamResult, TransferResult,
} from '../../src/shared/wire';
import { dataRows } from './helpers';
import {
  add, book, DETAIL, EU, ledger, logLine, NOW, receipt, replaceRow, state, summary, US,
} from './reconcileFixture';

function review(env: FakeEnv, month: string, location?: string | null): ReconciliationResult {
  return callFromClient(env, 'getReconciliation', [{ month, location }]) as ReconciliationResult;
}

function line(r: ReconciliationResult, sku: string, location = US): ReconciliationLine {
  const l = r.lines.find((x) => x.sku === sku && x.location === location);
  if (!l) throw new Error(`no line ${sku} at ${location} in ${JSON.stringify(r.lines.map((x) => x.sku))}`);
  return l;
}

function close(env: FakeEnv, month: string, location: string | null, postAdjustments: string[] = [], notes?: Record<string, string>): CloseMonthResult {
  return callFromClient(env, 'closeMonth', [{ month, location, postAdjustments, notes }]) as CloseMonthResult;
}

/** Calls a server function that must refuse, and checks that no sheet and no document property changed. */
function refused(env: FakeEnv, name: string, arg: unknown, message: RegExp): string {
  const before = state(env);
  let error: Error | null = null;
  try {
    callFromClient(env, name, [arg]);
  } catch (err) {
    error = err as Error;
  }
  expect(error, `${name} should have been refused`).not.toBeNull();
  expect(error!.message).toMatch(message);
  expect(error!.message).not.toMatch(/Something went wrong/);
  expect(state(env)).toBe(before);
  return error!.message;
}

/** The Reconciliation sheet's data rows as [Month, Location, SKU, …, Variance, Cause, Status]. */
function stored(env: FakeEnv): unknown[][] {
  return dataRows(env, 'Reconciliation');
}

const col = {
  month: 0, location: 1, sku: 2, reconciliation: 9, closing: 10, variance: 20, cause: 21, status: 22, closedAt: 23, fingerprint: 24,
};

function ledgerRows(env: FakeEnv, event: string): unknown[][] {
  return dataRows(env, 'FBA Ledger').filter((r) => r[1] === event);
}

/** March with every cause, then the causes removed one at a time, in the spec's order. */
function fixDays(env: FakeEnv): void {
  add(env, 'Import Log', [logLine('file:shipments-0304.csv', DETAIL, '2026-03-04', '2026-03-06', 'Shipments')]);
}
function fixUnknownSku(env: FakeEnv): void {
  add(env, 'Kits', [['MYSTERY-1', 'SKU3', 1]]);
}

describe('getReconciliation', () => {
  it('a month that agrees: every flow signed, Closing = Opening + flows, variance 0, ready to close', () => {
    const env = book();
    const before = state(env);
    const r = review(env, '2026-02', US);
    expect(state(env)).toBe(before);
    expect(r).toMatchObject({ month: '2026-02', locations: [US], closed: false, canClose: true, closeBlockers: [], warnings: [], shortfalls: [] });
    expect(r.lines.map((l) => l.sku)).toEqual(['SKU1', 'SKU2', 'SKU3']);
    // SKU1 includes the 6-pack: 10 packs sent = 60 units, 2 packs shipped = 12 units.
    expect(line(r, 'SKU1')).toMatchObject({
      opening: 160, transfers: 0, shipments: -42, returns: 2, removals: 0, adjustments: 0, reconciliation: 0, closing: 120,
      amazonStarting: 160, amazonReceipts: 0, amazonShipments: -42, amazonReturns: 2, amazonEnding: 120, amazonInTransitBetweenWarehouses: 0,
      inboundInTransit: 0, variance: 0, cause: '', causeCode: null, status: 'OPEN', closedAt: null, fingerprint: null,
    });
    expect(line(r, 'SKU2')).toMatchObject({ opening: 50, shipments: -10, adjustments: -1, closing: 39, amazonAdjustments: -1, variance: 0 });
    for (const l of r.lines) expect(l.closing).toBe(l.opening + l.transfers + l.shipments + l.returns + l.removals + l.adjustments + l.reconciliation);
    // Every location when none is given.
    expect(review(env, '2026-02')).toEqual(r);
    expect(review(env, '2026-02', '  ')).toEqual(r);
  });

  it('explains a variance by the first cause that applies, in the spec\'s order', () => {
    const env = book({ marchProblems: true });
    // (1) days not imported: explains every disagreeing line, and blocks the close.
    let r = review(env, '2026-03', US);
    for (const sku of ['SKU1', 'SKU2', 'SKU3']) {
      expect(line(r, sku)).toMatchObject({ causeCode: 'DAYS_NOT_IMPORTED', cause: 'days not imported: 2026-03-04..2026-03-06 (Shipments)' });
    }
    expect(line(r, 'MYSTERY-1')).toMatchObject({ variance: 0, causeCode: null });
    expect(r.canClose).toBe(false);
    expect(r.closeBlockers).toEqual(['FBA-US: days not imported: 2026-03-04..2026-03-06 (Shipments).']);

    // (2) an Amazon SKU neither in Kits nor on any ledger row.
    fixDays(env);
    r = review(env, '2026-03', US);
    for (const sku of ['SKU1', 'SKU2', 'SKU3']) {
      expect(line(r, sku).causeCode).toBe('UNKNOWN_AMAZON_SKU');
      expect(line(r, sku).cause).toMatch(/MYSTERY-1 \(a missing Kits row\?\)/);
    }
    expect(r.canClose).toBe(true);

    // (3) inbound shortfall, (4) flow mismatch, (5) unexplained.
    fixUnknownSku(env);
    r = review(env, '2026-03', US);
    expect(r.lines.map((l) => l.sku)).toEqual(['SKU1', 'SKU2', 'SKU3']);
    expect(line(r, 'SKU2')).toMatchObject({
      variance: -5, inboundInTransit: 5, causeCode: 'INBOUND_SHORTFALL',
      cause: 'inbound shortfall: FBA200 sent 40, received 35 (5 outstanding since 2026-03-01)',
    });
    expect(line(r, 'SKU1')).toMatchObject({
      variance: -2, causeCode: 'FLOW_MISMATCH', cause: 'flow mismatch: Shipments -25 vs Amazon shipments -23',
    });
    expect(line(r, 'SKU3')).toMatchObject({ variance: 1, causeCode: 'UNEXPLAINED', cause: 'unexplained' });
    expect(r.shortfalls).toEqual([
      { location: US, shipmentId: 'FBA200', sku: 'SKU2', sent: 40, received: 35, difference: 5, firstReceipt: '2026-03-01', lots: ['L2'], overdue: true, singleLot: 'L2' },
      { location: US, shipmentId: 'FBA300', sku: 'SKU1', sent: 24, received: 20, difference: 4, firstReceipt: '2026-03-25', lots: ['C'], overdue: false, singleLot: 'C' },
    ]);
  });

  it('a month with no summary: no Amazon figures, cause NO_SUMMARY, not closable', () => {
    const env = book();
    const r = review(env, '2026-04', US);
    expect(line(r, 'SKU1')).toMatchObject({ closing: 119, amazonEnding: null, variance: null, causeCode: 'NO_SUMMARY' });
    expect(line(r, 'SKU1').cause).toMatch(/^no Amazon Summary for 2026-04 at FBA-US; days not imported: 2026-04-01\.\.2026-04-30 \(all event types\)/);
    expect(r.canClose).toBe(false);
    expect(r.closeBlockers).toContain('FBA-US: the Amazon Summary for 2026-04 is not imported.');
  });

  it('an inbound shortfall is listed at month end and turns overdue thirty days after its first receipt', () => {
    const env = book({ april: true });
    const march = review(env, '2026-03', US);
    expect(march.shortfalls).toEqual([
      { location: US, shipmentId: 'FBA300', sku: 'SKU1', sent: 24, received: 20, difference: 4, firstReceipt: '2026-03-25', lots: ['C'], overdue: false, singleLot: 'C' },
    ]);
    expect(line(march, 'SKU1')).toMatchObject({ inboundInTransit: 4, variance: 0 });
    const april = review(env, '2026-04', US);
    expect(april.shortfalls).toEqual([{ ...march.shortfalls[0], overdue: true }]);
    expect(line(april, 'SKU1')).toMatchObject({ inboundInTransit: 4, variance: 0, causeCode: null });
  });

  it('gives each warning once: a SKU spelt two ways', () => {
    const env = book();
    add(env, 'FBA Ledger', [ledger('2026-02-27', 'SHIPMENT', 'sku3', 'UNSPECIFIED', -1)]);
    expect(review(env, '2026-02').warnings).toEqual(['SKU "SKU3" also written "sku3"']);
    expect(line(review(env, '2026-02'), 'SKU3')).toMatchObject({ shipments: -6, variance: -1 });
  });

  it('says what is wrong with a bad month', () => {
    const env = book();
    expect(() => review(env, 'March')).toThrow('Month must be written YYYY-MM');
    expect(() => callFromClient(env, 'getReconciliation', [null])).toThrow(/nothing was given/);
  });
});

describe('writeReview', () => {
  it('writes the month\'s lines as OPEN rows, replaces them when written again, and keeps text as text', () => {
    const env = book();
    const result = callFromClient(env, 'writeReview', [{ month: '2026-02', location: US }]) as CloseMonthResult;
    expect(result).toEqual({ month: '2026-02', locations: [US], posted: [], message: 'Wrote the review of 2026-02 at FBA-US (3 lines) to Reconciliation.' });
    const rows = stored(env);
    expect(rows.map((r) => [r[col.month], r[col.location], r[col.sku], r[col.closing], r[col.variance], r[col.status], r[col.closedAt], r[col.fingerprint]])).toEqual([
      ['2026-02', US, 'SKU1', 120, 0, 'OPEN', '', ''],
      ['2026-02', US, 'SKU2', 39, 0, 'OPEN', '', ''],
      ['2026-02', US, 'SKU3', 25, 0, 'OPEN', '', ''],
    ]);
    // A later import changes February: writing again replaces the rows, it does not add to them.
    add(env, 'FBA Ledger', [ledger('2026-02-27', 'SHIPMENT', 'SKU3', 'UNSPECIFIED', -1)]);
    env.resetCounters();
    callFromClient(env, 'writeReview', [{ month: '2026-02' }]);
    expect(env.count('Range.setValues')).toBe(1);
    expect(env.count('Sheet.deleteRows')).toBe(1);
    expect(stored(env).map((r) => [r[col.sku], r[col.closing], r[col.variance], r[col.status]])).toEqual([
      ['SKU1', 120, 0, 'OPEN'], ['SKU2', 39, 0, 'OPEN'], ['SKU3', 24, -1, 'OPEN'],
    ]);
  });

  it('says when there is nothing to write', () => {
    const env = book();
    const result = callFromClient(env, 'writeReview', [{ month: '2026-02', location: 'FBA-XX' }]) as CloseMonthResult;
    expect(result).toEqual({ month: '2026-02', locations: [], posted: [], message: 'Nothing to reconcile in 2026-02 at FBA-XX.' });
    expect(stored(env)).toEqual([]);
  });

  it('never touches a closed month\'s stored lines', () => {
    const env = book();
    close(env, '2026-02', US);
    const before = state(env);
    const result = callFromClient(env, 'writeReview', [{ month: '2026-02', location: US }]) as CloseMonthResult;
    expect(result.locations).toEqual([]);
    expect(result.message).toBe('2026-02 is closed at FBA-US: its stored lines are kept.');
    expect(state(env)).toBe(before);
  });
});

describe('closeMonth', () => {
  it('closes a month that agrees: CLOSED rows with Closed at and the fingerprint, nothing posted', () => {
    const env = book();
    const ledgerBefore = dataRows(env, 'FBA Ledger');
    const result = close(env, '2026-02', US);
    expect(result).toEqual({ month: '2026-02', locations: [US], posted: [], message: 'Closed 2026-02 at FBA-US.' });
    expect(dataRows(env, 'FBA Ledger')).toEqual(ledgerBefore);
    const rows = stored(env);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r[col.status]).toBe('CLOSED');
      expect((r[col.closedAt] as Date).toISOString()).toBe(new Date(NOW).toISOString());
      expect(r[col.fingerprint]).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(rows.map((r) => r[col.fingerprint])).size).toBe(1);
    const r = review(env, '2026-02', US);
    expect(r).toMatchObject({ closed: true, canClose: false, warnings: [] });
    expect(r.closeBlockers).toEqual([`FBA-US: 2026-02 is already closed (closed at ${new Date(NOW).toISOString()}).`]);
    expect(r.lines.every((l) => l.status === 'CLOSED' && l.fingerprint === rows[0][col.fingerprint])).toBe(true);
  });

  it('posts a RECONCILIATION row for an unexplained SKU, and the variance becomes 0', () => {
    const env = book({ marchProblems: true });
    fixDays(env);
    fixUnknownSku(env);
    env.resetCounters();
    const result = close(env, '2026-03', US, ['SKU3'], { SKU3: '=Amazon case 1234' });
    expect(env.count('Range.setValues')).toBe(2); // one append to FBA Ledger, one to Reconciliation
    expect(result.posted).toEqual(['SKU3 -1 at FBA-US']);
    expect(result.message).toBe('Closed 2026-03 at FBA-US; posted 1 RECONCILIATION row (SKU3 -1).');
    const [posted] = ledgerRows(env, 'RECONCILIATION');
    // Dated the month's last day at midnight in the spreadsheet's zone (PDT); the note stays text.
    expect(posted).toEqual([
      new Date('2026-03-31T07:00:00.000Z'), 'RECONCILIATION', 'SKU3', 'UNSPECIFIED', -1, '', US, '', '', '=Amazon case 1234',
      'reconciliation:2026-03', 'reconciliation:2026-03:FBA-US:SKU3',
    ]);
    expect(env.sheet('FBA Ledger')!.rows.some((r) => r?.some((c) => c?.f !== undefined))).toBe(false);
    expect(stored(env).map((r) => [r[col.sku], r[col.reconciliation], r[col.variance], r[col.status]])).toEqual([
      ['SKU1', 0, -2, 'CLOSED'], ['SKU2', 0, -5, 'CLOSED'], ['SKU3', -1, 0, 'CLOSED'],
    ]);
    const r = review(env, '2026-03', US);
    expect(line(r, 'SKU3')).toMatchObject({ reconciliation: -1, variance: 0, causeCode: null, status: 'CLOSED' });
    expect(r.warnings).toEqual([]);
  });

  it('refuses a chosen SKU whose cause is not "unexplained", naming the cause, and writes nothing', () => {
    const env = book({ marchProblems: true });
    fixDays(env);
    fixUnknownSku(env);
    refused(env, 'closeMonth', { month: '2026-03', location: US, postAdjustments: ['SKU1', 'SKU3'] },
      /^Cannot close 2026-03: SKU1 at FBA-US: cannot post a RECONCILIATION row, the cause is flow mismatch: Shipments -25 vs Amazon shipments -23\.$/);
    refused(env, 'closeMonth', { month: '2026-03', postAdjustments: ['SKU2'] }, /the cause is inbound shortfall: FBA200/);
    refused(env, 'closeMonth', { month: '2026-03', postAdjustments: ['NOPE'] }, /NOPE: no line in 2026-03 at FBA-US/);
  });

  it('checks the close preconditions and writes nothing when one fails', () => {
    const env = book({ marchProblems: true });
    refused(env, 'closeMonth', { month: '2026-03', location: US, postAdjustments: [] },
      /^Cannot close 2026-03: FBA-US: days not imported: 2026-03-04\.\.2026-03-06 \(Shipments\)\.$/);
    // April: every day imported, but no summary.
    add(env, 'Import Log', [logLine('report:70021', DETAIL, '2026-04-01', '2026-04-30', 'Shipments, CustomerReturns, VendorReturns, Adjustments, Receipts')]);
    refused(env, 'closeMonth', { month: '2026-04', location: US, postAdjustments: [] }, /^Cannot close 2026-04: FBA-US: the Amazon Summary for 2026-04 is not imported\.$/);
    // May has not ended.
    refused(env, 'closeMonth', { month: '2026-05', location: US, postAdjustments: [] }, /FBA-US: 2026-05 has not ended yet\./);
    // Months close in order once one is closed.
    close(env, '2026-02', US);
    add(env, 'Amazon Summary', [summary('2026-04', 'SKU1', { starting: 69, ending: 69 }), summary('2026-04', 'SKU1-6PK', { starting: 8, ending: 8 })]);
    refused(env, 'closeMonth', { month: '2026-04', location: US, postAdjustments: [] },
      /months are closed in order; the next month to close is 2026-03 \(2026-02 is the latest closed\)/);
    refused(env, 'closeMonth', { month: '2026-02', location: US, postAdjustments: [] }, /2026-02 is already closed/);
    refused(env, 'closeMonth', { month: '2026-02', postAdjustments: [] }, /2026-02 is already closed at every location/);
    refused(env, 'closeMonth', { month: '2026-02', location: 'FBA-XX', postAdjustments: [] }, /FBA-XX: nothing to reconcile in 2026-02/);
    refused(env, 'closeMonth', { month: '2026-13', postAdjustments: [] }, /Month must be written YYYY-MM/);
    refused(env, 'closeMonth', { month: '2026-03', postAdjustments: 'SKU3' }, /postAdjustments must be a list of SKUs/);
  });

  it('re-closing after a reopen replaces the posted row, computed without it', () => {
    const env = book({ marchProblems: true });
    fixDays(env);
    fixUnknownSku(env);
    close(env, '2026-03', US, ['SKU3'], { SKU3: 'case 1234' });
    callFromClient(env, 'reopenMonth', [{ month: '2026-03', location: US }]);
    // Amazon revises its SKU3 ending: 18 instead of 20.
    replaceRow(env, 'Amazon Summary', ['2026-03', US, 'SKU3'], summary('2026-03', 'SKU3', { starting: 25, shipments: -4, ending: 18 }, US, 'report:80009'));
    expect(line(review(env, '2026-03', US), 'SKU3')).toMatchObject({ reconciliation: -1, variance: 2, status: 'REOPENED' });
    env.resetCounters();
    const result = close(env, '2026-03', US, ['SKU3'], { SKU3: 'case 1234, revised' });
    expect(result.posted).toEqual(['SKU3 -3 at FBA-US']);
    // One append per sheet, then the replaced rows deleted as one block per sheet.
    expect(env.count('Range.setValues')).toBe(2);
    expect(env.count('Sheet.deleteRows')).toBe(2);
    const rows = ledgerRows(env, 'RECONCILIATION');
    expect(rows.map((r) => [r[2], r[4], r[9], r[11]])).toEqual([['SKU3', -3, 'case 1234, revised', 'reconciliation:2026-03:FBA-US:SKU3']]);
    expect(line(review(env, '2026-03', US), 'SKU3')).toMatchObject({ reconciliation: -3, variance: 0, status: 'CLOSED' });
    expect(stored(env).filter((r) => r[col.month] === '2026-03')).toHaveLength(3);
  });

  it('with no location closes every location with lines, posting an SKU wherever it is unexplained', () => {
    const env = book({ marchProblems: true, eu: true });
    fixDays(env);
    fixUnknownSku(env);
    callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU, inboundInTransit: { SKU1: 10 } }]);
    // FBA-EU's March: every day imported; Amazon's SKU1 ending is 4 lower than its own flows, and
    // it lists 2 SKU3 that no event brought in: both unexplained there.
    add(env, 'Import Log', [
      logLine('report:70031', DETAIL, '2026-03-01', '2026-03-31', 'Shipments, CustomerReturns, VendorReturns, Adjustments, Receipts', EU),
      logLine('report:80012', 'GET_LEDGER_SUMMARY_VIEW_DATA', '2026-03-01', '2026-03-31', 'Summary', EU),
    ]);
    add(env, 'Amazon Receipts', [receipt('2026-03-04', 'FBA-EU-IN', 'SKU1', 10, EU)]);
    add(env, 'Amazon Summary', [
      summary('2026-03', 'SKU1', { starting: 40, inTransit: 5, receipts: 10, ending: 46 }, EU),
      summary('2026-03', 'SKU1-6PK', { starting: 3, ending: 3 }, EU),
      summary('2026-03', 'SKU3', { ending: 2 }, EU),
    ]);
    const r = review(env, '2026-03');
    expect(r.locations).toEqual([EU, US]);
    expect(line(r, 'SKU1', EU)).toMatchObject({ opening: 73, closing: 73, inboundInTransit: 0, variance: 4, causeCode: 'UNEXPLAINED' });
    expect(line(r, 'SKU3', EU)).toMatchObject({ closing: 0, variance: -2, causeCode: 'UNEXPLAINED' });
    // SKU1 is unexplained at FBA-EU but a flow mismatch at FBA-US: the whole close is refused.
    refused(env, 'closeMonth', { month: '2026-03', postAdjustments: ['SKU1'] },
      /^Cannot close 2026-03: SKU1 at FBA-US: cannot post a RECONCILIATION row, the cause is flow mismatch/);
    const result = close(env, '2026-03', null, ['SKU3']);
    expect(result.locations).toEqual([EU, US]);
    expect(result.posted).toEqual(['SKU3 +2 at FBA-EU', 'SKU3 -1 at FBA-US']);
    expect(ledgerRows(env, 'RECONCILIATION').map((r) => [r[2], r[4], r[6], r[11]])).toEqual([
      ['SKU3', 2, EU, 'reconciliation:2026-03:FBA-EU:SKU3'], ['SKU3', -1, US, 'reconciliation:2026-03:FBA-US:SKU3'],
    ]);
    expect(review(env, '2026-03').closed).toBe(true);
  });
});

describe('reopenMonth', () => {
  it('reopens the month and every later closed month of the location; REOPENED lines can be closed again', () => {
    const env = book();
    close(env, '2026-02', US);
    close(env, '2026-03', US);
    const result = callFromClient(env, 'reopenMonth', [{ month: '2026-02', location: US }]) as CloseMonthResult;
    expect(result).toEqual({ month: '2026-02', locations: [US], posted: [], message: 'Reopened 2026-02 at FBA-US, 2026-03 at FBA-US.' });
    const rows = stored(env);
    expect(rows).toHaveLength(6); // 3 lines a month: the 6-pack counts in SKU1
    for (const r of rows) expect([r[col.status], r[col.closedAt], r[col.fingerprint]]).toEqual(['REOPENED', '', '']);
    const feb = review(env, '2026-02', US);
    expect(feb).toMatchObject({ closed: false, canClose: true });
    expect(feb.lines.every((l) => l.status === 'REOPENED')).toBe(true);
    // Writing the review keeps them REOPENED.
    callFromClient(env, 'writeReview', [{ month: '2026-02', location: US }]);
    expect(stored(env).every((r) => r[col.status] === 'REOPENED')).toBe(true);
    close(env, '2026-02', US);
    expect(review(env, '2026-02', US).closed).toBe(true);
    expect(review(env, '2026-03', US).lines.every((l) => l.status === 'REOPENED')).toBe(true);
  });

  it('refuses a month that is not closed', () => {
    const env = book();
    refused(env, 'reopenMonth', { month: '2026-02', location: US }, /^Cannot reopen 2026-02: FBA-US: 2026-02 is not closed\.$/);
    refused(env, 'reopenMonth', { month: '2026-02' }, /2026-02 is not closed at any location/);
  });
});

describe('a closed month changed by later data', () => {
  it('is flagged by the review with old and new closing per SKU', () => {
    const env = book();
    close(env, '2026-02', US);
    // A later import brings a February shipment of SKU3.
    add(env, 'FBA Ledger', [ledger('2026-02-27', 'SHIPMENT', 'SKU3', 'UNSPECIFIED', -1, { source: 'report:70099' })]);
    const r = review(env, '2026-02', US);
    expect(r.closed).toBe(true);
    expect(r.warnings).toEqual(['FBA-US: 2026-02 was closed but its data changed since (SKU3 25 → 24); reopen it and close it again.']);
    // The stored lines are still the closed ones.
    expect(stored(env).find((x) => x[col.sku] === 'SKU3')![col.closing]).toBe(25);
    // Reopen and close again: the warning is gone.
    callFromClient(env, 'reopenMonth', [{ month: '2026-02', location: US }]);
    close(env, '2026-02', US);
    expect(review(env, '2026-02', US).warnings).toEqual([]);
    expect(stored(env).find((x) => x[col.sku] === 'SKU3')![col.closing]).toBe(24);
  });

  it('reading the rows back gives the fingerprint the close computed (no false change)', () => {
    const env = book({ marchProblems: true });
    fixDays(env);
    fixUnknownSku(env);
    close(env, '2026-03', US, ['SKU3'], { SKU3: '-1 unit, see case +44' });
    expect(review(env, '2026-03', US).warnings).toEqual([]);
  });
});

describe('startMidStream', () => {
  it('writes one OPENING row per component at the end of the month and records the opening', () => {
    const env = book({ eu: true });
    const result = callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU, inboundInTransit: { SKU1: 10 } }]) as StartMidStreamResult;
    expect(result).toMatchObject({ month: '2026-02', location: EU, openingDay: '2026-02-28', rowsWritten: 1 });
    expect(result.message).toMatch(/Detail imports dated on or before 2026-02-28 are now refused for FBA-EU\./);
    // SKU1 = Amazon ending 40 + 3 six-packs (18) + in transit between warehouses 5 + inbound 10; SKU2 ended at 0.
    expect(ledgerRows(env, 'OPENING')).toEqual([[
      new Date('2026-02-28T08:00:00.000Z'), 'OPENING', 'SKU1', 'UNSPECIFIED', 73, '', EU, '', '', '', 'opening:2026-02', 'opening:2026-02:FBA-EU:SKU1',
    ]]);
    expect(JSON.parse(env.properties.document.data.get('fba.opening.FBA-EU')!)).toEqual({
      location: EU, month: '2026-02', day: 20512, inboundInTransit: { SKU1: 10 },
    });
    // From then on, March at FBA-EU starts from the opening; days before it need no import.
    const march = review(env, '2026-03', EU);
    expect(line(march, 'SKU1', EU)).toMatchObject({ opening: 73, closing: 73, inboundInTransit: 10, causeCode: 'NO_SUMMARY' });
    expect(march.closeBlockers).toEqual([
      'FBA-EU: the Amazon Summary for 2026-03 is not imported.',
      'FBA-EU: days not imported: 2026-03-01..2026-03-31 (all event types).',
    ]);
  });

  it('takes inbound in transit from Amazon Inventory when the seller gives none; running it again replaces the rows', () => {
    const env = book({ eu: true });
    env.seed('Amazon Inventory', [
      ['2026-03-01', EU, 'SKU1', 'X0SKU', 40, 35, 0, 5, 50, 0, 7, 3, 'file:myi-eu.txt', 'i1'],
    ], 'A2');
    const first = callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU }]) as StartMidStreamResult;
    expect(first.rowsWritten).toBe(1);
    expect(ledgerRows(env, 'OPENING').map((r) => [r[2], r[4]])).toEqual([['SKU1', 73]]);
    callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU, inboundInTransit: { SKU1: 0, SKU2: 4 } }]);
    expect(ledgerRows(env, 'OPENING').map((r) => [r[2], r[4]])).toEqual([['SKU1', 63], ['SKU2', 4]]);
    expect(JSON.parse(env.properties.document.data.get('fba.opening.FBA-EU')!).inboundInTransit).toEqual({ SKU2: 4 });
  });

  it('refuses without the month\'s summary, at another month, or before a closed month — writing nothing', () => {
    const env = book({ eu: true });
    refused(env, 'startMidStream', { month: '2026-03', location: EU }, /Import the Amazon Summary for 2026-03 \(FBA-EU\) first/);
    refused(env, 'startMidStream', { month: '2026-05', location: EU }, /2026-05 has not ended yet/);
    refused(env, 'startMidStream', { month: '2026-02' }, /Location is required/);
    refused(env, 'startMidStream', { month: '2026-02', location: EU, inboundInTransit: { SKU1: -3 } }, /Inbound in transit of SKU1 must be a whole number of units ≥ 0/);
    callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU }]);
    refused(env, 'startMidStream', { month: '2026-01', location: EU }, /FBA-EU already starts at the end of 2026-02/);
    close(env, '2026-02', US);
    refused(env, 'startMidStream', { month: '2026-02', location: US }, /FBA-US: 2026-02 is closed; reopen first/);
  });
});

describe('postShortfallAdjustment', () => {
  it('writes off a single-lot shipment\'s shortfall: one ADJUSTMENT on its lot, Reference = the shipment ID', () => {
    const env = book({ april: true });
    const result = callFromClient(env, 'postShortfallAdjustment', [{ month: '2026-04', location: US, shipmentId: 'FBA300', sku: 'SKU1', note: 'case 998877' }]) as TransferResult;
    const rows = dataRows(env, 'FBA Ledger');
    expect(result).toEqual({ row: rows.length + 1, message: 'Recorded ADJUSTMENT of -4 SKU1 lot C on 2026-04-30 at FBA-US for shipment FBA300 (row 17).' });
    expect(rows[rows.length - 1]).toEqual([
      new Date('2026-04-30T07:00:00.000Z'), 'ADJUSTMENT', 'SKU1', 'C', -4, '', US, '', 'case 998877', 'FBA300', 'manual', 'shortfall:FBA-US:FBA300:SKU1',
    ]);
    const april = review(env, '2026-04', US);
    expect(april.shortfalls).toEqual([]);
    expect(line(april, 'SKU1')).toMatchObject({ adjustments: -4, closing: 115, inboundInTransit: 0, variance: 0, causeCode: null });
    // Posting it again finds nothing short.
    refused(env, 'postShortfallAdjustment', { month: '2026-04', location: US, shipmentId: 'FBA300', sku: 'SKU1' }, /Shipment FBA300 of SKU1 is not short at FBA-US at the end of 2026-04\./);
  });

  it('adjusts a shipment of 6-packs in packs', () => {
    const env = book();
    add(env, 'FBA Ledger', [ledger('2026-03-10', 'TRANSFER', 'SKU1-6PK', 'P1', 5, { reference: 'FBA500' })]);
    add(env, 'Amazon Receipts', [receipt('2026-03-12', 'FBA500', 'SKU1-6PK', 4)]);
    const short = review(env, '2026-03', US).shortfalls.find((s) => s.shipmentId === 'FBA500');
    expect(short).toMatchObject({ sku: 'SKU1', sent: 30, received: 24, difference: 6, singleLot: 'P1' });
    callFromClient(env, 'postShortfallAdjustment', [{ month: '2026-03', location: US, shipmentId: 'fba500', sku: 'SKU1-6PK' }]);
    expect(ledgerRows(env, 'ADJUSTMENT').filter((r) => r[9] === 'FBA500').map((r) => [r[2], r[3], r[4]])).toEqual([['SKU1-6PK', 'P1', -1]]);
    expect(review(env, '2026-03', US).shortfalls.map((s) => s.shipmentId)).toEqual(['FBA300']);
  });

  it('refuses a shipment of several lots, an unfinished month, a closed month — writing nothing', () => {
    const env = book({ april: true });
    add(env, 'FBA Ledger', [
      ledger('2026-03-02', 'TRANSFER', 'SKU3', 'S2', 10, { reference: 'FBA400' }),
      ledger('2026-03-02', 'TRANSFER', 'SKU3', 'S3', 10, { reference: 'FBA400' }),
    ]);
    add(env, 'Amazon Receipts', [receipt('2026-03-04', 'FBA400', 'SKU3', 18)]);
    const arg = { month: '2026-03', location: US, shipmentId: 'FBA400', sku: 'SKU3' };
    expect(review(env, '2026-03', US).shortfalls.find((s) => s.shipmentId === 'FBA400')).toMatchObject({ lots: ['S2', 'S3'], singleLot: null });
    refused(env, 'postShortfallAdjustment', arg, /Shipment FBA400 of SKU3 carried S2, S3: which lot is short is not known/);
    refused(env, 'postShortfallAdjustment', { ...arg, month: '2026-05' }, /2026-05 has not ended yet/);
    refused(env, 'postShortfallAdjustment', { ...arg, shipmentId: '' }, /Shipment ID is required/);
    // March closed first (the first close may be any month): neither March nor February may be adjusted.
    close(env, '2026-03', US);
    refused(env, 'postShortfallAdjustment', { ...arg, shipmentId: 'FBA300', sku: 'SKU1' }, /^2026-03 is closed at FBA-US: reopen 2026-03 before adjusting it\.$/);
    refused(env, 'postShortfallAdjustment', { ...arg, month: '2026-02', shipmentId: 'FBA300', sku: 'SKU1' }, /^2026-03 is closed at FBA-US: reopen 2026-02 before adjusting it\.$/);
  });
});

describe('the document lock', () => {
  it('held by someone else: every write says to try again and changes nothing', () => {
    const env = book({ eu: true });
    const held = env.holdLock('document', { until: env.clock.now() + 10 * 60_000 });
    for (const [name, arg] of [
      ['closeMonth', { month: '2026-02', location: US, postAdjustments: [] }],
      ['writeReview', { month: '2026-02', location: US }],
      ['reopenMonth', { month: '2026-02', location: US }],
      ['startMidStream', { month: '2026-02', location: EU }],
      ['postShortfallAdjustment', { month: '2026-04', location: US, shipmentId: 'FBA300', sku: 'SKU1' }],
    ] as const) {
      refused(env, name, arg, /Another FBA Lot Ledger task is writing to this workbook\. Try again in a moment\./);
    }
    // Reading needs no lock.
    expect(review(env, '2026-02', US).canClose).toBe(true);
    held.release();
    expect(close(env, '2026-02', US).locations).toEqual([US]);
  });
});

describe('the menu', () => {
  it('Reconcile month… opens the sidebar on its Reconcile tab', () => {
    const env = book();
    runOnOpen(env, 'FULL');
    const items = env.ui.addonMenu!.entries.filter((i) => i.kind === 'item') as Array<{ caption: string; functionName: string }>;
    expect(items).toContainEqual(expect.objectContaining({ caption: 'Reconcile month…', functionName: 'showReconcileSidebar' }));
    clickMenuItem(env, 'Reconcile month…');
    expect(env.ui.sidebars.at(-1)!.content).toContain('data-initial-tab="reconcile"');
  });
});
