/**
 * Compacting closed months: once a month is closed for a location, the Amazon rows the imports
 * wrote for it (Source `report:`, `file:` or an earlier `compacted:`; SHIPMENT, RETURN, REMOVAL,
 * ADJUSTMENT; Lot UNSPECIFIED; Key still matching the row) fold into fewer rows, while the
 * `Reconciliation` rows keep the month's detail.
 *
 * ## Which rows may fold together
 *
 * A fold must not change any charge, balance, estimate (FIFO, FEFO) or Min/Max as of any date
 * outside the month. Sums are easy: a folded row keeps Location × SKU × Event × Disposition ×
 * Reason × sign, so on hand, recorded balances, sellable units (kit availability) and every
 * reconciliation flow stay as they were. Estimates are not: the walk of spec §4 carries, from one
 * month into the next, every layer's holding, the unallocated depletion, and the undo stacks (which
 * outflow charged which layers, in which order, under which Reference), and these depend on the
 * order rows are taken in. Folding a whole month onto one day is not safe: a RETURN undoes the
 * latest shipments, so shipments before and after it are not interchangeable (in the Min variant a
 * RETURN even reaches the charges of older months before the special lot's), and a Reference match
 * ties two rows for ever. Nor can the month's fold be checked against the data alone, because a
 * reservation inside the month depends on named rows that may be typed years later (rule 4).
 *
 * So the rule is about order, and holds for every history before the month, every row after it and
 * every reservation. Take one pool's rows of the month in the engine's order (rule 1, exactly as
 * `preparePool` sorts them):
 *
 * 1. **Uncharged rows** (disposition changes, rule 7: an unspecified ADJUSTMENT with reason 6, 7,
 *    E, H, K, U, Q or P) only add to the uncharged net; they commute with every other row. Those of
 *    the month fold per key, wherever they are, dated the group's last day. Their Reference takes no
 *    part in matching, but a Reference that names a TRANSFER's shipment settles it in the
 *    reconciliation, so such rows are never folded.
 * 2. Every other row is a step of the walk. A **run** is a maximal sequence of consecutive steps
 *    (uncharged rows ignored) that are all foldable, all of one engine kind (charged outflow of one
 *    undo class, or unspecified inflow of one kind) and all without a Reference. Within a run no row
 *    of any other kind, no named row (so no reservation or layer change) and no Reference comes in
 *    between, and then:
 *    - consecutive outflows of one class charge the layers one after the other, so their charges
 *      are the concatenation of one outflow of the summed units (also in the Min and Max variants,
 *      where the special lot is taken first or last), and undoing them later restores the same
 *      units to the same layers in the same order; what no layer can take is depletion either way;
 *    - consecutive inflows of one kind take depletion, then undo charges, in one fixed priority
 *      order, each continuing where the previous stopped, exactly as one inflow of the summed units
 *      would; what remains becomes unknown-lot stock of the run's days, and those unknown layers are
 *      adjacent in every charge order (a layer arriving in between would need a named row in between),
 *      so they act as one layer of the last day.
 *    Rows of one key in a run fold into one row dated the day of the group's last row.
 * 3. Rows with a Reference, named rows, rows users typed, OPENING, TRANSFER and RECONCILIATION rows,
 *    rows whose Key no longer matches (edited), rows with an Expiry, and zero rows never fold; they
 *    end runs.
 *
 * A run folded onto its last day must still sit between the same neighbours in the engine's order
 * (a folded row's quantity and day are new sort keys). The planner sorts the month again with the
 * folded rows and compares; a run that moved is left unfolded (and the check repeated).
 *
 * The month's state at its end is therefore the same for every method and variant, so every figure
 * as of a date after the month is; before the month nothing changed. As of a day inside the month,
 * figures may differ (the month's rows are now dated at the end of their runs).
 *
 * ## What is written
 *
 * Each folded group becomes one row: Lot UNSPECIFIED, Source `compacted:<month>`, Key `k1:` + the
 * hash of its content (as imports key their rows, so an edit is detectable and the row can fold
 * again). Imports replace only rows whose Source is `report:` or `file:`, so compacted rows are never
 * replaced or removed by an import; compacting is meant for months whose data is final.
 */
