import type { Execution } from './execution';

/**
 * Base of every fake service object. Scripts never see the object itself, only the proxy
 * `Execution.wrap` makes (which counts calls, enforces the execution's auth mode and time limit,
 * and copies results into the script's realm). Members starting with `_` are invisible to scripts.
 */
export abstract class FakeObject {
  /** The proxy scripts hold; set by Execution.wrap. */
  _self: unknown = undefined;
  /** Whether scripts may set properties on the proxy (HtmlTemplate variables). */
  _writable = false;

  constructor(readonly _x: Execution) {}

  /** The script-facing proxy, typed as the Apps Script interface it stands for. */
  protected _me<T>(): T {
    return this._self as T;
  }
}
