/**
 * The built sidebar (dist/sidebar.html) in Chromium at 300 px, against the in-page mock server:
 * each tab's main flow, loading states, errors in words, keyboard use, no horizontal overflow,
 * no request leaving the page, and a screenshot per tab under test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, build, bundleBrowserScript, launch, serveSidebar, sidebarPage, type PageProblems, type Served } from './harness';
import { MockServer } from './mockServer';

const SHOTS = join(ROOT, 'test-output', 'screenshots');
const LONG = 90_000;

let browser: Browser;
let served: Served;
const pages: Page[] = [];

beforeAll(async () => {
  await build();
  const inject = await bundleBrowserScript("import { installMockServer } from './mockServer';\ninstallMockServer();\n");
  served = await serveSidebar({ inject });
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => undefined);
  if (browser) await browser.close();
  if (served) await served.close();
});

async function open(tab: string | null, query: Record<string, string> = {}, opts: { clock?: boolean; waitForTabs?: boolean } = {}): Promise<{ page: Page; problems: PageProblems }> {
  const { page, problems } = await sidebarPage(browser, served.origin);
  pages.push(page);
  if (opts.clock) await page.clock.install();
  await page.goto(served.url(tab || undefined, query));
  if (opts.waitForTabs !== false) await page.locator('[role="tablist"]').waitFor();
  return { page, problems };
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the element's text contains `part`. */
async function waitText(page: Page, selector: string, part: string): Promise<void> {
  await page.locator(selector, { hasText: part }).first().waitFor({ timeout: 10_000 });
}

/** Everything fits the 300 px sidebar: no horizontal scrolling. */
async function expectFits(page: Page): Promise<void> {
  const [sw, cw] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as number[];
  expect(sw).toBeLessThanOrEqual(cw);
  expect(sw).toBeLessThanOrEqual(300);
}

