import type pg from 'pg';
import { StoreStateError } from '../errors.js';
import { storedIncidentKeys } from '../incident-keys.js';
import type { Incident } from '../types.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: fills new tables from existing rows. */
  after?: (client: pg.PoolClient) => Promise<void>;
}

/**
 * Numbered migrations, the PostgreSQL twin of sqlite/schema.ts. Sort keys and ids use COLLATE "C"
 * so order (and so cursors) is bytewise, as in SQLite, whatever the database locale. Search
 * terms are a tsvector built from the analysed terms (src/store/search/analyse.ts) with
 * array_to_tsvector — the 'simple' configuration's result without depending on the server's
 * parser and locale.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, events, incidents, search and spatial indexes',
    sql: `
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta (key, value) VALUES ('application', 'marsad');

CREATE TABLE documents (
  id text COLLATE "C" PRIMARY KEY,
  source text,
  url text,
  title text,
  published text,
  language text NOT NULL,
  sort_date text COLLATE "C" NOT NULL,
  record json NOT NULL,
  text text NOT NULL,
  terms tsvector NOT NULL,
  duplicate_of text COLLATE "C" REFERENCES documents(id),
  similarity double precision,
  stored_at timestamptz NOT NULL
);
CREATE INDEX documents_sort ON documents (sort_date DESC, id);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX documents_terms ON documents USING gin (terms);

CREATE TABLE events (
  id text COLLATE "C" PRIMARY KEY,
  doc_id text COLLATE "C" NOT NULL REFERENCES documents(id),
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  actor1_id text,
  actor2_id text,
  date_start text COLLATE "C" NOT NULL,
  date_end text COLLATE "C" NOT NULL,
  lat double precision,
  lon double precision,
  admin1 text,
  admin2 text,
  source text,
  record json NOT NULL,
  terms tsvector NOT NULL
);
CREATE INDEX events_date ON events (date_start DESC, id);
CREATE INDEX events_type_date ON events (event_type, date_start DESC, id);
CREATE INDEX events_sub_type_date ON events (sub_event_type, date_start DESC, id);
CREATE INDEX events_actor1 ON events (actor1_id, date_start DESC) WHERE actor1_id IS NOT NULL;
CREATE INDEX events_actor2 ON events (actor2_id, date_start DESC) WHERE actor2_id IS NOT NULL;
CREATE INDEX events_admin ON events (admin1, admin2, date_start DESC);
CREATE INDEX events_source ON events (source, date_start DESC);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_lon_lat ON events (lon, lat) WHERE lon IS NOT NULL;
CREATE INDEX events_terms ON events USING gin (terms);

CREATE TABLE incidents (
  id text COLLATE "C" PRIMARY KEY,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  grade text NOT NULL,
  date_start text COLLATE "C" NOT NULL,
  date_end text COLLATE "C" NOT NULL,
  lat double precision,
  lon double precision,
  admin1 text,
  admin2 text,
  record json NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX incidents_date ON incidents (date_start DESC, id);
CREATE INDEX incidents_type_date ON incidents (event_type, date_start DESC, id);
CREATE INDEX incidents_sub_type_date ON incidents (sub_event_type, date_start DESC, id);
CREATE INDEX incidents_grade_date ON incidents (grade, date_start DESC, id);
CREATE INDEX incidents_admin ON incidents (admin1, admin2, date_start DESC);
CREATE INDEX incidents_lon_lat ON incidents (lon, lat) WHERE lon IS NOT NULL;

-- An event belongs to at most one incident: counting it twice would double the violence.
CREATE TABLE incident_members (
  incident_id text COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  event_id text COLLATE "C" NOT NULL UNIQUE REFERENCES events(id),
  position integer NOT NULL,
  PRIMARY KEY (incident_id, event_id)
);

CREATE TABLE incident_actors (
  incident_id text COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  actor_id text NOT NULL,
  PRIMARY KEY (incident_id, actor_id)
);
CREATE INDEX incident_actors_actor ON incident_actors (actor_id);
`,
  },
  {
    version: 2,
    name: 'near-duplicate fingerprints and incident blocking keys',
    sql: `
-- A fingerprint per document; band keys only for originals (copies are represented by them).
CREATE TABLE document_fingerprints (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_id text COLLATE "C" NOT NULL UNIQUE REFERENCES documents(id),
  fingerprint text NOT NULL
);
CREATE TABLE document_bands (
  band text COLLATE "C" NOT NULL,
  seq bigint NOT NULL REFERENCES document_fingerprints(seq) ON DELETE CASCADE,
  PRIMARY KEY (band, seq)
);
CREATE INDEX document_bands_seq ON document_bands (seq);

-- Where an incident is filed for "which incidents may this new event join" (incident-keys.ts).
CREATE TABLE incident_keys (
  key text COLLATE "C" NOT NULL,
  incident_id text COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  PRIMARY KEY (key, incident_id)
);
CREATE INDEX incident_keys_incident ON incident_keys (incident_id);
`,
    after: async (client) => {
      const { rows } = await client.query<{ record: string }>('SELECT record::text AS record FROM incidents');
      for (const row of rows) {
        const inc = JSON.parse(row.record) as Incident;
        const keys = storedIncidentKeys(inc);
        if (keys.length === 0) continue;
        await client.query(`INSERT INTO incident_keys (key, incident_id) SELECT k, $2 FROM unnest($1::text[]) AS k
          ON CONFLICT DO NOTHING`, [keys, inc.id]);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Optional: with PostGIS, a generated point geometry and a GiST index serve bounding boxes.
 * Kept out of the numbered migrations because it depends on the server, not on the version.
 */
