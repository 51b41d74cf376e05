import { describe, expect, it } from 'vitest';
import { dayFromYmd, utcDays } from '../../../src/core/days';
import { IMPORT_LOG_HEADERS } from '../../../src/core/import/headers';
import { importLogValues, importResult, planImport, warningsCell, type ImportSheets } from '../../../src/core/import/importPlan';
import { dayReader, LEDGER_KIND } from '../../../src/core/import/keys';
import { applySheetPlan, planSheet, toBlocks } from '../../../src/core/import/plan';
import { makeSheetRow } from '../../../src/core/import/rows';
import { parseReport, type ParsedReport } from '../../../src/core/reports/parse';
import { fixture, gunzip } from '../reports/helpers';
import { jan, LOCATIONS, rec, report, userRow } from './helpers';

type Sheets = { ledger: unknown[][]; receipts: unknown[][]; summary: unknown[][]; inventory: unknown[][] };

const file = (name: string): ParsedReport => parseReport(fixture(name), gunzip);
const opts = (source: string) => ({ source, locations: LOCATIONS });

/** Applies a plan to every sheet. */
function apply(sheets: ImportSheets, plan: ReturnType<typeof planImport>): Sheets {
  return {
    ledger: applySheetPlan(sheets.ledger ?? [], plan.ledger),
    receipts: applySheetPlan(sheets.receipts ?? [], plan.receipts),
    summary: applySheetPlan(sheets.summary ?? [], plan.summary),
    inventory: applySheetPlan(sheets.inventory ?? [], plan.inventory),
  };
}

describe('a first import', () => {
  it('appends the compacted rows and counts them', () => {
    const plan = planImport(file('detail-spapi-us.tsv'), {}, opts('file:detail-spapi-us.tsv'));
    expect(plan.status).toBe('OK');
    expect(plan.ledger.append).toHaveLength(9);
    expect(plan.receipts.append).toHaveLength(2);
    expect(plan.counts).toEqual({ rowsRead: 15, rowsWritten: 11, rowsReplaced: 0, rowsSkipped: 2, rowsUnchanged: 0 });
    expect(plan.skipped).toMatchObject({ whseTransfers: 2 });
    expect(plan.scope).toMatchObject({
      locations: ['FBA-US'], firstDay: jan(2), lastDay: jan(21),
      eventTypes: ['Shipments', 'CustomerReturns', 'Receipts', 'WhseTransfers', 'Adjustments', 'VendorReturns'],
      ledgerEvents: ['SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT'], receipts: true, skus: null,
    });
    expect(plan.ledgerRows).toHaveLength(9);
  });

  it('every variant of the same data plans the same rows', () => {
    const keys = (name: string) => planImport(file(name), {}, opts('file:x')).ledger.append.map((r) => r[11]);
    const base = keys('detail-spapi-us.tsv');
    for (const name of ['detail-seller-central.csv', 'detail-compact-names.tsv', 'detail-store-reordered.tsv', 'detail-cp1252.tsv', 'detail-iso.tsv', 'detail-spapi-us.tsv.gz']) {
      expect(keys(name), name).toEqual(base);
    }
  });
});

describe('importing the same data again', () => {
  it('changes nothing: no deletion, no append, same sheet', () => {
    const first = planImport(file('detail-spapi-us.tsv'), {}, opts('file:a.tsv'));
    const after = apply({ ledger: [userRow(jan(1), 'TRANSFER', 'SKU-A', 100)] }, first);
    after.ledger.push(userRow(jan(25), 'TRANSFER', 'SKU-B', 10));
    const second = planImport(file('detail-seller-central.csv'), after, opts('file:b.csv'));
    expect(second.ledger.deleteBlocks).toEqual([]);
    expect(second.ledger.append).toEqual([]);
    expect(second.receipts.append).toEqual([]);
    expect(second.counts).toMatchObject({ rowsWritten: 0, rowsReplaced: 0, rowsUnchanged: 11 });
    expect(apply(after, second)).toEqual(after);
  });
});

