/**
 * Report parsing and import planning bench: `npx tsx bench/parse.ts [events…]` (default 100000
 * 1000000). It generates a GET_LEDGER_DETAIL_VIEW_DATA file as SP-API delivers it (every value
 * quoted, tab-separated, spaced names) for a realistic seller: 300 SKUs of uneven popularity, eight
 * US fulfillment centers, 1,000 orders a day (more for the 1M file so that it spans a year),
 * customer returns a few days after ~4% of orders, adjustments (damage pairs, lost, found), weekly
 * receipts, warehouse transfers. Then it times, in one process:
 * - parse (text → typed records), map + compact, plan against an empty ledger, and plan again
 *   against the ledger that import produced (the idempotent re-import, where every row is in scope
 *   and its key is checked);
 * - the tokenizer alone and papaparse (tab delimiter) on the same text.
 * Peak memory is the highest live heap sampled after each phase (after a forced GC when the
 * process runs with --expose-gc, which this script arranges by re-running itself) above the heap
 * holding the text. Times are the best of several runs (the machine may be shared). `runParseBench`
 * returns the rows for a combined bench.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { dayFromYmd, ymdFromDay } from '../src/core/days';
import { mapDetail } from '../src/core/import/detail';
import { planImport } from '../src/core/import/importPlan';
import { applySheetPlan } from '../src/core/import/plan';
import { parseReportText, type DetailReport } from '../src/core/reports/parse';
import { readRecords } from '../src/core/reports/table';
import { mulberry32 } from './random';

export interface ParseBenchRow {
  events: number;
  days: number;
  ordersPerDay: number;
  textMB: number;
  parseMs: number;
  mapCompactMs: number;
  planMs: number;
  replanMs: number;
  /** parse + map + compact + plan (first import). */
  totalMs: number;
  peakHeapMB: number;
  ledgerRows: number;
  receiptRows: number;
  ledgerRowsPerEvent: number;
  tokenizeMs: number;
  papaparseMs: number;
  papaparsePeakHeapMB: number;
  maxRssMB: number;
}

const HEADER = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];
const FCS = ['PHX7', 'ONT8', 'LGB8', 'SBD1', 'MDW2', 'BFI4', 'TEB9', 'ABE8'];


