/**
 * Hardening: a corpus of bad inputs through the built bundle (spec §2, §3, §5, §6 "Parsing",
 * §6 "Safety of imports", §11 "every failure … ends in a clear message … and unchanged sheets").
 * Each bad input gets a clear message; every sheet is compared cell by cell before and after, and
 * the only change an import failure may make is one FAILED line at the end of the Import Log.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callCustomFunction, callFromClient, type FakeEnv } from '../fakes/index';
import { dataRows, newEnv, snapshot } from './helpers';
import type { ImportResult, InventoryResult } from '../../src/shared/wire';

const DETAIL_HEADER = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];
const LEDGER_HEADER = ['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key'];

const q = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;

function detailText(rows: Array<[string, string, string, string, number | string]>, header = DETAIL_HEADER): string {
  const lines = [header.map(q).join('\t')];
  for (const [date, msku, event, ref, qty] of rows) {
    lines.push([date, 'X00FN', 'B00AS', msku, 'A title', event, ref, qty, 'PHX7', 'SELLABLE', '', 'US', '', '', ''].map(q).join('\t'));
  }
  return lines.join('\n') + '\n';
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** 2025-03-20 10:00 in Los Angeles. */
function ready(): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(Date.UTC(2025, 2, 20, 17, 0, 0));
  callFromClient(env, 'setupWorkbook');
  // Data in every sheet the imports write, so "nothing changed" is a real check.
  callFromClient(env, 'recordTransfer', [{ date: '2025-01-01', sku: 'SKU-A', lot: 'L1', quantity: 100 }]);
  importFile(env, 'detail-spapi-us.tsv', readFileSync('test/fixtures/reports/detail-spapi-us.tsv').toString('base64'));
  importFile(env, 'summary-us.tsv', readFileSync('test/fixtures/reports/summary-us.tsv').toString('base64'));
  importFile(env, 'myi.tsv', readFileSync('test/fixtures/reports/myi.tsv').toString('base64'));
  return env;
}

function importFile(env: FakeEnv, name: string, content: string, options: Record<string, unknown> = {}): ImportResult {
  return callFromClient(env, 'importReportFile', [name, content, options]) as ImportResult;
}

interface Snap {
  sheets: Array<{ name: string; rows: unknown[] }>;
}

/**
 * Runs `act`, which must throw `message`, and checks that every sheet (hidden ones included) is
 * unchanged but for `logLines` new lines at the end of the Import Log, each FAILED.
 */
function refusedUnchanged(env: FakeEnv, act: () => unknown, message: RegExp, logLines: 0 | 1 = 1): string {
  const rest = () => {
    const all = JSON.parse(snapshot(env)) as Snap;
    return JSON.stringify({ ...all, sheets: all.sheets.filter((x) => x.name !== 'Import Log') });
  };
  const before = rest();
  const logBefore = env.peek('Import Log');
  let error = '';
  try {
    act();
  } catch (err) {
    error = (err as Error).message;
  }
  expect(error, 'it should have thrown').toMatch(message);
  const logAfter = env.peek('Import Log');
  expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
  const added = logAfter.slice(logBefore.length);
  expect(added).toHaveLength(logLines);
  for (const line of added) {
    expect(line[12]).toBe('FAILED');
    expect(String(line[11])).toMatch(message);
  }
  expect(rest()).toBe(before);
  return error;
}

