import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { FetchPolicy } from '../sources/types.js';
import { FetchError, safeFetchStream } from './safe-fetch.js';
import type { HostResolver } from './resolve-host.js';

/**
 * A large download (a gazetteer, boundary shapefiles) streamed to disk under the fetch policy:
 * never held in memory, hashed on the way, written to "<dest>.part" and renamed only when
 * complete, so an interrupted download never looks like a finished one.
 */

export interface DownloadResult {
  url: string;
  finalUrl: string;
  path: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file as written. */
  sha256: string;
  contentType: string | null;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  resolver?: HostResolver;
  /** Called as bytes arrive; total is the Content-Length when the server gave one. */
  onProgress?: (bytes: number, total: number | null) => void;
}

export async function downloadToFile(url: string, dest: string, policy: FetchPolicy, opts: DownloadOptions = {}): Promise<DownloadResult> {
  // identity: a .gz file must arrive as the .gz file, not unpacked by the transport.
  const res = await safeFetchStream(url, policy, { signal: opts.signal, resolver: opts.resolver, accept: '*/*', acceptEncoding: 'identity' });
  const part = `${dest}.part`;
  const hash = createHash('sha256');
  const declared = Number(res.headers['content-length']);
  const total = res.headers['content-encoding'] ? null : Number.isFinite(declared) ? declared : null;
  let bytes = 0;
  const out = createWriteStream(part);
  const outDone = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  try {
    for await (const chunk of res.body) {
      hash.update(chunk);
      bytes += chunk.length;
      opts.onProgress?.(bytes, total);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
    }
    out.end();
    await outDone;
    if (total !== null && bytes !== total) throw new FetchError(url, `download ended after ${bytes} of ${total} bytes`);
    await rename(part, dest);
  } catch (err) {
    out.destroy();
    await rm(part, { force: true });
    if (err instanceof FetchError) throw err;
    throw new FetchError(url, `cannot write ${dest}: ${(err as Error).message}`);
  } finally {
    res.close();
  }
  return { url, finalUrl: res.finalUrl, path: dest, bytes, sha256: hash.digest('hex'), contentType: res.contentType };
}