/** Every visible form control has a label (label element, aria-label or aria-labelledby). */
async function expectLabelled(page: Page): Promise<void> {
  const unlabelled = (await page.evaluate(`Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.outerHTML.slice(0, 80))`)) as string[];
  expect(unlabelled).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function calls(page: Page, name: string): Promise<unknown[][]> {
  return (await page.evaluate(`__mock.calls.filter((c) => c.name === ${JSON.stringify(name)}).map((c) => c.args)`)) as unknown[][];
}

function clean(problems: PageProblems): void {
  expect(problems.errors).toEqual([]);
  expect(problems.external).toEqual([]);
}

describe('sidebar against the mock server', () => {
  it('opens on the tab the server asked for and calls getSidebarState once', async () => {
    for (const tab of ['inventory', 'transfer', 'import', 'reconcile']) {
      const { page, problems } = await open(tab);
      expect(await page.getAttribute(`#tab-${tab}`, 'aria-selected')).toBe('true');
      expect(await page.locator(`#panel-${tab}`).isVisible()).toBe(true);
      expect(await calls(page, 'getSidebarState')).toHaveLength(1);
      clean(problems);
      await page.context().close();
    }
    const { page } = await open('bogus');
    expect(await page.getAttribute('#tab-inventory', 'aria-selected')).toBe('true');
  }, LONG);

  it('Inventory: cards per location × SKU with lots, ranges, problems, kits and Amazon\'s figure', async () => {
    const { page, problems } = await open('inventory');
    await page.locator('.sku-card').first().waitFor();
    expect(await page.locator('.sku-card').count()).toBe(5);
    expect(await page.locator('h3.group').allTextContents()).toEqual(['FBA-US · 3 SKUs', 'FBA-CA · 1 SKU', 'FBA-EU · 1 SKU']);

    const vitc = '.sku-card[data-sku="VITC-500"][data-location="FBA-US"]';
    const card = await text(page, vitc);
    expect(card).toContain('1,012 on hand');
    expect(card).toContain('Sellable 1,004 · unsellable 8');
    expect(card).toContain('+ up to 12 of unknown lot');
    expect(card).toContain('840–1,000');
    expect(card).toContain('VITC-500-6PK (6 per kit)');
    expect(card).toContain('Amazon\'s figure (2025-04-15)');
    expect(card).toContain('Matches our on hand');
    expect(card).toContain('Lot 24A091 expires 2025-06-30: up to 160 may still be at Amazon');
    expect(await page.getAttribute(`${vitc} .bar`, 'aria-label')).toBe('Estimated stock: lot 24A091 40, lot 24B117 960, unknown lot 12');
    // The lot with nothing left is folded away until asked for.
    const gone = page.locator(`${vitc} tr.gone`);
    expect(await gone.isHidden()).toBe(true);
    await page.locator(vitc).getByRole('button', { name: /certainly gone/ }).click();
    expect(await gone.isVisible()).toBe(true);

    const omega = await text(page, '.sku-card[data-sku="OMEGA3-120"]');
    expect(omega).toContain('Fix needed');
    expect(omega).toContain('18 units left FBA that no recorded lot could supply');
    expect(omega).toContain('record the missing TRANSFER or OPENING');
    expect(omega).toContain('−18 on hand');
    const magn = await text(page, '.sku-card[data-sku="MAGN-250"]');
    expect(magn).toContain('Over-drawn');
    expect(magn).toContain('Lot M-77 over-drawn by 4');
    await expectFits(page);
    await expectLabelled(page);
    await shot(page, 'inventory');

    // Filters, with the loading state while the server works.
    await page.selectOption('select[name="invLocation"]', 'FBA-EU');
    await page.selectOption('select[name="invMethod"]', 'FEFO');
    const show = page.getByRole('button', { name: 'Show stock' });
    await show.click();
    expect(await show.isDisabled()).toBe(true);
    expect(await page.getAttribute('#inventory-results', 'aria-busy')).toBe('true');
    await waitText(page, '#inventory-results .meta', 'FEFO: earliest expiry first');
    expect(await show.isDisabled()).toBe(false);
    expect(await page.locator('.sku-card').count()).toBe(1);
    const [q] = (await calls(page, 'getInventory')).slice(-1)[0] as Array<Record<string, unknown>>;
    expect(q).toEqual({ location: 'FBA-EU', sku: null, asOf: null, method: 'FEFO' });

    await page.fill('input[name="invSku"]', 'nothing-like-this');
    await page.press('input[name="invSku"]', 'Enter');
    await waitText(page, '#inventory-results', 'Nothing matches these filters.');

    // A server failure is shown in words, without Apps Script's prefix.
    await page.evaluate("__mock.failNext('getInventory', 'Exception: The FBA Ledger sheet has no Quantity column: run Set up workbook')");
    await show.click();
    await waitText(page, '#panel-inventory [role="alert"]', 'The FBA Ledger sheet has no Quantity column: run Set up workbook');

    await page.fill('input[name="invSku"]', '');
    await page.getByRole('button', { name: 'Write lots table' }).click();
    await waitText(page, '#panel-inventory [role="status"]', 'Wrote 3 rows to the Lots sheet');
    clean(problems);
  }, LONG);

  it('tabs work with the keyboard (arrows, Home, End) and show focus', async () => {
    const { page, problems } = await open('inventory');
    await page.focus('#tab-inventory');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-transfer');
    expect(await page.getAttribute('#tab-transfer', 'aria-selected')).toBe('true');
    expect(await page.locator('#panel-transfer').isVisible()).toBe(true);
    expect(await page.locator('#panel-inventory').isHidden()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-reconcile');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-inventory');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-reconcile');
    await page.keyboard.press('Home');
    expect(await page.evaluate('document.activeElement.id')).toBe('tab-inventory');
    // Roving tabindex: only the selected tab is in the Tab order; focus is visible.
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    clean(problems);
  }, LONG);

  it('Record transfer: validates, records, resets, reports server errors, sets the default location', async () => {
    const { page, problems } = await open('transfer');
    const submit = page.getByRole('button', { name: 'Record transfer' });
    await submit.click();
    await waitText(page, '#panel-transfer [role="alert"]', 'Please fix 2 fields: SKU, Quantity.');
    expect(await page.getAttribute('input[name="sku"]', 'aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.name')).toBe('sku');

    await page.fill('input[name="sku"]', 'VITC-500');
    await page.fill('input[name="quantity"]', '1.5');
    await submit.click();
    await waitText(page, '#panel-transfer [role="alert"]', 'Quantity must be a whole number of units');
    await page.fill('input[name="quantity"]', '0');
    await submit.click();
    await waitText(page, '#panel-transfer [role="alert"]', 'Quantity cannot be zero');
    await page.fill('input[name="quantity"]', '120');
    await page.fill('input[name="date"]', '2025-04-16');
    await submit.click();
    await waitText(page, '#panel-transfer [role="alert"]', 'Date 2025-04-16 is in the future (today is 2025-04-15).');
    expect(await calls(page, 'recordTransfer')).toHaveLength(0);
    await shot(page, 'transfer-errors');

    await page.fill('input[name="date"]', '2025-04-10');
    await page.fill('input[name="lot"]', '25C020');
    await page.fill('input[name="expiry"]', '2027-03-31');
    await page.fill('input[name="reference"]', 'FBA15ZZ12345');
    await page.press('input[name="reference"]', 'Enter');
    await waitText(page, '#panel-transfer [role="status"]', 'Recorded TRANSFER of 120 VITC-500 lot 25C020 on 2025-04-10 to FBA-US');
    expect(await page.locator('#panel-transfer [role="alert"]').first().textContent()).toBe('');
    expect((await calls(page, 'recordTransfer'))[0]).toEqual([{
      date: '2025-04-10', sku: 'VITC-500', lot: '25C020', quantity: 120, expiry: '2027-03-31', location: 'FBA-US', reference: 'FBA15ZZ12345',
    }]);
    // Reset, keeping date and location.
    expect(await page.inputValue('input[name="sku"]')).toBe('');
    expect(await page.inputValue('input[name="quantity"]')).toBe('');
    expect(await page.inputValue('input[name="lot"]')).toBe('');
    expect(await page.inputValue('input[name="date"]')).toBe('2025-04-10');
    expect(await page.inputValue('select[name="location"]')).toBe('FBA-US');
    await expectFits(page);
    await expectLabelled(page);
    await shot(page, 'transfer');

    // The server's refusal, in its words.
    await page.evaluate("__mock.failNext('recordTransfer', 'Another import is writing to the workbook; try again in a minute.')");
    await page.fill('input[name="sku"]', 'ZINC-90');
    await page.fill('input[name="quantity"]', '24');
    await submit.click();
    expect(await submit.isDisabled()).toBe(true);
    await waitText(page, '#panel-transfer [role="alert"]', 'Another import is writing to the workbook; try again in a minute.');
    expect(await page.inputValue('input[name="sku"]')).toBe('ZINC-90');

    // Inventory reloads next time it is shown and has the new lot.
    await page.click('#tab-inventory');
    await waitText(page, '.sku-card[data-sku="VITC-500"][data-location="FBA-US"]', '25C020');

    await page.click('#tab-transfer');
    await page.selectOption('select[name="defaultLocation"]', 'FBA-CA');
    await page.getByRole('button', { name: 'Save default' }).click();
    await waitText(page, '#panel-transfer [role="status"]', 'Default location: FBA-CA.');
    expect(await page.inputValue('select[name="location"]')).toBe('FBA-CA');
    expect((await calls(page, 'setDefaultLocation'))[0]).toEqual(['FBA-CA']);
    clean(problems);
  }, LONG);

  it('Import: connect, test, auto-import, fetch with live progress until done', async () => {
    const { page, problems } = await open('import', {}, { clock: true });
    expect(await text(page, '.conn-status')).toContain('Not connected');
    expect(await page.getByRole('button', { name: 'Test connection' }).isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Fetch reports' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Save connection' }).click();
    await waitText(page, '#panel-import [role="alert"]', 'Enter the client ID.');

    await page.fill('input[name="clientId"]', 'amzn1.application-oa2-client.1a2b3c4d5e6f');
    await page.fill('input[name="clientSecret"]', 'amzn1.oa2-cs.v1.0123456789abcdef');
    await page.fill('input[name="refreshToken"]', 'IwEBI-not-a-refresh-token');
    expect(await page.getAttribute('input[name="clientSecret"]', 'type')).toBe('password');
    await page.selectOption('select[name="region"]', 'NA');
    await page.check('input[name="marketplace"][value="ATVPDKIKX0DER"]');
    await page.check('input[name="marketplace"][value="A2EUQ1WTGCTBG2"]');
    await page.press('input[name="refreshToken"]', 'Enter');
    await waitText(page, '#panel-import [role="alert"]', 'The refresh token should start with "Atzr|"');

    await page.fill('input[name="refreshToken"]', 'Atzr|IwEBIexample');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await waitText(page, '#panel-import [role="status"]', 'Connection saved.');
    expect(await text(page, '.conn-status')).toContain('Connected NA · CA, US');
    expect(await page.getAttribute('input[name="clientSecret"]', 'placeholder')).toBe('unchanged');
    expect(await page.getAttribute('input[name="refreshToken"]', 'placeholder')).toBe('unchanged');
    expect(await page.getAttribute('input[name="clientId"]', 'placeholder')).toBe('amzn1.application-oa2-client.••••5e6f');
    expect((await calls(page, 'saveAmazonSettings'))[1]).toEqual([{
      clientId: 'amzn1.application-oa2-client.1a2b3c4d5e6f', clientSecret: 'amzn1.oa2-cs.v1.0123456789abcdef', refreshToken: 'Atzr|IwEBIexample',
      region: 'NA', marketplaceIds: ['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'],
    }]);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await waitText(page, '#panel-import [role="status"]', 'Connected to Amazon (NA): reports for CA, US can be requested.');

    await page.check('#auto-import');
    await waitText(page, '#panel-import [role="status"]', 'Auto-import on open is on.');
    expect(await text(page, '#panel-import')).toContain('On: scheduled imports use your credentials.');
    expect(await text(page, '#panel-import')).toContain('Scheduled imports (auto-import on open) use your credentials.');

    // Fetch: the job runs while the sidebar polls getJobStatus every 4 s.
    await page.getByRole('button', { name: 'Fetch reports' }).click();
    await waitText(page, '#job', 'Running');
    expect(await page.locator('#tab-import .tab-dot').count()).toBe(1);
    expect(await text(page, '#job')).toContain('Fetch 2025-04-01 – 2025-04-14');
    expect(await page.getAttribute('#job [role="progressbar"]', 'aria-valuenow')).toBe('2');
    await shot(page, 'import-job');
    for (let i = 0; i < 3; i++) {
      const before = (await calls(page, 'getJobStatus')).length;
      await page.clock.fastForward(4000);
      await page.waitForFunction(`__mock.calls.filter((c) => c.name === 'getJobStatus').length > ${before}`);
      await page.waitForTimeout(400);
    }
    await waitText(page, '#job', 'Done');
    await waitText(page, '#panel-import [role="status"]', 'Imported 2025-04-01 to 2025-04-14: 412 rows written, 0 replaced.');
    expect(await calls(page, 'getJobStatus')).toHaveLength(3);
    expect(await page.getAttribute('#job [role="progressbar"]', 'aria-valuenow')).toBe('100');
    expect(await page.locator('#tab-import .tab-dot').count()).toBe(0);
    // Polling stopped; the log and the state were refreshed.
    await page.clock.fastForward(12_000);
    expect(await calls(page, 'getJobStatus')).toHaveLength(3);
    await waitText(page, '.log-entry', 'report:51299034455');
    await expectFits(page);
    await expectLabelled(page);
    await shot(page, 'import');
    clean(problems);
  }, LONG);

  it('Import: a running job found at load keeps being polled', async () => {
    const { page, problems } = await open('inventory', { 'mock-job': 'running' }, { clock: true });
    expect(await page.locator('#tab-import .tab-dot').count()).toBe(1);
    for (let i = 0; i < 3; i++) {
      const before = (await calls(page, 'getJobStatus')).length;
      await page.clock.fastForward(4000);
      await page.waitForFunction(`__mock.calls.filter((c) => c.name === 'getJobStatus').length > ${before}`);
      await page.waitForTimeout(400);
    }
    await page.click('#tab-import');
    await waitText(page, '#job', 'Done');
    expect(await page.locator('#tab-import .tab-dot').count()).toBe(0);
    clean(problems);
  }, LONG);

  it('Import: upload a report file, see the replace scope, confirm, then handle a closed month and remove the import', async () => {
    const { page, problems } = await open('import');
    const tsv = [
      'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\tReason\tCountry',
      '02/03/2025\tX00ABC1\tB0C1X\tVITC-500\tVitamin C 500 mg\tShipments\t113-1234567-1234567\t-3\tPHX7\tSELLABLE\t\tUS',
      '02/14/2025\tX00ABC1\tB0C1X\tVITC-500\tVitamin C 500 mg\tCustomerReturns\t113-7654321-7654321\t1\tPHX7\tSELLABLE\t\tUS',
      '02/20/2025\tX00ABC1\tB0C1X\tVITC-500\tVitamin C 500 mg\tAdjustments\t\t-1\tPHX7\tSELLABLE\tE\tUS',
      '02/21/2025\tX00ABC1\tB0C1X\tVITC-500\tVitamin C 500 mg\tWhseTransfers\t\t-5\tPHX7\tSELLABLE\t\tUS',
    ].join('\n');
    await page.setInputFiles('input[name="report"]', { name: 'ledger-feb-us.txt', mimeType: 'text/plain', buffer: Buffer.from(tsv) });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.locator('#import-preview').waitFor();
    const preview = await text(page, '#import-preview');
    expect(preview).toContain('Report Inventory Ledger, detailed view');
    expect(preview).toContain('Location FBA-US');
    expect(preview).toContain('Days 2025-02-03 – 2025-02-21');
    expect(preview).toContain('Event types Shipments, CustomerReturns, Adjustments, WhseTransfers');
    expect(preview).toContain('Rows read 4');
    expect(preview).toContain('Rows to write 3');
    expect(preview).toContain('Rows to replace 0');
    expect(preview).toContain('Rows skipped 1');
    expect(preview).toContain('This changes closed months: 2025-02 · FBA-US · VITC-500: closing 1,130 → 1,127');
    const [dry] = await calls(page, 'importReportFile');
    expect(dry[0]).toBe('ledger-feb-us.txt');
    expect(dry[1]).toBe(Buffer.from(tsv).toString('base64'));
    expect(dry[2]).toEqual({ dryRun: true, location: null });
    await expectFits(page);
    await shot(page, 'import-preview');

    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await waitText(page, '#panel-import [role="status"]', 'It changed months that were already closed');
    expect(await page.locator('#panel-import [role="status"]', { hasText: 'It changed months' }).innerText()).toContain('2025-02 · FBA-US · VITC-500: closing 1,130 → 1,127');
    expect((await calls(page, 'importReportFile'))[1][2]).toEqual({ dryRun: false, location: null });
    expect(await page.locator('#import-preview').isHidden()).toBe(true);
    await waitText(page, '.log-entry', 'file:ledger-feb-us.txt');
    expect(await text(page, '.log-entry')).toContain('Closed month changed');

    await page.getByRole('button', { name: 'Open Reconcile for 2025-02' }).click();
    expect(await page.getAttribute('#tab-reconcile', 'aria-selected')).toBe('true');
    await waitText(page, '#reconcile-results .rc-head', 'February 2025 · FBA-US');
    expect(await page.inputValue('select[name="rcMonth"]')).toBe('2025-02');
    expect(await text(page, '#reconcile-results .rc-head')).toContain('Closed');
    expect(await page.getByRole('button', { name: 'Reopen 2025-02' }).isVisible()).toBe(true);

    // Remove import…, confirmed inline.
    await page.click('#tab-import');
    const entry = page.locator('.log-entry[data-source="file:ledger-feb-us.txt"]');
    await entry.getByRole('button', { name: 'Remove import file:ledger-feb-us.txt' }).click();
    await entry.getByRole('button', { name: 'Remove rows' }).click();
    await waitText(page, '#panel-import [role="status"]', 'Removed 3 rows written by file:ledger-feb-us.txt.');
    await waitText(page, '.log-entry[data-source="file:ledger-feb-us.txt"]', 'Removed');
    expect(await calls(page, 'removeImport')).toEqual([['file:ledger-feb-us.txt']]);
    expect(await calls(page, 'getImportLog')).toEqual([[10]]);

    // Not a report: the server's explanation is shown.
    await page.setInputFiles('input[name="report"]', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('order-id,sku,price\n1,A,2\n') });
    await page.getByRole('button', { name: 'Check file' }).click();
    await waitText(page, '#panel-import [role="alert"]', 'Orders.csv is not a report this add-on reads: its header row has order-id, sku, price.');

    // Too large: refused before anything is sent, in the server's words.
    const before = (await calls(page, 'importReportFile')).length;
    // (The 21 MiB file is made in the page: sending it through the DevTools protocol takes seconds.)
    await page.evaluate(`(() => {
      const input = document.querySelector('input[name="report"]');
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(21 * 1024 * 1024).fill(65)], 'huge.txt', { type: 'text/plain' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await page.getByRole('button', { name: 'Check file' }).click();
    await waitText(page, '#panel-import [role="alert"]', 'The report is 21.0 MiB, over the 20 MiB this add-on reads at once: download fewer days (for example one month) or one event type per file');
    expect(await calls(page, 'importReportFile')).toHaveLength(before);

    // Cancel after the dry run writes nothing.
    await page.setInputFiles('input[name="report"]', { name: 'ledger-feb-us.txt', mimeType: 'text/plain', buffer: Buffer.from(tsv) });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.locator('#import-preview').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitText(page, '#panel-import [role="status"]', 'Nothing was imported.');
    expect((await calls(page, 'importReportFile')).filter((a) => (a[2] as { dryRun: boolean }).dryRun === false)).toHaveLength(1);
    clean(problems);
  }, LONG);

  it('Reconcile: roll-forward, causes, shortfalls, close with a reconciliation row, reopen, start mid-stream', async () => {
    const { page, problems } = await open('reconcile');
    await page.locator('.rf').first().waitFor();
    expect(await page.inputValue('select[name="rcMonth"]')).toBe('2025-03');
    expect(await page.locator('.rf').count()).toBe(6);
    expect(await text(page, '.rf[data-sku="VITC-500"][data-location="FBA-US"] summary')).toContain('Agrees');
    const omega = '.rf[data-sku="OMEGA3-120"]';
    expect(await text(page, `${omega} summary`)).toContain('Variance −3');
    expect(await text(page, `${omega} summary`)).toContain('Unexplained');
    expect(await text(page, '.rf[data-sku="ZINC-90"] summary')).toContain('Flow mismatch: Returns (ours +2, Amazon +7)');
    expect(await text(page, '.rf[data-sku="VITC-500"][data-location="FBA-EU"] summary')).toContain('Days of the month not imported');
    await page.click(`${omega} summary`);
    expect(await page.locator(`${omega} table.flows`).isVisible()).toBe(true);
    expect(await text(page, `${omega} tr.diff`)).toContain('Opening / starting ≠ 117 120');
    expect(await page.locator('.shortfall').count()).toBe(2);
    expect(await text(page, '.shortfall[data-shipment="FBA15K2LMN7"]')).toContain('Sent 240 · received 216 · 24 missing');
    // A single-lot shipment offers the adjustment on its lot; a shipment of several lots does not.
    expect(await page.locator('.shortfall[data-shipment="FBA15K2LMN7"]').getByRole('button', { name: /^Post adjustment on lot M-80/ }).isVisible()).toBe(true);
    expect(await page.locator('.shortfall[data-shipment="FBA15K9XQ2R"] button').count()).toBe(0);
    expect(await text(page, `${omega} .rf-cause`)).toBe('Unexplained');
    expect(await text(page, '.shortfall[data-shipment="FBA15K2LMN7"]')).toContain('Overdue');
    expect(await page.getByRole('button', { name: 'Close 2025-03' }).isDisabled()).toBe(true);
    expect(await text(page, '#panel-reconcile')).toContain('Not ready to close: FBA-EU: detail imports do not cover 2025-03-21 to 2025-03-31');
    await expectFits(page);
    await expectLabelled(page);
    await shot(page, 'reconcile');

    await page.selectOption('select[name="rcLocation"]', 'FBA-US');
    await page.getByRole('button', { name: 'Show month' }).click();
    await waitText(page, '#reconcile-results .rc-head', 'March 2025 · FBA-US');
    const close = page.getByRole('button', { name: /^Close 2025-03/ });
    expect(await close.isDisabled()).toBe(false);

    // Write the review without closing.
    await page.getByRole('button', { name: 'Write review' }).click();
    await waitText(page, '#panel-reconcile [role="status"]', 'Wrote the review of 2025-03 for FBA-US to the Reconciliation sheet');
    expect(await calls(page, 'writeReview')).toEqual([[{ month: '2025-03', location: 'FBA-US' }]]);
    expect(await text(page, '#reconcile-results .rc-head')).toContain('Open');

    // Post the single-lot shortfall as an ADJUSTMENT on its lot, with a note; Cancel first.
    const sf = page.locator('.shortfall[data-shipment="FBA15K2LMN7"]');
    await sf.getByRole('button', { name: /^Post adjustment on lot M-80/ }).click();
    await waitText(page, '.shortfall[data-shipment="FBA15K2LMN7"] .confirm', 'Add an ADJUSTMENT row of −24 MAGN-250 on lot M-80 (Reference FBA15K2LMN7) in March 2025?');
    await sf.getByRole('button', { name: 'Cancel' }).click();
    expect(await sf.locator('.confirm').count()).toBe(0);
    await sf.getByRole('button', { name: /^Post adjustment on lot M-80/ }).click();
    await sf.locator('input[name^="sf-note"]').fill('case 8812, not found');
    await expectLabelled(page);
    await sf.getByRole('button', { name: 'Post adjustment', exact: true }).click();
    await waitText(page, '#panel-reconcile [role="status"]', 'Posted ADJUSTMENT of -24 MAGN-250 lot M-80 (Reference FBA15K2LMN7) on 2025-03-31');
    expect(await calls(page, 'postShortfallAdjustment')).toEqual([[{ month: '2025-03', location: 'FBA-US', shipmentId: 'FBA15K2LMN7', sku: 'MAGN-250', note: 'case 8812, not found' }]]);
    expect(await page.locator('.shortfall').count()).toBe(1);
    await page.check('input[name="post"][value="OMEGA3-120"]');
    expect(await close.textContent()).toBe('Close 2025-03 and post 1 row');
    await page.fill('input[name="note-OMEGA3-120"]', 'count error, case 4410');

    await page.evaluate("__mock.failNext('closeMonth', 'The workbook is busy with an import; try again in a minute.')");
    await close.click();
    await waitText(page, '#panel-reconcile [role="alert"]', 'The workbook is busy with an import; try again in a minute.');
    await close.click();
    await waitText(page, '#panel-reconcile [role="status"]', 'Closed 2025-03 for FBA-US: the review is in the Reconciliation sheet. Posted: OMEGA3-120.');
    expect((await calls(page, 'closeMonth'))[1]).toEqual([{ month: '2025-03', location: 'FBA-US', postAdjustments: ['OMEGA3-120'], notes: { 'OMEGA3-120': 'count error, case 4410' } }]);
    expect(await text(page, '#reconcile-results .rc-head')).toContain('Closed');
    expect(await text(page, `${omega} summary`)).toContain('Agrees');
    await shot(page, 'reconcile-closed');

    await page.getByRole('button', { name: 'Reopen 2025-03' }).click();
    await waitText(page, '#panel-reconcile [role="status"]', 'Reopened 2025-03 for FBA-US.');
    expect(await text(page, '#reconcile-results .rc-head')).toContain('Open');

    // Start mid-stream.
    await page.click('#midstream > summary');
    await page.selectOption('select[name="msMonth"]', '2025-01');
    await page.selectOption('select[name="msLocation"]', 'FBA-CA');
    await page.getByRole('button', { name: '+ Add a SKU in transit' }).click();
    await page.fill('input[name="msSku"]', 'ZINC-90');
    await page.fill('input[name="msQty"]', '-3');
    await page.getByRole('button', { name: 'Write opening rows' }).click();
    await waitText(page, '#midstream [role="alert"]', 'Units in transit for ZINC-90 must be a whole number, 0 or more.');
    await page.fill('input[name="msQty"]', '12');
    await page.getByRole('button', { name: 'Write opening rows' }).click();
    await waitText(page, '#midstream .confirm', 'Write OPENING rows for FBA-CA dated 2025-01-31?');
    await page.locator('#midstream .confirm').getByRole('button', { name: 'Write opening rows' }).click();
    await waitText(page, '#midstream [role="status"]', 'Wrote 4 OPENING rows for FBA-CA dated 2025-01-31.');
    expect(await calls(page, 'startMidStream')).toEqual([[{ month: '2025-01', location: 'FBA-CA', inboundInTransit: { 'ZINC-90': 12 } }]]);
    await expectFits(page);
    await expectLabelled(page);
    await shot(page, 'reconcile-midstream');
    clean(problems);
  }, LONG);

  it('offers Set up workbook when the sheets do not exist yet', async () => {
    const { page, problems } = await open('inventory', { 'mock-setup': '0' }, { waitForTabs: false });
    await page.getByRole('heading', { name: 'Set up this workbook' }).waitFor();
    expect(await page.locator('[role="tablist"]').count()).toBe(0);
    await expectFits(page);
    await shot(page, 'setup');
    await page.getByRole('button', { name: 'Set up workbook' }).click();
    await page.locator('[role="tablist"]').waitFor();
    expect(await text(page, '.welcome')).toContain('Created FBA Ledger, Kits, Locations');
    await page.locator('.sku-card').first().waitFor();
    expect(await calls(page, 'setupWorkbook')).toHaveLength(1);
    clean(problems);
  }, LONG);

  it('explains an empty ledger on every tab', async () => {
    const { page, problems } = await open('inventory', { 'mock-empty': '1' });
    await waitText(page, '#inventory-results', 'No stock recorded yet.');
    await shot(page, 'inventory-empty');
    await page.click('#tab-reconcile');
    await waitText(page, '#reconcile-results', 'No months to reconcile yet.');
    await page.click('#tab-import');
    expect(await text(page, 'ol.log')).toContain('No imports yet.');
    await page.click('#tab-inventory');
    await page.getByRole('button', { name: 'Record a transfer' }).click();
    expect(await page.getAttribute('#tab-transfer', 'aria-selected')).toBe('true');
    clean(problems);
  }, LONG);

  it('shows a failed first load in words and recovers with Try again', async () => {
    const { page, problems } = await open('inventory', { 'mock-fail': 'getSidebarState' }, { waitForTabs: false });
    await waitText(page, '[role="alert"]', 'We\'re sorry, a server error occurred. Please wait a bit and try again.');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[role="tablist"]').waitFor();
    expect(await calls(page, 'getSidebarState')).toHaveLength(2);
    clean(problems);
  }, LONG);

  it('builds a self-contained page safe for Apps Script templating', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(join(ROOT, 'dist/sidebar.html'), 'utf8');
    expect(html).toContain('data-initial-tab="inventory"');
    expect(html).not.toMatch(/<\?|\?>/);
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect((html.match(/<\/script/gi) || []).length).toBe(1);
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
  });
});

describe('the same page through the HTTP shim (how a real backend plugs in)', () => {
  it('forwards google.script.run to POST /__rpc/<name> and shows the backend\'s errors in words', async () => {
    const backend = new MockServer({ setupDone: true, empty: false, jobRunning: false, connected: false });
    const seen: string[] = [];
    const shim = await serveSidebar({
      inject: await bundleBrowserScript("import { installRpcShim } from './rpcShim';\ninstallRpcShim();\n"),
      rpc: (name, args) => {
        seen.push(name);
        const fn = (backend as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
        if (typeof fn !== 'function') throw new Error(`no server function ${name}`);
        return fn.apply(backend, args);
      },
    });
    try {
      const { page, problems } = await sidebarPage(browser, shim.origin);
      pages.push(page);
      await page.goto(shim.url('import'));
      await page.locator('[role="tablist"]').waitFor();
      await page.fill('input[name="clientId"]', 'amzn1.application-oa2-client.1a2b3c4d5e6f');
      await page.fill('input[name="clientSecret"]', 'secret-value');
      await page.fill('input[name="refreshToken"]', 'not-a-token');
      await page.selectOption('select[name="region"]', 'EU');
      await page.check('input[name="marketplace"][value="A1PA6795UKMFR9"]');
      await page.getByRole('button', { name: 'Save connection' }).click();
      await waitText(page, '#panel-import [role="alert"]', 'The refresh token should start with "Atzr|"');
      await page.click('#tab-inventory');
      await page.locator('.sku-card').first().waitFor();
      expect(await page.locator('.sku-card').count()).toBe(5);
      expect(seen.slice(0, 2)).toEqual(['getSidebarState', 'saveAmazonSettings']);
      clean(problems);
    } finally {
      await shim.close();
    }
  }, LONG);
});
