import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeEnv } from './index';

const newEnv = (opts: ConstructorParameters<typeof FakeEnv>[0] = {}) => new FakeEnv({ manifest: null, ...opts });

describe('PropertiesService', () => {
  it('returns null for missing keys and stores strings', () => {
    const g = newEnv().execute().globals;
    const p = g.PropertiesService.getDocumentProperties();
    expect(p.getProperty('missing')).toBeNull();
    p.setProperty('n', 5 as unknown as string).setProperties({ a: '1', b: '2' });
    expect(p.getProperty('n')).toBe('5');
    expect(p.getProperties()).toEqual({ n: '5', a: '1', b: '2' });
    expect(p.getKeys().sort()).toEqual(['a', 'b', 'n']);
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteProperty('c');
    expect(p.getKeys()).toEqual([]);
    p.setProperty('x', 'y');
    p.deleteAllProperties();
    expect(p.getProperties()).toEqual({});
  });

  it('persists across executions; document, script and user stores are separate', () => {
    const e = newEnv();
    const a = e.execute().globals.PropertiesService;
    a.getDocumentProperties().setProperty('k', 'doc');
    a.getScriptProperties().setProperty('k', 'script');
    a.getUserProperties().setProperty('k', 'user');
    const b = e.execute().globals.PropertiesService;
    expect([b.getDocumentProperties().getProperty('k'), b.getScriptProperties().getProperty('k'), b.getUserProperties().getProperty('k')])
      .toEqual(['doc', 'script', 'user']);
    const other = e.execute('FULL', { user: 'someone@example.com' }).globals.PropertiesService;
    expect(other.getUserProperties().getProperty('k')).toBeNull();
  });

  it('enforces 9 KB per value and 500 KB per store', () => {
    const p = newEnv().execute().globals.PropertiesService.getScriptProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(p.getProperty('big')).toBeNull();
    expect(() => p.setProperty('wide', 'é'.repeat(5000))).toThrow('Argument too large: value'); // 10,000 bytes in UTF-8
    let n = 0;
    expect(() => {
      for (;;) p.setProperty(`k${n++}`, 'y'.repeat(9000));
    }).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(n).toBeGreaterThan(50);
    expect(n).toBeLessThan(60);
    expect(() => p.setProperties({ a: 'y'.repeat(9000), b: 'y'.repeat(9000) })).toThrow(/storage quota/);
    expect(p.getProperty('a')).toBeNull(); // all or nothing
  });

  it('has no document properties outside a containing document', () => {
    const g = newEnv({ containerBound: false }).execute().globals;
    expect(g.PropertiesService.getDocumentProperties()).toBeNull();
    expect(g.PropertiesService.getScriptProperties()).not.toBeNull();
  });
});

