/**
 * FBA_LOT_REMAINING's result cache: every figure served from the cache equals the one computed
 * directly, for every lot, method and location; an edit to the ledger misses the cache.
 */
import { describe, expect, it } from 'vitest';
import { utcDays } from '../../src/core/days';
import { fbaLotRemaining, type ResultCache } from '../../src/app/customFunctions';
import { generateLedger } from '../../bench/engine';

class MapCache implements ResultCache {
  readonly map = new Map<string, string>();
  gets = 0;
  hits = 0;
  get(key: string): string | null {
    this.gets++;
    const v = this.map.get(key) ?? null;
    if (v !== null) this.hits++;
    return v;
  }
  putAll(values: Record<string, string>): void {
    for (const k of Object.keys(values)) this.map.set(k, values[k]);
  }
}

describe('FBA_LOT_REMAINING cache', () => {
  const g = generateLedger(3_000, 5);
  const lots = new Map<string, Set<string>>();
  for (const r of g.ledger.slice(1)) {
    if (typeof r[2] !== 'string' || !r[2]) continue;
    const set = lots.get(r[2]) ?? new Set<string>();
    set.add(String(r[3] || 'UNSPECIFIED'));
    lots.set(r[2], set);
  }
  const probes = [...lots.entries()].slice(0, 6).flatMap(([sku, ls]) => [...ls].map((lot) => [sku, lot] as const));

  it.each([
    ['FIFO', ''], ['FEFO', ''], ['MIN', ''], ['MAX', ''], ['FIFO', 'FBA-CA'], ['MAX', 'FBA-US'],
  ])('serves the same figures as a direct computation (%s, location "%s")', (method, location) => {
    const cache = new MapCache();
    for (const [sku, lot] of probes) {
      const direct = fbaLotRemaining(utcDays, g.ledger, sku, lot, g.kits, method, location, '');
      const cached = fbaLotRemaining(utcDays, g.ledger, sku, lot, g.kits, method, location, '', cache);
      expect(cached, `${sku} ${lot}`).toBe(direct);
    }
    // One computation filled the cache for every later cell.
    expect(cache.hits).toBe(probes.length - 1);
  });

  it('misses after any edit of the ledger', () => {
    const cache = new MapCache();
    const [sku, lot] = probes[0];
    const before = fbaLotRemaining(utcDays, g.ledger, sku, lot, g.kits, 'FIFO', '', '', cache);
    const edited = g.ledger.map((r) => r.slice());
    const i = edited.findIndex((r, k) => k > 0 && r[2] === sku && r[1] === 'SHIPMENT');
    edited[i][4] = (edited[i][4] as number) - 1;
    const after = fbaLotRemaining(utcDays, edited, sku, lot, g.kits, 'FIFO', '', '', cache);
    expect(cache.hits).toBe(0);
    expect(after).toBe(fbaLotRemaining(utcDays, edited, sku, lot, g.kits, 'FIFO', '', ''));
    expect(typeof before).toBe('number');
  });
});
