/**
 * UrlFetchApp over a FakeHttpHandler: https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * Nothing leaves the process: every request goes to the env's handler (the SP-API emulator in
 * tests), after the manifest's allowlist and the URL Fetch limits are enforced.
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError, isPlainObject } from './realm';
import { charsetOf, decodeBytes, encodeString, fromByteArray, toSigned } from './bytes';
import { blobFacade, FakeBlob } from './utilities';
import type { FakeHttpRequest, FakeHttpResponse } from './http';

type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;

/** Quotas (https://developers.google.com/apps-script/guides/services/quotas#current_limitations): URL Fetch URL length 2 KB, response size 50 MB. */
export const URL_LENGTH_LIMIT = 2 * 1024;
export const RESPONSE_SIZE_LIMIT = 50 * 1024 * 1024;

/**
 * Allowlist rules (https://developers.google.com/apps-script/manifest/allowlist-url): each prefix
 * is an https URL with a full domain and a non-empty path; a single leading `*.` matches one or more
 * subdomains (not the bare domain); path matching is case-sensitive; a URL matches when it equals
 * the prefix or is a "child" of it (`/foo` matches `/foo`, `/foo/`, `/foo/bar`, `/foo?bar`, `/foo#bar`).
 */
export function validateAllowlist(prefixes: unknown): string[] {
  if (!Array.isArray(prefixes)) throw new Error('urlFetchWhitelist must be an array of URL prefixes');
  for (const p of prefixes) {
    const m = typeof p === 'string' ? /^https:\/\/((?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(\/.*)$/.exec(p) : null;
    if (!m) throw new Error(`invalid urlFetchWhitelist prefix ${JSON.stringify(p)}: needs https://, a full domain, a non-empty path`);
    if (m[1].indexOf('*', 1) >= 0) throw new Error(`invalid urlFetchWhitelist prefix ${p}: only one leading wildcard is allowed`);
  }
  return prefixes as string[];
}

export function allowlistMatches(url: string, prefix: string): boolean {
  const pm = /^https:\/\/([^/]+)(\/.*)$/.exec(prefix);
  const um = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)([^]*)$/i.exec(url);
  if (!pm || !um) return false;
  if (um[1].toLowerCase() !== 'https') return false;
  const host = um[2].toLowerCase();
  const phost = pm[1].toLowerCase();
  if (phost.startsWith('*.')) {
    const base = phost.slice(1); // ".example.com"
    if (!host.endsWith(base) || host.length === base.length) return false;
  } else if (host !== phost) return false;
  const rest = um[3] || '/';
  const ppath = pm[2];
  if (!rest.startsWith(ppath)) return false;
  if (rest.length === ppath.length || ppath.endsWith('/')) return true;
  return '/?#'.includes(rest[ppath.length]);
}

function formEncode(obj: Record<string, unknown>): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return Object.keys(obj).map((k) => `${enc(k)}=${enc(String(obj[k]))}`).join('&');
}

function headerGet(h: Record<string, string>, name: string): string | undefined {
  const k = Object.keys(h).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : h[k];
}

export class FakeHttpResponseObject extends FakeObject implements Pick<HTTPResponse, 'getResponseCode' | 'getContentText' | 'getContent' | 'getBlob' | 'getAs' | 'getHeaders' | 'getAllHeaders'> {
  constructor(x: Execution, private readonly res: FakeHttpResponse) {
    super(x);
  }

  getResponseCode(): number { return this.res.status; }

  /** Default charset: the Content-Type's, else UTF-8. */
  getContentText(charset?: string): string {
    return decodeBytes(this.res.body, charset ?? charsetOf(headerGet(this.res.headers, 'content-type')) ?? 'UTF-8');
  }

  getContent(): number[] { return toSigned(this.res.body); }

  getBlob(): GoogleAppsScript.Base.Blob {
    const type = headerGet(this.res.headers, 'content-type') ?? null;
    return blobFacade(this._x, new Uint8Array(this.res.body), type, null);
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return blobFacade(this._x, new Uint8Array(this.res.body), String(contentType), null);
  }

  getHeaders(): object { return { ...this.res.headers }; }
  getAllHeaders(): object { return { ...this.res.headers }; }
}

