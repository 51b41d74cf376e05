/**
 * The local preview (`npm start`): the real built sidebar (dist/sidebar.html, 300 px, in an
 * iframe) beside a view of the workbook's sheets, with google.script.run routed to the built
 * server bundle in this process — every call is `callFromClient(env, name, args)` over one
 * FakeEnv (a fresh bundle load per call, as Apps Script does). "Fetch" talks to the SP-API
 * emulator through UrlFetchApp's fake. Nothing leaves 127.0.0.1.
 *
 * Routes:
 *   GET  /                   the page (preview/static/index.html, preview.js, preview.css)
 *   GET  /sidebar.html?tab=  dist/sidebar.html with the RPC shim injected before its script
 *   POST /__rpc/<name>       JSON array of arguments → {"value": …} or {"error": "message"}
 *   GET  /__workbook         the sheets (first rows, and the last ones of long sheets), clock, lock
 *   POST /__reset            a fresh sample workbook
 *   POST /__lock             {"hold": true|false}: another execution holds the document lock
 *   GET  /__files/<name>     sample report files to upload (May's, and test/fixtures/reports/*)
 *
 * Virtual time: the clock starts at 09:00 on 2025-05-20 and moves 1 s per call; each getJobStatus
 * moves it `jobStepMs` more (default 30 s), so the emulator's reports finish within a few polls.
 *
 * Run: `npm start` (PORT=8080 by default). In tests: `await startPreviewServer({ port: 0 })`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { callFromClient, formatDate, type LockHandle } from '../test/fakes/index';
import type { SheetModel } from '../test/fakes/model';
import { ROOT, TEST_CREDENTIALS, createPreviewWorld, monthFiles, type PreviewOptions, type PreviewWorld } from './seed';
import { SAMPLE_TODAY } from './sample';

const STATIC = join(ROOT, 'preview/static');
const FIXTURES = join(ROOT, 'test/fixtures/reports');
/** Sheets longer than this show their first and last HEAD_ROWS rows. */
const ROW_LIMIT = 400;
const HEAD_ROWS = 200;

export interface PreviewServerOptions {
  /** 0 for any free port (default: $PORT, else 8080). */
  port?: number;
  host?: string;
  /** How the sample workbook is built (see preview/seed.ts). */
  world?: PreviewOptions;
  /** Virtual ms each getJobStatus call adds (default 30 000). */
  jobStepMs?: number;
  /** Virtual ms every call adds (default 1000). */
  callStepMs?: number;
  /** Print each call (default false). */
  verbose?: boolean;
}

export interface RpcRecord {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** The current workbook (replaced by reset). */
  readonly world: PreviewWorld;
  /** Every call the sidebar made since the server started or was reset. */
  readonly calls: RpcRecord[];
  reset(): PreviewWorld;
  /** Simulates another execution holding (or releasing) the document lock. */
  holdLock(on: boolean): void;
  readonly lockHeld: boolean;
  close(): Promise<void>;
}

const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/** Like the Apps Script sandbox: only what the page carries, calls to this origin. */
const SIDEBAR_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'self'; base-uri 'self'; frame-ancestors 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

