import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/ingest/read-inputs.js';
import { ingestItems } from '../../../src/store/ingest/index.js';
import { iterateEvents, iterateIncidents } from '../../../src/store/iterate.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { EventStore } from '../../../src/store/store.js';
import { announceShared, hasShared, importedHome, repoRoot, type ImportedHome } from '../../support/shared.js';
import { writeStrikeCorpus } from './corpus.js';
import { MAARAT_AR, SARAQIB_AR, SARAQIB_AR_COPY, SARAQIB_EN } from './reports.js';

/**
 * The orchestration on PostgreSQL gives the store it gives on SQLite: the same documents,
 * events, incidents (members, grade, explanation) and near-copy links. Runs against
 * MARSAD_TEST_PG_URL, or a throwaway cluster from scripts/pg-test-server.sh.
 */

const envUrl = process.env['MARSAD_TEST_PG_URL'];
const hasBinaries = existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/initdb')));
const hasPg = process.env['MARSAD_TEST_PG_DISABLE'] !== '1' && (Boolean(envUrl) || hasBinaries);
const shared = announceShared('ingest on PostgreSQL');
if (!hasPg) {
  const why = 'no PostgreSQL: set MARSAD_TEST_PG_URL or install the server (scripts/pg-test-server.sh install)';
  if (process.env['CI'] === 'true') throw new Error(`ingest on PostgreSQL: ${why}`);
  console.warn(`SKIPPING ingest on PostgreSQL: ${why}`);
}

/** Everything a store holds that both backends must agree on (timestamps left out). */
async function logical(store: EventStore): Promise<unknown> {
  const events = [];
  for await (const s of iterateEvents(store, {})) {
    const doc = await store.getDocument(s.event.doc_id);
    events.push({ event: s.event, source: s.source, duplicate_of: s.duplicate_of, text: doc?.text, doc: doc?.doc, similarity: doc?.similarity });
  }
  const incidents = [];
  for await (const i of iterateIncidents(store, {})) {
    const { created_at: _c, updated_at: _u, ...rest } = i;
    incidents.push(rest);
  }
  return { counts: await store.counts(), events, incidents };
}

describe.skipIf(!hasShared || !shared || !hasPg)('ingestItems on PostgreSQL', () => {
  let home: ImportedHome;
  let dir: string;
  let url = '';
  let cluster: string | null = null;
  const script = join(repoRoot, 'scripts/pg-test-server.sh');
  const schema = `marsad_ingest_${process.pid}`;

  beforeAll(async () => {
    if (envUrl) url = envUrl;
    else {
      cluster = mkdtempSync(join(tmpdir(), 'marsad-pg-ingest-'));
      const r = spawnSync('bash', [script, 'start'], { env: { ...process.env, MARSAD_PG_TEST_DIR: cluster }, encoding: 'utf8' });
      const m = /MARSAD_TEST_PG_URL=(\S+)/.exec(r.stdout);
      if (r.status !== 0 || !m) throw new Error(`could not start a test PostgreSQL: ${r.stderr}`);
      url = m[1]!;
    }
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-ingest-pg-'));
  });

  afterAll(async () => {
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
    if (cluster) {
      spawnSync('bash', [script, 'stop'], { env: { ...process.env, MARSAD_PG_TEST_DIR: cluster }, stdio: 'inherit' });
      rmSync(cluster, { recursive: true, force: true });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  it('stores the same documents, events, incidents and links as SQLite, and a second run adds nothing', async () => {
    const input = join(dir, 'in');
    writeStrikeCorpus(input, 30);
    mkdirSync(join(input, 'z'));
    for (const [name, text] of Object.entries({ '1.txt': SARAQIB_AR, '2.txt': SARAQIB_EN, '3.txt': MAARAT_AR, '4.txt': SARAQIB_AR_COPY })) {
      writeFileSync(join(input, 'z', name), text);
    }
    const pgStore = PgStore.open({ url, schema, postgis: false, poolSize: 2 });
    const lite = SqliteStore.open({ path: join(dir, 'lite.db') });
    try {
      await pgStore.migrate();
      await lite.migrate();
      const onPg = await ingestItems(readInputs(input), { store: pgStore, resources: home.resources, batchSize: 8 });
      const onLite = await ingestItems(readInputs(input), { store: lite, resources: home.resources });
      expect(onPg).toMatchObject({ added: 34, errors: 0 });
      expect({ ...onPg, elapsedMs: 0 }).toEqual({ ...onLite, elapsedMs: 0 });
      expect(await logical(pgStore)).toEqual(await logical(lite));
      const again = await ingestItems(readInputs(input), { store: pgStore, resources: home.resources });
      expect(again).toMatchObject({ added: 0, unchanged: 34, incidentsCreated: 0, incidentsUpdated: 0 });
    } finally {
      await pgStore.close();
      await lite.close();
    }
  });
});
