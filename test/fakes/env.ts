/**
 * FakeEnv: the persistent state of "Google's side" across executions — one spreadsheet, the
 * property stores, caches, locks, installable triggers, the UI record, captured logs, the virtual
 * clock, the HTTP handler, the HtmlService files, the manifest — plus call counters.
 *
 * Executions (execution.ts) bind fresh service facades to it; vm.ts loads the built bundle into a
 * bare context whose globals are those facades.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VirtualClock } from './clock';
import type { FakeHttpHandler, FakeHttpRequest, FakeHttpResponse } from './http';
import { AuthMode, Execution, ExecutionOptions } from './execution';
import { SpreadsheetModel, SheetModel, hasContent } from './model';
import { PropertyStore } from './properties';
import { CacheStore } from './cache';
import { LockHandle, LockKind, LockTable, lockKey } from './lock';
import { UiRecord } from './ui';
import type { LogEntry, TriggerModel } from './script';
import type { FakeObject } from './object';
import { validateAllowlist } from './urlfetch';
import { isDate } from './realm';
import { coerceInput } from './coerce';
import { wallOf } from './datetime';
import { parseA1 } from './a1';
import type { CellValue } from './coerce';

export interface Manifest {
  timeZone?: string;
  urlFetchWhitelist?: string[];
  oauthScopes?: string[];
  runtimeVersion?: string;
  [key: string]: unknown;
}

export interface FakeEnvOptions {
  /** Shared virtual clock (default: a new VirtualClock at its default start). */
  clock?: VirtualClock;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Spreadsheet time zone (default America/Los_Angeles). */
  timeZone?: string;
  /** Spreadsheet locale (default en_US). */
  spreadsheetLocale?: string;
  /** Session.getActiveUserLocale() (default 'en'). */
  locale?: string;
  /** false: a standalone script — no document lock, document properties or cache (null). Default true. */
  containerBound?: boolean;
  /**
   * The manifest: an object, a path to appsscript.json, or null for none. Default: the first of
   * `appsscript.json`, `src/appsscript.json`, `dist/appsscript.json` under the working directory,
   * else none. Its `urlFetchWhitelist` is enforced and its `timeZone` is the script time zone.
   */
  manifest?: Manifest | string | null;
  /** Where UrlFetchApp requests go (see http.ts). */
  http?: FakeHttpHandler;
  /** HtmlService files by name (without .html). */
  html?: Record<string, string>;
  /** A directory whose *.html files become HtmlService files (e.g. 'dist'). */
  htmlDir?: string;
  /** The spreadsheet owner (default owner@example.com). */
  owner?: string;
  /** The user executions run as by default (default: the owner). */
  user?: string;
  scriptId?: string;
  /** Workbook cell limit (default 10,000,000). */
  cellLimit?: number;
  /** Whether a `@` (plain text) cell keeps a leading '=' as text (default false). (unverified either way) */
  plainTextBlocksFormulas?: boolean;
  /** Virtual ms each fake call costs, by `Class.method` (default 0). */
  latency?: (call: string) => number;
  /** Enforce Editor add-on trigger rules (default true). */
  addOn?: boolean;
  /** The bundle loadBundle/callGlobal use by default: `{ source }` or `{ path }` (default path dist/Code.js). */
  bundle?: { source?: string; path?: string };
}

export interface HttpLogEntry {
  at: number;
  request: FakeHttpRequest;
  response?: FakeHttpResponse;
  error?: string;
}

const DEFAULT_MANIFEST_PATHS = ['appsscript.json', 'src/appsscript.json', 'dist/appsscript.json'];

function loadManifest(m: Manifest | string | null | undefined): Manifest | null {
  let manifest: Manifest | null = null;
  if (m === null) return null;
  if (typeof m === 'string') manifest = JSON.parse(readFileSync(m, 'utf8')) as Manifest;
  else if (m !== undefined) manifest = m;
  else {
    const found = DEFAULT_MANIFEST_PATHS.map((p) => resolve(p)).find((p) => existsSync(p));
    manifest = found ? (JSON.parse(readFileSync(found, 'utf8')) as Manifest) : null;
  }
  if (manifest?.urlFetchWhitelist !== undefined) validateAllowlist(manifest.urlFetchWhitelist);
  return manifest;
}

