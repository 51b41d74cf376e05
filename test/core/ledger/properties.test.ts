/**
 * Property tests over random ledgers (several pools and locations, kits, named and unspecified
 * rows of every event and reason code, References that sometimes match).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcDays } from '../../../src/core/days';
import { LotLedger, type LotsTableRow, type PoolFigures } from '../../../src/core/ledger/engine';
import { readKits } from '../../../src/core/ledger/kits';
import { readLedger } from '../../../src/core/ledger/read';
import { KITS, ledgerArb, withMirrors } from './arbitraries';
import { day, HEADER, row } from './helpers';
import { modelPool, type ModelLot, type ModelRow } from './model';

/** LEDGER_PROPERTY_SCALE=20 runs twenty times as many cases (a deeper search than the default). */
const SCALE = Number(process.env.LEDGER_PROPERTY_SCALE ?? 1) || 1;
const RUNS = Math.round(150 * SCALE);

function build(rows: unknown[][]): LotLedger {
  return LotLedger.fromValues([HEADER, ...rows], KITS, utcDays);
}

function poolId(p: PoolFigures): string {
  return `${p.location.toLowerCase()}|${p.sku.toLowerCase()}|${p.unitsPerKit}`;
}

/** Per pool, the model's rows and lots (as of a date), grouped the way §4 says. */
function modelInput(values: unknown[][], asOf: number) {
  const { rows } = readLedger([HEADER, ...values], utcDays);
  const kits = readKits(KITS);
  const pools = new Map<string, { component: string; rows: ModelRow[] }>();
  const expiry = new Map<string, number>();
  for (const r of rows) {
    const t = kits.resolve(r.sku);
    const id = `${r.location.toLowerCase()}|${t.componentKey}|${t.unitsPerKit}`;
    let p = pools.get(id);
    if (!p) pools.set(id, (p = { component: t.componentKey, rows: [] }));
    const lot = r.lot === null ? null : r.lot.toLowerCase();
    p.rows.push({ day: r.day, event: r.event, lot, units: r.quantity * t.unitsPerKit, reason: r.reason, ref: r.reference.toLowerCase() });
    if (lot !== null && r.expiry !== null && r.day <= asOf && r.quantity !== 0) {
      const k = `${t.componentKey}|${lot}`;
      expiry.set(k, Math.min(expiry.get(k) ?? Infinity, r.expiry));
    }
  }
  const out = new Map<string, { rows: ModelRow[]; lots: Map<string, ModelLot> }>();
  for (const [id, p] of pools) {
    const lots = new Map<string, ModelLot>();
    for (const r of p.rows) {
      if (r.lot === null || r.day > asOf || r.units === 0) continue;
      const first = p.rows.filter((x) => x.lot === r.lot && x.day <= asOf && x.units !== 0);
      const inflows = first.filter((x) => x.units > 0);
      const arrival = Math.min(...(inflows.length ? inflows : first).map((x) => x.day));
      lots.set(r.lot, { arrival, expiry: expiry.get(`${p.component}|${r.lot}`) ?? null });
    }
    out.set(id, { rows: p.rows, lots });
  }
  return out;
}

function tableByKey(rows: LotsTableRow[]): Map<string, LotsTableRow> {
  const m = new Map<string, LotsTableRow>();
  for (const r of rows) m.set(`${r[0]}|${r[1]}|${r[2]}`.toLowerCase(), r);
  return m;
}

