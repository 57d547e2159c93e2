import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../store/open-store.js';
import type { EventStore } from '../../store/store.js';
import type { BoxQuery } from './queries.js';

/**
 * What the benchmark needs of a backend beyond the EventStore interface: a fresh empty store,
 * its size on disk, and the reference query with no index at all, run on a connection of its
 * own beside the store.
 */
export interface BenchBackend {
  readonly name: 'sqlite' | 'postgres';
  /** One line on what exactly is measured (version, file, settings). */
  describe(): Promise<string>;
  /** Open (and migrate) the store; called once for loading and again for querying. */
  open(): Promise<EventStore>;
  /** What an operator would do after a large load before querying (PostgreSQL: ANALYZE). */
  afterLoad(): Promise<string | null>;
  sizeBytes(): Promise<number>;
  /**
   * The box + time + type query as a full scan of the events table (no index may be used),
   * sorted and limited like the store's, records parsed like the store's; returns rows.
   */
  scanNoIndex(q: BoxQuery, limit: number): Promise<number>;
  /** Close connections and delete the store, unless `keep` (then say where it is). */
  dispose(keep: boolean): Promise<string | null>;
  /** CPU seconds used so far by the database server, when it runs apart and can be observed. */
  serverCpuSeconds(): number | null;
  /** Best-effort synchronous cleanup when the process is interrupted. */
  abandon(): void;
}

export function sqliteBackend(): BenchBackend {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-sqlite-'));
  const path = join(dir, 'marsad.db');
  let raw: Database.Database | null = null;
  const rawDb = (): Database.Database => {
    if (raw === null) {
      raw = new Database(path, { readonly: true, fileMustExist: true });
      // The same page cache as the store's connection, so the scan is not handicapped.
      raw.pragma('cache_size = -65536');
    }
    return raw;
  };
  return {
    name: 'sqlite',
    async describe() {
      const mem = new Database(':memory:');
      const v = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      mem.close();
      return `SQLite ${v} (better-sqlite3), WAL, synchronous=NORMAL, file ${path}`;
    },
    open: () => openStore({ kind: 'sqlite', path }),
    // In-process: its CPU time is the benchmark process's own.
    serverCpuSeconds: () => null,
    afterLoad: async () => null,
    async sizeBytes() {
      let n = 0;
      for (const f of [path, `${path}-wal`]) if (existsSync(f)) n += statSync(f).size;
      return n;
    },
    async scanNoIndex(q, limit) {
      const stmt = rawDb().prepare(`SELECT id, date_start, record FROM events NOT INDEXED
        WHERE date_end >= ? AND date_start <= ? AND date_start <> '' AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?
          AND sub_event_type IN (${q.subTypes.map(() => '?').join(', ')})
        ORDER BY date_start DESC, id LIMIT ?`);
      const [minLon, minLat, maxLon, maxLat] = q.bbox;
      const rows = stmt.all(q.from, q.to, minLon, maxLon, minLat, maxLat, ...q.subTypes, limit) as { record: string }[];
      for (const r of rows) JSON.parse(r.record);
      return rows.length;
    },
    async dispose(keep) {
      if (raw !== null) raw.close();
      if (keep) return `SQLite store kept at ${path}`;
      rmSync(dir, { recursive: true, force: true });
      return null;
    },
    abandon() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(url: string, serverCpuSeconds: () => number | null): BenchBackend {
  const schema = `marsad_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` });
  let connected: Promise<void> | null = null;
  const client = async (): Promise<pg.Client> => {
    connected ??= admin.connect().then(() => undefined);
    await connected;
    return admin;
  };
  return {
    name: 'postgres',
    async describe() {
      const c = await client();
      const setting = async (name: string): Promise<string> =>
        (await c.query<{ v: string }>('SELECT current_setting($1) AS v', [name])).rows[0]?.v ?? '?';
      const v = await setting('server_version');
      const fsync = await setting('fsync');
      const sb = await setting('shared_buffers');
      const geom = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events'
        AND column_name = 'geom'`, [schema]);
      return `PostgreSQL ${v}, schema ${schema}, PostGIS ${geom.rows.length > 0 ? 'yes (GiST on geom)' : 'no (btree on lon, lat)'}, fsync=${fsync}, shared_buffers=${sb}`;
    },
    open: () => openStore({ kind: 'postgres', url, schema }),
    serverCpuSeconds,
    async afterLoad() {
      const c = await client();
      const t0 = performance.now();
      await c.query('ANALYZE');
      return `ANALYZE in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    },
    async sizeBytes() {
      const c = await client();
      const r = await c.query<{ n: string }>(`SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0)::text AS n
        FROM pg_tables WHERE schemaname = $1`, [schema]);
      return Number(r.rows[0]?.n ?? 0);
    },
    async scanNoIndex(q, limit) {
      const c = await client();
      const [minLon, minLat, maxLon, maxLat] = q.bbox;
      await c.query('BEGIN');
      try {
        for (const s of ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan']) await c.query(`SET LOCAL ${s} = off`);
        const r = await c.query<{ record: string }>(`SELECT id, date_start, record::text AS record FROM events
          WHERE date_end >= $1 AND date_start <= $2 AND date_start <> '' AND lon BETWEEN $3 AND $4 AND lat BETWEEN $5 AND $6
            AND sub_event_type = ANY($7::text[])
          ORDER BY date_start DESC, id LIMIT $8`, [q.from, q.to, minLon, maxLon, minLat, maxLat, q.subTypes, limit]);
        for (const row of r.rows) JSON.parse(row.record);
        return r.rows.length;
      } finally {
        await c.query('COMMIT');
      }
    },
    async dispose(keep) {
      if (connected !== null) {
        if (!keep) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
        await admin.end().catch(() => undefined);
      }
      return keep ? `PostgreSQL schema ${schema} kept (useful with MARSAD_TEST_PG_URL; a cluster the benchmark started is removed)` : null;
    },
    // Our own cluster goes with the server; a schema left on MARSAD_TEST_PG_URL is named marsad_bench_<pid>.
    abandon: () => undefined,
  };
}
