/**
 * An in-browser fake of the add-on's server (ServerApi) with canned, realistic data, behind a fake
 * google.script.run (fakeRun.ts). It mirrors the server's rules where the sidebar depends on them
 * (validation messages, replace scopes, the resumable fetch job, closing months) so the sidebar can
 * be exercised before the real backend exists.
 *
 * Page controls (the harness sets them through the URL or `window.__mock`):
 *   ?mock-setup=0        the workbook is not set up yet
 *   ?mock-empty=1        an empty ledger
 *   ?mock-job=running    an Amazon fetch is already running when the sidebar opens
 *   ?mock-connected=1    an Amazon connection is already saved
 *   ?mock-fail=NAME      the first call of NAME fails (e.g. getSidebarState)
 *   __mock.failNext(name, message), __mock.calls, __mock.delayMs
 */
import { SERVER_FUNCTIONS, type ServerApi } from '../../src/shared/api';
import type {
  AmazonSettingsInput, AmazonSettingsView, CloseMonthInput, CloseMonthResult, FetchRequest, ImportLogEntry, ImportOptions,
  ImportResult, InventoryQuery, InventoryResult, InventorySku, JobStatus, Method, ReconciliationLine, ReconciliationQuery,
  ReconciliationResult, RemoveImportResult, ReopenMonthInput, SetupResult, SidebarState, StartMidStreamInput,
  StartMidStreamResult, TestConnectionResult, TransferInput, TransferResult, WriteLotsResult, InboundShortfall, ClosedMonthChange,
  CauseCode, ShortfallAdjustmentInput,
} from '../../src/shared/wire';
import { MARKETPLACES } from '../../src/core/spapi/marketplaces';
import { createScriptRun, installScriptRun } from './fakeRun';

const TODAY = '2025-04-15';
const MAX_BYTES = 20 * 1024 * 1024;

class Refusal extends Error {}

interface MockLot {
  lot: string;
  expiry: string | null;
  arrival: string;
  sent: number;
  recorded: number;
  fifo: number;
  fefo: number;
  min: number;
  max: number;
}

interface MockSku {
  location: string;
  sku: string;
  sellable: number;
  unsellable: number;
  lots: MockLot[];
  unspecifiedRecorded: number;
  unknownLotStock: number;
  unallocatedDepletion: number;
  uncharged: number;
  kits: Array<{ amazonSku: string; unitsPerKit: number; available: number }>;
  amazon: InventorySku['amazon'];
  warnings: string[];
}

function inventoryData(): MockSku[] {
  return [
    {
      location: 'FBA-US', sku: 'VITC-500', sellable: 1004, unsellable: 8,
      lots: [
        { lot: '23K044', expiry: '2025-02-28', arrival: '2024-01-08', sent: 300, recorded: 300, fifo: 0, fefo: 0, min: 0, max: 0 },
        { lot: '24A091', expiry: '2025-06-30', arrival: '2024-06-03', sent: 600, recorded: 600, fifo: 40, fefo: 0, min: 0, max: 160 },
        { lot: '24B117', expiry: '2026-01-31', arrival: '2024-11-18', sent: 1200, recorded: 1200, fifo: 960, fefo: 1000, min: 840, max: 1000 },
      ],
      unspecifiedRecorded: -1088, unknownLotStock: 12, unallocatedDepletion: 0, uncharged: 0,
      kits: [{ amazonSku: 'VITC-500', unitsPerKit: 1, available: 884 }, { amazonSku: 'VITC-500-6PK', unitsPerKit: 6, available: 20 }],
      amazon: { snapshot: TODAY, warehouse: 988, fulfillable: 966, unsellable: 8, reserved: 14, inboundShipped: 0, inboundReceiving: 24 },
      warnings: [],
    },
    {
      location: 'FBA-US', sku: 'OMEGA3-120', sellable: -18, unsellable: 0,
      lots: [
        { lot: '24C300', expiry: '2025-12-31', arrival: '2024-08-12', sent: 480, recorded: 480, fifo: 0, fefo: 0, min: 0, max: 0 },
        { lot: '25A051', expiry: '2026-06-30', arrival: '2025-01-20', sent: 240, recorded: 240, fifo: 0, fefo: 0, min: 0, max: 0 },
      ],
      unspecifiedRecorded: -738, unknownLotStock: 0, unallocatedDepletion: 18, uncharged: 0,
      kits: [{ amazonSku: 'OMEGA3-120', unitsPerKit: 1, available: 0 }],
      amazon: { snapshot: TODAY, warehouse: 42, fulfillable: 40, unsellable: 0, reserved: 2, inboundShipped: 0, inboundReceiving: 0 },
      warnings: ['estimates unreliable: 18 units shipped that no recorded lot could supply; record the missing TRANSFER or OPENING'],
    },
    {
      location: 'FBA-US', sku: 'MAGN-250', sellable: 180, unsellable: 6,
      lots: [
        { lot: 'M-77', expiry: '2025-11-30', arrival: '2024-09-02', sent: 120, recorded: 116, fifo: -4, fefo: -4, min: -4, max: -4 },
        { lot: 'M-80', expiry: '2026-05-31', arrival: '2025-02-03', sent: 240, recorded: 240, fifo: 190, fefo: 190, min: 150, max: 214 },
      ],
      unspecifiedRecorded: -170, unknownLotStock: 0, unallocatedDepletion: 0, uncharged: 0,
      kits: [{ amazonSku: 'MAGN-250', unitsPerKit: 1, available: 180 }],
      amazon: null,
      warnings: ['lot M-77 over-drawn by 4'],
    },
    {
      location: 'FBA-CA', sku: 'ZINC-90', sellable: 40, unsellable: 0, lots: [],
      unspecifiedRecorded: 40, unknownLotStock: 40, unallocatedDepletion: 0, uncharged: 0,
      kits: [{ amazonSku: 'ZINC-90', unitsPerKit: 1, available: 40 }],
      amazon: null, warnings: [],
    },
    {
      location: 'FBA-EU', sku: 'VITC-500', sellable: 210, unsellable: 2,
      lots: [
        { lot: '24A091', expiry: '2025-06-30', arrival: '2024-06-20', sent: 100, recorded: 100, fifo: 0, fefo: 0, min: 0, max: 28 },
        { lot: '24B117', expiry: '2026-01-31', arrival: '2024-12-02', sent: 300, recorded: 300, fifo: 212, fefo: 212, min: 184, max: 212 },
      ],
      unspecifiedRecorded: -188, unknownLotStock: 0, unallocatedDepletion: 0, uncharged: 0,
      kits: [{ amazonSku: 'VITC-500-EU', unitsPerKit: 1, available: 210 }],
      amazon: { snapshot: '2025-04-14', warehouse: 212, fulfillable: 208, unsellable: 2, reserved: 2, inboundShipped: 0, inboundReceiving: 0 },
      warnings: [],
    },
  ];
}

