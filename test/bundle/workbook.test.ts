/**
 * The built bundle, driven as Apps Script drives it: top-level stubs, the add-on menu in every auth
 * mode, Set up workbook and Record transfer.
 */
import { describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, runOnOpen } from '../fakes/index';
import { LEDGER_HEADERS } from '../../src/core/ledger/types';
import { DEFAULT_LOCATIONS, WORKBOOK } from '../../src/app/layout';
import { bundleSource, dataRows, entryPoints, newEnv, snapshot } from './helpers';

describe('the bundle', () => {
  it('declares every entry point as a top-level function before the bundle runs', () => {
    const source = bundleSource();
    const names = entryPoints();
    expect(names).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'setupWorkbook', 'recordTransfer', 'showHelp']));
    for (const n of names) expect(source).toMatch(new RegExp(`^function ${n}\\(`, 'm'));
  });

  it('binds every menu item to a top-level function', () => {
    const env = newEnv();
    runOnOpen(env, 'NONE');
    const items = env.ui.addonMenu!.entries.filter((i) => i.kind === 'item') as Array<{ functionName: string }>;
    expect(items.length).toBeGreaterThan(1);
    const names = entryPoints();
    for (const i of items) expect(names).toContain(i.functionName);
  });
});

describe('onOpen', () => {
  it.each(['NONE', 'LIMITED', 'FULL'] as const)('builds the add-on menu in AuthMode.%s without touching data', (mode) => {
    const env = newEnv();
    const before = snapshot(env);
    env.resetCounters();
    runOnOpen(env, mode);
    expect(env.ui.addonMenu?.entries.map((i) => ('caption' in i ? i.caption : null))).toContain('Set up workbook');
    const dataCalls = Object.keys(env.counts()).filter((k) => /^(Spreadsheet|Sheet|Range|NamedRange)\.|^SpreadsheetApp\.getActive|^PropertiesService|^LockService/.test(k));
    expect(dataCalls).toEqual([]);
    expect(snapshot(env)).toBe(before);
  });

  it('lists the items of spec §10 in order, each bound to a top-level function', () => {
    const env = newEnv();
    runOnOpen(env, 'NONE');
    const items = env.ui.addonMenu!.entries.filter((i) => i.kind === 'item') as Array<{ caption: string; functionName: string }>;
    const captions = items.map((i) => i.caption);
    const spec = ['Set up workbook', 'Open sidebar', 'Fetch Amazon reports now', 'Import report file…', 'Reconcile month…', 'Help'];
    expect(captions.filter((c) => spec.includes(c))).toEqual(spec);
    expect(env.ui.addonMenu!.addon).toBe(true);
  });

  it('onInstall builds the same menu', () => {
    const env = newEnv();
    runOnOpen(env, 'FULL', {}, 'onInstall');
    expect(env.ui.addonMenu?.entries.map((i) => ('caption' in i ? i.caption : null))).toContain('Help');
  });
});

describe('setupWorkbook', () => {
  it('creates every sheet with its headers, plain-text columns, frozen header and named ranges', () => {
    const env = newEnv();
    const result = callFromClient(env, 'setupWorkbook') as { created: string[] };
    expect(result.created).toEqual(WORKBOOK.map((l) => l.name));
    for (const l of WORKBOOK) {
      const sheet = env.spreadsheet.sheetByName(l.name)!;
      expect(env.peek(l.name)[0]).toEqual([...l.headers]);
      expect(sheet.frozenRows).toBe(1);
      l.formats.forEach((f, i) => expect(sheet.cell(2, i + 1)?.nf, `${l.name} column ${i + 1}`).toBe(f));
    }
    expect(env.peek('FBA Ledger')[0]).toEqual([...LEDGER_HEADERS]);
    expect(dataRows(env, 'Locations')).toEqual(DEFAULT_LOCATIONS.map((r) => [...r]));
    const named = env.spreadsheet.namedRanges;
    expect(named.get('FBA_LEDGER')).toMatchObject({ numCols: 12, openRows: true });
    expect(named.get('FBA_KITS')).toMatchObject({ numCols: 3, openRows: true });
    expect(env.spreadsheet.sheetByName('FBA Ledger')!.cell(2, 2)?.dv?.args[0]).toEqual(
      ['TRANSFER', 'OPENING', 'SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT', 'RECONCILIATION'],
    );
  });

  it('is idempotent: a second run changes nothing', () => {
    const env = newEnv();
    runOnOpen(env, 'FULL');
    clickMenuItem(env, 'Set up workbook');
    const first = snapshot(env);
    const result = callFromClient(env, 'setupWorkbook') as { created: string[]; message: string };
    expect(result.created).toEqual([]);
    expect(snapshot(env)).toBe(first);
  });

  it('never erases or reorders data, and keeps typed text as text', () => {
    const env = newEnv();
    callFromClient(env, 'setupWorkbook');
    callFromClient(env, 'recordTransfer', [{ date: '2026-10-01', sku: '00123', lot: 'MAR21', quantity: 5 }]);
    env.seed('Kits', [['SKU1-6PK', 'SKU1', 6]], 'A2');
    const before = snapshot(env);
    callFromClient(env, 'setupWorkbook');
    expect(snapshot(env)).toBe(before);
    const row = dataRows(env, 'FBA Ledger')[0];
    expect(row.slice(1, 5)).toEqual(['TRANSFER', '00123', 'MAR21', 5]);
  });

  it('completes a sheet the seller started by hand and leaves a sheet with other headers alone', () => {
    const env = newEnv();
    env.seed('Kits', [['Amazon SKU'], ['A-6PK']], 'A1');
    env.seed('Locations', [['Land', 'Pool'], ['US', 'FBA']], 'A1');
    const result = callFromClient(env, 'setupWorkbook') as { message: string };
    expect(env.peek('Kits')[0]).toEqual(['Amazon SKU', 'Component SKU', 'Units per kit']);
    expect(env.peek('Kits')[1][0]).toBe('A-6PK');
    expect(env.peek('Locations')).toEqual([['Land', 'Pool'], ['US', 'FBA']]);
    expect(result.message).toMatch(/Sheet "Locations" has "Land" in column 1/);
  });
});

