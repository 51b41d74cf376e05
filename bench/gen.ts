/**
 * `npm run gen`: a year (2025) of a busy seller, as files the add-on imports, in `bench/out/`:
 * - `kits.tsv`: 50 multipack listings (2- and 6-packs of the best sellers) → paste into `Kits`;
 * - `seller-ledger.tsv`: the seller's own rows → paste into `FBA Ledger`: an OPENING per listing and
 *   location at the end of 2024 (lot with expiry), and a TRANSFER per inbound shipment (lot with an
 *   expiry a year or two out, the shipment ID as Reference; a few shipments arrive short);
 * - `amazon/detail-<country>-<yyyy-mm>.tsv`: GET_LEDGER_DETAIL_VIEW_DATA per month as SP-API
 *   delivers it (every value quoted, tab-separated, spaced names), for "Import report file";
 * - `amazon/summary-<country>-<yyyy-mm>.tsv`: GET_LEDGER_SUMMARY_VIEW_DATA per month (MONTHLY,
 *   aggregated by COUNTRY), computed from the same events, so every month reconciles.
 *
 * The events come from `generateDetailText` of `bench/parse.ts` (300 SKUs of uneven popularity,
 * 1,000 orders a day, returns a few days after ~4 % of orders, damage pairs, losses and found units,
 * weekly receipts, warehouse transfers): once for the US, and once more (another seed) for Canada,
 * where a third of the catalogue sells. Added here: removals (VendorReturns) of the unsellable stock
 * at each month end, the summaries, the seller's side and the kits.
 *
 * Options: `--seed n` (default 3).
 */
import { SUMMARY_FIGURES } from '../src/app/layout';
import { mulberry32 } from './random';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dayFromYmd, isoFromDay, ymdFromDay } from '../src/core/days';
import { generateDetailText } from './parse';

const OUT = 'bench/out';
const YEAR_FIRST = dayFromYmd(2025, 1, 1);
const YEAR_LAST = dayFromYmd(2025, 12, 31);
const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg > 0 ? Number(process.argv[seedArg + 1]) || 3 : 3;

/** One detail event (the report's columns). */
interface Ev {
  day: number;
  fnsku: string;
  asin: string;
  msku: string;
  title: string;
  event: string;
  ref: string;
  qty: number;
  fc: string;
  disp: string;
  reason: string;
  country: string;
  rec: string;
  unrec: string;
  time: string;
}

const DETAIL_HEADER = [
  'Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center',
  'Disposition', 'Reason', 'Country', 'Reconciled Quantity', 'Unreconciled Quantity', 'Date and Time',
];
type Figure = (typeof SUMMARY_FIGURES)[number];
const SUMMARY_HEADER = ['Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Disposition', ...SUMMARY_FIGURES, 'Location'];


const p2 = (n: number): string => (n < 10 ? '0' + n : String(n));
const mdy = (day: number): string => {
  const [y, m, d] = ymdFromDay(day);
  return `${p2(m)}/${p2(d)}/${y}`;
};
const monthOf = (day: number): string => isoFromDay(day).slice(0, 7);

/** The events of `generateDetailText`'s text, in the year, for one country (SKUs kept by `keep`). */
function events(seed: number, country: string, keep: (msku: string) => boolean): Ev[] {
  const { text } = generateDetailText(1_100 * 365, seed);
  const lines = text.split('\n');
  const out: Ev[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const c = lines[i].split('\t').map((v) => v.slice(1, -1));
    const [m, d, y] = c[0].split('/').map(Number);
    const day = dayFromYmd(y, m, d);
    if (day > YEAR_LAST || !keep(c[3])) continue;
    out.push({
      day, fnsku: c[1], asin: c[2], msku: c[3], title: c[4], event: c[5], ref: c[6], qty: Number(c[7]), fc: c[8], disp: c[9],
      reason: c[10], country, rec: c[12], unrec: c[13], time: c[14],
    });
  }
  return out;
}