describe('replace scope', () => {
  const base = planImport(file('detail-spapi-us.tsv'), {}, opts('file:a.tsv'));
  const imported = apply({}, base);

  it('replaces only import rows of the covered location, days and event types', () => {
    const ledger = [
      ...imported.ledger,
      userRow(jan(3), 'SHIPMENT', 'SKU-A', -1),                                 // a user row
      userRow(jan(3), 'SHIPMENT', 'SKU-A', -1, 'FBA-US', 'L1', 'File:x'),       // an import Source (prefix in any case) without a Key
      userRow(jan(3), 'OPENING', 'SKU-A', 5, 'FBA-US', 'UNSPECIFIED', 'file:old.tsv'),
      userRow(jan(31), 'RECONCILIATION', 'SKU-A', -1, 'FBA-US', 'UNSPECIFIED', 'reconciliation:2025-01'),
      userRow(jan(3), 'TRANSFER', 'SKU-A', 5, 'FBA-US', 'A', 'report:9'),
      makeSheetRow(LEDGER_KIND, [jan(3), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -9, '', 'FBA-CA', 'SELLABLE', '', ''], 'report:1', 2).values,
      makeSheetRow(LEDGER_KIND, [jan(22), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -9, '', 'FBA-US', 'SELLABLE', '', ''], 'report:1', 2).values,
      makeSheetRow(LEDGER_KIND, [jan(4), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -9, '', '', 'SELLABLE', '', ''], 'report:1', 2).values,
    ];
    const plan = planImport(file('detail-spapi-us.tsv'), { ledger }, opts('file:a.tsv'));
    // Only the last row (FBA-US by its blank Location, Jan 4, SHIPMENT, report:) is stale and in scope.
    // The `File:x` row is a user-looking row but its Key is blank: in scope, kept as edited.
    const n = imported.ledger.length;
    expect(plan.ledger.deleteBlocks).toEqual([{ start: 2 + n + 7, count: 1 }]);
    expect(plan.ledger.edited).toEqual([2 + n + 1]);
    expect(plan.ledger.append).toEqual([]);
    expect(plan.warnings.some((w) => w.startsWith(`FBA Ledger: row ${2 + n + 1} were changed by hand`))).toBe(true);
  });

  it('keeps rows a person edited, reports them, and does not write their rows again', () => {
    const ledger = imported.ledger.map((r) => [...r]);
    ledger[0][4] = -2; // the Jan 3 SKU-A shipment said -3
    ledger[1][3] = 'LOT-42'; // the person named the lot Amazon shipped
    const plan = planImport(file('detail-spapi-us.tsv'), { ledger }, opts('file:a.tsv'));
    expect(plan.ledger.edited).toEqual([2, 3]);
    expect(plan.ledger.append).toEqual([]);
    expect(plan.ledger.deleteBlocks).toEqual([]);
    expect(plan.skipped.supersededByEdits).toBe(2);
    expect(plan.counts.rowsSkipped).toBe(2 + 2);
  });

  it('replaces rows whose data changed, deleting bottom-up in contiguous blocks', () => {
    const ledger = imported.ledger.map((r) => [...r]);
    const changed = report(
      (file('detail-spapi-us.tsv') as ReturnType<typeof report>).records.map((r) => (r.day === jan(3) || r.day === jan(7) ? { ...r, quantity: r.quantity * 2 } : r)),
    );
    const plan = planImport(changed, { ...imported, ledger }, opts('file:a.tsv'));
    // Rows 2,3 (Jan 3) and 5,6 (Jan 7) change.
    expect(plan.ledger.deleteBlocks).toEqual([{ start: 5, count: 2 }, { start: 2, count: 2 }]);
    expect(plan.ledger.append.map((r) => r[4])).toEqual([-6, -2, -2, 2]);
    expect(plan.counts).toMatchObject({ rowsReplaced: 4, rowsWritten: 4, rowsUnchanged: 5 + 2 });
  });

  it('a file covers min..max of its dates and only the event types present', () => {
    const shipmentsOnly = report([rec({ day: jan(3), eventType: 'Shipments', quantity: -1 })]);
    const plan = planImport(shipmentsOnly, imported, opts('file:s.tsv'));
    expect(plan.scope).toMatchObject({ firstDay: jan(3), lastDay: jan(3), ledgerEvents: ['SHIPMENT'], receipts: false });
    // Jan 3 has two import SHIPMENT rows (SKU-A -3, SKU-B -1): both replaced by the one new row.
    expect(plan.ledger.replaced).toBe(2);
    expect(plan.ledger.written).toBe(1);
    expect(plan.receipts.replaced).toBe(0);
  });

  it('a fetch covers its requested days, event type and locations, even where it has no rows', () => {
    const fetched = report([
      rec({ day: jan(19), eventType: 'Shipments', quantity: -7 }), // padding day: dropped
      rec({ day: jan(20), eventType: 'Shipments', quantity: -1 }),
    ]);
    const plan = planImport(fetched, imported, {
      ...opts('report:77'),
      requested: { firstDay: jan(20), lastDay: jan(21), eventTypes: ['Shipments'], locations: ['FBA-US'] },
    });
    expect(plan.scope).toMatchObject({ firstDay: jan(20), lastDay: jan(21), eventTypes: ['Shipments'] });
    // Jan 20 SKU-A -2 becomes -1; Jan 21 SKU-C -1 is gone (no row that day any more).
    expect(plan.ledger.replaced).toBe(2);
    expect(plan.ledger.append.map((r) => [r[0], r[4], r[10]])).toEqual([[jan(20), -1, 'report:77']]);
    expect(plan.skipped.outsideDays).toBe(1);
  });

  it('a report filtered to SKUs replaces only those SKUs', () => {
    const fetched = report([rec({ day: jan(3), eventType: 'Shipments', quantity: -5, msku: 'SKU-B' })]);
    const plan = planImport(fetched, imported, { ...opts('report:78'), requested: { firstDay: jan(3), lastDay: jan(3), eventTypes: ['Shipments'] }, skus: ['sku-b'] });
    expect(plan.ledger.replaced).toBe(1);
    expect(plan.ledger.append.map((r) => [r[2], r[4]])).toEqual([['SKU-B', -5]]);
  });

  it('replaces Amazon Receipts over days × location when the import covers Receipts', () => {
    const receipts = imported.receipts;
    const fetched = report([rec({ day: jan(2), eventType: 'Receipts', quantity: 99, referenceId: 'FBA15ABCDEF' })]);
    const plan = planImport(fetched, { receipts }, opts('file:r.tsv'));
    expect(plan.receipts.replaced).toBe(2);
    expect(plan.receipts.append.map((r) => r.slice(0, 5))).toEqual([[jan(2), 'FBA-US', 'FBA15ABCDEF', 'SKU-A', 99]]);
    expect(plan.ledger.replaced).toBe(0);
  });
});

