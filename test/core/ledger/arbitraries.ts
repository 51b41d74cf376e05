import fc from 'fast-check';
import { row } from './helpers';

export const KITS: unknown[][] = [
  ['Amazon SKU', 'Component SKU', 'Units per kit'],
  ['S1-6PK', 'S1', 6],
  ['S2-2PK', 'S2', 2],
  ['S3-LISTING', 'S3', 1],
];

const EVENTS = ['TRANSFER', 'OPENING', 'SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT', 'RECONCILIATION'];
const REASONS = ['', 'E', 'P', '6', 'F', 'N', 'M', 'D', '5', '3', '4', 'O', 'X', 'event:Foo'];
const EXPIRY: Record<string, string[]> = {
  A: ['2026-03-01'],
  B: ['2026-01-01'],
  C: ['', '2026-06-01'],
  D: [''],
};

export interface GenOptions {
  maxRows?: number;
  days?: number;
  /** Give every spelling in one case (for shuffle comparisons of displayed names). */
  oneCase?: boolean;
  /** One SKU at one location (one pool), for dense histories. */
  onePool?: boolean;
}

/** A random ledger (rows as a custom function receives them). */
export function ledgerArb(opts: GenOptions = {}): fc.Arbitrary<unknown[][]> {
  const days = opts.days ?? 16;
  const rowArb = fc
    .record({
      day: fc.integer({ min: 1, max: days }),
      event: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...EVENTS) },
        { weight: 4, arbitrary: fc.constant('SHIPMENT') },
        { weight: 2, arbitrary: fc.constant('RETURN') },
      ),
      sku: opts.onePool ? fc.constant('S1') : fc.constantFrom('S1', 'S1', 'S1', 'S2', 'S1-6PK', 'S2-2PK', 'S3-LISTING', 'S3'),
      named: fc.integer({ min: 0, max: 9 }).map((n) => n < 4),
      lot: opts.onePool ? fc.constantFrom('A', 'B', 'C') : fc.constantFrom('A', 'B', 'C', 'D'),
      unspecified: fc.constantFrom('', 'UNSPECIFIED', 'unspecified-lot'),
      quantity: fc.integer({ min: -9, max: 9 }),
      inflowBias: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
      location: opts.onePool ? fc.constant('') : fc.constantFrom('', 'FBA-US', 'FBA-CA'),
      disposition: fc.constantFrom('', 'SELLABLE', 'DEFECTIVE'),
      reason: fc.constantFrom(...REASONS),
      reference: fc.constantFrom('', '', 'R1', 'R2'),
      expiryPick: fc.nat(),
      upper: fc.boolean(),
    })
    .map((r) => {
      let q = r.quantity;
      // Named rows are mostly inflows (lots hold stock), shipments mostly outflows, returns inflows.
      if (r.named && r.inflowBias) q = Math.abs(q) + 1;
      if (!r.named && r.event === 'SHIPMENT' && r.inflowBias) q = -Math.abs(q);
      if (!r.named && r.event === 'RETURN' && r.inflowBias) q = Math.abs(q);
      const choices = EXPIRY[r.lot];
      const expiry = r.named ? choices[r.expiryPick % choices.length] : '';
      const lot = r.named ? (r.upper || opts.oneCase ? r.lot : r.lot.toLowerCase()) : r.unspecified;
      return row(r.day, r.event, r.sku, lot, q, {
        expiry,
        location: r.location,
        disposition: r.disposition,
        reason: r.event === 'ADJUSTMENT' ? r.reason : '',
        reference: r.reference,
      });
    });
  return fc.array(rowArb, { minLength: 0, maxLength: opts.maxRows ?? 40, size: 'max' });
}

/**
 * Adds, for some unspecified outflows, an unspecified inflow with the same Reference on the same
 * or a later day (REMOVAL, ADJUSTMENT or RETURN): Reference matches of rule 6.
 */
export function withMirrors(arb: fc.Arbitrary<unknown[][]>): fc.Arbitrary<unknown[][]> {
  return arb.chain((values) =>
    fc
      .array(
        fc.record({
          pick: fc.nat(),
          later: fc.integer({ min: 0, max: 3 }),
          event: fc.constantFrom('REMOVAL', 'ADJUSTMENT', 'RETURN'),
          part: fc.integer({ min: 1, max: 9 }),
          ref: fc.constantFrom('R1', 'R2', 'R3'),
        }),
        { maxLength: 6 },
      )
      .map((mirrors) => {
        const out = values.map((r) => r.slice());
        const outflows = out.filter((r) => Number(r[4]) < 0 && ['', 'UNSPECIFIED', 'unspecified-lot'].includes(String(r[3])));
        for (const m of mirrors) {
          if (outflows.length === 0) break;
          const o = outflows[m.pick % outflows.length];
          if (o[9] === '') o[9] = m.ref;
          const d = new Date(String(o[0]) + 'T00:00:00Z');
          d.setUTCDate(d.getUTCDate() + m.later);
          const q = Math.min(-Number(o[4]), m.part);
          const reason = m.event === 'ADJUSTMENT' ? 'F' : '';
          out.push([d.toISOString().slice(0, 10), m.event, o[2], 'UNSPECIFIED', q, '', o[6], '', reason, o[9], '', '']);
        }
        return out;
      }),
  );
}