const HORIZON_DAYS = 90;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function estimate(l: MockLot, m: Method): number {
  return m === 'FEFO' ? l.fefo : m === 'MIN' ? l.min : m === 'MAX' ? l.max : l.fifo;
}

function line(month: string, location: string, sku: string, ours: number[], amazon: Array<number | null>, inbound: number, cause: string, code: CauseCode | null = null): ReconciliationLine {
  const [opening, transfers, shipments, returns, removals, adjustments, reconciliation] = ours;
  const closing = opening + transfers + shipments + returns + removals + adjustments + reconciliation;
  const [starting, receipts, aShip, aRet, aRem, aAdj, transit] = amazon;
  const ending = starting === null ? null : starting + (receipts || 0) + (aShip || 0) + (aRet || 0) + (aRem || 0) + (aAdj || 0);
  const variance = ending === null ? null : closing - (ending + (transit || 0) + inbound);
  return {
    month, location, sku, opening, transfers, shipments, returns, removals, adjustments, reconciliation, closing,
    amazonStarting: starting, amazonReceipts: receipts, amazonShipments: aShip, amazonReturns: aRet, amazonRemovals: aRem,
    amazonAdjustments: aAdj, amazonEnding: ending, amazonInTransitBetweenWarehouses: transit, inboundInTransit: inbound,
    variance, cause: variance === 0 ? '' : cause, causeCode: variance === 0 ? null : code, status: 'OPEN', closedAt: null, fingerprint: null,
  };
}

function monthLines(month: string): ReconciliationLine[] {
  if (month === '2025-03') {
    return [
      line(month, 'FBA-US', 'VITC-500', [1150, 600, -700, 12, 0, -4, 0], [1126, 576, -700, 12, 0, -4, 24], 24, ''),
      line(month, 'FBA-US', 'OMEGA3-120', [117, 0, -77, 2, 0, 0, 0], [120, 0, -77, 2, 0, 0, 0], 0, 'unexplained', 'UNEXPLAINED'),
      line(month, 'FBA-US', 'MAGN-250', [0, 240, -50, 0, 0, 0, 0], [0, 216, -50, 0, 0, 0, 0], 24, ''),
      line(month, 'FBA-US', 'VITC-500-12PK', [0, 0, 0, 0, 0, 0, 0], [12, 0, 0, 0, 0, 0, 0], 0,
        'Amazon SKU VITC-500-12PK is in the summary but neither in Kits nor on any ledger row (add a Kits row)', 'UNKNOWN_AMAZON_SKU'),
      line(month, 'FBA-CA', 'ZINC-90', [45, 0, -7, 2, 0, 0, 0], [45, 0, -7, 7, 0, 0, 0], 0, 'flow mismatch: Returns (ours +2, Amazon +7)', 'FLOW_MISMATCH'),
      line(month, 'FBA-EU', 'VITC-500', [260, 0, -48, 0, 0, 0, 0], [260, 0, -84, 0, 0, 0, 0], 0, 'days of the month not imported: 2025-03-21 to 2025-03-31', 'DAYS_NOT_IMPORTED'),
    ];
  }
  if (month === '2025-04') {
    return [line(month, 'FBA-US', 'VITC-500', [1058, 0, -46, 0, 0, 0, 0], [null, null, null, null, null, null, null], 24, 'no Amazon summary for this month yet', 'NO_SUMMARY')];
  }
  return [
    line(month, 'FBA-US', 'VITC-500', [1280, 0, -130, 0, 0, 0, 0], [1256, 0, -130, 0, 0, 0, 24], 0, ''),
    line(month, 'FBA-US', 'OMEGA3-120', [180, 0, -63, 0, 0, 0, 0], [183, 0, -63, 0, 0, 0, 0], 0, 'unexplained', 'UNEXPLAINED'),
  ];
}