describe('CacheService', () => {
  it('gets, puts, expires on the virtual clock (default 600 s)', () => {
    const e = newEnv();
    const cache = () => e.execute().globals.CacheService.getScriptCache(); // a new execution each time
    cache().put('a', '1');
    cache().put('b', '2', 5);
    expect(cache().get('missing')).toBeNull();
    expect(cache().getAll(['a', 'b', 'z'])).toEqual({ a: '1', b: '2' });
    e.clock.advance(5000);
    expect(cache().get('b')).toBeNull();
    expect(cache().get('a')).toBe('1');
    e.clock.advance(595_000);
    expect(cache().get('a')).toBeNull();
  });

  it('clamps expiration to 21600 s and enforces key and value sizes', () => {
    const e = newEnv();
    const cache = () => e.execute().globals.CacheService.getUserCache();
    const c = cache();
    c.put('long', 'v', 100_000);
    e.clock.advance(21_600_000 - 1);
    expect(cache().get('long')).toBe('v');
    e.clock.advance(1);
    expect(cache().get('long')).toBeNull();
    const c2 = cache();
    c2.put('k'.repeat(250), 'ok');
    expect(() => c2.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    c2.put('v', 'x'.repeat(100 * 1024));
    expect(() => c2.put('v2', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  });

  it('putAll/removeAll/remove and separate document/user caches', () => {
    const e = newEnv();
    const g = e.execute().globals;
    const d = g.CacheService.getDocumentCache()!;
    d.putAll({ a: '1', b: '2', c: '3' }, 60);
    d.removeAll(['a', 'b']);
    d.remove('nothing');
    expect(d.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    expect(g.CacheService.getUserCache().get('c')).toBeNull();
    expect(newEnv({ containerBound: false }).execute().globals.CacheService.getDocumentCache()).toBeNull();
  });
});

describe('LockService', () => {
  it('tryLock returns false after its timeout, advancing the clock; waitLock throws', () => {
    const e = newEnv();
    const hold = e.holdLock('document');
    const lock = e.execute().globals.LockService.getDocumentLock();
    const t0 = e.clock.now();
    expect(lock.tryLock(5000)).toBe(false);
    expect(e.clock.now() - t0).toBe(5000);
    expect(lock.hasLock()).toBe(false);
    expect(() => lock.waitLock(10_000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(e.clock.now() - t0).toBe(15_000);
    hold.release();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
  });

  it('waits for a hold that ends within the timeout', () => {
    const e = newEnv();
    const t0 = e.clock.now();
    e.holdLock('script', { until: t0 + 3000 });
    const lock = e.execute().globals.LockService.getScriptLock();
    lock.waitLock(10_000);
    expect(lock.hasLock()).toBe(true);
    expect(e.clock.now()).toBe(t0 + 3000);
  });

  it('excludes other executions until released or the holder ends', () => {
    const e = newEnv();
    const a = e.execute();
    const b = e.execute();
    const la = a.globals.LockService.getDocumentLock();
    expect(la.tryLock(0)).toBe(true);
    expect(b.globals.LockService.getDocumentLock().tryLock(100)).toBe(false);
    la.releaseLock();
    expect(la.hasLock()).toBe(false);
    const lb = b.globals.LockService.getDocumentLock();
    expect(lb.tryLock(0)).toBe(true);
    b.end(); // locks are released when a script ends
    expect(a.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
  });

  it('user locks are per user; getDocumentLock is null outside a document', () => {
    const e = newEnv();
    expect(e.execute('FULL', { user: 'a@x' }).globals.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(e.execute('FULL', { user: 'b@x' }).globals.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(newEnv({ containerBound: false }).execute().globals.LockService.getDocumentLock()).toBeNull();
  });
});

describe('ScriptApp triggers', () => {
  it('creates, lists and deletes installable triggers', () => {
    const e = newEnv();
    const g = e.execute().globals;
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    const t = g.ScriptApp.newTrigger('autoImportOnOpen').forSpreadsheet(ss).onOpen().create();
    expect(t.getHandlerFunction()).toBe('autoImportOnOpen');
    expect(String(t.getEventType())).toBe('ON_OPEN');
    expect(t.getEventType() === g.ScriptApp.EventType.ON_OPEN).toBe(true);
    expect(String(t.getTriggerSource())).toBe('SPREADSHEETS');
    expect(t.getTriggerSourceId()).toBe(ss.getId());
    const again = e.execute().globals;
    expect(again.ScriptApp.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    expect(again.ScriptApp.getUserTriggers(again.SpreadsheetApp.getActiveSpreadsheet())).toHaveLength(1);
    expect(e.execute('FULL', { user: 'other@example.com' }).globals.ScriptApp.getProjectTriggers()).toHaveLength(0);
    again.ScriptApp.deleteTrigger(again.ScriptApp.getProjectTriggers()[0]);
    expect(e.triggers).toHaveLength(0);
  });

  it('allows one trigger of each type per user per document (Editor add-on rule)', () => {
    const e = newEnv();
    const g = e.execute().globals;
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    g.ScriptApp.newTrigger('a').forSpreadsheet(ss).onOpen().create();
    expect(() => g.ScriptApp.newTrigger('b').forSpreadsheet(ss.getId()).onOpen().create()).toThrow(/one ON_OPEN trigger per user per document/);
    g.ScriptApp.newTrigger('c').forSpreadsheet(ss).onEdit().create();
    g.ScriptApp.newTrigger('d').timeBased().everyHours(1).create();
    expect(() => g.ScriptApp.newTrigger('e').timeBased().everyHours(6).create()).toThrow(/one CLOCK trigger/);
    const other = e.execute('FULL', { user: 'other@example.com' }).globals;
    other.ScriptApp.newTrigger('a').forSpreadsheet(ss.getId()).onOpen().create();
    expect(e.triggers).toHaveLength(4);
  });

  it('refuses add-on clock triggers more often than hourly, and more than 20 triggers per user', () => {
    const e = newEnv();
    const g = e.execute().globals;
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(/once per hour/);
    const plain = newEnv({ addOn: false });
    const p = plain.execute().globals;
    for (let i = 0; i < 20; i++) p.ScriptApp.newTrigger(`f${i}`).timeBased().everyMinutes(5).create();
    expect(() => p.ScriptApp.newTrigger('f21').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });
});

describe('Ui', () => {
  it('records menus (latest wins), sidebars, dialogs and toasts', () => {
    const e = newEnv({ html: { Sidebar: '<p>hello</p>' } });
    const g = e.execute().globals;
    const ui = g.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Old', 'old').addToUi();
    ui.createAddonMenu().addItem('Open sidebar', 'showSidebar')
      .addSubMenu(ui.createMenu('More').addItem('Help', 'showHelp')).addToUi();
    expect(e.ui.menus).toHaveLength(1);
    expect(e.ui.findItem('Help')).toBe('showHelp');
    ui.showSidebar(g.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('FBA Lot Ledger'));
    ui.showModalDialog(g.HtmlService.createHtmlOutput('<b>x</b>').setWidth(400).setHeight(300), 'Import');
    expect(e.ui.sidebars).toEqual([expect.objectContaining({ title: 'FBA Lot Ledger', content: '<p>hello</p>' })]);
    expect(e.ui.dialogs).toEqual([expect.objectContaining({ kind: 'modal', title: 'Import', width: 400, height: 300 })]);
    g.SpreadsheetApp.getActiveSpreadsheet().toast('Done', 'Import', 5);
    expect(e.ui.toasts).toEqual([{ message: 'Done', title: 'Import', timeoutSeconds: 5 }]);
  });

  it('answers alerts and prompts from a script (default OK / YES)', () => {
    const e = newEnv();
    const ui = e.execute().globals.SpreadsheetApp.getUi();
    expect(ui.alert('Hi') === ui.Button.OK).toBe(true);
    expect(String(ui.alert('Sure?', ui.ButtonSet.YES_NO))).toBe('YES');
    e.ui.answerAlert('NO', 'CLOSE');
    expect(String(ui.alert('Title', 'Reopen?', ui.ButtonSet.YES_NO))).toBe('NO');
    expect(String(ui.alert('x'))).toBe('CLOSE');
    e.ui.answerAlert('YES');
    expect(() => ui.alert('OK only')).toThrow(/not a button of OK/);
    e.ui.answerPrompt('2026-03', 'OK');
    const r = ui.prompt('Month?', ui.ButtonSet.OK_CANCEL);
    expect([r.getResponseText(), String(r.getSelectedButton())]).toEqual(['2026-03', 'OK']);
    expect(e.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])[2]).toEqual(['Title', 'Reopen?', 'YES_NO', 'NO']);
  });

  it('getUi throws in executions without a UI (time-driven triggers)', () => {
    const g = newEnv().execute('FULL', { ui: false }).globals;
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('HtmlService', () => {
  it('serves files by name, loaded from a directory; a missing file throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'html-'));
    writeFileSync(join(dir, 'sidebar.html'), '<div id="app"></div>');
    writeFileSync(join(dir, 'Code.js'), 'ignored');
    const e = newEnv({ htmlDir: dir });
    const h = e.execute().globals.HtmlService;
    expect(h.createHtmlOutputFromFile('sidebar').getContent()).toBe('<div id="app"></div>');
    expect(() => h.createHtmlOutputFromFile('nope')).toThrow('No HTML file named nope was found.');
    const out = h.createHtmlOutput('<p>').append('x</p>').setTitle('T').setSandboxMode(h.SandboxMode.IFRAME);
    expect([out.getContent(), out.getTitle()]).toEqual(['<p>x</p>', 'T']);
  });

  it('evaluates printing scriptlets of templates', () => {
    const e = newEnv({ html: { t: '<h1><?= title ?></h1><?!= raw ?>' } });
    const tpl = e.execute().globals.HtmlService.createTemplateFromFile('t');
    tpl.title = '<Lots & more>';
    tpl.raw = '<i>x</i>';
    expect(tpl.evaluate().getContent()).toBe('<h1>&lt;Lots &amp; more&gt;</h1><i>x</i>');
  });
});

describe('Session, Logger, console', () => {
  it('gives a stable temporary user key per user and the manifest time zone', () => {
    const e = newEnv({ manifest: { timeZone: 'Etc/UTC' } });
    const s1 = e.execute().globals.Session;
    const s2 = e.execute().globals.Session;
    const s3 = e.execute('FULL', { user: 'x@example.com' }).globals.Session;
    expect(s1.getTemporaryActiveUserKey()).toBe(s2.getTemporaryActiveUserKey());
    expect(s1.getTemporaryActiveUserKey()).not.toBe(s3.getTemporaryActiveUserKey());
    expect(s1.getScriptTimeZone()).toBe('Etc/UTC');
    expect(s1.getActiveUserLocale()).toBe('en');
    expect(s1.getActiveUser().getEmail()).toBe('owner@example.com');
  });

  it('captures Logger.log and console.* lines', () => {
    const e = newEnv();
    const g = e.execute().globals;
    g.Logger.log('rows: %s', 3);
    g.console.warn('careful', { a: 1 });
    g.console.error('bad');
    expect(e.logLines()).toEqual(['rows: 3', "careful { a: 1 }", 'bad']);
    expect(e.logLines('error')).toEqual(['bad']);
    expect(g.Logger.getLog()).toBe('rows: 3\n');
  });
});
