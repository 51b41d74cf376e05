/**
 * The remaining ports over Apps Script services, and `gasDeps()`, which wires them for one
 * execution. Nothing here runs at script load: every service is reached inside a call.
 */
import type { Clock, Codec, Deps, DocumentLock, Http, HttpRequest, HttpResponse, KeyValueStore, Log, Triggers } from '../app/ports';
import { GasWorkbook } from './workbook';

export class GasProperties implements KeyValueStore {
  constructor(private readonly props: GoogleAppsScript.Properties.Properties) {}
  get(key: string): string | null {
    return this.props.getProperty(key);
  }
  set(key: string, value: string): void {
    this.props.setProperty(key, value);
  }
  delete(key: string): void {
    this.props.deleteProperty(key);
  }
  entries(prefix: string): Record<string, string> {
    const all = this.props.getProperties();
    const out: Record<string, string> = {};
    for (const k of Object.keys(all)) if (k.startsWith(prefix)) out[k] = all[k];
    return out;
  }
  setMany(values: Record<string, string>): void {
    this.props.setProperties(values);
  }
}

export class BusyError extends Error {
  constructor(message = 'Another FBA Lot Ledger task is writing to this workbook. Try again in a moment.') {
    super(message);
    this.name = 'BusyError';
  }
}

export class GasDocumentLock implements DocumentLock {
  constructor(private readonly service: GoogleAppsScript.Lock.LockService) {}

  private lock(): GoogleAppsScript.Lock.Lock {
    const lock = this.service.getDocumentLock();
    if (!lock) throw new Error('FBA Lot Ledger runs only inside its spreadsheet.');
    return lock;
  }

  withLock<T>(waitMs: number, fn: () => T): T {
    const lock = this.lock();
    if (!lock.tryLock(waitMs)) throw new BusyError();
    try {
      return fn();
    } finally {
      lock.releaseLock();
    }
  }

  tryWithLock<T>(fn: () => T): { value: T } | null {
    const lock = this.lock();
    if (!lock.tryLock(0)) return null;
    try {
      return { value: fn() };
    } finally {
      lock.releaseLock();
    }
  }
}

export const gasClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(ms),
};

function toUnsigned(bytes: number[]): Uint8Array {
  return Uint8Array.from(bytes);
}

function toSigned(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] > 127 ? bytes[i] - 256 : bytes[i];
  return out;
}

export const gasCodec: Codec = {
  gunzip(bytes) {
    const blob = Utilities.newBlob(toSigned(bytes), 'application/x-gzip');
    return toUnsigned(Utilities.ungzip(blob).getBytes());
  },
};

export const gasHttp: Http = {
  fetch(request: HttpRequest): HttpResponse {
    const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
      method: request.method,
      headers: request.headers ?? {},
      muteHttpExceptions: true,
      followRedirects: true,
    };
    if (request.contentType) params.contentType = request.contentType;
    if (request.payload !== undefined) params.payload = request.payload;
    const response = UrlFetchApp.fetch(request.url, params);
    const headers: Record<string, string> = {};
    const raw = response.getHeaders() as Record<string, unknown>;
    for (const k of Object.keys(raw)) headers[k.toLowerCase()] = String(raw[k]);
    return {
      status: response.getResponseCode(),
      headers,
      bytes: () => toUnsigned(response.getContent()),
      text: (charset?: string) => (charset ? response.getContentText(charset) : response.getContentText()),
    };
  },
};

export class GasTriggers implements Triggers {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}
  private mine(handler: string): GoogleAppsScript.Script.Trigger[] {
    return ScriptApp.getUserTriggers(this.ss).filter(
      (t) => t.getHandlerFunction() === handler && t.getEventType() === ScriptApp.EventType.ON_OPEN,
    );
  }
  hasOnOpenTrigger(handler: string): boolean {
    return this.mine(handler).length > 0;
  }
  installOnOpenTrigger(handler: string): void {
    if (this.hasOnOpenTrigger(handler)) return;
    ScriptApp.newTrigger(handler).forSpreadsheet(this.ss).onOpen().create();
  }
  removeOnOpenTriggers(handler: string): number {
    const found = this.mine(handler);
    for (const t of found) ScriptApp.deleteTrigger(t);
    return found.length;
  }
}

export const gasLog: Log = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
};

/** The ports for this execution. Call inside an entry function, never at load. */
export function gasDeps(): Deps {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    workbook: new GasWorkbook(ss, SpreadsheetApp, Utilities),
    docProps: new GasProperties(PropertiesService.getDocumentProperties()),
    userProps: new GasProperties(PropertiesService.getUserProperties()),
    lock: new GasDocumentLock(LockService),
    clock: gasClock,
    http: gasHttp,
    codec: gasCodec,
    triggers: new GasTriggers(ss),
    log: gasLog,
  };
}
