import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { marsadHome } from '../../config/home.js';
import type { DocumentRecord } from '../../model/document.js';
import type { MarsadEvent } from '../../model/event.js';
import { StoreInputError } from '../errors.js';
import {
  decodeCursor, pageLimit, resolveEventFilter, resolveIncidentFilter, toPage, type CursorKey, type ResolvedFilter,
} from '../filter.js';
import { Gate } from '../gate.js';
import { storedIncidentKeys } from '../incident-keys.js';
import {
  NO_DATE, documentRow, eventRow, incidentFromRow, incidentRow, parseDocument, parseEvent,
} from '../rows.js';
import { queryTerms } from '../search/analyse.js';
import type { EventStore } from '../store.js';
import { checkCrowded, checkDocument, checkFingerprint, checkIncident, checkKeyList } from '../validate.js';
import type {
  DocumentSummary, EventFilter, FingerprintCandidate, Incident, IncidentFilter, IncidentInput, IncidentMember, Page,
  PageRequest, PutResult, StoreCounts, StoredDocument, StoredEvent,
} from '../types.js';
import {
  FTS_DRIVE_MAX, RTREE_DRIVE_MAX, eventWhere, ftsQuery, incidentWhere, rtreeBox, rtreeSearch, type Plan,
} from './query.js';
import { assertMarsadFile, migrate } from './schema.js';

export interface SqliteStoreOptions {
  /** Database file; default MARSAD_HOME/marsad.db. */
  path?: string;
  readonly?: boolean;
  /** Clock for stored_at / created_at (tests pin it). */
  now?: () => Date;
  /**
   * Index hits (R-tree, full text) above which a query walks the date index and checks rows
   * instead of driving from the hits; default 5000 (tests lower it to take the other path).
   */
  indexDriveMax?: number;
}

export function defaultSqlitePath(): string {
  return join(marsadHome(), 'marsad.db');
}

interface EventSqlRow {
  id: string; date_start: string; record: string; source: string | null; url: string | null; published: string | null;
  duplicate_of: string | null; stored_at: string;
}
const EVENT_SELECT = `SELECT e.id, e.date_start, e.record, e.source, d.url, d.published, d.duplicate_of, d.stored_at
  FROM events e JOIN documents d ON d.id = e.doc_id`;
interface DocSqlRow { id: string; sort_date: string; record: string; text: string; duplicate_of: string | null; similarity: number | null; stored_at: string }
interface IncidentSqlRow { rid: number; id: string; date_start: string; record: string; created_at: string; updated_at: string }
interface MemberSqlRow { incident_id: string; event_id: string; doc_id: string; source: string | null }

function isConstraint(err: unknown, kind: string): boolean {
  return err instanceof Database.SqliteError && err.code === kind;
}

/**
 * Everything the store does, synchronously, on one better-sqlite3 connection. SqliteStore wraps
 * it in the async interface and keeps callers out of each other's transactions.
 */
