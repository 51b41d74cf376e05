/**
 * Importing report files through the built bundle (spec §6 "Safety of imports", §9
 * importReportFile / removeImport / getImportLog): every fixture variant lands once and
 * re-imports change nothing; scope rules; formula guard; failures change nothing but the
 * Import Log; dry runs; removal; sheet calls grow with row blocks, not rows.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { callFromClient, type FakeEnv } from '../fakes/index';
import { dataRows, newEnv, snapshot } from './helpers';
import type { ImportLogEntry, ImportResult, RemoveImportResult } from '../../src/shared/wire';

const DIR = 'test/fixtures/reports/';
const HEADER = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];

function fixture(name: string): string {
  return readFileSync(DIR + name).toString('base64');
}

/** A quoted SP-API style detail file from rows [date MM/DD/YYYY, msku, event, ref, qty, disposition, reason, country]. */
function detailFile(rows: Array<[string, string, string, string, number, string?, string?, string?]>): string {
  const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;
  const lines = [HEADER.map(q).join('\t')];
  for (const [date, msku, event, ref, qty, disp = 'SELLABLE', reason = '', country = 'US'] of rows) {
    lines.push([date, 'X00FN', 'B00AS', msku, 'A title', event, ref, qty, 'PHX7', disp, reason, country, '', '', ''].map(q).join('\t'));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64');
}

function ready(): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(Date.UTC(2025, 2, 20, 18, 0, 0));
  callFromClient(env, 'setupWorkbook');
  return env;
}

function importFile(env: FakeEnv, name: string, content = fixture(name), options: Record<string, unknown> = {}): ImportResult {
  return callFromClient(env, 'importReportFile', [name, content, options]) as ImportResult;
}

/** Every sheet but the Import Log (and the hidden staging sheet). */
function dataSnapshot(env: FakeEnv): string {
  const all = JSON.parse(snapshot(env)) as { sheets: Array<{ name: string }>; named: unknown };
  all.sheets = all.sheets.filter((s) => s.name !== 'Import Log' && s.name !== 'FBA Staging');
  return JSON.stringify(all);
}

function logLines(env: FakeEnv): unknown[][] {
  return dataRows(env, 'Import Log');
}

function withoutSource(rows: unknown[][], sourceCol: number): unknown[][] {
  return rows.map((r) => r.filter((_, i) => i !== sourceCol));
}

const LEDGER_VARIANTS = [
  'detail-spapi-us.tsv', 'detail-spapi-us.tsv.gz', 'detail-seller-central.csv', 'detail-compact-names.tsv',
  'detail-store-reordered.tsv', 'detail-crlf-no-final-newline.tsv', 'detail-utf8.tsv', 'detail-utf8-bom.tsv',
  'detail-cp1252.tsv', 'detail-iso.tsv', 'detail-us-ambiguous.tsv', 'detail-eu-ddmm.tsv', 'detail-eu-ambiguous.tsv',
  'detail-unknown-codes.tsv', 'detail-pan-eu-de.tsv', 'detail-pan-eu-fr.tsv',
];
const OTHER_VARIANTS: Array<[string, string]> = [
  ['summary-us.tsv', 'Amazon Summary'], ['summary-month-only.tsv', 'Amazon Summary'], ['summary-iso-month.csv', 'Amazon Summary'],
  ['summary-fc.tsv', 'Amazon Summary'], ['myi.tsv', 'Amazon Inventory'],
];

