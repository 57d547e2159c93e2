import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoordinationLog } from '../../../src/monitor/coordination/log.js';
import { openStore } from '../../../src/store/open-store.js';
import { defineCoordinationContract } from './contract.js';
import { useTestPostgres } from '../../support/postgres.js';

/**
 * The same contract on a real PostgreSQL: MARSAD_TEST_PG_URL when set, otherwise a throwaway
 * cluster started here with scripts/pg-test-server.sh. Each log gets its own schema. In CI a
 * missing server is a failure, not a skip.
 */
const envUrl = process.env['MARSAD_TEST_PG_URL'];
const hasBinaries = existsSync('/usr/lib/postgresql')
  && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/initdb')));
const available = Boolean(envUrl) || hasBinaries;
const reason = 'no PostgreSQL for the coordination tests: set MARSAD_TEST_PG_URL, or install the server (scripts/pg-test-server.sh install)';

if (!available) {
  if (process.env['CI'] === 'true') {
    describe('coordination log (postgres)', () => {
      it('has a PostgreSQL server to test against (required in CI)', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`SKIPPING PostgreSQL coordination tests: ${reason}`);
    describe.skip('coordination log (postgres)', () => undefined);
  }
} else {
  const server = useTestPostgres('marsad-coord-pg-');
  let url = '';
  let admin: pg.Pool | null = null;
  beforeAll(() => {
    url = server.url;
    admin = server.admin;
  });
  const newSchema = (): string => server.newSchema('marsad_coord_t');

  defineCoordinationContract('postgres', {
    async open(opts = {}) {
      const schema = newSchema();
      const log = await CoordinationLog.open({ kind: 'postgres', url, schema, poolSize: 3 }, opts);
      return {
        log,
        reopen: () => CoordinationLog.open({ kind: 'postgres', url, schema, poolSize: 3 }, opts),
        raw: async (sql: string) => {
          const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
          await c.connect();
          try {
            await c.query(sql);
          } finally {
            await c.end();
          }
        },
      };
    },
  });

  describe('coordination log in the store database (postgres)', () => {
    it('lives beside the event store in the same schema, and migrates concurrently once', async () => {
      const schema = newSchema();
      const store = await openStore({ kind: 'postgres', url, schema, postgis: false });
      const logs = await Promise.all([0, 1, 2].map(() => CoordinationLog.open({ kind: 'postgres', url, schema, poolSize: 2 })));
      await logs[0]!.file({ party: 'turkey', user: 'a' }, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'n', share_with: ['russia'] });
      expect(await logs[2]!.list('russia')).toHaveLength(1);
      expect(await store.counts()).toMatchObject({ documents: 0 });
      const v = await admin!.query(`SELECT count(*)::int AS n FROM ${schema}.coord_schema_version`);
      expect(v.rows[0].n).toBe(1);
      const t = await admin!.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'coord%' ORDER BY 1", [schema]);
      expect(t.rows.map((r: { table_name: string }) => r.table_name)).toEqual(['coord_items', 'coord_schema_version', 'coord_shares', 'coord_steps']);
      for (const l of logs) await l.close();
      await store.close();
    });

    it('names the server, without the password, when it cannot connect', async () => {
      const err = await CoordinationLog.open({ kind: 'postgres', url: 'postgres://someone:secret@127.0.0.1:1/nowhere' })
        .then(() => null, (e: Error) => e);
      expect(err?.message).toContain('postgres://someone:***@127.0.0.1:1/nowhere');
      expect(err?.message).not.toContain('secret');
    });
  });
}
