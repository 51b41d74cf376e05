/**
 * One in-memory workbook with the sample seller's history (preview/sample.ts), built the way a
 * seller builds it: through the built bundle (dist/Code.js), one fresh execution per call, on a
 * virtual clock that walks through the months —
 *
 *   2024-12-10  Set up workbook, type the Kits row, record the first shipment's TRANSFER rows
 *   2025-01-02  import December's detailed and summary ledger report files
 *   …           record each later shipment on the day it was sent; import each month's two files
 *               early in the next month
 *   2025-05-20  import today's Manage FBA Inventory file; the clock stays at 09:00 of this day
 *
 * The report files are written exactly as the SP-API emulator writes its documents (quoted TSV,
 * spaced names, MM/DD/YYYY) from the same dataset the emulator serves, so "Fetch" continues where
 * the files stop (May 1 to yesterday).
 *
 * Use: `const world = createPreviewWorld(); callFromClient(world.env, 'getInventory', [{}])`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionKey } from '../src/app/amazon/connection';
import { KITS } from '../src/app/layout';
import { dayFromIso } from '../src/core/days';
import type { ImportResult } from '../src/shared/wire';
import { DEFAULT_CREDENTIALS, DEFAULT_DOCUMENT_FORMAT, SpApiEmulator, generateTable, renderTable, type DocumentFormat, type ReportRequest } from '../test/emulator/index';
import { FakeEnv, VirtualClock, callFromClient, zonedMidnight } from '../test/fakes/index';
import {
  IMPORTED_MONTHS, KITS_ROWS, SAMPLE_TIME_ZONE, SAMPLE_TODAY, US_MARKETPLACE, lastDayOf, sampleData, sampleTransfers, type SampleData,
} from './sample';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SPREADSHEET_NAME = 'FBA Lot Ledger — sample seller';

/** The LWA credentials the emulator accepts (shown on the preview page; pre-saved when `connected`). */
export const TEST_CREDENTIALS = {
  clientId: DEFAULT_CREDENTIALS.clientId,
  clientSecret: DEFAULT_CREDENTIALS.clientSecret,
  refreshToken: DEFAULT_CREDENTIALS.refreshToken,
  region: 'NA' as const,
  marketplaceIds: [US_MARKETPLACE],
};

export interface PreviewOptions {
  /** Save TEST_CREDENTIALS in the user's properties, as "Save connection" would (default true). */
  connected?: boolean;
  /** The server bundle (default dist/Code.js). */
  bundlePath?: string;
  /** Emulator report processing times (default 5 s queued + 15 s in progress, virtual). */
  processing?: { inQueueMs: number; inProgressMs: number };
}

export interface PreviewWorld {
  env: FakeEnv;
  clock: VirtualClock;
  emulator: SpApiEmulator;
  data: SampleData;
  /** What each import of the seed returned, in order. */
  imports: Array<{ file: string; status: string; rowsWritten: number }>;
}

/** `day` (YYYY-MM-DD) at hh:mm in the sample's zone, as epoch ms. */
export function at(day: string, hh: number, mm = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return zonedMidnight(y, m, d, SAMPLE_TIME_ZONE) + (hh * 60 + mm) * 60_000;
}

export interface ReportFile {
  name: string;
  reportType: string;
  text: string;
}

const FILE_FORMAT: DocumentFormat = { ...DEFAULT_DOCUMENT_FORMAT, compression: 'NONE' };

function report(data: SampleData, request: Omit<ReportRequest, 'marketplaceIds'>): string {
  return renderTable(generateTable(data.dataset, { ...request, marketplaceIds: [US_MARKETPLACE] }, FILE_FORMAT), FILE_FORMAT);
}

