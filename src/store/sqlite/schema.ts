import type Database from 'better-sqlite3';
import { StoreStateError } from '../errors.js';
import { storedIncidentKeys } from '../incident-keys.js';
import type { Incident } from '../types.js';

/** PRAGMA application_id of a Marsad store ("MRSD"), how `restore` recognises one. */
export const MARSAD_APPLICATION_ID = 0x4d525344;

interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: fills new tables from existing rows. */
  after?: (db: Database.Database) => void;
}

/**
 * Numbered migrations, applied in order, each once. Never edit a released one: add the next.
 * Search terms are indexed contentless (the analysed text is derived, not kept); FTS and R-tree
 * rows share their rowid with the events/documents/incidents row (`rid`). Only located items
 * have an R-tree row.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, events, incidents, search and spatial indexes',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
INSERT INTO meta (key, value) VALUES ('application', 'marsad');

CREATE TABLE documents (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT,
  url TEXT,
  title TEXT,
  published TEXT,
  language TEXT NOT NULL,
  sort_date TEXT NOT NULL,
  record TEXT NOT NULL,
  text TEXT NOT NULL,
  duplicate_of TEXT REFERENCES documents(id),
  similarity REAL,
  stored_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_sort ON documents(sort_date DESC, id);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE VIRTUAL TABLE documents_fts USING fts5(terms, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2');

CREATE TABLE events (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES documents(id),
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  actor1_id TEXT,
  actor2_id TEXT,
  date_start TEXT NOT NULL,
  date_end TEXT NOT NULL,
  lat REAL,
  lon REAL,
  admin1 TEXT,
  admin2 TEXT,
  source TEXT,
  record TEXT NOT NULL
) STRICT;
CREATE INDEX events_date ON events(date_start DESC, id);
CREATE INDEX events_type_date ON events(event_type, date_start DESC, id);
CREATE INDEX events_sub_type_date ON events(sub_event_type, date_start DESC, id);
CREATE INDEX events_actor1 ON events(actor1_id, date_start DESC) WHERE actor1_id IS NOT NULL;
CREATE INDEX events_actor2 ON events(actor2_id, date_start DESC) WHERE actor2_id IS NOT NULL;
CREATE INDEX events_admin ON events(admin1, admin2, date_start DESC);
CREATE INDEX events_source ON events(source, date_start DESC);
CREATE INDEX events_doc ON events(doc_id);
-- Space, time and kind together: "box + dates + type" is one R-tree search. Days count from
-- 1970-01-01; kinds are the codes of sqlite/kinds.ts.
CREATE VIRTUAL TABLE events_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_day, max_day,
  min_kind, max_kind);
CREATE VIRTUAL TABLE events_fts USING fts5(terms, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2');

CREATE TABLE incidents (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  grade TEXT NOT NULL,
  date_start TEXT NOT NULL,
  date_end TEXT NOT NULL,
  lat REAL,
  lon REAL,
  admin1 TEXT,
  admin2 TEXT,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX incidents_date ON incidents(date_start DESC, id);
CREATE INDEX incidents_type_date ON incidents(event_type, date_start DESC, id);
CREATE INDEX incidents_sub_type_date ON incidents(sub_event_type, date_start DESC, id);
CREATE INDEX incidents_grade_date ON incidents(grade, date_start DESC, id);
CREATE INDEX incidents_admin ON incidents(admin1, admin2, date_start DESC);
CREATE VIRTUAL TABLE incidents_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_day, max_day,
  min_kind, max_kind);

-- An event belongs to at most one incident: counting it twice would double the violence.
CREATE TABLE incident_members (
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL UNIQUE REFERENCES events(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (incident_id, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE incident_actors (
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  actor_id TEXT NOT NULL,
  PRIMARY KEY (incident_id, actor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_actors_actor ON incident_actors(actor_id);
`,
  },
  {
    version: 2,
    name: 'near-duplicate fingerprints and incident blocking keys',
    sql: `
-- A fingerprint per document; band keys only for originals (copies are represented by them).
CREATE TABLE document_fingerprints (
  rid INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
  fingerprint TEXT NOT NULL
) STRICT;
CREATE TABLE document_bands (
  band TEXT NOT NULL,
  fp_rid INTEGER NOT NULL REFERENCES document_fingerprints(rid),
  PRIMARY KEY (band, fp_rid)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_bands_fp ON document_bands(fp_rid);

-- Where an incident is filed for "which incidents may this new event join" (incident-keys.ts).
CREATE TABLE incident_keys (
  key TEXT NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  PRIMARY KEY (key, incident_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_keys_incident ON incident_keys(incident_id);
`,
    after: (db) => {
      const insert = db.prepare('INSERT OR IGNORE INTO incident_keys (key, incident_id) VALUES (?, ?)');
      // all(), not iterate(): the connection cannot insert while a statement iterates.
      for (const row of db.prepare('SELECT record FROM incidents').all() as { record: string }[]) {
        const inc = JSON.parse(row.record) as Incident;
        for (const key of storedIncidentKeys(inc)) insert.run(key, inc.id);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The schema version of an open file, or null when it holds no Marsad schema_version table. */
export function schemaVersion(db: Database.Database): number | null {
  if (!tableExists(db, 'schema_version')) return null;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Refuse a file that is some other application's database, or a Marsad store newer than this
 * code. A brand-new empty file is fine (it becomes a store).
 */
export function assertMarsadFile(db: Database.Database, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (appId !== MARSAD_APPLICATION_ID && (appId !== 0 || tables.n > 0)) {
    throw new StoreStateError(`${path} is not a Marsad store (application_id ${appId}, ${tables.n} tables)`);
  }
  const v = schemaVersion(db);
  if (v !== null && v > SCHEMA_VERSION) {
    throw new StoreStateError(`${path} has store schema version ${v}; this Marsad knows up to ${SCHEMA_VERSION} — upgrade Marsad`);
  }
}

export function migrate(db: Database.Database, path: string, now: () => Date): void {
  // IMMEDIATE takes the write lock first, so two processes starting together migrate once.
  db.transaction(() => {
    assertMarsadFile(db, path);
    if (!tableExists(db, 'schema_version')) {
      db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
      db.pragma(`application_id = ${MARSAD_APPLICATION_ID}`);
    }
    const current = schemaVersion(db) ?? 0;
    const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      m.after?.(db);
      record.run(m.version, m.name, now().toISOString());
    }
  }).immediate();
}
