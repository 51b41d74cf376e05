/**
 * Loads the built bundle into a bare `node:vm` context whose only globals are the fakes, and calls
 * its top-level functions the ways Apps Script does: from a menu, a trigger, a custom-function cell,
 * or the sidebar's google.script.run. Apps Script keeps no globals between executions, so every
 * call loads the bundle afresh; locks an execution holds are released when it ends.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import type { FakeEnv } from './env';
import type { AuthMode, Execution, ExecutionOptions } from './execution';
import { HOST_REALM, isDate, isPlainObject, Realm, TimeLimitError, toRealm } from './realm';
import { FakeSpreadsheet } from './spreadsheet';
import type { TriggerModel } from './script';

export const DEFAULT_BUNDLE_PATH = 'dist/Code.js';

export interface BundleOptions {
  /** The bundle's JavaScript source (wins over path). */
  source?: string;
  /** A file to read (cached by path and mtime); default: env.options.bundle, else dist/Code.js. */
  path?: string;
  /** File name shown in stack traces. */
  filename?: string;
}

export interface LoadOptions extends BundleOptions, Omit<ExecutionOptions, 'realm'> {}

export interface CallOptions extends LoadOptions {
  /** Allow calling names ending in `_` (Apps Script never does). */
  allowPrivate?: boolean;
  /** Return the bundle's value as is (its own realm) instead of a Node-realm copy. */
  raw?: boolean;
}

/** The bundle's global object. */
export type BundleContext = vm.Context & Record<string, any>;

const scriptsBySource = new Map<string, vm.Script>();
const scriptsByPath = new Map<string, { mtimeMs: number; script: vm.Script }>();
const executions = new WeakMap<object, Execution>();

function compile(env: FakeEnv, o: BundleOptions): vm.Script {
  const source = o.source ?? (o.path === undefined ? env.options.bundle?.source : undefined);
  if (source !== undefined) {
    let s = scriptsBySource.get(source);
    if (!s) {
      s = new vm.Script(source, { filename: o.filename ?? 'Code.js' });
      if (scriptsBySource.size > 64) scriptsBySource.clear();
      scriptsBySource.set(source, s);
    }
    return s;
  }
  const path = resolve(o.path ?? env.options.bundle?.path ?? DEFAULT_BUNDLE_PATH);
  const mtimeMs = statSync(path).mtimeMs;
  const cached = scriptsByPath.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.script;
  const script = new vm.Script(readFileSync(path, 'utf8'), { filename: o.filename ?? path });
  scriptsByPath.set(path, { mtimeMs, script });
  return script;
}

// A Date whose `Date.now()` and `new Date()` read the virtual clock; `new Date(x)` is the
// context's own. Instances are ordinary Dates of the context (shared prototype).
const VIRTUAL_DATE = `(function (RealDate, now) {
  function Date(...args) {
    if (!new.target) return new RealDate(now()).toString();
    if (args.length === 0) return Reflect.construct(RealDate, [now()], new.target);
    return Reflect.construct(RealDate, args, new.target);
  }
  Date.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  Date.now = function now_() { return now(); };
  Date.parse = RealDate.parse;
  Date.UTC = RealDate.UTC;
  return Date;
})`;

/**
 * Creates a bare context with the fakes of a new execution as its only globals (plus the
 * context's own builtins and a virtual-clock Date), runs the bundle in it and returns the context.
 * End the execution with `executionOf(ctx).end()` (callGlobal does it for you).
 */
export function loadBundle(env: FakeEnv, mode: AuthMode = 'FULL', opts: LoadOptions = {}): BundleContext {
  const script = compile(env, opts);
  const ctx = vm.createContext({}, { name: 'apps-script' }) as BundleContext;
  const realm = vm.runInContext('({ Array, Object, Date, Error, TypeError, JSON })', ctx) as Realm;
  const exec = env.execute(mode, { user: opts.user, ui: opts.ui, timeLimitMs: opts.timeLimitMs, realm });
  executions.set(ctx, exec);
  const makeDate = vm.runInContext(VIRTUAL_DATE, ctx) as (d: DateConstructor, now: () => number) => DateConstructor;
  ctx.Date = makeDate(realm.Date, () => env.clock.now());
  for (const [k, v] of Object.entries(exec.globals)) ctx[k] = v;
  try {
    script.runInContext(ctx);
    if (exec.timedOut) throw new TimeLimitError('Exceeded maximum execution time');
  } catch (e) {
    exec.end();
    throw hostError(e);
  }
  return ctx;
}