describe('importReportFile: every file variant', () => {
  it.each(LEDGER_VARIANTS)('%s lands once, and importing it again changes no sheet but the Import Log', (name) => {
    const env = ready();
    const first = importFile(env, name);
    expect(first.status).toBe('OK');
    expect(first.source).toBe(`file:${name}`);
    expect(first.dryRun).toBe(false);
    const ledger = dataRows(env, 'FBA Ledger');
    const receipts = dataRows(env, 'Amazon Receipts');
    expect(ledger.length + receipts.length).toBe(first.rowsWritten);
    expect(first.rowsWritten).toBeGreaterThan(0);
    for (const r of ledger) {
      expect(r[0]).toBeInstanceOf(Date);
      expect(['SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT']).toContain(r[1]);
      expect(r[3]).toBe('UNSPECIFIED');
      expect(r[10]).toBe(`file:${name}`);
      expect(String(r[11])).toMatch(/^k1:[0-9a-f]{16}$/);
    }
    const after = dataSnapshot(env);
    const second = importFile(env, name);
    expect(second.status).toBe('OK');
    expect(second.rowsWritten).toBe(0);
    expect(second.rowsReplaced).toBe(0);
    expect(dataSnapshot(env)).toBe(after);
    expect(logLines(env).map((l) => l[12])).toEqual(['OK', 'OK']);
  });

  it.each(OTHER_VARIANTS)('%s lands once in %s, and importing it again changes nothing', (name, sheet) => {
    const env = ready();
    const first = importFile(env, name);
    expect(first.status).toBe('OK');
    expect(dataRows(env, sheet).length).toBe(first.rowsWritten);
    expect(first.rowsWritten).toBeGreaterThan(0);
    const after = dataSnapshot(env);
    const second = importFile(env, name);
    expect([second.rowsWritten, second.rowsReplaced]).toEqual([0, 0]);
    expect(dataSnapshot(env)).toBe(after);
  });

  it('reads the same ledger and receipts from every encoding and layout of the same report', () => {
    const same = ['detail-spapi-us.tsv', 'detail-spapi-us.tsv.gz', 'detail-seller-central.csv', 'detail-store-reordered.tsv',
      'detail-utf8.tsv', 'detail-utf8-bom.tsv', 'detail-cp1252.tsv', 'detail-iso.tsv', 'detail-compact-names.tsv'];
    const seen = same.map((name) => {
      const env = ready();
      importFile(env, name);
      return JSON.stringify([withoutSource(dataRows(env, 'FBA Ledger'), 10), withoutSource(dataRows(env, 'Amazon Receipts'), 5)]);
    });
    for (const s of seen) expect(s).toBe(seen[0]);
  });

  it('maps, compacts and dates the SP-API download as the spec says', () => {
    const env = ready();
    const r = importFile(env, 'detail-spapi-us.tsv');
    expect(r).toMatchObject({
      reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', location: 'FBA-US', dataStart: '2025-01-02', dataEnd: '2025-01-21',
      rowsRead: 15, rowsWritten: 11, rowsReplaced: 0, rowsSkipped: 2,
    });
    expect(r.scopes).toEqual([{ location: 'FBA-US', dataStart: '2025-01-02', dataEnd: '2025-01-21', eventTypes: r.eventTypes, skus: null }]);
    const ledger = dataRows(env, 'FBA Ledger').map((row) => [(row[0] as Date).toISOString(), ...row.slice(1, 10)]);
    expect(ledger).toEqual([
      ['2025-01-03T08:00:00.000Z', 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -3, '', 'FBA-US', 'SELLABLE', '', ''],
      ['2025-01-03T08:00:00.000Z', 'SHIPMENT', 'SKU-B', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', '', ''],
      ['2025-01-05T08:00:00.000Z', 'RETURN', 'SKU-A', 'UNSPECIFIED', 1, '', 'FBA-US', 'CUSTOMER_DAMAGED', '', ''],
      ['2025-01-07T08:00:00.000Z', 'ADJUSTMENT', 'SKU-A', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', 'E', ''],
      ['2025-01-07T08:00:00.000Z', 'ADJUSTMENT', 'SKU-A', 'UNSPECIFIED', 1, '', 'FBA-US', 'WAREHOUSE_DAMAGED', 'P', ''],
      ['2025-01-15T08:00:00.000Z', 'REMOVAL', 'SKU-B', 'UNSPECIFIED', -3, '', 'FBA-US', 'SELLABLE', '', 'REMOVAL-ORDER-1'],
      ['2025-01-15T08:00:00.000Z', 'ADJUSTMENT', 'SKU-B', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', 'M', ''],
      ['2025-01-20T08:00:00.000Z', 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -2, '', 'FBA-US', 'SELLABLE', '', ''],
      ['2025-01-21T08:00:00.000Z', 'SHIPMENT', 'SKU-C', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', '', ''],
    ]);
    expect(dataRows(env, 'Amazon Receipts').map((row) => row.slice(1, 6))).toEqual([
      ['FBA-US', 'FBA15ABCDEF', 'SKU-A', 100, 'file:detail-spapi-us.tsv'],
      ['FBA-US', 'FBA15ABCDEF', 'SKU-B', 48, 'file:detail-spapi-us.tsv'],
    ]);
    const [log] = logLines(env);
    expect(log.slice(1, 4)).toEqual(['file:detail-spapi-us.tsv', 'GET_LEDGER_DETAIL_VIEW_DATA', 'FBA-US']);
    expect((log[4] as Date).toISOString()).toBe('2025-01-02T08:00:00.000Z');
    expect((log[5] as Date).toISOString()).toBe('2025-01-21T08:00:00.000Z');
    expect(log.slice(7, 11)).toEqual([15, 11, 0, 2]);
    expect(log[12]).toBe('OK');
  });

  it('maps Pan-European countries to FBA-EU and sums the day\'s shipments of a pool', () => {
    const env = ready();
    const de = importFile(env, 'detail-pan-eu-de.tsv');
    expect(de.location).toBe('FBA-EU');
    const ledger = dataRows(env, 'FBA Ledger').map((r) => [(r[0] as Date).toISOString().slice(0, 10), r[1], r[2], r[4], r[6]]);
    expect(ledger).toEqual([
      ['2025-02-10', 'SHIPMENT', 'SKU-A', -3, 'FBA-EU'],
      ['2025-02-11', 'SHIPMENT', 'SKU-B', -1, 'FBA-EU'],
      ['2025-02-11', 'ADJUSTMENT', 'SKU-A', -1, 'FBA-EU'],
    ]);
  });

  it('writes summary months as text and inventory snapshots on today in the spreadsheet zone', () => {
    const env = ready();
    importFile(env, 'summary-us.tsv');
    const summary = dataRows(env, 'Amazon Summary');
    expect(summary.find((r) => r[1] === 'FBA-US' && r[2] === 'SKU-A' && r[4] === 'SELLABLE')?.slice(0, 6))
      .toEqual(['2025-01', 'FBA-US', 'SKU-A', 'X00A1B2C3D', 'SELLABLE', 10]);
    const r = importFile(env, 'myi.tsv');
    expect(r.location).toBe('FBA-US');
    const inv = dataRows(env, 'Amazon Inventory');
    expect(inv).toHaveLength(3);
    // 2025-03-20 18:00 UTC is 11:00 in Los Angeles: the snapshot day is 2025-03-20 (midnight PDT).
    expect((inv[0][0] as Date).toISOString()).toBe('2025-03-20T07:00:00.000Z');
    expect(inv[0].slice(1, 5)).toEqual(['FBA-US', 'SKU-A', 'X00A1B2C3D', 106]);
  });

  it('gives MYI rows the location chosen, else the connection marketplace\'s', () => {
    const env = ready();
    importFile(env, 'myi.tsv', fixture('myi.tsv'), { location: 'FBA-EU' });
    expect(dataRows(env, 'Amazon Inventory').map((r) => r[1])).toEqual(['FBA-EU', 'FBA-EU', 'FBA-EU']);
    callFromClient(env, 'saveAmazonSettings', [{
      clientId: 'amzn1.application-oa2-client.abc123', clientSecret: 'amzn1.oa2-cs.v1.secret123', refreshToken: 'Atzr|token123',
      region: 'EU', marketplaceIds: ['A1F83G8C2ARO7P'],
    }]);
    importFile(env, 'myi.tsv', fixture('myi.tsv'), {});
    expect(dataRows(env, 'Amazon Inventory').filter((r) => r[1] === 'FBA-UK')).toHaveLength(3);
  });

  it('adds a country missing from Locations and imports its rows as FBA-<country>', () => {
    const env = ready();
    const r = importFile(env, 'uae.tsv', detailFile([['02/03/2025', 'SKU-A', 'Shipments', 'R1', -2, 'SELLABLE', '', 'AE']]));
    expect(r.location).toBe('FBA-AE');
    expect(r.warnings.join('\n')).toMatch(/country AE is not in Locations/);
    expect(dataRows(env, 'Locations').at(-1)).toEqual(['AE', 'FBA-AE']);
    importFile(env, 'uae.tsv', detailFile([['02/03/2025', 'SKU-A', 'Shipments', 'R1', -2, 'SELLABLE', '', 'AE']]));
    expect(dataRows(env, 'Locations').filter((r) => r[0] === 'AE')).toHaveLength(1);
  });
});

describe('importReportFile: the replace scope', () => {
  it('a file of shipments only replaces shipments and never deletes returns or adjustments', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    const before = dataRows(env, 'FBA Ledger');
    const r = importFile(env, 'shipments.tsv', detailFile([
      ['01/03/2025', 'SKU-A', 'Shipments', 'R1', -5],
      ['01/20/2025', 'SKU-A', 'Shipments', 'R2', -4],
    ]));
    expect(r.eventTypes).toEqual(['Shipments']);
    const ledger = dataRows(env, 'FBA Ledger');
    expect(ledger.filter((x) => x[1] !== 'SHIPMENT')).toEqual(before.filter((x) => x[1] !== 'SHIPMENT'));
    expect(ledger.filter((x) => x[1] === 'SHIPMENT').map((x) => [x[2], x[4]])).toEqual([
      // Jan 21's SKU-C shipment is outside 01-03..01-20 and stays.
      ['SKU-C', -1], ['SKU-A', -5], ['SKU-A', -4],
    ]);
    // Jan 3 SKU-A and SKU-B, Jan 20 SKU-A were replaced.
    expect(r.rowsReplaced).toBe(3);
    expect(r.rowsWritten).toBe(2);
  });

  it('never replaces rows users typed, OPENING or RECONCILIATION rows', () => {
    const env = ready();
    const d = (iso: string) => iso;
    env.seed('FBA Ledger', [
      [d('2025-01-03'), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -7, '', 'FBA-US', '', '', 'typed', 'manual', ''],
      [d('2025-01-05'), 'OPENING', 'SKU-A', 'LOT1', 50, '', 'FBA-US', '', '', '', 'opening:2024-12', 'opening:2024-12:FBA-US:SKU-A'],
      [d('2025-01-07'), 'RECONCILIATION', 'SKU-A', 'UNSPECIFIED', -1, '', 'FBA-US', '', '', 'note', 'reconciliation:2025-01', 'reconciliation:2025-01:FBA-US:SKU-A'],
      [d('2025-01-15'), 'ADJUSTMENT', 'SKU-B', 'UNSPECIFIED', 2, '', '', '', 'F', '', '', ''],
    ], 'A2');
    const typed = dataRows(env, 'FBA Ledger');
    importFile(env, 'detail-spapi-us.tsv');
    importFile(env, 'detail-spapi-us.tsv');
    const ledger = dataRows(env, 'FBA Ledger');
    expect(ledger.slice(0, 4)).toEqual(typed);
    expect(ledger).toHaveLength(4 + 9);
  });

  it('keeps a row a person edited, reports it, and does not write its row again', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    // Row 3 is the 2025-01-05 RETURN of SKU-A (+1): the seller corrects it to +2.
    expect(dataRows(env, 'FBA Ledger')[2].slice(1, 5)).toEqual(['RETURN', 'SKU-A', 'UNSPECIFIED', 1]);
    env.seed('FBA Ledger', [[2]], 'E4');
    const edited = dataRows(env, 'FBA Ledger');
    const r = importFile(env, 'detail-spapi-us.tsv');
    expect(r.rowsWritten).toBe(0);
    expect(r.rowsReplaced).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/FBA Ledger: row 4 .*changed by hand/);
    expect(dataRows(env, 'FBA Ledger')).toEqual(edited);
    expect(String(logLines(env)[1][11])).toMatch(/changed by hand/);
  });

  it('drops detail rows dated on or before a location\'s opening day (start mid-stream)', () => {
    const env = ready();
    env.properties.document.data.set('fba.opening.FBA-US', JSON.stringify({
      location: 'FBA-US', month: '2024-12', day: Date.UTC(2025, 0, 3) / 86_400_000, inboundInTransit: {},
    }));
    const r = importFile(env, 'detail-spapi-us.tsv');
    expect(r.warnings.join('\n')).toMatch(/on or before the opening day/);
    const days = dataRows(env, 'FBA Ledger').map((x) => (x[0] as Date).toISOString().slice(0, 10));
    expect(days.every((d) => d > '2025-01-03')).toBe(true);
    expect(dataRows(env, 'Amazon Receipts')).toEqual([]);
  });
});

describe('importReportFile: closed months', () => {
  it('writes an import that changes a closed month, logs CLOSED_MONTH_CHANGED and returns the old and new closing', () => {
    const env = ready();
    importFile(env, 'summary-us.tsv');
    importFile(env, 'january.tsv', detailFile([
      ['01/01/2025', 'SKU-A', 'Receipts', 'FBA15ABCDEF', 100],
      ['01/01/2025', 'SKU-A', 'Shipments', 'O-1', -5],
      ['01/31/2025', 'SKU-A', 'CustomerReturns', 'O-1', 1],
      ['01/31/2025', 'SKU-A', 'VendorReturns', 'RO-1', -1],
      ['01/31/2025', 'SKU-A', 'Adjustments', 'A-1', -1, 'SELLABLE', 'M'],
    ]));
    callFromClient(env, 'closeMonth', [{ month: '2025-01', location: 'FBA-US', postAdjustments: [] }]);
    const r = importFile(env, 'late.tsv', detailFile([['01/15/2025', 'SKU-A', 'Shipments', 'O-2', -4]]));
    expect(r.status).toBe('CLOSED_MONTH_CHANGED');
    expect(r.closedMonthChanges).toEqual([expect.objectContaining({ month: '2025-01', location: 'FBA-US', sku: 'SKU-A' })]);
    const [change] = r.closedMonthChanges;
    expect(change.newClosing - change.oldClosing).toBe(-4);
    expect(logLines(env).at(-1)?.[12]).toBe('CLOSED_MONTH_CHANGED');
    expect(dataRows(env, 'FBA Ledger').filter((x) => x[10] === 'file:late.tsv')).toHaveLength(1);
    // The same data again changes nothing more: OK.
    expect(importFile(env, 'late.tsv', detailFile([['01/15/2025', 'SKU-A', 'Shipments', 'O-2', -4]])).status).toBe('OK');
  });
});

describe('importReportFile: text from Amazon never becomes a formula', () => {
  it('guards SKUs, references, dispositions and reasons', () => {
    const env = ready();
    importFile(env, 'evil.tsv', detailFile([
      ['01/03/2025', '=HYPERLINK("http://x","y")', 'VendorReturns', '+1234', -1, '@SUM(A1)', '', 'US'],
      ['01/04/2025', '-SKU', 'Adjustments', '=1+1', -1, 'SELLABLE', '=cmd', 'US'],
    ]));
    const sheet = env.spreadsheet.sheetByName('FBA Ledger')!;
    for (let r = 2; r <= 3; r++) for (let c = 1; c <= 12; c++) expect(sheet.cell(r, c)?.f, `R${r}C${c}`).toBeUndefined();
    const rows = dataRows(env, 'FBA Ledger');
    expect(rows[0].slice(2, 10)).toEqual(['=HYPERLINK("http://x","y")', 'UNSPECIFIED', -1, '', 'FBA-US', '@SUM(A1)', '', '+1234']);
    // An adjustment keeps no Reference (only a removal's order ID is kept).
    expect(rows[1].slice(2, 10)).toEqual(['-SKU', 'UNSPECIFIED', -1, '', 'FBA-US', 'SELLABLE', '=cmd', '']);
    // Guarded text still matches its key: a re-import changes nothing.
    const after = dataSnapshot(env);
    const again = importFile(env, 'evil.tsv', detailFile([
      ['01/03/2025', '=HYPERLINK("http://x","y")', 'VendorReturns', '+1234', -1, '@SUM(A1)', '', 'US'],
      ['01/04/2025', '-SKU', 'Adjustments', '=1+1', -1, 'SELLABLE', '=cmd', 'US'],
    ]));
    expect([again.rowsWritten, again.rowsReplaced]).toEqual([0, 0]);
    expect(dataSnapshot(env)).toBe(after);
    const logSheet = env.spreadsheet.sheetByName('Import Log')!;
    for (let c = 1; c <= 13; c++) expect(logSheet.cell(2, c)?.f).toBeUndefined();
  });
});

describe('importReportFile: no data, failures, dry runs', () => {
  it('a file without data rows deletes nothing and logs NO_DATA', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    const before = dataSnapshot(env);
    const r = importFile(env, 'header-only.tsv');
    expect(r.status).toBe('NO_DATA');
    expect([r.rowsWritten, r.rowsReplaced]).toEqual([0, 0]);
    expect(dataSnapshot(env)).toBe(before);
    expect(logLines(env).map((l) => l[12])).toEqual(['OK', 'NO_DATA']);
  });

  it.each([
    ['bad-date.tsv', /"bad-date\.tsv" line 6: unreadable Date "Jan 3, 2025"/],
    ['bad-quantity.tsv', /"bad-quantity\.tsv" line 8: unreadable Quantity "one"/],
    ['missing-msku.tsv', /"missing-msku\.tsv" line 4: no MSKU/],
    ['mixed-date-orders.tsv', /line 12: the file mixes date orders/],
    ['detail-multiline-title.csv', /line 6: unreadable Quantity "1\.5"/],
    ['unknown-header.tsv', /line 1: this file is not an Amazon report .*Expected one of: .*GET_LEDGER_DETAIL_VIEW_DATA.*Event Type/],
  ])('%s fails with its line, changes no sheet, and logs FAILED', (name, message) => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    const before = dataSnapshot(env);
    expect(() => importFile(env, name)).toThrow(message);
    expect(dataSnapshot(env)).toBe(before);
    const lines = logLines(env);
    expect(lines).toHaveLength(2);
    expect(lines[1][1]).toBe(`file:${name}`);
    expect(lines[1][12]).toBe('FAILED');
    expect(String(lines[1][11])).toMatch(message);
  });

  it.each([
    ['not base64', '!!!not base64!!!', /not valid base64/],
    ['empty', '', /the file is empty/],
    ['zip', Buffer.from('PK\u0003\u0004rest').toString('base64'), /\.zip archive/],
    ['broken gzip', Buffer.from(gzipSync('"Date"\t"MSKU"\n')).subarray(0, 12).toString('base64'), /could not be decompressed/],
  ])('refuses %s content clearly', (_label, content, message) => {
    const env = ready();
    const before = dataSnapshot(env);
    expect(() => importFile(env, 'file.tsv', content)).toThrow(message);
    expect(dataSnapshot(env)).toBe(before);
    expect(logLines(env).map((l) => l[12])).toEqual(['FAILED']);
  });

  it('says so when another task holds the lock, changes nothing, and logs FAILED', () => {
    const env = ready();
    const before = dataSnapshot(env);
    const held = env.holdLock('document');
    expect(() => importFile(env, 'detail-spapi-us.tsv')).toThrow(/Another FBA Lot Ledger task is writing/);
    held.release();
    expect(dataSnapshot(env)).toBe(before);
    expect(logLines(env).map((l) => l[12])).toEqual(['FAILED']);
  });

  it('names a missing sheet or a moved column, and changes nothing', () => {
    const env = ready();
    env.seed('FBA Ledger', [['Date', 'SKU', 'Event']], 'A1');
    const before = dataSnapshot(env);
    expect(() => importFile(env, 'detail-spapi-us.tsv')).toThrow(/Sheet "FBA Ledger" column 2 should be "Event" but reads "SKU"/);
    expect(dataSnapshot(env)).toBe(before);
    expect(logLines(env).map((l) => l[12])).toEqual(['FAILED']);

    const bare = newEnv();
    expect(() => importFile(bare, 'detail-spapi-us.tsv')).toThrow(/Sheet "Import Log" is missing: run .*Set up workbook/);
  });

  it('a dry run returns the scope and counts and writes nothing, not even the Import Log', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    const before = snapshot(env);
    const dry = importFile(env, 'shipments.tsv', detailFile([['01/03/2025', 'SKU-A', 'Shipments', 'R1', -5]]), { dryRun: true });
    expect(snapshot(env)).toBe(before);
    expect(dry.dryRun).toBe(true);
    expect(dry.scopes).toEqual([{ location: 'FBA-US', dataStart: '2025-01-03', dataEnd: '2025-01-03', eventTypes: ['Shipments'], skus: null }]);
    const real = importFile(env, 'shipments.tsv', detailFile([['01/03/2025', 'SKU-A', 'Shipments', 'R1', -5]]));
    expect({ ...real, dryRun: true }).toEqual({ ...dry, closedMonthChanges: real.closedMonthChanges });
    expect(real.rowsReplaced).toBe(2);
    // A dry run of a bad file fails the same way and logs nothing.
    const now = snapshot(env);
    expect(() => importFile(env, 'bad-date.tsv', fixture('bad-date.tsv'), { dryRun: true })).toThrow(/line 6/);
    expect(snapshot(env)).toBe(now);
  });
});

