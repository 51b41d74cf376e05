/** Spec §4 "Estimated remaining per lot", one block per numbered rule, and the possible range. */
import { describe, expect, it } from 'vitest';
import { day, engine, est, range, row } from './helpers';

const KITS = [
  ['Amazon SKU', 'Component SKU', 'Units per kit'],
  ['S-6PK', 'S', 6],
];

describe('rule 1: order inside a day', () => {
  it('named inflows come before unspecified outflows of the same day, whatever the sheet order', () => {
    const e = engine([row(1, 'SHIPMENT', 'S', '', -5), row(1, 'TRANSFER', 'S', 'A', 5)]);
    expect(est(e, 'S', 'A')).toBe(0);
    expect(est(e, 'S', 'UNSPECIFIED')).toBe(0);
  });

  it('unspecified inflows come before outflows: a same-day RETURN becomes stock the SHIPMENT then takes', () => {
    const e = engine([row(1, 'SHIPMENT', 'S', '', -2), row(1, 'RETURN', 'S', '', 2)]);
    const inv = e.inventory().items[0];
    expect(inv.unspecified).toMatchObject({ figure: 0, unknownLotStock: 0, unallocatedDepletion: 0 });
    expect(inv.unreliable).toBe(false);
  });

  it('named outflows come before unspecified outflows', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 10), row(2, 'SHIPMENT', 'S', '', -8), row(2, 'REMOVAL', 'S', 'A', -5)]);
    // A gives 5 to its own removal first; the shipment gets the other 5 and 3 stay unallocated.
    expect(est(e, 'S', 'A')).toBe(0);
    expect(e.inventory().items[0].unspecified.unallocatedDepletion).toBe(3);
  });

  it('inside a group, events go TRANSFER, OPENING, RETURN, ADJUSTMENT, REMOVAL, SHIPMENT, RECONCILIATION', () => {
    // The REMOVAL is charged before the SHIPMENT, so A goes to the removal and B to the shipment,
    // which the later RETURN undoes.
    const rows = [
      row(1, 'TRANSFER', 'S', 'A', 3),
      row(1, 'TRANSFER', 'S', 'B', 3),
      row(2, 'SHIPMENT', 'S', '', -3),
      row(2, 'REMOVAL', 'S', '', -3),
      row(3, 'RETURN', 'S', '', 3),
    ];
    const e = engine(rows);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([0, 3]);
    expect(engine([...rows].reverse()).lotsTable().rows).toEqual(e.lotsTable().rows);
  });

  it('then Lot, Reference, Quantity: equal rows in any sheet order give the same result', () => {
    const rows = [
      row(1, 'TRANSFER', 'S', 'A', 4),
      row(1, 'TRANSFER', 'S', 'B', 4),
      row(2, 'SHIPMENT', 'S', '', -3, { reference: 'X' }),
      row(2, 'SHIPMENT', 'S', '', -3, { reference: 'Y' }),
      row(3, 'RETURN', 'S', '', 1, { reference: 'x' }),
    ];
    const e = engine(rows);
    // X is charged first (A 3), Y next (A 1, B 2); the return names X, so A gets 1 back.
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([1, 2]);
    expect(engine([rows[4], rows[3], rows[2], rows[1], rows[0]]).lotsTable().rows).toEqual(e.lotsTable().rows);
  });
});

