/**
 * One execution of the script: what Apps Script gives a single run of a menu item, a
 * google.script.run call, a trigger or one custom-function cell. It binds fresh service facades to
 * the env's persistent state under an authorization mode, counts every call, enforces the
 * execution time limit on the virtual clock, and releases the locks it holds when it ends.
 */
import type { FakeEnv } from './env';
import { FakeObject } from './object';
import { GasError, HOST_REALM, Realm, TimeLimitError, realmError, toRealm } from './realm';
import { FakeSpreadsheetApp } from './spreadsheet';
import { FakeHtmlService } from './ui';
import { FakePropertiesService } from './properties';
import { FakeCacheService } from './cache';
import { FakeLockService } from './lock';
import { FakeUrlFetchApp } from './urlfetch';
import { FakeUtilities } from './utilities';
import { FakeLogger, FakeScriptApp, FakeSession, makeConsole } from './script';

/**
 * https://developers.google.com/apps-script/reference/script/auth-mode
 * - NONE: onOpen of an add-on installed but not used in this document; no service that needs
 *   authorization (no data, no properties, no fetch); menus can still be built.
 * - LIMITED: simple triggers in a document where the add-on is enabled; the current document and
 *   the UI, nothing that needs a separate grant. (unverified: exact list; here UrlFetch and trigger
 *   management are refused)
 * - CUSTOM_FUNCTION: read-only Spreadsheet access; UrlFetch, Cache, Lock, Properties work.
 *   https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
 * - FULL: everything the manifest's scopes allow.
 */
export type AuthMode = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';

export interface ExecutionOptions {
  /** Email of the user the execution runs as (default: the env's active user). */
  user?: string;
  /** Whether SpreadsheetApp.getUi() works (default: true except in CUSTOM_FUNCTION). */
  ui?: boolean;
  /** Runtime limit in virtual ms (default: 6 min in FULL, 30 s otherwise). */
  timeLimitMs?: number;
  /** The realm results are copied into (the bundle's vm context; default: Node's). */
  realm?: Realm;
}

/**
 * Quotas: "Script runtime 6 min / execution", "Custom function runtime 30 sec / execution"
 * https://developers.google.com/apps-script/guides/services/quotas#current_limitations
 * Simple triggers "cannot run for longer than 30 seconds"
 * https://developers.google.com/apps-script/guides/triggers#restrictions
 */
export const FULL_TIME_LIMIT_MS = 6 * 60 * 1000;
export const SHORT_TIME_LIMIT_MS = 30 * 1000;

/** The services a script sees as globals, typed as Apps Script declares them. */
export interface FakeGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Session: GoogleAppsScript.Base.Session;
  Logger: GoogleAppsScript.Base.Logger;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
}

const DATA_CLASSES = new Set(['Spreadsheet', 'Sheet', 'Range', 'NamedRange']);
const MUTATOR = /^(set|insert|delete|append|clear|remove|hide|show|activate|autoResize|toast|rename|sort|copy|move|merge|protect)/;
const TRIGGER_MANAGEMENT = new Set(['newTrigger', 'getProjectTriggers', 'getUserTriggers', 'deleteTrigger']);
const SPREADSHEET_ENTRY = new Set(['getActiveSpreadsheet', 'getActive', 'getActiveSheet', 'getActiveRange', 'openById', 'openByUrl', 'setActiveSheet']);

let executionSeq = 0;

export class Execution {
  readonly id: number = ++executionSeq;
  readonly start: number;
  readonly limitMs: number;
  readonly user: string;
  readonly ui: boolean;
  readonly realm: Realm;
  timedOut = false;
  ended = false;
  readonly globals: FakeGlobals;

  constructor(readonly env: FakeEnv, readonly mode: AuthMode, opts: ExecutionOptions = {}) {
    this.start = env.clock.now();
    this.limitMs = opts.timeLimitMs ?? (mode === 'FULL' ? FULL_TIME_LIMIT_MS : SHORT_TIME_LIMIT_MS);
    this.user = opts.user ?? env.activeUser;
    this.ui = opts.ui ?? mode !== 'CUSTOM_FUNCTION';
    this.realm = opts.realm ?? HOST_REALM;
    const w = <T>(cls: string, o: FakeObject) => this.wrap<T>(cls, o);
    this.globals = {
      SpreadsheetApp: w('SpreadsheetApp', new FakeSpreadsheetApp(this)),
      PropertiesService: w('PropertiesService', new FakePropertiesService(this)),
      LockService: w('LockService', new FakeLockService(this)),
      CacheService: w('CacheService', new FakeCacheService(this)),
      UrlFetchApp: w('UrlFetchApp', new FakeUrlFetchApp(this)),
      HtmlService: w('HtmlService', new FakeHtmlService(this)),
      ScriptApp: w('ScriptApp', new FakeScriptApp(this)),
      Utilities: w('Utilities', new FakeUtilities(this)),
      Session: w('Session', new FakeSession(this)),
      Logger: w('Logger', new FakeLogger(this)),
      console: makeConsole(this),
    };
  }