const POSTGIS_SQL = `
ALTER TABLE events ADD COLUMN IF NOT EXISTS geom public.geometry(Point, 4326) GENERATED ALWAYS AS
  (CASE WHEN lon IS NULL OR lat IS NULL THEN NULL ELSE public.ST_SetSRID(public.ST_MakePoint(lon, lat), 4326) END) STORED;
CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom);
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS geom public.geometry(Point, 4326) GENERATED ALWAYS AS
  (CASE WHEN lon IS NULL OR lat IS NULL THEN NULL ELSE public.ST_SetSRID(public.ST_MakePoint(lon, lat), 4326) END) STORED;
CREATE INDEX IF NOT EXISTS incidents_geom ON incidents USING gist (geom);
`;

export type PostgisMode = 'auto' | boolean;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(name: string): string {
  if (!SCHEMA_NAME.test(name)) {
    throw new StoreStateError(`PostgreSQL schema name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  }
  return name;
}

async function inTransaction<T>(client: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const r = await fn();
    await client.query('COMMIT');
    return r;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/**
 * Bring `schema` up to date. An advisory lock makes concurrent starters (several workers, or
 * parallel test files) migrate one after another; DDL is transactional, so a failed migration
 * leaves the previous version intact. Returns whether PostGIS columns are in use.
 */
export async function migrate(pool: pg.Pool, schema: string, postgis: PostgisMode): Promise<boolean> {
  const client = await pool.connect();
  try {
    await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`marsad-migrate:${schema}`]);
      // Checked first: CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege.
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rows.length === 0) await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET LOCAL search_path TO ${schema}, public`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
      const current = rows[0]?.v ?? 0;
      if (current > SCHEMA_VERSION) {
        throw new StoreStateError(`PostgreSQL schema ${schema} has store version ${current}; this Marsad knows up to ${SCHEMA_VERSION} — upgrade Marsad`);
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        await client.query(m.sql);
        await m.after?.(client);
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
    });
    if (postgis === false) return hasGeomColumn(client, schema);
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`marsad-migrate:${schema}`]);
      await client.query(`SET LOCAL search_path TO ${schema}, public`);
      if (!(await ensurePostgis(client, postgis === true))) return false;
      await client.query(POSTGIS_SQL);
      return true;
    });
  } finally {
    client.release();
  }
}

async function hasGeomColumn(client: pg.PoolClient, schema: string): Promise<boolean> {
  const { rows } = await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'geom'",
    [schema]);
  return rows.length > 0;
}

async function ensurePostgis(client: pg.PoolClient, required: boolean): Promise<boolean> {
  const installed = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'");
  if (installed.rows.length > 0) return true;
  const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
  if (available.rows.length === 0) {
    if (required) throw new StoreStateError('PostGIS was required but the server does not have the postgis extension');
    return false;
  }
  await client.query('SAVEPOINT postgis');
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    await client.query('RELEASE postgis');
    return true;
  } catch (err) {
    // Typically a missing privilege: the plain lat/lon indexes still serve bounding boxes.
    await client.query('ROLLBACK TO postgis');
    if (required) throw new StoreStateError(`PostGIS was required but could not be enabled: ${(err as Error).message}`);
    return false;
  }
}
