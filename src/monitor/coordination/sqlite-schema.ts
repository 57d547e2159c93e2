import type Database from 'better-sqlite3';
import { CoordinationStorageError } from './errors.js';

/**
 * The coordination tables in the store's SQLite file. They have their own version table
 * (coord_schema_version), so the log and the event store migrate independently. Steps are
 * append-only, enforced by triggers, so the audit trail cannot be edited through SQL either.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const COORD_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'coordination items, shares and append-only steps',
    sql: `
CREATE TABLE coord_items (
  id TEXT PRIMARY KEY,
  filed_by_party TEXT NOT NULL,
  status TEXT NOT NULL,
  incident_id TEXT,
  agreement_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record TEXT NOT NULL
) STRICT;
CREATE INDEX coord_items_filer ON coord_items(filed_by_party, created_at DESC, id);
CREATE INDEX coord_items_incident ON coord_items(incident_id) WHERE incident_id IS NOT NULL;

CREATE TABLE coord_shares (
  item_id TEXT NOT NULL REFERENCES coord_items(id),
  party TEXT NOT NULL,
  PRIMARY KEY (item_id, party)
) STRICT, WITHOUT ROWID;
CREATE INDEX coord_shares_party ON coord_shares(party, item_id);

CREATE TABLE coord_steps (
  item_id TEXT NOT NULL REFERENCES coord_items(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  party TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at TEXT NOT NULL,
  text TEXT,
  shared_with TEXT NOT NULL,
  PRIMARY KEY (item_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER coord_steps_no_update BEFORE UPDATE ON coord_steps
  BEGIN SELECT RAISE(ABORT, 'coord_steps is append-only'); END;
CREATE TRIGGER coord_steps_no_delete BEFORE DELETE ON coord_steps
  BEGIN SELECT RAISE(ABORT, 'coord_steps is append-only'); END;
`,
  },
];

export const COORD_SQLITE_VERSION = COORD_SQLITE_MIGRATIONS[COORD_SQLITE_MIGRATIONS.length - 1]!.version;

/**
 * PRAGMA application_id of a Marsad database ("MRSD"). The same value the event store stamps
 * (src/store/sqlite/schema.ts); repeated here because monitor code does not import the store.
 */
export const MARSAD_APPLICATION_ID = 0x4d525344;

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function migrateCoordSqlite(db: Database.Database, path: string, now: () => Date): void {
  // IMMEDIATE: the write lock first, so two processes starting together migrate once.
  db.transaction(() => {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== MARSAD_APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new CoordinationStorageError(`${path} is not a Marsad database (application_id ${appId}, ${tables} tables)`);
    }
    // A brand-new file: stamp it, so the event store later accepts the file as its own.
    if (appId === 0) db.pragma(`application_id = ${MARSAD_APPLICATION_ID}`);
    if (!tableExists(db, 'coord_schema_version')) {
      db.exec('CREATE TABLE coord_schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
    }
    const current = (db.prepare('SELECT max(version) AS v FROM coord_schema_version').get() as { v: number | null }).v ?? 0;
    if (current > COORD_SQLITE_VERSION) {
      throw new CoordinationStorageError(`${path} has coordination schema version ${current}; this Marsad knows up to ${COORD_SQLITE_VERSION} — upgrade Marsad`);
    }
    const record = db.prepare('INSERT INTO coord_schema_version (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of COORD_SQLITE_MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
    }
  }).immediate();
}
