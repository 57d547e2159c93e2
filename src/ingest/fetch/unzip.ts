import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { megabytes } from '../gunzip.js';

/**
 * Selected files out of a downloaded zip, flattened into one folder. The archive came off the
 * network, so: entry names that climb out of the folder or are absolute refuse the whole
 * archive; sizes are checked against limits before and while inflating (the declared size can
 * lie); every extracted file's CRC-32 is checked against the archive's.
 */

export interface ZipExtractOptions {
  /** Which entries to extract, by base name. */
  want: (name: string) => boolean;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** More entries than this is not the archive expected. Default 10,000. */
  maxEntries?: number;
}

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** Entry names that would land outside the folder were they extracted as named. */
function unsafeName(name: string): string | null {
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return 'absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'path traversal ("..")';
  if (name.includes('\u0000')) return 'NUL in the name';
  return null;
}

/** Extract the wanted entries of `zipPath` into `destDir`; returns the base names written. */
export async function extractZip(zipPath: string, destDir: string, opts: ZipExtractOptions): Promise<string[]> {
  const label = basename(zipPath);
  let zip: yauzl.ZipFile;
  try {
    // strictFileNames: a backslash name stays as written, so the traversal check sees it.
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw new ZipError(`${label}: not a readable zip archive (${(err as Error).message})`);
  }
  const maxEntries = opts.maxEntries ?? 10_000;
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new ZipError(`${label}: ${zip.entryCount} entries, more than the ${maxEntries} expected; refused`);
  }
  const written: string[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const bad = unsafeName(name);
      if (bad) throw new ZipError(`${label}: refused: entry "${name}" has an unsafe name (${bad})`);
      if (name.endsWith('/')) continue;
      const base = basename(name.replace(/\\/g, '/'));
      if (!opts.want(base)) continue;
      if (written.includes(base)) throw new ZipError(`${label}: two entries named ${base}; cannot tell which to use`);
      if (entry.isEncrypted()) throw new ZipError(`${label}: ${name} is encrypted`);
      if (entry.uncompressedSize > opts.maxEntryBytes) {
        throw new ZipError(`${label}: ${name} is ${megabytes(entry.uncompressedSize)}, over the ${megabytes(opts.maxEntryBytes)} limit per file; refused`);
      }
      total += entry.uncompressedSize;
      if (total > opts.maxTotalBytes) throw new ZipError(`${label}: the wanted files come to more than ${megabytes(opts.maxTotalBytes)}; refused`);
      await extractEntry(zip, entry, join(destDir, base), opts.maxEntryBytes, `${label}: ${name}`);
      written.push(base);
    }
  } catch (err) {
    zip.close();
    if (err instanceof ZipError) throw err;
    const msg = (err as Error).message;
    if (/absolute path|invalid relative path|invalid characters/i.test(msg)) throw new ZipError(`${label}: refused: unsafe entry name (${msg})`);
    throw new ZipError(`${label}: corrupt zip archive (${msg})`);
  }
  return written;
}

async function extractEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, dest: string, maxBytes: number, label: string): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  const part = `${dest}.part`;
  const out = createWriteStream(part);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let bytes = 0;
  let crc = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      bytes += b.length;
      if (bytes > maxBytes) throw new ZipError(`${label} inflates past the ${megabytes(maxBytes)} limit; refused`);
      crc = crc32(b, crc);
      if (!out.write(b)) await new Promise<void>((r) => out.once('drain', r));
    }
    out.end();
    await done;
    if (crc >>> 0 !== entry.crc32 >>> 0) throw new ZipError(`${label}: CRC-32 mismatch (corrupt archive)`);
    await rename(part, dest);
  } catch (err) {
    stream.destroy();
    out.destroy();
    await rm(part, { force: true });
    throw err;
  }
}
