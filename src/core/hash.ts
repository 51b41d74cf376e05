/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, as 16 hex digits. Pure JS on four 16-bit limbs
 * (no BigInt, every intermediate an exact small integer), identical in Apps Script and Node.
 * prime = 2^40 + 0x1b3, offset basis = 0xcbf29ce484222325.
 */

let h0 = 0, h1 = 0, h2 = 0, h3 = 0;

function step(byte: number): void {
  h0 ^= byte;
  const t0 = h0 * 0x1b3;
  let t1 = h1 * 0x1b3;
  let t2 = h2 * 0x1b3 + (h0 << 8);
  const t3 = h3 * 0x1b3 + (h1 << 8);
  t1 += t0 >>> 16;
  t2 += t1 >>> 16;
  h0 = t0 & 0xffff;
  h1 = t1 & 0xffff;
  h2 = t2 & 0xffff;
  h3 = (t3 + (t2 >>> 16)) & 0xffff;
}

let HEX: string[] | null = null;

function hex16(v: number): string {
  if (!HEX) {
    // Built on first use: nothing runs at script load.
    HEX = [];
    for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));
  }
  return HEX[v >>> 8] + HEX[v & 0xff];
}

export function fnv1a64(text: string): string {
  h3 = 0xcbf2; h2 = 0x9ce4; h1 = 0x8422; h0 = 0x2325;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      // step(cp), inlined for the common case.
      h0 ^= cp;
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + (h0 << 8);
      const t3 = h3 * 0x1b3 + (h1 << 8);
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = (t3 + (t2 >>> 16)) & 0xffff;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (cp < 0x800) {
      step(0xc0 | (cp >> 6));
      step(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      step(0xe0 | (cp >> 12));
      step(0x80 | ((cp >> 6) & 63));
      step(0x80 | (cp & 63));
    } else {
      step(0xf0 | (cp >> 18));
      step(0x80 | ((cp >> 12) & 63));
      step(0x80 | ((cp >> 6) & 63));
      step(0x80 | (cp & 63));
    }
  }
  return hex16(h3) + hex16(h2) + hex16(h1) + hex16(h0);
}
