import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FakeEnv, callCustomFunction, callFromClient, callGlobal, checkClientValue, clickMenuItem, executionOf, fireTrigger, loadBundle, runOnOpen,
} from './index';

const BUNDLE = String.raw`
var counter = 0;
function probe() {
  return {
    require: typeof require, process: typeof process, setTimeout: typeof setTimeout, fetch: typeof fetch,
    Buffer: typeof Buffer, URL: typeof URL, TextEncoder: typeof TextEncoder, structuredClone: typeof structuredClone,
    module: typeof module, exports: typeof exports, globalThisHasFetch: 'fetch' in globalThis,
    SpreadsheetApp: typeof SpreadsheetApp, PropertiesService: typeof PropertiesService, LockService: typeof LockService,
    CacheService: typeof CacheService, UrlFetchApp: typeof UrlFetchApp, HtmlService: typeof HtmlService,
    ScriptApp: typeof ScriptApp, Utilities: typeof Utilities, Session: typeof Session, Logger: typeof Logger,
    console: typeof console,
  };
}
function bump() { counter++; globalThis.leaked = (globalThis.leaked || 0) + 1; return [counter, globalThis.leaked]; }
function clock() { return [Date.now(), new Date().getTime(), new Date(86400000).toISOString(), typeof Date()]; }
function realms() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1:B1').setValues([['2026-03-08', 5]]);
  var v = sheet.getRange('A1:B1').getValues();
  var err = null;
  try { sheet.getRange(0, 1); } catch (e) { err = e; }
  return [v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date, err instanceof Error, String(err), err.message,
    Utilities.parseDate('2026-01-01', 'UTC', 'yyyy-MM-dd') instanceof Date,
    Utilities.formatDate(v[0][0], SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(), 'yyyy-MM-dd')];
}
function echo(x) { return x; }
function argInfo(a, b) { return { a: a, b: b, isArray: Array.isArray(a) }; }
function withDate() { return { when: new Date(0), n: 1 }; }
function fails() { throw new Error('API quota exceeded'); }
function secret_() { return 'private'; }
function lockAndReturn() { return LockService.getDocumentLock().tryLock(0); }
function lockAndThrow() { LockService.getDocumentLock().waitLock(1000); throw new Error('after lock'); }
function DOUBLE(input) { return input.map(function (row) { return row.map(function (v) { return v * 2; }); }); }
function WRITE_FROM_CELL() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue(1); return 1; }
function onOpen(e) {
  var menu = SpreadsheetApp.getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addItem('Set up workbook', 'setup');
  if (e && e.authMode !== ScriptApp.AuthMode.NONE) {
    menu.addItem('Mode ' + e.authMode + ' props ' + PropertiesService.getDocumentProperties().getKeys().length, 'setup');
  }
  menu.addToUi();
}
function showSidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Lots')); }
function setup() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('FBA Ledger'); return 'done'; }
function install() { return ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getUniqueId(); }
function onOpenInstalled(e) { PropertiesService.getDocumentProperties().setProperty('opened', e.authMode + ':' + e.triggerUid + ':' + e.source.getId()); }
function longJob() {
  var done = 0;
  try { for (var i = 0; i < 100; i++) { Utilities.sleep(60000); done++; } } catch (e) { /* swallowed */ }
  PropertiesService.getScriptProperties().setProperty('done', String(done));
  return done;
}
function longJobSwallowingAll() {
  var done = 0;
  for (var i = 0; i < 100; i++) { try { Utilities.sleep(60000); done++; } catch (e) { break; } }
  return done;
}
`;

function env(opts: ConstructorParameters<typeof FakeEnv>[0] = {}) {
  return new FakeEnv({ manifest: null, bundle: { source: BUNDLE }, html: { sidebar: '<div>sidebar</div>' }, ...opts });
}

