/**
 * A promise-based, typed client over google.script.run, typed by ServerApi. Arguments go as JSON
 * values: a Date anywhere in them is refused before anything is sent (days travel as YYYY-MM-DD).
 * Failures reject with an Error whose message is the server's words (see format.errorText).
 */
import type { ServerApi, ServerFunction } from '../shared/api';

export type Args<K extends ServerFunction> = Parameters<ServerApi[K]>;
export type Result<K extends ServerFunction> = ReturnType<ServerApi[K]>;

/** The path of the first Date inside a value, else null. */
export function findDate(value: unknown, path = 'argument'): string | null {
  if (value instanceof Date) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findDate(value[i], `${path}[${i}]`);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const p = findDate((value as Record<string, unknown>)[k], `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}

function scriptRun(): google.script.RunnerFunctions | null {
  return typeof google !== 'undefined' && google.script && google.script.run ? google.script.run : null;
}

function asError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && 'message' in e) return new Error(String((e as { message: unknown }).message));
  return new Error(typeof e === 'string' ? e : '');
}

/** Calls a server function: `call('getInventory', {location: 'FBA-US'})` → Promise<InventoryResult>. */
export function call<K extends ServerFunction>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return new Promise<Result<K>>((resolve, reject) => {
    const date = findDate(args, name);
    if (date) {
      reject(new Error(`${date} is a Date; the sidebar must send days as YYYY-MM-DD text`));
      return;
    }
    const run = scriptRun();
    if (!run) {
      reject(new Error('This page is not connected to the spreadsheet. Open it from Extensions ▸ FBA Lot Ledger ▸ Open sidebar.'));
      return;
    }
    const runner = run
      .withSuccessHandler((value: unknown) => resolve(value as Result<K>))
      .withFailureHandler((error: unknown) => reject(asError(error))) as unknown as Record<string, (...a: unknown[]) => void>;
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The add-on's server has no function ${name}: reload the sidebar after updating the add-on.`));
      return;
    }
    fn.apply(runner, args);
  });
}
