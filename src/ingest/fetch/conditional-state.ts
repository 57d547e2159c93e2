import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { marsadHome } from '../../config/home.js';
import type { ConditionalState } from '../sources/types.js';

/**
 * ETag / Last-Modified per URL, kept between runs so a poll of an unchanged feed costs a 304.
 * Callers set a URL's validators only after its items were handed on: a run that dies halfway
 * through a feed fetches it in full next time instead of skipping what it never stored.
 */

type Validators = { etag?: string; lastModified?: string };

interface StateFile {
  version: 1;
  urls: Record<string, Validators & { updated: string }>;
}

/** In memory only: for one-shot runs and tests. */
export class MemoryConditionalState implements ConditionalState {
  private readonly map = new Map<string, Validators>();

  get(url: string): Validators | undefined {
    return this.map.get(url);
  }

  set(url: string, value: Validators): void {
    this.map.set(url, { ...value });
  }
}

export function sourcesStatePath(home = marsadHome()): string {
  return join(home, 'sources-state.json');
}

function validatorsOf(v: unknown): Validators | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const out: Validators = {};
  if (typeof o['etag'] === 'string') out.etag = o['etag'];
  if (typeof o['lastModified'] === 'string') out.lastModified = o['lastModified'];
  return out;
}

/**
 * Backed by MARSAD_HOME/sources-state.json. Every set() rewrites the file through a temporary
 * name and a rename, so a crash leaves the old file or the new one, never half of one.
 */
export class FileConditionalState implements ConditionalState {
  private readonly data: StateFile;

  constructor(readonly path: string = sourcesStatePath()) {
    this.data = FileConditionalState.read(path);
  }

  private static read(path: string): StateFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, urls: {} };
      throw new Error(`${path}: cannot read the sources state: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${path}: the sources state is not valid JSON (${(err as Error).message}); delete it to start afresh`);
    }
    const urls = (parsed as { urls?: unknown })?.urls;
    if (typeof urls !== 'object' || urls === null || Array.isArray(urls)) {
      throw new Error(`${path}: the sources state has no "urls" object; delete it to start afresh`);
    }
    const out: StateFile = { version: 1, urls: {} };
    for (const [url, v] of Object.entries(urls as Record<string, unknown>)) {
      const val = validatorsOf(v);
      const updated = (v as { updated?: unknown })?.updated;
      if (val) out.urls[url] = { ...val, updated: typeof updated === 'string' ? updated : '' };
    }
    return out;
  }

  get(url: string): Validators | undefined {
    const v = this.data.urls[url];
    if (!v) return undefined;
    const out: Validators = {};
    if (v.etag) out.etag = v.etag;
    if (v.lastModified) out.lastModified = v.lastModified;
    return out;
  }

  set(url: string, value: Validators): void {
    const entry: Validators & { updated: string } = { updated: new Date().toISOString() };
    if (value.etag) entry.etag = value.etag;
    if (value.lastModified) entry.lastModified = value.lastModified;
    this.data.urls[url] = entry;
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.path);
  }
}