describe('removeImport and getImportLog', () => {
  it('removes the rows an import wrote, in every sheet, and keeps the record', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    importFile(env, 'detail-pan-eu-de.tsv');
    importFile(env, 'summary-us.tsv');
    env.seed('FBA Ledger', [['2025-01-02', 'TRANSFER', 'SKU-A', 'L1', 100, '', 'FBA-US', '', '', 'FBA15ABCDEF', 'manual', '']], 'A14');
    const eu = dataRows(env, 'FBA Ledger').filter((r) => r[10] === 'file:detail-pan-eu-de.tsv');
    const r = callFromClient(env, 'removeImport', ['file:detail-spapi-us.tsv']) as RemoveImportResult;
    expect(r).toMatchObject({ source: 'file:detail-spapi-us.tsv', rowsRemoved: 11 });
    expect(r.message).toMatch(/Removed 11 rows .*FBA Ledger 9, Amazon Receipts 2/);
    const ledger = dataRows(env, 'FBA Ledger');
    expect(ledger.filter((x) => x[10] === 'file:detail-spapi-us.tsv')).toEqual([]);
    expect(ledger.filter((x) => x[10] === 'file:detail-pan-eu-de.tsv')).toEqual(eu);
    expect(ledger.filter((x) => x[1] === 'TRANSFER')).toHaveLength(1);
    expect(dataRows(env, 'Amazon Receipts')).toEqual([]);
    expect(dataRows(env, 'Amazon Summary').length).toBeGreaterThan(0);
    const log = callFromClient(env, 'getImportLog', [2]) as ImportLogEntry[];
    expect(log.map((e) => [e.source, e.status])).toEqual([
      ['file:detail-spapi-us.tsv', 'REMOVED'], ['file:summary-us.tsv', 'OK'],
    ]);
    expect(log[0]).toMatchObject({ rowsReplaced: 11, dataStart: '2025-01-02', dataEnd: '2025-01-21', reportType: 'GET_LEDGER_DETAIL_VIEW_DATA' });
    // Importing the file again after its removal writes it again.
    expect(importFile(env, 'detail-spapi-us.tsv').rowsWritten).toBe(11);
  });

  it('refuses what is not an import, and an unknown import', () => {
    const env = ready();
    expect(() => callFromClient(env, 'removeImport', ['manual'])).toThrow(/not the Source of an import/);
    expect(() => callFromClient(env, 'removeImport', ['file:nothing.tsv'])).toThrow(/No import has Source "file:nothing\.tsv"/);
    expect(logLines(env)).toEqual([]);
  });

  it('lists the latest entries newest first as plain values', () => {
    const env = ready();
    importFile(env, 'detail-spapi-us.tsv');
    importFile(env, 'myi.tsv');
    const log = callFromClient(env, 'getImportLog', [10]) as ImportLogEntry[];
    expect(log.map((e) => e.source)).toEqual(['file:myi.tsv', 'file:detail-spapi-us.tsv']);
    expect(log[1]).toMatchObject({ dataStart: '2025-01-02', dataEnd: '2025-01-21', rowsWritten: 11, status: 'OK' });
    expect(typeof log[0].time).toBe('string');
  });
});

