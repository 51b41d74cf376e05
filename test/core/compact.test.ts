/**
 * Compacting closed months (src/core/compact.ts): the folds it plans change no figure as of any day
 * outside the folded month — balances, FIFO and FEFO estimates, Min/Max (and the rule's own Min and
 * Max), the UNSPECIFIED figure and its parts, kit availability — over random ledgers; and which rows
 * fold on small examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay, utcDays } from '../../src/core/days';
import { compactedKey, planCompaction, type CompactPlan } from '../../src/core/compact';
import { computeRowKey, LEDGER_KIND } from '../../src/core/import/keys';
import { LotLedger } from '../../src/core/ledger/engine';
import { readKits } from '../../src/core/ledger/kits';
import { readLedger } from '../../src/core/ledger/read';

const HEADER = ['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key'];
const KITS: unknown[][] = [['Amazon SKU', 'Component SKU', 'Units per kit'], ['S1-6PK', 'S1', 6], ['S1-ALT', 'S1', 1]];
const kits = readKits(KITS);
const resolve = (sku: string) => {
  const t = kits.resolve(sku);
  return { component: t.componentKey, unitsPerKit: t.unitsPerKit };
};

const MONTH = '2025-01';
const FIRST = dayFromIso('2025-01-01')!;
const LAST = dayFromIso('2025-01-31')!;
/** Days from 2024-12-22 to 2025-02-09. */
const START = FIRST - 10;
const END = LAST + 9;

const RUNS = Math.round(300 * (Number(process.env.LEDGER_PROPERTY_SCALE ?? 1) || 1));

/** An Amazon row as an import writes it (Source report:, its k1: key). */
function amazon(day: number, event: string, sku: string, quantity: number, x: { location?: string; disposition?: string; reason?: string; reference?: string } = {}): unknown[] {
  const cells = [isoFromDay(day), event, sku, 'UNSPECIFIED', quantity, '', x.location ?? 'FBA-US', x.disposition ?? 'SELLABLE', x.reason ?? '', x.reference ?? ''];
  return [...cells, 'report:1', computeRowKey(LEDGER_KIND, cells)];
}

function typed(day: number, event: string, sku: string, lot: string, quantity: number, x: { location?: string; expiry?: string; reference?: string; disposition?: string } = {}): unknown[] {
  return [isoFromDay(day), event, sku, lot, quantity, x.expiry ?? '', x.location ?? 'FBA-US', x.disposition ?? '', '', x.reference ?? '', 'manual', ''];
}

function plan(values: unknown[][], locations = ['FBA-US', 'FBA-CA']): CompactPlan {
  const { rows } = readLedger([HEADER, ...values], utcDays);
  return planCompaction({ rows, resolve, months: locations.map((location) => ({ month: MONTH, location })) });
}

/** The ledger after the plan: removed rows gone, new rows appended. */
function apply(values: unknown[][], p: CompactPlan): unknown[][] {
  const removed = new Set(p.remove);
  const kept = values.filter((_, i) => !removed.has(i + 2));
  return [...kept, ...p.write.map((r) => [isoFromDay(r.day), r.event, r.sku, 'UNSPECIFIED', r.quantity, '', r.location, r.disposition, r.reason, r.reference, r.source, r.key])];
}

function figures(values: unknown[][], asOf: number): unknown {
  const e = LotLedger.fromValues([HEADER, ...values], KITS, utcDays);
  const scope = { asOf };
  const pools = e.poolFigures(scope).map((p) => ({ ...p, lots: [...p.lots].sort((a, b) => (a.lot < b.lot ? -1 : 1)) }));
  pools.sort((a, b) => (`${a.location}|${a.sku}|${a.unitsPerKit}` < `${b.location}|${b.sku}|${b.unitsPerKit}` ? -1 : 1));
  const kitsAvailable = ['S1', 'S1-6PK', 'S1-ALT', 'S2'].map((k) => e.kitAvailable(k, scope));
  return { pools, kitsAvailable, fefo: e.lotsTable({ ...scope, method: 'FEFO' }).rows };
}

