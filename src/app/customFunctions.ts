/**
 * The custom functions of spec §5, over plain arguments: they depend only on their arguments and
 * the spreadsheet's time zone (the DayConverter), never write, and turn every bad argument into
 * `FBA_X: <reason> (row n)` — never a wrong number.
 */
import { type Day, type DayConverter, dayFromIso } from '../core/days';
import { InputError } from '../core/errors';
import { fingerprintValues } from '../core/fingerprint';
import { LotLedger, parseMethod, readKits, readLedger, NO_KITS, asMatrix, textKey, type Method } from '../core/ledger/index';

/**
 * Results shared between custom-function executions (CacheService in Apps Script). A workbook
 * with a column of FBA_LOT_REMAINING cells computes the ledger once: the first cell stores every
 * lot's figure under a fingerprint of the ledger and kits, and the others read theirs.
 */
export interface ResultCache {
  get(key: string): string | null;
  putAll(values: Record<string, string>): void;
}

export type CustomFunctionName = 'FBA_ONHAND' | 'FBA_LOT_BALANCE' | 'FBA_LOT_REMAINING' | 'FBA_LOTS' | 'FBA_KIT_AVAILABLE';

function blank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && asMatrix(v).every((r) => r.every((c) => c === '' || c === null)));
}

/** A single-cell argument: a value or a 1×1 range. */
function scalar(v: unknown, what: string): unknown {
  if (!Array.isArray(v)) return v;
  const m = asMatrix(v);
  const cells = m.flat().filter((c) => c !== '' && c !== null && c !== undefined);
  if (cells.length > 1) throw new InputError(`${what} must be one cell, not a range`);
  return cells.length ? cells[0] : '';
}

function text(v: unknown, what: string, required: boolean): string {
  const s = scalar(v, what);
  const out = s instanceof Date ? '' : String(s ?? '').trim();
  if (s instanceof Date) throw new InputError(`${what} must be text, not a date`);
  if (required && !out) throw new InputError(`${what} is required`);
  return out;
}

function asOfDay(v: unknown, days: DayConverter): Day | null {
  const s = scalar(v, 'asOf');
  if (s === '' || s === null || s === undefined) return null;
  if (s instanceof Date) {
    if (isNaN(s.getTime())) throw new InputError('asOf is not a valid date');
    return days.dayOf(s);
  }
  const d = typeof s === 'string' ? dayFromIso(s.trim()) : null;
  if (d === null) throw new InputError(`asOf must be a date or YYYY-MM-DD text (not "${String(s)}")`);
  return d;
}

function methodOf(v: unknown): Method {
  return parseMethod(scalar(v, 'method'));
}

function location(v: unknown): string | null {
  return text(v, 'location', false) || null;
}

function ledgerOf(ledger: unknown, kits: unknown, days: DayConverter): LotLedger {
  if (blank(ledger) && !Array.isArray(ledger)) throw new InputError('ledger is required: pass the ledger range, e.g. FBA_LEDGER');
  const read = readLedger(ledger, days);
  return new LotLedger(read.rows, kitsOf(kits), read.warnings);
}

/** The kits argument, its errors prefixed `kits:` so the row number is read against the right range. */
function kitsOf(kits: unknown): ReturnType<typeof readKits> {
  if (blank(kits)) return NO_KITS;
  try {
    return readKits(kits);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`kits: ${err.reason}`, err.row);
    throw err;
  }
}

/** Runs a custom function body, turning InputError into `FBA_X: reason (row n)`. */
export function customFunction<T>(name: CustomFunctionName, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof InputError) {
      throw new Error(`${name}: ${err.reason}${err.row !== undefined ? ` (row ${err.row})` : ''}`);
    }
    throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function fbaOnhand(days: DayConverter, ledger: unknown, sku: unknown, kits?: unknown, loc?: unknown, asOf?: unknown): number {
  return customFunction('FBA_ONHAND', () =>
    ledgerOf(ledger, kits, days).onHand(text(sku, 'sku', true), { location: location(loc), asOf: asOfDay(asOf, days) }));
}

export function fbaLotBalance(days: DayConverter, ledger: unknown, sku: unknown, lot: unknown, kits?: unknown, loc?: unknown, asOf?: unknown): number {
  return customFunction('FBA_LOT_BALANCE', () =>
    ledgerOf(ledger, kits, days).lotBalance(text(sku, 'sku', true), text(lot, 'lot', true), { location: location(loc), asOf: asOfDay(asOf, days) }));
}

const CACHE_BATCH = 400;

export function fbaLotRemaining(
  days: DayConverter, ledger: unknown, sku: unknown, lot: unknown, kits?: unknown, method?: unknown, loc?: unknown, asOf?: unknown,
  cache?: ResultCache | null,
): number {
  return customFunction('FBA_LOT_REMAINING', () => {
    const skuText = text(sku, 'sku', true);
    const lotText = text(lot, 'lot', true);
    const scope = { method: methodOf(method), location: location(loc), asOf: asOfDay(asOf, days) };
    if (!cache) return ledgerOf(ledger, kits, days).lotRemaining(skuText, lotText, scope);
    // The component the SKU maps to, so an Amazon SKU and its component share entries.
    const kitMap = kitsOf(kits);
    const prefix = `lr1|${fingerprintValues(ledger)}|${fingerprintValues(kits ?? '')}|${scope.method}|${textKey(scope.location ?? '')}|${scope.asOf ?? ''}|`;
    const key = (component: string, l: string) => `${prefix}${textKey(component)}|${textKey(l)}`;
    const component = kitMap.resolve(skuText).component;
    const hit = cache.get(key(component, lotText));
    if (hit !== null) return Number(hit);
    const engine = ledgerOf(ledger, kits, days);
    const value = engine.lotRemaining(skuText, lotText, scope);
    // Store every lot of the scope (summed over locations when none is given), in batches.
    const sums = new Map<string, number>();
    for (const r of engine.lotsTable(scope).rows) {
      const k = key(r[1], r[2]);
      sums.set(k, (sums.get(k) ?? 0) + r[6]);
    }
    sums.set(key(component, lotText), value);
    let batch: Record<string, string> = {};
    let n = 0;
    for (const [k, v] of sums) {
      if (k.length > 250) continue;
      batch[k] = String(v);
      if (++n % CACHE_BATCH === 0) {
        cache.putAll(batch);
        batch = {};
      }
    }
    if (n % CACHE_BATCH !== 0) cache.putAll(batch);
    return value;
  });
}

export function fbaLots(days: DayConverter, ledger: unknown, kits?: unknown, loc?: unknown, asOf?: unknown, method?: unknown): unknown[][] {
  return customFunction('FBA_LOTS', () => {
    const table = ledgerOf(ledger, kits, days).lotsTable({ method: methodOf(method), location: location(loc), asOf: asOfDay(asOf, days) });
    const out: unknown[][] = [table.header.slice()];
    for (const r of table.rows) {
      out.push([r[0], r[1], r[2], r[3] === null ? '' : days.dateOf(r[3]), r[4], r[5], r[6], r[7], r[8]]);
    }
    return out;
  });
}

export function fbaKitAvailable(days: DayConverter, ledger: unknown, kits: unknown, amazonSku: unknown, loc?: unknown, asOf?: unknown): number {
  return customFunction('FBA_KIT_AVAILABLE', () =>
    ledgerOf(ledger, kits, days).kitAvailable(text(amazonSku, 'amazonSku', true), { location: location(loc), asOf: asOfDay(asOf, days) }));
}
