/**
 * The workbook's Amazon connection (spec §6): LWA client id, client secret, refresh token,
 * region and marketplaces, kept in the user's own properties under a key that includes the
 * spreadsheet ID. Secrets never reach a cell, a document property, a log line, an error message
 * or a returned object: views are masked and errors are scrubbed.
 */
import { InputError } from '../../core/errors';
import { isRegion, marketplace } from '../../core/spapi/marketplaces';
import type { AmazonSettingsInput, AmazonSettingsView, Region } from '../../shared/wire';
import type { Deps, KeyValueStore } from '../ports';

export interface Credentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  region: Region;
  marketplaceIds: string[];
}

export function connectionKey(spreadsheetId: string): string {
  return `fba.amazon.${spreadsheetId}`;
}

export function tokenKey(spreadsheetId: string): string {
  return `fba.amazon.token.${spreadsheetId}`;
}

export function loadCredentials(userProps: KeyValueStore, spreadsheetId: string): Credentials | null {
  const raw = userProps.get(connectionKey(spreadsheetId));
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Credentials;
    return c && c.clientId && c.clientSecret && c.refreshToken ? c : null;
  } catch {
    return null;
  }
}

/** `amzn1.application-oa2-client.1a2b…9f` → `amzn1.application-oa2-client.…9f` style: the last 4 characters only. */
export function mask(value: string): string {
  if (!value) return '';
  const tail = value.slice(-4);
  const dot = value.lastIndexOf('.');
  const head = dot > 0 && dot < value.length - 4 ? value.slice(0, dot + 1) : '';
  return `${head}••••${tail}`;
}

/** Removes every credential of the connection from a text (error bodies may echo them). */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('••••');
  }
  // Tokens Amazon issues have recognisable prefixes.
  return out.replace(/Atz[ar]\|[A-Za-z0-9_\-|+/=.]+/g, '••••').replace(/amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g, '••••');
}

function field(value: unknown, name: string): string {
  if (typeof value !== 'string') return '';
  const s = value.trim();
  if (/[\s\u0000-\u001f]/.test(s)) throw new InputError(`${name} must not contain spaces or line breaks`);
  return s;
}

export function saveSettings(deps: Deps, input: AmazonSettingsInput, currentUserKey?: string): AmazonSettingsView {
  if (!input || typeof input !== 'object') throw new InputError('No settings given');
  const id = deps.workbook.id();
  const previous = loadCredentials(deps.userProps, id);
  const clientId = field(input.clientId, 'Client ID') || previous?.clientId || '';
  // The sidebar shows secrets masked: a blank (or still masked) field keeps the stored value.
  const keep = (v: string, old: string | undefined) => (!v || v.includes('••••') ? old ?? '' : v);
  const clientSecret = keep(field(input.clientSecret, 'Client secret'), previous?.clientSecret);
  const refreshToken = keep(field(input.refreshToken, 'Refresh token'), previous?.refreshToken);
  if (!clientId) throw new InputError('Client ID is required (Seller Central ▸ Apps and Services ▸ Develop Apps ▸ View LWA credentials)');
  if (!clientSecret) throw new InputError('Client secret is required');
  if (!refreshToken) throw new InputError('Refresh token is required (Develop Apps ▸ Authorize app)');
  if (!refreshToken.startsWith('Atzr|')) throw new InputError('The refresh token should start with "Atzr|"');
  if (!isRegion(input.region)) throw new InputError('Region must be NA, EU or FE');
  const ids = Array.isArray(input.marketplaceIds) ? input.marketplaceIds.map((m) => String(m).trim()).filter(Boolean) : [];
  if (ids.length === 0) throw new InputError('Choose at least one marketplace');
  for (const m of ids) {
    const known = marketplace(m);
    if (!known) throw new InputError(`Unknown marketplace ID ${m}`);
    if (known.region !== input.region) {
      throw new InputError(`Marketplace ${m} (${known.country}) belongs to region ${known.region}, not ${input.region}`);
    }
  }
  const creds: Credentials = { clientId, clientSecret, refreshToken, region: input.region, marketplaceIds: [...new Set(ids)] };
  deps.userProps.set(connectionKey(id), JSON.stringify(creds));
  deps.userProps.delete(tokenKey(id));
  return settingsView(deps, currentUserKey);
}

export const AUTO_IMPORT_OWNER_KEY = 'fba.autoImport.owner';
export const LAST_IMPORT_DAY_KEY = 'fba.lastImportDay';

export function settingsView(deps: Deps, currentUserKey?: string): AmazonSettingsView {
  const creds = loadCredentials(deps.userProps, deps.workbook.id());
  const owner = deps.docProps.get(AUTO_IMPORT_OWNER_KEY);
  return {
    connected: creds !== null,
    clientIdMasked: creds ? mask(creds.clientId) : '',
    region: creds?.region ?? null,
    marketplaceIds: creds?.marketplaceIds ?? [],
    autoImport: owner !== null,
    autoImportOwner: owner === null ? null : currentUserKey && owner === currentUserKey ? 'you' : 'another editor of this workbook',
    lastImportDay: deps.docProps.get(LAST_IMPORT_DAY_KEY),
  };
}
