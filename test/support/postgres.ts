import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const script = join(resolve(import.meta.dirname, '../..'), 'scripts/pg-test-server.sh');

export interface TestPostgres {
  /** Set once the suite's beforeAll has run. */
  readonly url: string;
  readonly admin: pg.Pool;
  /** A fresh schema name, dropped when the suite ends. */
  newSchema(prefix: string): string;
}

/**
 * A PostgreSQL for the suite it is called in: MARSAD_TEST_PG_URL when set (CI starts one with
 * scripts/pg-test-server.sh), else a throwaway cluster started here and stopped at the end.
 * Every schema handed out is dropped afterwards.
 */
export function useTestPostgres(clusterPrefix = 'marsad-pg-'): TestPostgres {
  let url = '';
  let clusterDir: string | null = null;
  let admin: pg.Pool | null = null;
  const schemas: string[] = [];
  let n = 0;

  beforeAll(() => {
    const envUrl = process.env['MARSAD_TEST_PG_URL'];
    if (envUrl) {
      url = envUrl;
    } else {
      clusterDir = mkdtempSync(join(tmpdir(), clusterPrefix));
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

  return {
    get url() {
      return url;
    },
    get admin() {
      if (!admin) throw new Error('the test PostgreSQL is not started yet (use it inside a test or beforeAll)');
      return admin;
    },
    newSchema(prefix) {
      const s = `${prefix}${process.pid}_${++n}`;
      schemas.push(s);
      return s;
    },
  };
}