describe('start mid-stream', () => {
  it('rows on or before a location’s opening day are not imported, and old rows there are never replaced', () => {
    const old = makeSheetRow(LEDGER_KIND, [jan(3), 'SHIPMENT', 'SKU-A', 'UNSPECIFIED', -9, '', 'FBA-US', 'SELLABLE', '', ''], 'file:old', 2).values;
    const plan = planImport(file('detail-spapi-us.tsv'), { ledger: [old] }, { ...opts('file:a.tsv'), openingDays: new Map([['FBA-US', jan(5)]]) });
    expect(plan.scope.firstDay).toBe(jan(7));
    expect(plan.ledger.replaced).toBe(0);
    expect(plan.ledger.append.every((r) => (r[0] as number) > jan(5))).toBe(true);
    expect(plan.skipped.beforeOpening).toBe(6);
    expect(plan.receipts.append).toEqual([]);
    expect(plan.warnings[0]).toBe('6 rows dated on or before the opening day of FBA-US (2025-01-05) were not imported: the opening stands for them');
    const fetched = planImport(file('detail-spapi-us.tsv'), { ledger: [old] }, {
      ...opts('report:3'), openingDays: new Map([['FBA-US', jan(5)]]),
      requested: { firstDay: jan(1), lastDay: jan(31), eventTypes: ['Shipments'], locations: ['FBA-US'] },
    });
    expect(fetched.ledger.replaced).toBe(0);
  });
});

