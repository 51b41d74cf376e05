/**
 * Properties of random import sequences through the pure planner (spec §6 "Safety of imports"):
 * replaying a whole sequence, or its last import, changes nothing; imports over pairwise disjoint
 * scopes give the same sheets in any order.
 *
 * Sheets are compared as multisets of rows (each row as JSON, sorted): sheet row order carries no
 * meaning — appends land at the end, so the order depends on the import order, never the content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromYmd, type Day } from '../../../src/core/days';
import { planImport, type ImportOptions, type ImportSheets } from '../../../src/core/import/importPlan';
import { applySheetPlan } from '../../../src/core/import/plan';
import type { DetailRecord } from '../../../src/core/reports/parse';
import { LOCATIONS, report, userRow } from './helpers';

type Sheets = { ledger: unknown[][]; receipts: unknown[][]; summary: unknown[][]; inventory: unknown[][] };

const day = (d: number): Day => dayFromYmd(2025, 3, d);

interface Step {
  records: DetailRecord[];
  opts: ImportOptions;
}

const arbRecord = (days: [number, number], countries: readonly string[]) =>
  fc.record({
    d: fc.integer({ min: days[0], max: days[1] }),
    eventType: fc.constantFrom('Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts', 'WhseTransfers'),
    msku: fc.constantFrom('A', 'B', '=C'),
    country: fc.constantFrom(...countries),
    disposition: fc.constantFrom('SELLABLE', 'DEFECTIVE'),
    reason: fc.constantFrom('', 'M', 'F'),
    referenceId: fc.constantFrom('', 'r1', 'r2'),
    quantity: fc.integer({ min: -4, max: 4 }),
  }).map((r): DetailRecord => ({
    line: 0, day: day(r.d), msku: r.msku, fnsku: 'F', eventType: r.eventType, referenceId: r.referenceId, quantity: r.quantity,
    fulfillmentCenter: 'PHX7', disposition: r.disposition, reason: r.reason, country: r.country, store: '',
  }));

const arbRecords = (days: [number, number], countries: readonly string[]) =>
  fc.array(arbRecord(days, countries), { minLength: 0, maxLength: 12 }).map((rs) => rs.map((r, i) => ({ ...r, line: i + 2 })));

const arbUsers = fc.array(
  fc.record({ d: fc.integer({ min: 1, max: 12 }), sku: fc.constantFrom('A', 'B'), qty: fc.integer({ min: -5, max: 5 }) })
    .map((u) => userRow(day(u.d), 'TRANSFER', u.sku, u.qty)),
  { maxLength: 4 },
);

function applyAll(sheets: Sheets, plan: ReturnType<typeof planImport>): Sheets {
  return {
    ledger: applySheetPlan(sheets.ledger, plan.ledger),
    receipts: applySheetPlan(sheets.receipts, plan.receipts),
    summary: applySheetPlan(sheets.summary, plan.summary),
    inventory: applySheetPlan(sheets.inventory, plan.inventory),
  };
}

function run(start: Sheets, steps: readonly Step[]): Sheets {
  let s = start;
  for (const step of steps) s = applyAll(s, planImport(report(step.records), s as ImportSheets, step.opts));
  return s;
}

/** The comparison: each sheet as a sorted list of its rows. */
function canonical(s: Sheets): Record<string, string[]> {
  const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  return { ledger: sort(s.ledger), receipts: sort(s.receipts), summary: sort(s.summary), inventory: sort(s.inventory) };
}

const empty = (users: unknown[][]): Sheets => ({ ledger: users, receipts: [], summary: [], inventory: [] });

/** A file import, or a fetched report (its requested window a superset of its rows' days). */
const arbStep = (i: number, days: [number, number], countries: readonly string[]) =>
  fc.tuple(arbRecords(days, countries), fc.boolean()).map(([records, fetched]): Step => ({
    records,
    opts: fetched
      ? {
        source: `report:${100 + i}`, locations: LOCATIONS,
        requested: {
          firstDay: day(days[0]), lastDay: day(days[1]), eventTypes: [...new Set(records.map((r) => r.eventType))],
          locations: [...new Set(countries.map((c) => LOCATIONS.get(c) ?? `FBA-${c}`))],
        },
      }
      : { source: `file:f${i}.tsv`, locations: LOCATIONS },
  }));

describe('random import sequences', () => {
  it('replaying the whole sequence, or only its last import, leaves every sheet as it was', () => {
    const arbSeq = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }))
        .chain(([from, len]) => arbStep(i, [from, from + len], ['US', 'CA', 'DE', 'FR'])))));
    fc.assert(
      fc.property(arbSeq, arbUsers, (steps, users) => {
        const once = run(empty(users), steps);
        const last = steps[steps.length - 1];
        const plan = planImport(report(last.records), once as ImportSheets, last.opts);
        expect(plan.ledger.deleteBlocks).toEqual([]);
        expect(plan.ledger.append).toEqual([]);
        expect(plan.receipts.deleteBlocks).toEqual([]);
        expect(plan.receipts.append).toEqual([]);
        expect(canonical(run(once, steps))).toEqual(canonical(once));
        // User rows are never touched.
        for (const u of users) expect(once.ledger).toContainEqual(u);
      }),
      { numRuns: 300 },
    );
  });

  it('imports over pairwise disjoint scopes give the same sheets in any order', () => {
    // Each import gets its own slot: a window of days (same countries) or a country (same days).
    const DAY_SLOTS: Array<[number, number]> = [[1, 3], [4, 6], [7, 9], [10, 12]];
    const COUNTRY_SLOTS = ['US', 'CA', 'GB', 'DE'];
    const arbDisjoint = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.boolean()).chain(([n, byDays]) =>
      fc.tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => (byDays ? arbStep(i, DAY_SLOTS[i], ['US', 'CA']) : arbStep(i, [1, 12], [COUNTRY_SLOTS[i]])))),
        fc.array(fc.nat(), { minLength: n, maxLength: n }),
      ));
    fc.assert(
      fc.property(arbDisjoint, arbUsers, ([steps, keys], users) => {
        const order = steps.map((s, i) => ({ s, k: keys[i] })).sort((p, q) => p.k - q.k).map((x) => x.s);
        const forward = run(empty(users), steps);
        expect(canonical(run(empty(users), order))).toEqual(canonical(forward));
        expect(canonical(run(empty(users), [...steps].reverse()))).toEqual(canonical(forward));
      }),
      { numRuns: 300 },
    );
  });
});
