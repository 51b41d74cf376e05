/**
 * "Compact closed months" through the built bundle: a month closed by closeMonth is compacted, the
 * ledger shrinks, getInventory and the custom functions give the same figures as of every day
 * outside the month, and the month stays closed with its review intact — also after a reopen and a
 * second close.
 */
import { describe, expect, it } from 'vitest';
import { callCustomFunction, callFromClient, clickMenuItem, runOnOpen, type FakeEnv } from '../fakes/index';
import { computeRowKey, LEDGER_KIND } from '../../src/core/import/keys';
import type { CloseMonthResult, ReconciliationResult } from '../../src/shared/wire';
import { dataRows, newEnv } from './helpers';
import { bookRows, NOW, state, US } from './reconcileFixture';

type Cell = string | number;

/** A Date cell's day in the spreadsheet's zone (US Pacific), as YYYY-MM-DD. */
function isoDay(v: unknown): string {
  if (Object.prototype.toString.call(v) !== '[object Date]') throw new Error(`not a date: ${String(v)}`);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(v as Date);
}

/** An Amazon row as an import writes it: Source report:, the k1: key of its content. */
function amazon(date: string, event: string, sku: string, quantity: number, x: { disposition?: string; reason?: string; reference?: string } = {}): Cell[] {
  const cells: Cell[] = [date, event, sku, 'UNSPECIFIED', quantity, '', US, x.disposition ?? 'SELLABLE', x.reason ?? '', x.reference ?? ''];
  return [...cells, 'report:70011', computeRowKey(LEDGER_KIND, cells)!];
}

const feb = (n: number) => `2026-02-${String(n).padStart(2, '0')}`;

/**
 * The reconciliation fixture with February written the way a busy month is: daily rows that sum to
 * the fixture's figures (SKU1 −30 shipped and 2 returned, the 6-pack −2, SKU2 −10 and one lost,
 * SKU3 −5), plus damage pairs that net to zero.
 */
function febRows(): Cell[][] {
  const rows: Cell[][] = [];
  for (let n = 2; n <= 6; n++) rows.push(amazon(feb(n), 'SHIPMENT', 'SKU1', -3));
  rows.push(amazon(feb(10), 'RETURN', 'SKU1', 1), amazon(feb(11), 'RETURN', 'SKU1', 1));
  for (let n = 12; n <= 16; n++) rows.push(amazon(feb(n), 'SHIPMENT', 'SKU1', -3));
  rows.push(amazon(feb(6), 'SHIPMENT', 'SKU1-6PK', -1), amazon(feb(7), 'SHIPMENT', 'SKU1-6PK', -1));
  // A row the seller typed in the middle of the imported rows (a note: zero units).
  rows.push([feb(8), 'ADJUSTMENT', 'SKU1', 'A', 0, '', US, '', 'counted twice', 'note', 'manual', '']);
  for (let n = 1; n <= 10; n++) rows.push(amazon(feb(n), 'SHIPMENT', 'SKU2', -1));
  rows.push(amazon(feb(20), 'ADJUSTMENT', 'SKU2', -1, { reason: 'M' }));
  for (const n of [3, 9, 17]) {
    rows.push(amazon(feb(n), 'ADJUSTMENT', 'SKU2', -1, { reason: 'E' }), amazon(feb(n), 'ADJUSTMENT', 'SKU2', 1, { reason: 'P', disposition: 'WAREHOUSE_DAMAGED' }));
  }
  for (let n = 14; n <= 18; n++) rows.push(amazon(feb(n), 'SHIPMENT', 'SKU3', -1));
  // One order's shipment keeps its order ID: it never folds (a later return may name it).
  rows.push(amazon(feb(25), 'SHIPMENT', 'SKU3', -1, { reference: '111-0000001-0000001' }), amazon(feb(26), 'RETURN', 'SKU3', 1));
  return rows;
}

function workbook(): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(NOW);
  callFromClient(env, 'setupWorkbook');
  const b = bookRows();
  const ledger = b.ledger.filter((r) => !String(r[0]).startsWith('2026-02'));
  // The fixture's February summary: SKU3 shipped 5 (its extra order was returned).
  const summary = b.summary.map((r) => (r[0] === '2026-02' && r[2] === 'SKU3' ? Object.assign(r.slice(), { 8: -6, 9: 1 }) : r));
  env.seed('Kits', b.kits, 'A2');
  env.seed('FBA Ledger', [...ledger, ...febRows()], 'A2');
  env.seed('Amazon Summary', summary, 'A2');
  env.seed('Amazon Receipts', b.receipts, 'A2');
  env.seed('Import Log', b.importLog, 'A2');
  return env;
}

function review(env: FakeEnv, month: string): ReconciliationResult {
  return callFromClient(env, 'getReconciliation', [{ month, location: US }]) as ReconciliationResult;
}