describe('properties of random ledgers', () => {
  it.each([
    ['many pools', ledgerArb({ maxRows: 30, days: 12 }), 200],
    ['one dense pool', ledgerArb({ maxRows: 24, days: 8, onePool: true }), 300],
    ['one pool with References', withMirrors(ledgerArb({ maxRows: 20, days: 8, onePool: true })), 300],
  ])('the engine equals a literal model of the rules (FIFO, FEFO, rule Min/Max, UNSPECIFIED parts), also as of a date: %s', (_, arb, runs) => {
    fc.assert(
      fc.property(arb, fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), (values, asOfN) => {
        const asOf = asOfN === undefined ? Infinity : day(asOfN);
        const e = build(values);
        const figures = e.poolFigures({ asOf: asOfN === undefined ? null : day(asOfN) });
        const model = modelInput(values, asOf);
        for (const p of figures) {
          const m = model.get(poolId(p))!;
          expect(m).toBeDefined();
          const fifo = modelPool(m.rows, m.lots, { kind: 'fifo' }, asOf);
          const fefo = modelPool(m.rows, m.lots, { kind: 'fefo' }, asOf);
          expect([p.fifo.unknownLotStock, p.fifo.unallocatedDepletion, p.fifo.unchargedNet]).toEqual([fifo.unknown, fifo.depletion, fifo.uncharged]);
          expect([p.fefo.unknownLotStock, p.fefo.unallocatedDepletion, p.fefo.unchargedNet]).toEqual([fefo.unknown, fefo.depletion, fefo.uncharged]);
          expect(p.lots.map((l) => l.lot).sort()).toEqual([...m.lots.keys()].sort());
          for (const l of p.lots) {
            const f = fifo.lots.get(l.lot)!;
            expect(l.fifo).toBe(f);
            expect(l.fefo).toBe(fefo.lots.get(l.lot));
            const max = f < 0 ? f : modelPool(m.rows, m.lots, { kind: 'max', lot: l.lot }, asOf).lots.get(l.lot);
            const min = f < 0 ? f : modelPool(m.rows, m.lots, { kind: 'min', lot: l.lot }, asOf).lots.get(l.lot);
            expect([l.ruleMin, l.ruleMax]).toEqual([min, max]);
          }
        }
      }),
      { numRuns: Math.round(runs * SCALE) },
    );
  });

  it('rule 10: per pool, lot estimates + UNSPECIFIED = on hand (FIFO and FEFO), also as of a date', () => {
    fc.assert(
      fc.property(ledgerArb(), fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }), (values, asOfN) => {
        const e = build(values);
        const asOf = asOfN === undefined ? null : day(asOfN);
        for (const p of e.poolFigures({ asOf })) {
          expect(p.lots.reduce((a, l) => a + l.fifo, p.fifo.figure)).toBe(p.onHand);
          expect(p.lots.reduce((a, l) => a + l.fefo, p.fefo.figure)).toBe(p.onHand);
        }
        // And per location × SKU in the table.
        for (const method of ['FIFO', 'FEFO'] as const) {
          const sums = new Map<string, number>();
          for (const r of e.lotsTable({ method, asOf }).rows) {
            const k = `${r[0]}|${r[1]}`;
            sums.set(k, (sums.get(k) ?? 0) + r[6]);
          }
          for (const [k, v] of sums) {
            const [location, sku] = k.split('|');
            expect(v).toBe(e.onHand(sku, { location, asOf }));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('Min ≤ FIFO ≤ Max and Min ≤ FEFO ≤ Max for every lot; Max ≥ 0 unless over-drawn', () => {
    fc.assert(
      fc.property(ledgerArb(), (values) => {
        const e = build(values);
        for (const p of e.poolFigures()) {
          for (const l of p.lots) {
            expect(l.min).toBeLessThanOrEqual(l.fifo);
            expect(l.fifo).toBeLessThanOrEqual(l.max);
            expect(l.min).toBeLessThanOrEqual(l.fefo);
            expect(l.fefo).toBeLessThanOrEqual(l.max);
            if (l.fifo < 0) expect([l.ruleMin, l.ruleMax]).toEqual([l.fifo, l.fifo]);
          }
        }
        const fifo = tableByKey(e.lotsTable({ method: 'FIFO' }).rows);
        for (const method of ['FEFO', 'MIN', 'MAX'] as const) {
          for (const r of e.lotsTable({ method }).rows) {
            const f = fifo.get(`${r[0]}|${r[1]}|${r[2]}`.toLowerCase())!;
            if (r[7] === '' || r[8] === '') continue;
            expect(r[7]).toBeLessThanOrEqual(f[6]);
            expect(f[6]).toBeLessThanOrEqual(r[8]);
            expect(r[7]).toBeLessThanOrEqual(r[6]);
            expect(r[6]).toBeLessThanOrEqual(r[8]);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('without mixed undo classes or References, the rules alone keep FIFO and FEFO inside [Min, Max]', () => {
    // With shipments, returns, transfers and named outflows only, no widening is needed.
    const rowArb = fc
      .record({
        day: fc.integer({ min: 1, max: 12 }),
        kind: fc.constantFrom('T', 'T', 'S', 'S', 'R', 'O'),
        lot: fc.constantFrom('A', 'B', 'C'),
        q: fc.integer({ min: 1, max: 9 }),
      })
      .map((x) =>
        x.kind === 'T'
          ? row(x.day, 'TRANSFER', 'S', x.lot, x.q, { expiry: x.lot === 'A' ? '2026-05-01' : x.lot === 'B' ? '2026-01-01' : '' })
          : x.kind === 'S'
            ? row(x.day, 'SHIPMENT', 'S', '', -x.q)
            : x.kind === 'R'
              ? row(x.day, 'RETURN', 'S', '', x.q)
              : row(x.day, 'REMOVAL', 'S', x.lot, -x.q),
      );
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 25, size: 'max' }), (values) => {
        for (const p of build(values).poolFigures()) {
          for (const l of p.lots) {
            expect(l.ruleMin).toBeLessThanOrEqual(Math.min(l.fifo, l.fefo));
            expect(l.ruleMax).toBeGreaterThanOrEqual(Math.max(l.fifo, l.fefo));
          }
        }
      }),
      { numRuns: Math.round(400 * SCALE) },
    );
  });

  it('shuffling the rows changes no result', () => {
    fc.assert(
      fc.property(
        ledgerArb({ oneCase: true }).chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }))),
        fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
        ([values, shuffled], asOfN) => {
          const asOf = asOfN === undefined ? null : day(asOfN);
          const a = build(values);
          const b = build(shuffled);
          for (const method of ['FIFO', 'FEFO', 'MIN', 'MAX'] as const) {
            expect(b.lotsTable({ method, asOf }).rows).toEqual(a.lotsTable({ method, asOf }).rows);
          }
          const strip = (inv: ReturnType<LotLedger['inventory']>) => inv.items.map((i) => ({ ...i, warnings: [...i.warnings].sort() }));
          expect(strip(b.inventory({ asOf }))).toEqual(strip(a.inventory({ asOf })));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('as of a date equals the ledger truncated to that date when no named outflow follows it', () => {
    fc.assert(
      fc.property(ledgerArb({ oneCase: true }), fc.integer({ min: 1, max: 16 }), (values, asOfN) => {
        const asOf = day(asOfN);
        // Named outflows after the date would reserve units (rule 9): leave them out.
        const kept = values.filter((r) => !(String(r[0]) > isoOf(asOf) && !isUnspecified(r[3]) && Number(r[4]) < 0));
        const truncated = kept.filter((r) => String(r[0]) <= isoOf(asOf));
        const a = build(kept);
        const b = build(truncated);
        for (const method of ['FIFO', 'FEFO', 'MIN', 'MAX'] as const) {
          expect(a.lotsTable({ method, asOf }).rows).toEqual(b.lotsTable({ method }).rows);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('as of a date, future named outflows only reserve: every figure but the estimates equals the truncated ledger', () => {
    fc.assert(
      fc.property(ledgerArb({ oneCase: true }), fc.integer({ min: 1, max: 16 }), (values, asOfN) => {
        const asOf = day(asOfN);
        const truncated = values.filter((r) => String(r[0]) <= isoOf(asOf));
        const a = build(values);
        const b = build(truncated);
        const ta = a.lotsTable({ asOf }).rows;
        const tb = b.lotsTable().rows;
        expect(ta.map((r) => r.slice(0, 6))).toEqual(tb.map((r) => r.slice(0, 6)));
        // The invariant still holds, and on hand is the same.
        for (const p of a.poolFigures({ asOf })) expect(p.lots.reduce((s, l) => s + l.fifo, p.fifo.figure)).toBe(p.onHand);
      }),
      { numRuns: RUNS },
    );
  });
});

function isoOf(d: number): string {
  return new Date(d * 86_400_000).toISOString().slice(0, 10);
}

function isUnspecified(v: unknown): boolean {
  const s = String(v ?? '').trim().toLowerCase();
  return s === '' || s === 'unspecified' || s === 'unspecified-lot';
}
