import pg from 'pg';
import type { Violation } from '../types.js';
import {
  fromRow, partyKeys, scopeTest, summarise, violationRecord, type StoredViolation, type SyncResult,
  type ViolationFilter, type ViolationScope, type ViolationStore, type ViolationSummary,
} from './violation-store.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS monitor_violations (
  id text COLLATE "C" PRIMARY KEY,
  agreement_id text COLLATE "C" NOT NULL,
  rule_id text COLLATE "C" NOT NULL,
  incident_id text COLLATE "C" NOT NULL,
  date_start text COLLATE "C" NOT NULL,
  date_end text COLLATE "C" NOT NULL,
  record text NOT NULL,
  detected_at text NOT NULL
);
CREATE INDEX IF NOT EXISTS monitor_violations_incident ON monitor_violations (incident_id);
CREATE INDEX IF NOT EXISTS monitor_violations_agreement ON monitor_violations (agreement_id, date_start DESC, id);
CREATE TABLE IF NOT EXISTS monitor_violation_parties (
  violation_id text COLLATE "C" NOT NULL REFERENCES monitor_violations(id) ON DELETE CASCADE,
  party text COLLATE "C" NOT NULL,
  PRIMARY KEY (violation_id, party)
);
CREATE INDEX IF NOT EXISTS monitor_violation_parties_party ON monitor_violation_parties (party);
`;

/** Any fixed number: serialises concurrent first-time migrations of the monitor tables. */
const MIGRATE_LOCK = 0x4d4f4e31;

/**
 * Violations in the store's PostgreSQL database and schema (its own pool, the same URL and
 * search_path). Each sync runs in one transaction with the incident's rows locked, so two
 * workers re-checking one incident end with one consistent set.
 */
export class PgViolationStore implements ViolationStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool, private readonly now: () => Date) {}

  static open(options: { url: string; schema?: string; poolSize?: number; now?: () => Date }): PgViolationStore {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`PostgreSQL schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 4, options: `-c search_path=${schema},public` });
    pool.on('error', () => undefined);
    return new PgViolationStore(pool, options.now ?? (() => new Date()));
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      await c.query(SCHEMA);
    });
  }

  async syncIncident(incidentId: string, violations: readonly Violation[], scope: ViolationScope = {}): Promise<SyncResult> {
    for (const v of violations) {
      if (v.incident_id !== incidentId) throw new Error(`violation ${v.id} belongs to incident ${v.incident_id}, not ${incidentId}`);
    }
    const inScope = scopeTest(scope);
    return this.tx(async (c) => {
      // One incident at a time: the advisory lock makes concurrent syncs of it take turns.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`monitor:${incidentId}`]);
      const existing = new Map<string, string>();
      const rows = await c.query<{ id: string; record: string; agreement_id: string }>('SELECT id, record, agreement_id FROM monitor_violations WHERE incident_id = $1', [incidentId]);
      for (const r of rows.rows) if (inScope(r.agreement_id)) existing.set(r.id, r.record);
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const now = this.now().toISOString();
      const seen = new Set<string>();
      for (const v of violations) {
        if (!inScope(v.agreement_id)) continue;
        seen.add(v.id);
        const record = violationRecord(v);
        const old = existing.get(v.id);
        if (old === record) continue;
        if (old === undefined) {
          await c.query(
            'INSERT INTO monitor_violations (id, agreement_id, rule_id, incident_id, date_start, date_end, record, detected_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [v.id, v.agreement_id, v.rule_id, v.incident_id, v.date.start, v.date.end, record, now],
          );
          result.added++;
        } else {
          await c.query('UPDATE monitor_violations SET agreement_id = $1, rule_id = $2, date_start = $3, date_end = $4, record = $5 WHERE id = $6',
            [v.agreement_id, v.rule_id, v.date.start, v.date.end, record, v.id]);
          await c.query('DELETE FROM monitor_violation_parties WHERE violation_id = $1', [v.id]);
          result.updated++;
        }
        const parties = partyKeys(v);
        if (parties.length > 0) {
          await c.query('INSERT INTO monitor_violation_parties (violation_id, party) SELECT $1, unnest($2::text[])', [v.id, parties]);
        }
      }
      const gone = [...existing.keys()].filter((id) => !seen.has(id));
      if (gone.length > 0) {
        await c.query('DELETE FROM monitor_violations WHERE id = ANY($1::text[])', [gone]);
        result.removed = gone.length;
      }
      return result;
    });
  }

  async retain(keep: ReadonlySet<string>, scope: ViolationScope & { dropOtherAgreements?: boolean } = {}): Promise<number> {
    const inScope = scopeTest(scope);
    return this.tx(async (c) => {
      const rows = await c.query<{ id: string; incident_id: string; agreement_id: string }>('SELECT id, incident_id, agreement_id FROM monitor_violations');
      const drop = rows.rows
        .filter((r) => (inScope(r.agreement_id) ? !keep.has(r.incident_id) : scope.dropOtherAgreements === true))
        .map((r) => r.id);
      if (drop.length > 0) await c.query('DELETE FROM monitor_violations WHERE id = ANY($1::text[])', [drop]);
      return drop.length;
    });
  }

  async incidentIds(scope: ViolationScope = {}): Promise<Set<string>> {
    const inScope = scopeTest(scope);
    const r = await this.pool.query<{ incident_id: string; agreement_id: string }>('SELECT DISTINCT incident_id, agreement_id FROM monitor_violations');
    return new Set(r.rows.filter((x) => inScope(x.agreement_id)).map((x) => x.incident_id));
  }

  async list(filter: ViolationFilter = {}): Promise<StoredViolation[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.agreement) add('v.agreement_id = ?', filter.agreement);
    if (filter.rule) add('v.rule_id = ?', filter.rule);
    if (filter.incident) add('v.incident_id = ?', filter.incident);
    if (filter.from) add('v.date_end >= ?', filter.from);
    if (filter.to) add('v.date_start <= ?', filter.to);
    if (filter.party) add('EXISTS (SELECT 1 FROM monitor_violation_parties p WHERE p.violation_id = v.id AND p.party = ?)', filter.party);
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
    const sql = `SELECT v.id, v.record, v.detected_at FROM monitor_violations v${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY v.date_start DESC, v.id${limit}`;
    const r = await this.pool.query<{ id: string; record: string; detected_at: string }>(sql, params);
    return r.rows.map(fromRow);
  }

  async summary(filter: ViolationFilter = {}): Promise<ViolationSummary> {
    return summarise(await this.list({ ...filter, limit: undefined }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
