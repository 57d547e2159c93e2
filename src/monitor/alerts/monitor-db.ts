import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreStateError, redactUrl } from '../../store/errors.js';
import { Gate } from '../../store/gate.js';
import { resolveStoreConfig, type StoreConfig } from '../../store/open-store.js';
import { checkSchemaName } from '../../store/postgres/schema.js';
import { MARSAD_APPLICATION_ID } from '../../store/sqlite/schema.js';
import { defaultSqlitePath } from '../../store/sqlite/sqlite-store.js';

/**
 * The monitoring layer's own tables, in the SAME database as the event store (one SQLite file in
 * WAL mode, or the same PostgreSQL schema) but on a connection of their own, with their own
 * numbered migrations per module (table `monitor_schema_version`). The store's migrations and
 * ours never touch each other's tables; every table here is prefixed `monitor_`.
 *
 * SQL is written once for both backends: `$1, $2 …` placeholders (rewritten to `?` for SQLite),
 * TEXT/INTEGER columns, ISO dates as text, JSON as text, `INSERT … ON CONFLICT`. Only DDL differs,
 * so each migration carries a SQLite and a PostgreSQL text.
 */

export type SqlValue = string | number | null;

export interface MonitorMigration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export interface MonitorDb {
  readonly kind: 'sqlite' | 'postgres';
  /** The file or the server (password hidden), for messages. */
  readonly where: string;
  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Everything `fn` does through `tx` commits together or not at all. On SQLite a transaction
   * started while the event store's own connection holds an open write transaction in the same
   * process waits on the file lock (busy_timeout): do not nest monitor writes inside
   * EventStore.transaction().
   */
  transaction<T>(fn: (tx: MonitorDb) => Promise<T>): Promise<T>;
  /** Apply `module`'s migrations not applied yet; safe from several processes at once. */
  migrate(module: string, migrations: readonly MonitorMigration[]): Promise<void>;
  close(): Promise<void>;
}

/** The MonitorDb of the store that `config` (or MARSAD_STORE, see resolveStoreConfig) names. */
export function openMonitorDb(config?: StoreConfig | string): MonitorDb {
  const c = resolveStoreConfig(config);
  if (c.kind === 'postgres') return PgMonitorDb.open(c.url, c.schema ?? 'public', c.poolSize ?? 4);
  return SqliteMonitorDb.open(c.path ?? defaultSqlitePath());
}

interface Placeholders { sql: string; order: number[] }

/** `$1 … $n` → `?` in order of appearance, with the parameter index each `?` takes. */
function toQuestionMarks(sql: string): Placeholders {
  const order: number[] = [];
  const out = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: out, order };
}

const VERSION_TABLE_SQLITE = `CREATE TABLE IF NOT EXISTS monitor_schema_version (
  module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
  PRIMARY KEY (module, version)) STRICT`;
const VERSION_TABLE_PG = `CREATE TABLE IF NOT EXISTS monitor_schema_version (
  module text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at text NOT NULL,
  PRIMARY KEY (module, version))`;

function checkMigrations(module: string, migrations: readonly MonitorMigration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(`monitor migrations of ${module}: versions must be increasing integers (got ${m.version} after ${last})`);
    }
    last = m.version;
  }
}

class SqliteCore {
  private readonly cache = new Map<string, { stmt: Database.Statement; order: number[] }>();
  constructor(readonly db: Database.Database, readonly path: string) {}

  prepared(sql: string): { stmt: Database.Statement; order: number[] } {
    let p = this.cache.get(sql);
    if (p === undefined) {
      if (this.cache.size >= 200) this.cache.clear();
      const q = toQuestionMarks(sql);
      p = { stmt: this.db.prepare(q.sql), order: q.order };
      this.cache.set(sql, p);
    }
    return p;
  }

  args(order: readonly number[], params: readonly SqlValue[]): SqlValue[] {
    return order.map((i) => {
      if (i >= params.length) throw new Error(`SQL parameter $${i + 1} has no value`);
      return params[i]!;
    });
  }
}

class SqliteMonitorDb implements MonitorDb {
  readonly kind = 'sqlite' as const;
  private savepoints = 0;

  private constructor(private readonly core: SqliteCore, private readonly gate: Gate | null) {}