export class FakeEnv {
  readonly options: FakeEnvOptions;
  readonly clock: VirtualClock;
  readonly spreadsheet: SpreadsheetModel;
  containerBound: boolean;
  manifest: Manifest | null;
  http: FakeHttpHandler | null;
  readonly httpLog: HttpLogEntry[] = [];
  readonly html = new Map<string, string>();
  readonly owner: string;
  activeUser: string;
  readonly properties: { document: PropertyStore; script: PropertyStore; user: Map<string, PropertyStore> };
  readonly caches: { document: CacheStore; script: CacheStore; user: Map<string, CacheStore> };
  readonly locks: LockTable;
  readonly triggers: TriggerModel[] = [];
  readonly ui = new UiRecord();
  readonly logs: LogEntry[] = [];
  /** The most recent execution started, and how many were started (executions are not retained). */
  lastExecution: Execution | null = null;
  executionCount = 0;
  private readonly counters = new Map<string, number>();
  private readonly proxies = new WeakMap<object, FakeObject>();
  private triggerSeq = 0;

  constructor(options: FakeEnvOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? new VirtualClock();
    this.spreadsheet = new SpreadsheetModel(
      options.spreadsheetId ?? '1FakeSpreadsheetId0000000000000000000000000',
      options.spreadsheetName ?? 'Untitled spreadsheet',
      options.timeZone ?? 'America/Los_Angeles',
      options.spreadsheetLocale ?? 'en_US',
      options.cellLimit ?? 10_000_000,
    );
    this.containerBound = options.containerBound ?? true;
    this.manifest = loadManifest(options.manifest);
    this.http = options.http ?? null;
    this.owner = options.owner ?? 'owner@example.com';
    this.activeUser = options.user ?? this.owner;
    const now = () => this.clock.now();
    this.properties = { document: new PropertyStore(), script: new PropertyStore(), user: new Map() };
    this.caches = { document: new CacheStore(now), script: new CacheStore(now), user: new Map() };
    this.locks = new LockTable(this.clock);
    if (options.html) for (const [k, v] of Object.entries(options.html)) this.setHtmlFile(k, v);
    if (options.htmlDir) this.loadHtmlDir(options.htmlDir);
  }

  // ---- executions ----

  /** Starts an execution; its `globals` are the services a script would see. Call `end()` when done. */
  execute(mode: AuthMode = 'FULL', opts: ExecutionOptions = {}): Execution {
    const x = new Execution(this, mode, opts);
    this.lastExecution = x;
    this.executionCount++;
    return x;
  }

  // ---- plumbing used by the fakes ----

