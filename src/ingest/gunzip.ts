import { gunzip } from 'node:zlib';

/**
 * Gzip with a ceiling on the output: zlib stops as soon as the output passes maxOutputLength,
 * so a small archive that inflates to gigabytes (a zip bomb) costs at most the limit in memory.
 */

export type GunzipResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

export function megabytes(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
}

export function gunzipBounded(bytes: Uint8Array, maxOutputBytes: number): Promise<GunzipResult> {
  if (!isGzip(bytes)) return Promise.resolve({ ok: false, message: 'not gzip data (bad magic bytes)' });
  return new Promise((resolve) => {
    gunzip(bytes, { maxOutputLength: maxOutputBytes }, (err, out) => {
      if (!err) return resolve({ ok: true, bytes: out });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        return resolve({ ok: false, message: `decompresses to more than ${megabytes(maxOutputBytes)} (limit maxDecompressedBytes); refused` });
      }
      resolve({ ok: false, message: `corrupt gzip data: ${err.message}` });
    });
  });
}