describe('bad report files: a clear message, and no sheet changed but one FAILED line', () => {
  const RETURNS_HEADER = [
    'return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id',
    'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments',
  ];
  const returnsReport = [RETURNS_HEADER.join('\t'), '2025-03-01T10:00:00+00:00\t111-1\tSKU-A\tB0A\tX00A\tTorch\t1\tPHX7\tSELLABLE\tDEFECTIVE\tUnit returned to inventory\t\t'].join('\n');
  const tooBigRows = (() => {
    // 50 MB of repeated rows, gzipped: the base64 stays small, the decompressed text does not.
    const row = Buffer.from(['01/03/2025', 'X00FN', 'B00AS', 'SKU-A', 'A title', 'Shipments', 'R1', '-1', 'PHX7', 'SELLABLE', '', 'US', '', '', ''].map(q).join('\t') + '\n');
    const big = Buffer.alloc(50 * 1024 * 1024);
    const head = Buffer.from(DETAIL_HEADER.map(q).join('\t') + '\n');
    head.copy(big, 0);
    for (let at = head.length; at < big.length; at += row.length) row.copy(big, at, 0, Math.min(row.length, big.length - at));
    return gzipSync(big, { level: 1 }).toString('base64');
  })();

  it.each([
    ['a returns report (wrong report type)', 'returns.tsv', b64(returnsReport), /returns\.tsv.*line 1: this file is not an Amazon report .*Expected one of: .*GET_LEDGER_DETAIL_VIEW_DATA/],
    ['a truncated gzip', 'cut.tsv.gz', gzipSync(Buffer.from(detailText([['01/03/2025', 'SKU-A', 'Shipments', 'R1', -1]]).repeat(50))).subarray(0, 300).toString('base64'), /cut\.tsv\.gz.*could not be decompressed/],
    ['an empty file', 'empty.tsv', '', /empty\.tsv.*the file is empty/],
    ['an empty gzip', 'empty.tsv.gz', gzipSync(Buffer.alloc(0)).toString('base64'), /empty\.tsv\.gz.*empty/],
    ['a quantity of 1e309', 'huge.tsv', b64(detailText([['01/03/2025', 'SKU-A', 'Shipments', 'R1', '1e309']])), /huge\.tsv.*line 2: unreadable Quantity "1e309"/],
    ['a fractional quantity', 'half.tsv', b64(detailText([['01/03/2025', 'SKU-A', 'Shipments', 'R1', '0.5']])), /half\.tsv.*line 2: unreadable Quantity "0\.5"/],
    ['a 50 MB file', 'big.tsv.gz', tooBigRows, /big\.tsv\.gz.*50(\.0)? MiB, over the 20 MiB/],
  ])('%s', (_label, name, content, message) => {
    const env = ready();
    refusedUnchanged(env, () => importFile(env, name, content), message);
  });

  it('a header-only file is NO_DATA and deletes nothing', () => {
    const env = ready();
    const before = JSON.parse(snapshot(env)) as Snap;
    const r = importFile(env, 'header.tsv', b64(detailText([])));
    expect(r).toMatchObject({ status: 'NO_DATA', rowsWritten: 0, rowsReplaced: 0 });
    const after = JSON.parse(snapshot(env)) as Snap;
    const rest = (s: Snap) => JSON.stringify(s.sheets.filter((x) => x.name !== 'Import Log'));
    expect(rest(after)).toBe(rest(before));
    expect(dataRows(env, 'Import Log').at(-1)![12]).toBe('NO_DATA');
  });

  it('duplicate header names: a column the add-on reads twice is refused and nothing changes', () => {
    const env = ready();
    const header = [...DETAIL_HEADER.slice(0, 7), 'Quantity', ...DETAIL_HEADER.slice(8, 14), 'Quantity'];
    const lines = [header.map(q).join('\t'), ['03/03/2025', 'X00FN', 'B00AS', 'SKU-A', 'A title', 'Shipments', 'R1', '-1', 'PHX7', 'SELLABLE', '', 'US', '', '', '-7'].map(q).join('\t')];
    const before = dataRows(env, 'FBA Ledger');
    expect(() => importFile(env, 'dup.tsv', b64(lines.join('\n')))).toThrow(/the column "Quantity" appears twice in the header/);
    expect(dataRows(env, 'FBA Ledger')).toEqual(before);
    expect(dataRows(env, 'Import Log').at(-1)![12]).toBe('FAILED');
  });

  it('a file with days after tomorrow is refused, naming the line and the day; tomorrow is a zone\'s grace', () => {
    const env = ready();
    // Today is 2025-03-20 in the spreadsheet zone. A marketplace ahead of it may already be on the 21st;
    // nothing can be dated the 22nd: such a file was read in the wrong date order.
    const content = b64(detailText([['03/19/2025', 'SKU-A', 'Shipments', 'R1', -1], ['03/22/2025', 'SKU-A', 'Shipments', 'R2', -2]]));
    refusedUnchanged(env, () => importFile(env, 'future.tsv', content), /future\.tsv.*line 3: Date 2025-03-22 is in the future \(today is 2025-03-20\)/);
    // A dry run says the same and logs nothing.
    refusedUnchanged(env, () => importFile(env, 'future.tsv', content, { dryRun: true }), /line 3: Date 2025-03-22 is in the future/, 0);
    const ok = importFile(env, 'tomorrow.tsv', b64(detailText([['03/20/2025', 'SKU-A', 'Shipments', 'R1', -1], ['03/21/2025', 'SKU-A', 'Shipments', 'R3', -1]])));
    expect(ok).toMatchObject({ status: 'OK', dataEnd: '2025-03-21' });
  });

  it('a summary of a month that has not begun is refused', () => {
    const env = ready();
    const text = readFileSync('test/fixtures/reports/summary-us.tsv', 'utf8');
    const moved = text.replace(/(\d\d)\/(\d\d)\/2025/g, '$1/$2/2026').replace(/2025-(\d\d)/g, '2026-$1');
    expect(moved).not.toBe(text);
    refusedUnchanged(env, () => importFile(env, 'summary-next-year.tsv', b64(moved)), /summary-next-year\.tsv.*line 2: month 2026-\d\d is in the future/);
  });
});

