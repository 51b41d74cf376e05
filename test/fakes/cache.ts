/**
 * CacheService: https://developers.google.com/apps-script/reference/cache/cache
 * "Individual keys can be up to 250 characters and store up to 100KB of data"; expiration "The
 * minimum is 1 second and the maximum is 21600 seconds (6 hours)"; default 600 s (10 minutes);
 * "a cache item cap of 1,000 entries". Expiry runs on the virtual clock.
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError } from './realm';
import { utf8Length } from './bytes';

type Cache = GoogleAppsScript.Cache.Cache;

export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_TTL_S = 21600;
export const CACHE_DEFAULT_TTL_S = 600;
export const CACHE_MAX_ITEMS = 1000;

export class CacheStore {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  put(key: string, value: string, ttlS: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlS * 1000 });
    // Over the item cap the oldest entries go first. (unverified: which entries Google evicts)
    while (this.entries.size > CACHE_MAX_ITEMS) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops everything, as Google may at any time ("cached data may be removed before this time"). */
  evictAll(): void {
    this.entries.clear();
  }
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > CACHE_KEY_LIMIT) throw new GasError('Argument too large: key'); // (unverified message)
  return k;
}

function checkValue(value: unknown): string {
  const v = String(value);
  if (utf8Length(v) > CACHE_VALUE_LIMIT) throw new GasError('Argument too large: value'); // (unverified message)
  return v;
}

/** Out-of-range expirations are clamped to 1..21600 s. (unverified: clamp rather than throw) */
function ttl(expirationInSeconds: unknown): number {
  if (expirationInSeconds === undefined) return CACHE_DEFAULT_TTL_S;
  const n = Number(expirationInSeconds);
  if (!Number.isFinite(n)) throw new GasError('Invalid argument: expirationInSeconds');
  return Math.min(CACHE_MAX_TTL_S, Math.max(1, Math.floor(n)));
}

export class FakeCache extends FakeObject implements Pick<Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'> {
  constructor(x: Execution, private readonly store: CacheStore) {
    super(x);
  }

  get(key: string): string | null {
    return this.store.get(checkKey(key));
  }

  getAll(keys: string[]): { [key: string]: any } {
    if (!Array.isArray(keys)) throw new GasError('Invalid argument: keys');
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.store.get(checkKey(k));
      if (v !== null) out[String(k)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.store.put(checkKey(key), checkValue(value), ttl(expirationInSeconds));
  }

  putAll(values: { [key: string]: any }, expirationInSeconds?: number): void {
    if (values === null || typeof values !== 'object') throw new GasError('Invalid argument: values');
    const t = ttl(expirationInSeconds);
    const checked = Object.keys(values).map((k) => [checkKey(k), checkValue(values[k])] as const);
    for (const [k, v] of checked) this.store.put(k, v, t);
  }

  remove(key: string): void {
    this.store.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw new GasError('Invalid argument: keys');
    for (const k of keys) this.store.entries.delete(checkKey(k));
  }
}

export class FakeCacheService extends FakeObject implements Pick<GoogleAppsScript.Cache.CacheService, 'getDocumentCache' | 'getScriptCache' | 'getUserCache'> {
  /** https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache(): null outside a containing document. */
  getDocumentCache(): Cache | null {
    const env = this._x.env;
    if (!env.containerBound) return null;
    return this._x.wrap<Cache>('Cache', new FakeCache(this._x, env.caches.document));
  }

  getScriptCache(): Cache {
    return this._x.wrap<Cache>('Cache', new FakeCache(this._x, this._x.env.caches.script));
  }

  getUserCache(): Cache {
    return this._x.wrap<Cache>('Cache', new FakeCache(this._x, this._x.env.userCache(this._x.storeUser)));
  }
}