/** Amazon's summary column of a detail event. */
function figureOf(e: Ev): Figure | null {
  switch (e.event) {
    case 'Receipts': return 'Receipts';
    case 'Shipments': return 'Customer Shipments';
    case 'CustomerReturns': return 'Customer Returns';
    case 'VendorReturns': return 'Vendor Returns';
    case 'WhseTransfers': return 'Warehouse Transfer In/Out';
    case 'Adjustments': {
      const r = e.reason.toUpperCase();
      if (r === 'F' || r === 'N') return 'Found';
      if (r === 'M' || r === '5') return 'Lost';
      if (['E', '6', '7', 'H', 'K', 'U'].includes(r)) return 'Damaged';
      if (r === 'D') return 'Disposed';
      return 'Other Events';
    }
    default: return 'Unknown Events';
  }
}

const quoted = (cells: readonly (string | number)[]): string => cells.map((v) => `"${v}"`).join('\t');

function main(): void {
  const rand = mulberry32(SEED * 7919);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(`${OUT}/amazon`, { recursive: true });

  // Kits: SKU-0251..SKU-0300 are 6- and 2-packs of SKU-0001..SKU-0050.
  const kits: Array<[string, string, number]> = [];
  for (let i = 0; i < 50; i++) kits.push([`SKU-${String(251 + i).padStart(4, '0')}`, `SKU-${String(1 + i).padStart(4, '0')}`, i % 2 === 0 ? 6 : 2]);

  const countries: Array<{ country: string; location: string; seed: number; keep: (msku: string) => boolean }> = [
    { country: 'US', location: 'FBA-US', seed: SEED, keep: () => true },
    { country: 'CA', location: 'FBA-CA', seed: SEED + 1, keep: (m) => Number(m.slice(4)) % 3 === 1 },
  ];
  const seller: string[][] = [];
  let detailRows = 0;
  let summaryRows = 0;
  let files = 0;
  for (const c of countries) {
    const evs = events(c.seed, c.country, c.keep);
    // Removals: at each month end, the unsellable stock of each MSKU goes back (one removal order per month).
    const bal = new Map<string, number>();
    const key = (msku: string, disp: string) => `${msku}\u0001${disp}`;
    const info = new Map<string, Ev>();
    let ordinal = 0;
    const byMonth = new Map<string, Ev[]>();
    for (const e of evs) {
      info.set(e.msku, e);
      let list = byMonth.get(monthOf(e.day));
      if (!list) byMonth.set(monthOf(e.day), (list = []));
      list.push(e);
    }
    // Opening stock: enough for the year's sellable flows never to run short before the next receipt.
    const sellable = new Map<string, number>();
    const low = new Map<string, number>();
    for (const e of [...evs].sort((a, b) => a.day - b.day)) {
      if (e.disp !== 'SELLABLE') continue;
      const v = (sellable.get(e.msku) ?? 0) + e.qty;
      sellable.set(e.msku, v);
      if (v < (low.get(e.msku) ?? 0)) low.set(e.msku, v);
    }
    const opening = new Map<string, number>();
    for (const msku of info.keys()) {
      const n = -(low.get(msku) ?? 0) + 20 + Math.floor(rand() * 40);
      opening.set(msku, n);
      bal.set(key(msku, 'SELLABLE'), n);
      seller.push([isoFromDay(YEAR_FIRST - 1), 'OPENING', msku, `${msku.slice(4)}-2412`, String(n), isoFromDay(YEAR_FIRST + 300 + Math.floor(rand() * 300)),
        c.location, '', '', '', 'manual', '']);
    }
    const months = [...byMonth.keys()].sort();
    for (const month of months) {
      const list = byMonth.get(month)!;
      const [y, m] = month.split('-').map(Number);
      const last = dayFromYmd(y, m, 1) + new Date(Date.UTC(y, m, 0)).getUTCDate() - 1;
      const starting = new Map(bal);
      for (const e of list) bal.set(key(e.msku, e.disp), (bal.get(key(e.msku, e.disp)) ?? 0) + e.qty);
      for (const [k, v] of [...bal]) {
        const [msku, disp] = k.split('\u0001');
        if (disp === 'SELLABLE' || v <= 0) continue;
        const e = info.get(msku)!;
        const removal: Ev = {
          ...e, day: last, event: 'VendorReturns', ref: `RMV${c.country}${month.replace('-', '')}${String(++ordinal).padStart(4, '0')}`,
          qty: -v, fc: e.fc, disp, reason: '', rec: '', unrec: '', time: `${isoFromDay(last)}T12:00:00-0800`,
        };
        list.push(removal);
        bal.set(k, 0);
      }
      // The month's detail file.
      const detail = [quoted(DETAIL_HEADER), ...list.map((e) => quoted([
        mdy(e.day), e.fnsku, e.asin, e.msku, e.title, e.event, e.ref, e.qty, e.fc, e.disp, e.reason, e.country, e.rec, e.unrec, e.time,
      ]))];
      writeFileSync(`${OUT}/amazon/detail-${c.country}-${month}.tsv`, detail.join('\n') + '\n');
      detailRows += list.length;
      files++;
      // The month's summary: per MSKU × disposition, from the starting balances and the events.
      const fig = new Map<string, Record<Figure, number>>();
      const row = (k: string): Record<Figure, number> => {
        let f = fig.get(k);
        if (!f) {
          f = Object.fromEntries(SUMMARY_FIGURES.map((n) => [n, 0])) as Record<Figure, number>;
          f['Starting Warehouse Balance'] = starting.get(k) ?? 0;
          fig.set(k, f);
        }
        return f;
      };
      for (const k of starting.keys()) if ((starting.get(k) ?? 0) !== 0) row(k);
      for (const e of list) {
        const f = row(key(e.msku, e.disp));
        f[figureOf(e)!] += e.qty;
      }
      const summary = [quoted(SUMMARY_HEADER)];
      for (const k of [...fig.keys()].sort()) {
        const f = fig.get(k)!;
        f['Ending Warehouse Balance'] = bal.get(k) ?? 0;
        const [msku, disp] = k.split('\u0001');
        const e = info.get(msku)!;
        summary.push(quoted([`${p2(m)}/${y}`, e.fnsku, e.asin, msku, e.title, disp, ...SUMMARY_FIGURES.map((n) => f[n]), c.country]));
      }
      writeFileSync(`${OUT}/amazon/summary-${c.country}-${month}.tsv`, summary.join('\n') + '\n');
      summaryRows += summary.length - 1;
      files++;
    }
    // The seller's TRANSFER rows: one per inbound shipment, four days before Amazon received it.
    for (const e of evs) {
      if (e.event !== 'Receipts') continue;
      const short = rand() < 0.03 ? 1 + Math.floor(rand() * 3) : 0;
      const [y, m] = ymdFromDay(e.day);
      seller.push([isoFromDay(e.day - 4), 'TRANSFER', e.msku, `${e.msku.slice(4)}-${String(y).slice(2)}${p2(m)}${e.ref.slice(-2)}`, String(e.qty + short),
        isoFromDay(e.day + 365 + Math.floor(rand() * 365)), c.location, '', '', e.ref, 'manual', '']);
    }
  }
  seller.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ledgerHeader = ['Date', 'Event', 'SKU', 'Lot', 'Quantity', 'Expiry', 'Location', 'Disposition', 'Reason', 'Reference', 'Source', 'Key'];
  writeFileSync(`${OUT}/seller-ledger.tsv`, [ledgerHeader, ...seller].map((r) => r.join('\t')).join('\n') + '\n');
  writeFileSync(`${OUT}/kits.tsv`, [['Amazon SKU', 'Component SKU', 'Units per kit'], ...kits].map((r) => r.join('\t')).join('\n') + '\n');
  console.log(`${OUT}/: kits.tsv (${kits.length} kits), seller-ledger.tsv (${seller.length} rows), ` +
    `${files} report files in amazon/ (${detailRows.toLocaleString('en-US')} detail events, ${summaryRows.toLocaleString('en-US')} summary rows)`);
}

main();