const p2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** The detail file's text with about `events` rows; also returns its shape. */
export function generateDetailText(events: number, seed = 1): { text: string; rows: number; days: number; ordersPerDay: number } {
  const rand = mulberry32(seed);
  const skus = Array.from({ length: 300 }, (_, i) => ({
    msku: `SKU-${String(i + 1).padStart(4, '0')}`,
    fnsku: `X00${(1000000 + i * 7919).toString(36).toUpperCase().padStart(7, '0')}`,
    asin: `B0${(5000000 + i * 104729).toString(36).toUpperCase().padStart(8, '0')}`,
    title: `Product ${i + 1} – crème edition, ${1 + (i % 12)}-pack`,
  }));
  // Zipf-like popularity: SKU k sells ∝ 1/(k+1).
  const weights = skus.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const pick = (): number => {
    const r = rand();
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const perDay = 1.1; // events per order (returns, adjustments, transfers, receipts)
  const days = events <= 400_000 ? Math.ceil(events / (1000 * perDay)) : 365;
  const ordersPerDay = Math.round(events / days / perDay);
  const start = dayFromYmd(2025, 1, 1);
  const q = (s: string): string => '"' + s + '"';
  const out: string[] = [HEADER.map(q).join('\t')];
  let rows = 0;
  let order = 1000000;
  const returns: Array<{ day: number; sku: number; ref: string }> = [];
  const push = (day: number, sku: number, event: string, ref: string, qty: number, fc: string, disp: string, reason: string, rec = '', unrec = ''): void => {
    const [y, m, d] = ymdFromDay(day);
    const s = skus[sku];
    const date = `${p2(m)}/${p2(d)}/${y}`;
    const time = `${y}-${p2(m)}-${p2(d)}T${p2(Math.floor(rand() * 24))}:${p2(Math.floor(rand() * 60))}:00-0800`;
    out.push([date, s.fnsku, s.asin, s.msku, s.title, event, ref, String(qty), fc, disp, reason, 'US', rec, unrec, time].map(q).join('\t'));
    rows++;
  };
  let day = start;
  for (; rows < events; day++) {
    if ((day - start) % 7 === 0) {
      for (let k = 0; k < 40; k++) {
        const sku = pick();
        push(day, sku, 'Receipts', `FBA15${(day * 100 + k).toString(36).toUpperCase()}`, 20 + Math.floor(rand() * 200), FCS[k % FCS.length], 'SELLABLE', '');
      }
    }
    for (let o = 0; o < ordersPerDay; o++) {
      const sku = pick();
      const ref = `11${order % 10}-${String(order).padStart(7, '0')}-${String((order * 7) % 10000000).padStart(7, '0')}`;
      order++;
      const qty = rand() < 0.9 ? 1 : 2;
      push(day, sku, 'Shipments', ref, -qty, FCS[Math.floor(rand() * FCS.length)], 'SELLABLE', '');
      if (rand() < 0.04) returns.push({ day: day + 3 + Math.floor(rand() * 20), sku, ref });
    }
    for (let i = returns.length - 1; i >= 0; i--) {
      if (returns[i].day === day) {
        const r = returns[i];
        push(day, r.sku, 'CustomerReturns', r.ref, 1, FCS[0], rand() < 0.7 ? 'SELLABLE' : 'CUSTOMER_DAMAGED', '');
        returns.splice(i, 1);
      }
    }
    const adjustments = Math.round(ordersPerDay * 0.01);
    for (let a = 0; a < adjustments; a++) {
      const sku = pick();
      const ref = String(5000000000 + rows);
      const r = rand();
      if (r < 0.5) {
        push(day, sku, 'Adjustments', ref, -1, FCS[1], 'SELLABLE', 'E');
        push(day, sku, 'Adjustments', ref, 1, FCS[1], 'WAREHOUSE_DAMAGED', 'P');
      } else if (r < 0.8) push(day, sku, 'Adjustments', ref, -1, FCS[2], 'SELLABLE', 'M', '0', '1');
      else push(day, sku, 'Adjustments', ref, 1, FCS[2], 'SELLABLE', 'F', '1', '0');
    }
    const transfers = Math.round(ordersPerDay * 0.01);
    for (let t = 0; t < transfers; t++) {
      const sku = pick();
      const ref = `T${day}-${t}`;
      push(day, sku, 'WhseTransfers', ref, -3, FCS[3], 'SELLABLE', '');
      push(day, sku, 'WhseTransfers', ref, 3, FCS[4], 'SELLABLE', '');
    }
  }
  // Exactly `events` rows (the last day is cut short).
  if (out.length > events + 1) out.length = events + 1;
  return { text: out.join('\n') + '\n', rows: out.length - 1, days: day - start, ordersPerDay };
}

declare const gc: undefined | (() => void);

function liveHeap(): number {
  if (typeof gc === 'function') gc();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

function measureOnce(text: string, rows: number, locations: Map<string, string>) {
  const base = liveHeap();
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, liveHeap() - base);
  };
  let t = performance.now();
  const report = parseReportText(text) as DetailReport;
  const parseMs = performance.now() - t;
  sample();

  t = performance.now();
  const mapped = mapDetail(report.records, { locations, source: 'report:bench' });
  const mapCompactMs = performance.now() - t;
  sample();

  t = performance.now();
  const plan = planImport(report, {}, { source: 'report:bench', locations });
  const planMs = performance.now() - t; // includes its own map + compact
  sample();
  const ledger = applySheetPlan([], plan.ledger);
  const receipts = applySheetPlan([], plan.receipts);

  t = performance.now();
  const replan = planImport(report, { ledger, receipts }, { source: 'report:bench2', locations });
  const replanMs = performance.now() - t;
  sample();
  if (replan.ledger.append.length !== 0 || replan.ledger.replaced !== 0) throw new Error('re-import was not idempotent');
  if (report.records.length !== rows) throw new Error(`parsed ${report.records.length} rows for ${rows}`);
  return {
    parseMs, mapCompactMs, planMs, replanMs, peak, ledgerRows: mapped.ledgerRows.length, receiptRows: mapped.receiptSheetRows.length,
  };
}

function measurePapa(text: string, rows: number): { ms: number; heap: number } {
  const base = liveHeap();
  const t = performance.now();
  const papa = Papa.parse<string[]>(text, { delimiter: '\t' });
  const ms = performance.now() - t;
  const heap = liveHeap() - base;
  if (papa.data.length < rows) throw new Error('papaparse read too few rows');
  return { ms, heap };
}

function measureTokenizer(text: string, rows: number): number {
  const t = performance.now();
  let n = 0;
  readRecords(text, () => {
    n++;
  });
  const ms = performance.now() - t;
  if (n !== rows + 1) throw new Error(`tokenizer read ${n} records for ${rows + 1}`);
  return ms;
}

