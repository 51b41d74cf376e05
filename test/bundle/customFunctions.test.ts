/**
 * The custom functions through the built bundle, called as a cell calls them: in the
 * custom-function sandbox, with ranges as 2D arrays and date cells as Dates of the spreadsheet's
 * zone.
 */
import { describe, expect, it } from 'vitest';
import { callCustomFunction } from '../fakes/index';
import { bundleSource, newEnv } from './helpers';

const TZ = 'America/Los_Angeles';
/** A date cell: midnight of that day in the spreadsheet's zone (PDT/PST). */
function cell(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d, 12));
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
    .formatToParts(probe).find((p) => p.type === 'timeZoneName')!.value; // GMT-07:00
  const [, sign, hh, mm] = /GMT([+-])(\d\d):(\d\d)/.exec(offset)!;
  const minutes = (sign === '-' ? 1 : -1) * (Number(hh) * 60 + Number(mm));
  return new Date(Date.UTC(y, m - 1, d) + minutes * 60_000);
}

const HEADER = ['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key'];
function row(date: string, event: string, sku: string, lot: string, qty: number, extra: Partial<Record<'expiry' | 'location' | 'disposition' | 'reason' | 'reference', string>> = {}): unknown[] {
  return [cell(date), event, sku, lot, qty, extra.expiry ? cell(extra.expiry) : '', extra.location ?? '', extra.disposition ?? '', extra.reason ?? '', extra.reference ?? '', '', ''];
}

function call(name: string, ...args: unknown[]): unknown {
  const env = newEnv({ timeZone: TZ });
  return callCustomFunction(env, name, args);
}

