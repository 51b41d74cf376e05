/**
 * A realistic workbook for the reconciliation tests: three tracked SKUs and a 6-pack kit at
 * FBA-US, transfers with shipment IDs, Amazon rows from fetched reports (`report:`) and files
 * (`file:`), their receipts and summaries, and the Import Log lines that make the days covered.
 *
 * January–March 2026 agree by default; `marchProblems` gives March one line per cause.
 * Today is 2026-05-10 (US Pacific), so January to April have ended.
 */
import { callFromClient, type FakeEnv } from '../fakes/index';
import { newEnv, snapshot } from './helpers';

export const US = 'FBA-US';
export const EU = 'FBA-EU';
export const NOW = Date.UTC(2026, 4, 10, 18, 0, 0);

type Cell = string | number;

/** A ledger row: Date, Event, SKU, Lot, Quantity, Expiry, Location, Disposition, Reason, Reference, Source, Key. */
export function ledger(date: string, event: string, sku: string, lot: string, quantity: number, more: {
  expiry?: string; location?: string; disposition?: string; reason?: string; reference?: string; source?: string; key?: string;
} = {}): Cell[] {
  const amazon = ['SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT'].includes(event) && lot === 'UNSPECIFIED';
  const source = more.source ?? (amazon ? 'report:70001' : 'manual');
  const key = more.key ?? (amazon ? `k:${date}:${event}:${sku}:${quantity}` : '');
  return [date, event, sku, lot, quantity, more.expiry ?? '', more.location ?? US, more.disposition ?? (amazon ? 'SELLABLE' : ''),
    more.reason ?? '', more.reference ?? '', source, key];
}

export interface Figures {
  starting?: number; inTransit?: number; receipts?: number; shipments?: number; returns?: number; vendorReturns?: number;
  transfers?: number; found?: number; lost?: number; damaged?: number; disposed?: number; other?: number; ending: number; unknown?: number;
}

/** An `Amazon Summary` row. */
export function summary(month: string, msku: string, f: Figures, location = US, source = 'report:80001'): Cell[] {
  return [month, location, msku, `X00${msku.length}${msku.slice(0, 3)}`, 'SELLABLE',
    f.starting ?? 0, f.inTransit ?? 0, f.receipts ?? 0, f.shipments ?? 0, f.returns ?? 0, f.vendorReturns ?? 0, f.transfers ?? 0,
    f.found ?? 0, f.lost ?? 0, f.damaged ?? 0, f.disposed ?? 0, f.other ?? 0, f.ending, f.unknown ?? 0,
    source, `s:${month}:${location}:${msku}`];
}

/** An `Amazon Receipts` row. */
export function receipt(date: string, shipmentId: string, msku: string, quantity: number, location = US, source = 'report:70005'): Cell[] {
  return [date, location, shipmentId, msku, quantity, source, `r:${date}:${shipmentId}:${msku}`];
}

export const DETAIL = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const SUMMARY = 'GET_LEDGER_SUMMARY_VIEW_DATA';
export const ALL_TYPES = 'Shipments, CustomerReturns, VendorReturns, Adjustments, Receipts';

/** An `Import Log` line. */
export function logLine(source: string, reportType: string, start: string, end: string, eventTypes: string, location = US, status = 'OK'): Cell[] {
  return [`${end} 06:00:00`, source, reportType, location, start, end, eventTypes, 10, 8, 0, 0, '', status];
}

export interface BookOptions {
  /** March gets days not imported, an unknown Amazon SKU, an overdue shortfall, a flow mismatch and an unexplained line. */
  marchProblems?: boolean;
  /** April's summary and detail imports (April agrees). */
  april?: boolean;
  /** A Pan-European pool with a February summary only (for start mid-stream). */
  eu?: boolean;
}

export interface Book {
  kits: Cell[][];
  ledger: Cell[][];
  summary: Cell[][];
  receipts: Cell[][];
  importLog: Cell[][];
}

