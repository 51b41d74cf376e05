/**
 * Shared helpers for tests that drive the built dist/Code.js through the fakes.
 */
import { readFileSync } from 'node:fs';
import { FakeEnv, type FakeEnvOptions } from '../fakes/index';

export const BUNDLE = 'dist/Code.js';

export function entryPoints(): string[] {
  return JSON.parse(readFileSync('dist/entry-points.json', 'utf8')) as string[];
}

export function bundleSource(): string {
  return readFileSync(BUNDLE, 'utf8');
}

export function newEnv(opts: FakeEnvOptions = {}): FakeEnv {
  return new FakeEnv({ manifest: 'appsscript.json', htmlDir: 'dist', ...opts });
}

/** Everything a user could see of the workbook: values, formulas, formats, validations, grid, named ranges. */
export function snapshot(env: FakeEnv): string {
  const ss = env.spreadsheet;
  return JSON.stringify({
    sheets: ss.sheets.filter((s) => !s.deleted).map((s) => ({
      name: s.name, maxRows: s.maxRows, maxCols: s.maxCols, frozen: s.frozenRows, hidden: s.hidden,
      rows: s.rows.map((r) => r?.map((c) => c && { ...c, v: c.v instanceof Date ? `D:${c.v.toISOString()}` : c.v })),
    })),
    named: [...ss.namedRanges.entries()],
  });
}

/** The data rows (below the header) of a sheet as values. */
export function dataRows(env: FakeEnv, sheet: string): unknown[][] {
  return env.peek(sheet).slice(1);
}
