/**
 * The swap for mockServer.ts when a real backend answers: google.script.run forwards every call to
 * `POST /__rpc/<name>` with the JSON array of arguments; the server replies `{"value": …}`, or
 * `{"error": "message"}` when the function threw (the message reaches the failure handler as an
 * Error, as Apps Script does). Serve it with harness.serveSidebar({ inject, rpc }).
 */
import { SERVER_FUNCTIONS } from '../../src/shared/api';
import { createScriptRun, installScriptRun } from './fakeRun';

export interface RpcShimOptions {
  /** Called after every call has its answer (the local preview refreshes its view of the sheets). */
  onSettled?: (name: string, ok: boolean) => void;
}

export function installRpcShim(base = '/__rpc/', opts: RpcShimOptions = {}): void {
  const send = async (name: string, args: unknown[]): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${base}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch {
      throw new Error('NetworkError: Connection failure due to HTTP 0');
    }
    const body = (await res.json().catch(() => ({}))) as { value?: unknown; error?: string };
    if (!res.ok || body.error !== undefined) throw new Error(body.error || `HTTP ${res.status}`);
    return body.value;
  };
  const settled = (name: string, ok: boolean): void => {
    try {
      if (opts.onSettled) opts.onSettled(name, ok);
    } catch {
      // A listener's failure is not the call's.
    }
  };
  const run = createScriptRun(SERVER_FUNCTIONS, async (name, args) => {
    try {
      const value = await send(name, args);
      settled(name, true);
      return value;
    } catch (err) {
      settled(name, false);
      throw err;
    }
  });
  installScriptRun(run);
}