describe('recordTransfer refuses a day in the future', () => {
  it('tomorrow in the spreadsheet zone is refused and nothing is written; today is accepted', () => {
    const env = ready();
    refusedUnchanged(env, () => callFromClient(env, 'recordTransfer', [{ date: '2025-03-21', sku: 'SKU-A', lot: 'L2', quantity: 5 }]), /future|after today|2025-03-21/i, 0);
    callFromClient(env, 'recordTransfer', [{ date: '2025-03-20', sku: 'SKU-A', lot: 'L2', quantity: 5 }]);
    expect(dataRows(env, 'FBA Ledger').filter((r) => r[3] === 'L2')).toHaveLength(1);
  });
});

describe('kits: bad units per kit and cycles give an error, never a number', () => {
  const ledger = [LEDGER_HEADER, ['2026-01-01', 'TRANSFER', 'A', 'L1', 10], ['2026-01-02', 'SHIPMENT', 'B', '', -1]];
  const cases: Array<[string, unknown[][], RegExp]> = [
    ['negative units per kit', [['Amazon SKU', 'Component SKU', 'Units per kit'], ['A-6PK', 'A', -6]], /kits: .*(row 2)/],
    ['zero units per kit', [['A-6PK', 'A', 0]], /kits: .*\(row 1\)/],
    ['fractional units per kit', [['A-6PK', 'A', 1.5]], /kits: .*\(row 1\)/],
    ['text units per kit', [['A-6PK', 'A', 'six']], /kits: .*\(row 1\)/],
    ['a cycle A→B→A', [['A', 'B', 1], ['B', 'A', 1]], /kits: .*(cycle|itself an Amazon SKU).*\(row \d\)/],
    ['a self-cycle A→A', [['A', 'A', 2]], /kits: .*\(row 1\)/],
    ['a duplicate Amazon SKU', [['X', 'A', 2], ['X', 'A', 3]], /kits: .*\(row 2\)/],
  ];
  it.each(cases)('%s: every custom function throws FBA_X: kits: … (row n)', (_label, kits, message) => {
    const env = newEnv();
    const calls: Array<[string, unknown[]]> = [
      ['FBA_ONHAND', [ledger, 'A', kits]],
      ['FBA_LOT_BALANCE', [ledger, 'A', 'L1', kits]],
      ['FBA_LOT_REMAINING', [ledger, 'A', 'L1', kits]],
      ['FBA_LOTS', [ledger, kits]],
      ['FBA_KIT_AVAILABLE', [ledger, kits, 'A']],
    ];
    for (const [name, args] of calls) {
      expect(() => callCustomFunction(env, name, args), name).toThrow(new RegExp(`^${name}: ${message.source}`));
    }
  });

  it.each(cases)('%s: getInventory names the Kits sheet row', (_label, kits) => {
    const env = newEnv();
    callFromClient(env, 'setupWorkbook');
    env.seed('FBA Ledger', ledger.slice(1), 'A2');
    const rows = kits[0][0] === 'Amazon SKU' ? kits.slice(1) : kits;
    env.seed('Kits', rows, 'A2');
    const before = snapshot(env);
    expect(() => callFromClient(env, 'getInventory', [{}])).toThrow(/Kits.*row [23]/);
    expect(snapshot(env)).toBe(before);
  });
});

