import pg from 'pg';
import { itemColumns, resolveList, type CoordinationBackend } from './backend.js';
import { CoordinationError, CoordinationStorageError } from './errors.js';
import { checkPgSchema, migrateCoordPg } from './pg-schema.js';
import type { Transition } from './state-machine.js';
import type { CoordItem, CoordStep, ListFilter, PartyId } from './types.js';

interface StepRow {
  item_id: string; seq: number; action: CoordStep['action']; party: string; user_name: string; at: string;
  text: string | null; shared_with: string[];
}

function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}

/** The log in the store's PostgreSQL database and schema, through its own small pool. */
export class PgCoordinationBackend implements CoordinationBackend {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool, private readonly url: string, private readonly schema: string) {}

  static open(url: string, schema = 'public', poolSize = 4): PgCoordinationBackend {
    const s = checkPgSchema(schema);
    const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${s},public` });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new PgCoordinationBackend(pool, url, s);
  }

  /** Database errors name the server (without its password); our own errors pass through. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof CoordinationError) throw err;
      throw new CoordinationStorageError(`coordination log on ${redact(this.url)} (schema ${this.schema}): ${(err as Error).message}`);
    }
  }

  async migrate(): Promise<void> {
    await this.guard(() => migrateCoordPg(this.pool, this.schema));
  }

  private async save(c: pg.PoolClient, t: Transition, isNew: boolean): Promise<void> {
    const col = itemColumns(t.item);
    if (isNew) {
      await c.query(`INSERT INTO coord_items (id, filed_by_party, status, incident_id, agreement_id, created_at, updated_at, record)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [t.item.id, t.item.filed_by.party, t.item.status, col.incident_id,
        t.item.agreement_id, t.item.created_at, t.item.updated_at, col.record]);
    } else {
      await c.query('UPDATE coord_items SET status = $1, updated_at = $2, record = $3 WHERE id = $4',
        [t.item.status, t.item.updated_at, col.record, t.item.id]);
    }
    for (const p of t.step.shared_with) {
      await c.query('INSERT INTO coord_shares (item_id, party) VALUES ($1, $2) ON CONFLICT DO NOTHING', [t.item.id, p]);
    }
    const s = t.step;
    await c.query(`INSERT INTO coord_steps (item_id, seq, action, party, user_name, at, text, shared_with)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [s.item_id, s.seq, s.action, s.party, s.user, s.at, s.text, JSON.stringify(s.shared_with)]);
  }

  private async inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        try {
          const r = await fn(c);
          await c.query('COMMIT');
          return r;
        } catch (err) {
          await c.query('ROLLBACK');
          throw err;
        }
      } finally {
        c.release();
      }
    });
  }

  async insert(t: Transition): Promise<void> {
    await this.inTransaction((c) => this.save(c, t, true));
  }

  async update(id: string, decide: (item: CoordItem | null, nextSeq: number) => Transition): Promise<Transition> {
    return this.inTransaction(async (c) => {
      // FOR UPDATE: a second officer acting on the same item waits and then sees this step.
      const r = await c.query<{ record: CoordItem }>('SELECT record FROM coord_items WHERE id = $1 FOR UPDATE', [id]);
      const item = r.rows[0]?.record ?? null;
      const last = await c.query<{ s: number | null }>('SELECT max(seq) AS s FROM coord_steps WHERE item_id = $1', [id]);
      const t = decide(item, (last.rows[0]?.s ?? 0) + 1);
      await this.save(c, t, false);
      return t;
    });
  }

  async get(id: string): Promise<CoordItem | null> {
    return this.guard(async () => {
      const r = await this.pool.query<{ record: CoordItem }>('SELECT record FROM coord_items WHERE id = $1', [id]);
      return r.rows[0]?.record ?? null;
    });
  }

  async steps(id: string): Promise<CoordStep[]> {
    return this.guard(async () => {
      const r = await this.pool.query<StepRow>('SELECT * FROM coord_steps WHERE item_id = $1 ORDER BY seq', [id]);
      return r.rows.map((x) => ({
        item_id: x.item_id, seq: x.seq, action: x.action, party: x.party, user: x.user_name, at: x.at, text: x.text,
        shared_with: x.shared_with,
      }));
    });
  }

  async list(party: PartyId, filter: ListFilter): Promise<CoordItem[]> {
    const q = resolveList(filter);
    const where: string[] = [];
    const params: unknown[] = [party];
    const shared = 'EXISTS (SELECT 1 FROM coord_shares s WHERE s.item_id = i.id AND s.party = $1)';
    if (q.scope === 'own') where.push('i.filed_by_party = $1');
    else if (q.scope === 'shared') where.push(shared);
    else where.push(`(i.filed_by_party = $1 OR ${shared})`);
    if (q.statuses.length > 0) { params.push(q.statuses); where.push(`i.status = ANY($${params.length}::text[])`); }
    if (q.incident_id !== null) { params.push(q.incident_id); where.push(`i.incident_id = $${params.length}`); }
    if (q.agreement_id !== null) { params.push(q.agreement_id); where.push(`i.agreement_id = $${params.length}`); }
    params.push(q.limit);
    return this.guard(async () => {
      const r = await this.pool.query<{ record: CoordItem }>(`SELECT i.record FROM coord_items i WHERE ${where.join(' AND ')}
        ORDER BY i.created_at DESC, i.id LIMIT $${params.length}`, params);
      return r.rows.map((x) => x.record);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
