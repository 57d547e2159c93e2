import { join, resolve } from 'node:path';
import { StoreInputError } from './errors.js';
import { PgStore } from './postgres/pg-store.js';
import type { PostgisMode } from './postgres/schema.js';
import { SqliteStore, defaultSqlitePath } from './sqlite/sqlite-store.js';
import type { EventStore } from './store.js';

export type StoreConfig =
  | { kind: 'sqlite'; path?: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number; postgis?: PostgisMode };

export interface OpenStoreOptions {
  /** Run migrations on open (default true). */
  migrate?: boolean;
  now?: () => Date;
}

function isPgUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/**
 * Which store to use, from an explicit config or the environment:
 * - MARSAD_STORE=postgres://… (or postgresql://…) → PostgreSQL at that URL;
 * - MARSAD_STORE=postgres → PostgreSQL at MARSAD_DATABASE_URL;
 * - MARSAD_STORE=sqlite:<path> or a file path → SQLite at that path;
 * - MARSAD_STORE=sqlite, or unset → SQLite at MARSAD_HOME/marsad.db (default ~/.marsad).
 * MARSAD_PG_SCHEMA picks the PostgreSQL schema.
 */
export function resolveStoreConfig(config?: StoreConfig | string, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (typeof config === 'object') return config;
  const spec = (config ?? env['MARSAD_STORE'] ?? '').trim();
  const schema = env['MARSAD_PG_SCHEMA'] || undefined;
  if (isPgUrl(spec)) return { kind: 'postgres', url: spec, ...(schema ? { schema } : {}) };
  if (spec === 'postgres' || spec === 'postgresql') {
    const url = env['MARSAD_DATABASE_URL'];
    if (!url || !isPgUrl(url)) {
      throw new StoreInputError('MARSAD_STORE=postgres needs MARSAD_DATABASE_URL=postgres://user:password@host:port/database');
    }
    return { kind: 'postgres', url, ...(schema ? { schema } : {}) };
  }
  if (spec === '' || spec === 'sqlite') {
    const home = env['MARSAD_HOME'];
    return { kind: 'sqlite', path: home ? join(resolve(home), 'marsad.db') : defaultSqlitePath() };
  }
  const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
  if (path.length === 0) throw new StoreInputError(`store ${JSON.stringify(spec)}: no SQLite file path after "sqlite:"`);
  return { kind: 'sqlite', path };
}

/** Open (and by default migrate) the configured store. */
export async function openStore(config?: StoreConfig | string, options: OpenStoreOptions = {}): Promise<EventStore> {
  const c = resolveStoreConfig(config);
  const now = options.now ? { now: options.now } : {};
  const store: EventStore = c.kind === 'postgres'
    ? PgStore.open({ ...c, ...now })
    : SqliteStore.open({ path: c.path ?? defaultSqlitePath(), ...now });
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }
  return store;
}
