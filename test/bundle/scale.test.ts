/**
 * Sheet calls grow with the row blocks an operation touches, never with the number of rows: the
 * same operations on a workbook of 1,000 ledger rows and on one of 100,000 make exactly the same
 * calls, counted through the fakes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callFromClient, type FakeEnv } from '../fakes/index';
import { computeRowKey, LEDGER_KIND } from '../../src/core/import/keys';
import { newEnv } from './helpers';

const FILE = readFileSync('test/fixtures/reports/detail-spapi-us.tsv').toString('base64');

/** A workbook whose ledger holds `n` rows imported earlier (2023–2024, before the file's days). */
function workbook(n: number): FakeEnv {
  const env = newEnv({ timeZone: 'America/Los_Angeles' });
  env.clock.set(Date.UTC(2025, 2, 20, 18, 0, 0));
  callFromClient(env, 'setupWorkbook');
  const rows: unknown[][] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; i++) {
    const d = new Date(start + Math.floor((i * 700) / n) * 86_400_000);
    const date = d.toISOString().slice(0, 10);
    const cells = [date, i % 7 === 0 ? 'RETURN' : 'SHIPMENT', `SKU-${i % 300}`, 'UNSPECIFIED', i % 7 === 0 ? 1 : -1, '', 'FBA-US', 'SELLABLE', '', ''];
    rows.push([...cells, 'report:old', computeRowKey(LEDGER_KIND, cells)!]);
  }
  env.seed('FBA Ledger', rows, 'A2');
  return env;
}

/** The sheet calls of one server call. */
function calls(env: FakeEnv, name: string, args: unknown[]): Record<string, number> {
  env.resetCounters();
  callFromClient(env, name, args);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(env.counts())) {
    if (/^(SpreadsheetApp|Spreadsheet|Sheet|Range|NamedRange)\./.test(k)) out[k] = v;
  }
  return out;
}

function operations(n: number): Record<string, Record<string, number>> {
  const env = workbook(n);
  return {
    import: calls(env, 'importReportFile', ['detail-spapi-us.tsv', FILE]),
    reimport: calls(env, 'importReportFile', ['detail-spapi-us.tsv', FILE]),
    transfer: calls(env, 'recordTransfer', [{ date: '2025-03-01', sku: 'SKU-1', lot: 'L1', quantity: 10 }]),
    inventory: calls(env, 'getInventory', [{ sku: 'SKU-1' }]),
    remove: calls(env, 'removeImport', ['file:detail-spapi-us.tsv']),
  };
}

describe('sheet calls do not grow with rows', () => {
  it('makes the same calls on 1,000 and on 100,000 ledger rows', () => {
    const small = operations(1_000);
    const large = operations(100_000);
    expect(large).toEqual(small);
    // And they are few: a fixed number of reads and writes per operation.
    for (const [op, counts] of Object.entries(large)) {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total, op).toBeLessThan(100);
    }
  }, 120_000);
});
