/**
 * Report documents generated from a `SellerDataset`, written like the real files: tab-separated,
 * ledger reports with every header and value in double quotes (embedded quotes doubled), spaced
 * header names, `MM/DD/YYYY` dates.
 */
import type { LedgerDetailEvent, LedgerSummaryRow, MyiRow, SellerDataset, SummaryPeriod } from './dataset';
import { visibleCountries } from './marketplaces';

export const LEDGER_DETAIL = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const LEDGER_SUMMARY = 'GET_LEDGER_SUMMARY_VIEW_DATA';
export const MYI_UNSUPPRESSED = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';

export const SUPPORTED_REPORT_TYPES: readonly string[] = [LEDGER_DETAIL, LEDGER_SUMMARY, MYI_UNSUPPRESSED];

export const LEDGER_DETAIL_COLUMNS: readonly string[] = [
  'Date',
  'FNSKU',
  'ASIN',
  'MSKU',
  'Title',
  'Event Type',
  'Reference ID',
  'Quantity',
  'Fulfillment Center',
  'Disposition',
  'Reason',
  'Country',
  'Reconciled Quantity',
  'Unreconciled Quantity',
  'Date and Time',
];

export const LEDGER_SUMMARY_COLUMNS: readonly string[] = [
  'Date',
  'FNSKU',
  'ASIN',
  'MSKU',
  'Title',
  'Disposition',
  'Starting Warehouse Balance',
  'In Transit Between Warehouses',
  'Receipts',
  'Customer Shipments',
  'Customer Returns',
  'Vendor Returns',
  'Warehouse Transfer In/Out',
  'Found',
  'Lost',
  'Damaged',
  'Disposed',
  'Other Events',
  'Ending Warehouse Balance',
  'Unknown Events',
  'Location',
];

export const MYI_COLUMNS: readonly string[] = [
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'condition',
  'your-price',
  'mfn-listing-exists',
  'mfn-fulfillable-quantity',
  'afn-listing-exists',
  'afn-warehouse-quantity',
  'afn-fulfillable-quantity',
  'afn-unsellable-quantity',
  'afn-reserved-quantity',
  'afn-total-quantity',
  'per-unit-volume',
  'afn-inbound-working-quantity',
  'afn-inbound-shipped-quantity',
  'afn-inbound-receiving-quantity',
  'afn-researching-quantity',
  'afn-reserved-future-supply',
  'afn-future-supply-buyable',
];

/** How a document is written and served. Every field has a default (`DEFAULT_DOCUMENT_FORMAT`). */
export interface DocumentFormat {
  lineEnding: '\n' | '\r\n';
  /** False: the last line has no line ending. */
  finalNewline: boolean;
  /** `all`: every header and value in double quotes (ledger files); `none`: plain TSV (MYI). Default per report type. */
  quoting?: 'all' | 'none';
  /** Add the `Store` column at the end of ledger reports. */
  includeStoreColumn: boolean;
  /** How `Date` is written. */
  dateFormat: 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'YYYY-MM-DD';
  /** Summary `Date` for MONTHLY rows: the period's first day (`10/01/2026`) or the month (`10/2026`). */
  summaryMonthDate: 'firstDay' | 'monthOnly';
  /** `GZIP`: the document is gzip-compressed and getReportDocument announces `compressionAlgorithm: GZIP`. */
  compression: 'GZIP' | 'NONE';
  /** The bytes' encoding; `windows-1252` is labelled `Cp1252` in the Content-Type like Amazon's EU files. */
  charset: 'UTF-8' | 'windows-1252';
  /** A UTF-8 byte-order mark before the text. */
  bom: boolean;
  /**
   * Replace the header: columns by name, in this order (to test reordering, renaming or new
   * columns). A name the generator does not know gets empty values.
   */
  columns?: string[];
  /** Multi-marketplace requests: each visible event once (`once`), or once per requesting marketplace that sees it. */
  multiMarketplaceRows: 'once' | 'perMarketplace';
}

export const DEFAULT_DOCUMENT_FORMAT: Readonly<DocumentFormat> = {
  lineEnding: '\n',
  finalNewline: true,
  includeStoreColumn: false,
  dateFormat: 'MM/DD/YYYY',
  summaryMonthDate: 'firstDay',
  compression: 'GZIP',
  charset: 'UTF-8',
  bom: false,
  multiMarketplaceRows: 'once',
};

