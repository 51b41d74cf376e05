/**
 * SP-API regions, hosts and marketplaces (Amazon's "SP-API endpoints" and "Marketplace IDs"
 * pages). India is served from the EU host.
 */
import type { Region } from '../../shared/wire';

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const REGION_HOSTS: Record<Region, string> = {
  NA: 'https://sellingpartnerapi-na.amazon.com',
  EU: 'https://sellingpartnerapi-eu.amazon.com',
  FE: 'https://sellingpartnerapi-fe.amazon.com',
};

export interface Marketplace {
  id: string;
  country: string;
  region: Region;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', region: 'NA' },
  { id: 'ATVPDKIKX0DER', country: 'US', region: 'NA' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', region: 'NA' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', region: 'NA' },
  { id: 'A28R8C7NBKEWEA', country: 'IE', region: 'EU' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', region: 'EU' },
  { id: 'A1F83G8C2ARO7P', country: 'GB', region: 'EU' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', region: 'EU' },
  { id: 'AMEN7PMS3EDWL', country: 'BE', region: 'EU' },
  { id: 'A1805IZSGTT6HS', country: 'NL', region: 'EU' },
  { id: 'A1PA6795UKMFR9', country: 'DE', region: 'EU' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', region: 'EU' },
  { id: 'A2NODRKZP88ZB9', country: 'SE', region: 'EU' },
  { id: 'AE08WJ6YKNBMC', country: 'ZA', region: 'EU' },
  { id: 'A1C3SOZRARQ6R3', country: 'PL', region: 'EU' },
  { id: 'ARBP9OOSHTCHU', country: 'EG', region: 'EU' },
  { id: 'A33AVAJ2PDY3EV', country: 'TR', region: 'EU' },
  { id: 'A17E79C6D8DWNP', country: 'SA', region: 'EU' },
  { id: 'A2VIGQ35RCS4UG', country: 'AE', region: 'EU' },
  { id: 'A21TJRUUN4KGV', country: 'IN', region: 'EU' },
  { id: 'A19VAU5U5O7RUS', country: 'SG', region: 'FE' },
  { id: 'A39IBJ37TRP1C6', country: 'AU', region: 'FE' },
  { id: 'A1VC38T7YXB528', country: 'JP', region: 'FE' },
];

export function marketplace(id: string): Marketplace | undefined {
  return MARKETPLACES.find((m) => m.id === id);
}

export function isRegion(value: unknown): value is Region {
  return value === 'NA' || value === 'EU' || value === 'FE';
}