import { isoFromDay, monthBounds, type Day, type Month } from './days';
import { computeRowKey, LEDGER_KIND } from './import/keys';
import { classifyRow, isUnspecifiedInflow, KIND_UNCHARGED } from './ledger/classify';
import { addRow, newPool, preparePool, TextTable, type LedgerTables } from './ledger/pool';
import { textKey } from './ledger/text';
import { UNSPECIFIED, type LedgerEvent, type LedgerRow } from './ledger/types';

/** Source prefix of folded rows: `compacted:<month>`. */
export const COMPACTED_PREFIX = 'compacted:';

/** Events of the rows Amazon writes (the only ones that fold). */
const FOLDABLE_EVENTS: ReadonlySet<LedgerEvent> = new Set<LedgerEvent>(['SHIPMENT', 'RETURN', 'REMOVAL', 'ADJUSTMENT']);

/** Where an SKU's units go (kits): its component and units per kit. */
export type PoolResolver = (sku: string) => { component: string; unitsPerKit: number };

/** A month closed at a location (spec §7). */
export interface ClosedMonthRef {
  month: Month;
  location: string;
}

export interface CompactInput {
  /** Every ledger row (`row` = its sheet row). */
  rows: readonly LedgerRow[];
  resolve: PoolResolver;
  /** The months to compact; only rows of these months at these locations change. */
  months: readonly ClosedMonthRef[];
}

/** A row the compaction writes. */
export interface CompactedRow {
  day: Day;
  event: LedgerEvent;
  sku: string;
  quantity: number;
  location: string;
  disposition: string;
  reason: string;
  reference: string;
  source: string;
  key: string;
}

export interface MonthCompaction {
  month: Month;
  location: string;
  /** Foldable rows of the month before, and the rows that stand for them after. */
  rowsBefore: number;
  rowsAfter: number;
}

export interface CompactPlan {
  /** Sheet rows to delete. */
  remove: number[];
  /** Rows to append. */
  write: CompactedRow[];
  months: MonthCompaction[];
}

/** The ledger cells a key is computed from (all but Source and Key), as ISO text for the day. */
function keyCells(r: Omit<CompactedRow, 'source' | 'key'>): unknown[] {
  return [isoFromDay(r.day), r.event, r.sku, UNSPECIFIED, r.quantity, '', r.location, r.disposition, r.reason, r.reference];
}

/** The Key of a row the compaction writes (the import's `k1:` key of its content). */
export function compactedKey(r: Omit<CompactedRow, 'source' | 'key'>): string {
  return computeRowKey(LEDGER_KIND, keyCells(r))!;
}

/** True for a row Amazon's data wrote that is still as written: it may fold. */
export function isFoldable(r: LedgerRow): boolean {
  if (!FOLDABLE_EVENTS.has(r.event) || r.lot !== null || r.expiry !== null || r.quantity === 0) return false;
  const s = r.source.toLowerCase();
  if (!s.startsWith('report:') && !s.startsWith('file:') && !s.startsWith(COMPACTED_PREFIX)) return false;
  const key = computeRowKey(LEDGER_KIND, [isoFromDay(r.day), r.event, r.sku, UNSPECIFIED, r.quantity, '', r.location, r.disposition, r.reason, r.reference]);
  return key !== null && key === r.key;
}

/** The engine kind of a non-zero unspecified row. */
function kindOf(r: LedgerRow, unitsPerKit: number): number {
  return classifyRow(r.event, r.lot !== null, r.quantity * unitsPerKit, r.event === 'ADJUSTMENT' ? textKey(r.reason) : '').kind;
}

/** The engine's processing order (rule 1) of one pool's rows: indices into `rows`. */
function processingOrder(rows: readonly LedgerRow[], unitsPerKit: number): number[] {
  const t: LedgerTables = { rows, lots: new TextTable(), refs: new TextTable(), reasons: new TextTable() };
  const pool = newPool(0, '', '', unitsPerKit);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const units = r.quantity * unitsPerKit;
    if (units === 0) continue;
    const lotId = r.lot === null ? -1 : t.lots.id(textKey(r.lot));
    addRow(pool, t, i, units, lotId, t.refs.id(textKey(r.reference)), t.reasons.id(textKey(r.reason)));
  }
  return Array.from(preparePool(pool, t).rowIndex);
}

