/**
 * A fast fingerprint of a range's values (for cache keys): two independent 32-bit hashes over
 * every cell's type and content, so equal ranges give equal fingerprints and any edit changes it
 * with overwhelming probability. Much cheaper than the work it lets a cache skip.
 */
export function fingerprintValues(values: unknown): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  const mixChar = (c: number): void => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  };
  const mixText = (s: string): void => {
    for (let i = 0; i < s.length; i++) mixChar(s.charCodeAt(i));
  };
  const cell = (v: unknown): void => {
    if (v instanceof Date) {
      mixChar(1);
      mixText(String(v.getTime()));
    } else if (typeof v === 'number') {
      mixChar(2);
      mixText(String(v));
    } else if (typeof v === 'string') {
      mixChar(3);
      mixText(v);
    } else if (typeof v === 'boolean') {
      mixChar(v ? 4 : 5);
    } else {
      mixChar(6);
    }
    mixChar(0x1f);
  };
  let cells = 0;
  if (Array.isArray(values)) {
    for (const row of values) {
      if (Array.isArray(row)) for (const v of row) { cell(v); cells++; }
      else { cell(row); cells++; }
      mixChar(0x1e);
    }
  } else {
    cell(values);
    cells = 1;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}${cells.toString(36)}`;
}