describe('loadBundle', () => {
  it('runs the bundle in a bare context whose only globals are the fakes', () => {
    const r = callGlobal(env(), 'probe') as Record<string, unknown>;
    expect(r).toEqual({
      require: 'undefined', process: 'undefined', setTimeout: 'undefined', fetch: 'undefined', Buffer: 'undefined', URL: 'undefined',
      TextEncoder: 'undefined', structuredClone: 'undefined', module: 'undefined', exports: 'undefined', globalThisHasFetch: false,
      SpreadsheetApp: 'object', PropertiesService: 'object', LockService: 'object', CacheService: 'object', UrlFetchApp: 'object',
      HtmlService: 'object', ScriptApp: 'object', Utilities: 'object', Session: 'object', Logger: 'object', console: 'object',
    });
  });

  it('shares no globals between loads (Apps Script keeps none between executions)', () => {
    const e = env();
    expect(callGlobal(e, 'bump')).toEqual([1, 1]);
    expect(callGlobal(e, 'bump')).toEqual([1, 1]);
    const a = loadBundle(e);
    const b = loadBundle(e);
    a.bump();
    expect(b.counter).toBe(0);
    expect(a.SpreadsheetApp).not.toBe(b.SpreadsheetApp);
    executionOf(a).end();
    executionOf(b).end();
  });

  it('gives the bundle a Date on the virtual clock; new Date(x) is normal', () => {
    const e = env();
    e.clock.set(Date.UTC(2026, 0, 15, 12));
    const [now, newDate, fixed, called] = callGlobal(e, 'clock') as [number, number, string, string];
    expect(now).toBe(Date.UTC(2026, 0, 15, 12));
    expect(newDate).toBe(now);
    expect(fixed).toBe('1970-01-02T00:00:00.000Z');
    expect(called).toBe('string');
  });

  it('hands the bundle values and errors of its own realm', () => {
    const r = callGlobal(env(), 'realms') as unknown[];
    expect(r).toEqual([true, true, true, true, 'Exception: The starting row of the range is too small.', 'The starting row of the range is too small.', true, '2026-03-08']);
  });

  it('reads a bundle from a file path (cached) or from env.options.bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const file = join(dir, 'Code.js');
    writeFileSync(file, 'function hello(n) { return "hi " + n; }');
    const e = new FakeEnv({ manifest: null });
    expect(callGlobal(e, 'hello', ['a'], 'FULL', { path: file })).toBe('hi a');
    expect(callGlobal(e, 'hello', ['b'], 'FULL', { path: file })).toBe('hi b');
    expect(callGlobal(new FakeEnv({ manifest: null, bundle: { path: file } }), 'hello', ['c'])).toBe('hi c');
  });

  it('counts top-level work in the execution and refuses unknown or private names', () => {
    const e = env();
    expect(() => callGlobal(e, 'nope')).toThrow('Script function not found: nope');
    expect(() => callGlobal(e, 'secret_')).toThrow('Script function not found: secret_');
    expect(callGlobal(e, 'secret_', [], 'FULL', { allowPrivate: true })).toBe('private');
  });
});

describe('callGlobal', () => {
  it('releases the locks an execution held, also when it throws', () => {
    const e = env();
    expect(callGlobal(e, 'lockAndReturn')).toBe(true);
    expect(callGlobal(e, 'lockAndReturn')).toBe(true);
    expect(() => callGlobal(e, 'lockAndThrow')).toThrow('after lock');
    expect(e.locks.holders.size).toBe(0);
    const hold = e.holdLock('document');
    expect(() => callGlobal(e, 'lockAndThrow')).toThrow('Lock timeout: another process was holding the lock for too long.');
    hold.release();
  });

  it('kills an execution past 6 virtual minutes even if the script catches the error', () => {
    const e = env();
    expect(() => callGlobal(e, 'longJob')).toThrow('Exceeded maximum execution time');
    expect(e.properties.script.data.get('done')).toBeUndefined();
    expect(() => callGlobal(e, 'longJobSwallowingAll')).toThrow('Exceeded maximum execution time');
  });

  it('returns Node-realm copies', () => {
    const r = callGlobal(env(), 'echo', [{ d: new Date(5), list: [1, 'x'] }]) as { d: Date; list: unknown[] };
    expect(r.d).toBeInstanceOf(Date);
    expect(r.list).toBeInstanceOf(Array);
    expect(r).toEqual({ d: new Date(5), list: [1, 'x'] });
  });
});