describe('no data', () => {
  it('a report without rows deletes nothing and says NO_DATA', () => {
    const base = apply({}, planImport(file('detail-spapi-us.tsv'), {}, opts('file:a.tsv')));
    const plan = planImport(file('header-only.tsv'), base, opts('report:5'));
    expect(plan.status).toBe('NO_DATA');
    expect(plan.counts).toEqual({ rowsRead: 0, rowsWritten: 0, rowsReplaced: 0, rowsSkipped: 0, rowsUnchanged: 0 });
    expect(plan.log.status).toBe('NO_DATA');
  });

  it('so does a fetch whose rows all fall on the padding days', () => {
    const base = apply({}, planImport(file('detail-spapi-us.tsv'), {}, opts('file:a.tsv')));
    const plan = planImport(report([rec({ day: jan(1), eventType: 'Shipments', quantity: -1 })]), base, {
      ...opts('report:6'), requested: { firstDay: jan(2), lastDay: jan(3), eventTypes: ['Shipments'] },
    });
    expect(plan.status).toBe('NO_DATA');
    expect(plan.ledger.replaced).toBe(0);
  });
});

describe('summary and inventory imports', () => {
  it('replace Amazon Summary rows over month × location', () => {
    const first = apply({}, planImport(file('summary-us.tsv'), {}, opts('file:s.tsv')));
    const other = ['2024-12', 'FBA-US', 'SKU-A', 'X', 'SELLABLE', ...new Array(14).fill(0), 'file:dec.tsv', 'k1:0000000000000000'];
    const summary = [other, ...first.summary.slice(1)]; // FBA-CA's row replaced by a December row
    const plan = planImport(file('summary-month-only.tsv'), { summary }, opts('file:s2.tsv'));
    expect(plan.scope).toMatchObject({ months: ['2025-01'], locations: ['FBA-CA', 'FBA-US'], firstDay: dayFromYmd(2025, 1, 1), lastDay: dayFromYmd(2025, 1, 31) });
    expect(plan.summary).toMatchObject({ replaced: 0, unchanged: 4, written: 1 });
    expect(plan.summary.append[0][1]).toBe('FBA-CA');
  });

  it('replace Amazon Inventory rows over snapshot day × location', () => {
    const o = { ...opts('file:myi.tsv'), snapshotDay: dayFromYmd(2025, 2, 1), defaultLocation: 'FBA-US' };
    const first = apply({}, planImport(file('myi.tsv'), {}, o));
    expect(first.inventory).toHaveLength(3);
    const again = planImport(file('myi.tsv'), first, o);
    expect(again.inventory).toMatchObject({ replaced: 0, written: 0, unchanged: 3 });
    const nextDay = planImport(file('myi.tsv'), first, { ...o, snapshotDay: dayFromYmd(2025, 2, 2) });
    expect(nextDay.inventory).toMatchObject({ replaced: 0, written: 3 });
    const otherLocation = planImport(file('myi.tsv'), first, { ...o, defaultLocation: 'FBA-CA' });
    expect(otherLocation.inventory).toMatchObject({ replaced: 0, written: 3 });
    expect(otherLocation.scope.locations).toEqual(['FBA-CA']);
  });
});

