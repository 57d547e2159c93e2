import type pg from 'pg';
import { CoordinationStorageError } from './errors.js';

/**
 * The PostgreSQL twin of sqlite-schema.ts: coord_ tables in the store's schema, their own
 * version table, and a trigger that refuses UPDATE, DELETE and TRUNCATE on the steps.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const COORD_PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'coordination items, shares and append-only steps',
    sql: `
CREATE TABLE coord_items (
  id text COLLATE "C" PRIMARY KEY,
  filed_by_party text NOT NULL,
  status text NOT NULL,
  incident_id text,
  agreement_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  record json NOT NULL
);
CREATE INDEX coord_items_filer ON coord_items (filed_by_party, created_at DESC, id);
CREATE INDEX coord_items_incident ON coord_items (incident_id) WHERE incident_id IS NOT NULL;

CREATE TABLE coord_shares (
  item_id text COLLATE "C" NOT NULL REFERENCES coord_items(id),
  party text NOT NULL,
  PRIMARY KEY (item_id, party)
);
CREATE INDEX coord_shares_party ON coord_shares (party, item_id);

CREATE TABLE coord_steps (
  item_id text COLLATE "C" NOT NULL REFERENCES coord_items(id),
  seq integer NOT NULL,
  action text NOT NULL,
  party text NOT NULL,
  user_name text NOT NULL,
  at text NOT NULL,
  text text,
  shared_with json NOT NULL,
  PRIMARY KEY (item_id, seq)
);
CREATE FUNCTION coord_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'coord_steps is append-only';
END
$$;
CREATE TRIGGER coord_steps_no_change BEFORE UPDATE OR DELETE ON coord_steps
  FOR EACH ROW EXECUTE FUNCTION coord_steps_append_only();
CREATE TRIGGER coord_steps_no_truncate BEFORE TRUNCATE ON coord_steps
  FOR EACH STATEMENT EXECUTE FUNCTION coord_steps_append_only();
`,
  },
];

export const COORD_PG_VERSION = COORD_PG_MIGRATIONS[COORD_PG_MIGRATIONS.length - 1]!.version;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkPgSchema(name: string): string {
  if (!SCHEMA_NAME.test(name)) {
    throw new CoordinationStorageError(`PostgreSQL schema name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  }
  return name;
}

/** Bring the coord_ tables of `schema` up to date, once even with several starters at a time. */
export async function migrateCoordPg(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`marsad-coord-migrate:${schema}`]);
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rows.length === 0) await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET LOCAL search_path TO ${schema}, public`);
      await client.query(`CREATE TABLE IF NOT EXISTS coord_schema_version (version integer PRIMARY KEY, name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM coord_schema_version');
      const current = rows[0]?.v ?? 0;
      if (current > COORD_PG_VERSION) {
        throw new CoordinationStorageError(`PostgreSQL schema ${schema} has coordination schema version ${current}; this Marsad knows up to ${COORD_PG_VERSION} — upgrade Marsad`);
      }
      for (const m of COORD_PG_MIGRATIONS) {
        if (m.version <= current) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO coord_schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  } finally {
    client.release();
  }
}
