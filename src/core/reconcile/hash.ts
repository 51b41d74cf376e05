/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, as 16 lowercase hex digits. Four 16-bit limbs
 * keep every product below 2^53, so it runs identically in Apps Script and Node without BigInt.
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325, limbs low to high
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const step = (byte: number): void => {
    h0 ^= byte;
    // × prime 0x100000001b3 = 0x1b3 + 0x100 · 2^32, mod 2^64
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + h0 * 0x100;
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + h1 * 0x100;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) step(cp);
    else if (cp < 0x800) {
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
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

function hex4(n: number): string {
  const s = n.toString(16);
  return '0000'.slice(s.length) + s;
}
