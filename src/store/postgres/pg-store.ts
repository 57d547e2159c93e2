import pg from 'pg';
import type { DocumentRecord } from '../../model/document.js';
import type { MarsadEvent } from '../../model/event.js';
import { StoreInputError, StoreStateError, redactUrl } from '../errors.js';
import {
  decodeCursor, pageLimit, resolveEventFilter, resolveIncidentFilter, toPage,
} from '../filter.js';
import {
  documentRow, eventRow, incidentFromRow, incidentRow, parseDocument, parseEvent,
} from '../rows.js';
import { NO_DATE } from '../rows.js';
import { queryTerms } from '../search/analyse.js';
import type { EventStore } from '../store.js';
import type {
  DocumentSummary, EventFilter, FingerprintCandidate, Incident, IncidentFilter, IncidentInput, IncidentMember, Page,
  PageRequest, PutResult, StoreCounts, StoredDocument, StoredEvent,
} from '../types.js';
import { checkCrowded, checkDocument, checkFingerprint, checkIncident, checkKeyList } from '../validate.js';
import { eventWhere, incidentWhere, tsQuery } from './query.js';
import { checkSchemaName, migrate, type PostgisMode } from './schema.js';
import { storedIncidentKeys } from '../incident-keys.js';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Schema holding the tables (created if missing); default "public". */
  schema?: string;
  /** Pool size; default 10. */
  poolSize?: number;
  /** Use PostGIS for bounding boxes: 'auto' (default) when the server has it, true to require it. */
  postgis?: PostgisMode;
  now?: () => Date;
}

type Queryable = pg.Pool | pg.PoolClient;

interface Shared {
  pool: pg.Pool;
  url: string;
  schema: string;
  postgisMode: PostgisMode;
  /** Known after migrate(): the geom columns exist. */
  postgis: boolean;
  now: () => Date;
}

interface EventPgRow {
  id: string; date_start: string; record: string; source: string | null; url: string | null; published: string | null;
  duplicate_of: string | null; stored_at: Date;
}
interface DocPgRow { id: string; sort_date: string; record: string; text: string; duplicate_of: string | null; similarity: number | null; stored_at: Date }
interface IncidentPgRow { id: string; date_start: string; record: string; created_at: Date; updated_at: Date }
interface MemberPgRow { incident_id: string; event_id: string; doc_id: string; source: string | null }