export function bookRows(o: BookOptions = {}): Book {
  const p = !!o.marchProblems;
  const kits: Cell[][] = [['SKU1-6PK', 'SKU1', 6]];
  const rows: Cell[][] = [
    // January: four inbound shipments, each with its shipment ID.
    ledger('2026-01-10', 'TRANSFER', 'SKU1', 'A', 120, { expiry: '2027-06-30', reference: 'FBA100' }),
    ledger('2026-01-10', 'TRANSFER', 'SKU1-6PK', 'A6', 10, { expiry: '2027-06-30', reference: 'FBA101' }),
    ledger('2026-01-12', 'TRANSFER', 'SKU2', 'L1', 50, { reference: 'FBA102' }),
    ledger('2026-01-12', 'TRANSFER', 'SKU3', 'S1', 30, { reference: 'FBA103' }),
    ledger('2026-01-25', 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -20, { source: 'report:70001' }),
    // February.
    ledger('2026-02-05', 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -30, { source: 'report:70011' }),
    ledger('2026-02-06', 'SHIPMENT', 'SKU1-6PK', 'UNSPECIFIED', -2, { source: 'report:70011' }),
    ledger('2026-02-10', 'RETURN', 'SKU1', 'UNSPECIFIED', 2, { source: 'report:70012' }),
    ledger('2026-02-12', 'SHIPMENT', 'SKU2', 'UNSPECIFIED', -10, { source: 'report:70011' }),
    ledger('2026-02-14', 'SHIPMENT', 'SKU3', 'UNSPECIFIED', -5, { source: 'report:70011' }),
    ledger('2026-02-20', 'ADJUSTMENT', 'SKU2', 'UNSPECIFIED', -1, { reason: 'M', source: 'report:70014' }),
    // March: sales from a seller-downloaded file, and a new shipment FBA300 (24 sent, 20 received).
    ledger('2026-03-03', 'SHIPMENT', 'SKU1', 'UNSPECIFIED', -25, { source: 'file:march-shipments.csv' }),
    ledger('2026-03-05', 'SHIPMENT', 'SKU3', 'UNSPECIFIED', -4, { source: 'file:march-shipments.csv' }),
    ledger('2026-03-09', 'SHIPMENT', 'SKU2', 'UNSPECIFIED', -8, { source: 'file:march-shipments.csv' }),
    ledger('2026-03-20', 'TRANSFER', 'SKU1', 'C', 24, { expiry: '2027-09-30', reference: 'FBA300' }),
  ];
  const receipts: Cell[][] = [
    receipt('2026-01-13', 'FBA100', 'SKU1', 120),
    receipt('2026-01-14', 'FBA101', 'SKU1-6PK', 10),
    receipt('2026-01-15', 'FBA102', 'SKU2', 50),
    receipt('2026-01-15', 'FBA103', 'SKU3', 30),
    receipt('2026-03-25', 'FBA300', 'SKU1', 20, US, 'file:march-receipts.csv'),
  ];
  const sum: Cell[][] = [
    summary('2026-02', 'SKU1', { starting: 100, shipments: -30, returns: 2, ending: 72 }),
    summary('2026-02', 'SKU1-6PK', { starting: 10, shipments: -2, ending: 8 }),
    summary('2026-02', 'SKU2', { starting: 50, shipments: -10, lost: -1, ending: 39 }),
    summary('2026-02', 'SKU3', { starting: 30, shipments: -5, ending: 25 }),
    // March: with the problems, Amazon shipped 2 fewer SKU1 (a flow mismatch) and its SKU3 ending is
    // one lower than its own flows (unexplained).
    summary('2026-03', 'SKU1', p ? { starting: 72, receipts: 20, shipments: -23, ending: 69 } : { starting: 72, receipts: 20, shipments: -25, ending: 67 }, US, 'report:80002'),
    summary('2026-03', 'SKU1-6PK', { starting: 8, ending: 8 }, US, 'report:80002'),
    summary('2026-03', 'SKU2', p ? { starting: 39, receipts: 35, shipments: -8, ending: 66 } : { starting: 39, shipments: -8, ending: 31 }, US, 'report:80002'),
    summary('2026-03', 'SKU3', { starting: 25, shipments: -4, ending: p ? 20 : 21 }, US, 'report:80002'),
  ];
  const log: Cell[][] = [
    logLine('report:70001', DETAIL, '2026-01-01', '2026-01-31', ALL_TYPES),
    logLine('report:70011', DETAIL, '2026-02-01', '2026-02-28', ALL_TYPES),
    logLine('report:80001', SUMMARY, '2026-02-01', '2026-02-28', 'Summary'),
    logLine('report:80002', SUMMARY, '2026-03-01', '2026-03-31', 'Summary'),
  ];
  if (p) {
    // Shipments of 2026-03-04..06 never imported.
    log.push(
      logLine('file:march-shipments.csv', DETAIL, '2026-03-01', '2026-03-03', 'Shipments'),
      logLine('file:march-shipments-2.csv', DETAIL, '2026-03-07', '2026-03-31', 'Shipments'),
      logLine('file:march-other.csv', DETAIL, '2026-03-01', '2026-03-31', 'CustomerReturns, VendorReturns, Adjustments, Receipts'),
    );
    // An Amazon SKU nobody told us about.
    sum.push(summary('2026-03', 'MYSTERY-1', { ending: 0 }, US, 'report:80002'));
    // FBA200: 40 SKU2 sent in February, 35 received on March 1; the seller wrote the 5 off on
    // March 31 without naming the shipment.
    rows.push(
      ledger('2026-02-25', 'TRANSFER', 'SKU2', 'L2', 40, { reference: 'FBA200' }),
      ledger('2026-03-31', 'ADJUSTMENT', 'SKU2', 'L2', -5, { reason: 'lost in inbound' }),
    );
    receipts.push(receipt('2026-03-01', 'FBA200', 'SKU2', 35, US, 'file:march-other.csv'));
  } else {
    log.push(logLine('file:march-shipments.csv', DETAIL, '2026-03-01', '2026-03-31', ALL_TYPES));
  }
  if (o.april) {
    sum.push(
      summary('2026-04', 'SKU1', { starting: 67, ending: 67 }, US, 'report:80003'),
      summary('2026-04', 'SKU1-6PK', { starting: 8, ending: 8 }, US, 'report:80003'),
      summary('2026-04', 'SKU2', { starting: 31, ending: 31 }, US, 'report:80003'),
      summary('2026-04', 'SKU3', { starting: 21, ending: 21 }, US, 'report:80003'),
    );
    log.push(
      logLine('report:70021', DETAIL, '2026-04-01', '2026-04-30', ALL_TYPES),
      logLine('report:80003', SUMMARY, '2026-04-01', '2026-04-30', 'Summary'),
    );
  }
  if (o.eu) {
    sum.push(
      summary('2026-02', 'SKU1', { starting: 50, shipments: -10, inTransit: 5, ending: 40 }, EU, 'report:80011'),
      summary('2026-02', 'SKU1-6PK', { starting: 3, ending: 3 }, EU, 'report:80011'),
      summary('2026-02', 'SKU2', { starting: 12, shipments: -12, ending: 0 }, EU, 'report:80011'),
    );
    log.push(logLine('report:80011', SUMMARY, '2026-02-01', '2026-02-28', 'Summary', EU));
  }
  return { kits, ledger: rows, summary: sum, receipts, importLog: log };
}