  static open(path: string): SqliteMonitorDb {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 10000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      db.close();
      throw err;
    }
    return new SqliteMonitorDb(new SqliteCore(db, path), new Gate());
  }

  get where(): string {
    return this.core.path;
  }

  private async pass(): Promise<void> {
    if (this.gate) await this.gate.pass();
  }

  async all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    await this.pass();
    const p = this.core.prepared(sql);
    return p.stmt.all(...this.core.args(p.order, params)) as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    await this.pass();
    const p = this.core.prepared(sql);
    return p.stmt.run(...this.core.args(p.order, params)).changes;
  }

  async transaction<T>(fn: (tx: MonitorDb) => Promise<T>): Promise<T> {
    const db = this.core.db;
    if (this.gate === null) {
      const name = `msp_${++this.savepoints}`;
      db.exec(`SAVEPOINT ${name}`);
      try {
        const r = await fn(this);
        db.exec(`RELEASE ${name}`);
        return r;
      } catch (err) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
        throw err;
      }
    }
    return this.gate.hold(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const r = await fn(new SqliteMonitorDb(this.core, null));
        db.exec('COMMIT');
        return r;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async migrate(module: string, migrations: readonly MonitorMigration[]): Promise<void> {
    checkMigrations(module, migrations);
    await this.pass();
    const db = this.core.db;
    db.transaction(() => {
      // Same acceptance as the event store: a Marsad file, or a brand-new empty one, which we
      // stamp as Marsad's so that the event store accepts it afterwards.
      const appId = db.pragma('application_id', { simple: true }) as number;
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
      if (appId !== MARSAD_APPLICATION_ID) {
        if (appId !== 0 || tables > 0) {
          throw new StoreStateError(`${this.core.path} is not a Marsad store (application_id ${appId}, ${tables} tables)`);
        }
        db.pragma(`application_id = ${MARSAD_APPLICATION_ID}`);
      }
      db.exec(VERSION_TABLE_SQLITE);
      const row = db.prepare('SELECT max(version) AS v FROM monitor_schema_version WHERE module = ?').get(module) as { v: number | null };
      const current = row.v ?? 0;
      const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
      if (current > latest) {
        throw new StoreStateError(`${this.core.path}: monitor module ${module} has schema version ${current}; this Marsad knows up to ${latest} — upgrade Marsad`);
      }
      const record = db.prepare('INSERT INTO monitor_schema_version (module, version, name, applied_at) VALUES (?, ?, ?, ?)');
      for (const m of migrations) {
        if (m.version <= current) continue;
        db.exec(m.sqlite);
        record.run(module, m.version, m.name, new Date().toISOString());
      }
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.gate === null) throw new Error('close() called inside a monitor transaction');
    await this.gate.pass();
    if (this.core.db.open) this.core.db.close();
  }
}

type PgQueryable = pg.Pool | pg.PoolClient;

/** Network, authentication and missing-database errors; SQL errors pass through unchanged. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

function connectionError(err: unknown, where: string): unknown {
  const code = err instanceof Error && 'code' in err ? String((err as Error & { code: unknown }).code) : '';
  if (CONNECTION_CODES.has(code)) return new StoreStateError(`PostgreSQL ${where}: ${(err as Error).message}`);
  return err;
}

class PgMonitorDb implements MonitorDb {
  readonly kind = 'postgres' as const;
  private savepoints = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly schema: string,
    private readonly client: pg.PoolClient | null,
  ) {}

  static open(url: string, schema: string, poolSize: number): PgMonitorDb {
    const s = checkSchemaName(schema);
    const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${s},public` });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new PgMonitorDb(pool, url, s, null);
  }

  get where(): string {
    return `${redactUrl(this.url)} (schema ${this.schema})`;
  }

  private get db(): PgQueryable {
    return this.client ?? this.pool;
  }

  private async query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    try {
      return await this.db.query(sql, params as SqlValue[]);
    } catch (err) {
      throw connectionError(err, this.where);
    }
  }

  async all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  async transaction<T>(fn: (tx: MonitorDb) => Promise<T>): Promise<T> {
    if (this.client !== null) {
      const name = `msp_${++this.savepoints}`;
      await this.client.query(`SAVEPOINT ${name}`);
      try {
        const r = await fn(this);
        await this.client.query(`RELEASE SAVEPOINT ${name}`);
        return r;
      } catch (err) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    }
    const client = await this.pool.connect().catch((err: unknown) => {
      throw connectionError(err, this.where);
    });
    try {
      await client.query('BEGIN');
      try {
        const r = await fn(new PgMonitorDb(this.pool, this.url, this.schema, client));
        await client.query('COMMIT');
        return r;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    } finally {
      client.release();
    }
  }

  async migrate(module: string, migrations: readonly MonitorMigration[]): Promise<void> {
    checkMigrations(module, migrations);
    await this.transaction(async (tx) => {
      await tx.all('SELECT pg_advisory_xact_lock(hashtext($1))', [`marsad-monitor-migrate:${this.schema}`]);
      const exists = await tx.all('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (exists.length === 0) await tx.run(`CREATE SCHEMA ${this.schema}`);
      await tx.run(`SET LOCAL search_path TO ${this.schema}, public`);
      await tx.run(VERSION_TABLE_PG);
      const rows = await tx.all<{ v: number | null }>('SELECT max(version) AS v FROM monitor_schema_version WHERE module = $1', [module]);
      const current = rows[0]?.v ?? 0;
      const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
      if (current > latest) {
        throw new StoreStateError(`PostgreSQL ${this.where}: monitor module ${module} has schema version ${current}; this Marsad knows up to ${latest} — upgrade Marsad`);
      }
      for (const m of migrations) {
        if (m.version <= current) continue;
        await tx.run(m.postgres);
        await tx.run('INSERT INTO monitor_schema_version (module, version, name, applied_at) VALUES ($1, $2, $3, $4)',
          [module, m.version, m.name, new Date().toISOString()]);
      }
    });
  }

  async close(): Promise<void> {
    if (this.client !== null) throw new Error('close() called inside a monitor transaction');
    await this.pool.end();
  }
}

/** Bad input to the monitoring layer (a date, a place, a configuration): the message names it. */
export class MonitorInputError extends Error {
  override readonly name = 'MonitorInputError';
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `value` when it is a real calendar day YYYY-MM-DD; otherwise a MonitorInputError naming `what`. */
export function checkDay(what: string, value: unknown): string {
  if (typeof value === 'string' && ISO_DAY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) return value;
  }
  throw new MonitorInputError(`${what}: expected a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}