describe('rule 2: layers', () => {
  it("a lot's arrival is its first inflow in the pool (not in another location)", () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5, { location: 'FBA-CA' }),
      row(2, 'TRANSFER', 'S', 'B', 5),
      row(3, 'TRANSFER', 'S', 'A', 5),
      row(4, 'SHIPMENT', 'S', '', -5),
    ]);
    expect(est(e, 'S', 'B', 'FIFO', undefined)).toBe(0);
    expect(e.lotRemaining('S', 'A', { location: 'FBA-US' })).toBe(5);
    expect(e.inventory({ location: 'FBA-US' }).items[0].lots.map((l) => [l.lot, l.arrival])).toEqual([
      ['B', day(2)],
      ['A', day(3)],
    ]);
  });

  it('expiry is the earliest non-blank Expiry on any row of the component × lot, every pool and location; conflicts warn', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'S', 'A', 5),
        row(1, 'TRANSFER', 'S', 'B', 5, { expiry: '2026-03-01' }),
        row(2, 'TRANSFER', 'S-6PK', 'A', 1, { expiry: '2026-06-01', location: 'FBA-CA' }),
        row(2, 'OPENING', 'S', 'A', 0, { expiry: '2025-01-01' }),
        row(3, 'REMOVAL', 'S', 'A', -1, { expiry: '2026-01-01' }),
        row(4, 'SHIPMENT', 'S', '', -3),
      ],
      KITS,
    );
    const table = e.lotsTable({ method: 'FEFO', location: 'FBA-US' }).rows;
    expect(table.map((r) => [r[2], r[3]])).toEqual([
      ['A', day(366)],
      ['B', day(425)],
      ['UNSPECIFIED', null],
    ]);
    // FEFO charges A (earlier expiry) although B has one too and arrived the same day.
    expect(e.lotRemaining('S', 'A', { method: 'FEFO', location: 'FBA-US' })).toBe(1);
    const warnings = e.inventory().warnings;
    expect(warnings).toContain('S lot A: expiry conflict: 2026-01-01, 2026-06-01 (the earliest is used)');
  });

  it('unknown-lot stock is one layer per inflow day, after named lots of the same arrival', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', '', 5),
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(2, 'TRANSFER', 'S', 'B', 5),
      row(3, 'SHIPMENT', 'S', '', -7),
    ]);
    // A (day 1) first, then day 1's unknown-lot stock, then B.
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'UNSPECIFIED')]).toEqual([0, 5, 3]);
  });

  it('unknown-lot stock that arrived earlier is charged before a later lot', () => {
    const e = engine([row(1, 'OPENING', 'S', '', 5), row(2, 'TRANSFER', 'S', 'A', 5), row(3, 'SHIPMENT', 'S', '', -6)]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'UNSPECIFIED')]).toEqual([4, 0]);
  });
});

describe('rule 3: charge order', () => {
  const rows = [
    row(1, 'TRANSFER', 'S', 'OLD', 5, { expiry: '2026-09-01' }),
    row(2, 'TRANSFER', 'S', 'NEW', 5, { expiry: '2026-02-01' }),
    row(2, 'TRANSFER', 'S', 'NOEXP', 5),
    row(2, 'TRANSFER', 'S', 'M', 5, { expiry: '2026-02-01' }),
    row(3, 'SHIPMENT', 'S', '', -7),
  ];
  it('FIFO: arrival, then expiry, then lot name', () => {
    const e = engine(rows);
    expect(e.lotsTable().rows.map((r) => [r[2], r[6]])).toEqual([
      ['OLD', 0],
      ['M', 3],
      ['NEW', 5],
      ['NOEXP', 5],
      ['UNSPECIFIED', 0],
    ]);
  });

  it('FEFO: expiry (none last), then arrival, then lot name — FEFO and FIFO diverge', () => {
    const e = engine(rows);
    expect(e.lotsTable({ method: 'FEFO' }).rows.map((r) => [r[2], r[6]])).toEqual([
      ['M', 0],
      ['NEW', 3],
      ['OLD', 5],
      ['NOEXP', 5],
      ['UNSPECIFIED', 0],
    ]);
    expect(est(e, 'S', 'OLD', 'FIFO')).toBe(0);
    expect(est(e, 'S', 'OLD', 'FEFO')).toBe(5);
  });

  it('FEFO puts unknown-lot stock (no expiry) after every lot with an expiry', () => {
    const e = engine([row(1, 'OPENING', 'S', '', 5), row(2, 'TRANSFER', 'S', 'A', 5, { expiry: '2027-01-01' }), row(3, 'SHIPMENT', 'S', '', -5)]);
    expect([est(e, 'S', 'A', 'FEFO'), est(e, 'S', 'UNSPECIFIED', 'FEFO')]).toEqual([0, 5]);
    expect([est(e, 'S', 'A', 'FIFO'), est(e, 'S', 'UNSPECIFIED', 'FIFO')]).toEqual([5, 0]);
  });
});