  _count(key: string): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }

  _register(proxy: object, target: FakeObject): void {
    this.proxies.set(proxy, target);
  }

  _unwrapAny(x: object): FakeObject | undefined {
    return this.proxies.get(x);
  }

  _releaseLocksOf(execution: number): void {
    this.locks.releaseAll(execution);
  }

  /** One user's property store (created on first use). */
  userProperties(user: string = this.activeUser): PropertyStore {
    let s = this.properties.user.get(user);
    if (!s) this.properties.user.set(user, (s = new PropertyStore()));
    return s;
  }

  /** One user's cache (created on first use). */
  userCache(user: string = this.activeUser): CacheStore {
    let s = this.caches.user.get(user);
    if (!s) this.caches.user.set(user, (s = new CacheStore(() => this.clock.now())));
    return s;
  }

  _nextTriggerId(): number {
    return 5_000_000 + ++this.triggerSeq;
  }

  // ---- counters ----

  /** Calls by `Class.method` since the last reset. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.counters].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Calls of one `Class.method`, or summed over keys starting with a prefix ending in '.' (e.g. 'Range.'). */
  count(keyOrPrefix: string): number {
    if (keyOrPrefix.endsWith('.')) {
      let n = 0;
      for (const [k, v] of this.counters) if (k.startsWith(keyOrPrefix)) n += v;
      return n;
    }
    return this.counters.get(keyOrPrefix) ?? 0;
  }

  /** All SpreadsheetApp / Spreadsheet / Sheet / Range / NamedRange calls. */
  sheetCalls(): number {
    return ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.', 'NamedRange.'].reduce((n, p) => n + this.count(p), 0);
  }

  resetCounters(): void {
    this.counters.clear();
  }

  // ---- locks, http, html ----

  /**
   * Makes "another execution" hold a lock until `until` (virtual ms) or until released. A script
   * waiting for it advances the clock (to `until` when that is within its timeout).
   */
  holdLock(kind: LockKind, opts: { until?: number; user?: string } = {}): LockHandle {
    return this.locks.hold(lockKey(kind, this.spreadsheet.id, opts.user ?? this.activeUser), opts.until);
  }

  setHttpHandler(handler: FakeHttpHandler | null): void {
    this.http = handler;
  }

  setHtmlFile(name: string, content: string): void {
    this.html.set(name.replace(/\.html$/, ''), content);
  }

  /** Loads every *.html file of a directory (name without .html). */
  loadHtmlDir(dir: string): void {
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.html')) this.setHtmlFile(f, readFileSync(join(dir, f), 'utf8'));
    }
  }

  // ---- direct access for test setup (no counting, no permission checks) ----

  /** The sheet model by name (undefined when missing). */
  sheet(name: string): SheetModel | undefined {
    return this.spreadsheet.sheetByName(name);
  }

  /**
   * Writes rows into a sheet (created when missing) starting at `a1` (default A1), with the same
   * coercion as setValues. For arranging a test, not counted.
   */
  seed(sheetName: string, rows: unknown[][], a1 = 'A1'): void {
    const ss = this.spreadsheet;
    let s = ss.sheetByName(sheetName);
    if (!s) {
      s = new SheetModel(ss.newSheetId(), sheetName);
      ss.ensureCanGrow(s.cells());
      ss.sheets.push(s);
    }
    const start = parseA1(a1, s.maxRows, s.maxCols);
    const width = Math.max(0, ...rows.map((r) => r.length));
    const needRows = start.row + rows.length - 1 - s.maxRows;
    if (needRows > 0) ss.insertRows(s, s.maxRows + 1, needRows, s.maxRows);
    const needCols = start.col + width - 1 - s.maxCols;
    if (needCols > 0) ss.insertCols(s, s.maxCols + 1, needCols, null);
    const tz = ss.timeZone;
    const year = wallOf(this.clock.now(), tz).year;
    rows.forEach((row, i) => row.forEach((v, j) => {
      const r = start.row + i, c = start.col + j;
      const existing = s!.cell(r, c);
      const stored = coerceInput(v, { plainText: existing?.nf === '@', timeZone: tz, plainTextBlocksFormulas: this.options.plainTextBlocksFormulas ?? false, currentYear: year });
      const cell = s!.ensureCell(r, c);
      cell.v = stored.v;
      if (stored.f !== undefined) cell.f = stored.f; else delete cell.f;
    }));
  }

  /** The values of a sheet's data range (A1 to last row/column with content); formulas read as their text. */
  peek(sheetName: string, opts: { formulas?: boolean } = {}): CellValue[][] {
    const s = this.spreadsheet.sheetByName(sheetName);
    if (!s) throw new Error(`no sheet named ${sheetName}`);
    const rows = s.lastRow(), cols = s.lastCol();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: CellValue[] = [];
      for (let c = 1; c <= cols; c++) {
        const cell = s.cell(r, c);
        if (!cell || !hasContent(cell)) line.push('');
        else if (cell.f !== undefined) line.push(opts.formulas === false ? '' : cell.f);
        else line.push(isDate(cell.v) ? new Date(cell.v.getTime()) : cell.v);
      }
      out.push(line);
    }
    return out;
  }

  /** Log messages, optionally of one level. */
  logLines(level?: LogEntry['level']): string[] {
    return this.logs.filter((l) => !level || l.level === level).map((l) => l.message);
  }
}
