/**
 * The real thing end to end: the local preview (preview/server.ts) serves the built sidebar beside
 * its view of the sheets, and every google.script.run call runs the built bundle (dist/Code.js)
 * over one in-memory workbook seeded with the sample seller (preview/seed.ts); "Fetch" talks to
 * the SP-API emulator. Each test starts from a fresh sample workbook; one browser serves the file.
 * A screenshot of each tab goes to test-output/screenshots/e2e-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { callFromClient } from '../fakes/index';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { TEST_CREDENTIALS } from '../../preview/seed';
import { ROOT, launch } from './harness';

const SHOTS = join(ROOT, 'test-output', 'screenshots');
const FIXTURE = join(ROOT, 'test/fixtures/reports/detail-spapi-us.tsv');
const LONG = 60_000;

let browser: Browser;
let server: PreviewServer;
let page: Page;
let problems: { errors: string[]; external: string[] };

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreviewServer({ port: 0, world: { connected: false } }), launch()]);
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

beforeEach(async () => {
  server.reset();
  if (page) await page.context().close().catch(() => undefined);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
  page = await context.newPage();
  problems = { errors: [], external: [] };
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`);
  });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('http://127.0.0.1:') || u.startsWith('data:') || u === 'about:blank') return route.continue();
    problems.external.push(u);
    return route.abort();
  });
});

/** The server's own answer, in-process (what the sidebar should show). */
function api<T>(name: string, ...args: unknown[]): T {
  return callFromClient(server.world.env, name, args) as T;
}

function callsOf(name: string): number {
  return server.calls.filter((c) => c.name === name).length;
}

async function open(opts: { clock?: boolean; tab?: string } = {}): Promise<FrameLocator> {
  if (opts.clock) await page.clock.install();
  await page.goto(server.url);
  if (opts.tab) await page.locator(`.menu button[data-tab="${opts.tab}"]`).click();
  const sb = page.frameLocator('#sidebar');
  await sb.locator('[role="tablist"]').waitFor();
  await page.locator('#grid tbody tr').first().waitFor();
  return sb;
}

function sidebarFrame(): Frame {
  const f = page.frames().find((x) => x.url().includes('/sidebar.html'));
  if (!f) throw new Error('no sidebar frame');
  return f;
}

