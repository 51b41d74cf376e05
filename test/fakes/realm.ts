/**
 * Values crossing between the test's realm (Node) and the bundle's bare `vm` context.
 *
 * A vm context has its own intrinsics: an array made by the fakes in Node is not `instanceof Array`
 * inside the bundle, a Node `Date` is not `instanceof Date` there, and a Node `Error` is not
 * `instanceof Error`. Apps Script hands scripts values of the script's own realm, so every value a
 * fake returns is copied into the calling realm (`toRealm`) and every error it throws is re-created
 * there (`realmError`). Values coming *from* the bundle are read with realm-agnostic checks
 * (`Array.isArray`, `isDate`, `isPlainObject`).
 */

export interface Realm {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  /** The realm's own Date constructor (not the virtual-clock wrapper): `new Date(ms)` only. */
  Date: DateConstructor;
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  JSON: JSON;
}

export const HOST_REALM: Realm = { Array, Object, Date, Error, TypeError, JSON };

/** True for a Date of any realm. */
export function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

/** True for `{}`-style objects of any realm (prototype is an Object.prototype or null). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Deep-copies arrays, plain objects and Dates into `realm`. Anything else (primitives, fake service
 * objects, functions) passes through unchanged. `keep` says which objects must not be copied.
 */
export function toRealm(value: unknown, realm: Realm, keep: (x: object) => boolean = () => false): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (keep(value)) return value;
  if (isDate(value)) return new realm.Date(value.getTime());
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length) as unknown[];
    for (let i = 0; i < value.length; i++) {
      if (i in value) out[i] = toRealm(value[i], realm, keep);
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const k of Object.keys(value)) out[k] = toRealm(value[k], realm, keep);
    return out;
  }
  return value;
}

/**
 * The error type Apps Script services throw. In the V8 runtime a service failure is an Error whose
 * `name` is "Exception", so `String(e)` reads `Exception: <message>` and `e.message` has no prefix.
 * (unverified: the `name` value; observed in logs as "Exception: …")
 */
export class GasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Raised when an execution runs past its time limit; never catchable for good (see Execution). */
export class TimeLimitError extends GasError {}

/** Re-creates a Node-realm error in `realm`, keeping name and message. */
export function realmError(e: unknown, realm: Realm): unknown {
  if (!(e instanceof Error)) return e;
  if (realm === HOST_REALM) return e;
  const Ctor = e instanceof TypeError ? realm.TypeError : realm.Error;
  const out = new Ctor(e.message);
  if (out.name !== e.name) out.name = e.name;
  return out;
}