export interface ReportRequest {
  reportType: string;
  marketplaceIds: string[];
  /** Epoch ms. */
  dataStartTime: number;
  dataEndTime: number;
  reportOptions: Record<string, string>;
}

export interface GeneratedTable {
  columns: string[];
  rows: Array<Record<string, string>>;
  quoting: 'all' | 'none';
}

/** Parses the dataset's date-times leniently (`-07:00`, `-0700`, `Z`, a space for `T`; no offset = UTC). */
export function parseLenientDateTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) throw new Error(`dataset date-time ${JSON.stringify(text)} is not ISO 8601`);
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const s = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  let offsetMin = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, frac) - offsetMin * 60_000;
}

function ymd(text: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text);
  if (!m) throw new Error(`dataset date ${JSON.stringify(text)} is not YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDay(text: string, format: DocumentFormat['dateFormat']): string {
  const [y, m, d] = ymd(text);
  if (format === 'YYYY-MM-DD') return `${y}-${pad2(m)}-${pad2(d)}`;
  if (format === 'DD/MM/YYYY') return `${pad2(d)}/${pad2(m)}/${y}`;
  return `${pad2(m)}/${pad2(d)}/${y}`;
}

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Which storage countries the request's marketplaces see, and per marketplace. */
function visibility(dataset: SellerDataset, marketplaceIds: string[]): { union: Set<string>; each: Array<Set<string>> } {
  const each = marketplaceIds.map((id) => new Set(visibleCountries(id, !!dataset.panEuropean, dataset.visibleCountries)));
  const union = new Set<string>();
  for (const s of each) for (const c of s) union.add(c);
  return { union, each };
}

function pickVisible<T>(items: T[], countryOf: (t: T) => string | undefined, vis: ReturnType<typeof visibility>, mode: DocumentFormat['multiMarketplaceRows']): T[] {
  const visibleTo = (set: Set<string>) => (t: T) => {
    const c = countryOf(t);
    return c === undefined || set.has(c);
  };
  if (mode === 'once') return items.filter(visibleTo(vis.union));
  return vis.each.flatMap((set) => items.filter(visibleTo(set)));
}

function detailRecord(e: LedgerDetailEvent, format: DocumentFormat): Record<string, string> {
  return {
    Date: formatDay(e.date ?? e.dateTime.slice(0, 10), format.dateFormat),
    FNSKU: e.fnsku,
    ASIN: e.asin,
    MSKU: e.msku,
    Title: e.title,
    'Event Type': e.eventType,
    'Reference ID': e.referenceId,
    Quantity: String(e.quantity),
    'Fulfillment Center': e.fulfillmentCenter,
    Disposition: e.disposition,
    Reason: e.reason ?? '',
    Country: e.country,
    'Reconciled Quantity': num(e.reconciledQuantity),
    'Unreconciled Quantity': num(e.unreconciledQuantity),
    'Date and Time': e.dateTime,
    Store: e.store ?? '',
  };
}

const SUMMARY_FIELDS: Array<[string, keyof LedgerSummaryRow]> = [
  ['Starting Warehouse Balance', 'startingWarehouseBalance'],
  ['In Transit Between Warehouses', 'inTransitBetweenWarehouses'],
  ['Receipts', 'receipts'],
  ['Customer Shipments', 'customerShipments'],
  ['Customer Returns', 'customerReturns'],
  ['Vendor Returns', 'vendorReturns'],
  ['Warehouse Transfer In/Out', 'warehouseTransferInOut'],
  ['Found', 'found'],
  ['Lost', 'lost'],
  ['Damaged', 'damaged'],
  ['Disposed', 'disposed'],
  ['Other Events', 'otherEvents'],
  ['Ending Warehouse Balance', 'endingWarehouseBalance'],
  ['Unknown Events', 'unknownEvents'],
];

const MOVEMENTS: Array<keyof LedgerSummaryRow> = [
  'receipts',
  'customerShipments',
  'customerReturns',
  'vendorReturns',
  'warehouseTransferInOut',
  'found',
  'lost',
  'damaged',
  'disposed',
  'otherEvents',
  'unknownEvents',
];

function summaryNumber(row: LedgerSummaryRow, key: keyof LedgerSummaryRow): number {
  if (key === 'endingWarehouseBalance' && row.endingWarehouseBalance === undefined) {
    return (row.startingWarehouseBalance ?? 0) + MOVEMENTS.reduce((s, k) => s + ((row[k] as number | undefined) ?? 0), 0);
  }
  return (row[key] as number | undefined) ?? 0;
}

/** [start, end) of a summary row's period, epoch ms (days as UTC midnights). */
function periodBounds(row: LedgerSummaryRow): [number, number] {
  const [y, m, d] = ymd(row.date);
  const period = row.period ?? 'MONTHLY';
  const start = Date.UTC(y, m - 1, period === 'MONTHLY' ? 1 : d);
  const end = period === 'MONTHLY' ? Date.UTC(y, m, 1) : start + (period === 'WEEKLY' ? 7 : 1) * 86_400_000;
  return [start, end];
}

function summaryDate(row: LedgerSummaryRow, format: DocumentFormat): string {
  const [y, m, d] = ymd(row.date);
  const period = row.period ?? 'MONTHLY';
  if (period === 'MONTHLY' && format.summaryMonthDate === 'monthOnly') {
    return format.dateFormat === 'YYYY-MM-DD' ? `${y}-${pad2(m)}` : `${pad2(m)}/${y}`;
  }
  return formatDay(`${y}-${pad2(m)}-${pad2(period === 'MONTHLY' ? 1 : d)}`, format.dateFormat);
}

function myiRecord(r: MyiRow): Record<string, string> {
  const fulfillable = r.afnFulfillableQuantity ?? 0;
  const unsellable = r.afnUnsellableQuantity ?? 0;
  const reserved = r.afnReservedQuantity ?? 0;
  const warehouse = r.afnWarehouseQuantity ?? fulfillable + unsellable + reserved;
  const working = r.afnInboundWorkingQuantity ?? 0;
  const shipped = r.afnInboundShippedQuantity ?? 0;
  const receiving = r.afnInboundReceivingQuantity ?? 0;
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
  return {
    sku: r.sku,
    fnsku: r.fnsku,
    asin: r.asin,
    'product-name': r.productName,
    condition: r.condition ?? 'New',
    'your-price': r.yourPrice === undefined ? '' : r.yourPrice.toFixed(2),
    'mfn-listing-exists': yesNo(r.mfnListingExists ?? false),
    'mfn-fulfillable-quantity': num(r.mfnFulfillableQuantity),
    'afn-listing-exists': yesNo(r.afnListingExists ?? true),
    'afn-warehouse-quantity': String(warehouse),
    'afn-fulfillable-quantity': String(fulfillable),
    'afn-unsellable-quantity': String(unsellable),
    'afn-reserved-quantity': String(reserved),
    'afn-total-quantity': String(r.afnTotalQuantity ?? warehouse + working + shipped + receiving),
    'per-unit-volume': num(r.perUnitVolume),
    'afn-inbound-working-quantity': String(working),
    'afn-inbound-shipped-quantity': String(shipped),
    'afn-inbound-receiving-quantity': String(receiving),
    'afn-researching-quantity': String(r.afnResearchingQuantity ?? 0),
    'afn-reserved-future-supply': String(r.afnReservedFutureSupply ?? 0),
    'afn-future-supply-buyable': String(r.afnFutureSupplyBuyable ?? 0),
  };
}

function filterByIds<T extends { fnsku: string; asin: string }>(items: T[], options: Record<string, string>, sku: (t: T) => string): T[] {
  return items.filter(
    (t) =>
      (options.FNSKU === undefined || t.fnsku === options.FNSKU) &&
      (options.ASIN === undefined || t.asin === options.ASIN) &&
      (options.MSKU === undefined || sku(t) === options.MSKU),
  );
}

/** The rows a report would contain. Throws on a report type it cannot generate. */
export function generateTable(dataset: SellerDataset, request: ReportRequest, format: DocumentFormat): GeneratedTable {
  const vis = visibility(dataset, request.marketplaceIds);
  const options = request.reportOptions;
  const store = format.includeStoreColumn ? ['Store'] : [];
  switch (request.reportType) {
    case LEDGER_DETAIL: {
      let events = dataset.ledgerEvents.filter((e) => {
        const t = parseLenientDateTime(e.dateTime);
        return t >= request.dataStartTime && t <= request.dataEndTime;
      });
      if (options.eventType !== undefined) events = events.filter((e) => e.eventType === options.eventType);
      events = filterByIds(events, options, (e) => e.msku);
      events = pickVisible(events, (e) => e.country, vis, format.multiMarketplaceRows);
      return {
        columns: [...LEDGER_DETAIL_COLUMNS, ...store],
        rows: events.map((e) => detailRecord(e, format)),
        quoting: format.quoting ?? 'all',
      };
    }
    case LEDGER_SUMMARY: {
      const period = (options.aggregatedByTimePeriod ?? 'MONTHLY') as SummaryPeriod;
      const byFc = (options.aggregateByLocation ?? 'COUNTRY') === 'FC';
      let rows = dataset.ledgerSummary.filter((r) => {
        if ((r.period ?? 'MONTHLY') !== period) return false;
        const [start, end] = periodBounds(r);
        return start <= request.dataEndTime && end > request.dataStartTime;
      });
      rows = filterByIds(rows, options, (r) => r.msku);
      if (byFc) rows = rows.filter((r) => r.fulfillmentCenter !== undefined);
      rows = pickVisible(rows, (r) => r.country, vis, format.multiMarketplaceRows);
      // Aggregate by location: FC rows stay as they are; COUNTRY sums a country's FC rows.
      const out: Array<Record<string, string>> = [];
      const index = new Map<string, Record<string, string>>();
      for (const r of rows) {
        const location = byFc ? (r.fulfillmentCenter as string) : r.country;
        const date = summaryDate(r, format);
        const record: Record<string, string> = {
          Date: date,
          FNSKU: r.fnsku,
          ASIN: r.asin,
          MSKU: r.msku,
          Title: r.title,
          Disposition: r.disposition,
          Location: location,
          Store: r.store ?? '',
        };
        for (const [col, key] of SUMMARY_FIELDS) record[col] = String(summaryNumber(r, key));
        const key = [date, r.fnsku, r.msku, r.disposition, location, record.Store].join('\u0000');
        const existing = byFc || format.multiMarketplaceRows === 'perMarketplace' ? undefined : index.get(key);
        if (existing) {
          for (const [col] of SUMMARY_FIELDS) existing[col] = String(Number(existing[col]) + Number(record[col]));
        } else {
          index.set(key, record);
          out.push(record);
        }
      }
      return { columns: [...LEDGER_SUMMARY_COLUMNS, ...store], rows: out, quoting: format.quoting ?? 'all' };
    }
    case MYI_UNSUPPRESSED: {
      const rows = pickVisible(dataset.inventory, (r) => r.country, vis, format.multiMarketplaceRows);
      return { columns: [...MYI_COLUMNS], rows: rows.map(myiRecord), quoting: format.quoting ?? 'none' };
    }
    default:
      throw new Error(`the emulator cannot generate ${request.reportType}`);
  }
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Writes a table as the document's text. */
export function renderTable(table: GeneratedTable, format: DocumentFormat): string {
  const columns = format.columns ?? table.columns;
  const cell = table.quoting === 'all' ? quote : (v: string) => v;
  const lines = [columns.map(cell).join('\t'), ...table.rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join('\t'))];
  return lines.join(format.lineEnding) + (format.finalNewline ? format.lineEnding : '');
}

// windows-1252 bytes 0x80..0x9F (undefined positions stay undefined).
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Encodes text as windows-1252; characters it cannot represent become `?` (as Java's encoder does). */
export function encodeWindows1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else out.push(CP1252_HIGH[cp] ?? 0x3f);
  }
  return Uint8Array.from(out);
}

/**
 * Decodes windows-1252 (bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D map to the same code points, as the
 * WHATWG decoder does). Node 20's `TextDecoder('windows-1252')` decodes 0x80–0x9F as ISO-8859-1
 * (0x80 → U+0080, not €), so tests must not rely on it.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const high = new Map(Object.entries(CP1252_HIGH).map(([cp, b]) => [b, Number(cp)]));
  let out = '';
  for (const b of bytes) out += String.fromCodePoint(high.get(b) ?? b);
  return out;
}

export function encodeDocument(text: string, format: DocumentFormat): Uint8Array {
  if (format.charset === 'windows-1252') return encodeWindows1252(text);
  const bytes = new TextEncoder().encode(text);
  if (!format.bom) return bytes;
  const withBom = new Uint8Array(bytes.length + 3);
  withBom.set([0xef, 0xbb, 0xbf]);
  withBom.set(bytes, 3);
  return withBom;
}

/** The Content-Type a document is served with. */
export function documentContentType(format: DocumentFormat): string {
  return `text/plain;charset=${format.charset === 'windows-1252' ? 'Cp1252' : 'UTF-8'}`;
}