  /** The user whose user-scoped stores a call reaches (a custom function reaches the owner's). */
  get storeUser(): string {
    return this.mode === 'CUSTOM_FUNCTION' ? this.env.owner : this.user;
  }

  /** Wraps a fake object in the proxy scripts see. */
  wrap<T>(cls: string, target: FakeObject): T {
    const cache = new Map<string, (...args: unknown[]) => unknown>();
    const exec = this;
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (typeof prop !== 'string') return Reflect.get(t, prop, t);
        if (prop.startsWith('_') || prop === 'constructor') return undefined;
        const v = Reflect.get(t, prop, t);
        if (typeof v !== 'function') return v;
        let fn = cache.get(prop);
        if (!fn) {
          fn = function (...args: unknown[]) {
            return exec.invoke(cls, prop, t, v as (...a: unknown[]) => unknown, args);
          };
          Object.defineProperty(fn, 'name', { value: prop });
          cache.set(prop, fn);
        }
        return fn;
      },
      has(t, prop) {
        return typeof prop === 'string' && prop.startsWith('_') ? false : Reflect.has(t, prop);
      },
      ownKeys(t) {
        return Reflect.ownKeys(t).filter((k) => typeof k !== 'string' || !k.startsWith('_'));
      },
      set(t, prop, value) {
        if (!t._writable || typeof prop !== 'string' || prop.startsWith('_')) return false;
        (t as unknown as Record<string, unknown>)[prop] = value;
        return true;
      },
    });
    target._self = proxy;
    this.env._register(proxy, target);
    return proxy as unknown as T;
  }

  /** The fake behind a script-held proxy (undefined for anything else). */
  unwrap<T extends FakeObject>(x: unknown): T | undefined {
    if (x === null || typeof x !== 'object') return undefined;
    return this.env._unwrapAny(x) as T | undefined;
  }

  isProxy(x: object): boolean {
    return this.env._unwrapAny(x) !== undefined;
  }

  /** Copies a result into the script's realm. */
  out(v: unknown): unknown {
    return toRealm(v, this.realm, (o) => this.isProxy(o));
  }

  private invoke(cls: string, method: string, target: FakeObject, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    try {
      this.enter(cls, method);
      return this.out(fn.apply(target, args));
    } catch (e) {
      throw realmError(e, this.realm);
    }
  }

  /** Bookkeeping at the start of every fake call. */
  enter(cls: string, method: string): void {
    const key = `${cls}.${method}`;
    this.env._count(key);
    if (this.ended) throw new GasError(`${key} called after its execution ended (fakes do not outlive an execution)`);
    this.checkTime();
    this.checkAccess(cls, method);
    const cost = this.env.options.latency?.(key) ?? 0;
    if (cost > 0) this.env.clock.advance(cost);
  }

  /** Throws once the execution has run past its limit on the virtual clock. */
  checkTime(): void {
    if (this.timedOut || this.env.clock.now() - this.start > this.limitMs) {
      this.timedOut = true;
      throw new TimeLimitError('Exceeded maximum execution time');
    }
  }

  private checkAccess(cls: string, method: string): void {
    const deny = (what: string) => {
      throw new GasError(`You do not have permission to call ${what}`);
    };
    const svc = `${cls}.${method}`;
    if (cls === 'SpreadsheetApp' && method === 'getUi' && (!this.ui || this.mode === 'CUSTOM_FUNCTION')) {
      throw new GasError('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    if (cls === 'SpreadsheetApp' && (method === 'openById' || method === 'openByUrl')) {
      // spreadsheets.currentonly gives access to the current document only.
      deny(svc);
    }
    switch (this.mode) {
      case 'FULL':
        return;
      case 'NONE':
        if (cls === 'SpreadsheetApp' && SPREADSHEET_ENTRY.has(method)) deny(svc);
        if (DATA_CLASSES.has(cls)) deny(method);
        if (cls === 'PropertiesService' || cls === 'CacheService' || cls === 'UrlFetchApp') deny(svc);
        if (cls === 'LockService' && method === 'getDocumentLock') deny(svc);
        if (cls === 'ScriptApp' && TRIGGER_MANAGEMENT.has(method)) deny(svc);
        // Showing a sidebar or dialog needs authorization. (unverified)
        if (cls === 'Ui' && /^(show|alert|prompt)/.test(method)) deny(`Ui.${method}`);
        return;
      case 'LIMITED':
        if (cls === 'UrlFetchApp') deny(svc);
        if (cls === 'ScriptApp' && TRIGGER_MANAGEMENT.has(method)) deny(svc);
        return;
      case 'CUSTOM_FUNCTION':
        if (DATA_CLASSES.has(cls) && MUTATOR.test(method)) deny(method);
        if (cls === 'SpreadsheetApp' && method === 'setActiveSheet') deny(method);
        if (cls === 'ScriptApp' && TRIGGER_MANAGEMENT.has(method)) deny(svc);
        return;
    }
  }

  /** Ends the execution: releases every lock it holds (locks end with the script). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.env._releaseLocksOf(this.id);
  }
}
