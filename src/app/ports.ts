/**
 * What the use cases need from the outside world. The Apps Script shell (`src/gas/`) implements
 * these over SpreadsheetApp, PropertiesService, LockService, UrlFetchApp, ScriptApp and
 * Utilities; nothing in `src/app/` touches an Apps Script global.
 */
import type { DayConverter } from '../core/days';

/** A rectangular block of a sheet, 1-based like Apps Script. */
export interface Table {
  readonly name: string;
  /** Last row holding content (0 when empty). */
  lastRow(): number;
  maxRows(): number;
  maxColumns(): number;
  /** One read of `rows` × `cols` values starting at (row, col); [] when rows is 0. */
  read(row: number, col: number, rows: number, cols: number): unknown[][];
  /** One write of a rectangle (every row of `values` has the same length). */
  write(row: number, col: number, values: unknown[][]): void;
  /** Writes `values` after the last row with content, growing the grid first if needed. Returns the first row written. */
  append(values: unknown[][]): number;
  /** Deletes `count` rows starting at `start`. */
  deleteRows(start: number, count: number): void;
  /** Makes sure the grid has at least this many rows and columns. */
  ensureSize(rows: number, cols: number): void;
  setFrozenRows(rows: number): void;
  frozenRows(): number;
  /** Sets a number format on whole columns from `fromRow` down to the grid's last row. */
  setColumnFormat(col: number, fromRow: number, format: string): void;
  columnFormat(col: number, row: number): string;
  /** A dropdown of values on a column from `fromRow` down (invalid values allowed, flagged). */
  setColumnList(col: number, fromRow: number, values: readonly string[]): void;
  setHeaderStyle(cols: number): void;
  hide(): void;
  isHidden(): boolean;
}

export interface Workbook {
  id(): string;
  name(): string;
  timeZone(): string;
  /** Calendar days in the spreadsheet's time zone (spec §2). */
  readonly days: DayConverter;
  sheet(name: string): Table | null;
  sheetNames(): string[];
  createSheet(name: string): Table;
  /** The A1 notation (with sheet name) a named range points to, or null. */
  namedRange(name: string): string | null;
  setNamedRange(name: string, sheetName: string, a1: string): void;
  toast(message: string, title?: string): void;
  flush(): void;
}

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Every key starting with the prefix, with its value. */
  entries(prefix: string): Record<string, string>;
  setMany(values: Record<string, string>): void;
}

export interface DocumentLock {
  /** Runs `fn` holding the document lock, waiting at most `waitMs`; throws a clear error when busy. */
  withLock<T>(waitMs: number, fn: () => T): T;
  /** Runs `fn` only if the lock is free right now; returns null otherwise. */
  tryWithLock<T>(fn: () => T): { value: T } | null;
}

export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

export interface HttpRequest {
  url: string;
  method: 'get' | 'post' | 'delete';
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as bytes (unsigned). */
  bytes(): Uint8Array;
  /** The body decoded with the given charset, or the response's own. */
  text(charset?: string): string;
}

export interface Http {
  fetch(request: HttpRequest): HttpResponse;
}

export interface Codec {
  gunzip(bytes: Uint8Array): Uint8Array;
}

export interface Triggers {
  hasOnOpenTrigger(handler: string): boolean;
  installOnOpenTrigger(handler: string): void;
  removeOnOpenTriggers(handler: string): number;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** Everything a use case may reach, for one execution. */
export interface Deps {
  workbook: Workbook;
  /** Document properties: shared by every user of the workbook (job state, settings that are not secret). */
  docProps: KeyValueStore;
  /** User properties: this user's own (the Amazon connection, keyed by spreadsheet ID). */
  userProps: KeyValueStore;
  lock: DocumentLock;
  clock: Clock;
  http: Http;
  codec: Codec;
  triggers: Triggers;
  log: Log;
}