async function shimScript(): Promise<string> {
  const out = await esbuild.build({
    stdin: {
      contents: [
        "import { installRpcShim } from '../test/ui/rpcShim';",
        'installRpcShim("/__rpc/", {',
        '  onSettled: function (name, ok) {',
        "    if (window.parent !== window) window.parent.postMessage({ type: 'fba-preview:rpc', name: name, ok: ok }, location.origin);",
        '  },',
        '});',
      ].join('\n'),
      resolveDir: join(ROOT, 'preview'),
      loader: 'ts',
      sourcefile: 'preview-shim.ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

/** dist/sidebar.html with the shim before the page's own script, opened on a tab as the server does. */
export function sidebarPage(template: string, shim: string, tab: string | null): string {
  const script = `<script>${shim.replace(/<\/script/gi, '<\\/script')}</script>`;
  let html = template.replace(/<head>/i, () => `<head>\n${script}`);
  if (tab) html = html.replace(/data-initial-tab="[^"]*"/, () => `data-initial-tab="${tab.replace(/[^a-z]/gi, '')}"`);
  return html;
}

type Cell = string | number | { d: string };

interface SheetView {
  name: string;
  hidden: boolean;
  totalRows: number;
  cols: number;
  frozenRows: number;
  rows: Array<{ n: number; c: Cell[] }>;
}

function cellValue(sheet: SheetModel, r: number, c: number, tz: string): Cell {
  const cell = sheet.cell(r, c);
  if (!cell) return '';
  if (cell.f !== undefined) return cell.f;
  const v = cell.v as unknown;
  if (v instanceof Date) {
    const withTime = /h/i.test(cell.nf ?? '') || formatDate(v.getTime(), tz, 'HH:mm:ss') !== '00:00:00';
    return { d: formatDate(v.getTime(), tz, withTime ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd') };
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v === null || v === undefined ? '' : String(v);
}

/** The sheets as the page shows them. */
export function workbookView(world: PreviewWorld): SheetView[] {
  const ss = world.env.spreadsheet;
  const tz = ss.timeZone;
  return ss.sheets.filter((s) => !s.deleted).map((s) => {
    const total = s.lastRow();
    const cols = s.lastCol();
    const numbers: number[] = [];
    if (total <= ROW_LIMIT) for (let r = 1; r <= total; r++) numbers.push(r);
    else {
      for (let r = 1; r <= HEAD_ROWS; r++) numbers.push(r);
      for (let r = total - HEAD_ROWS + 1; r <= total; r++) numbers.push(r);
    }
    return {
      name: s.name,
      hidden: s.hidden,
      totalRows: total,
      cols,
      frozenRows: s.frozenRows,
      rows: numbers.map((n) => ({ n, c: Array.from({ length: cols }, (_, i) => cellValue(s, n, i + 1, tz)) })),
    };
  });
}

function sampleFiles(world: PreviewWorld): Array<{ name: string; text: () => string; about: string }> {
  const may = monthFiles(world.data, '2025-05');
  const out = [
    { name: may[0].name, text: () => may[0].text, about: 'May 1–19, every event type (new data)' },
    { name: may[1].name, text: () => may[1].text, about: 'May so far, summary' },
  ];
  if (existsSync(FIXTURES)) {
    for (const f of readdirSync(FIXTURES).sort()) {
      if (!/\.(tsv|csv|txt)$/.test(f)) continue;
      out.push({ name: f, text: () => readFileSync(join(FIXTURES, f), 'latin1'), about: 'test fixture' });
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

export async function startPreviewServer(opts: PreviewServerOptions = {}): Promise<PreviewServer> {
  const shim = await shimScript();
  const jobStepMs = opts.jobStepMs ?? 30_000;
  const callStepMs = opts.callStepMs ?? 1000;
  let world = createPreviewWorld(opts.world);
  let lock: LockHandle | null = null;
  const calls: RpcRecord[] = [];

  const holdLock = (on: boolean): void => {
    if (on && !lock) lock = world.env.holdLock('document');
    if (!on && lock) {
      lock.release();
      lock = null;
    }
  };
  const reset = (): PreviewWorld => {
    holdLock(false);
    world = createPreviewWorld(opts.world);
    calls.length = 0;
    return world;
  };

  const rpc = (name: string, args: unknown[]): { value?: unknown; error?: string } => {
    const started = Date.now();
    world.clock.advance(callStepMs);
    if (name === 'getJobStatus') world.clock.advance(jobStepMs);
    try {
      const value = callFromClient(world.env, name, args);
      calls.push({ name, ok: true, ms: Date.now() - started });
      if (opts.verbose) console.log(`  ${name} ✓ ${Date.now() - started} ms`);
      return { value: value === undefined ? null : value };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      calls.push({ name, ok: false, error: message, ms: Date.now() - started });
      if (opts.verbose) console.log(`  ${name} ✗ ${message}`);
      return { error: message };
    }
  };

  const state = () => {
    const env = world.env;
    const now = env.clock.now();
    return {
      spreadsheetName: env.spreadsheet.name,
      timeZone: env.spreadsheet.timeZone,
      today: formatDate(now, env.spreadsheet.timeZone, 'yyyy-MM-dd'),
      now: formatDate(now, env.spreadsheet.timeZone, 'yyyy-MM-dd HH:mm:ss'),
      lockHeld: lock !== null,
      credentials: TEST_CREDENTIALS,
      files: sampleFiles(world).map((f) => ({ name: f.name, about: f.about })),
      calls: calls.length,
      sheets: workbookView(world),
    };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url || '/', 'http://127.0.0.1');
      const path = url.pathname;
      try {
        if (req.method === 'POST') {
          // Only this page may post (a page elsewhere cannot drive the local workbook).
          const origin = req.headers.origin;
          if (origin && origin !== `http://${req.headers.host}`) return send(res, 403, 'text/plain', 'forbidden');
          const body = await readBody(req);
          if (path.startsWith('/__rpc/')) {
            const name = decodeURIComponent(path.slice('/__rpc/'.length));
            let args: unknown;
            try {
              args = JSON.parse(body || '[]');
            } catch {
              return json(res, { error: 'The request was not JSON' });
            }
            return json(res, rpc(name, Array.isArray(args) ? args : [args]));
          }
          if (path === '/__reset') {
            reset();
            return json(res, state());
          }
          if (path === '/__lock') {
            const hold = Boolean((JSON.parse(body || '{}') as { hold?: unknown }).hold);
            holdLock(hold);
            return json(res, state());
          }
          return send(res, 404, 'text/plain', 'not found');
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
        if (path === '/' || path === '/index.html') {
          return send(res, 200, TYPES['.html'], readFileSync(join(STATIC, 'index.html')), { 'content-security-policy': PAGE_CSP });
        }
        if (path === '/preview.js' || path === '/preview.css') {
          return send(res, 200, TYPES[path.slice(path.lastIndexOf('.'))], readFileSync(join(STATIC, path.slice(1))));
        }
        if (path === '/sidebar.html') {
          const file = join(ROOT, 'dist/sidebar.html');
          if (!existsSync(file)) return send(res, 500, 'text/plain', 'dist/sidebar.html is missing: run npm run build');
          return send(res, 200, TYPES['.html'], sidebarPage(readFileSync(file, 'utf8'), shim, url.searchParams.get('tab')), { 'content-security-policy': SIDEBAR_CSP });
        }
        if (path === '/__workbook') return json(res, state());
        if (path.startsWith('/__files/')) {
          const name = decodeURIComponent(path.slice('/__files/'.length));
          const f = sampleFiles(world).find((x) => x.name === name);
          if (!f) return send(res, 404, 'text/plain', 'no such file');
          return send(res, 200, 'text/plain; charset=utf-8', Buffer.from(f.text(), name.startsWith('inventory-ledger-') ? 'utf8' : 'latin1'), {
            'content-disposition': `attachment; filename="${name.replace(/"/g, '')}"`,
          });
        }
        if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
        return send(res, 404, 'text/plain', 'not found');
      } catch (err) {
        return send(res, 500, 'text/plain', err instanceof Error ? err.stack || err.message : String(err));
      }
    })();
  });

  const host = opts.host ?? '127.0.0.1';
  const wanted = opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 8080);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    port,
    get world() {
      return world;
    },
    calls,
    reset,
    holdLock,
    get lockHeld() {
      return lock !== null;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const preview = await startPreviewServer({ verbose: process.argv.includes('--verbose') });
  const w = preview.world;
  console.log(`FBA Lot Ledger preview: ${preview.url}`);
  console.log(`  sample workbook ready in ${Date.now() - started} ms (today ${SAMPLE_TODAY} in ${w.env.spreadsheet.timeZone}, virtual clock)`);
  console.log(`  Amazon connection: the SP-API emulator, region NA, marketplace ${TEST_CREDENTIALS.marketplaceIds[0]} (credentials pre-saved; shown on the page)`);
  console.log('  Ctrl+C to stop');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
