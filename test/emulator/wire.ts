/** Small helpers for building and reading the fake HTTP wire objects. */
import type { FakeHttpRequest, FakeHttpResponse } from '../fakes/http';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** A header's value, looked up case-insensitively. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FakeHttpResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? new Uint8Array(0) : utf8(JSON.stringify(body)),
  };
}

/** The response body parsed as JSON (throws with the text when it is not JSON). */
export function responseJson<T = any>(response: FakeHttpResponse): T {
  const text = fromUtf8(response.body);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`response ${response.status} is not JSON: ${text.slice(0, 200)}`);
  }
}

export function requestText(request: FakeHttpRequest): string {
  return fromUtf8(request.body);
}