describe('rule 4: unspecified outflows, reservations, unallocated depletion', () => {
  it('a layer gives only what it holds minus what its own later named outflows need', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 10),
      row(1, 'TRANSFER', 'S', 'B', 10),
      row(2, 'SHIPMENT', 'S', '', -10),
      row(3, 'TRANSFER', 'S', 'A', 5),
      row(4, 'REMOVAL', 'S', 'A', -12),
    ]);
    // Reserve(A, day 2) = max(0, −min(+5, −7)) = 7: A gives 3, B gives 7.
    expect([est(e, 'S', 'A', 'FIFO', 2), est(e, 'S', 'B', 'FIFO', 2)]).toEqual([7, 3]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([0, 3]);
  });

  it('what no layer can take is unallocated depletion, and the SKU is marked unreliable', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 3), row(2, 'SHIPMENT', 'S', '', -5)]);
    expect(est(e, 'S', 'A')).toBe(0);
    const item = e.inventory().items[0];
    expect(item.unspecified).toMatchObject({ figure: -2, unallocatedDepletion: 2, unknownLotStock: 0, unchargedNet: 0, recorded: -5 });
    expect(item.unreliable).toBe(true);
    expect(item.warnings).toContain('S at FBA-US: estimates unreliable: record the missing TRANSFER or OPENING');
  });
});

describe('rule 5: named outflows', () => {
  it('reduce their lot even below zero, with a warning, and Min = Max = that value', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(1, 'TRANSFER', 'S', 'B', 5), row(2, 'REMOVAL', 'S', 'A', -8), row(3, 'SHIPMENT', 'S', '', -2)]);
    expect(est(e, 'S', 'A')).toBe(-3);
    expect(range(e, 'S', 'A')).toEqual([-3, -3]);
    expect(est(e, 'S', 'B')).toBe(3);
    expect(e.lotBalance('S', 'A')).toBe(-3);
    expect(e.inventory().warnings).toContain('S at FBA-US: lot A over-drawn by 3');
  });

  it('a named row of any event moves its lot, RETURN with a lot included', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(2, 'RETURN', 'S', 'A', 2), row(3, 'ADJUSTMENT', 'S', 'A', -1, { reason: 'E' })]);
    expect(est(e, 'S', 'A')).toBe(6);
  });
});