describe('google.script.run (callFromClient)', () => {
  it('rejects Dates and functions anywhere in the arguments, like the client does', () => {
    const e = env();
    expect(() => callFromClient(e, 'echo', [new Date()])).toThrow('Failed due to illegal value in property: 0');
    expect(() => callFromClient(e, 'echo', [{ form: { date: new Date() } }])).toThrow('Failed due to illegal value in property: date');
    expect(() => callFromClient(e, 'echo', [[1, () => 2]])).toThrow('Failed due to illegal value in property: 1');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => callFromClient(e, 'echo', [loop])).toThrow('Failed due to circular reference.');
    expect(() => checkClientValue(new Map(), 'm')).toThrow(TypeError);
  });

  it('passes JSON copies: undefined in arrays becomes null, undefined fields vanish', () => {
    const r = callFromClient(env(), 'argInfo', [[1, undefined, 'x'], { keep: 1, drop: undefined }]);
    expect(r).toEqual({ a: [1, null, 'x'], b: { keep: 1 }, isArray: true });
  });

  it('refuses private and unknown functions', () => {
    const e = env();
    expect(() => callFromClient(e, 'secret_')).toThrow('Script function not found: secret_');
    expect(() => callFromClient(e, 'missing')).toThrow('Script function not found: missing');
  });

  it('returns server errors as the failure handler sees them, and a Date-bearing result as null', () => {
    const e = env();
    expect(() => callFromClient(e, 'fails')).toThrow('API quota exceeded');
    expect(callFromClient(e, 'withDate')).toBeNull();
    expect(callFromClient(e, 'echo', [{ a: [1, { b: 'c' }] }])).toEqual({ a: [1, { b: 'c' }] });
  });
});

describe('entry points', () => {
  it('custom functions get 2D arrays and cannot write', () => {
    const e = env();
    expect(callCustomFunction(e, 'DOUBLE', [[[1, 2], [3, 4]]])).toEqual([[2, 4], [6, 8]]);
    expect(() => callCustomFunction(e, 'WRITE_FROM_CELL')).toThrow('You do not have permission to call setValue');
    expect(() => callCustomFunction(e, 'secret_')).toThrow('Script function not found');
  });

  it('onOpen builds the menu in NONE mode without touching data; menu items run their handlers', () => {
    const e = env();
    runOnOpen(e, 'NONE');
    expect(e.ui.addonMenu?.entries.map((x) => (x.kind === 'item' ? x.caption : '-'))).toEqual(['Open sidebar', 'Set up workbook']);
    runOnOpen(e, 'LIMITED');
    expect(e.ui.menus).toHaveLength(1);
    expect(e.ui.addonMenu?.entries.map((x) => (x.kind === 'item' ? x.caption : '-'))).toContain('Mode LIMITED props 0');
    clickMenuItem(e, 'Open sidebar');
    expect(e.ui.sidebars[0]).toMatchObject({ title: 'Lots', content: '<div>sidebar</div>' });
    expect(clickMenuItem(e, 'Set up workbook')).toBe('done');
    expect(e.sheet('FBA Ledger')).toBeDefined();
  });

  it('installable triggers fire as their owner, in FULL mode', () => {
    const e = env();
    const id = callGlobal(e, 'install') as string;
    fireTrigger(e, id);
    expect(e.properties.document.data.get('opened')).toBe(`FULL:${id}:${e.spreadsheet.id}`);
    expect(() => callGlobal(e, 'install')).toThrow(/one ON_OPEN trigger/);
  });

  it('counts sheet calls across a whole execution', () => {
    const e = env();
    e.resetCounters();
    callGlobal(e, 'realms');
    expect(e.count('Range.setValues')).toBe(1);
    expect(e.count('Range.getValues')).toBe(1);
    expect(e.sheetCalls()).toBeGreaterThanOrEqual(6);
  });
});

describe('service objects as scripts see them', () => {
  it('hide the fake internals', () => {
    const r = callGlobal(env(), 'echo', [], 'FULL', {
      source: `function echo() { var r = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1');
        return [typeof r._x, '_x' in r, Object.keys(r).filter(function (k) { return k[0] === '_'; }).length, typeof r.getValues, typeof r.constructor]; }`,
    });
    expect(r).toEqual(['undefined', false, 0, 'function', 'undefined']);
  });
});
