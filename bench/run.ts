/**
 * `npm run bench`: one table of the add-on's performance figures on this machine.
 * - the ledger engine: FBA_LOTS and one FBA_LOT_REMAINING over 10k, 100k and 1M ledger rows;
 * - parsing and import planning of a ledger detail file of 100k and 1M events, with papaparse
 *   parsing the same text in the same run for reference;
 * - the spreadsheet cells a year of a busy seller uses (1,000 orders a day) against the
 *   10,000,000-cell limit, as imported and after "Compact closed months";
 * - the server bundle's size and the time to load it (every custom-function call loads it whole).
 *
 * Options: `--quick` runs the small sizes only. Times are wall-clock in Node on this machine;
 * Apps Script's V8 is several times slower, so the aims leave wide margins.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { runEngineBench } from './engine';
import { generateDetailText, runParseBench } from './parse';
import { parseReportText, type DetailReport } from '../src/core/reports/parse';
import { planImport } from '../src/core/import/importPlan';
import { LEDGER, RECEIPTS, SUMMARY, RECONCILIATION, IMPORT_LOG } from '../src/app/layout';
import { planCompaction } from '../src/core/compact';
import { isoFromDay, utcDays } from '../src/core/days';
import { readLedger } from '../src/core/ledger/read';

const self = fileURLToPath(import.meta.url);
const quick = process.argv.includes('--quick');

if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env.BENCH_CHILD) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_CHILD: '1', PARSE_BENCH_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

interface Line {
  area: string;
  what: string;
  size: string;
  figure: string;
  note: string;
}

const lines: Line[] = [];
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

// ---- engine ----------------------------------------------------------------------------------
const engineSizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
for (const r of await runEngineBench(engineSizes)) {
  if (r.case === 'read only') continue;
  lines.push({ area: 'engine', what: r.case, size: `${fmt(r.rows)} rows`, figure: `${fmt(r.ms)} ms`, note: `heap +${fmt(r.heapMiB)} MiB; ${r.note}` });
}

// ---- parsing and import planning --------------------------------------------------------------
const parseSizes = quick ? [100_000] : [100_000, 1_000_000];
for (const r of runParseBench(parseSizes, quick ? 2 : undefined)) {
  const size = `${fmt(r.events)} events`;
  lines.push({ area: 'import', what: 'parse', size, figure: `${fmt(r.parseMs)} ms`, note: `${fmt(r.textMB, 1)} MB of text` });
  lines.push({ area: 'import', what: 'papaparse, same text (reference)', size, figure: `${fmt(r.papaparseMs)} ms`, note: `ours is ${fmt(r.papaparseMs / r.parseMs, 1)}× faster` });
  lines.push({ area: 'import', what: 'parse + map + compact + plan', size, figure: `${fmt(r.totalMs)} ms`, note: `peak heap ${fmt(r.peakHeapMB)} MB above the text` });
  lines.push({ area: 'import', what: 'ledger rows written per event', size, figure: fmt(r.ledgerRowsPerEvent, 3), note: `${fmt(r.ledgerRows)} ledger rows over ${r.days} days` });
}

// ---- cells per year ---------------------------------------------------------------------------
{
  // A year at 1,000 orders a day: generateDetailText spreads events over days at that rate.
  const gen = generateDetailText(1_100 * 365, 3);
  const report = parseReportText(gen.text) as DetailReport;
  const plan = planImport(report, {}, { source: 'file:year.tsv', locations: new Map([['US', 'FBA-US']]) });
  const ledgerRows = plan.ledger.append.length;
  const receiptRows = plan.receipts.append.length;
  const skus = 300;
  const summaryRows = 12 * skus * 2; // per month × MSKU × disposition (sellable + one unsellable on average)
  const reconciliationRows = 12 * skus;
  const logRows = 12 * 6;
  const cells = ledgerRows * LEDGER.headers.length + receiptRows * RECEIPTS.headers.length +
    summaryRows * SUMMARY.headers.length + reconciliationRows * RECONCILIATION.headers.length + logRows * IMPORT_LOG.headers.length;
  lines.push({ area: 'cells', what: 'cells used by a year (1,000 orders/day, 300 SKUs)', size: `${gen.days} days`, figure: fmt(cells), note: `ledger ${fmt(ledgerRows)} rows, receipts ${fmt(receiptRows)}, summary ${fmt(summaryRows)}, reconciliation ${fmt(reconciliationRows)}` });
  lines.push({ area: 'cells', what: 'years that fit in 10,000,000 cells', size: '', figure: fmt(10_000_000 / cells, 1), note: 'at the default compaction' });

  // After "Compact closed months" with every month of the year closed. The seller's TRANSFER rows
  // (one per inbound shipment, four days before its receipt) take part: named rows end runs.
  const values: unknown[][] = [LEDGER.headers.slice()];
  for (const r of plan.ledger.append) values.push([isoFromDay(r[0] as number), ...r.slice(1)]);
  for (const r of plan.receipts.append) {
    values.push([isoFromDay((r[0] as number) - 4), 'TRANSFER', r[3], `L-${String(r[2])}`, r[4], '', r[1], '', '', r[2], 'manual', '']);
  }
  const { rows } = readLedger(values, utcDays);
  const months = [...new Set(rows.map((r) => isoFromDay(r.day).slice(0, 7)))].map((month) => ({ month, location: 'FBA-US' }));
  const t0 = performance.now();
  const compaction = planCompaction({ rows, resolve: (sku) => ({ component: sku, unitsPerKit: 1 }), months });
  const compactMs = performance.now() - t0;
  const transfers = plan.receipts.append.length;
  const compactedRows = ledgerRows - compaction.remove.length + compaction.write.length;
  const cellsAfter = cells + (compactedRows + transfers - ledgerRows) * LEDGER.headers.length;
  lines.push({ area: 'cells', what: 'cells used by a year after compacting closed months', size: `${gen.days} days`, figure: fmt(cellsAfter), note: `ledger ${fmt(compactedRows)} Amazon rows + ${fmt(transfers)} TRANSFER rows (was ${fmt(ledgerRows)} + ${fmt(transfers)}); planned in ${fmt(compactMs)} ms` });
  lines.push({ area: 'cells', what: 'years that fit in 10,000,000 cells, compacted', size: '', figure: fmt(10_000_000 / cellsAfter, 1), note: 'ten years need at most 1,000,000 cells a year' });
}

// ---- bundle --------------------------------------------------------------------------------------
{
  const path = 'dist/Code.js';
  const source = readFileSync(path, 'utf8');
  const runs = 50;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const script = new vm.Script(source, { filename: 'Code.js' });
    script.runInContext(vm.createContext({}));
  }
  const ms = (performance.now() - t0) / runs;
  lines.push({ area: 'bundle', what: 'dist/Code.js size', size: '', figure: `${fmt(statSync(path).size / 1024, 1)} KiB`, note: 'unminified, readable stack traces' });
  lines.push({ area: 'bundle', what: 'load (compile + run) in a fresh context', size: '', figure: `${fmt(ms, 2)} ms`, note: `mean of ${runs}` });
}

// ---- print --------------------------------------------------------------------------------------
const widths = (['area', 'what', 'size', 'figure'] as const).map((k) => Math.max(k.length, ...lines.map((l) => l[k].length)));
const row = (l: Line) => `| ${l.area.padEnd(widths[0])} | ${l.what.padEnd(widths[1])} | ${l.size.padEnd(widths[2])} | ${l.figure.padStart(widths[3])} | ${l.note} |`;
console.log(row({ area: 'area', what: 'what', size: 'size', figure: 'figure', note: 'note' }));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|---|`);
for (const l of lines) console.log(row(l));