const EVENTS = ['SHIPMENT', 'SHIPMENT', 'SHIPMENT', 'SHIPMENT', 'SHIPMENT', 'RETURN', 'RETURN', 'ADJUSTMENT', 'ADJUSTMENT', 'REMOVAL'];
const REASONS = ['', 'E', 'P', 'F', 'M', 'M', 'D', '4', 'N', 'Q'];

/** A random ledger around January 2025: mostly Amazon rows, some typed named rows, a few References. */
const ledgerArb: fc.Arbitrary<unknown[][]> = fc.array(
  fc.record({
    day: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: FIRST, max: LAST }) }, { weight: 1, arbitrary: fc.integer({ min: START, max: END }) }),
    kind: fc.integer({ min: 0, max: 19 }),
    event: fc.constantFrom(...EVENTS),
    sku: fc.constantFrom('S1', 'S1', 'S1', 'S1', 'S1', 'S1-6PK', 'S1-ALT', 'S2'),
    lot: fc.constantFrom('A', 'B', 'C'),
    quantity: fc.integer({ min: 1, max: 12 }),
    negative: fc.integer({ min: 0, max: 9 }),
    location: fc.constantFrom('FBA-US', 'FBA-US', 'FBA-US', 'FBA-US', 'FBA-CA'),
    disposition: fc.constantFrom('SELLABLE', 'SELLABLE', 'SELLABLE', 'SELLABLE', 'CUSTOMER_DAMAGED'),
    reason: fc.constantFrom(...REASONS),
    reference: fc.constantFrom('', '', '', '', '', '', '', '', '', 'R1', 'R2', 'FBA9'),
    expiry: fc.constantFrom('', '2025-06-01', '2025-03-01'),
  }).map((r) => {
    if (r.kind < 3) {
      // A typed named row: mostly inflows (TRANSFER), sometimes a named removal.
      const out = r.negative < 2;
      return typed(r.day, out ? 'REMOVAL' : 'TRANSFER', r.sku, r.lot, out ? -r.quantity : r.quantity, {
        location: r.location, expiry: r.expiry, reference: r.reference === 'FBA9' ? 'FBA9' : '',
      });
    }
    if (r.kind === 3) return typed(r.day, r.negative < 5 ? 'SHIPMENT' : 'RETURN', r.sku, 'UNSPECIFIED', r.negative < 5 ? -r.quantity : r.quantity, { location: r.location });
    const sign = r.event === 'SHIPMENT' ? (r.negative < 9 ? -1 : 1) : r.event === 'RETURN' ? (r.negative < 9 ? 1 : -1) : r.negative < 5 ? -1 : 1;
    return amazon(r.day, r.event, r.sku, sign * r.quantity, {
      location: r.location, disposition: r.disposition, reason: r.event === 'ADJUSTMENT' ? r.reason : '', reference: r.reference,
    });
  }),
  { minLength: 0, maxLength: 90, size: 'max' },
);