describe('rule 6: unspecified inflows', () => {
  it('RETURN undoes SHIPMENT charges, latest first, the last-charged layer of an outflow first', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 4),
      row(1, 'TRANSFER', 'S', 'B', 4),
      row(2, 'SHIPMENT', 'S', '', -2),
      row(3, 'SHIPMENT', 'S', '', -4),
      row(4, 'RETURN', 'S', '', 1),
    ]);
    // Day 3 charged A 2 then B 2; the return gives B its unit back.
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([0, 3]);
  });

  it('RETURN does not undo removals or losses; what it cannot undo is unknown-lot stock', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(2, 'REMOVAL', 'S', '', -5),
      row(3, 'ADJUSTMENT', 'S', '', -2, { reason: 'M' }),
      row(4, 'SHIPMENT', 'S', '', -3),
      row(5, 'RETURN', 'S', '', 4),
    ]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'UNSPECIFIED')]).toEqual([0, 3, 1]);
  });

  it('a RETURN with the Reference of a SHIPMENT undoes that shipment first', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(2, 'SHIPMENT', 'S', '', -5, { reference: 'ORDER-1' }),
      row(3, 'SHIPMENT', 'S', '', -5),
      row(4, 'RETURN', 'S', '', 1, { reference: 'order-1' }),
    ]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([1, 0]);
  });

  it('a RETURN reduces unallocated depletion before it undoes the SHIPMENT of its Reference', () => {
    const e = engine([
      row(1, 'SHIPMENT', 'S', '', -4),
      row(2, 'TRANSFER', 'S', 'A', 10),
      row(3, 'SHIPMENT', 'S', '', -5, { reference: 'ORDER-1' }),
      row(4, 'RETURN', 'S', '', 3, { reference: 'ORDER-1' }),
    ]);
    expect(est(e, 'S', 'A')).toBe(5);
    expect(e.inventory().items[0].unspecified).toMatchObject({ unallocatedDepletion: 1, figure: -1 });
  });

  it('found (F, N) reduces depletion, then undoes losses and disposals (not shipments), latest first', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(2, 'ADJUSTMENT', 'S', '', -5, { reason: 'D' }),
      row(3, 'SHIPMENT', 'S', '', -5),
      row(4, 'ADJUSTMENT', 'S', '', -1, { reason: 'M' }),
      row(5, 'ADJUSTMENT', 'S', '', 3, { reason: 'f' }),
      row(5, 'ADJUSTMENT', 'S', '', 1, { reason: 'N' }),
    ]);
    // Day 4's loss had nothing to take: 1 unallocated, which the first found unit cancels; the
    // other 3 go back to A (the disposal), not to B (the shipment).
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'UNSPECIFIED')]).toEqual([3, 0, 0]);
    expect(e.inventory().items[0].unspecified.unallocatedDepletion).toBe(0);
  });

  it('a negative ADJUSTMENT with no reason is a loss that found units undo', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(2, 'ADJUSTMENT', 'S', '', -2), row(3, 'ADJUSTMENT', 'S', '', 2, { reason: 'F' })]);
    expect(est(e, 'S', 'A')).toBe(5);
  });

  it('a typed REMOVAL pair (lot −n, UNSPECIFIED +n) with the removal order ID names the lots of Amazon’s removal', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 10),
      row(1, 'TRANSFER', 'S', 'B', 10),
      row(5, 'REMOVAL', 'S', 'UNSPECIFIED', -5, { reference: 'RO-1', source: 'report:9' }),
      row(5, 'REMOVAL', 'S', 'B', -5, { reference: 'RO-1' }),
      row(5, 'REMOVAL', 'S', 'UNSPECIFIED', 5, { reference: 'RO-1' }),
    ]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'UNSPECIFIED')]).toEqual([10, 5, 0]);
    expect(range(e, 'S', 'A')).toEqual([10, 10]);
    expect(range(e, 'S', 'B')).toEqual([5, 5]);
  });

  it('an ADJUSTMENT with the Reference of an earlier outflow undoes it first, the rest by its reason code', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(2, 'RECONCILIATION', 'S', '', -3, { reference: 'count' }),
      row(3, 'SHIPMENT', 'S', '', -4),
      row(4, 'ADJUSTMENT', 'S', '', 5, { reason: '3', reference: 'COUNT' }),
    ]);
    // Undoes the reconciliation's 3 (back to A); the other 2 (code 3) are unknown-lot stock.
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'UNSPECIFIED')]).toEqual([3, 3, 2]);
  });

  it('a Reference never matches an outflow dated later', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(2, 'REMOVAL', 'S', '', 2, { reference: 'R' }), row(3, 'REMOVAL', 'S', '', -2, { reference: 'R' })]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'UNSPECIFIED')]).toEqual([3, 2]);
  });

  it('TRANSFER, OPENING, RECONCILIATION and code 3 inflows are unknown-lot stock and never undo or reduce depletion', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(2, 'SHIPMENT', 'S', '', -9),
      row(3, 'TRANSFER', 'S', '', 1),
      row(3, 'OPENING', 'S', '', 1),
      row(3, 'RECONCILIATION', 'S', '', 1),
      row(3, 'ADJUSTMENT', 'S', '', 1, { reason: '3' }),
    ]);
    const item = e.inventory().items[0];
    expect(est(e, 'S', 'A')).toBe(0);
    expect(item.unspecified).toMatchObject({ unknownLotStock: 4, unallocatedDepletion: 4, figure: 0 });
    expect(item.unreliable).toBe(true);
  });
});

