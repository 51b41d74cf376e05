/**
 * Ledger engine benchmark: FBA_LOTS over a whole ledger (read from a 2-D values array as a custom
 * function receives it, the read included) and a single lot-remaining query, on generated ledgers
 * of 10k, 100k and 1M rows.
 *
 * Run: npx tsx bench/engine.ts [sizes…]   (add --expose-gc to node for cleaner memory figures:
 * NODE_OPTIONS=--expose-gc npx tsx bench/engine.ts)
 */
import { utcDays } from '../src/core/days';
import { LotLedger } from '../src/core/ledger/engine';
import { mulberry32 } from './random';

export interface EngineBenchRow {
  rows: number;
  case: string;
  ms: number;
  /** Heap growth over the case (MiB), measured after the work, before collection. */
  heapMiB: number;
  /** Resident set size at the end of the case (MiB). */
  rssMiB: number;
  note: string;
}


const DAY_MS = 86_400_000;
const START = Date.UTC(2023, 0, 1);

export interface GeneratedLedger {
  ledger: unknown[][];
  kits: unknown[][];
  /** An SKU and lot for the single-lot query. */
  probe: { sku: string; lot: string };
}

/**
 * A realistic ledger of about `n` rows: 300 SKUs (one in five also sold as a 6-pack kit), 1–8 lots
 * per SKU with expiries, two locations, a year or more of days; daily compacted shipments, returns,
 * disposition pairs, losses and found units, removals, and a TRANSFER per lot.
 */