/** A workbook set up by the bundle and seeded with `bookRows(o)`. */
export function book(o: BookOptions = {}): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(NOW);
  callFromClient(env, 'setupWorkbook');
  const b = bookRows(o);
  env.seed('Kits', b.kits, 'A2');
  env.seed('FBA Ledger', b.ledger, 'A2');
  env.seed('Amazon Summary', b.summary, 'A2');
  env.seed('Amazon Receipts', b.receipts, 'A2');
  env.seed('Import Log', b.importLog, 'A2');
  return env;
}

/** Appends rows below a sheet's last row. */
export function add(env: FakeEnv, sheet: string, rows: Cell[][]): void {
  env.seed(sheet, rows, `A${env.peek(sheet).length + 1}`);
}

/** Overwrites the data row whose cells start with `prefix` (month, location, MSKU…). */
export function replaceRow(env: FakeEnv, sheet: string, prefix: Cell[], row: Cell[]): void {
  const all = env.peek(sheet);
  const i = all.findIndex((r) => prefix.every((c, j) => r[j] === c));
  if (i < 1) throw new Error(`no row ${prefix.join(' ')} in ${sheet}`);
  env.seed(sheet, [row], `A${i + 1}`);
}

/** Every sheet and every document property, as text. */
export function state(env: FakeEnv): string {
  return snapshot(env) + JSON.stringify(env.properties.document.toObject());
}
