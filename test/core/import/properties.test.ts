import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromYmd, type Day } from '../../../src/core/days';
import { destinationOf, mapDetail } from '../../../src/core/import/detail';
import { planImport, type ImportOptions, type ImportSheets } from '../../../src/core/import/importPlan';
import { applySheetPlan } from '../../../src/core/import/plan';
import { unguardText } from '../../../src/core/import/guard';
import type { DetailRecord } from '../../../src/core/reports/parse';
import { LOCATIONS, report, userRow } from './helpers';

type Sheets = { ledger: unknown[][]; receipts: unknown[][]; summary: unknown[][]; inventory: unknown[][] };

const day = (d: number): Day => dayFromYmd(2025, 3, d);

const arbRecord = (days: [number, number], countries: string[]) =>
  fc.record({
    d: fc.integer({ min: days[0], max: days[1] }),
    eventType: fc.constantFrom('Shipments', 'Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts', 'WhseTransfers', 'Liquidations'),
    msku: fc.constantFrom('A', 'B', 'C', '-D'),
    country: fc.constantFrom(...countries),
    disposition: fc.constantFrom('SELLABLE', 'DEFECTIVE'),
    reason: fc.constantFrom('', 'M', 'F', 'E'),
    referenceId: fc.constantFrom('', 'r1', 'r2'),
    quantity: fc.integer({ min: -3, max: 3 }),
    fulfillmentCenter: fc.constantFrom('PHX7', 'ONT8'),
  }).map((r): DetailRecord => ({
    line: 0, day: day(r.d), msku: r.msku, fnsku: 'F', eventType: r.eventType, referenceId: r.referenceId, quantity: r.quantity,
    fulfillmentCenter: r.fulfillmentCenter, disposition: r.disposition, reason: r.reason, country: r.country, store: '',
  }));

const arbRecords = (days: [number, number] = [1, 8], countries = ['US', 'CA', 'DE', 'FR', 'SE']) =>
  fc.array(arbRecord(days, countries), { minLength: 0, maxLength: 40 }).map((rs) => rs.map((r, i) => ({ ...r, line: i + 2 })));

const arbUserRows = fc.array(
  fc.record({
    d: fc.integer({ min: 1, max: 10 }),
    event: fc.constantFrom('TRANSFER', 'OPENING', 'SHIPMENT', 'ADJUSTMENT', 'RECONCILIATION'),
    sku: fc.constantFrom('A', 'B'),
    qty: fc.integer({ min: -5, max: 5 }),
    source: fc.constantFrom('manual', '', 'opening:2025-02', 'reconciliation:2025-03'),
  }).map((u) => userRow(day(u.d), u.event, u.sku, u.qty, 'FBA-US', 'L1', u.source)),
  { maxLength: 6 },
);

const base: ImportOptions = { source: 'file:x.tsv', locations: LOCATIONS };

function applyAll(sheets: ImportSheets, plan: ReturnType<typeof planImport>): Sheets {
  return {
    ledger: applySheetPlan(sheets.ledger ?? [], plan.ledger),
    receipts: applySheetPlan(sheets.receipts ?? [], plan.receipts),
    summary: applySheetPlan(sheets.summary ?? [], plan.summary),
    inventory: applySheetPlan(sheets.inventory ?? [], plan.inventory),
  };
}