class SqliteCore {
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly wrapped = new Map<unknown, unknown>();

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly now: () => Date,
    private readonly driveMax: { rtree: number; fts: number },
  ) {}

  stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (s === undefined) {
      // Filter combinations make many shapes of query; a bound keeps the cache from growing forever.
      if (this.stmts.size >= 500) this.stmts.clear();
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /** better-sqlite3's transaction wrapper for fn, made once (it nests as a savepoint). */
  transactional<A extends unknown[], T>(fn: (...args: A) => T): Database.Transaction<(...args: A) => T> {
    let t = this.wrapped.get(fn) as Database.Transaction<(...args: A) => T> | undefined;
    if (t === undefined) {
      t = this.db.transaction(fn);
      this.wrapped.set(fn, t);
    }
    return t;
  }

  migrate(): void {
    migrate(this.db, this.path, this.now);
    this.stmts.clear();
  }

  readonly putDocument = (doc: DocumentRecord, text: string, events: readonly MarsadEvent[]): PutResult => {
    if (this.hasDocument(doc.id)) return { added: false, events: 0 };
    const storedAt = this.now().toISOString();
    const d = documentRow(doc, text);
    const docRid = this.stmt(`INSERT INTO documents (id, source, url, title, published, language, sort_date, record, text, stored_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(d.id, d.source, d.url, d.title, d.published, d.language, d.sort_date, d.record, d.text, storedAt).lastInsertRowid;
    this.stmt('INSERT INTO documents_fts (rowid, terms) VALUES (?, ?)').run(docRid, d.terms.join(' '));
    const insertEvent = this.stmt(`INSERT INTO events (id, doc_id, event_type, sub_event_type, actor1_id, actor2_id,
      date_start, date_end, lat, lon, admin1, admin2, source, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertBox = this.stmt(`INSERT INTO events_rtree (rid, min_lon, max_lon, min_lat, max_lat, min_day, max_day,
      min_kind, max_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertTerms = this.stmt('INSERT INTO events_fts (rowid, terms) VALUES (?, ?)');
    for (const e of events) {
      const r = eventRow(e, doc.source);
      let rid: number | bigint;
      try {
        rid = insertEvent.run(r.id, r.doc_id, r.event_type, r.sub_event_type, r.actor1_id, r.actor2_id,
          r.date_start, r.date_end, r.lat, r.lon, r.admin1, r.admin2, r.source, r.record).lastInsertRowid;
      } catch (err) {
        if (isConstraint(err, 'SQLITE_CONSTRAINT_UNIQUE')) {
          throw new StoreInputError(`document ${doc.id}: event ${e.id} is already stored (from another document)`);
        }
        throw err;
      }
      if (r.lat !== null && r.lon !== null) insertBox.run(rid, ...rtreeBox(r.lon, r.lat, r.date_start, r.date_end, r.sub_event_type));
      insertTerms.run(rid, r.terms.join(' '));
    }
    return { added: true, events: events.length };
  };

  hasDocument(id: string): boolean {
    return this.stmt('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  getDocument(id: string): StoredDocument | null {
    const row = this.stmt('SELECT id, sort_date, record, text, duplicate_of, similarity, stored_at FROM documents WHERE id = ?')
      .get(id) as DocSqlRow | undefined;
    return row ? { ...summary(row), text: row.text } : null;
  }

  searchDocuments(text: string, page: PageRequest | undefined): Page<DocumentSummary> {
    const terms = queryTerms(text);
    if (terms.length === 0) throw new StoreInputError(`search text ${JSON.stringify(text)} has no searchable words`);
    const limit = pageLimit(page);
    const cursor = decodeCursor(page?.cursor);
    const params: (string | number)[] = [ftsQuery(terms)];
    let cond = '';
    if (cursor) {
      cond = 'AND (sort_date < ? OR (sort_date = ? AND id > ?))';
      params.push(cursor.date, cursor.date, cursor.id);
    }
    const rows = this.stmt(`SELECT id, sort_date, record, '' AS text, duplicate_of, similarity, stored_at FROM documents
      WHERE rid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) ${cond}
      ORDER BY sort_date DESC, id LIMIT ?`).all(...params, limit + 1) as DocSqlRow[];
    return toPage(rows, limit, (r) => ({ date: r.sort_date, id: r.id }), summary);
  }

  readonly linkDuplicate = (docId: string, ofDocId: string, similarity: number): void => {
    if (!Number.isFinite(similarity) || similarity < 0 || similarity > 1) {
      throw new StoreInputError(`linkDuplicate ${docId}: similarity must be in [0, 1], got ${String(similarity)}`);
    }
    if (!this.hasDocument(docId)) throw new StoreInputError(`linkDuplicate: document ${docId} is not stored`);
    if (!this.hasDocument(ofDocId)) throw new StoreInputError(`linkDuplicate: document ${ofDocId} is not stored`);
    const root = this.firstCopy(ofDocId);
    if (root === docId) throw new StoreInputError(`linkDuplicate: ${docId} cannot be a duplicate of its own copy ${ofDocId}`);
    this.stmt('UPDATE documents SET duplicate_of = ?, similarity = ? WHERE id = ?').run(root, similarity, docId);
    // Copies of docId now point at the first copy too, so links never chain.
    this.stmt('UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ?').run(root, docId);
  };

  readonly putFingerprint = (docId: string, fingerprint: string, bands: readonly string[]): void => {
    if (!this.hasDocument(docId)) throw new StoreInputError(`putFingerprint: document ${docId} is not stored`);
    const old = this.stmt('SELECT rid FROM document_fingerprints WHERE doc_id = ?').get(docId) as { rid: number } | undefined;
    if (old) {
      this.stmt('DELETE FROM document_bands WHERE fp_rid = ?').run(old.rid);
      this.stmt('DELETE FROM document_fingerprints WHERE rid = ?').run(old.rid);
    }
    const rid = this.stmt('INSERT INTO document_fingerprints (doc_id, fingerprint) VALUES (?, ?)')
      .run(docId, fingerprint).lastInsertRowid;
    if (bands.length > 0) {
      this.stmt('INSERT OR IGNORE INTO document_bands (band, fp_rid) SELECT value, ? FROM json_each(?)')
        .run(rid, JSON.stringify(bands));
    }
  };

  findNearCandidates(bands: readonly string[], crowded: number): FingerprintCandidate[] {
    if (bands.length === 0) return [];
    // Per band, at most crowded+1 documents are read (a correlated LIMIT): counting a crowded
    // band whole would read every document that shares some agency boilerplate. One statement
    // for all bands: a document has ~84 of them, and a statement per band costs more than the probes.
    const rows = this.stmt(`SELECT (SELECT group_concat(fp_rid) FROM
        (SELECT fp_rid FROM document_bands WHERE band = j.value LIMIT ?)) AS rids
      FROM (SELECT DISTINCT value FROM json_each(?)) j`).all(crowded + 1, JSON.stringify(bands)) as { rids: string | null }[];
    const found = new Set<number>();
    for (const r of rows) {
      if (r.rids === null) continue;
      const rids = r.rids.split(',');
      if (rids.length <= crowded) for (const rid of rids) found.add(Number(rid));
    }
    if (found.size === 0) return [];
    return this.stmt(`SELECT doc_id, fingerprint FROM document_fingerprints
      WHERE rid IN (SELECT value FROM json_each(?)) ORDER BY rid`).all(JSON.stringify([...found])) as FingerprintCandidate[];
  }

  private firstCopy(id: string): string {
    let cur = id;
    for (let guard = 0; guard < 1000; guard++) {
      const row = this.stmt('SELECT duplicate_of FROM documents WHERE id = ?').get(cur) as { duplicate_of: string | null } | undefined;
      if (!row || row.duplicate_of === null) return cur;
      cur = row.duplicate_of;
    }
    throw new StoreInputError(`linkDuplicate: duplicate links from ${id} do not end`);
  }

  listEvents(filter: EventFilter | undefined, page: PageRequest | undefined): Page<StoredEvent> {
    const f = resolveEventFilter(filter);
    const limit = pageLimit(page);
    const w = eventWhere(f, decodeCursor(page?.cursor), this.plan(f));
    const rows = this.stmt(`${EVENT_SELECT} ${w.sql}
      ORDER BY e.date_start DESC, e.id LIMIT ?`).all(...w.params, limit + 1) as EventSqlRow[];
    return toPage(rows, limit, (r) => ({ date: r.date_start, id: r.id }), storedEvent);
  }

  /**
   * Drive from an index only when it narrows the query to few rows: counting its hits up to a
   * cap costs little, while materialising and sorting a million hits to show one page does not.
   */
  private plan(f: ResolvedFilter): Plan {
    const rtree = this.rtreeDrives('events_rtree', f);
    let ftsDrive = false;
    if (f.terms !== null) {
      const table = f.textScope === 'document' ? 'documents_fts' : 'events_fts';
      ftsDrive = this.fewerThan(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`, [ftsQuery(f.terms)], this.driveMax.fts);
    }
    return { rtree, ftsDrive };
  }

  /** Whether the query should be driven from the R-tree: a box that holds few rows (see plan). */
  private rtreeDrives(table: 'events_rtree' | 'incidents_rtree', f: ResolvedFilter): boolean {
    if (f.bbox === null) return false;
    const search = rtreeSearch(table, f);
    return this.fewerThan(search.sql, search.params, this.driveMax.rtree);
  }

  private fewerThan(sql: string, params: (string | number)[], cap: number): boolean {
    const row = this.stmt(`SELECT count(*) AS n FROM (${sql} LIMIT ?)`).get(...params, cap) as { n: number };
    return row.n < cap;
  }

  getEvent(id: string): StoredEvent | null {
    const row = this.stmt(`${EVENT_SELECT} WHERE e.id = ?`).get(id) as EventSqlRow | undefined;
    return row ? storedEvent(row) : null;
  }

  readonly putIncident = (inc: IncidentInput): Incident => {
    const now = this.now().toISOString();
    const r = incidentRow(inc);
    let rid: number | bigint;
    try {
      rid = this.stmt(`INSERT INTO incidents (id, event_type, sub_event_type, grade, date_start, date_end, lat, lon,
        admin1, admin2, record, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(r.id, r.event_type, r.sub_event_type, r.grade, r.date_start, r.date_end, r.lat, r.lon, r.admin1, r.admin2,
          r.record, now, now).lastInsertRowid;
    } catch (err) {
      if (isConstraint(err, 'SQLITE_CONSTRAINT_UNIQUE')) throw new StoreInputError(`incident ${inc.id} already exists (use updateIncident)`);
      throw err;
    }
    this.writeIncidentParts(rid, inc);
    return this.getIncident(inc.id)!;
  };

  readonly updateIncident = (inc: IncidentInput): Incident => {
    const row = this.stmt('SELECT rid FROM incidents WHERE id = ?').get(inc.id) as { rid: number } | undefined;
    if (!row) throw new StoreInputError(`incident ${inc.id} does not exist (use putIncident)`);
    const r = incidentRow(inc);
    this.stmt(`UPDATE incidents SET event_type = ?, sub_event_type = ?, grade = ?, date_start = ?, date_end = ?, lat = ?,
      lon = ?, admin1 = ?, admin2 = ?, record = ?, updated_at = ? WHERE rid = ?`)
      .run(r.event_type, r.sub_event_type, r.grade, r.date_start, r.date_end, r.lat, r.lon, r.admin1, r.admin2, r.record,
        this.now().toISOString(), row.rid);
    // The usual update is a new report joining: the members are the old ones plus some at the
    // end. Then only those are written; a big incident is not rewritten for every new source.
    const current = (this.stmt('SELECT event_id FROM incident_members WHERE incident_id = ? ORDER BY position')
      .all(inc.id) as { event_id: string }[]).map((m) => m.event_id);
    const appended = current.length <= inc.members.length && current.every((id, i) => inc.members[i]!.event_id === id);
    this.clearIncidentParts(row.rid, inc.id, !appended);
    this.writeIncidentParts(row.rid, inc, appended ? current.length : 0);
    return this.getIncident(inc.id)!;
  };

  readonly deleteIncident = (id: string): boolean => {
    const row = this.stmt('SELECT rid FROM incidents WHERE id = ?').get(id) as { rid: number } | undefined;
    if (!row) return false;
    this.clearIncidentParts(row.rid, id);
    this.stmt('DELETE FROM incidents WHERE rid = ?').run(row.rid);
    return true;
  };

  private clearIncidentParts(rid: number, id: string, members = true): void {
    this.stmt('DELETE FROM incident_keys WHERE incident_id = ?').run(id);
    if (members) this.stmt('DELETE FROM incident_members WHERE incident_id = ?').run(id);
    this.stmt('DELETE FROM incident_actors WHERE incident_id = ?').run(id);
    this.stmt('DELETE FROM incidents_rtree WHERE rid = ?').run(rid);
  }

  /** Everything of an incident beside its row; members from position `fromMember` on. */
  private writeIncidentParts(rid: number | bigint, inc: IncidentInput, fromMember = 0): void {
    if (inc.location) {
      this.stmt(`INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat, min_day, max_day, min_kind,
        max_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(rid, ...rtreeBox(inc.location.lon, inc.location.lat, inc.date?.start ?? NO_DATE, inc.date?.end ?? NO_DATE,
          inc.sub_event_type));
    }
    const exists = this.stmt('SELECT 1 FROM events WHERE id = ?');
    const owner = this.stmt('SELECT incident_id FROM incident_members WHERE event_id = ?');
    const insert = this.stmt('INSERT INTO incident_members (incident_id, event_id, position) VALUES (?, ?, ?)');
    inc.members.forEach((m, i) => {
      if (i < fromMember) return;
      if (exists.get(m.event_id) === undefined) {
        throw new StoreInputError(`incident ${inc.id}: member event ${m.event_id} is not in the store`);
      }
      const other = owner.get(m.event_id) as { incident_id: string } | undefined;
      if (other) throw new StoreInputError(`incident ${inc.id}: event ${m.event_id} already belongs to incident ${other.incident_id}`);
      insert.run(inc.id, m.event_id, i);
    });
    const actor = this.stmt('INSERT OR IGNORE INTO incident_actors (incident_id, actor_id) VALUES (?, ?)');
    for (const a of inc.actor_ids) actor.run(inc.id, a);
    const key = this.stmt('INSERT OR IGNORE INTO incident_keys (key, incident_id) VALUES (?, ?)');
    for (const k of storedIncidentKeys(inc)) key.run(k, inc.id);
  }

  getIncident(id: string): Incident | null {
    const row = this.stmt('SELECT rid, id, date_start, record, created_at, updated_at FROM incidents WHERE id = ?')
      .get(id) as IncidentSqlRow | undefined;
    if (!row) return null;
    return incidentFromRow(row.record, this.members([id]).get(id) ?? [], row.created_at, row.updated_at);
  }

  listIncidents(filter: IncidentFilter | undefined, page: PageRequest | undefined): Page<Incident> {
    const f = resolveIncidentFilter(filter);
    const limit = pageLimit(page);
    const rows = this.incidentRows(f, decodeCursor(page?.cursor), limit);
    const members = this.members(rows.slice(0, limit).map((r) => r.id));
    return toPage(rows, limit, (r) => ({ date: r.date_start, id: r.id }),
      (r) => incidentFromRow(r.record, members.get(r.id) ?? [], r.created_at, r.updated_at));
  }

  /** The first `limit + 1` incidents of the filter, newest first. */
  private incidentRows(f: ResolvedFilter, cursor: CursorKey | null, limit: number): IncidentSqlRow[] {
    const w = incidentWhere(f, cursor, { rtree: this.incidentRtreeDrives(f, limit) });
    return this.stmt(`SELECT i.rid, i.id, i.date_start, i.record, i.created_at, i.updated_at FROM incidents i ${w.sql}
      ORDER BY i.date_start DESC, i.id LIMIT ?`).all(...w.params, limit + 1) as IncidentSqlRow[];
  }

  /**
   * Drive an incident query from the R-tree, or walk the date order checking coordinates? As for
   * events, many hits mean walking; but incident rows are few and heavy, so the choice is also
   * made below that cap: fetching and sorting an R-tree hit costs about three rows walked past
   * (measured on 100,000 incidents), and the walk fills a page after about
   * (limit + 1) × rows / hits rows — an over-estimate when other conditions narrow the walk too.
   * A box of one town over all years (thousands of hits) is walked, a village in a month driven.
   */
  private incidentRtreeDrives(f: ResolvedFilter, limit: number): boolean {
    if (f.bbox === null) return false;
    const search = rtreeSearch('incidents_rtree', f);
    const hits = (this.stmt(`SELECT count(*) AS n FROM (${search.sql} LIMIT ?)`).get(...search.params, this.driveMax.rtree) as { n: number }).n;
    if (hits >= this.driveMax.rtree) return false;
    const rows = (this.stmt('SELECT max(rid) AS n FROM incidents').get() as { n: number | null }).n ?? 0;
    return 3 * hits * hits < (limit + 1) * rows;
  }

  findIncidentsByKeys(keys: readonly string[]): Incident[] {
    if (keys.length === 0) return [];
    const rows = this.stmt(`SELECT rid, id, date_start, record, created_at, updated_at FROM incidents
      WHERE id IN (SELECT incident_id FROM incident_keys WHERE key IN (SELECT value FROM json_each(?)))
      ORDER BY id`).all(JSON.stringify([...new Set(keys)])) as IncidentSqlRow[];
    const members = this.members(rows.map((r) => r.id));
    return rows.map((r) => incidentFromRow(r.record, members.get(r.id) ?? [], r.created_at, r.updated_at));
  }

  private members(ids: readonly string[]): Map<string, IncidentMember[]> {
    const out = new Map<string, IncidentMember[]>();
    if (ids.length === 0) return out;
    // One statement for any number of ids (json_each): preparing a statement per list costs more than the query.
    const rows = this.stmt(`SELECT m.incident_id, m.event_id, e.doc_id, e.source FROM incident_members m
      JOIN events e ON e.id = m.event_id WHERE m.incident_id IN (SELECT value FROM json_each(?))
      ORDER BY m.incident_id, m.position`).all(JSON.stringify(ids)) as MemberSqlRow[];
    for (const r of rows) {
      let list = out.get(r.incident_id);
      if (!list) out.set(r.incident_id, (list = []));
      list.push({ event_id: r.event_id, doc_id: r.doc_id, source: r.source });
    }
    return out;
  }

  counts(): StoreCounts {
    return this.stmt(`SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM incidents) AS incidents,
      (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL) AS duplicates`).get() as StoreCounts;
  }
}

function summary(r: DocSqlRow): DocumentSummary {
  return { doc: parseDocument(r.record), duplicate_of: r.duplicate_of, similarity: r.similarity, stored_at: r.stored_at };
}

function storedEvent(r: EventSqlRow): StoredEvent {
  return {
    event: parseEvent(r.record), source: r.source, url: r.url, published: r.published, duplicate_of: r.duplicate_of,
    stored_at: r.stored_at,
  };
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so every call
 * completes within one turn of the event loop; the gate only matters while an async
 * transaction() is open.
 */
export class SqliteStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private savepoints = 0;

  /** `gate` null: this is the view handed to a transaction body, which must not wait on itself. */
  private constructor(private readonly core: SqliteCore, private readonly gate: Gate | null) {}

  static open(options: SqliteStoreOptions = {}): SqliteStore {
    const path = options.path ?? defaultSqlitePath();
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    try {
      db.pragma('busy_timeout = 10000');
      assertMarsadFile(db, path);
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        // WAL + NORMAL: a killed process loses nothing committed; a power cut may lose the last commits.
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      // 64 MiB of page cache (default 2 MiB): a million-event store has eight indexes to keep warm.
      db.pragma('cache_size = -65536');
    } catch (err) {
      db.close();
      throw err;
    }
    const driveMax = options.indexDriveMax === undefined
      ? { rtree: RTREE_DRIVE_MAX, fts: FTS_DRIVE_MAX }
      : { rtree: options.indexDriveMax, fts: options.indexDriveMax };
    const core = new SqliteCore(db, path, options.now ?? (() => new Date()), driveMax);
    return new SqliteStore(core, new Gate());
  }

  /** The file behind this store (for backup). */
  get path(): string {
    return this.core.path;
  }

  private async run<T>(fn: () => T): Promise<T> {
    if (this.gate) await this.gate.pass();
    return fn();
  }

  /** A synchronous transaction (savepoint when nested) around one write. */
  private write<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): Promise<T> {
    return this.run(() => this.core.transactional(fn).immediate(...args));
  }

  migrate(): Promise<void> {
    return this.run(() => this.core.migrate());
  }

  async putDocument(doc: DocumentRecord, text: string, events: readonly MarsadEvent[]): Promise<PutResult> {
    checkDocument(doc, text, events);
    return this.write(this.core.putDocument, doc, text, events);
  }

  getDocument(id: string): Promise<StoredDocument | null> {
    return this.run(() => this.core.getDocument(id));
  }

  hasDocument(id: string): Promise<boolean> {
    return this.run(() => this.core.hasDocument(id));
  }

  searchDocuments(text: string, page?: PageRequest): Promise<Page<DocumentSummary>> {
    return this.run(() => this.core.searchDocuments(text, page));
  }

  linkDuplicate(docId: string, ofDocId: string, similarity: number): Promise<void> {
    return this.write(this.core.linkDuplicate, docId, ofDocId, similarity);
  }

  async putFingerprint(docId: string, fingerprint: string, bands: readonly string[]): Promise<void> {
    checkFingerprint(docId, fingerprint, bands);
    return this.write(this.core.putFingerprint, docId, fingerprint, bands);
  }

  async findNearCandidates(bands: readonly string[], crowded: number): Promise<FingerprintCandidate[]> {
    checkKeyList('findNearCandidates', 'bands', bands);
    checkCrowded(crowded);
    return this.run(() => this.core.findNearCandidates(bands, crowded));
  }

  listEvents(filter?: EventFilter, page?: PageRequest): Promise<Page<StoredEvent>> {
    return this.run(() => this.core.listEvents(filter, page));
  }

  getEvent(id: string): Promise<StoredEvent | null> {
    return this.run(() => this.core.getEvent(id));
  }

  async putIncident(incident: IncidentInput): Promise<Incident> {
    checkIncident(incident);
    return this.write(this.core.putIncident, incident);
  }

  async updateIncident(incident: IncidentInput): Promise<Incident> {
    checkIncident(incident);
    return this.write(this.core.updateIncident, incident);
  }

  deleteIncident(id: string): Promise<boolean> {
    return this.write(this.core.deleteIncident, id);
  }

  getIncident(id: string): Promise<Incident | null> {
    return this.run(() => this.core.getIncident(id));
  }

  listIncidents(filter?: IncidentFilter, page?: PageRequest): Promise<Page<Incident>> {
    return this.run(() => this.core.listIncidents(filter, page));
  }

  async findIncidentsByKeys(keys: readonly string[]): Promise<Incident[]> {
    checkKeyList('findIncidentsByKeys', 'keys', keys);
    return this.run(() => this.core.findIncidentsByKeys(keys));
  }

  counts(): Promise<StoreCounts> {
    return this.run(() => this.core.counts());
  }

  async transaction<T>(fn: (tx: EventStore) => Promise<T>): Promise<T> {
    if (this.gate === null) return this.nested(fn);
    return this.gate.hold(async () => {
      const db = this.core.db;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(new SqliteStore(this.core, null));
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  private async nested<T>(fn: (tx: EventStore) => Promise<T>): Promise<T> {
    const name = `tx_${++this.savepoints}`;
    const db = this.core.db;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.gate === null) throw new StoreInputError('close() called inside a transaction');
    await this.gate.pass();
    const db = this.core.db;
    if (!db.open) return;
    if (!db.readonly) db.pragma('optimize');
    db.close();
  }
}