export function generateLedger(n: number, seed = 1): GeneratedLedger {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const skus = 300;
  const locations = ['FBA-US', 'FBA-CA'];
  const kits: unknown[][] = [['Amazon SKU', 'Component SKU', 'Units per kit']];
  const ledger: unknown[][] = [['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key']];
  // Pools: every SKU at both locations, plus its 6-pack pools.
  interface P { sku: string; component: string; location: string; lots: string[]; weight: number }
  const pools: P[] = [];
  for (let s = 0; s < skus; s++) {
    const sku = `SKU-${String(s).padStart(4, '0')}`;
    const nLots = int(1, 8);
    const lots = Array.from({ length: nLots }, (_, i) => `L${s}-${i + 1}`);
    const pack = s % 5 === 0;
    if (pack) kits.push([`${sku}-6PK`, sku, 6]);
    for (const location of locations) {
      const weight = location === 'FBA-US' ? 2 : 1;
      pools.push({ sku, component: sku, location, lots, weight });
      if (pack) pools.push({ sku: `${sku}-6PK`, component: sku, location, lots: lots.slice(0, Math.max(1, nLots >> 1)), weight: weight / 2 });
    }
  }
  const totalWeight = pools.reduce((a, p) => a + p.weight, 0);
  const days = Math.max(365, Math.min(2000, Math.round(((n / totalWeight) * 0.9) / 1.3)));
  const date = (d: number) => new Date(START + d * DAY_MS);
  const expiryOf = new Map<string, Date>();
  for (const p of pools) {
    const rows = Math.max(4, Math.round((n * p.weight) / totalWeight));
    const nLots = p.lots.length;
    const other = rows - nLots;
    // Outflow days: mostly one compacted shipment row per day, in order.
    let shipped = 0;
    const body: unknown[][] = [];
    for (let k = 0; k < other; k++) {
      const d = Math.floor((k / other) * days);
      const x = rnd();
      if (x < 0.72) {
        const q = int(1, 12);
        shipped += q;
        body.push([date(d), 'SHIPMENT', p.sku, 'UNSPECIFIED', -q, '', p.location, 'SELLABLE', '', '', 'report:1', '']);
      } else if (x < 0.84) {
        const q = int(1, 3);
        shipped -= q;
        body.push([date(d), 'RETURN', p.sku, 'UNSPECIFIED', q, '', p.location, rnd() < 0.7 ? 'SELLABLE' : 'CUSTOMER_DAMAGED', '', '', 'report:1', '']);
      } else if (x < 0.9) {
        body.push([date(d), 'ADJUSTMENT', p.sku, 'UNSPECIFIED', -1, '', p.location, 'SELLABLE', 'E', '', 'report:1', '']);
        body.push([date(d), 'ADJUSTMENT', p.sku, 'UNSPECIFIED', 1, '', p.location, 'WAREHOUSE_DAMAGED', 'P', '', 'report:1', '']);
        k++;
      } else if (x < 0.95) {
        const q = int(1, 2);
        shipped += q;
        body.push([date(d), 'ADJUSTMENT', p.sku, 'UNSPECIFIED', -q, '', p.location, 'SELLABLE', rnd() < 0.5 ? 'M' : 'D', '', 'report:1', '']);
      } else if (x < 0.98) {
        const q = 1;
        shipped -= q;
        body.push([date(d), 'ADJUSTMENT', p.sku, 'UNSPECIFIED', q, '', p.location, 'SELLABLE', 'F', '', 'report:1', '']);
      } else {
        const q = int(1, 5);
        shipped += q;
        body.push([date(d), 'REMOVAL', p.sku, 'UNSPECIFIED', -q, '', p.location, 'UNSELLABLE', '', `RO-${int(1, 50)}`, 'report:1', '']);
      }
    }
    // One TRANSFER per lot, spread over the period, covering the outflows and a little more.
    const per = Math.max(1, Math.ceil((Math.max(shipped, 0) * 1.05) / nLots));
    for (let i = 0; i < nLots; i++) {
      const lot = p.lots[i];
      let expiry = expiryOf.get(lot);
      if (!expiry) {
        expiry = date(days + 200 + i * 60);
        expiryOf.set(lot, expiry);
      }
      const d = Math.floor((i / nLots) * days * 0.8);
      ledger.push([date(d), 'TRANSFER', p.sku, lot, per, expiry, p.location, '', '', `FBA${int(100000, 999999)}`, 'manual', '']);
    }
    for (const r of body) ledger.push(r);
  }
  // Sheet order: roughly by date, as a seller's ledger grows (not exactly, so the engine sorts).
  const head = ledger.shift()!;
  for (let i = ledger.length - 1; i > 0; i--) {
    if (rnd() < 0.1) {
      const j = Math.max(0, i - int(1, 50));
      const t = ledger[i];
      ledger[i] = ledger[j];
      ledger[j] = t;
    }
  }
  ledger.sort((a, b) => (a[0] as Date).getTime() - (b[0] as Date).getTime());
  ledger.unshift(head);
  // Whole-column range: trailing blank rows.
  for (let i = 0; i < 1000; i++) ledger.push(['', '', '', '', '', '', '', '', '', '', '', '']);
  return { ledger, kits, probe: { sku: 'SKU-0000', lot: 'L0-1' } };
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

function measure(rows: number, name: string, note: string, fn: () => string): EngineBenchRow {
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const detail = fn();
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  return {
    rows,
    case: name,
    ms: Math.round(ms * 10) / 10,
    heapMiB: Math.round(((after.heapUsed - before.heapUsed) / 1048576) * 10) / 10,
    rssMiB: Math.round((after.rss / 1048576) * 10) / 10,
    note: note + detail,
  };
}

/** Runs the benchmark for each size and returns one row per size × case. */
export async function runEngineBench(sizes: number[] = [10_000, 100_000, 1_000_000]): Promise<EngineBenchRow[]> {
  const out: EngineBenchRow[] = [];
  for (const n of sizes) {
    const g = generateLedger(n);
    const dataRows = g.ledger.length - 1001;
    out.push(
      measure(dataRows, 'FBA_LOTS (read + table, FIFO)', '', () => {
        const e = LotLedger.fromValues(g.ledger, g.kits, utcDays);
        const t = e.lotsTable({ method: 'FIFO' });
        return `${t.rows.length} table rows`;
      }),
    );
    out.push(
      measure(dataRows, 'FBA_LOTS (read + table, MAX)', '', () => {
        const e = LotLedger.fromValues(g.ledger, g.kits, utcDays);
        const t = e.lotsTable({ method: 'MAX' });
        return `${t.rows.length} table rows`;
      }),
    );
    out.push(
      measure(dataRows, 'FBA_LOT_REMAINING (read + one lot, MAX)', '', () => {
        const e = LotLedger.fromValues(g.ledger, g.kits, utcDays);
        const v = e.lotRemaining(g.probe.sku, g.probe.lot, { method: 'MAX' });
        return `${g.probe.sku} ${g.probe.lot} = ${v}`;
      }),
    );
    out.push(
      measure(dataRows, 'read only', '', () => {
        const e = LotLedger.fromValues(g.ledger, g.kits, utcDays);
        return `${e.warnings.length} warnings`;
      }),
    );
  }
  return out;
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /bench[\\/]engine\.ts$/.test(process.argv[1]);
if (isMain) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  void runEngineBench(sizes.length ? sizes : undefined).then((rows) => {
    for (const r of rows) {
      console.log(
        `${String(r.rows).padStart(8)} rows  ${r.case.padEnd(42)} ${String(r.ms).padStart(9)} ms  heap +${String(r.heapMiB).padStart(7)} MiB  rss ${String(r.rssMiB).padStart(7)} MiB  ${r.note}`,
      );
    }
  });
}
