/**
 * How every entry function runs: errors a user can act on keep their words; anything else is
 * logged with its stack and reported in a sentence. Nothing secret ever reaches a message
 * (the Amazon client masks its own errors before they get here).
 */
import { InputError } from '../core/errors';
import { SheetLayoutError } from '../app/sheets';
import { BusyError } from '../gas/services';

export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export function userMessage(err: unknown): string {
  if (err instanceof InputError || err instanceof SheetLayoutError || err instanceof BusyError || err instanceof UserFacingError) {
    return err.message;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `Something went wrong: ${message}`;
}

/** Runs a server function called through google.script.run or a menu; rethrows a plain Error with a readable message. */
export function serve<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError || err instanceof SheetLayoutError || err instanceof BusyError || err instanceof UserFacingError)) {
      console.error(`${name} failed: ${err instanceof Error ? err.stack || err.message : String(err)}`);
    }
    throw new Error(userMessage(err));
  }
}
