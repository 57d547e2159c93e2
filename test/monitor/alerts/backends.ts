import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openMonitorDb, type MonitorDb } from '../../../src/monitor/alerts/monitor-db.js';
import { openStore } from '../../../src/store/open-store.js';
import type { EventStore } from '../../../src/store/store.js';

/**
 * The monitor tests run on both backends: SQLite in a temporary folder, and PostgreSQL at
 * MARSAD_TEST_PG_URL or in a throwaway cluster started here (scripts/pg-test-server.sh). Without
 * PostgreSQL the PostgreSQL half is skipped loudly — and fails in CI (CI=true).
 */

export interface Opened {
  store: EventStore;
  db: MonitorDb;
  /** The store spec both were opened with (to reopen after a "crash"). */
  spec: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };
  close(): Promise<void>;
}

export type OpenBackend = () => Promise<Opened>;

const repoRoot = resolve(import.meta.dirname, '../../..');
const script = join(repoRoot, 'scripts/pg-test-server.sh');
const envUrl = process.env['MARSAD_TEST_PG_URL'];
const hasBinaries = existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/initdb')));
const pgAvailable = Boolean(envUrl) || hasBinaries;

function sqliteBackend(): { open: OpenBackend; done: () => void } {
  const dirs: string[] = [];
  return {
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'marsad-monitor-'));
      dirs.push(dir);
      const path = join(dir, 'marsad.db');
      const store = await openStore({ kind: 'sqlite', path });
      const db = openMonitorDb({ kind: 'sqlite', path });
      return {
        store, db, spec: { kind: 'sqlite', path },
        close: async () => {
          await db.close().catch(() => undefined);
          await store.close().catch(() => undefined);
        },
      };
    },
    done: () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/**
 * `body` once per backend, inside describe blocks named "<suite> (sqlite|postgres)". It receives
 * a function that opens a fresh store + monitor database (own file, or own PostgreSQL schema).
 */
export function describeBackends(suite: string, body: (open: OpenBackend) => void): void {
  describe(`${suite} (sqlite)`, () => {
    const b = sqliteBackend();
    afterAll(() => b.done());
    body(b.open);
  });

  if (!pgAvailable) {
    const reason = 'no PostgreSQL: set MARSAD_TEST_PG_URL or install the server (scripts/pg-test-server.sh install)';
    if (process.env['CI'] === 'true') {
      describe(`${suite} (postgres)`, () => {
        it('has a PostgreSQL server to test against (required in CI)', () => {
          throw new Error(reason);
        });
      });
    } else {
      console.warn(`\n*** SKIPPING ${suite} on PostgreSQL: ${reason} ***\n`);
      describe.skip(`${suite} (postgres)`, () => undefined);
    }
    return;
  }

  describe(`${suite} (postgres)`, () => {
    let url = '';
    let clusterDir: string | null = null;
    let admin: pg.Pool | null = null;
    const schemas: string[] = [];
    let n = 0;

    beforeAll(() => {
      if (envUrl) {
        url = envUrl;
      } else {
        clusterDir = mkdtempSync(join(tmpdir(), 'marsad-monitor-pg-'));
        const r = spawnSync('bash', [script, 'start'], { env: { ...process.env, MARSAD_PG_TEST_DIR: clusterDir }, encoding: 'utf8' });
        const m = /MARSAD_TEST_PG_URL=(\S+)/.exec(r.stdout);
        if (r.status !== 0 || !m) throw new Error(`could not start a test PostgreSQL: ${r.stderr}`);
        url = m[1]!;
      }
      admin = new pg.Pool({ connectionString: url, max: 2 });
    });

    afterAll(async () => {
      if (admin) {
        for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
        await admin.end();
      }
      if (clusterDir) {
        spawnSync('bash', [script, 'stop'], { env: { ...process.env, MARSAD_PG_TEST_DIR: clusterDir }, stdio: 'inherit' });
        if (existsSync(clusterDir)) rmSync(clusterDir, { recursive: true, force: true });
      }
    });

    body(async () => {
      const schema = `marsad_mon${process.pid}_${++n}`;
      schemas.push(schema);
      const store = await openStore({ kind: 'postgres', url, schema, postgis: false, poolSize: 3 });
      const db = openMonitorDb({ kind: 'postgres', url, schema, poolSize: 3 });
      return {
        store, db, spec: { kind: 'postgres', url, schema },
        close: async () => {
          await db.close().catch(() => undefined);
          await store.close().catch(() => undefined);
        },
      };
    });
  });
}

/** Open the monitor database again on the same file or schema (a "restart"). */
export function reopenDb(spec: Opened['spec']): MonitorDb {
  return spec.kind === 'sqlite'
    ? openMonitorDb({ kind: 'sqlite', path: spec.path })
    : openMonitorDb({ kind: 'postgres', url: spec.url, schema: spec.schema, poolSize: 3 });
}
