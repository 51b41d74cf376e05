/** Public surface of the Apps Script fakes. */
export { VirtualClock } from './clock';
export type { FakeHttpHandler, FakeHttpRequest, FakeHttpResponse } from './http';
export { FakeEnv } from './env';
export type { FakeEnvOptions, HttpLogEntry, Manifest } from './env';
export { Execution, FULL_TIME_LIMIT_MS, SHORT_TIME_LIMIT_MS } from './execution';
export type { AuthMode, ExecutionOptions, FakeGlobals } from './execution';
export {
  loadBundle, executionOf, callGlobal, callFromClient, callCustomFunction, clickMenuItem, runOnOpen, fireTrigger,
  checkClientValue, fromRealm, DEFAULT_BUNDLE_PATH,
} from './vm';
export type { BundleContext, BundleOptions, CallOptions, LoadOptions } from './vm';
export { GasError, TimeLimitError, isDate } from './realm';
export type { UiRecord, MenuRecord, MenuEntry, ShownHtml, ButtonName, ButtonSetName } from './ui';
export type { LockHandle, LockKind } from './lock';
export type { LogEntry, TriggerModel } from './script';
export { allowlistMatches, validateAllowlist } from './urlfetch';
export { formatDate, parseDate, zonedMidnight, zoneOffsetMs } from './datetime';
export { toSigned, fromByteArray, decodeBytes, encodeString } from './bytes';