/**
 * Runs the bench for each size and returns one row per size. Each phase is run `repeats` times
 * (after a warm-up on a small file) and its best time kept, so that other load on the machine
 * disturbs the figures less; memory comes from the first run.
 */
export function runParseBench(sizes: readonly number[] = [100_000, 1_000_000], repeats?: number): ParseBenchRow[] {
  const out: ParseBenchRow[] = [];
  const locations = new Map([['US', 'FBA-US']]);
  {
    const warm = generateDetailText(20_000, 7);
    measureOnce(warm.text, warm.rows, locations);
    measurePapa(warm.text, warm.rows);
    measureTokenizer(warm.text, warm.rows);
  }
  for (const events of sizes) {
    const gen = generateDetailText(events);
    const text = gen.text;
    const n = repeats ?? (events <= 200_000 ? 5 : 2);
    let best: ReturnType<typeof measureOnce> | null = null;
    let papaMs = Infinity, papaHeap = 0, tokenizeMs = Infinity;
    for (let i = 0; i < n; i++) {
      const m = measureOnce(text, gen.rows, locations);
      if (!best) best = m;
      else {
        best.parseMs = Math.min(best.parseMs, m.parseMs);
        best.mapCompactMs = Math.min(best.mapCompactMs, m.mapCompactMs);
        best.planMs = Math.min(best.planMs, m.planMs);
        best.replanMs = Math.min(best.replanMs, m.replanMs);
      }
      tokenizeMs = Math.min(tokenizeMs, measureTokenizer(text, gen.rows));
      const p = measurePapa(text, gen.rows);
      if (i === 0) papaHeap = p.heap;
      papaMs = Math.min(papaMs, p.ms);
    }
    const b = best!;
    out.push({
      events: gen.rows,
      days: gen.days,
      ordersPerDay: gen.ordersPerDay,
      textMB: text.length / MB,
      parseMs: b.parseMs,
      mapCompactMs: b.mapCompactMs,
      planMs: b.planMs,
      replanMs: b.replanMs,
      totalMs: b.parseMs + b.planMs,
      peakHeapMB: b.peak / MB,
      ledgerRows: b.ledgerRows,
      receiptRows: b.receiptRows,
      ledgerRowsPerEvent: b.ledgerRows / gen.rows,
      tokenizeMs,
      papaparseMs: papaMs,
      papaparsePeakHeapMB: papaHeap / MB,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    });
  }
  return out;
}

function print(rows: ParseBenchRow[]): void {
  const f = (n: number, d = 0): string => n.toFixed(d);
  for (const r of rows) {
    console.log(`\n${r.events.toLocaleString('en-US')} events (${r.days} days, ${r.ordersPerDay} orders/day, ${f(r.textMB, 1)} MB of text)`);
    console.log(`  parse                 ${f(r.parseMs)} ms`);
    console.log(`  map + compact         ${f(r.mapCompactMs)} ms`);
    console.log(`  plan (empty sheet)    ${f(r.planMs)} ms   (map + compact + plan)`);
    console.log(`  parse + map + compact + plan  ${f(r.totalMs)} ms, peak live heap ${f(r.peakHeapMB)} MB above the text`);
    console.log(`  re-plan (idempotent)  ${f(r.replanMs)} ms against ${r.ledgerRows} ledger rows`);
    console.log(`  ledger rows written   ${r.ledgerRows} (${f(r.ledgerRowsPerEvent, 4)} per event), receipts rows ${r.receiptRows}`);
    console.log(`  tokenizer alone       ${f(r.tokenizeMs)} ms`);
    console.log(`  papaparse             ${f(r.papaparseMs)} ms, ${f(r.papaparsePeakHeapMB)} MB live heap for its result (parse is ${f(r.papaparseMs / r.parseMs, 1)}× faster)`);
    console.log(`  process max RSS       ${f(r.maxRssMB)} MB`);
  }
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] && (process.argv[1] === self || process.argv[1].endsWith('bench/parse.ts'))) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  if (typeof gc !== 'function' && !process.env.PARSE_BENCH_CHILD) {
    // Re-run with a collectable heap so memory figures are live sizes, not garbage.
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, PARSE_BENCH_CHILD: '1' },
    });
    process.exit(r.status ?? 1);
  }
  print(runParseBench(sizes.length ? sizes : undefined));
}