describe('custom functions in the bundle', () => {
  it('carry their @customfunction JSDoc on the top-level stub', () => {
    const source = bundleSource();
    for (const name of ['FBA_ONHAND', 'FBA_LOT_BALANCE', 'FBA_LOT_REMAINING', 'FBA_LOTS', 'FBA_KIT_AVAILABLE']) {
      expect(source).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name}\\(`));
    }
    expect(source).toMatch(/function FBA_LOT_REMAINING\(ledger, sku, lot, kits, method, location, asOf\)/);
  });

  const luminous = [HEADER, row('2026-01-01', 'TRANSFER', 'SKU1', '123A', 160), row('2026-01-20', 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -150)];

  it('Luminous: balance 160 / −150, on hand 10, estimate 10, range 10–10', () => {
    expect(call('FBA_LOT_BALANCE', luminous, 'SKU1', '123A')).toBe(160);
    expect(call('FBA_LOT_BALANCE', luminous, 'SKU1', 'UNSPECIFIED')).toBe(-150);
    expect(call('FBA_ONHAND', luminous, 'SKU1')).toBe(10);
    expect(call('FBA_LOT_REMAINING', luminous, 'SKU1', '123A')).toBe(10);
    expect(call('FBA_LOT_REMAINING', luminous, 'SKU1', '123A', '', 'MIN')).toBe(10);
    expect(call('FBA_LOT_REMAINING', luminous, 'SKU1', '123A', '', 'MAX')).toBe(10);
  });

  it('Chronology: FIFO A 0, B 50; range A 0–30, B 20–50', () => {
    const ledger = [
      HEADER,
      row('2026-01-01', 'TRANSFER', 'SKU1', 'A', 60), row('2026-02-01', 'SHIPMENT', 'SKU1', '', -30),
      row('2026-03-01', 'TRANSFER', 'SKU1', 'B', 60), row('2026-04-01', 'SHIPMENT', 'SKU1', '', -40),
    ];
    const lots = call('FBA_LOTS', ledger) as unknown[][];
    expect(lots[0]).toEqual(['Location', 'SKU', 'Lot', 'Expiry', 'Sent', 'Recorded balance', 'Estimated remaining', 'Min', 'Max']);
    expect(lots.slice(1)).toEqual([
      ['FBA-US', 'SKU1', 'A', '', 60, 60, 0, 0, 30],
      ['FBA-US', 'SKU1', 'B', '', 60, 60, 50, 20, 50],
      ['FBA-US', 'SKU1', 'UNSPECIFIED', '', 0, -70, 0, '', ''],
    ]);
  });

  it('Multipack: lots of packs count in units, and kits available come from the pack pool', () => {
    const kits = [['Amazon SKU', 'Component SKU', 'Units per kit'], ['SKU1-6PK', 'SKU1', 6]];
    const ledger = [
      HEADER, row('2026-01-01', 'TRANSFER', 'SKU1-6PK', 'A', 10), row('2026-01-02', 'TRANSFER', 'SKU1', 'B', 60),
      row('2026-01-03', 'SHIPMENT', 'SKU1', '', -60),
    ];
    expect(call('FBA_LOT_REMAINING', ledger, 'SKU1', 'A', kits)).toBe(60);
    expect(call('FBA_LOT_REMAINING', ledger, 'SKU1', 'B', kits)).toBe(0);
    expect(call('FBA_ONHAND', ledger, 'SKU1', kits)).toBe(60);
    expect(call('FBA_ONHAND', ledger, 'SKU1-6PK', kits)).toBe(60);
    expect(call('FBA_KIT_AVAILABLE', ledger, kits, 'SKU1-6PK')).toBe(10);
  });

  it('reads date cells in the spreadsheet zone, YYYY-MM-DD text, asOf and location', () => {
    const ledger = [
      HEADER,
      row('2026-03-08', 'TRANSFER', 'SKU1', 'A', 10),
      ['2026-03-09', 'TRANSFER', 'SKU1', 'B', '5', '', 'FBA-EU', '', '', '', '', ''],
      row('2026-03-10', 'SHIPMENT', 'SKU1', 'unspecified-lot', -3),
    ];
    expect(call('FBA_ONHAND', ledger, 'SKU1', '', '', cell('2026-03-08'))).toBe(10);
    expect(call('FBA_ONHAND', ledger, 'SKU1', '', '', '2026-03-09')).toBe(15);
    expect(call('FBA_ONHAND', ledger, 'SKU1', '', 'FBA-EU')).toBe(5);
    expect(call('FBA_ONHAND', ledger, 'SKU1')).toBe(12);
  });

  it('returns expiry as a date at midnight of the spreadsheet zone', () => {
    const ledger = [HEADER, row('2026-01-01', 'TRANSFER', 'SKU1', 'A', 10, { expiry: '2026-07-31' })];
    const lots = call('FBA_LOTS', ledger) as unknown[][];
    expect((lots[1][3] as Date).toISOString()).toBe('2026-07-31T07:00:00.000Z');
  });

  it.each([
    ['FBA_ONHAND', [[HEADER, ['yesterday', 'TRANSFER', 'S', 'A', 1]], 'S'], /^FBA_ONHAND: .*\(row 2\)$/],
    ['FBA_LOT_BALANCE', [[['2026-01-01', 'TRANSFER', 'S', 'A', 'ten']], 'S', 'A'], /^FBA_LOT_BALANCE: .*\(row 1\)$/],
    ['FBA_LOT_REMAINING', [[['2026-01-01', 'SELL', 'S', 'A', 1]], 'S', 'A'], /^FBA_LOT_REMAINING: .*\(row 1\)$/],
    ['FBA_LOT_REMAINING', [[['2026-01-01', 'TRANSFER', 'S', 'A', 1]], 'S', 'A', '', 'LIFO'], /^FBA_LOT_REMAINING: method must be FIFO, FEFO, MIN or MAX/],
    ['FBA_LOTS', [[['2026-01-01', 'TRANSFER', 'S', 'A', 1]], [['X', 'Y', 0]]], /^FBA_LOTS: kits: .*\(row 1\)$/],
    ['FBA_KIT_AVAILABLE', [[['2026-01-01', 'TRANSFER', 'S', 'A', 1]], [['A', 'B', 2], ['B', 'C', 2]], 'A'], /^FBA_KIT_AVAILABLE: kits: component B of A is itself an Amazon SKU.*\(row 1\)$/],
    ['FBA_ONHAND', [[['2026-01-01', 'TRANSFER', 'S', 'A', 1]], 'S', '', '', '31/12/2026'], /^FBA_ONHAND: asOf must be a date/],
  ])('%s throws "FBA_X: reason (row n)" for bad input', (name, args, message) => {
    expect(() => call(name, ...(args as unknown[]))).toThrow(message);
  });

  it('tolerates whole-column ranges: thousands of blank rows', () => {
    const ledger: unknown[][] = [HEADER, row('2026-01-01', 'TRANSFER', 'SKU1', 'A', 4)];
    for (let i = 0; i < 50_000; i++) ledger.push(['', '', '', '', '', '', '', '', '', '', '', '']);
    expect(call('FBA_ONHAND', ledger, 'SKU1')).toBe(4);
  });
});

describe('FBA_LOT_REMAINING between cells', () => {
  it('serves later cells from the document cache, keyed by the ledger fingerprint', () => {
    const env = newEnv({ timeZone: TZ });
    const ledger = [
      HEADER,
      row('2026-01-01', 'TRANSFER', 'SKU1', 'A', 60), row('2026-02-01', 'SHIPMENT', 'SKU1', '', -30),
      row('2026-03-01', 'TRANSFER', 'SKU1', 'B', 60), row('2026-04-01', 'SHIPMENT', 'SKU1', '', -40),
    ];
    expect(callCustomFunction(env, 'FBA_LOT_REMAINING', [ledger, 'SKU1', 'A'])).toBe(0);
    const entries = [...env.caches.document.entries.keys()];
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // Prove the next cell reads the cache: change what is stored for lot B.
    const keyB = entries.find((k) => k.endsWith('|sku1|b'))!;
    env.caches.document.entries.get(keyB)!.value = '49';
    expect(callCustomFunction(env, 'FBA_LOT_REMAINING', [ledger, 'SKU1', 'B'])).toBe(49);
    // Another ledger is another fingerprint: computed afresh.
    const edited = ledger.map((r) => r.slice());
    edited[4][4] = -45;
    expect(callCustomFunction(env, 'FBA_LOT_REMAINING', [edited, 'SKU1', 'B'])).toBe(45);
  });
});
