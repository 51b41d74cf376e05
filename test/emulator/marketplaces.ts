/**
 * SP-API regions, hosts and marketplaces (notes §2), and which storage countries a marketplace's
 * reports can see.
 */

export type Region = 'NA' | 'EU' | 'FE';

export const REGIONS: readonly Region[] = ['NA', 'EU', 'FE'];

export const REGION_HOSTS: Readonly<Record<Region, string>> = {
  NA: 'sellingpartnerapi-na.amazon.com',
  EU: 'sellingpartnerapi-eu.amazon.com',
  FE: 'sellingpartnerapi-fe.amazon.com',
};

/** The AWS region of each SP-API region (the S3 bucket region of its report documents). */
export const AWS_REGIONS: Readonly<Record<Region, string>> = { NA: 'us-east-1', EU: 'eu-west-1', FE: 'us-west-2' };

export const LWA_HOST = 'api.amazon.com';
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface Marketplace {
  id: string;
  /** The code the notes use (UK, not GB). */
  code: string;
  /** ISO 3166 country as the ledger's Country column writes it (GB for the UK marketplace). */
  country: string;
  region: Region;
}

function mk(code: string, id: string, region: Region, country = code): Marketplace {
  return { id, code, country, region };
}

export const MARKETPLACE_LIST: readonly Marketplace[] = [
  mk('CA', 'A2EUQ1WTGCTBG2', 'NA'),
  mk('US', 'ATVPDKIKX0DER', 'NA'),
  mk('MX', 'A1AM78C64UM0Y8', 'NA'),
  mk('BR', 'A2Q3Y263D00KWC', 'NA'),
  mk('IE', 'A28R8C7NBKEWEA', 'EU'),
  mk('ES', 'A1RKKUPIHCS9HS', 'EU'),
  mk('UK', 'A1F83G8C2ARO7P', 'EU', 'GB'),
  mk('FR', 'A13V1IB3VIYZZH', 'EU'),
  mk('BE', 'AMEN7PMS3EDWL', 'EU'),
  mk('NL', 'A1805IZSGTT6HS', 'EU'),
  mk('DE', 'A1PA6795UKMFR9', 'EU'),
  mk('IT', 'APJ6JRA9NG5V4', 'EU'),
  mk('SE', 'A2NODRKZP88ZB9', 'EU'),
  mk('ZA', 'AE08WJ6YKNBMC', 'EU'),
  mk('PL', 'A1C3SOZRARQ6R3', 'EU'),
  mk('EG', 'ARBP9OOSHTCHU', 'EU'),
  mk('TR', 'A33AVAJ2PDY3EV', 'EU'),
  mk('SA', 'A17E79C6D8DWNP', 'EU'),
  mk('AE', 'A2VIGQ35RCS4UG', 'EU'),
  mk('IN', 'A21TJRUUN4KGV', 'EU'),
  mk('SG', 'A19VAU5U5O7RUS', 'FE'),
  mk('AU', 'A39IBJ37TRP1C6', 'FE'),
  mk('JP', 'A1VC38T7YXB528', 'FE'),
];

export const MARKETPLACES_BY_ID: ReadonlyMap<string, Marketplace> = new Map(MARKETPLACE_LIST.map((m) => [m.id, m]));

/** Marketplace ids by the notes' code: `MARKETPLACE_IDS.DE === 'A1PA6795UKMFR9'`. */
export const MARKETPLACE_IDS: Readonly<Record<string, string>> = Object.fromEntries(MARKETPLACE_LIST.map((m) => [m.code, m.id]));

/** Marketplaces whose Pan-European FBA sellers share one EU inventory pool (the UK left it in 2021). */
export const PAN_EU_MARKETPLACE_CODES: readonly string[] = ['DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE'];

/** Countries whose fulfilment centres store Pan-European inventory (CZ has FCs but no marketplace). */
export const PAN_EU_STORAGE_COUNTRIES: readonly string[] = ['DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE', 'CZ'];

export function regionOfHost(host: string): Region | undefined {
  return REGIONS.find((r) => REGION_HOSTS[r] === host.toLowerCase());
}

/**
 * The storage countries whose ledger events a report for `marketplaceId` shows. A marketplace sees
 * its own country; for a Pan-European seller every Pan-EU marketplace sees every Pan-EU storage
 * country (the same event then appears in the DE report and in the FR report). `overrides` maps
 * a marketplace id to its full list.
 */
export function visibleCountries(
  marketplaceId: string,
  panEuropean: boolean,
  overrides?: Readonly<Record<string, readonly string[]>>,
): string[] {
  const override = overrides?.[marketplaceId];
  if (override) return [...override];
  const m = MARKETPLACES_BY_ID.get(marketplaceId);
  if (!m) return [];
  if (panEuropean && PAN_EU_MARKETPLACE_CODES.includes(m.code)) return [...PAN_EU_STORAGE_COUNTRIES];
  return [m.country];
}
