/**
 * Summary report → `Amazon Summary` rows; MYI → `Amazon Inventory` rows (spec §3, §6 "Mapping").
 *
 * Summary: one row per Month × Location × MSKU × FNSKU × Disposition. The Location column is a
 * country when the report was aggregated by COUNTRY (the fetch job's choice): it maps through
 * Locations like the detail report's Country. A report aggregated by FC names fulfillment centers,
 * which say nothing of the country: such rows take the import's default location (with a
 * warning). Rows of one period for the same key (several FCs, several stores) are added up. When a
 * file holds several periods of one month (DAILY or WEEKLY aggregation), they are rolled up: flows
 * summed, Starting Warehouse Balance from the first period, Ending Warehouse Balance and In
 * Transit Between Warehouses from the last. Figures keep Amazon's signs (Customer Shipments are
 * negative).
 *
 * MYI: one row per report row; the snapshot date is the import day and the location the one the
 * seller picks (MYI has no country).
 */
import { type Day, type Month } from '../days';
import type { MyiRecord, SummaryRecord } from '../reports/parse';
import { locationOf, type NewCountries } from './detail';
import { INVENTORY_KIND, SUMMARY_KIND } from './keys';
import { makeSheetRow, mergeDownloads, type SheetRow } from './rows';

const STARTING = 0;
const IN_TRANSIT = 1;
const ENDING = 12;

export interface SummaryMapOptions {
  locations: ReadonlyMap<string, string>;
  /** Location for rows whose Location is no country (FC aggregation) or blank. Default FBA-US. */
  defaultLocation?: string;
  source: string;
  /** Requested months (fetches): rows of other months are dropped. */
  months?: readonly Month[] | null;
}

export interface MappedSummary {
  sheetRows: SheetRow[];
  rowsRead: number;
  skipped: { duplicates: number; outsideMonths: number };
  rowsKept: number;
  locations: string[];
  months: Month[];
  newCountries: NewCountries;
  mskus: Set<string>;
  warnings: string[];
}

export function summaryIdentity(r: SummaryRecord): string {
  return `${r.month}\u001f${r.day ?? ''}\u001f${r.location}\u001f${r.msku}\u001f${r.fnsku}\u001f${r.disposition}\u001f${r.store}\u001f${r.figures.join(',')}`;
}

export function mergeSummaryDownloads(downloads: readonly (readonly SummaryRecord[])[]): { records: SummaryRecord[]; duplicates: number } {
  return mergeDownloads(downloads, summaryIdentity);
}

interface Period {
  day: Day | null;
  figures: number[];
}

interface SummaryGroup {
  month: Month;
  location: string;
  msku: string;
  fnsku: string;
  disposition: string;
  line: number;
  periods: Map<string, Period>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function mapSummary(records: readonly SummaryRecord[], opts: SummaryMapOptions, duplicates = 0): MappedSummary {
  const fallback = opts.defaultLocation ?? 'FBA-US';
  const newCountries: NewCountries = new Map();
  const groups = new Map<string, SummaryGroup>();
  const locations = new Set<string>();
  const months = new Set<Month>();
  const mskus = new Set<string>();
  const wanted = opts.months ? new Set(opts.months) : null;
  let outsideMonths = 0;
  let rowsKept = 0;
  let fcRows = 0;
  let firstFc = '';
  let multiPeriod = false;
  for (const r of records) {
    if (wanted && !wanted.has(r.month)) {
      outsideMonths++;
      continue;
    }
    rowsKept++;
    const raw = r.location.trim().toUpperCase();
    let location: string;
    if (/^[A-Z]{2}$/.test(raw)) location = locationOf(raw, opts.locations, fallback, newCountries);
    else {
      location = fallback;
      if (raw !== '') {
        fcRows++;
        if (!firstFc) firstFc = r.location.trim();
      }
    }
    locations.add(location);
    months.add(r.month);
    mskus.add(r.msku);
    const k = `${r.month}\u001f${location}\u001f${r.msku}\u001f${r.fnsku}\u001f${r.disposition}`;
    let g = groups.get(k);
    if (!g) {
      g = { month: r.month, location, msku: r.msku, fnsku: r.fnsku, disposition: r.disposition, line: r.line, periods: new Map() };
      groups.set(k, g);
    }
    const pk = r.day === null ? 'month' : String(r.day);
    const p = g.periods.get(pk);
    if (p) for (let i = 0; i < p.figures.length; i++) p.figures[i] += r.figures[i];
    else {
      g.periods.set(pk, { day: r.day, figures: r.figures.slice() });
      if (g.periods.size > 1) multiPeriod = true;
    }
  }
  const warnings: string[] = [];
  if (fcRows > 0) {
    warnings.push(
      `the summary is aggregated by fulfillment center (Location "${firstFc}", …): its ${fcRows} rows were given the location ${fallback}; ` +
        'request it aggregated by country to map rows through Locations',
    );
  }
  if (multiPeriod) {
    warnings.push(
      'the summary holds several periods of one month (daily or weekly rows): they were rolled up to months ' +
        '(starting balance of the first period, ending balance and in transit of the last, flows added up)',
    );
  }
  const sorted = [...groups.values()].sort(
    (a, b) => cmp(a.month, b.month) || cmp(a.location, b.location) || cmp(a.msku, b.msku) || cmp(a.fnsku, b.fnsku) || cmp(a.disposition, b.disposition),
  );
  const sheetRows: SheetRow[] = [];
  for (const g of sorted) {
    const periods = [...g.periods.values()].sort((a, b) => (a.day ?? -Infinity) - (b.day ?? -Infinity));
    let figures: number[];
    if (periods.length === 1) figures = periods[0].figures;
    else {
      figures = periods[0].figures.map(() => 0);
      for (const p of periods) for (let i = 0; i < figures.length; i++) figures[i] += p.figures[i];
      figures[STARTING] = periods[0].figures[STARTING];
      figures[ENDING] = periods[periods.length - 1].figures[ENDING];
      figures[IN_TRANSIT] = periods[periods.length - 1].figures[IN_TRANSIT];
    }
    sheetRows.push(makeSheetRow(SUMMARY_KIND, [g.month, g.location, g.msku, g.fnsku, g.disposition, ...figures], opts.source, g.line));
  }
  return {
    sheetRows, rowsRead: records.length + duplicates, skipped: { duplicates, outsideMonths }, rowsKept,
    locations: [...locations].sort(), months: [...months].sort(), newCountries, mskus, warnings,
  };
}

export interface InventoryMapOptions {
  /** The location the seller picked (default: the connection's marketplace's, else FBA-US). */
  location: string;
  /** The import day. */
  snapshotDay: Day;
  source: string;
}

export function myiIdentity(r: MyiRecord): string {
  return `${r.msku}\u001f${r.fnsku}\u001f${r.quantities.join(',')}`;
}

export function mapInventory(records: readonly MyiRecord[], opts: InventoryMapOptions): { sheetRows: SheetRow[]; mskus: Set<string> } {
  const mskus = new Set<string>();
  const sheetRows = records.map((r) => {
    mskus.add(r.msku);
    return makeSheetRow(INVENTORY_KIND, [opts.snapshotDay, opts.location, r.msku, r.fnsku, ...r.quantities], opts.source, r.line);
  });
  return { sheetRows, mskus };
}
