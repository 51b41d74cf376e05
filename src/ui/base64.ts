/**
 * Base64 of a file's bytes for importReportFile. Chunks of a multiple of 3 bytes encode
 * independently, so a 20 MiB file never builds one giant argument list, and the page yields to
 * the browser now and then so it stays responsive. Pure (btoa only).
 */

const CHUNK = 3 * 8192;
const YIELD_EVERY = 48; // chunks (about 1.1 MiB)

export async function toBase64(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<string> {
  const parts: string[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += CHUNK, n++) {
    const chunk = bytes.subarray(i, Math.min(i + CHUNK, bytes.length));
    parts.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])));
    if (n % YIELD_EVERY === YIELD_EVERY - 1) {
      if (onProgress) onProgress(i / bytes.length);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  return parts.join('');
}