describe('ledger rows edited by hand into nonsense', () => {
  const cases: Array<[string, unknown[], RegExp]> = [
    ['text in Quantity', ['2026-01-02', 'SHIPMENT', 'A', '', 'ten'], /Quantity/i],
    ['an unknown Event', ['2026-01-02', 'SELL', 'A', '', -1], /Event/i],
    ['a date that is not a date', ['yesterday', 'SHIPMENT', 'A', '', -1], /Date/i],
    ['a fractional quantity', ['2026-01-02', 'SHIPMENT', 'A', '', -1.5], /Quantity/i],
    ['an infinite quantity', ['2026-01-02', 'SHIPMENT', 'A', '', Number.POSITIVE_INFINITY], /Quantity/i],
    ['a quantity typed as 1e309', ['2026-01-02', 'SHIPMENT', 'A', '', '1e309'], /Quantity/i],
    ['a quantity past exact integers', ['2026-01-02', 'SHIPMENT', 'A', '', 1e20], /Quantity/i],
  ];
  const good = ['2026-01-01', 'TRANSFER', 'A', 'L1', 10];

  it.each(cases)('%s: getInventory names the sheet row and changes nothing', (_label, bad, what) => {
    const env = newEnv();
    env.clock.set(Date.UTC(2026, 2, 1, 18));
    callFromClient(env, 'setupWorkbook');
    env.seed('FBA Ledger', [good, good, bad, good], 'A2');
    const before = snapshot(env);
    let message = '';
    try {
      callFromClient(env, 'getInventory', [{}]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/FBA Ledger/);
    expect(message).toMatch(/row 4\b/);
    expect(message).toMatch(what);
    expect(snapshot(env)).toBe(before);
  });

  it.each(cases)('%s: each custom function names the argument row', (_label, bad) => {
    const env = newEnv();
    const ledger = [LEDGER_HEADER, good, bad];
    for (const [name, args] of [
      ['FBA_ONHAND', [ledger, 'A']], ['FBA_LOT_BALANCE', [ledger, 'A', 'L1']], ['FBA_LOT_REMAINING', [ledger, 'A', 'L1']],
      ['FBA_LOTS', [ledger]], ['FBA_KIT_AVAILABLE', [ledger, [['K', 'A', 2]], 'K']],
    ] as Array<[string, unknown[]]>) {
      expect(() => callCustomFunction(env, name, args), name).toThrow(new RegExp(`^${name}: .*\\(row 3\\)$`));
    }
  });
});

describe('a sheet renamed or a column moved', () => {
  it('an import names the sheet and the expected columns, and writes nothing but its FAILED line', () => {
    const env = ready();
    const sheet = env.sheet('Amazon Receipts')!;
    // Swap two headers, as a person dragging a column would.
    env.seed('Amazon Receipts', [['Date', 'Shipment ID', 'Location']], 'A1');
    expect(sheet).toBeTruthy();
    refusedUnchanged(env, () => importFile(env, 'detail.tsv', b64(detailText([['01/03/2025', 'SKU-A', 'Receipts', 'FBA1', 5]]))), /Sheet "Amazon Receipts" column 2 should be "Location" but reads "Shipment ID"/);
  });

  it('a renamed ledger: imports, transfers and getInventory say which sheet is missing and write nothing', () => {
    const env = ready();
    env.sheet('FBA Ledger')!.name = 'My ledger';
    refusedUnchanged(env, () => importFile(env, 'detail.tsv', b64(detailText([['01/03/2025', 'SKU-A', 'Shipments', 'R1', -1]]))), /Sheet "FBA Ledger" is missing/);
    refusedUnchanged(env, () => callFromClient(env, 'recordTransfer', [{ date: '2025-03-01', sku: 'SKU-A', lot: 'L9', quantity: 1 }]), /Sheet "FBA Ledger" is missing|Set up workbook/, 0);
    refusedUnchanged(env, () => callFromClient(env, 'getInventory', [{}]), /FBA Ledger/, 0);
  });

  it('a moved ledger column: getInventory and recordTransfer name the sheet and the expected column, and write nothing', () => {
    const env = ready();
    env.seed('FBA Ledger', [['Date', 'Event', 'SKU', 'Quantity', 'Lot']], 'A1');
    refusedUnchanged(env, () => callFromClient(env, 'getInventory', [{}]), /Sheet "FBA Ledger" column 4 should be "Lot" but reads "Quantity"/, 0);
    refusedUnchanged(env, () => callFromClient(env, 'recordTransfer', [{ date: '2025-03-01', sku: 'SKU-A', lot: 'L9', quantity: 1 }]), /Sheet "FBA Ledger" column 4 should be "Lot" but reads "Quantity"/, 0);
  });
});

describe('getInventory over a healthy ledger still answers (control)', () => {
  it('returns numbers for the same workbook once the nonsense is fixed', () => {
    const env = newEnv();
    env.clock.set(Date.UTC(2026, 2, 1, 18));
    callFromClient(env, 'setupWorkbook');
    env.seed('FBA Ledger', [['2026-01-01', 'TRANSFER', 'A', 'L1', 10], ['2026-01-02', 'SHIPMENT', 'A', '', -3]], 'A2');
    const inv = callFromClient(env, 'getInventory', [{}]) as InventoryResult;
    expect(JSON.stringify(inv)).toContain('"onHand":7');
  });
});