describe('rule 7: disposition changes and other codes', () => {
  it('disposition changes (6, 7, E, H, K, U, Q, P) are not charged; their net goes to UNSPECIFIED', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 10),
      ...['6', '7', 'E', 'h', 'K', 'U', 'Q', 'P'].map((r) => row(2, 'ADJUSTMENT', 'S', '', -1, { reason: r })),
      row(3, 'ADJUSTMENT', 'S', '', 3, { reason: 'P' }),
    ]);
    expect(est(e, 'S', 'A')).toBe(10);
    expect(e.inventory().items[0].unspecified).toMatchObject({ unchargedNet: -5, figure: -5, unallocatedDepletion: 0 });
    expect(e.onHand('S')).toBe(5);
  });

  it('redefinition out (4) and unknown codes are charged like a shipment, but neither a RETURN nor found undoes them', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(1, 'TRANSFER', 'S', 'C', 5),
      row(2, 'ADJUSTMENT', 'S', '', -5, { reason: '4' }),
      row(3, 'ADJUSTMENT', 'S', '', -5, { reason: 'event:Mystery' }),
      row(4, 'SHIPMENT', 'S', '', -5),
      row(5, 'RETURN', 'S', '', 6),
      row(5, 'ADJUSTMENT', 'S', '', 2, { reason: 'F' }),
    ]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B'), est(e, 'S', 'C'), est(e, 'S', 'UNSPECIFIED')]).toEqual([0, 0, 5, 3]);
  });

  it('a positive unspecified SHIPMENT reverses a shipment like a RETURN', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(2, 'SHIPMENT', 'S', '', -5), row(3, 'SHIPMENT', 'S', '', 2)]);
    expect(est(e, 'S', 'A')).toBe(2);
  });
});

describe('rule 8: the UNSPECIFIED figure', () => {
  it('is unknown-lot stock − unallocated depletion + the net of uncharged rows', () => {
    const e = engine([
      row(1, 'SHIPMENT', 'S', '', -4),
      row(2, 'TRANSFER', 'S', '', 6),
      row(3, 'ADJUSTMENT', 'S', '', -1, { reason: 'E' }),
      row(4, 'TRANSFER', 'S', 'A', 2),
    ]);
    const item = e.inventory().items[0];
    expect(item.unspecified).toEqual({ figure: 1, unknownLotStock: 6, unallocatedDepletion: 4, unchargedNet: -1, recorded: 1, sent: 6 });
    expect(item.unknownLotStock).toBe(6);
    expect(e.lotRemaining('S', 'UNSPECIFIED')).toBe(1);
    expect(e.lotRemaining('S', 'unspecified-lot', { method: 'MAX' })).toBe(1);
    expect(e.lotRemaining('S', '', { method: 'FEFO' })).toBe(1);
  });
});