/** The execution a loaded context runs in. */
export function executionOf(ctx: BundleContext): Execution {
  const x = executions.get(ctx);
  if (!x) throw new Error('not a context made by loadBundle');
  return x;
}

/** Copies a value of the bundle's realm into Node's (arrays, plain objects, Dates). */
export function fromRealm(value: unknown, exec?: Execution): unknown {
  return toRealm(value, HOST_REALM, (o) => (exec ? exec.isProxy(o) : false));
}

/** A Node Error carrying a bundle-realm error's name, message and stack. */
function hostError(e: unknown): unknown {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && 'message' in e) {
    const src = e as { name?: unknown; message?: unknown; stack?: unknown };
    const out = new Error(String(src.message), { cause: e });
    if (typeof src.name === 'string') out.name = src.name;
    if (typeof src.stack === 'string') out.stack = src.stack;
    return out;
  }
  return e;
}

type Args = unknown[] | ((exec: Execution) => unknown[]);

function run(env: FakeEnv, name: string, args: Args, mode: AuthMode, opts: CallOptions, prepare?: (exec: Execution) => void): unknown {
  if (typeof name !== 'string' || (!opts.allowPrivate && name.endsWith('_'))) {
    throw new Error(`Script function not found: ${String(name)}`);
  }
  const ctx = loadBundle(env, mode, opts);
  const exec = executionOf(ctx);
  try {
    prepare?.(exec);
    const fn = ctx[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    const list = typeof args === 'function' ? args(exec) : args;
    const realmArgs = list.map((a) => toRealm(a, exec.realm, (o) => exec.isProxy(o)));
    let result: unknown;
    let failure: { error: unknown } | null = null;
    try {
      result = fn.apply(undefined, realmArgs);
    } catch (e) {
      failure = { error: e };
    }
    // Past the limit the execution is killed, whatever the script caught.
    if (exec.timedOut) throw new TimeLimitError('Exceeded maximum execution time');
    if (failure) throw hostError(failure.error);
    return opts.raw ? result : fromRealm(result, exec);
  } finally {
    exec.end();
  }
}

/**
 * Calls a top-level function in a fresh execution (as a menu item, trigger or the editor's Run
 * would), releases its locks, and returns its result copied into Node's realm.
 */
export function callGlobal(env: FakeEnv, name: string, args: Args = [], mode: AuthMode = 'FULL', opts: CallOptions = {}): unknown {
  return run(env, name, args, mode, opts);
}

/**
 * google.script.run argument rules (https://developers.google.com/apps-script/guides/html/reference/run):
 * "Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
 * prohibited type, including prohibited types inside objects or arrays. Objects that create circular
 * references will also fail, and undefined fields within arrays become null."
 * The client-side error reads `Failed due to illegal value in property: <key>`. (message observed, unverified)
 */
export function checkClientValue(value: unknown, key: string, seen: Set<object> = new Set()): void {
  if (value === null || value === undefined) return;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return;
  const illegal = () => new TypeError(`Failed due to illegal value in property: ${key}`);
  if (t !== 'object' || isDate(value)) throw illegal();
  const o = value as object;
  if (seen.has(o)) throw new TypeError('Failed due to circular reference.');
  if (!Array.isArray(o) && !isPlainObject(o)) throw illegal();
  seen.add(o);
  if (Array.isArray(o)) o.forEach((v, i) => checkClientValue(v, String(i), seen));
  else for (const k of Object.keys(o)) checkClientValue((o as Record<string, unknown>)[k], k, seen);
  seen.delete(o);
}

function containsIllegal(v: unknown, seen: Set<object> = new Set()): boolean {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint';
  if (isDate(v)) return true;
  if (seen.has(v)) return true;
  seen.add(v);
  const kids = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  const bad = kids.some((k) => containsIllegal(k, seen));
  seen.delete(v);
  return bad;
}

/**
 * Simulates `google.script.run.withSuccessHandler(...).name(...args)` against a fresh FULL
 * execution: names ending in `_` are private ("Script function not found: x_"); arguments are
 * checked as the client does and arrive as JSON copies (undefined in arrays → null); the result
 * comes back as a JSON copy. A result holding a Date (or function) reaches the client as null.
 * (unverified: the null; documented only for parameters) A server error is thrown as an Error with
 * the server's message, as the failure handler would receive it.
 */
export function callFromClient(env: FakeEnv, name: string, args: unknown[] = [], opts: LoadOptions = {}): unknown {
  if (typeof name !== 'string' || name.endsWith('_')) throw new Error(`Script function not found: ${String(name)}`);
  args.forEach((a, i) => checkClientValue(a, String(i)));
  const wire = JSON.stringify(args);
  const result = run(env, name, (exec) => exec.realm.JSON.parse(wire) as unknown[], 'FULL', { ...opts, raw: true });
  if (result === undefined) return undefined;
  if (containsIllegal(result)) return null;
  return JSON.parse(JSON.stringify(result)) as unknown;
}

/**
 * Runs a custom function as a cell would: CUSTOM_FUNCTION mode (read-only spreadsheet, no UI,
 * owner's user properties, 30 s). Ranges are passed as 2D arrays of values.
 * https://developers.google.com/apps-script/guides/sheets/functions
 */
export function callCustomFunction(env: FakeEnv, name: string, args: unknown[] = [], opts: CallOptions = {}): unknown {
  return run(env, name, args, 'CUSTOM_FUNCTION', { ...opts, allowPrivate: false });
}

/** Clicks a menu item by caption (the latest menu that has it) and runs its handler in FULL mode. */
export function clickMenuItem(env: FakeEnv, caption: string, opts: CallOptions = {}): unknown {
  const handler = env.ui.findItem(caption);
  if (!handler) throw new Error(`no menu item "${caption}" (menus: ${JSON.stringify(env.ui.menus)})`);
  return run(env, handler, [], 'FULL', { ...opts, allowPrivate: false });
}

/**
 * Opens the document: runs the simple trigger `onOpen(e)` in the given mode (NONE: add-on installed
 * but not used in this document; LIMITED: enabled; FULL: e.g. onInstall calling onOpen).
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
 */
export function runOnOpen(env: FakeEnv, mode: 'NONE' | 'LIMITED' | 'FULL' = 'LIMITED', opts: CallOptions = {}, name = 'onOpen'): unknown {
  return run(env, name, (exec) => {
    const e: Record<string, unknown> = { authMode: mode };
    if (mode !== 'NONE') e.source = exec.wrap('Spreadsheet', new FakeSpreadsheet(exec));
    return [e];
  }, mode, opts);
}

/** Fires an installable trigger (by model or unique id) as its owner would see it run: FULL, 6 min. */
export function fireTrigger(env: FakeEnv, trigger: TriggerModel | string, opts: CallOptions = {}): unknown {
  const t = typeof trigger === 'string' ? env.triggers.find((x) => x.id === trigger) : trigger;
  if (!t || !env.triggers.includes(t)) throw new Error(`no installed trigger ${typeof trigger === 'string' ? trigger : trigger.id}`);
  return run(env, t.handler, (exec) => {
    const e: Record<string, unknown> = { authMode: 'FULL', triggerUid: t.id };
    if (t.source === 'SPREADSHEETS') e.source = exec.wrap('Spreadsheet', new FakeSpreadsheet(exec));
    if (t.eventType === 'CLOCK') {
      const d = new Date(env.clock.now());
      Object.assign(e, { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, 'day-of-month': d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), timezone: 'UTC' });
    }
    return [e];
  }, 'FULL', { user: t.user, ui: t.eventType !== 'CLOCK', ...opts });
}
