import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FIXTURE_DIR } from '../../fixtures/make-reports';

/** Node's gunzip, injected where Apps Script would use Utilities.ungzip. */
export const gunzip = (b: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(b));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

/** Catches the error a function throws (fails when it does not throw). */
export function thrown(fn: () => unknown): Error & { reason?: string; row?: number } {
  try {
    fn();
  } catch (e) {
    return e as Error & { reason?: string; row?: number };
  }
  throw new Error('expected an error');
}