describe('rule 9: as of a date', () => {
  it('simulates and sums only rows up to the date; reservations still use later named rows', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 10),
      row(1, 'TRANSFER', 'S', 'B', 10),
      row(3, 'SHIPMENT', 'S', '', -12),
      row(5, 'TRANSFER', 'S', 'C', 7),
      row(10, 'REMOVAL', 'S', 'A', -5),
    ]);
    const asOf = { asOf: day(4) };
    expect(e.onHand('S', asOf)).toBe(8);
    expect(e.lotBalance('S', 'A', asOf)).toBe(10);
    expect(e.lotRemaining('S', 'A', asOf)).toBe(5);
    expect(e.lotRemaining('S', 'B', asOf)).toBe(3);
    expect(e.lotRemaining('S', 'C', asOf)).toBe(0);
    expect(e.lotsTable(asOf).rows.map((r) => r[2])).toEqual(['A', 'B', 'UNSPECIFIED']);
    expect(e.lotsTable().rows.map((r) => r[2])).toEqual(['A', 'B', 'C', 'UNSPECIFIED']);
    expect(e.lotsTable({ asOf: day(0) }).rows).toEqual([]);
  });
});

describe('rule 10: lots + UNSPECIFIED = on hand, per pool', () => {
  it('holds on a mixed ledger for FIFO and FEFO', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'S', 'A', 10, { expiry: '2026-05-01' }),
        row(1, 'TRANSFER', 'S-6PK', 'B', 3, { expiry: '2026-01-01' }),
        row(2, 'SHIPMENT', 'S', '', -12),
        row(3, 'RETURN', 'S', '', 4),
        row(3, 'SHIPMENT', 'S-6PK', '', -1),
        row(4, 'ADJUSTMENT', 'S', '', -1, { reason: 'E' }),
        row(4, 'REMOVAL', 'S', 'A', -3),
      ],
      KITS,
    );
    for (const p of e.poolFigures()) {
      expect(p.lots.reduce((s, l) => s + l.fifo, p.fifo.figure)).toBe(p.onHand);
      expect(p.lots.reduce((s, l) => s + l.fefo, p.fefo.figure)).toBe(p.onHand);
    }
  });
});

describe('possible range: Min and Max', () => {
  it('Max charges the lot last and Min first', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 10), row(1, 'TRANSFER', 'S', 'B', 10), row(2, 'SHIPMENT', 'S', '', -15)]);
    expect(range(e, 'S', 'A')).toEqual([0, 5]);
    expect(range(e, 'S', 'B')).toEqual([0, 5]);
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([0, 5]);
  });

  it('Max restores the lot’s charges first, Min restores the others first', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 2),
      row(1, 'TRANSFER', 'S', 'B', 2),
      row(2, 'SHIPMENT', 'S', '', -1),
      row(3, 'SHIPMENT', 'S', '', -3),
      row(4, 'RETURN', 'S', '', 1),
    ]);
    // FIFO: day 2 A 1; day 3 A 1, B 2; the return gives B 1.
    expect([est(e, 'S', 'A'), est(e, 'S', 'B')]).toEqual([0, 1]);
    expect(range(e, 'S', 'A')).toEqual([0, 1]);
    expect(range(e, 'S', 'B')).toEqual([0, 1]);
  });

  it('a Reference match comes before these preferences', () => {
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 5),
      row(1, 'TRANSFER', 'S', 'B', 5),
      row(2, 'REMOVAL', 'S', '', -5, { reference: 'R' }),
      row(3, 'REMOVAL', 'S', '', 5, { reference: 'R' }),
    ]);
    // Whichever lot the removal was charged to gets it back: every lot is certainly whole.
    expect(range(e, 'S', 'A')).toEqual([5, 5]);
    expect(range(e, 'S', 'B')).toEqual([5, 5]);
  });

  it('Max excludes unknown-lot stock (shown beside it), and a lot whose Max is 0 is certainly gone', () => {
    const e = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(2, 'SHIPMENT', 'S', '', -5), row(3, 'RETURN', 'S', '', 2), row(3, 'OPENING', 'S', '', 4)]);
    expect(range(e, 'S', 'A')).toEqual([2, 2]);
    const item = e.inventory().items[0];
    expect(item.unknownLotStock).toBe(4);
    const gone = engine([row(1, 'TRANSFER', 'S', 'A', 5), row(1, 'TRANSFER', 'S', 'B', 5), row(2, 'SHIPMENT', 'S', '', -10)]);
    expect(range(gone, 'S', 'A')).toEqual([0, 0]);
  });

  it('widens to contain FIFO and FEFO when the rules alone would not (mixed undo classes)', () => {
    // FIFO charges B (earlier expiry) for the shipment and A for the negative RETURN (not
    // undoable); Min(A) would charge A to the shipment, which the RETURN then restores.
    const e = engine([
      row(1, 'TRANSFER', 'S', 'A', 1, { expiry: '2026-03-01' }),
      row(1, 'TRANSFER', 'S', 'B', 2, { expiry: '2026-01-01' }),
      row(1, 'SHIPMENT', 'S', '', -2),
      row(2, 'RETURN', 'S', '', -1),
      row(3, 'RETURN', 'S', '', 2),
    ]);
    const a = e.poolFigures()[0].lots.find((l) => l.lot === 'a')!;
    expect(a).toMatchObject({ fifo: 0, ruleMin: 1, ruleMax: 0, min: 0, max: 1 });
    expect(range(e, 'S', 'A')).toEqual([0, 1]);
  });
});