function shortfallsOf(month: string): InboundShortfall[] {
  if (month !== '2025-03') return [];
  return [
    { location: 'FBA-US', shipmentId: 'FBA15K2LMN7', sku: 'MAGN-250', sent: 240, received: 216, difference: 24, firstReceipt: '2025-02-10', lots: ['M-80'], overdue: true, singleLot: 'M-80' },
    { location: 'FBA-US', shipmentId: 'FBA15K9XQ2R', sku: 'VITC-500', sent: 600, received: 576, difference: 24, firstReceipt: '2025-03-25', lots: ['24A091', '24B117'], overdue: false, singleLot: null },
  ];
}

function countryLocation(country: string): string {
  const c = country.toUpperCase();
  if (c === 'US' || c === 'CA' || c === 'MX' || c === 'BR' || c === 'IN' || c === 'JP' || c === 'AU' || c === 'SG') return `FBA-${c}`;
  if (c === 'GB' || c === 'UK') return 'FBA-UK';
  if (['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'SE', 'BE', 'CZ', 'IE'].includes(c)) return 'FBA-EU';
  return `FBA-${c || 'US'}`;
}

function parseDay(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return null;
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

interface Options {
  setupDone: boolean;
  empty: boolean;
  jobRunning: boolean;
  connected: boolean;
}

export class MockServer implements ServerApi {
  setupDone: boolean;
  defaultLocation = 'FBA-US';
  locations = ['FBA-US', 'FBA-CA', 'FBA-EU', 'FBA-UK'];
  skus = ['MAGN-250', 'OMEGA3-120', 'VITC-500', 'VITC-500-6PK', 'VITC-500-EU', 'ZINC-90'];
  months = ['2025-04', '2025-03', '2025-02', '2025-01'];
  inventory: MockSku[];
  creds: AmazonSettingsInput | null = null;
  autoImport = false;
  lastImportDay: string | null = '2025-03-31';
  job: JobStatus = { state: 'IDLE', step: '', progress: 0, message: 'No fetch has run in this workbook yet.', jobId: null };
  log: ImportLogEntry[];
  closed = new Map<string, string>([['2025-02|FBA-US', '2025-03-04T10:12:00Z']]);
  posted = new Map<string, number>();
  imported = new Map<string, number>();
  shortfallsPosted = new Set<string>();
  private seq = 0;

  constructor(opts: Options) {
    this.setupDone = opts.setupDone;
    this.inventory = opts.empty ? [] : inventoryData();
    if (opts.empty) {
      this.skus = [];
      this.months = [];
    }
    this.log = opts.empty ? [] : [
      this.entry('2025-04-02T08:30:11Z', 'report:51234019876', 'GET_LEDGER_DETAIL_VIEW_DATA', 'FBA-US', '2025-03-01', '2025-03-31',
        'Shipments, CustomerReturns, VendorReturns, Adjustments, Receipts', 1893, 214, 0, 6, '', 'OK'),
      this.entry('2025-04-02T08:34:40Z', 'report:51234020112', 'GET_LEDGER_SUMMARY_VIEW_DATA', 'FBA-US', '2025-03-01', '2025-03-31', '', 48, 48, 0, 0, '', 'OK'),
      this.entry('2025-03-03T17:02:09Z', 'file:ledger-feb-2025.txt', 'GET_LEDGER_DETAIL_VIEW_DATA', 'FBA-EU', '2025-02-01', '2025-02-28',
        'Shipments, CustomerReturns, Adjustments', 402, 61, 58, 2, 'Amazon SKU VITC-500-12PK maps to no SKU the ledger has seen (missing Kits row?)', 'OK'),
      this.entry('2025-02-11T09:15:00Z', 'file:FBA-inventory.csv', 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'FBA-US', '2025-02-11', '2025-02-11', '', 5, 5, 5, 0, '', 'OK'),
    ];
    if (opts.connected || opts.jobRunning) {
      this.creds = { clientId: 'amzn1.application-oa2-client.8f2c41d9e3ab', clientSecret: 'amzn1.oa2-cs.v1.secret', refreshToken: 'Atzr|IwEBIExample', region: 'NA', marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] };
    }
    if (opts.jobRunning) this.fetchAmazonReports({ dataStart: '2025-04-01', dataEnd: '2025-04-14' });
  }

  private entry(time: string, source: string, reportType: string, location: string, dataStart: string | null, dataEnd: string | null, eventTypes: string,
    rowsRead: number, rowsWritten: number, rowsReplaced: number, rowsSkipped: number, warnings: string, status: string): ImportLogEntry {
    return { time, source, reportType, location, dataStart, dataEnd, eventTypes, rowsRead, rowsWritten, rowsReplaced, rowsSkipped, warnings, status };
  }

  private requireSetup(): void {
    if (!this.setupDone) throw new Refusal('The workbook is not set up: run Extensions ▸ FBA Lot Ledger ▸ Set up workbook');
  }

  private view(): AmazonSettingsView {
    const c = this.creds;
    return {
      connected: c !== null,
      clientIdMasked: c ? `${c.clientId.slice(0, c.clientId.lastIndexOf('.') + 1)}••••${c.clientId.slice(-4)}` : '',
      region: c ? c.region : null,
      marketplaceIds: c ? c.marketplaceIds : [],
      autoImport: this.autoImport,
      autoImportOwner: this.autoImport ? 'you' : null,
      lastImportDay: this.lastImportDay,
    };
  }

  // ---- setup and state ------------------------------------------------------------------------

  setupWorkbook(): SetupResult {
    const created = this.setupDone ? [] : ['FBA Ledger', 'Kits', 'Locations', 'Amazon Summary', 'Amazon Receipts', 'Amazon Inventory', 'Reconciliation', 'Import Log'];
    this.setupDone = true;
    return { created, message: created.length ? `Created ${created.join(', ')}.` : 'Everything was already set up.' };
  }

  getSidebarState(): SidebarState {
    return {
      setupDone: this.setupDone,
      timeZone: 'America/New_York',
      today: TODAY,
      defaultLocation: this.defaultLocation,
      locations: this.locations,
      skus: this.skus,
      months: this.months,
      amazon: this.view(),
      job: this.job,
      importLog: this.getImportLog(10),
    };
  }

  setDefaultLocation(location: string): SidebarState {
    this.requireSetup();
    if (!this.locations.includes(location)) throw new Refusal(`Unknown location ${location}: add it to the Locations sheet first`);
    this.defaultLocation = location;
    return this.getSidebarState();
  }

  // ---- transfers and inventory ------------------------------------------------------------------

  recordTransfer(input: TransferInput): TransferResult {
    this.requireSetup();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date || '')) throw new Refusal('Date must be a date written YYYY-MM-DD');
    if (input.date > TODAY) throw new Refusal(`Date ${input.date} is in the future`);
    const sku = String(input.sku || '').trim();
    if (!sku) throw new Refusal('SKU is required');
    if (!Number.isInteger(input.quantity) || input.quantity === 0) throw new Refusal('Quantity must be a whole number of units, not zero (negative takes units out of FBA)');
    const lot = String(input.lot || '').trim() || 'UNSPECIFIED';
    const location = input.location || this.defaultLocation;
    let card = this.inventory.find((s) => s.location === location && s.sku === sku);
    if (!card) {
      card = { location, sku, sellable: 0, unsellable: 0, lots: [], unspecifiedRecorded: 0, unknownLotStock: 0, unallocatedDepletion: 0, uncharged: 0,
        kits: [{ amazonSku: sku, unitsPerKit: 1, available: 0 }], amazon: null, warnings: [] };
      this.inventory.push(card);
      if (!this.skus.includes(sku)) this.skus = [...this.skus, sku].sort();
    }
    if (lot === 'UNSPECIFIED') {
      card.unspecifiedRecorded += input.quantity;
      card.unknownLotStock += input.quantity;
    } else {
      let l = card.lots.find((x) => x.lot === lot);
      if (!l) {
        l = { lot, expiry: input.expiry || null, arrival: input.date, sent: 0, recorded: 0, fifo: 0, fefo: 0, min: 0, max: 0 };
        card.lots.push(l);
      }
      for (const k of ['sent', 'recorded', 'fifo', 'fefo', 'min', 'max'] as const) l[k] += input.quantity;
    }
    card.sellable += input.quantity;
    const row = 1400 + ++this.seq;
    return { row, message: `Recorded TRANSFER of ${input.quantity} ${sku} lot ${lot} on ${input.date} to ${location} (row ${row}).` };
  }

  getInventory(query?: InventoryQuery): InventoryResult {
    this.requireSetup();
    const q = query || {};
    const method: Method = q.method || 'FIFO';
    const asOf = q.asOf || TODAY;
    const needle = (q.sku || '').trim().toLowerCase();
    const horizon = addDays(asOf, HORIZON_DAYS);
    const rows = asOf < '2024-01-01' ? [] : this.inventory
      .filter((s) => !q.location || s.location === q.location)
      .filter((s) => !needle || s.sku.toLowerCase().includes(needle) || s.kits.some((k) => k.amazonSku.toLowerCase().includes(needle)));
    const skus: InventorySku[] = rows.map((s) => {
      const lots = s.lots.map((l) => ({
        lot: l.lot, expiry: l.expiry, arrival: l.arrival, sent: l.sent, recorded: l.recorded,
        estimate: estimate(l, method), min: l.min, max: l.max,
        expiringSoon: l.max > 0 && l.expiry !== null && l.expiry <= horizon,
      }));
      if (method === 'FEFO') lots.sort((a, b) => (a.expiry || '9999').localeCompare(b.expiry || '9999'));
      const figure = s.unknownLotStock - s.unallocatedDepletion + s.uncharged;
      const onHand = lots.reduce((a, l) => a + l.estimate, 0) + figure;
      return {
        location: s.location, sku: s.sku, onHand, sellable: s.sellable, unsellable: s.unsellable, lots,
        unspecified: { recorded: s.unspecifiedRecorded, figure, unknownLotStock: s.unknownLotStock, unallocatedDepletion: s.unallocatedDepletion, uncharged: s.uncharged },
        // Like the server: Amazon's figure is a current one, given only for "now" (no as-of day).
        kits: s.kits, amazon: q.asOf ? null : s.amazon, warnings: s.warnings,
      };
    });
    return {
      asOf, method, locations: [...new Set(skus.map((s) => s.location))], skus,
      warnings: rows.some((s) => s.sku === 'VITC-500') ? ['SKU "vitc-500" on row 212 differs only in case from VITC-500; read as VITC-500'] : [],
      expiryHorizonDays: HORIZON_DAYS,
    };
  }

  writeLotsTable(query?: InventoryQuery): WriteLotsResult {
    const r = this.getInventory(query);
    const rows = r.skus.reduce((a, s) => a + s.lots.length + 1, 0);
    return { rows, message: `Wrote ${rows} rows to the Lots sheet (as of ${r.asOf}, ${r.method}).` };
  }

  // ---- imports ----------------------------------------------------------------------------------

  importReportFile(fileName: string, base64Content: string, options?: ImportOptions): ImportResult {
    this.requireSetup();
    const bytes = decodeBase64(base64Content);
    if (bytes.length > MAX_BYTES) {
      throw new Refusal(`the report is ${(bytes.length / 1048576).toFixed(1)} MiB, over the 20 MiB this add-on reads at once: download fewer days (for example one month) or one event type per file`);
    }
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const text = gz
      ? 'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\tReason\tCountry\n' +
        '03/02/2025\tX001\tB0\tVITC-500\tVitamin C\tShipments\t\t-3\tPHX7\tSELLABLE\t\tUS\n'
      : new TextDecoder().decode(bytes);
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (!lines.length) throw new Refusal(`${fileName} is empty`);
    const sep = lines[0].includes('\t') ? '\t' : ',';
    const cells = (l: string) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const header = cells(lines[0]);
    const col = (...names: string[]) => header.findIndex((h) => names.some((n) => h.toLowerCase() === n.toLowerCase()));
    const data = lines.slice(1).map(cells);
    let reportType: string;
    let location = options && options.location ? options.location : 'FBA-US';
    let dataStart: string | null = null;
    let dataEnd: string | null = null;
    let eventTypes: string[] = [];
    let rowsWritten = 0;
    let rowsSkipped = 0;
    const warnings: string[] = [];
    const changes: ClosedMonthChange[] = [];
    if (col('Event Type', 'EventType') >= 0) {
      reportType = 'GET_LEDGER_DETAIL_VIEW_DATA';
      const iDate = col('Date'), iEvent = col('Event Type', 'EventType'), iSku = col('MSKU'), iQty = col('Quantity'), iCountry = col('Country');
      const keys = new Set<string>();
      const perMonth = new Map<string, number>();
      data.forEach((r, i) => {
        const day = parseDay(r[iDate] || '');
        if (!day) throw new Refusal(`Line ${i + 2}: Date "${r[iDate] || ''}" is not a date`);
        const qty = Number(r[iQty]);
        if (!Number.isFinite(qty)) throw new Refusal(`Line ${i + 2}: Quantity "${r[iQty] || ''}" is not a number`);
        if (!r[iSku]) throw new Refusal(`Line ${i + 2}: no MSKU`);
        if (iCountry >= 0 && r[iCountry]) location = countryLocation(r[iCountry]);
        const event = r[iEvent];
        if (!eventTypes.includes(event)) eventTypes.push(event);
        if (!dataStart || day < dataStart) dataStart = day;
        if (!dataEnd || day > dataEnd) dataEnd = day;
        if (event === 'WhseTransfers') rowsSkipped += 1;
        else keys.add(`${day}|${event}|${r[iSku]}`);
        const k = `${day.slice(0, 7)}|${r[iSku]}`;
        if (event !== 'WhseTransfers') perMonth.set(k, (perMonth.get(k) || 0) + qty);
        if (!this.skus.includes(r[iSku])) warnings.push(`Amazon SKU ${r[iSku]} maps to no SKU the ledger has seen (likely a missing Kits row)`);
      });
      rowsWritten = keys.size;
      for (const [k, delta] of perMonth) {
        const [month, sku] = k.split('|');
        if (this.closed.has(`${month}|${location}`) && delta !== 0) changes.push({ month, location, sku, oldClosing: 1130, newClosing: 1130 + delta });
      }
    } else if (col('Starting Warehouse Balance') >= 0) {
      reportType = 'GET_LEDGER_SUMMARY_VIEW_DATA';
      const iDate = col('Date');
      for (const r of data) {
        const m = /^(\d{1,2})\/(\d{4})$/.exec(r[iDate] || '');
        const month = m ? `${m[2]}-${m[1].padStart(2, '0')}` : (r[iDate] || '').slice(0, 7);
        if (!dataStart || `${month}-01` < dataStart) dataStart = `${month}-01`;
        if (!dataEnd || `${month}-28` > dataEnd) dataEnd = `${month}-28`;
      }
      rowsWritten = data.length;
    } else if (col('afn-warehouse-quantity') >= 0) {
      reportType = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';
      dataStart = TODAY;
      dataEnd = TODAY;
      rowsWritten = data.length;
      if (!options || !options.location) warnings.push('The inventory report has no country: its rows were given FBA-US (the connection\'s marketplace)');
    } else {
      throw new Refusal(`${fileName} is not a report this add-on reads: its header row has ${header.slice(0, 6).join(', ')}${header.length > 6 ? ', …' : ''}. ` +
        'Expected an Inventory Ledger report (Date, FNSKU, ASIN, MSKU, Title, Event Type, Reference ID, Quantity, …), its summary view (…, Starting Warehouse Balance, …) ' +
        'or Manage FBA Inventory (sku, fnsku, …, afn-warehouse-quantity, …)');
    }
    const scopeKey = `${reportType}|${location}|${dataStart}|${dataEnd}`;
    const rowsReplaced = this.imported.get(scopeKey) || 0;
    const status = data.length === 0 ? 'NO_DATA' : changes.length ? 'CLOSED_MONTH_CHANGED' : 'OK';
    const source = `file:${fileName}`;
    const dryRun = Boolean(options && options.dryRun);
    const result: ImportResult = {
      reportType, location, dataStart, dataEnd, eventTypes, rowsRead: data.length, rowsWritten: status === 'NO_DATA' ? 0 : rowsWritten,
      rowsReplaced, rowsSkipped, warnings: [...new Set(warnings)], status, source,
      scopes: [{ location, dataStart, dataEnd, eventTypes, skus: null }], closedMonthChanges: changes, dryRun,
    };
    if (!dryRun) {
      this.imported.set(scopeKey, rowsWritten);
      this.log.unshift(this.entry(`${TODAY}T14:0${this.seq % 10}:00Z`, source, reportType, location, dataStart, dataEnd, eventTypes.join(', '),
        data.length, result.rowsWritten, rowsReplaced, rowsSkipped, result.warnings.join('\n'), status));
      this.seq += 1;
    }
    return result;
  }

  removeImport(source: string): RemoveImportResult {
    this.requireSetup();
    const e = this.log.find((x) => x.source === source && (x.status === 'OK' || x.status === 'CLOSED_MONTH_CHANGED'));
    if (!e) throw new Refusal(`No rows from ${source} are in the workbook (already removed?)`);
    e.status = 'REMOVED';
    return { source, rowsRemoved: e.rowsWritten, message: `Removed ${e.rowsWritten} rows written by ${source}. The Import Log keeps the record.` };
  }

  getImportLog(limit?: number): ImportLogEntry[] {
    return this.log.slice(0, limit || 10);
  }

  // ---- Amazon -----------------------------------------------------------------------------------

  saveAmazonSettings(input: AmazonSettingsInput): AmazonSettingsView {
    const prev = this.creds;
    const keep = (v: string, old: string | undefined) => (!v || v.includes('••••') ? old || '' : v);
    const clientId = (input.clientId || '').trim() || (prev ? prev.clientId : '');
    const clientSecret = keep((input.clientSecret || '').trim(), prev ? prev.clientSecret : undefined);
    const refreshToken = keep((input.refreshToken || '').trim(), prev ? prev.refreshToken : undefined);
    if (!clientId) throw new Refusal('Client ID is required (Seller Central ▸ Apps and Services ▸ Develop Apps ▸ View LWA credentials)');
    if (!clientSecret) throw new Refusal('Client secret is required');
    if (!refreshToken) throw new Refusal('Refresh token is required (Develop Apps ▸ Authorize app)');
    if (!refreshToken.startsWith('Atzr|')) throw new Refusal('The refresh token should start with "Atzr|"');
    if (!['NA', 'EU', 'FE'].includes(input.region)) throw new Refusal('Region must be NA, EU or FE');
    if (!input.marketplaceIds.length) throw new Refusal('Choose at least one marketplace');
    for (const id of input.marketplaceIds) {
      const m = MARKETPLACES.find((x) => x.id === id);
      if (!m) throw new Refusal(`Unknown marketplace ID ${id}`);
      if (m.region !== input.region) throw new Refusal(`Marketplace ${id} (${m.country}) belongs to region ${m.region}, not ${input.region}`);
    }
    this.creds = { clientId, clientSecret, refreshToken, region: input.region, marketplaceIds: [...new Set(input.marketplaceIds)] };
    return this.view();
  }

  testAmazonConnection(): TestConnectionResult {
    const c = this.creds;
    if (!c) throw new Refusal('No Amazon connection is saved for this workbook: fill in Import ▸ Amazon connection first');
    if (/bad/i.test(c.clientSecret)) {
      return { ok: false, message: 'invalid_client: Amazon refused the client ID or secret. Client secrets must be rotated every 180 days: copy the new one from Develop Apps ▸ View LWA credentials.' };
    }
    const countries = c.marketplaceIds.map((id) => MARKETPLACES.find((m) => m.id === id)?.country || id).join(', ');
    return { ok: true, message: `Connected to Amazon (${c.region}): reports for ${countries} can be requested.` };
  }

  setAutoImport(on: boolean): AmazonSettingsView {
    if (on && !this.creds) throw new Refusal('Save an Amazon connection before switching auto-import on');
    this.autoImport = Boolean(on);
    return this.view();
  }

  fetchAmazonReports(request?: FetchRequest): JobStatus {
    if (!this.creds) throw new Refusal('No Amazon connection is saved for this workbook: fill in Import ▸ Amazon connection first');
    if (this.job.state === 'RUNNING') return this.job;
    const yesterday = addDays(TODAY, -1);
    const start = (request && request.dataStart) || (this.lastImportDay ? addDays(this.lastImportDay, 1) : addDays(TODAY, -30));
    const end = (request && request.dataEnd && request.dataEnd < yesterday ? request.dataEnd : yesterday);
    if (start > end) throw new Refusal(`Nothing to fetch: ${start} is after ${end} (Amazon's reports end yesterday)`);
    this.job = {
      state: 'RUNNING', step: 'Requesting Shipments for 2025-04', progress: 0.02, jobId: `job-${++this.seq}`, dataStart: start, dataEnd: end,
      message: `Fetching ${start} to ${end}: 6 reports to request.`, reportsDone: 0, reportsTotal: 6,
    };
    return this.job;
  }

  getJobStatus(): JobStatus {
    const j = this.job;
    if (j.state !== 'RUNNING') return j;
    const done = Math.min(6, (j.reportsDone || 0) + 2);
    const steps = ['Waiting for CustomerReturns for 2025-04', 'Downloading Adjustments for 2025-04', 'Writing to the workbook'];
    if (done >= 6) {
      this.job = { ...j, state: 'DONE', step: 'DONE', progress: 1, reportsDone: 6, message: `Imported ${j.dataStart} to ${j.dataEnd}: 412 rows written, 0 replaced.` };
      this.lastImportDay = j.dataEnd || null;
      this.log.unshift(this.entry(`${TODAY}T14:20:00Z`, 'report:51299034455', 'GET_LEDGER_DETAIL_VIEW_DATA', 'FBA-US', j.dataStart || null, j.dataEnd || null,
        'Shipments, CustomerReturns, VendorReturns, Adjustments, Receipts', 2710, 412, 0, 3, '', 'OK'));
    } else {
      this.job = { ...j, reportsDone: done, progress: done / 7, step: steps[done / 2 - 1] || j.step, message: `Downloaded ${done} of 6 reports.` };
    }
    return this.job;
  }

  // ---- reconciliation ---------------------------------------------------------------------------

  private reconciliationLines(month: string, location: string | null | undefined): ReconciliationLine[] {
    return monthLines(month)
      .filter((l) => !location || l.location === location)
      .map((l) => {
        const closedAt = this.closed.get(`${month}|${l.location}`) || null;
        const post = this.posted.get(`${month}|${l.location}|${l.sku}`);
        const out = { ...l, status: closedAt ? 'CLOSED' : 'OPEN', closedAt, fingerprint: closedAt ? 'k3:9f1c2e' : null };
        if (post !== undefined && out.variance !== null) {
          out.reconciliation += post;
          out.closing += post;
          out.variance += post;
          out.cause = out.variance === 0 ? '' : out.cause;
          out.causeCode = out.variance === 0 ? null : out.causeCode;
        }
        return out;
      });
  }

  private blockers(month: string, location: string | null | undefined): string[] {
    const out: string[] = [];
    if (month >= TODAY.slice(0, 7)) out.push(`${month} is not over yet`);
    const locs = location ? [location] : [...new Set(monthLines(month).map((l) => l.location))];
    if (month === '2025-03' && locs.includes('FBA-EU')) out.push('FBA-EU: detail imports do not cover 2025-03-21 to 2025-03-31; fetch or upload those days first');
    return out;
  }

  getReconciliation(query: ReconciliationQuery): ReconciliationResult {
    this.requireSetup();
    if (!/^\d{4}-\d{2}$/.test(query.month || '')) throw new Refusal('Month must be written YYYY-MM');
    const lines = this.reconciliationLines(query.month, query.location);
    const closed = lines.length > 0 && lines.every((l) => l.status === 'CLOSED');
    const blockers = closed ? [] : this.blockers(query.month, query.location);
    return {
      month: query.month,
      locations: [...new Set(lines.map((l) => l.location))],
      lines,
      shortfalls: shortfallsOf(query.month)
        .filter((s) => !query.location || s.location === query.location)
        .filter((s) => !this.shortfallsPosted.has(`${query.month}|${s.location}|${s.shipmentId}|${s.sku}`)),
      closed,
      canClose: !closed && blockers.length === 0 && lines.length > 0,
      closeBlockers: blockers,
      warnings: query.month === '2025-03' && (!query.location || query.location === 'FBA-US')
        ? ['Kits changed after 2025-02 was closed: its fingerprint no longer matches'] : [],
    };
  }

  closeMonth(input: CloseMonthInput): CloseMonthResult {
    const r = this.getReconciliation({ month: input.month, location: input.location });
    if (!r.canClose) throw new Refusal(`${input.month} cannot be closed${input.location ? ` for ${input.location}` : ''}: ${r.closeBlockers.join('; ') || 'it is already closed'}`);
    for (const sku of input.postAdjustments) {
      const lines = r.lines.filter((l) => l.sku === sku);
      if (!lines.length) throw new Refusal(`${sku} has no line in ${input.month}`);
      const bad = lines.find((l) => l.causeCode !== 'UNEXPLAINED');
      if (bad) throw new Refusal(`Cannot post a RECONCILIATION row for ${sku}: its cause is "${bad.cause || 'none (it agrees)'}"`);
    }
    for (const sku of input.postAdjustments) {
      for (const l of r.lines.filter((x) => x.sku === sku)) this.posted.set(`${input.month}|${l.location}|${sku}`, -(l.variance || 0));
    }
    for (const loc of r.locations) this.closed.set(`${input.month}|${loc}`, `${TODAY}T15:00:00Z`);
    return {
      month: input.month, locations: r.locations, posted: input.postAdjustments,
      message: `Closed ${input.month} for ${r.locations.join(', ')}: the review is in the Reconciliation sheet.${input.postAdjustments.length ? ` Posted: ${input.postAdjustments.join(', ')}.` : ''}`,
    };
  }

  writeReview(query: ReconciliationQuery): CloseMonthResult {
    const r = this.getReconciliation(query);
    if (!r.lines.length) throw new Refusal(`Nothing to review for ${query.month}: no ledger rows and no Amazon summary rows`);
    return {
      month: query.month, locations: r.locations, posted: [],
      message: `Wrote the review of ${query.month} for ${r.locations.join(', ')} to the Reconciliation sheet (${r.lines.length} lines). The month stays open.`,
    };
  }

  postShortfallAdjustment(input: ShortfallAdjustmentInput): TransferResult {
    this.requireSetup();
    const key = `${input.month}|${input.location}|${input.shipmentId}|${input.sku}`;
    const s = shortfallsOf(input.month).find((x) => x.location === input.location && x.shipmentId === input.shipmentId && x.sku === input.sku);
    if (!s || this.shortfallsPosted.has(key)) throw new Refusal(`Shipment ${input.shipmentId} has no shortfall of ${input.sku} at ${input.location} in ${input.month}`);
    if (!s.singleLot) throw new Refusal(`Shipment ${input.shipmentId} carried several lots of ${input.sku} (${s.lots.join(', ')}): record the ADJUSTMENT rows by hand`);
    if (this.closed.has(`${input.month}|${input.location}`)) throw new Refusal(`${input.month} is closed for ${input.location}: reopen it first`);
    this.shortfallsPosted.add(key);
    const row = 1400 + ++this.seq;
    const day = addDays(`${input.month}-01`, 40).slice(0, 8) + '01';
    const last = addDays(day, -1);
    return { row, message: `Posted ADJUSTMENT of ${-s.difference} ${s.sku} lot ${s.singleLot} (Reference ${s.shipmentId}) on ${last} (row ${row}).` };
  }

  reopenMonth(input: ReopenMonthInput): CloseMonthResult {
    const locs = input.location ? [input.location] : [...new Set(monthLines(input.month).map((l) => l.location))];
    const reopened = locs.filter((l) => this.closed.delete(`${input.month}|${l}`));
    if (!reopened.length) throw new Refusal(`${input.month} is not closed${input.location ? ` for ${input.location}` : ''}`);
    return { month: input.month, locations: reopened, posted: [], message: `Reopened ${input.month} for ${reopened.join(', ')}.` };
  }

  startMidStream(input: StartMidStreamInput): StartMidStreamResult {
    this.requireSetup();
    if (!this.locations.includes(input.location)) throw new Refusal(`Unknown location ${input.location}`);
    if (input.month >= TODAY.slice(0, 7)) throw new Refusal(`${input.month} is not a complete month`);
    const [y, m] = input.month.split('-').map(Number);
    const openingDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const rowsWritten = 3 + Object.keys(input.inboundInTransit || {}).length;
    return {
      month: input.month, location: input.location, openingDay, rowsWritten,
      message: `Wrote ${rowsWritten} OPENING rows for ${input.location} dated ${openingDay}. Detail imports dated on or before ${openingDay} are now refused for ${input.location}.`,
    };
  }
}

