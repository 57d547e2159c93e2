import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledCatalogue } from './catalogue-compile.js';

/**
 * Disk cache of compiled actor catalogues, keyed by a hash of the source files' contents, so a
 * process pays for YAML parsing and alias normalisation once per catalogue version, not per run.
 * A cache that cannot be read or written is ignored: it only ever costs time.
 */

export function defaultCacheDir(): string {
  const env = process.env['MARSAD_CACHE_DIR'];
  if (env && env.length > 0) return env;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return join(tmpdir(), `marsad-cache-${uid}`);
}

function cacheFile(key: string, dir: string): string {
  return join(dir, `actors-${key}.json`);
}

export function readCompiledCache(key: string, dir: string = defaultCacheDir()): CompiledCatalogue | null {
  try {
    const data = JSON.parse(readFileSync(cacheFile(key, dir), 'utf8')) as { key?: unknown; catalogue?: CompiledCatalogue };
    return data.key === key && data.catalogue ? data.catalogue : null;
  } catch {
    return null;
  }
}

export function writeCompiledCache(key: string, catalogue: CompiledCatalogue, dir: string = defaultCacheDir()): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = cacheFile(key, dir);
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, catalogue }));
    renameSync(tmp, file);
  } catch {
    // Read-only or full disk: run uncached.
  }
}