describe('multipack pools', () => {
  it('singles never come out of a 6-pack', () => {
    const e = engine([row(1, 'TRANSFER', 'S-6PK', 'A', 2), row(2, 'SHIPMENT', 'S', '', -3), row(3, 'SHIPMENT', 'S-6PK', '', -1)], KITS);
    expect(est(e, 'S', 'A')).toBe(6);
    expect(e.onHand('S')).toBe(3);
    expect(e.onHand('S-6PK')).toBe(3);
    expect(est(e, 'S', 'UNSPECIFIED')).toBe(-3);
    expect(e.kitAvailable('S-6PK')).toBe(1);
    expect(e.kitAvailable('S')).toBe(0);
  });

  it('a lot in several pools sums its figures, its Min and Max too', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'S-6PK', 'A', 1),
        row(1, 'TRANSFER', 'S', 'A', 6),
        row(1, 'TRANSFER', 'S', 'B', 6),
        row(2, 'SHIPMENT', 'S', '', -6),
      ],
      KITS,
    );
    expect(e.lotsTable().rows).toEqual([
      ['FBA-US', 'S', 'A', null, 12, 12, 6, 6, 12],
      ['FBA-US', 'S', 'B', null, 6, 6, 6, 0, 6],
      ['FBA-US', 'S', 'UNSPECIFIED', null, 0, -6, 0, '', ''],
    ]);
  });
});

describe('kit availability', () => {
  it('counts sellable units (blank or SELLABLE, any case) in the Amazon SKU’s pool, per location, summed, never below 0', () => {
    const e = engine(
      [
        row(1, 'TRANSFER', 'S-6PK', 'A', 3),
        row(1, 'TRANSFER', 'S-6PK', 'A', 2, { location: 'FBA-CA' }),
        row(2, 'RETURN', 'S-6PK', '', 1, { disposition: 'CUSTOMER_DAMAGED' }),
        row(2, 'ADJUSTMENT', 'S-6PK', '', -1, { disposition: 'sellable', reason: 'E' }),
        row(2, 'SHIPMENT', 'S-6PK', '', -5, { location: 'FBA-CA', disposition: 'Sellable' }),
        row(2, 'TRANSFER', 'S', 'B', 5),
      ],
      KITS,
    );
    expect(e.kitAvailable('S-6PK', { location: 'FBA-US' })).toBe(2);
    expect(e.kitAvailable('S-6PK', { location: 'fba-ca' })).toBe(0);
    expect(e.kitAvailable('s-6pk')).toBe(2);
    expect(e.kitAvailable('S')).toBe(5);
    expect(e.kitAvailable('S-6PK', { asOf: day(1) })).toBe(5);
  });
});