describe('warnings, new locations, the log', () => {
  it('warn about Amazon SKUs the ledger never saw (case aside) and list countries to add to Locations', () => {
    const recs = [
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1, msku: 'SKU-A' }),
      rec({ day: jan(3), eventType: 'Shipments', quantity: -1, msku: 'SKU-NEW', country: 'SE' }),
    ];
    const plan = planImport(report(recs, ['parse warning']), {}, { ...opts('file:a'), knownSkus: new Set(['sku-a']) });
    expect(plan.newLocations).toEqual([['SE', 'FBA-SE']]);
    expect(plan.warnings).toEqual([
      'parse warning',
      'country SE is not in Locations: its rows were imported as FBA-SE; add it to Locations (done for you)',
      'Amazon SKU SKU-NEW is on no ledger row and in no Kits row: if a listing sells a tracked product (a pack, a renamed SKU), add its Kits row',
    ]);
  });

  it('build the Import Log row and the importReportFile result', () => {
    const plan = planImport(file('detail-spapi-us.tsv'), {}, opts('file:detail-spapi-us.tsv'));
    const t = new Date(Date.UTC(2025, 1, 1, 9));
    const row = importLogValues(plan.log, t);
    expect(row).toHaveLength(IMPORT_LOG_HEADERS.length);
    expect(row).toEqual([
      t, 'file:detail-spapi-us.tsv', 'GET_LEDGER_DETAIL_VIEW_DATA', 'FBA-US', jan(2), jan(21),
      'Shipments, CustomerReturns, Receipts, WhseTransfers, Adjustments, VendorReturns', 15, 11, 0, 2, '', 'OK',
    ]);
    expect(importResult(plan)).toEqual({
      reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', location: 'FBA-US', dataStart: '2025-01-02', dataEnd: '2025-01-21',
      eventTypes: ['Shipments', 'CustomerReturns', 'Receipts', 'WhseTransfers', 'Adjustments', 'VendorReturns'],
      rowsRead: 15, rowsWritten: 11, rowsReplaced: 0, rowsSkipped: 2, warnings: [], status: 'OK',
    });
    const many = Array.from({ length: 400 }, (_, i) => `warning number ${i} with some words`);
    const cell = warningsCell(many);
    expect(cell.length).toBeLessThan(5100);
    expect(cell).toMatch(/… and \d+ more$/);
  });

  it('merge several downloads in one import', () => {
    const plan = planImport([file('detail-pan-eu-de.tsv'), file('detail-pan-eu-fr.tsv')], {}, opts('report:de+fr'));
    expect(plan.counts).toMatchObject({ rowsRead: 10, rowsSkipped: 4 });
    expect(plan.skipped.duplicates).toBe(4);
  });
});

describe('planSheet details', () => {
  it('blocks are contiguous and highest first', () => {
    expect(toBlocks([2, 3, 4, 7, 9, 10])).toEqual([{ start: 9, count: 2 }, { start: 7, count: 1 }, { start: 2, count: 3 }]);
  });

  it('reads existing Date cells with the zone reader and honours firstRow', () => {
    const row = makeSheetRow(LEDGER_KIND, [jan(3), 'SHIPMENT', 'A', 'UNSPECIFIED', -1, '', 'FBA-US', '', '', ''], 'file:a', 2);
    const asSheet = [[new Date(Date.UTC(2025, 0, 3)), ...row.values.slice(1)]];
    const plan = planSheet({ kind: LEDGER_KIND, existing: asSheet, firstRow: 5, newRows: [], inScope: () => true, readDay: dayReader(utcDays) });
    expect(plan.deleteBlocks).toEqual([{ start: 5, count: 1 }]);
    const keep = planSheet({ kind: LEDGER_KIND, existing: asSheet, newRows: [row], inScope: () => true, readDay: dayReader(utcDays) });
    expect(keep).toMatchObject({ unchanged: 1, replaced: 0, written: 0 });
  });
});