async function text(sb: FrameLocator, selector: string): Promise<string> {
  return (await sb.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

async function waitText(sb: FrameLocator, selector: string, part: string | RegExp, timeout = 15_000): Promise<void> {
  await sb.locator(selector, { hasText: part }).first().waitFor({ timeout });
}

async function until(cond: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The sidebar fits its 300 px: no horizontal scrolling. */
async function expectFits(): Promise<void> {
  const [sw, cw] = (await sidebarFrame().evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as number[];
  expect(sw).toBeLessThanOrEqual(cw);
  expect(cw).toBeLessThanOrEqual(300);
}

/** The grid's rows of the sheet shown, as text. */
async function gridRows(): Promise<string[]> {
  return (await page.locator('#grid tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function showSheet(name: string): Promise<void> {
  await page.locator(`#sheet-tabs [data-sheet="${name}"]`).click();
  await page.locator(`#sheet-tabs [data-sheet="${name}"][aria-selected="true"]`).waitFor();
}

async function shot(name: string, sb?: FrameLocator, scrollTo?: string): Promise<void> {
  if (sb && scrollTo) await sb.locator(scrollTo).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `e2e-${name}.png`) });
}

function clean(): void {
  expect(problems.errors).toEqual([]);
  expect(problems.external).toEqual([]);
}

const onHand = async (sb: FrameLocator, sku: string): Promise<number> =>
  Number((await text(sb, `.sku-card[data-sku="${sku}"] .sku-onhand strong`)).replace(/[^\d−-]/g, '').replace('−', '-'));

describe('the preview: real sidebar, real bundle, sample workbook', () => {
  it('Inventory and Record transfer: a transfer changes the stock and the ledger; a held lock is refused in words', async () => {
    const sb = await open();
    await sb.locator('.sku-card').first().waitFor();
    const expected = api<{ skus: Array<{ sku: string; onHand: number }> }>('getInventory', { location: null, asOf: null, sku: null, method: 'FIFO' });
    expect(await sb.locator('.sku-card').count()).toBe(expected.skus.length);
    const before = await onHand(sb, 'VITC-500');
    expect(before).toBe(expected.skus.find((s) => s.sku === 'VITC-500')!.onHand);
    const omega = await text(sb, '.sku-card[data-sku="OMEGA3-120"]');
    expect(omega).toContain('Expiring');
    expect(omega).toMatch(/Lot OM2411 expires 2025-07-31/);
    expect(await text(sb, '.sku-card[data-sku="VITC-500"]')).toContain('VITC-500-6PK (6 per kit)');
    // The sheet view shows the workbook as Sheets would: dates as YYYY-MM-DD.
    expect((await gridRows())[1]).toMatch(/^2 2024-12-10 TRANSFER VITC-500 24K101 600 2026-03-31 FBA-US/);
    await expectFits();
    await shot('inventory');

    await sb.locator('#tab-transfer').click();
    await sb.locator('input[name="sku"]').fill('VITC-500');
    await sb.locator('input[name="lot"]').fill('25E077');
    await sb.locator('input[name="quantity"]').fill('120');
    await sb.locator('input[name="date"]').fill('2025-05-19');
    await sb.locator('input[name="expiry"]').fill('2027-05-31');
    await sb.locator('input[name="reference"]').fill('FBA18ZX7007');
    await sb.getByRole('button', { name: 'Record transfer' }).click();
    await waitText(sb, '#panel-transfer [role="status"]', /Recorded TRANSFER of 120 VITC-500 lot 25E077 on 2025-05-19 to FBA-US \(row \d+\)/);
    // The sheet view reloads after the call and marks the new row.
    await page.locator('#grid tr.new', { hasText: '25E077' }).waitFor();
    expect((await page.locator('#grid tr.new').innerText()).replace(/\s+/g, ' ')).toMatch(/2025-05-19 TRANSFER VITC-500 25E077 120 2027-05-31 FBA-US FBA18ZX7007 manual/);
    await shot('transfer');

    await sb.locator('#tab-inventory').click();
    await sb.locator('.sku-card[data-sku="VITC-500"]', { hasText: '25E077' }).waitFor();
    expect(await onHand(sb, 'VITC-500')).toBe(before + 120);

    // Another execution holds the document lock: the server refuses, the form keeps what was typed.
    await page.locator('#lock').check();
    await until(() => server.lockHeld, 'the lock');
    await sb.locator('#tab-transfer').click();
    await sb.locator('input[name="sku"]').fill('MAGN-250');
    await sb.locator('input[name="quantity"]').fill('24');
    await sb.getByRole('button', { name: 'Record transfer' }).click();
    await waitText(sb, '#panel-transfer [role="alert"]', 'Another FBA Lot Ledger task is writing to this workbook. Try again in a moment.');
    expect(await sb.locator('input[name="sku"]').inputValue()).toBe('MAGN-250');
    expect(server.calls.filter((c) => c.name === 'recordTransfer').map((c) => c.ok)).toEqual([true, false]);
    await shot('server-error');
    await page.locator('#lock').uncheck();
    await until(() => !server.lockHeld, 'the lock to be released');
    await sb.getByRole('button', { name: 'Record transfer' }).click();
    await waitText(sb, '#panel-transfer [role="status"]', 'Recorded TRANSFER of 24 MAGN-250 lot UNSPECIFIED');
    clean();
  }, LONG);

  it('Import: upload a report file, see its replace scope, import it, see the rows and the Import Log line, remove it', async () => {
    const sb = await open({ tab: 'import' });
    const bytes = readFileSync(FIXTURE);
    const dry = api<{ rowsWritten: number; rowsReplaced: number; rowsSkipped: number; rowsRead: number }>(
      'importReportFile', 'detail-spapi-us.tsv', bytes.toString('base64'), { dryRun: true, location: null });
    expect(dry.rowsReplaced).toBeGreaterThan(0);

    await sb.locator('input[name="report"]').setInputFiles(FIXTURE);
    await sb.getByRole('button', { name: 'Check file' }).click();
    await sb.locator('#import-preview').waitFor();
    const preview = await text(sb, '#import-preview');
    expect(preview).toContain('Report Inventory Ledger, detailed view');
    expect(preview).toContain('Location FBA-US');
    expect(preview).toContain('Days 2025-01-02 – 2025-01-21');
    expect(preview).toContain('Event types Shipments, CustomerReturns, Receipts, WhseTransfers, Adjustments, VendorReturns');
    expect(preview).toContain(`Rows read ${dry.rowsRead}`);
    expect(preview).toContain(`Rows to write ${dry.rowsWritten}`);
    expect(preview).toContain(`Rows to replace ${dry.rowsReplaced}`);
    expect(preview).toContain('SKU-A, SKU-B, SKU-C are on no ledger row');
    // Nothing was written by the check.
    expect(api<unknown[]>('getImportLog', 50).some((e) => (e as { source: string }).source === 'file:detail-spapi-us.tsv')).toBe(false);
    await expectFits();
    await shot('import-preview', sb, '#import-preview');

    await sb.getByRole('button', { name: `Import ${dry.rowsWritten} rows` }).click();
    await waitText(sb, '#panel-import [role="status"]',
      `Imported Inventory Ledger, detailed view, FBA-US, 2025-01-02 – 2025-01-21: ${dry.rowsWritten} rows written, ${dry.rowsReplaced} replaced, ${dry.rowsSkipped} skipped.`);
    const entry = sb.locator('.log-entry[data-source="file:detail-spapi-us.tsv"]');
    await entry.waitFor();
    expect((await entry.innerText()).replace(/\s+/g, ' ')).toMatch(/^OK Inventory Ledger, detailed view FBA-US · 2025-01-02 – 2025-01-21/);
    // The rows are in the ledger and the Import Log has the line.
    await showSheet('Import Log');
    await page.locator('#grid tbody tr', { hasText: 'file:detail-spapi-us.tsv' }).waitFor();
    expect((await gridRows()).filter((r) => r.includes('file:detail-spapi-us.tsv'))[0]).toMatch(/GET_LEDGER_DETAIL_VIEW_DATA FBA-US 2025-01-02 2025-01-21 .* OK$/);
    const ledgerSources = () => server.world.env.peek('FBA Ledger').filter((r) => r[10] === 'file:detail-spapi-us.tsv').length;
    expect(ledgerSources()).toBeGreaterThan(0);
    await shot('import', sb, '.log-entry[data-source="file:detail-spapi-us.tsv"]');

    await entry.getByRole('button', { name: 'Remove import file:detail-spapi-us.tsv' }).click();
    await entry.getByRole('button', { name: 'Remove rows' }).click();
    await waitText(sb, '#panel-import [role="status"]', /Removed \d+ rows?/);
    await waitText(sb, '.log-entry[data-source="file:detail-spapi-us.tsv"]', 'Removed');
    expect(ledgerSources()).toBe(0);
    await page.locator('#grid tbody tr', { hasText: 'REMOVED' }).first().waitFor();
    clean();
  }, LONG);

  it('Import: connect with the test credentials, test the connection, fetch from the emulator and follow the job to Done', async () => {
    const sb = await open({ tab: 'import', clock: true });
    expect(await text(sb, '.conn-status')).toContain('Not connected');
    await sb.locator('input[name="clientId"]').fill(TEST_CREDENTIALS.clientId);
    await sb.locator('input[name="clientSecret"]').fill(TEST_CREDENTIALS.clientSecret);
    await sb.locator('input[name="refreshToken"]').fill(TEST_CREDENTIALS.refreshToken);
    await sb.locator('select[name="region"]').selectOption('NA');
    await sb.locator('input[name="marketplace"][value="ATVPDKIKX0DER"]').check();
    await sb.getByRole('button', { name: 'Save connection' }).click();
    await waitText(sb, '#panel-import [role="status"]', 'Connection saved.');
    expect(await text(sb, '.conn-status')).toContain('Connected NA · US');
    await sb.getByRole('button', { name: 'Test connection' }).click();
    await waitText(sb, '#panel-import [role="status"]', /^Connected/);

    await sb.getByRole('button', { name: 'Fetch reports' }).click();
    await waitText(sb, '#job', 'Running');
    expect(await text(sb, '#job')).toContain('Fetch 2025-05-01 – 2025-05-19');
    await shot('fetch-running', sb, '#job');
    // The sidebar polls getJobStatus every 4 s; each poll moves the job (and the virtual clock) on.
    for (let i = 0; i < 25 && !(await sb.locator('#job', { hasText: 'Done' }).count()); i++) {
      const before = callsOf('getJobStatus');
      await page.clock.fastForward(4000);
      await until(() => callsOf('getJobStatus') > before, 'a getJobStatus poll');
      await page.waitForTimeout(60);
    }
    await waitText(sb, '#job', 'Done');
    await waitText(sb, '#panel-import [role="status"]', /^Imported 2025-05-01 to 2025-05-19: \d+ rows written/);
    expect(await sb.locator('#job [role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
    expect(server.world.emulator.violations).toEqual([]);
    await waitText(sb, '.log-entry', /report:\d+/);
    expect(server.calls.filter((c) => !c.ok)).toEqual([]);
    await expectFits();
    await shot('fetch', sb, '#job');

    // Amazon's current figure now matches what the ledger says for the SKU with nothing pending.
    await sb.locator('#tab-inventory').click();
    await waitText(sb, '.sku-card[data-sku="VITC-500"]', 'Matches our on hand');
    clean();
  }, LONG);

  it('Reconcile: a month with a variance, its cause, the shortfall adjustment, the review, close with a reconciliation row, reopen', async () => {
    const sb = await open({ tab: 'reconcile' });
    await sb.locator('.rf').first().waitFor();
    expect(await sb.locator('select[name="rcMonth"]').inputValue()).toBe('2025-04');
    const omega = '.rf[data-sku="OMEGA3-120"]';
    expect(await text(sb, `${omega} summary`)).toContain('Variance +3');
    expect(await sb.locator(`${omega} .rf-cause`).getAttribute('data-cause')).toBe('UNEXPLAINED');
    expect(await text(sb, '.rf[data-sku="VITC-500"] summary')).toContain('Agrees');
    expect(await text(sb, '.rf[data-sku="MAGN-250"] summary')).toContain('Agrees');
    await sb.locator(`${omega} summary`).click();
    expect(await text(sb, `${omega} .rf-body`)).toContain('you can post a RECONCILIATION row');
    // The inbound shortfall of a single-lot shipment, and a shipment still in transit.
    const short = sb.locator('.shortfall[data-shipment="FBA18ZR2002"]');
    expect((await short.innerText()).replace(/\s+/g, ' ')).toContain('Sent 240 · received 228 · 12 missing');
    expect(await text(sb, '.shortfall[data-shipment="FBA18ZW6006"]')).toContain('In transit');
    expect(await sb.locator('.shortfall[data-shipment="FBA18ZW6006"] button').count()).toBe(0);
    await expectFits();
    await shot('reconcile', sb, '#rc-short');

    await short.getByRole('button', { name: /^Post adjustment on lot MG2501/ }).click();
    await short.locator('input[name^="sf-note"]').fill('case 1187 closed, units not found');
    await short.getByRole('button', { name: 'Post adjustment', exact: true }).click();
    await waitText(sb, '#panel-reconcile [role="status"]', /MG2501/);
    expect(server.calls.filter((c) => c.name === 'postShortfallAdjustment').map((c) => c.ok)).toEqual([true]);
    await sb.locator('.shortfall[data-shipment="FBA18ZR2002"]').waitFor({ state: 'detached' });
    const adjusted = server.world.env.peek('FBA Ledger').filter((r) => r[1] === 'ADJUSTMENT' && r[3] === 'MG2501');
    expect(adjusted.map((r) => [r[2], r[4], r[9]])).toEqual([['MAGN-250', -12, 'FBA18ZR2002']]);

    await sb.getByRole('button', { name: 'Write review' }).click();
    await waitText(sb, '#panel-reconcile [role="status"]', /2025-04/);
    await showSheet('Reconciliation');
    await page.locator('#grid tbody tr', { hasText: 'OMEGA3-120' }).waitFor();

    await sb.locator('input[name="post"][value="OMEGA3-120"]').check();
    await sb.locator('input[name="note-OMEGA3-120"]').fill('3 units lost, no event; case 1190');
    const close = sb.getByRole('button', { name: 'Close 2025-04 and post 1 row' });
    await close.click();
    await waitText(sb, '#panel-reconcile [role="status"]', /Closed 2025-04 .*OMEGA3-120/);
    expect(await text(sb, '#reconcile-results .rc-head')).toContain('Closed');
    expect(await text(sb, `${omega} summary`)).toContain('Agrees');
    const posted = server.world.env.peek('FBA Ledger').filter((r) => r[1] === 'RECONCILIATION');
    expect(posted.map((r) => [r[2], r[4], r[9]])).toEqual([['OMEGA3-120', -3, '3 units lost, no event; case 1190']]);
    await page.locator('#grid tbody tr', { hasText: 'CLOSED' }).first().waitFor();
    await shot('reconcile-closed', sb, '#rc-actions');

    await sb.getByRole('button', { name: 'Reopen 2025-04' }).click();
    await waitText(sb, '#panel-reconcile [role="status"]', /[Rr]eopened/);
    expect(await text(sb, '#reconcile-results .rc-head')).toContain('Open');
    clean();
  }, LONG);

  it('Reset sample data gives a fresh workbook and a fresh sidebar', async () => {
    const sb = await open();
    await sb.locator('.sku-card').first().waitFor();
    api('recordTransfer', { date: '2025-05-19', sku: 'ZINC-90', lot: 'Z1', quantity: 10, location: 'FBA-US' });
    expect(server.world.env.peek('FBA Ledger').some((r) => r[2] === 'ZINC-90')).toBe(true);
    await page.locator('#reset').click();
    await page.locator('#reset', { hasText: 'Reset sample data' }).waitFor();
    await sb.locator('.sku-card').first().waitFor();
    expect(server.world.env.peek('FBA Ledger').some((r) => r[2] === 'ZINC-90')).toBe(false);
    expect(await page.locator('#sheet-tabs [role="tab"]').allInnerTexts()).toEqual(
      expect.arrayContaining(['FBA Ledger', 'Kits', 'Locations', 'Amazon Summary', 'Amazon Receipts', 'Amazon Inventory', 'Reconciliation', 'Import Log']));
    clean();
  }, LONG);
});
