import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { itemColumns, resolveList, type CoordinationBackend } from './backend.js';
import { CoordinationStorageError } from './errors.js';
import { migrateCoordSqlite } from './sqlite-schema.js';
import type { Transition } from './state-machine.js';
import type { CoordItem, CoordStep, ListFilter, PartyId } from './types.js';

interface StepRow {
  item_id: string; seq: number; action: CoordStep['action']; party: string; user_name: string; at: string;
  text: string | null; shared_with: string;
}

function stepFromRow(r: StepRow): CoordStep {
  return {
    item_id: r.item_id, seq: r.seq, action: r.action, party: r.party, user: r.user_name, at: r.at, text: r.text,
    shared_with: JSON.parse(r.shared_with) as string[],
  };
}

/**
 * The log in the store's SQLite file, on its own better-sqlite3 connection (WAL, so it and the
 * event store read and write the file side by side).
 */
export class SqliteCoordinationBackend implements CoordinationBackend {
  readonly kind = 'sqlite' as const;

  private constructor(private readonly db: Database.Database, private readonly path: string, private readonly now: () => Date) {}

  static open(path: string, now: () => Date): SqliteCoordinationBackend {
    mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (err) {
      throw new CoordinationStorageError(`cannot open ${path}: ${(err as Error).message}`);
    }
    try {
      db.pragma('busy_timeout = 10000');
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
    } catch (err) {
      db.close();
      throw new CoordinationStorageError(`${path}: ${(err as Error).message}`);
    }
    return new SqliteCoordinationBackend(db, path, now);
  }

  async migrate(): Promise<void> {
    try {
      migrateCoordSqlite(this.db, this.path, this.now);
    } catch (err) {
      if (err instanceof CoordinationStorageError) throw err;
      throw new CoordinationStorageError(`${this.path}: ${(err as Error).message}`);
    }
  }

  private save(t: Transition, isNew: boolean): void {
    const c = itemColumns(t.item);
    if (isNew) {
      this.db.prepare(`INSERT INTO coord_items (id, filed_by_party, status, incident_id, agreement_id, created_at, updated_at, record)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(t.item.id, t.item.filed_by.party, t.item.status, c.incident_id,
        t.item.agreement_id, t.item.created_at, t.item.updated_at, c.record);
    } else {
      this.db.prepare('UPDATE coord_items SET status = ?, updated_at = ?, record = ? WHERE id = ?')
        .run(t.item.status, t.item.updated_at, c.record, t.item.id);
    }
    const share = this.db.prepare('INSERT OR IGNORE INTO coord_shares (item_id, party) VALUES (?, ?)');
    for (const p of t.step.shared_with) share.run(t.item.id, p);
    const s = t.step;
    this.db.prepare(`INSERT INTO coord_steps (item_id, seq, action, party, user_name, at, text, shared_with)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(s.item_id, s.seq, s.action, s.party, s.user, s.at, s.text, JSON.stringify(s.shared_with));
  }

  async insert(t: Transition): Promise<void> {
    this.db.transaction(() => this.save(t, true)).immediate();
  }

  async update(id: string, decide: (item: CoordItem | null, nextSeq: number) => Transition): Promise<Transition> {
    // IMMEDIATE takes the write lock before reading, so the state decided on is the state saved.
    return this.db.transaction(() => {
      const item = this.getSync(id);
      const last = this.db.prepare('SELECT max(seq) AS s FROM coord_steps WHERE item_id = ?').get(id) as { s: number | null };
      const t = decide(item, (last.s ?? 0) + 1);
      this.save(t, false);
      return t;
    }).immediate();
  }

  private getSync(id: string): CoordItem | null {
    const r = this.db.prepare('SELECT record FROM coord_items WHERE id = ?').get(id) as { record: string } | undefined;
    return r ? (JSON.parse(r.record) as CoordItem) : null;
  }

  async get(id: string): Promise<CoordItem | null> {
    return this.getSync(id);
  }

  async steps(id: string): Promise<CoordStep[]> {
    const rows = this.db.prepare('SELECT * FROM coord_steps WHERE item_id = ? ORDER BY seq').all(id) as StepRow[];
    return rows.map(stepFromRow);
  }

  async list(party: PartyId, filter: ListFilter): Promise<CoordItem[]> {
    const q = resolveList(filter);
    const where: string[] = [];
    const params: (string | number)[] = [];
    const shared = 'EXISTS (SELECT 1 FROM coord_shares s WHERE s.item_id = i.id AND s.party = ?)';
    if (q.scope === 'own') { where.push('i.filed_by_party = ?'); params.push(party); }
    else if (q.scope === 'shared') { where.push(shared); params.push(party); }
    else { where.push(`(i.filed_by_party = ? OR ${shared})`); params.push(party, party); }
    if (q.statuses.length > 0) { where.push(`i.status IN (${q.statuses.map(() => '?').join(', ')})`); params.push(...q.statuses); }
    if (q.incident_id !== null) { where.push('i.incident_id = ?'); params.push(q.incident_id); }
    if (q.agreement_id !== null) { where.push('i.agreement_id = ?'); params.push(q.agreement_id); }
    const rows = this.db.prepare(`SELECT i.record FROM coord_items i WHERE ${where.join(' AND ')}
      ORDER BY i.created_at DESC, i.id LIMIT ?`).all(...params, q.limit) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as CoordItem);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