/** The detailed and summary ledger files of one month, as Seller Central would give them. */
export function monthFiles(data: SampleData, month: string): ReportFile[] {
  const first = at(`${month}-01`, 0);
  const end = at(lastDayOf(month), 0) + 86_400_000 - 1000;
  // Summary periods are calendar months (UTC days in the emulator), so its window is the month in UTC.
  const [y, m] = month.split('-').map(Number);
  const summaryStart = Date.UTC(y, m - 1, 1);
  const summaryEnd = Date.UTC(y, m, 1) - 1000;
  return [
    {
      name: `inventory-ledger-detail-${month}.tsv`, reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
      text: report(data, { reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', dataStartTime: first, dataEndTime: end, reportOptions: {} }),
    },
    {
      name: `inventory-ledger-summary-${month}.tsv`, reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA',
      text: report(data, {
        reportType: 'GET_LEDGER_SUMMARY_VIEW_DATA', dataStartTime: summaryStart, dataEndTime: summaryEnd,
        reportOptions: { aggregateByLocation: 'COUNTRY', aggregatedByTimePeriod: 'MONTHLY' },
      }),
    },
  ];
}

/** Today's Manage FBA Inventory file. */
export function inventoryFile(data: SampleData): ReportFile {
  return {
    name: `manage-fba-inventory-${SAMPLE_TODAY}.txt`, reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
    text: report(data, { reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', dataStartTime: at(SAMPLE_TODAY, 0), dataEndTime: at(SAMPLE_TODAY, 9), reportOptions: {} }),
  };
}

function nextMonthDay(month: string, day: number): string {
  const last = dayFromIso(lastDayOf(month))!;
  const d = new Date((last + 1) * 86_400_000);
  return `${d.toISOString().slice(0, 8)}${String(day).padStart(2, '0')}`;
}

function bundleFile(opts: PreviewOptions): string {
  return opts.bundlePath ?? join(ROOT, 'dist/Code.js');
}

/** A fresh environment with the sample history, the emulator plugged in as UrlFetchApp's network. */
export function createPreviewWorld(opts: PreviewOptions = {}): PreviewWorld {
  const clock = new VirtualClock(at('2024-12-10', 9));
  const data = sampleData();
  const emulator = new SpApiEmulator({
    clock,
    dataset: data.dataset,
    processing: opts.processing ?? { inQueueMs: 5_000, inProgressMs: 15_000 },
  });
  const manifest = [join(ROOT, 'dist/appsscript.json'), join(ROOT, 'appsscript.json')].find((p) => existsSync(p)) ?? null;
  const env = new FakeEnv({
    clock,
    timeZone: SAMPLE_TIME_ZONE,
    spreadsheetName: SPREADSHEET_NAME,
    manifest,
    htmlDir: existsSync(join(ROOT, 'dist')) ? join(ROOT, 'dist') : undefined,
    bundle: { path: bundleFile(opts) },
    http: emulator.handle,
  });
  const call = (name: string, ...args: unknown[]): unknown => callFromClient(env, name, args);

  call('setupWorkbook');
  env.seed(KITS.name, KITS_ROWS.map((r) => [...r]), 'A2');

  const world: PreviewWorld = { env, clock, emulator, data, imports: [] };
  const importFile = (file: ReportFile): void => {
    const r = call('importReportFile', file.name, Buffer.from(file.text, 'utf8').toString('base64'), {}) as ImportResult;
    if (r.status !== 'OK') throw new Error(`the sample's ${file.name} imported as ${r.status}: ${r.warnings.join('; ')}`);
    world.imports.push({ file: file.name, status: r.status, rowsWritten: r.rowsWritten });
  };

  const transfers = sampleTransfers();
  const recordTransfersOf = (day: string, hour: number): void => {
    clock.set(at(day, hour));
    for (const t of transfers.filter((x) => x.typedOn === day)) {
      call('recordTransfer', t.input);
      clock.advance(45_000);
    }
  };
  recordTransfersOf('2024-12-10', 11);
  for (const month of IMPORTED_MONTHS) {
    // Shipments sent during the month, on their days; then the month's files early in the next month.
    for (const day of [...new Set(transfers.map((t) => t.typedOn))].filter((d) => d.startsWith(month) && d !== '2024-12-10')) recordTransfersOf(day, 15);
    clock.set(at(nextMonthDay(month, month === '2024-12' ? 2 : 3), 9, 10));
    for (const f of monthFiles(data, month)) {
      importFile(f);
      clock.advance(2 * 60_000);
    }
  }
  clock.set(at(SAMPLE_TODAY, 8, 55));
  importFile(inventoryFile(data));
  clock.set(at(SAMPLE_TODAY, 9));

  if (opts.connected ?? true) {
    env.userProperties().data.set(connectionKey(env.spreadsheet.id), JSON.stringify(TEST_CREDENTIALS));
  }
  return world;
}
