/**
 * A browser stand-in for `google.script.run`, shaped like the real one: an own enumerable property
 * per server function, `withSuccessHandler` / `withFailureHandler` / `withUserObject` each return a
 * new runner, calls return nothing and reply later (never synchronously), arguments and results go
 * through JSON, and a Date (or function) argument is refused at the call like Apps Script does.
 *
 * What answers is a `dispatch` function, so the same runner fronts the in-page mock
 * (mockServer.ts) or a shim that forwards to a real backend over HTTP (rpcShim.ts).
 */

export type Dispatch = (name: string, args: unknown[]) => unknown | Promise<unknown>;

export interface FakeRunOptions {
  /** Reply delay in ms (default 0: the next macrotask). */
  delay?: () => number;
  /** Called for every call, after the argument checks. */
  onCall?: (name: string, args: unknown[]) => void;
}

type Handler = ((value: unknown, userObject?: unknown) => void) | null;

interface RunnerState {
  success: Handler;
  failure: Handler;
  userObject: unknown;
}

/** Apps Script refuses these in google.script.run arguments ("illegal value"). */
function illegal(value: unknown, path: string): string | null {
  if (value instanceof Date || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = illegal(value[i], `${path}[${i}]`);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const p = illegal((value as Record<string, unknown>)[k], `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}

function roundTrip<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function createScriptRun(names: readonly string[], dispatch: Dispatch, opts: FakeRunOptions = {}): Record<string, unknown> {
  function runner(state: RunnerState): Record<string, unknown> {
    const r: Record<string, unknown> = {};
    for (const name of names) {
      r[name] = (...args: unknown[]): void => {
        args.forEach((a, i) => {
          const bad = illegal(a, String(i));
          if (bad) throw new TypeError(`Failed due to illegal value in property: ${bad}`);
        });
        const sent = args.map((a) => (a === undefined ? null : roundTrip(a)));
        if (opts.onCall) opts.onCall(name, sent);
        const { success, failure, userObject } = state;
        setTimeout(() => {
          Promise.resolve()
            .then(() => dispatch(name, sent))
            .then(
              (value) => {
                if (success) success(roundTrip(value === undefined ? null : value), userObject);
              },
              (err: unknown) => {
                const e = err instanceof Error ? new Error(err.message) : new Error(String(err));
                if (failure) failure(e, userObject);
                else console.error(e);
              },
            );
        }, opts.delay ? opts.delay() : 0);
      };
    }
    Object.defineProperty(r, 'withSuccessHandler', {
      enumerable: false,
      value: (fn: Handler) => runner({ ...state, success: fn }),
    });
    Object.defineProperty(r, 'withFailureHandler', {
      enumerable: false,
      value: (fn: Handler) => runner({ ...state, failure: fn }),
    });
    Object.defineProperty(r, 'withUserObject', {
      enumerable: false,
      value: (o: unknown) => runner({ ...state, userObject: o }),
    });
    return r;
  }
  return runner({ success: null, failure: null, userObject: undefined });
}

/** Installs `google.script.run` (and a minimal `google.script.host`) on the page. */
export function installScriptRun(run: Record<string, unknown>): void {
  const g = globalThis as unknown as { google?: { script?: Record<string, unknown> } };
  g.google = g.google || {};
  g.google.script = {
    ...(g.google.script || {}),
    run,
    host: { origin: '', close() {}, setHeight() {}, setWidth() {}, editor: { focus() {} } },
  };
}