describe('planCompaction: nothing outside the folded month changes', () => {
  it('balances, FIFO/FEFO, Min/Max, UNSPECIFIED and kits as of every day before and after January are unchanged', () => {
    let folded = 0;
    fc.assert(
      fc.property(ledgerArb, (values) => {
        const p = plan(values);
        const after = apply(values, p);
        folded += p.remove.length - p.write.length;
        // Only January's Amazon rows are touched.
        for (const r of p.write) expect(r.day >= FIRST && r.day <= LAST).toBe(true);
        for (let asOf = START - 1; asOf <= END + 1; asOf++) {
          if (asOf >= FIRST && asOf < LAST) continue;
          expect(figures(after, asOf)).toEqual(figures(values, asOf));
        }
        // Compacting again folds nothing more.
        const again = plan(after);
        expect(again.write).toEqual([]);
        expect(again.remove).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // The search must actually fold rows.
    expect(folded).toBeGreaterThan(RUNS);
  });
});

const d = (n: number) => FIRST + n - 1;

describe('planCompaction: which rows fold', () => {
  it('a month of shipments with nothing in between folds into one row per SKU × disposition, dated its last day', () => {
    const values = [typed(d(1) - 5, 'TRANSFER', 'S1', 'A', 100)];
    for (let n = 1; n <= 31; n++) values.push(amazon(d(n), 'SHIPMENT', 'S1', -2));
    const p = plan(values);
    expect(p.write).toEqual([{
      day: d(31), event: 'SHIPMENT', sku: 'S1', quantity: -62, location: 'FBA-US', disposition: 'SELLABLE', reason: '', reference: '',
      source: 'compacted:2025-01', key: compactedKey({ day: d(31), event: 'SHIPMENT', sku: 'S1', quantity: -62, location: 'FBA-US', disposition: 'SELLABLE', reason: '', reference: '' }),
    }]);
    expect(p.remove).toHaveLength(31);
    expect(p.months.find((m) => m.location === 'FBA-US')).toEqual({ month: MONTH, location: 'FBA-US', rowsBefore: 31, rowsAfter: 1 });
  });

  it('a RETURN ends a run of shipments: shipments before it and after it stay apart', () => {
    const values = [
      typed(d(1) - 5, 'TRANSFER', 'S1', 'A', 10), typed(d(1) - 4, 'TRANSFER', 'S1', 'B', 10),
      amazon(d(2), 'SHIPMENT', 'S1', -3), amazon(d(3), 'SHIPMENT', 'S1', -4),
      amazon(d(5), 'RETURN', 'S1', 2), amazon(d(6), 'RETURN', 'S1', 1),
      amazon(d(8), 'SHIPMENT', 'S1', -5), amazon(d(9), 'SHIPMENT', 'S1', -1),
    ];
    const p = plan(values);
    expect(p.write.map((r) => [isoFromDay(r.day), r.event, r.quantity])).toEqual([
      ['2025-01-03', 'SHIPMENT', -7], ['2025-01-06', 'RETURN', 3], ['2025-01-09', 'SHIPMENT', -6],
    ]);
  });

  it('disposition changes fold over the whole month; rows with a Reference, typed rows and edited rows never fold', () => {
    const edited = amazon(d(4), 'SHIPMENT', 'S1', -1);
    edited[4] = -2; // a person changed the quantity: its key no longer matches
    const values = [
      typed(d(1) - 5, 'TRANSFER', 'S1', 'A', 50),
      amazon(d(2), 'ADJUSTMENT', 'S1', -1, { reason: 'E' }), amazon(d(2), 'ADJUSTMENT', 'S1', 1, { reason: 'P', disposition: 'WAREHOUSE_DAMAGED' }),
      amazon(d(3), 'SHIPMENT', 'S1', -1, { reference: '111-1' }),
      amazon(d(5), 'RETURN', 'S1', 1),
      amazon(d(9), 'ADJUSTMENT', 'S1', -2, { reason: 'E' }), amazon(d(9), 'ADJUSTMENT', 'S1', 2, { reason: 'P', disposition: 'WAREHOUSE_DAMAGED' }),
      edited,
      typed(d(6), 'SHIPMENT', 'S1', 'UNSPECIFIED', -3),
      amazon(d(7), 'SHIPMENT', 'S1', -1), amazon(d(8), 'SHIPMENT', 'S1', -1),
    ];
    const p = plan(values);
    expect(p.write.map((r) => [isoFromDay(r.day), r.event, r.reason, r.quantity])).toEqual([
      ['2025-01-08', 'SHIPMENT', '', -2], ['2025-01-09', 'ADJUSTMENT', 'E', -3], ['2025-01-09', 'ADJUSTMENT', 'P', 3],
    ]);
    expect(p.remove).toEqual([3, 4, 7, 8, 11, 12]);
  });

  it('touches only the months asked for, at their location', () => {
    const values = [
      amazon(d(1) - 3, 'SHIPMENT', 'S1', -1), amazon(d(1) - 2, 'SHIPMENT', 'S1', -1),
      amazon(d(3), 'SHIPMENT', 'S1', -1, { location: 'FBA-CA' }), amazon(d(4), 'SHIPMENT', 'S1', -1, { location: 'FBA-CA' }),
      amazon(d(3), 'SHIPMENT', 'S1', -1), amazon(d(4), 'SHIPMENT', 'S1', -1),
    ];
    const p = plan(values, ['fba-us']);
    expect(p.remove).toEqual([6, 7]);
    expect(p.write).toHaveLength(1);
  });
});