export interface MockControls {
  server: MockServer;
  calls: Array<{ name: string; args: unknown[] }>;
  delayMs: number;
  failNext(name: string, message: string): void;
}

/** Builds the mock from the page's URL and installs google.script.run (call before the sidebar's script). */
export function installMockServer(): MockControls {
  const search = (globalThis as unknown as { location?: { search?: string } }).location?.search || '';
  const params = new URLSearchParams(search);
  const server = new MockServer({
    setupDone: params.get('mock-setup') !== '0',
    empty: params.get('mock-empty') === '1',
    jobRunning: params.get('mock-job') === 'running',
    connected: params.get('mock-connected') === '1',
  });
  const failures = new Map<string, string[]>();
  const controls: MockControls = {
    server,
    calls: [],
    delayMs: Number(params.get('mock-delay') || 150),
    failNext(name, message) {
      failures.set(name, [...(failures.get(name) || []), message]);
    },
  };
  const failOnce = params.get('mock-fail');
  if (failOnce) controls.failNext(failOnce, 'We\'re sorry, a server error occurred. Please wait a bit and try again.');
  const run = createScriptRun(SERVER_FUNCTIONS, (name, args) => {
    const queued = failures.get(name);
    if (queued && queued.length) throw new Error(queued.shift());
    const fn = (server as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    return fn.apply(server, args);
  }, {
    delay: () => controls.delayMs,
    onCall: (name, args) => controls.calls.push({ name, args }),
  });
  installScriptRun(run);
  (globalThis as unknown as { __mock: MockControls }).__mock = controls;
  return controls;
}
