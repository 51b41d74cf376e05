/**
 * Browser harness for the sidebar: builds dist/ (node build.mjs), bundles a browser script that
 * installs google.script.run (the mock, or the HTTP shim), serves dist/sidebar.html on 127.0.0.1
 * with that script injected before the page's own scripts (and the initial tab set as the server
 * would), and launches the system Chromium through playwright-core.
 *
 * Real-backend runs later: bundle 'test/ui/rpcShim.ts' (installRpcShim) and pass `rpc` to
 * serveSidebar, which answers POST /__rpc/<name> with the JSON of `rpc(name, args)`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Makes sure dist/ is built. The test run's global setup builds it once; building again here while
 * other test files load dist/Code.js would only repeat that work.
 */
export async function build(): Promise<string> {
  if (existsSync(join(ROOT, 'dist/sidebar.html')) && existsSync(join(ROOT, 'dist/Code.js'))) return 'dist/ already built';
  const { stdout } = await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: ROOT, timeout: 120_000 });
  return stdout.trim();
}

/** Bundles a browser script from TypeScript source (an IIFE, like the sidebar's own). */
export async function bundleBrowserScript(contents: string): Promise<string> {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: join(ROOT, 'test/ui'), loader: 'ts', sourcefile: 'inject.ts' },
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

export type RpcHandler = (name: string, args: unknown[]) => unknown | Promise<unknown>;

export interface ServeOptions {
  /** Browser script run before the page's scripts (installs google.script.run). */
  inject: string;
  /** Answers POST /__rpc/<name> (for rpcShim.ts). */
  rpc?: RpcHandler;
  /** Defaults to dist/sidebar.html. */
  htmlPath?: string;
}

export interface Served {
  origin: string;
  /** URL of the sidebar opened on `tab` (as the server sets data-initial-tab), with extra query. */
  url(tab?: string, query?: Record<string, string>): string;
  close(): Promise<void>;
}

/** Only what the page itself serves: no network beyond this origin, like the Apps Script sandbox. */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'self'; base-uri 'self'";

export function pageHtml(template: string, inject: string, tab: string | null): string {
  const script = `<script>${inject.replace(/<\/script/gi, '<\\/script')}</script>`;
  let html = template.replace(/<head>/i, () => `<head>\n${script}`);
  if (tab) html = html.replace(/data-initial-tab="[^"]*"/, () => `data-initial-tab="${tab.replace(/[^a-z]/gi, '')}"`);
  return html;
}

export async function serveSidebar(opts: ServeOptions): Promise<Served> {
  const template = readFileSync(opts.htmlPath || join(ROOT, 'dist/sidebar.html'), 'utf8');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sidebar.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(pageHtml(template, opts.inject, url.searchParams.get('tab')));
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/__rpc/') && opts.rpc) {
      const name = decodeURIComponent(url.pathname.slice('/__rpc/'.length));
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        try {
          const args = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]') as unknown[];
          const value = await opts.rpc!(name, args);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ value: value === undefined ? null : value }));
        } catch (err) {
          // A server function that throws is an answer, not a transport failure (as in Apps Script).
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
        }
      });
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url(tab, query = {}) {
      const q = new URLSearchParams({ ...(tab ? { tab } : {}), ...query });
      return `${origin}/sidebar.html${q.toString() ? `?${q}` : ''}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface PageProblems {
  errors: string[];
  external: string[];
}

/**
 * A 300 px wide sidebar page that records script errors, console errors and any request that
 * leaves 127.0.0.1 (those are aborted).
 */
export async function sidebarPage(browser: Browser, origin: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 300, height: 800 }, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], external: [] };
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`);
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:')) return route.continue();
    problems.external.push(u);
    return route.abort();
  });
  return { page, problems };
}
