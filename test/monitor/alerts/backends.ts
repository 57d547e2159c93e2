import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { openMonitorDb, type MonitorDb } from '../../../src/monitor/alerts/monitor-db.js';
import { openStore } from '../../../src/store/open-store.js';
import type { EventStore } from '../../../src/store/store.js';
import { useTestPostgres } from '../../support/postgres.js';

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
    const server = useTestPostgres('marsad-monitor-pg-');

    body(async () => {
      const { url } = server;
      const schema = server.newSchema('marsad_mon');
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