function foldKey(r: LedgerRow): string {
  return [textKey(r.sku), r.event, textKey(r.disposition), textKey(r.reason), r.quantity > 0 ? '+' : '-'].join('\u0001');
}

/** One pool × month. */
interface PoolMonth {
  unitsPerKit: number;
  rows: LedgerRow[];
}

interface Fold {
  /** Rows folded (indices into the pool-month's rows). */
  members: number[];
  row: LedgerRow;
}

/** Folds a group of rows into one, dated its last member's day; spelled like its first member. */
function foldRows(rows: readonly LedgerRow[], members: number[], source: string): LedgerRow {
  const first = rows[members[0]];
  let day = first.day;
  let quantity = 0;
  const refs = new Set<string>();
  for (const m of members) {
    if (rows[m].day > day) day = rows[m].day;
    quantity += rows[m].quantity;
    refs.add(rows[m].reference);
  }
  const reference = refs.size === 1 ? first.reference : '';
  const base = {
    day, event: first.event, sku: first.sku, quantity, location: first.location, disposition: first.disposition,
    reason: first.reason, reference,
  };
  return {
    row: 0, ...base, lot: null, expiry: null, source, key: compactedKey(base),
  };
}

/**
 * Plans the folds of one pool × month. Returns the folds (each group of ≥ 2 rows) or none.
 */
function planPoolMonth(pm: PoolMonth, source: string, transferRefs: ReadonlySet<string>): Fold[] {
  const rows = pm.rows;
  const order = processingOrder(rows, pm.unitsPerKit);
  const foldable = rows.map(isFoldable);
  const kind = rows.map((r) => kindOf(r, pm.unitsPerKit));
  // Uncharged rows: fold per key over the month.
  const inertGroups = new Map<string, number[]>();
  // Runs of steps: run id per row (−1 for uncharged rows), and whether the run may fold.
  const runOf = new Int32Array(rows.length).fill(-1);
  const runKinds: number[] = [];
  const runFoldable: boolean[] = [];
  // Days with a named row: an inflow run does not continue onto one (a lot arriving there would
  // come between the unknown-lot layers of the run's days).
  const namedDays = new Set<number>();
  for (const r of rows) if (r.lot !== null && r.quantity !== 0) namedDays.add(r.day);
  let lastKey: string | null = null;
  let lastDay = -1;
  for (const i of order) {
    const r = rows[i];
    if (kind[i] === KIND_UNCHARGED) {
      if (foldable[i] && (r.reference === '' || !transferRefs.has(textKey(r.reference)))) {
        const k = foldKey(r);
        const g = inertGroups.get(k);
        if (g) g.push(i);
        else inertGroups.set(k, [i]);
      }
      continue;
    }
    const key = foldable[i] && r.reference === '' ? `k${kind[i]}` : null;
    const newDay = r.day !== lastDay && namedDays.has(r.day) && isUnspecifiedInflow(kind[i]);
    if (key === null || key !== lastKey || newDay) {
      runKinds.push(kind[i]);
      runFoldable.push(key !== null);
    }
    runOf[i] = runKinds.length - 1;
    lastKey = key;
    lastDay = r.day;
  }
  const folds: Fold[] = [];
  for (const members of inertGroups.values()) {
    if (members.length > 1) folds.push({ members, row: foldRows(rows, members, source) });
  }
  const nRuns = runKinds.length;
  const allowed = runFoldable.slice();
  for (;;) {
    // Groups per run.
    const runFolds: Fold[] = [];
    const groups = new Map<string, number[]>();
    for (let i = 0; i < rows.length; i++) {
      const run = runOf[i];
      if (run < 0 || !allowed[run]) continue;
      const k = run + '\u0002' + foldKey(rows[i]);
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    }
    const foldRun: number[] = [];
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      runFolds.push({ members, row: foldRows(rows, members, source) });
      foldRun.push(runOf[members[0]]);
    }
    if (runFolds.length === 0) return folds;
    // Check: the month sorted again with the folded rows keeps every run in its place.
    const folded = new Set<number>();
    for (const f of runFolds) for (const m of f.members) folded.add(m);
    const next: LedgerRow[] = [];
    const nextRun: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (folded.has(i) || runOf[i] < 0) continue;
      next.push(rows[i]);
      nextRun.push(runOf[i]);
    }
    runFolds.forEach((f, j) => {
      next.push(f.row);
      nextRun.push(foldRun[j]);
    });
    const seq: number[] = [];
    for (const i of processingOrder(next, pm.unitsPerKit)) {
      if (seq.length === 0 || seq[seq.length - 1] !== nextRun[i]) seq.push(nextRun[i]);
    }
    let bad = -1;
    for (let j = 0; j < Math.max(nRuns, seq.length); j++) {
      if (seq[j] !== j) {
        bad = j;
        break;
      }
    }
    if (bad < 0) return folds.concat(runFolds);
    // A run moved: leave the runs at the first place out of order unfolded, and check again.
    const folding = new Set(foldRun);
    const culprits = [bad, seq[bad]].filter((j): j is number => j !== undefined && folding.has(j));
    if (culprits.length === 0) return folds;
    for (const j of culprits) allowed[j] = false;
  }
}

