/**
 * What the import pipeline asks of the reconciliation — `closedMonthChanges` and `openingDays` —
 * have no entry point of their own: they are called here in Node over the same fakes, through the
 * real Apps Script adapters built on one execution's globals, on a workbook the bundle set up,
 * closed and started mid-stream.
 */
import { describe, expect, it } from 'vitest';
import { callFromClient, type FakeEnv } from '../fakes/index';
import { closedMonthChanges, openingDays, readReconcileData } from '../../src/app/reconcileData';
import type { Deps } from '../../src/app/ports';
import { GasDocumentLock, GasProperties } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import { add, book, EU, ledger, replaceRow, summary, US } from './reconcileFixture';

/** Runs `fn` with the ports of one FULL execution (no HTTP, no triggers). */
function withDeps<T>(env: FakeEnv, fn: (deps: Deps) => T): T {
  const x = env.execute('FULL');
  try {
    const g = x.globals;
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    const unused = (): never => {
      throw new Error('not used here');
    };
    const deps: Deps = {
      workbook: new GasWorkbook(ss, g.SpreadsheetApp, g.Utilities),
      docProps: new GasProperties(g.PropertiesService.getDocumentProperties()),
      userProps: new GasProperties(g.PropertiesService.getUserProperties()),
      lock: new GasDocumentLock(g.LockService),
      clock: { now: () => env.clock.now(), sleep: (ms) => env.clock.advance(ms) },
      http: { fetch: unused },
      codec: { gunzip: unused },
      triggers: { hasOnOpenTrigger: unused, installOnOpenTrigger: unused, removeOnOpenTriggers: unused },
      log: { info: () => undefined, warn: () => undefined },
    };
    return fn(deps);
  } finally {
    x.end();
  }
}

describe('closedMonthChanges', () => {
  it('is empty when nothing is closed, and right after a close (rows read back as written)', () => {
    const env = book({ marchProblems: true });
    expect(withDeps(env, closedMonthChanges)).toEqual([]);
    add(env, 'Import Log', [['2026-03-06 06:00:00', 'file:x.csv', 'GET_LEDGER_DETAIL_VIEW_DATA', US, '2026-03-04', '2026-03-06', 'Shipments', 1, 1, 0, 0, '', 'OK']]);
    add(env, 'Kits', [['MYSTERY-1', 'SKU3', 1]]);
    callFromClient(env, 'closeMonth', [{ month: '2026-03', location: US, postAdjustments: ['SKU3'], notes: { SKU3: '+1 found? see case 55' } }]);
    expect(withDeps(env, closedMonthChanges)).toEqual([]);
  });

  it('lists old vs new closing per SKU of every closed month × location whose data changed', () => {
    const env = book();
    callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]);
    callFromClient(env, 'closeMonth', [{ month: '2026-03', location: US, postAdjustments: [] }]);
    // A later import: two more February shipments of SKU1 (one as a 6-pack).
    add(env, 'FBA Ledger', [
      ledger('2026-02-26', 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -1, { source: 'report:71000' }),
      ledger('2026-02-26', 'SHIPMENT', 'SKU1-6PK', 'UNSPECIFIED', -1, { source: 'report:71000' }),
    ]);
    expect(withDeps(env, closedMonthChanges)).toEqual([
      { month: '2026-02', location: US, sku: 'SKU1', oldClosing: 120, newClosing: 113 },
      { month: '2026-03', location: US, sku: 'SKU1', oldClosing: 119, newClosing: 112 },
    ]);
  });

  it('lists an SKU whose Amazon figures changed even when its closing did not', () => {
    const env = book();
    callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]);
    replaceRow(env, 'Amazon Summary', ['2026-02', US, 'SKU2'], summary('2026-02', 'SKU2', { starting: 50, shipments: -10, lost: -1, ending: 38 }, US, 'report:80007'));
    expect(withDeps(env, closedMonthChanges)).toEqual([{ month: '2026-02', location: US, sku: 'SKU2', oldClosing: 39, newClosing: 39 }]);
  });

  it('ignores a reopened month', () => {
    const env = book();
    callFromClient(env, 'closeMonth', [{ month: '2026-02', location: US, postAdjustments: [] }]);
    callFromClient(env, 'reopenMonth', [{ month: '2026-02', location: US }]);
    add(env, 'FBA Ledger', [ledger('2026-02-26', 'SHIPMENT', 'SKU3', 'UNSPECIFIED', -1)]);
    expect(withDeps(env, closedMonthChanges)).toEqual([]);
  });
});

describe('openingDays', () => {
  it('maps each location started mid-stream to its opening day', () => {
    const env = book({ eu: true });
    expect(withDeps(env, openingDays)).toEqual(new Map());
    callFromClient(env, 'startMidStream', [{ month: '2026-02', location: EU }]);
    expect(withDeps(env, openingDays)).toEqual(new Map([[EU, 20512]])); // 2026-02-28
    // A stray property that is not an opening is ignored.
    env.properties.document.data.set('fba.opening.FBA-XX', 'not json');
    expect(withDeps(env, openingDays)).toEqual(new Map([[EU, 20512]]));
    expect(withDeps(env, (d) => readReconcileData(d).openings)).toEqual([
      { location: EU, month: '2026-02', day: 20512, inboundInTransit: {} },
    ]);
  });
});

describe('readReconcileData', () => {
  it('reads every sheet into the engine\'s records, with the Import Log as coverage', () => {
    const env = book();
    const data = withDeps(env, readReconcileData);
    expect(data.ledger).toHaveLength(15);
    expect(data.kits.map((k) => [k.amazonSku, k.component, k.units])).toEqual([['SKU1-6PK', 'SKU1', 6]]);
    expect(data.summary[0]).toMatchObject({ row: 2, month: '2026-02', location: US, msku: 'SKU1', disposition: 'SELLABLE' });
    expect(data.summary[0].figures).toMatchObject({ 'Starting Warehouse Balance': 100, 'Customer Shipments': -30, 'Ending Warehouse Balance': 72 });
    expect(data.receipts[0]).toEqual({ row: 2, day: 20466, location: US, shipmentId: 'FBA100', msku: 'SKU1', quantity: 120 });
    expect(data.importLog[0]).toEqual({
      source: 'report:70001', reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', location: US, dataStart: 20454, dataEnd: 20484,
      eventTypes: ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts'], status: 'OK',
    });
    expect(data.today).toBe(20583); // 2026-05-10 in Los Angeles
  });

  it('names the sheet and row of a bad Amazon figure', () => {
    const env = book();
    env.seed('Amazon Summary', [['oops']], 'H3');
    expect(() => withDeps(env, readReconcileData)).toThrow('Amazon Summary row 3: Receipts must be a whole number, not "oops"');
    expect(() => callFromClient(env, 'getReconciliation', [{ month: '2026-02' }])).toThrow('Amazon Summary row 3: Receipts must be a whole number, not "oops"');
  });

  it('counts an import removed later as no coverage', () => {
    const env = book();
    add(env, 'Import Log', [['2026-05-01 10:00:00', 'file:march-shipments.csv', 'GET_LEDGER_DETAIL_VIEW_DATA', US, '', '', '', 0, 0, 3, 0, '', 'REMOVED']]);
    const data = withDeps(env, readReconcileData);
    expect(data.removedSources).toEqual(['file:march-shipments.csv']);
    const r = callFromClient(env, 'getReconciliation', [{ month: '2026-03', location: US }]) as { closeBlockers: string[] };
    expect(r.closeBlockers).toEqual(['FBA-US: days not imported: 2026-03-01..2026-03-31 (all event types).']);
  });
});