const sortRows = (rows: readonly (readonly unknown[])[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

describe('properties', () => {
  it('idempotence: plan → apply → plan → apply leaves the sheets identical, the second plan empty', () => {
    fc.assert(
      fc.property(arbRecords(), arbRecords(), arbUserRows, fc.boolean(), (earlier, records, users, fetch) => {
        // A sheet with user rows and an earlier, different import.
        let sheets: Sheets = applyAll({ ledger: users }, planImport(report(earlier), { ledger: users }, { ...base, source: 'file:old.tsv' }));
        const opts: ImportOptions = fetch
          ? { ...base, source: 'report:1', requested: { firstDay: day(2), lastDay: day(7), eventTypes: ['Shipments'], locations: ['FBA-US'] } }
          : base;
        const first = planImport(report(records), sheets, opts);
        sheets = applyAll(sheets, first);
        const second = planImport(report(records), sheets, fetch ? { ...opts, source: 'report:2' } : opts);
        expect(second.ledger.deleteBlocks).toEqual([]);
        expect(second.ledger.append).toEqual([]);
        expect(second.receipts.deleteBlocks).toEqual([]);
        expect(second.receipts.append).toEqual([]);
        expect(applyAll(sheets, second)).toEqual(sheets);
        // User rows are never touched.
        for (const u of users) expect(sheets.ledger).toContainEqual(u);
      }),
      { numRuns: 300 },
    );
  });

  it('compaction preserves the totals per day × location × event × MSKU', () => {
    fc.assert(
      fc.property(arbRecords(), (records) => {
        const m = mapDetail(records, base);
        const want = new Map<string, number>();
        const wantReceipts = new Map<string, number>();
        for (const r of records) {
          const dest = destinationOf(r.eventType);
          const loc = LOCATIONS.get(r.country) ?? `FBA-${r.country}`;
          if (dest === 'skip') continue;
          if (dest === 'receipts') {
            const k = `${r.day}|${loc}|${r.msku}`;
            wantReceipts.set(k, (wantReceipts.get(k) ?? 0) + r.quantity);
            continue;
          }
          const k = `${r.day}|${loc}|${dest.ledger}|${r.msku}`;
          want.set(k, (want.get(k) ?? 0) + r.quantity);
        }
        const got = new Map<string, number>();
        for (const row of m.ledgerRows) {
          const k = `${row.day}|${row.location}|${row.event}|${row.sku}`;
          got.set(k, (got.get(k) ?? 0) + row.quantity);
        }
        const gotReceipts = new Map<string, number>();
        for (const row of m.receiptSheetRows) {
          const k = `${row.values[0]}|${row.values[1]}|${unguardText(row.values[3] as string)}`;
          gotReceipts.set(k, (gotReceipts.get(k) ?? 0) + (row.values[4] as number));
        }
        const nonZero = (mp: Map<string, number>) => [...mp].filter(([, v]) => v !== 0).sort();
        expect(nonZero(got)).toEqual(nonZero(want));
        expect(nonZero(gotReceipts)).toEqual(nonZero(wantReceipts));
        // One row per compaction group.
        expect(new Set(m.ledgerRows.map((r) => r.key)).size).toBe(m.ledgerRows.length);
      }),
      { numRuns: 300 },
    );
  });

  it('imports over disjoint scopes commute (same rows, whatever the order)', () => {
    fc.assert(
      fc.property(arbRecords([1, 4]), arbRecords([5, 8]), arbRecords([1, 8], ['US']), arbRecords([1, 8], ['CA']), arbUserRows, fc.boolean(), (a, b, us, ca, users, byDays) => {
        const [x, y] = byDays ? [a, b] : [us, ca];
        const start: ImportSheets = { ledger: users };
        const xFirst = applyAll(applyAll(start, planImport(report(x), start, { ...base, source: 'file:x' })), planImport(report(y), applyAll(start, planImport(report(x), start, { ...base, source: 'file:x' })), { ...base, source: 'file:y' }));
        const s1 = applyAll(start, planImport(report(y), start, { ...base, source: 'file:y' }));
        const yFirst = applyAll(s1, planImport(report(x), s1, { ...base, source: 'file:x' }));
        expect(sortRows(xFirst.ledger)).toEqual(sortRows(yFirst.ledger));
        expect(sortRows(xFirst.receipts)).toEqual(sortRows(yFirst.receipts));
      }),
      { numRuns: 200 },
    );
  });

  it('a re-import never removes a row a person edited, and writes no duplicate of it', () => {
    fc.assert(
      fc.property(arbRecords(), fc.array(fc.nat(), { maxLength: 4 }), (records, picks) => {
        const sheets = applyAll({}, planImport(report(records), {}, base));
        const ledger = sheets.ledger.map((r) => [...r]);
        const edited = new Set<number>();
        for (const p of picks) {
          if (ledger.length === 0) break;
          const i = p % ledger.length;
          ledger[i][4] = (ledger[i][4] as number) + 100;
          edited.add(i);
        }
        const plan = planImport(report(records), { ...sheets, ledger }, base);
        expect(plan.ledger.edited).toEqual([...edited].sort((p, q) => p - q).map((i) => i + 2));
        expect(plan.ledger.deleteBlocks).toEqual([]);
        expect(plan.ledger.append).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
