import { describe, expect, it } from 'vitest';
import { FakeEnv } from './index';
import type { FakeHttpRequest } from './index';

const ok = (_req: FakeHttpRequest) => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: new TextEncoder().encode('ok') });

function env(opts: ConstructorParameters<typeof FakeEnv>[0] = {}) {
  return new FakeEnv({ manifest: { urlFetchWhitelist: ['https://api.example.com/'] }, http: ok, ...opts });
}

describe('CUSTOM_FUNCTION mode', () => {
  it('reads the spreadsheet but every mutator throws a permission error', () => {
    const e = env();
    e.seed('Sheet1', [['a', 1]]);
    const g = e.execute('CUSTOM_FUNCTION').globals;
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName('Sheet1')!;
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['a', 1]]);
    expect(sheet.getLastRow()).toBe(1);
    expect(() => sheet.getRange('A1').setValue('x')).toThrow('You do not have permission to call setValue');
    expect(() => sheet.getRange('A1:B1').setValues([['x', 2]])).toThrow('You do not have permission to call setValues');
    expect(() => sheet.appendRow(['x'])).toThrow('You do not have permission to call appendRow');
    expect(() => sheet.getRange('A1').setNumberFormat('@')).toThrow(/permission/);
    expect(() => sheet.insertRowsAfter(1, 1)).toThrow(/permission/);
    expect(() => sheet.deleteRows(1, 1)).toThrow(/permission/);
    expect(() => sheet.getRange('A1').clearContent()).toThrow(/permission/);
    expect(() => ss.insertSheet('New')).toThrow(/permission/);
    expect(() => ss.toast('hi')).toThrow(/permission/);
    expect(() => ss.setNamedRange('X', sheet.getRange('A1'))).toThrow(/permission/);
    expect(e.peek('Sheet1')).toEqual([['a', 1]]);
  });

  it('has no UI and cannot manage triggers', () => {
    const g = env().execute('CUSTOM_FUNCTION').globals;
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(/permission/);
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/permission/);
  });

  it('may use UrlFetch, Cache, Lock and Properties; user properties are the owner\'s', () => {
    const e = env({ owner: 'owner@example.com', user: 'editor@example.com' });
    e.userProperties('owner@example.com').data.set('k', 'owner value');
    e.userProperties('editor@example.com').data.set('k', 'editor value');
    const g = e.execute('CUSTOM_FUNCTION').globals;
    expect(g.UrlFetchApp.fetch('https://api.example.com/x').getContentText()).toBe('ok');
    g.CacheService.getScriptCache().put('c', 'v');
    expect(g.CacheService.getScriptCache().get('c')).toBe('v');
    expect(g.LockService.getScriptLock().tryLock(10)).toBe(true);
    expect(g.PropertiesService.getUserProperties().getProperty('k')).toBe('owner value');
    expect(e.execute('FULL').globals.PropertiesService.getUserProperties().getProperty('k')).toBe('editor value');
  });
});

describe('NONE mode (onOpen of an add-on not yet used in this document)', () => {
  it('cannot reach user data or services needing authorization', () => {
    const e = env();
    const g = e.execute('NONE').globals;
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => g.SpreadsheetApp.getActiveSheet()).toThrow(/permission/);
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow(/permission/);
    expect(() => g.PropertiesService.getUserProperties()).toThrow(/permission/);
    expect(() => g.LockService.getDocumentLock()).toThrow(/permission/);
    expect(() => g.CacheService.getUserCache()).toThrow(/permission/);
    expect(() => g.UrlFetchApp.fetch('https://api.example.com/x')).toThrow(/permission/);
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/permission/);
  });

  it('can still build the add-on menu', () => {
    const e = env();
    const g = e.execute('NONE').globals;
    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Set up workbook', 'setupWorkbook').addSeparator().addItem('Help', 'showHelp').addToUi();
    expect(e.ui.addonMenu?.entries).toEqual([
      { kind: 'item', caption: 'Set up workbook', functionName: 'setupWorkbook' },
      { kind: 'separator' },
      { kind: 'item', caption: 'Help', functionName: 'showHelp' },
    ]);
    expect(e.ui.addonMenu?.mode).toBe('NONE');
    expect(g.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
  });
});

describe('LIMITED mode', () => {
  it('reads and writes the document but cannot fetch or manage triggers', () => {
    const e = env();
    const g = e.execute('LIMITED').globals;
    g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue('x');
    expect(e.peek('Sheet1')).toEqual([['x']]);
    expect(() => g.UrlFetchApp.fetch('https://api.example.com/x')).toThrow(/permission/);
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(/permission/);
  });
});

describe('execution time limit', () => {
  it('throws Exceeded maximum execution time at the first call after 6 virtual minutes, and keeps throwing', () => {
    const e = env();
    const x = e.execute('FULL');
    const g = x.globals;
    for (let i = 0; i < 12; i++) g.Utilities.sleep(30_000); // exactly 6 minutes: still allowed
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).not.toThrow();
    g.Utilities.sleep(1);
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('Exceeded maximum execution time');
    expect(() => g.PropertiesService.getScriptProperties()).toThrow('Exceeded maximum execution time');
    expect(x.timedOut).toBe(true);
  });

  it('gives custom functions 30 seconds', () => {
    const e = env();
    const g = e.execute('CUSTOM_FUNCTION').globals;
    g.Utilities.sleep(30_001);
    expect(() => g.CacheService.getScriptCache()).toThrow('Exceeded maximum execution time');
  });

  it('counts time spent waiting for locks and in the http handler', () => {
    const e = env({
      http: (req) => {
        e.clock.advance(4 * 60_000);
        return ok(req);
      },
    });
    const g = e.execute('FULL').globals;
    g.UrlFetchApp.fetch('https://api.example.com/slow');
    g.UrlFetchApp.fetch('https://api.example.com/slow');
    expect(() => g.UrlFetchApp.fetch('https://api.example.com/slow')).toThrow('Exceeded maximum execution time');
  });

  it('can charge virtual latency per call', () => {
    const e = env({ latency: (call) => (call.startsWith('Range.') ? 1000 : 0) });
    const sheet = e.execute('FULL').globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const t0 = e.clock.now();
    sheet.getRange('A1').getValues();
    sheet.getRange('A1').getValues();
    expect(e.clock.now() - t0).toBe(2000);
  });

  it('refuses calls on objects of an execution that ended', () => {
    const x = env().execute('FULL');
    const sheet = x.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    x.end();
    expect(() => sheet.getName()).toThrow(/after its execution ended/);
  });
});