interface CompactResult {
  months: Array<{ month: string; location: string; rowsBefore: number; rowsAfter: number }>;
  skipped: string[];
  rowsRemoved: number;
  rowsWritten: number;
  message: string;
}

function compact(env: FakeEnv, input: unknown = {}): CompactResult {
  return callFromClient(env, 'compactClosedMonths', [input]) as CompactResult;
}

/** Days outside February 2026 to compare figures on (and none). */
const AS_OF = [null, '2026-01-10', '2026-01-25', '2026-01-31', '2026-02-28', '2026-03-01', '2026-03-20', '2026-03-31', '2026-05-09'];

/** Everything the Inventory tab and the custom functions say, as of each day outside February. */
function figures(env: FakeEnv): unknown {
  const ledger = env.peek('FBA Ledger');
  const kits = env.peek('Kits');
  return AS_OF.map((asOf) => ({
    asOf,
    inventory: ['FIFO', 'FEFO', 'MIN', 'MAX'].map((method) => callFromClient(env, 'getInventory', [{ asOf, method }])),
    lots: ['FIFO', 'FEFO', 'MIN', 'MAX'].map((method) => callCustomFunction(env, 'FBA_LOTS', [ledger, kits, '', asOf ?? '', method])),
    onHand: ['SKU1', 'SKU2', 'SKU3'].map((sku) => callCustomFunction(env, 'FBA_ONHAND', [ledger, sku, kits, '', asOf ?? ''])),
    remaining: ['A', 'A6', 'UNSPECIFIED'].map((lot) => callCustomFunction(env, 'FBA_LOT_REMAINING', [ledger, 'SKU1', lot, kits, 'MAX', '', asOf ?? ''])),
    kits: callCustomFunction(env, 'FBA_KIT_AVAILABLE', [ledger, kits, 'SKU1-6PK', '', asOf ?? '']),
  }));
}

/** The review's lines without status and stamps. */
function lines(r: ReconciliationResult): unknown {
  return r.lines.map((l) => ({ ...l, status: '', closedAt: null, fingerprint: null }));
}

