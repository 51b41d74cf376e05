/**
 * The wire between the UrlFetchApp fake and whatever answers it (the SP-API emulator in tests
 * and in the local preview). Bodies are bytes; header names are as sent (compare them
 * case-insensitively).
 */
export interface FakeHttpRequest {
  url: string;
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  headers: Record<string, string>;
  /** The body as sent on the wire (form-encoded text for an object payload). */
  body: Uint8Array;
}

export interface FakeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type FakeHttpHandler = (request: FakeHttpRequest) => FakeHttpResponse;