function pgError(err: unknown): (Error & { code?: string; constraint?: string; detail?: string }) | null {
  return err instanceof Error && 'code' in err ? (err as Error & { code?: string }) : null;
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
/** Key locks per transaction at most (see lockKeys). */
export const MAX_KEY_LOCKS = 384;

function summary(r: DocPgRow): DocumentSummary {
  return { doc: parseDocument(r.record), duplicate_of: r.duplicate_of, similarity: r.similarity, stored_at: r.stored_at.toISOString() };
}

function storedEvent(r: EventPgRow): StoredEvent {
  return {
    event: parseEvent(r.record), source: r.source, url: r.url, published: r.published, duplicate_of: r.duplicate_of,
    stored_at: r.stored_at.toISOString(),
  };
}

const EVENT_SELECT = `SELECT e.id, e.date_start, e.record::text AS record, e.source, d.url, d.published, d.duplicate_of,
  d.stored_at
  FROM events e JOIN documents d ON d.id = e.doc_id`;
const DOC_SELECT = 'SELECT id, sort_date, record::text AS record, duplicate_of, similarity, stored_at';
const INCIDENT_SELECT = 'SELECT i.id, i.date_start, i.record::text AS record, i.created_at, i.updated_at FROM incidents i';

/**
 * The team store: PostgreSQL through a `pg` Pool. Each write that touches several rows runs in
 * its own transaction on one pooled connection (a savepoint inside transaction()).
 */
export class PgStore implements EventStore {
  readonly kind = 'postgres' as const;
  private savepoints = 0;
  /** Savepoint nesting of this transaction view, and the level the incident lock was taken at. */
  private level = 0;
  private lockedAt: number | null = null;
  /** The level lockKeys() first ran at: from then on this transaction works under key locks. */
  private keyedAt: number | null = null;

  /** `client` set: this is the view handed to a transaction body, bound to its connection. */
  private constructor(private readonly shared: Shared, private readonly client: pg.PoolClient | null) {}

  static open(options: PgStoreOptions): PgStore {
    const schema = checkSchemaName(options.schema ?? 'public');
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: `-c search_path=${schema},public`,
    });
    // An idle connection dropped by the server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return new PgStore({
      pool, url: options.url, schema, postgisMode: options.postgis ?? 'auto', postgis: false,
      now: options.now ?? (() => new Date()),
    }, null);
  }

  /** Whether bounding boxes go through PostGIS (after migrate). */
  get usesPostgis(): boolean {
    return this.shared.postgis;
  }

  private get db(): Queryable {
    return this.client ?? this.shared.pool;
  }

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.db.query<R>(sql, params)).rows;
  }

  /** Run several statements atomically: own transaction, or a savepoint inside transaction(). */
  private async atomic<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.client !== null) {
      const c = this.client;
      const name = `sp_${++this.savepoints}`;
      const level = ++this.level;
      await c.query(`SAVEPOINT ${name}`);
      try {
        const r = await fn(c);
        await c.query(`RELEASE ${name}`);
        return r;
      } catch (err) {
        // A lock taken inside the savepoint goes with it.
        if (this.lockedAt !== null && this.lockedAt >= level) this.lockedAt = null;
        if (this.keyedAt !== null && this.keyedAt >= level) this.keyedAt = null;
        await c.query(`ROLLBACK TO ${name}`);
        await c.query(`RELEASE ${name}`);
        throw err;
      } finally {
        this.level--;
      }
    }
    const c = await this.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      try {
        const r = await fn(c);
        await c.query('COMMIT');
        return r;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: Error) => { broken = e; });
        throw err;
      }
    } finally {
      c.release(broken);
    }
  }

  /** The schema-wide incident lock's name; key locks are hashed with the schema too. */
  private get lockName(): string {
    return `marsad-incidents:${this.shared.schema}`;
  }

  /**
   * The incident lock: the read-decide-write of near-copies and incidents (which stored
   * incidents may this event join? which original is this a copy of?) is only right when no
   * other process changes them in between. Two ways to get that:
   *
   * - key locks (lockKeys, what ingest and the queue's workers use): a transaction locks the
   *   band and blocking keys its document can touch, and takes this schema-wide lock SHARED, so
   *   documents about different places and texts go through in parallel;
   * - this schema-wide lock EXCLUSIVE (every other writer of incidents, fingerprints and
   *   duplicate links — reprocess, the review service, direct calls — and every lookup made
   *   inside a transaction without key locks): it waits for all key-locked transactions and
   *   keeps them out until it commits (a readers/writers scheme).
   *
   * `keyed` names the operations the key locks cover: under them they take nothing more.
   * Held until the transaction ends; taken once per transaction.
   */
  private async lockIncidents(c: pg.PoolClient, keyed = false): Promise<void> {
    if (this.client !== null && this.lockedAt !== null) return;
    if (keyed && this.client !== null && this.keyedAt !== null) return;
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockName]);
    if (this.client !== null) this.lockedAt = this.level;
  }

  /**
   * Key locks for one document's store step (see lockIncidents): the schema-wide lock in shared
   * mode, then one transaction-level advisory lock per key, all in one statement and in hash
   * order so that two transactions never wait for each other crosswise on these. The caller
   * names every key its writes may touch: its document's LSH bands ("b:…") and the candidate
   * keys of its events ("k:…", src/incidents/candidate-keys.ts). Why that suffices: a new
   * incident is filed under keys within its events' candidate keys; an incident an event can
   * join shares a key with it; an updated incident's new keys lie within its old ones and the
   * joining event's candidate keys. Two transactions reaching one incident through different
   * keys take turns at its row (findIncidentsByKeys locks the rows it returns).
   */
  async lockKeys(keys: readonly string[]): Promise<void> {
    if (this.client === null) throw new StoreInputError('lockKeys() needs a transaction');
    checkKeyList('lockKeys', 'keys', keys);
    // The server's lock table is shared and small (max_locks_per_transaction × connections): a
    // transaction with very many keys takes the schema-wide lock exclusively instead, which
    // covers everything it may touch.
    if (keys.length > MAX_KEY_LOCKS) {
      await this.lockIncidents(this.client);
      return;
    }
    await this.client.query(`SELECT CASE WHEN s.ord = 0 THEN pg_advisory_xact_lock_shared(s.h) ELSE pg_advisory_xact_lock(s.h) END
      FROM (SELECT 0 AS ord, hashtext($2)::bigint AS h
        UNION ALL SELECT DISTINCT 1, hashtextextended($3 || k, 0) FROM unnest($1::text[]) AS k
        ORDER BY 1, 2) s`, [[...keys], this.lockName, `${this.lockName}:`]);
    this.keyedAt ??= this.level;
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      const c = await this.shared.pool.connect();
      // A server shutting down sends an error to checked-out connections too; without a listener
      // it would crash the process. The query in flight fails with it, which is how callers learn.
      if (c.listenerCount('error') === 0) c.on('error', () => undefined);
      return c;
    } catch (err) {
      throw new StoreStateError(`cannot connect to PostgreSQL at ${redactUrl(this.shared.url)}: ${(err as Error).message}`);
    }
  }

  async migrate(): Promise<void> {
    if (this.client !== null) throw new StoreInputError('migrate() cannot run inside a transaction');
    try {
      this.shared.postgis = await migrate(this.shared.pool, this.shared.schema, this.shared.postgisMode);
    } catch (err) {
      if (err instanceof StoreStateError) throw err;
      throw new StoreStateError(`PostgreSQL store at ${redactUrl(this.shared.url)} (schema ${this.shared.schema}): ${(err as Error).message}`);
    }
  }

  async putDocument(doc: DocumentRecord, text: string, events: readonly MarsadEvent[]): Promise<PutResult> {
    checkDocument(doc, text, events);
    const d = documentRow(doc, text);
    const rows = events.map((e) => eventRow(e, doc.source));
    return this.atomic(async (c) => {
      const ins = await c.query(`INSERT INTO documents (id, source, url, title, published, language, sort_date, record,
          text, terms, stored_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, array_to_tsvector($10::text[]), $11)
        ON CONFLICT (id) DO NOTHING`,
      [d.id, d.source, d.url, d.title, d.published, d.language, d.sort_date, d.record, d.text, d.terms, this.shared.now()]);
      if (ins.rowCount === 0) return { added: false, events: 0 };
      if (rows.length === 0) return { added: true, events: 0 };
      await this.insertEvents(c, doc.id, rows);
      return { added: true, events: rows.length };
    });
  }

  private async insertEvents(c: pg.PoolClient, docId: string, rows: readonly ReturnType<typeof eventRow>[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await c.query(`INSERT INTO events (id, doc_id, event_type, sub_event_type, actor1_id, actor2_id, date_start,
          date_end, lat, lon, admin1, admin2, source, record, terms)
        SELECT id, doc_id, event_type, sub_event_type, actor1_id, actor2_id, date_start, date_end, lat, lon, admin1,
          admin2, source, record::json, array_to_tsvector(string_to_array(terms, ' '))
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
          $9::float8[], $10::float8[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
          AS t(id, doc_id, event_type, sub_event_type, actor1_id, actor2_id, date_start, date_end, lat, lon, admin1,
            admin2, source, record, terms)`, [
        rows.map((r) => r.id), rows.map((r) => r.doc_id), rows.map((r) => r.event_type),
        rows.map((r) => r.sub_event_type), rows.map((r) => r.actor1_id), rows.map((r) => r.actor2_id),
        rows.map((r) => r.date_start), rows.map((r) => r.date_end), rows.map((r) => r.lat), rows.map((r) => r.lon),
        rows.map((r) => r.admin1), rows.map((r) => r.admin2), rows.map((r) => r.source), rows.map((r) => r.record),
        rows.map((r) => r.terms.join(' ')),
      ]);
    } catch (err) {
      const e = pgError(err);
      if (e?.code === UNIQUE_VIOLATION && e.constraint === 'events_pkey') {
        const id = /\(id\)=\((.*)\)/.exec(e.detail ?? '')?.[1] ?? '?';
        throw new StoreInputError(`document ${docId}: event ${id} is already stored (from another document)`);
      }
      throw err;
    }
  }

  /** Stored document ids in id order after `after` (for `marsad reprocess`), dates on sort_date (publication). */
  async listDocumentIds(q: { after: string | null; limit: number; from?: string; to?: string; sources?: readonly string[] }): Promise<string[]> {
    const params: unknown[] = [q.limit];
    const cond: string[] = [];
    if (q.after !== null) cond.push(`id > $${params.push(q.after)}`);
    if (q.from !== undefined) cond.push(`sort_date >= $${params.push(q.from)}`);
    if (q.to !== undefined) cond.push(`sort_date <= $${params.push(q.to)} AND sort_date <> $${params.push(NO_DATE)}`);
    if (q.sources !== undefined && q.sources.length > 0) cond.push(`source = ANY($${params.push(q.sources)}::text[])`);
    const rows = await this.rows<{ id: string }>(`SELECT id FROM documents ${cond.length > 0 ? `WHERE ${cond.join(' AND ')}` : ''}
      ORDER BY id LIMIT $1`, params);
    return rows.map((r) => r.id);
  }

  /**
   * Replace a stored document's record and events with a new extraction of the same text
   * (`marsad reprocess`). Its old events must have been taken out of their incidents first.
   */
  async replaceDocumentEvents(doc: DocumentRecord, events: readonly MarsadEvent[]): Promise<{ removed: number }> {
    const stored = await this.getDocument(doc.id);
    if (stored === null) throw new StoreInputError(`replaceDocumentEvents: document ${doc.id} is not stored`);
    checkDocument(doc, stored.text, events);
    const d = documentRow(doc, stored.text);
    const rows = events.map((e) => eventRow(e, doc.source));
    return this.atomic(async (c) => {
      await this.lockIncidents(c);
      const owned = await c.query<{ event_id: string; incident_id: string }>(`SELECT m.event_id, m.incident_id FROM incident_members m
        JOIN events e ON e.id = m.event_id WHERE e.doc_id = $1 LIMIT 1`, [doc.id]);
      const o = owned.rows[0];
      if (o) throw new StoreInputError(`replaceDocumentEvents ${doc.id}: event ${o.event_id} is still in incident ${o.incident_id}`);
      const del = await c.query('DELETE FROM events WHERE doc_id = $1', [doc.id]);
      await c.query(`UPDATE documents SET title = $2, published = $3, language = $4, sort_date = $5, record = $6::json,
        terms = array_to_tsvector($7::text[]) WHERE id = $1`, [d.id, d.title, d.published, d.language, d.sort_date, d.record, d.terms]);
      await this.insertEvents(c, doc.id, rows);
      return { removed: del.rowCount ?? 0 };
    });
  }

  /** Take the incident lock now (inside a transaction; see lockIncidents). */
  async lockIncidentsNow(): Promise<void> {
    if (this.client === null) throw new StoreInputError('lockIncidentsNow() needs a transaction');
    await this.lockIncidents(this.client);
  }

  private async ensureCheckpoints(): Promise<void> {
    await this.db.query(`CREATE TABLE IF NOT EXISTS reprocess_checkpoints (run text PRIMARY KEY, last_doc_id text COLLATE "C",
      done integer NOT NULL, params json NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  /** Where an interrupted `marsad reprocess` run stopped (null: not started, or finished). */
  async getCheckpoint(run: string): Promise<{ last: string | null; done: number } | null> {
    await this.ensureCheckpoints();
    const [row] = await this.rows<{ last_doc_id: string | null; done: number }>(
      'SELECT last_doc_id, done FROM reprocess_checkpoints WHERE run = $1', [run]);
    return row ? { last: row.last_doc_id, done: row.done } : null;
  }

  /** Record progress; call inside the batch's transaction so the checkpoint commits with the batch. */
  async putCheckpoint(run: string, last: string | null, done: number, params: unknown): Promise<void> {
    await this.ensureCheckpoints();
    await this.db.query(`INSERT INTO reprocess_checkpoints (run, last_doc_id, done, params, updated_at) VALUES ($1, $2, $3, $4::json, now())
      ON CONFLICT (run) DO UPDATE SET last_doc_id = $2, done = $3, updated_at = now()`, [run, last, done, JSON.stringify(params)]);
  }

  async deleteCheckpoint(run: string): Promise<void> {
    await this.ensureCheckpoints();
    await this.db.query('DELETE FROM reprocess_checkpoints WHERE run = $1', [run]);
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const [row] = await this.rows<DocPgRow>(`${DOC_SELECT}, text FROM documents WHERE id = $1`, [id]);
    return row ? { ...summary(row), text: row.text } : null;
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.rows('SELECT 1 FROM documents WHERE id = $1', [id])).length > 0;
  }

  async searchDocuments(text: string, page?: PageRequest): Promise<Page<DocumentSummary>> {
    const terms = queryTerms(text);
    if (terms.length === 0) throw new StoreInputError(`search text ${JSON.stringify(text)} has no searchable words`);
    const limit = pageLimit(page);
    const cursor = decodeCursor(page?.cursor);
    const params: unknown[] = [tsQuery(terms), limit + 1];
    let cond = '';
    if (cursor) {
      cond = 'AND (sort_date < $3 OR (sort_date = $3 AND id > $4))';
      params.push(cursor.date, cursor.id);
    }
    const rows = await this.rows<DocPgRow>(`${DOC_SELECT} FROM documents WHERE terms @@ $1::tsquery ${cond}
      ORDER BY sort_date DESC, id LIMIT $2`, params);
    return toPage(rows, limit, (r) => ({ date: r.sort_date, id: r.id }), summary);
  }

  async linkDuplicate(docId: string, ofDocId: string, similarity: number): Promise<void> {
    if (!Number.isFinite(similarity) || similarity < 0 || similarity > 1) {
      throw new StoreInputError(`linkDuplicate ${docId}: similarity must be in [0, 1], got ${String(similarity)}`);
    }
    await this.atomic(async (c) => {
      await this.lockIncidents(c, true);
      const found = await c.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[]) FOR UPDATE', [[docId, ofDocId]]);
      for (const id of [docId, ofDocId]) {
        if (!found.rows.some((r) => r.id === id)) throw new StoreInputError(`linkDuplicate: document ${id} is not stored`);
      }
      let root = ofDocId;
      for (let guard = 0; ; guard++) {
        if (guard > 1000) throw new StoreInputError(`linkDuplicate: duplicate links from ${ofDocId} do not end`);
        const r = await c.query<{ duplicate_of: string | null }>('SELECT duplicate_of FROM documents WHERE id = $1', [root]);
        const next = r.rows[0]?.duplicate_of ?? null;
        if (next === null) break;
        root = next;
      }
      if (root === docId) throw new StoreInputError(`linkDuplicate: ${docId} cannot be a duplicate of its own copy ${ofDocId}`);
      await c.query('UPDATE documents SET duplicate_of = $1, similarity = $2 WHERE id = $3', [root, similarity, docId]);
      // Copies of docId now point at the first copy too, so links never chain.
      await c.query('UPDATE documents SET duplicate_of = $1 WHERE duplicate_of = $2', [root, docId]);
    });
  }

  async putFingerprint(docId: string, fingerprint: string, bands: readonly string[]): Promise<void> {
    checkFingerprint(docId, fingerprint, bands);
    await this.atomic(async (c) => {
      await this.lockIncidents(c, true);
      // Its bands go with it (ON DELETE CASCADE); a new seq files it as of now, as in SQLite.
      await c.query('DELETE FROM document_fingerprints WHERE doc_id = $1', [docId]);
      let seq: string;
      try {
        // An unknown document fails on the foreign key: no separate look-up.
        const { rows } = await c.query<{ seq: string }>(
          'INSERT INTO document_fingerprints (doc_id, fingerprint) VALUES ($1, $2) RETURNING seq', [docId, fingerprint]);
        seq = rows[0]!.seq;
      } catch (err) {
        if (pgError(err)?.code === FOREIGN_KEY_VIOLATION) throw new StoreInputError(`putFingerprint: document ${docId} is not stored`);
        throw err;
      }
      if (bands.length > 0) {
        await c.query(`INSERT INTO document_bands (band, seq) SELECT DISTINCT b, $2::bigint FROM unnest($1::text[]) AS b
          ON CONFLICT DO NOTHING`, [bands, seq]);
      }
    });
  }

  async findNearCandidates(bands: readonly string[], crowded: number): Promise<FingerprintCandidate[]> {
    checkKeyList('findNearCandidates', 'bands', bands);
    checkCrowded(crowded);
    if (bands.length === 0) return [];
    if (this.client !== null) await this.lockIncidents(this.client, true);
    // Per band at most crowded+1 rows are read: a crowded band is recognised without counting it whole.
    return this.rows<FingerprintCandidate>(`SELECT f.doc_id, f.fingerprint FROM document_fingerprints f
      WHERE f.seq IN (
        SELECT s.seq FROM (SELECT DISTINCT b FROM unnest($1::text[]) AS b) q
        CROSS JOIN LATERAL (SELECT array_agg(x.seq) AS seqs FROM (
          SELECT seq FROM document_bands WHERE band = q.b LIMIT $2::int + 1) x) l
        CROSS JOIN LATERAL unnest(l.seqs) AS s(seq)
        WHERE cardinality(l.seqs) <= $2::int)
      ORDER BY f.seq`, [bands, crowded]);
  }

  async listEvents(filter?: EventFilter, page?: PageRequest): Promise<Page<StoredEvent>> {
    const f = resolveEventFilter(filter);
    const limit = pageLimit(page);
    const w = eventWhere(f, decodeCursor(page?.cursor), this.shared.postgis);
    const rows = await this.rows<EventPgRow>(`${EVENT_SELECT} ${w.sql}
      ORDER BY e.date_start DESC, e.id LIMIT ${w.p(limit + 1)}`, w.params);
    return toPage(rows, limit, (r) => ({ date: r.date_start, id: r.id }), storedEvent);
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const [row] = await this.rows<EventPgRow>(`${EVENT_SELECT} WHERE e.id = $1`, [id]);
    return row ? storedEvent(row) : null;
  }

  async putIncident(inc: IncidentInput): Promise<Incident> {
    checkIncident(inc);
    const r = incidentRow(inc);
    return this.atomic(async (c) => {
      await this.lockIncidents(c, true);
      const now = this.shared.now();
      let row: { created_at: Date; updated_at: Date } | undefined;
      try {
        const ins = await c.query<{ created_at: Date; updated_at: Date }>(`INSERT INTO incidents (id, event_type,
          sub_event_type, grade, date_start, date_end, lat, lon, admin1, admin2, record, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12, $12) RETURNING created_at, updated_at`,
        [r.id, r.event_type, r.sub_event_type, r.grade, r.date_start, r.date_end, r.lat, r.lon, r.admin1, r.admin2, r.record, now]);
        row = ins.rows[0]!;
      } catch (err) {
        if (pgError(err)?.code === UNIQUE_VIOLATION) throw new StoreInputError(`incident ${inc.id} already exists (use updateIncident)`);
        throw err;
      }
      const members = await this.writeIncidentParts(c, inc, false);
      return incidentFromRow(r.record, members, row.created_at.toISOString(), row.updated_at.toISOString());
    });
  }

  async updateIncident(inc: IncidentInput): Promise<Incident> {
    checkIncident(inc);
    const r = incidentRow(inc);
    return this.atomic(async (c) => {
      await this.lockIncidents(c, true);
      const upd = await c.query<{ created_at: Date; updated_at: Date }>(`UPDATE incidents SET event_type = $2,
        sub_event_type = $3, grade = $4, date_start = $5, date_end = $6, lat = $7, lon = $8, admin1 = $9, admin2 = $10,
        record = $11::json, updated_at = $12 WHERE id = $1 RETURNING created_at, updated_at`,
      [r.id, r.event_type, r.sub_event_type, r.grade, r.date_start, r.date_end, r.lat, r.lon, r.admin1, r.admin2, r.record,
        this.shared.now()]);
      const row = upd.rows[0];
      if (row === undefined) throw new StoreInputError(`incident ${inc.id} does not exist (use putIncident)`);
      const members = await this.writeIncidentParts(c, inc, true);
      return incidentFromRow(r.record, members, row.created_at.toISOString(), row.updated_at.toISOString());
    });
  }

  async deleteIncident(id: string): Promise<boolean> {
    // Members and actors go with it (ON DELETE CASCADE).
    return this.atomic(async (c) => {
      await this.lockIncidents(c);
      const r = await c.query('DELETE FROM incidents WHERE id = $1', [id]);
      return (r.rowCount ?? 0) > 0;
    });
  }

  /**
   * Members, actors and keys of an incident just inserted or updated, written as differences
   * (an update mostly appends a member and leaves the rest as it was): one query checks every
   * member event (stored? in another incident? where in this one?) and tells its document, one
   * statement writes what changed. Returns the members as the store reads them back.
   */
  private async writeIncidentParts(c: pg.PoolClient, inc: IncidentInput, existing: boolean): Promise<IncidentMember[]> {
    const ids = inc.members.map((m) => m.event_id);
    const { rows: found } = await c.query<{
      id: string; doc_id: string | null; source: string | null; owner: string | null; pos: number | null; held: number;
    }>(`SELECT t.id, e.doc_id, e.source, o.incident_id AS owner, m.position AS pos,
        (SELECT count(*) FROM incident_members WHERE incident_id = $2)::int AS held
      FROM unnest($1::text[]) WITH ORDINALITY AS t(id, ord)
      LEFT JOIN events e ON e.id = t.id
      LEFT JOIN incident_members o ON o.event_id = t.id AND o.incident_id <> $2
      LEFT JOIN incident_members m ON m.event_id = t.id AND m.incident_id = $2
      ORDER BY t.ord`, [ids, inc.id]);
    const missing = found.find((f) => f.doc_id === null);
    if (missing !== undefined) throw new StoreInputError(`incident ${inc.id}: member event ${missing.id} is not in the store`);
    const other = found.find((f) => f.owner !== null);
    if (other !== undefined) throw new StoreInputError(`incident ${inc.id}: event ${other.id} already belongs to incident ${other.owner!}`);
    const held = found[0]?.held ?? 0;
    // Every member already in place keeps its position and none leaves: only the new ones go in.
    const kept = found.filter((f) => f.pos !== null);
    const appendOnly = kept.length === held && found.every((f, i) => f.pos === null || f.pos === i);
    // Members to insert: all (new incident, or members moved or gone: cleared first), or the
    // new ones at their places.
    let add: { id: string; pos: number }[];
    if (!existing || appendOnly) {
      add = found.flatMap((f, i) => (f.pos === null ? [{ id: f.id, pos: i }] : []));
    } else {
      await c.query('DELETE FROM incident_members WHERE incident_id = $1', [inc.id]);
      add = found.map((f, i) => ({ id: f.id, pos: i }));
    }
    // Members, actors and keys in one statement (different tables, so the parts cannot meet):
    // actors and keys no longer named go, new ones come.
    try {
      await c.query(`WITH mem AS (INSERT INTO incident_members (incident_id, event_id, position)
          SELECT $1, event_id, pos FROM unnest($2::text[], $3::int[]) AS t(event_id, pos)),
        actors_gone AS (DELETE FROM incident_actors WHERE $6 AND incident_id = $1 AND actor_id <> ALL($4::text[])),
        actors_new AS (INSERT INTO incident_actors (incident_id, actor_id) SELECT $1, a FROM unnest($4::text[]) AS a
          ON CONFLICT DO NOTHING),
        keys_gone AS (DELETE FROM incident_keys WHERE $6 AND incident_id = $1 AND key <> ALL($5::text[]))
        INSERT INTO incident_keys (key, incident_id) SELECT k, $1 FROM unnest($5::text[]) AS k ON CONFLICT DO NOTHING`,
      [inc.id, add.map((a) => a.id), add.map((a) => a.pos), inc.actor_ids, storedIncidentKeys(inc), existing]);
    } catch (err) {
      if (pgError(err)?.code === UNIQUE_VIOLATION) {
        throw new StoreInputError(`incident ${inc.id}: a member event was just put in another incident`);
      }
      throw err;
    }
    return found.map((f) => ({ event_id: f.id, doc_id: f.doc_id!, source: f.source }));
  }

  private async incidentOn(db: Queryable, id: string): Promise<Incident | null> {
    const { rows } = await db.query<IncidentPgRow>(`${INCIDENT_SELECT} WHERE i.id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    const members = await this.members(db, [id]);
    return incidentFromRow(row.record, members.get(id) ?? [], row.created_at.toISOString(), row.updated_at.toISOString());
  }

  getIncident(id: string): Promise<Incident | null> {
    return this.incidentOn(this.db, id);
  }

  async listIncidents(filter?: IncidentFilter, page?: PageRequest): Promise<Page<Incident>> {
    const f = resolveIncidentFilter(filter);
    const limit = pageLimit(page);
    const w = incidentWhere(f, decodeCursor(page?.cursor), this.shared.postgis);
    const rows = await this.rows<IncidentPgRow>(`${INCIDENT_SELECT} ${w.sql}
      ORDER BY i.date_start DESC, i.id LIMIT ${w.p(limit + 1)}`, w.params);
    const members = await this.members(this.db, rows.slice(0, limit).map((r) => r.id));
    return toPage(rows, limit, (r) => ({ date: r.date_start, id: r.id }),
      (r) => incidentFromRow(r.record, members.get(r.id) ?? [], r.created_at.toISOString(), r.updated_at.toISOString()));
  }

  async findIncidentsByKeys(keys: readonly string[]): Promise<Incident[]> {
    checkKeyList('findIncidentsByKeys', 'keys', keys);
    if (keys.length === 0) return [];
    if (this.client !== null) await this.lockIncidents(this.client, true);
    // In a transaction the rows are locked (in id order): two transactions reaching one incident
    // through different keys take turns, and the second reads it, and below its members (a new
    // statement, a new snapshot), as the first committed it.
    const rows = await this.rows<IncidentPgRow>(`${INCIDENT_SELECT}
      WHERE i.id IN (SELECT incident_id FROM incident_keys WHERE key = ANY($1::text[])) ORDER BY i.id
      ${this.client !== null ? 'FOR UPDATE OF i' : ''}`, [[...new Set(keys)]]);
    const members = await this.members(this.db, rows.map((r) => r.id));
    return rows.map((r) => incidentFromRow(r.record, members.get(r.id) ?? [], r.created_at.toISOString(), r.updated_at.toISOString()));
  }

  private async members(db: Queryable, ids: readonly string[]): Promise<Map<string, IncidentMember[]>> {
    const out = new Map<string, IncidentMember[]>();
    if (ids.length === 0) return out;
    const { rows } = await db.query<MemberPgRow>(`SELECT m.incident_id, m.event_id, e.doc_id, e.source
      FROM incident_members m JOIN events e ON e.id = m.event_id WHERE m.incident_id = ANY($1::text[])
      ORDER BY m.incident_id, m.position`, [ids]);
    for (const r of rows) {
      let list = out.get(r.incident_id);
      if (!list) out.set(r.incident_id, (list = []));
      list.push({ event_id: r.event_id, doc_id: r.doc_id, source: r.source });
    }
    return out;
  }

  async counts(): Promise<StoreCounts> {
    const [row] = await this.rows<StoreCounts>(`SELECT (SELECT count(*) FROM documents)::int AS documents,
      (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM incidents)::int AS incidents,
      (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL)::int AS duplicates`);
    return row!;
  }

  async transaction<T>(fn: (tx: EventStore) => Promise<T>): Promise<T> {
    if (this.client !== null) return this.atomic(() => fn(this));
    const c = await this.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      try {
        const r = await fn(new PgStore(this.shared, c));
        await c.query('COMMIT');
        return r;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: Error) => { broken = e; });
        throw err;
      }
    } finally {
      c.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.client !== null) throw new StoreInputError('close() called inside a transaction');
    if (!this.shared.pool.ended) await this.shared.pool.end();
  }
}