describe('sheet calls grow with row blocks, not rows', () => {
  /** A detail file of `n` shipments, each its own compacted row (distinct day × SKU). */
  function bigFile(n: number, quantity = -1): string {
    const q = (s: string | number) => `"${s}"`;
    const lines = [HEADER.map(q).join('\t')];
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 60)));
      const date = `${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}/${day.getUTCFullYear()}`;
      lines.push([date, 'X00FN', 'B00AS', `SKU-${i % 60}`, 'T', 'Shipments', `O-${i}`, quantity, 'PHX7', 'SELLABLE', '', 'US', '', '', ''].map(q).join('\t'));
    }
    return Buffer.from(lines.join('\n') + '\n').toString('base64');
  }

  /** Grids already large enough for the rows appended before the replaced ones are deleted. */
  function grown(): FakeEnv {
    const env = ready();
    for (const name of ['FBA Ledger', 'Amazon Receipts']) {
      const s = env.spreadsheet.sheetByName(name)!;
      env.spreadsheet.insertRows(s, s.maxRows + 1, 45_000, s.maxRows);
    }
    return env;
  }

  /** Calls of the Spreadsheet service (Utilities.formatDate grows with distinct days, not rows). */
  function counted(env: FakeEnv, fn: () => void): Record<string, number> {
    env.resetCounters();
    fn();
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(env.counts())) if (/^(SpreadsheetApp|Spreadsheet|Sheet|Range|NamedRange)\./.test(k)) out[k] = v;
    return out;
  }

  it('the same calls for 1,000 and 20,000 rows, first import and full replacement', () => {
    const small = grown();
    const large = grown();
    const firstSmall = counted(small, () => importFile(small, 'big.tsv', bigFile(1_000)));
    const firstLarge = counted(large, () => importFile(large, 'big.tsv', bigFile(20_000)));
    expect(dataRows(large, 'FBA Ledger')).toHaveLength(20_000);
    expect(firstLarge).toEqual(firstSmall);
    const againSmall = counted(small, () => importFile(small, 'big.tsv', bigFile(1_000, -2)));
    const againLarge = counted(large, () => importFile(large, 'big.tsv', bigFile(20_000, -2)));
    expect(dataRows(large, 'FBA Ledger').every((r) => r[4] === -2)).toBe(true);
    expect(againLarge).toEqual(againSmall);
  }, 120_000);

  it('one delete call per block of replaced rows', () => {
    const calls = (blocks: number) => {
      const env = ready();
      importFile(env, 'big.tsv', bigFile(600));
      // Typed rows between the imported ones split them into blocks.
      const sheet = env.spreadsheet.sheetByName('FBA Ledger')!;
      for (let b = 1; b < blocks; b++) env.spreadsheet.insertRows(sheet, 2 + b * Math.floor(600 / blocks), 1, null);
      const stamp = Array.from({ length: blocks - 1 }, (_, b) => 2 + (b + 1) * Math.floor(600 / blocks));
      for (const row of stamp) env.seed('FBA Ledger', [['2024-01-01', 'TRANSFER', 'X', 'L', 1, '', 'FBA-US', '', '', '', 'manual', '']], `A${row}`);
      env.resetCounters();
      const r = importFile(env, 'big.tsv', bigFile(600, -3));
      expect(r.rowsReplaced).toBe(600);
      return env.count('Sheet.deleteRows');
    };
    expect(calls(1)).toBe(1);
    expect(calls(4)).toBe(4);
    expect(calls(10)).toBe(10);
  }, 60_000);
});
