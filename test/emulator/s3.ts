/**
 * S3-style presigned URLs for report documents and S3's XML errors.
 *
 * URLs look like Amazon's (`https://tortuga-prod-na.s3-external-1.amazonaws.com/<hex>/amzn1.tortuga…
 * ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=…&X-Amz-SignedHeaders=host&X-Amz-Expires=300&
 * X-Amz-Credential=…%2Fs3%2Faws4_request&X-Amz-Signature=<hex>`). The signature is an HMAC the
 * emulator checks, so a client that alters the URL (re-encodes it, drops a parameter) is caught.
 */
import { createHmac } from 'node:crypto';
import type { FakeHttpResponse } from '../fakes/http';
import { AWS_REGIONS, type Region } from './marketplaces';
import { utf8 } from './wire';

export const DOCUMENT_HOSTS: Readonly<Record<Region, string>> = {
  NA: 'tortuga-prod-na.s3-external-1.amazonaws.com',
  EU: 'tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
  FE: 'tortuga-prod-fe.s3-us-west-2.amazonaws.com',
};

const SIGNING_SECRET = 'sp-api-emulator-presign-secret';
const ACCESS_KEY = 'AKIAEMULATOR7EXAMPLE';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `20261102T150000Z` */
export function amzDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function sign(host: string, path: string, params: Array<[string, string]>): string {
  const canonical = params
    .filter(([k]) => k !== 'X-Amz-Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return createHmac('sha256', SIGNING_SECRET).update(`GET\n${host}\n${path}\n${canonical}`).digest('hex');
}

/** RFC 3986 encoding as SigV4 does it. */
function enc(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface Presigned {
  url: string;
  host: string;
  path: string;
  signature: string;
}

export function presign(region: Region, path: string, now: number, expiresSeconds: number, extra: Array<[string, string]> = []): Presigned {
  const host = DOCUMENT_HOSTS[region];
  const date = amzDate(now);
  const params: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Date', date],
    ['X-Amz-SignedHeaders', 'host'],
    ['X-Amz-Expires', String(expiresSeconds)],
    ['X-Amz-Credential', `${ACCESS_KEY}/${date.slice(0, 8)}/${AWS_REGIONS[region]}/s3/aws4_request`],
    ...extra,
  ];
  const signature = sign(host, path, params);
  const query = [...params, ['X-Amz-Signature', signature] as [string, string]].map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return { url: `https://${host}${path}?${query}`, host, path, signature };
}

/**
 * Checks a download URL's signature. Returns the signature when it is intact, or a reason.
 * The query is decoded exactly once, as S3 does.
 */
export function verifyPresigned(url: URL): { ok: true; signature: string; params: Map<string, string> } | { ok: false; reason: string } {
  const params: Array<[string, string]> = [];
  for (const part of url.search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    try {
      params.push([decodeURIComponent(part.slice(0, eq < 0 ? part.length : eq)), decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1))]);
    } catch {
      return { ok: false, reason: `undecodable query component ${part}` };
    }
  }
  const map = new Map(params);
  for (const required of ['X-Amz-Algorithm', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-Credential', 'X-Amz-Signature']) {
    if (!map.has(required)) return { ok: false, reason: `the query lacks ${required}` };
  }
  const expected = sign(url.host, url.pathname, params);
  if (expected !== map.get('X-Amz-Signature')) return { ok: false, reason: 'the signature does not match the URL (was it re-encoded or changed?)' };
  return { ok: true, signature: expected, params: map };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An S3 error document, e.g. `AccessDenied` / `Request has expired`. */
export function s3Error(status: number, code: string, message: string, requestId: string, extra: Array<[string, string]> = []): FakeHttpResponse {
  const fields = [['Code', code], ['Message', message], ...extra, ['RequestId', requestId], ['HostId', `emulator/${requestId}`]]
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  return {
    status,
    headers: { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': `emulator/${requestId}`, Server: 'AmazonS3' },
    body: utf8(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`),
  };
}