describe('recordTransfer', () => {
  function ready() {
    const env = newEnv({ timeZone: 'America/Los_Angeles' });
    env.clock.set(Date.UTC(2026, 10, 2, 18, 0, 0));
    callFromClient(env, 'setupWorkbook');
    return env;
  }

  it('appends one TRANSFER row with the day at midnight in the spreadsheet zone', () => {
    const env = ready();
    const result = callFromClient(env, 'recordTransfer', [{
      date: '2026-03-08', sku: 'SKU1', lot: '123A', quantity: 160, expiry: '2027-01-31', reference: 'FBA15XYZ',
    }]) as { row: number };
    expect(result.row).toBe(2);
    const [row] = dataRows(env, 'FBA Ledger');
    // 2026-03-08 is the day US daylight saving time starts: midnight is still PST (UTC-8).
    expect((row[0] as Date).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect((row[5] as Date).toISOString()).toBe('2027-01-31T08:00:00.000Z');
    expect(row.slice(1, 5)).toEqual(['TRANSFER', 'SKU1', '123A', 160]);
    expect(row.slice(6)).toEqual(['FBA-US', '', '', 'FBA15XYZ', 'manual', '']);
  });

  it('never lets typed text become a formula', () => {
    const env = ready();
    callFromClient(env, 'recordTransfer', [{ date: '2026-10-01', sku: '=IMPORTXML("x")', lot: '+1', quantity: 1 }]);
    const [row] = env.peek('FBA Ledger', { formulas: true }).slice(1);
    expect(row[2]).toBe('=IMPORTXML("x")');
    expect(env.spreadsheet.sheetByName('FBA Ledger')!.cell(2, 3)?.f).toBeUndefined();
    expect(row[3]).toBe('+1');
  });

  it.each([
    [{ date: '2026-13-01', sku: 'A', lot: 'L', quantity: 1 }, /Date must be a date written YYYY-MM-DD/],
    [{ date: '2026-12-01', sku: 'A', lot: 'L', quantity: 1 }, /in the future/],
    [{ date: '2026-10-01', sku: ' ', lot: 'L', quantity: 1 }, /SKU is required/],
    [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 1.5 }, /whole number/],
    [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 0 }, /whole number/],
    [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 1, expiry: '31/01/2027' }, /Expiry must be a date/],
  ])('refuses %j with a clear message and writes nothing', (input, message) => {
    const env = ready();
    const before = snapshot(env);
    expect(() => callFromClient(env, 'recordTransfer', [input])).toThrow(message);
    expect(snapshot(env)).toBe(before);
  });

  it('asks for setup when the ledger is missing', () => {
    const env = newEnv();
    expect(() => callFromClient(env, 'recordTransfer', [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 1 }]))
      .toThrow(/Set up workbook/);
  });

  it('says so when another task holds the document lock, and writes nothing', () => {
    const env = ready();
    const before = snapshot(env);
    const held = env.holdLock('document');
    expect(() => callFromClient(env, 'recordTransfer', [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 1 }]))
      .toThrow(/Another FBA Lot Ledger task is writing/);
    held.release();
    expect(snapshot(env)).toBe(before);
  });

  it('uses the default location the seller chose', () => {
    const env = ready();
    env.properties.document.data.set('fba.defaultLocation', 'FBA-EU');
    callFromClient(env, 'recordTransfer', [{ date: '2026-10-01', sku: 'A', lot: 'L', quantity: 3 }]);
    expect(dataRows(env, 'FBA Ledger')[0][6]).toBe('FBA-EU');
  });
});

describe('the sidebar from the menu', () => {
  it.each([
    ['Open sidebar', 'inventory'],
    ['Import report file…', 'import'],
    ['Reconcile month…', 'reconcile'],
  ])('"%s" shows the built sidebar on its %s tab', (caption, tab) => {
    const env = newEnv();
    runOnOpen(env, 'FULL');
    clickMenuItem(env, caption);
    const shown = env.ui.sidebars.at(-1)!;
    expect(shown.title).toBe('FBA Lot Ledger');
    expect(shown.content).toContain(`data-initial-tab="${tab}"`);
    expect(shown.content).toContain('google.script.run');
  });

  it('shows help with every custom function', () => {
    const env = newEnv();
    runOnOpen(env, 'FULL');
    clickMenuItem(env, 'Help');
    const help = env.ui.dialogs.at(-1)!;
    for (const f of ['FBA_ONHAND', 'FBA_LOT_BALANCE', 'FBA_LOT_REMAINING', 'FBA_LOTS', 'FBA_KIT_AVAILABLE']) expect(help.content).toContain(f);
    expect(help.content).toMatch(/One FBA_LOTS is the efficient way/);
  });
});
