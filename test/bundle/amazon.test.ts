/**
 * The Amazon connection through the built bundle (spec §6 "Fetch from Amazon", §9, §10): saving
 * settings, testing the connection, auto-import on open (one installable trigger per user per
 * workbook, whose credentials it uses), the menu items, and secrets that never reach a cell, a
 * document property, a log line, a message or a returned object.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { callFromClient, clickMenuItem, fireTrigger, runOnOpen, FakeEnv } from '../fakes/index';
import { VirtualClock } from '../fakes/clock';
import { DEFAULT_CREDENTIALS, SpApiEmulator, type LwaCredentials } from '../emulator/index';
import { sampleDataset } from '../emulator/fixtures';
import type { AmazonSettingsView, JobStatus, SidebarState, TestConnectionResult } from '../../src/shared/wire';

const US = 'ATVPDKIKX0DER';
const START = Date.UTC(2026, 10, 2, 18, 0, 0);
const OTHER = 'editor@example.com';

let emulators: SpApiEmulator[] = [];

afterEach(() => {
  const list = emulators;
  emulators = [];
  for (const e of list) e.assertNoViolations();
});

function world(): { clock: VirtualClock; emulator: SpApiEmulator; env: FakeEnv } {
  const clock = new VirtualClock(START);
  const emulator = new SpApiEmulator({ clock, dataset: sampleDataset() });
  emulators.push(emulator);
  const env = new FakeEnv({ http: emulator.handle, clock, manifest: 'appsscript.json', htmlDir: 'dist', timeZone: 'America/Los_Angeles' });
  callFromClient(env, 'setupWorkbook');
  return { clock, emulator, env };
}

function save(env: FakeEnv, creds: Partial<LwaCredentials & { region: string; marketplaceIds: string[] }> = {}, user?: string): AmazonSettingsView {
  return callFromClient(env, 'saveAmazonSettings', [{ ...DEFAULT_CREDENTIALS, region: 'NA', marketplaceIds: [US], ...creds }], user ? { user } : {}) as AmazonSettingsView;
}

describe('saveAmazonSettings', () => {
  it('keeps the connection in the user\'s properties and shows it masked', () => {
    const { env } = world();
    const view = save(env);
    expect(view).toMatchObject({ connected: true, region: 'NA', marketplaceIds: [US], autoImport: false, autoImportOwner: null });
    expect(view.clientIdMasked).toMatch(/^amzn1\.application-oa2-client\.••••[0-9a-f]{4}$/);
    const stored = [...env.userProperties().data.entries()];
    expect(stored.map(([k]) => k)).toEqual([`fba.amazon.${env.spreadsheet.id}`]);
    expect(JSON.stringify([...env.properties.document.data])).not.toContain(DEFAULT_CREDENTIALS.clientSecret);
    // Another editor has no connection of their own.
    const other = callFromClient(env, 'getSidebarState', [], { user: OTHER }) as SidebarState;
    expect(other.amazon.connected).toBe(false);
  });

  it('keeps the stored secrets when the form sends them blank or masked', () => {
    const { env } = world();
    save(env);
    save(env, { clientSecret: '', refreshToken: 'Atzr|••••wxyz', marketplaceIds: [US, 'A2EUQ1WTGCTBG2'] });
    const stored = JSON.parse(env.userProperties().data.get(`fba.amazon.${env.spreadsheet.id}`)!) as LwaCredentials & { marketplaceIds: string[] };
    expect(stored.clientSecret).toBe(DEFAULT_CREDENTIALS.clientSecret);
    expect(stored.refreshToken).toBe(DEFAULT_CREDENTIALS.refreshToken);
    expect(stored.marketplaceIds).toEqual([US, 'A2EUQ1WTGCTBG2']);
  });

  it.each([
    [{ region: 'EU' }, /Marketplace ATVPDKIKX0DER \(US\) belongs to region NA, not EU/],
    [{ marketplaceIds: [] }, /Choose at least one marketplace/],
    [{ refreshToken: 'nope' }, /should start with "Atzr\|"/],
    [{ region: 'XX' }, /Region must be NA, EU or FE/],
    [{ clientSecret: 'has space' }, /must not contain spaces/],
  ])('refuses %j with a clear message', (input, message) => {
    const { env } = world();
    expect(() => save(env, input as Partial<LwaCredentials>)).toThrow(message);
  });
});

describe('testAmazonConnection', () => {
  it('gets a fresh token and makes one cheap Reports call', () => {
    const { env, emulator } = world();
    save(env);
    const r = callFromClient(env, 'testAmazonConnection') as TestConnectionResult;
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/Connected: .*Reports API \(NA\) answered\. Reports for US can be fetched\./);
    expect(emulator.count('lwaToken')).toBe(1);
    expect(emulator.calls('getReports').map((c) => new URL(c.url).search)).toEqual(['?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA&pageSize=1']);
    callFromClient(env, 'testAmazonConnection');
    expect(emulator.count('lwaToken')).toBe(2);
  });

  it('explains invalid_client (secrets are rotated every 180 days) and invalid_grant', () => {
    const { env, emulator } = world();
    save(env);
    emulator.expireClientSecret();
    const r = callFromClient(env, 'testAmazonConnection') as TestConnectionResult;
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/invalid_client.*must be rotated every 180 days/);
    emulator.lwa.secretExpired = false;
    expect((callFromClient(env, 'testAmazonConnection') as TestConnectionResult).ok).toBe(true);
    emulator.revokeRefreshToken();
    expect((callFromClient(env, 'testAmazonConnection') as TestConnectionResult).message).toMatch(/invalid_grant/);
  });

  it('says when there is no connection', () => {
    const { env } = world();
    expect(callFromClient(env, 'testAmazonConnection')).toEqual({ ok: false, message: expect.stringMatching(/No Amazon connection is saved/) });
  });

  it('retries throttling and server errors before answering', () => {
    const { env, emulator } = world();
    save(env);
    emulator.faults.failNext('lwaToken', 503, 1);
    emulator.faults.throttleNext('getReports', 2);
    expect((callFromClient(env, 'testAmazonConnection') as TestConnectionResult).ok).toBe(true);
  });
});

describe('the menu', () => {
  it('offers Fetch Amazon reports now and Import report file… in the spec\'s order', () => {
    const { env } = world();
    runOnOpen(env, 'NONE');
    const captions = env.ui.addonMenu!.entries.filter((i) => i.kind === 'item').map((i) => (i as { caption: string }).caption);
    const mine = captions.filter((c) => ['Set up workbook', 'Fetch Amazon reports now', 'Import report file…', 'Help'].includes(c));
    expect(mine).toEqual(['Set up workbook', 'Fetch Amazon reports now', 'Import report file…', 'Help']);
    runOnOpen(env, 'FULL');
    clickMenuItem(env, 'Import report file…');
    expect(env.ui.shown.at(-1)).toMatchObject({ kind: 'sidebar' });
    expect(env.ui.shown.at(-1)?.content).toContain('data-initial-tab="import"');
  });

  it('Fetch Amazon reports now without a connection says what to do', () => {
    const { env } = world();
    runOnOpen(env, 'FULL');
    expect(() => clickMenuItem(env, 'Fetch Amazon reports now')).toThrow(/No Amazon connection is saved/);
  });
});

describe('auto-import on open', () => {
  function onOpenTriggers(env: FakeEnv, user = env.owner) {
    return env.triggers.filter((t) => t.eventType === 'ON_OPEN' && t.user === user);
  }

  it('installs one trigger per user and says whose credentials it uses', () => {
    const { env } = world();
    expect(() => callFromClient(env, 'setAutoImport', [true])).toThrow(/No Amazon connection is saved/);
    save(env);
    const on = callFromClient(env, 'setAutoImport', [true]) as AmazonSettingsView;
    expect(on).toMatchObject({ autoImport: true, autoImportOwner: 'you' });
    callFromClient(env, 'setAutoImport', [true]);
    expect(onOpenTriggers(env)).toHaveLength(1);
    expect(onOpenTriggers(env)[0]).toMatchObject({ handler: 'onOpenAutoImport', source: 'SPREADSHEETS', sourceId: env.spreadsheet.id });
    const other = callFromClient(env, 'getSidebarState', [], { user: OTHER }) as SidebarState;
    expect(other.amazon).toMatchObject({ autoImport: true, autoImportOwner: 'another editor of this workbook' });
    const off = callFromClient(env, 'setAutoImport', [false]) as AmazonSettingsView;
    expect(off).toMatchObject({ autoImport: false, autoImportOwner: null });
    expect(onOpenTriggers(env)).toHaveLength(0);
  });

  it('starts the day\'s fetch when the workbook opens, once a day, and resumes a running one', () => {
    const { env, emulator, clock } = world();
    save(env);
    callFromClient(env, 'setAutoImport', [true]);
    const [trigger] = onOpenTriggers(env);
    fireTrigger(env, trigger);
    let status = callFromClient(env, 'getJobStatus') as JobStatus;
    expect(status).toMatchObject({ dataStart: '2026-10-03', dataEnd: '2026-11-01' });
    expect(clock.now() - START).toBeLessThan(5 * 60_000);
    for (let i = 0; i < 5 && status.state === 'RUNNING'; i++) {
      clock.advance(60_000);
      fireTrigger(env, trigger);
      status = callFromClient(env, 'getJobStatus') as JobStatus;
    }
    expect(status.state).toBe('DONE');
    expect(env.ui.toasts.at(-1)?.title).toBe('Auto-import from Amazon');
    const rows = env.peek('FBA Ledger').length - 1;
    expect(rows).toBeGreaterThan(0);
    // Opened again the same day: nothing to do.
    const requests = emulator.log.length;
    clock.advance(60 * 60_000);
    fireTrigger(env, trigger);
    expect(emulator.log.length).toBe(requests);
    // The next day: the new day only.
    clock.advance(24 * 60 * 60_000);
    fireTrigger(env, trigger);
    status = callFromClient(env, 'getJobStatus') as JobStatus;
    expect(status).toMatchObject({ dataStart: '2026-11-02', dataEnd: '2026-11-02' });
  });

  it('a trigger left behind after another editor took over removes itself and fetches nothing', () => {
    const { env, emulator } = world();
    save(env);
    callFromClient(env, 'setAutoImport', [true]);
    save(env, {}, OTHER);
    const taken = callFromClient(env, 'setAutoImport', [true], { user: OTHER }) as AmazonSettingsView;
    expect(taken.autoImportOwner).toBe('you');
    expect(env.triggers).toHaveLength(2);
    const mine = onOpenTriggers(env)[0];
    fireTrigger(env, mine);
    expect(onOpenTriggers(env)).toHaveLength(0);
    expect(onOpenTriggers(env, OTHER)).toHaveLength(1);
    expect(emulator.count('createReport')).toBe(0);
    const view = (callFromClient(env, 'getSidebarState') as SidebarState).amazon;
    expect(view.autoImportOwner).toBe('another editor of this workbook');
  });

  it('a job started by one editor is not advanced with another editor\'s connection', () => {
    const { env, emulator, clock } = world();
    save(env);
    save(env, {}, OTHER);
    callFromClient(env, 'fetchAmazonReports', [{ dataStart: '2026-10-01', dataEnd: '2026-10-31' }]);
    const requests = emulator.log.length;
    clock.advance(60_000);
    const seen = callFromClient(env, 'getJobStatus', [], { user: OTHER }) as JobStatus;
    expect(seen.state).toBe('RUNNING');
    expect(seen.message).toMatch(/runs with the Amazon connection of the editor who started it/);
    expect(emulator.log.length).toBe(requests);
  });
});

describe('secrets', () => {
  it('never appear in a cell, a document property, a log line, a toast, a message or a returned object', () => {
    const { env, emulator, clock } = world();
    runOnOpen(env, 'FULL');
    const returned: unknown[] = [];
    const call = (name: string, args: unknown[] = []) => {
      try {
        returned.push(callFromClient(env, name, args));
      } catch (err) {
        returned.push((err as Error).message);
      }
    };
    call('saveAmazonSettings', [{ ...DEFAULT_CREDENTIALS, region: 'NA', marketplaceIds: [US] }]);
    call('getSidebarState');
    call('testAmazonConnection');
    emulator.faults.lwaError('invalid_client');
    call('testAmazonConnection');
    emulator.faults.lwaError('invalid_request');
    call('testAmazonConnection');
    // A job with throttling and server errors, then one that fails (FATAL), then a good one.
    emulator.faults.throttleNext('getReport', 3);
    emulator.faults.failNext('getReportDocument', 500, 2);
    call('fetchAmazonReports', [{ dataStart: '2026-10-01', dataEnd: '2026-10-31' }]);
    for (let i = 0; i < 100; i++) {
      clock.advance(10_000);
      call('getJobStatus');
    }
    emulator.faults.fatalReports({ count: 1 });
    call('fetchAmazonReports', [{ dataStart: '2026-09-01', dataEnd: '2026-09-30' }]);
    for (let i = 0; i < 60; i++) {
      clock.advance(10_000);
      call('getJobStatus');
    }
    emulator.revokeAccessTokens();
    call('setAutoImport', [true]);
    fireTrigger(env, env.triggers[0]);
    try {
      returned.push(clickMenuItem(env, 'Fetch Amazon reports now'));
    } catch (err) {
      returned.push((err as Error).message);
    }
    emulator.expireClientSecret();
    env.userProperties().data.delete(`fba.amazon.token.${env.spreadsheet.id}`);
    clock.advance(2 * 24 * 60 * 60_000);
    call('fetchAmazonReports', [{}]);
    call('getJobStatus');

    const secrets = [
      DEFAULT_CREDENTIALS.clientId, DEFAULT_CREDENTIALS.clientSecret, DEFAULT_CREDENTIALS.refreshToken,
      ...emulator.lwa.tokens.keys(),
    ];
    expect(emulator.lwa.tokens.size).toBeGreaterThan(1);
    const cells = env.spreadsheet.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).map((c) => (c ? `${String(c.v)} ${c.f ?? ''}` : ''))));
    const places: Record<string, string> = {
      cells: cells.join('\n'),
      documentProperties: JSON.stringify([...env.properties.document.data]),
      scriptProperties: JSON.stringify([...env.properties.script.data]),
      logs: env.logs.map((l) => l.message).join('\n'),
      toasts: JSON.stringify(env.ui.toasts),
      returned: JSON.stringify(returned),
    };
    expect(places.cells).toMatch(/FAILED/);
    for (const [where, text] of Object.entries(places)) {
      for (const s of secrets) expect(text.includes(s), `${where} holds a secret`).toBe(false);
    }
  });
});