describe('compactClosedMonths', () => {
  it('folds a closed month: the ledger shrinks, every figure outside the month and the closed review stay', () => {
    const env = workbook();
    const before = figures(env);
    const closeResult = callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]) as CloseMonthResult;
    expect(closeResult.message).toBe('Closed 2026-02 at FBA-US.');
    const reviewBefore = review(env, '2026-02');
    const marchBefore = review(env, '2026-03');
    const rowsBefore = dataRows(env, 'FBA Ledger').length;

    env.resetCounters();
    const result = compact(env);
    // The February rows form two blocks around the typed row: each rewritten once and its tail deleted once.
    expect(env.count('Sheet.deleteRows')).toBe(2);
    expect(env.count('Range.setValues')).toBeLessThanOrEqual(4);
    expect(result.months).toEqual([{ month: '2026-02', location: US, rowsBefore: 38, rowsAfter: 11 }]);
    expect(result.skipped).toEqual([]);
    expect(result.message).toMatch(/^Compacted 1 closed month: 35 ledger rows folded into 8 rows — 2026-02 at FBA-US \(38 → 11\)\.$/);
    const ledger = dataRows(env, 'FBA Ledger');
    expect(ledger.length).toBe(rowsBefore - 27);
    const compacted = ledger.filter((r) => String(r[10]).startsWith('compacted:'));
    expect(compacted.map((r) => [isoDay(r[0]), r[1], r[2], r[4], r[7], r[8], r[10]])).toEqual([
      ['2026-02-06', 'SHIPMENT', 'SKU1', -15, 'SELLABLE', '', 'compacted:2026-02'],
      ['2026-02-07', 'SHIPMENT', 'SKU1-6PK', -2, 'SELLABLE', '', 'compacted:2026-02'],
      ['2026-02-10', 'SHIPMENT', 'SKU2', -10, 'SELLABLE', '', 'compacted:2026-02'],
      ['2026-02-11', 'RETURN', 'SKU1', 2, 'SELLABLE', '', 'compacted:2026-02'],
      ['2026-02-16', 'SHIPMENT', 'SKU1', -15, 'SELLABLE', '', 'compacted:2026-02'],
      ['2026-02-17', 'ADJUSTMENT', 'SKU2', -3, 'SELLABLE', 'E', 'compacted:2026-02'],
      ['2026-02-17', 'ADJUSTMENT', 'SKU2', 3, 'WAREHOUSE_DAMAGED', 'P', 'compacted:2026-02'],
      ['2026-02-18', 'SHIPMENT', 'SKU3', -5, 'SELLABLE', '', 'compacted:2026-02'],
    ]);
    for (const r of compacted) {
      expect(r[3]).toBe('UNSPECIFIED');
      expect(r[11]).toBe(computeRowKey(LEDGER_KIND, [isoDay(r[0]), ...r.slice(1, 10)]));
    }
    // The typed row is untouched, and still below the rows that were above it.
    const typed = ledger.findIndex((r) => r[10] === 'manual' && r[9] === 'note');
    expect(ledger[typed].slice(1)).toEqual(['ADJUSTMENT', 'SKU1', 'A', 0, '', US, '', 'counted twice', 'note', 'manual', '']);
    expect(ledger.slice(0, typed).filter((r) => String(r[10]).startsWith('report:')).length).toBeGreaterThan(0);
    // The order ID's shipment and the rows of other months are where they were.
    expect(ledger.some((r) => r[9] === '111-0000001-0000001' && String(r[10]) === 'report:70011')).toBe(true);

    expect(figures(env)).toEqual(before);
    const reviewAfter = review(env, '2026-02');
    expect(reviewAfter.closed).toBe(true);
    expect(reviewAfter.warnings).toEqual([]);
    expect(lines(reviewAfter)).toEqual(lines(reviewBefore));
    expect(review(env, '2026-03')).toEqual(marchBefore);
    // Every closed line carries the new fingerprint.
    const stored = dataRows(env, 'Reconciliation').filter((r) => r[0] === '2026-02');
    expect(new Set(stored.map((r) => r[24])).size).toBe(1);
    expect(stored[0][24]).toBe(reviewAfter.lines[0].fingerprint);
    expect(stored[0][24]).not.toBe(reviewBefore.lines[0].fingerprint);

    // Compacting again changes nothing.
    const snap = state(env);
    expect(compact(env).message).toBe('Nothing to compact: the closed months are already compact.');
    expect(state(env)).toBe(snap);
  });

  it('runs from the menu; refuses a month that is not closed; leaves a closed month that changed since alone', () => {
    const env = workbook();
    runOnOpen(env, 'FULL');
    expect(clickMenuItem(env, 'Compact closed months')).toMatchObject({ message: 'No closed month to compact.' });
    const snap = state(env);
    expect(() => compact(env, { month: '2026-02' })).toThrow(/^2026-02 is not closed: only closed months can be compacted\.$/);
    expect(() => compact(env, { month: '2026-2' })).toThrow(/Month must be written YYYY-MM/);
    expect(state(env)).toBe(snap);

    callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]);
    // A person edits a February row after the close: the month is no longer what was closed.
    const all = env.peek('FBA Ledger');
    const i = all.findIndex((r, n) => n > 0 && r[1] === 'SHIPMENT' && r[2] === 'SKU2' && isoDay(r[0]).startsWith('2026-02'));
    env.seed('FBA Ledger', [[-2]], `E${i + 1}`);
    const changed = state(env);
    const result = compact(env, { month: '2026-02', location: US });
    expect(result.months).toEqual([]);
    expect(result.skipped).toEqual(['2026-02 at FBA-US changed since it was closed: reopen it and close it again before compacting.']);
    expect(state(env)).toBe(changed);
  });

  it('a reopened month keeps its compacted rows; closing it again holds, and compacting again folds only what is new', () => {
    const env = workbook();
    callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]);
    compact(env);
    const rows = dataRows(env, 'FBA Ledger').length;
    callFromClient(env, 'reopenMonth', [{ month: '2026-02', location: US }]);
    expect(review(env, '2026-02').closed).toBe(false);
    expect(() => compact(env, { month: '2026-02', location: US })).toThrow(/2026-02 is not closed at FBA-US/);
    // Two late SKU2 shipments on 26 and 27 February (Amazon's summary moves by them too).
    const late = [amazon(feb(26), 'SHIPMENT', 'SKU2', -1), amazon(feb(27), 'SHIPMENT', 'SKU2', -1)];
    env.seed('FBA Ledger', late, `A${rows + 2}`);
    const sum = env.peek('Amazon Summary');
    const s = sum.findIndex((r) => r[0] === '2026-02' && r[2] === 'SKU2');
    env.seed('Amazon Summary', [[-12]], `I${s + 1}`);
    env.seed('Amazon Summary', [[37]], `R${s + 1}`);
    const close = callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]) as CloseMonthResult;
    expect(close.message).toBe('Closed 2026-02 at FBA-US.');
    expect(review(env, '2026-02').lines.every((l) => l.variance === 0)).toBe(true);
    const second = compact(env);
    expect(second.months).toEqual([{ month: '2026-02', location: US, rowsBefore: 13, rowsAfter: 12 }]);
    expect(review(env, '2026-02')).toMatchObject({ closed: true, warnings: [] });
    expect(dataRows(env, 'FBA Ledger').filter((r) => r[2] === 'SKU2' && r[1] === 'SHIPMENT' && isoDay(r[0]) >= '2026-02-26' && isoDay(r[0]) <= '2026-02-28')
      .map((r) => [isoDay(r[0]), r[4], r[10]])).toEqual([['2026-02-27', -2, 'compacted:2026-02']]);
  });
});