/**
 * Plans the compaction of the given months (each at its location): the sheet rows to delete and the
 * rows to append. Months with nothing to fold are listed with equal counts. Pure.
 */
export function planCompaction(input: CompactInput): CompactPlan {
  const wanted = new Map<string, ClosedMonthRef>();
  for (const m of input.months) {
    if (!monthBounds(m.month)) throw new Error(`not a month: ${m.month}`);
    wanted.set(textKey(m.location) + '\u0001' + m.month, m);
  }
  const transferRefs = new Set<string>();
  for (const r of input.rows) if (r.event === 'TRANSFER' && r.reference !== '') transferRefs.add(textKey(r.reference));
  // Pool × month buckets of the wanted months.
  const buckets = new Map<string, { ref: ClosedMonthRef; pools: Map<string, PoolMonth> }>();
  const resolved = new Map<string, { component: string; unitsPerKit: number }>();
  for (const r of input.rows) {
    const month = isoFromDay(r.day).slice(0, 7);
    const mk = textKey(r.location) + '\u0001' + month;
    const ref = wanted.get(mk);
    if (!ref) continue;
    let b = buckets.get(mk);
    if (!b) buckets.set(mk, (b = { ref, pools: new Map() }));
    let t = resolved.get(r.sku);
    if (!t) resolved.set(r.sku, (t = input.resolve(r.sku)));
    const pk = textKey(t.component) + '\u0001' + t.unitsPerKit;
    let pm = b.pools.get(pk);
    if (!pm) b.pools.set(pk, (pm = { unitsPerKit: t.unitsPerKit, rows: [] }));
    pm.rows.push(r);
  }
  const remove: number[] = [];
  const write: CompactedRow[] = [];
  const months: MonthCompaction[] = [];
  const sortedKeys = [...wanted.keys()].sort();
  for (const mk of sortedKeys) {
    const ref = wanted.get(mk)!;
    const b = buckets.get(mk);
    let before = 0;
    let after = 0;
    if (b) {
      for (const pm of b.pools.values()) {
        const n = pm.rows.filter(isFoldable).length;
        before += n;
        after += n;
        for (const f of planPoolMonth(pm, COMPACTED_PREFIX + ref.month, transferRefs)) {
          for (const m of f.members) remove.push(pm.rows[m].row);
          after -= f.members.length - 1;
          const { row: _row, lot: _lot, expiry: _expiry, ...rest } = f.row;
          write.push(rest);
        }
      }
    }
    months.push({ month: ref.month, location: ref.location, rowsBefore: before, rowsAfter: after });
  }
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  write.sort((a, b) => a.day - b.day || cmp(a.location, b.location) || cmp(a.sku, b.sku) || cmp(a.event, b.event) ||
    cmp(a.disposition, b.disposition) || cmp(a.reason, b.reason) || a.quantity - b.quantity);
  return { remove: remove.sort((a, b) => a - b), write, months };
}