export class FakeUrlFetchApp extends FakeObject implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'> {
  fetch(url: string, params?: Options): HTTPResponse {
    return this.one(url, params ?? {});
  }

  /** Requests run one after another here; each behaves as fetch (and counts as one). */
  fetchAll(requests: Array<Request | string>): HTTPResponse[] {
    if (!Array.isArray(requests)) throw new GasError('Invalid argument: requests');
    return requests.map((r) => (typeof r === 'string' ? this.one(r, {}) : this.one(r.url, r)));
  }

  getRequest(url: string, params?: Options): Request {
    const req = this.build(url, params ?? {});
    const headers = { ...req.headers };
    return { url: req.url, method: req.method, headers, payload: decodeBytes(req.body), muteHttpExceptions: !!params?.muteHttpExceptions } as Request;
  }

  private build(url: unknown, p: Options): FakeHttpRequest {
    if (typeof url !== 'string' || !/^https?:\/\/[^/]/i.test(url)) throw new GasError(`Invalid argument: ${String(url)}`);
    if (url.length > URL_LENGTH_LIMIT) throw new GasError('Limit Exceeded: URLFetch URL Length.');
    const env = this._x.env;
    const list = env.manifest?.urlFetchWhitelist;
    if (list !== undefined && !list.some((prefix) => allowlistMatches(url, prefix))) {
      // (unverified message)
      throw new GasError(`UrlFetch calls to ${url} are not permitted by the script's urlFetchWhitelist.`);
    }
    const method = String(p.method ?? 'get').toLowerCase() as FakeHttpRequest['method'];
    if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) throw new GasError(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    if (p.headers) for (const k of Object.keys(p.headers)) headers[k] = String((p.headers as Record<string, string>)[k]);
    let body: Uint8Array = new Uint8Array(0);
    let contentType = p.contentType;
    const payload = p.payload as unknown;
    if (payload !== undefined && payload !== null) {
      const blob = this._x.unwrap<FakeBlob>(payload);
      if (typeof payload === 'string') body = encodeString(payload);
      else if (Array.isArray(payload)) body = fromByteArray(payload, 'payload');
      else if (blob instanceof FakeBlob) { body = new Uint8Array(blob._bytes); contentType ??= blob._type ?? undefined; }
      else if (isPlainObject(payload)) {
        // "if a JavaScript object, it's interpreted as a map of form field names to values"
        body = encodeString(formEncode(payload));
        contentType = 'application/x-www-form-urlencoded';
      } else throw new GasError('Invalid argument: payload');
      // contentType "defaults to 'application/x-www-form-urlencoded'"
      contentType ??= 'application/x-www-form-urlencoded';
    }
    if (contentType !== undefined && headerGet(headers, 'content-type') === undefined) headers['Content-Type'] = String(contentType);
    return { url, method, headers, body };
  }

  private one(url: string, p: Options): HTTPResponse {
    const req = this.build(url, p);
    const env = this._x.env;
    const handler = env.http;
    if (!handler) throw new Error(`FakeEnv has no http handler for ${req.method.toUpperCase()} ${req.url}`);
    let res: FakeHttpResponse;
    try {
      res = handler(req);
    } catch (e) {
      env.httpLog.push({ at: env.clock.now(), request: req, error: String(e instanceof Error ? e.message : e) });
      throw e instanceof GasError ? e : new GasError(`Address unavailable: ${url}`); // (unverified message)
    }
    env.httpLog.push({ at: env.clock.now(), request: req, response: res });
    // The 50 MB response cap. (unverified message)
    if (res.body.length > RESPONSE_SIZE_LIMIT) throw new GasError(`Response too large: ${url} returned more than 50 MB.`);
    if (res.status >= 400 && !p.muteHttpExceptions) {
      const text = decodeBytes(res.body, charsetOf(headerGet(res.headers, 'content-type')) ?? 'UTF-8');
      // The message names the scheme and host only. (unverified: exact truncation length)
      const origin = /^[a-z]+:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
      const shown = text.length > 100 ? `${text.slice(0, 100)}...` : text;
      throw new GasError(`Request failed for ${origin} returned code ${res.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`);
    }
    return this._x.wrap<HTTPResponse>('HTTPResponse', new FakeHttpResponseObject(this._x, res));
  }
}
