import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Violation } from '../types.js';
import {
  fromRow, partyKeys, scopeTest, summarise, violationRecord, type StoredViolation, type SyncResult,
  type ViolationFilter, type ViolationScope, type ViolationStore, type ViolationSummary,
} from './violation-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS monitor_violations (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  date_start TEXT NOT NULL,
  date_end TEXT NOT NULL,
  record TEXT NOT NULL,
  detected_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS monitor_violations_incident ON monitor_violations(incident_id);
CREATE INDEX IF NOT EXISTS monitor_violations_agreement ON monitor_violations(agreement_id, date_start DESC, id);
CREATE TABLE IF NOT EXISTS monitor_violation_parties (
  violation_id TEXT NOT NULL REFERENCES monitor_violations(id) ON DELETE CASCADE,
  party TEXT NOT NULL,
  PRIMARY KEY (violation_id, party)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS monitor_violation_parties_party ON monitor_violation_parties(party);
`;

interface Row {
  id: string;
  record: string;
  detected_at: string;
}

/**
 * Violations in the store's SQLite file, through a second connection (the store runs in WAL
 * mode, so readers and this writer do not block each other for long; busy_timeout covers the
 * rest). The store must exist: violations without their incidents would be meaningless.
 */
export class SqliteViolationStore implements ViolationStore {
  readonly kind = 'sqlite' as const;

  private constructor(private readonly db: Database.Database, private readonly now: () => Date) {}

  static open(path: string, options: { now?: () => Date } = {}): SqliteViolationStore {
    if (!existsSync(path)) throw new Error(`no Marsad store at ${path}: ingest something first (or open the store, which creates it)`);
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    // As the store's own connection: WAL + NORMAL, no fsync per commit (the setting is per connection).
    db.pragma('synchronous = NORMAL');
    return new SqliteViolationStore(db, options.now ?? (() => new Date()));
  }

  async migrate(): Promise<void> {
    this.db.exec(SCHEMA);
  }

  async syncIncident(incidentId: string, violations: readonly Violation[], scope: ViolationScope = {}): Promise<SyncResult> {
    for (const v of violations) {
      if (v.incident_id !== incidentId) throw new Error(`violation ${v.id} belongs to incident ${v.incident_id}, not ${incidentId}`);
    }
    const inScope = scopeTest(scope);
    const run = this.db.transaction((): SyncResult => {
      const existing = new Map<string, string>();
      for (const r of this.db.prepare('SELECT id, record, agreement_id FROM monitor_violations WHERE incident_id = ?').all(incidentId) as (Row & { agreement_id: string })[]) {
        if (inScope(r.agreement_id)) existing.set(r.id, r.record);
      }
      const result: SyncResult = { added: 0, updated: 0, removed: 0 };
      const now = this.now().toISOString();
      const insert = this.db.prepare('INSERT INTO monitor_violations (id, agreement_id, rule_id, incident_id, date_start, date_end, record, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const update = this.db.prepare('UPDATE monitor_violations SET agreement_id = ?, rule_id = ?, date_start = ?, date_end = ?, record = ? WHERE id = ?');
      const delParties = this.db.prepare('DELETE FROM monitor_violation_parties WHERE violation_id = ?');
      const addParty = this.db.prepare('INSERT INTO monitor_violation_parties (violation_id, party) VALUES (?, ?)');
      const seen = new Set<string>();
      for (const v of violations) {
        if (!inScope(v.agreement_id)) continue;
        seen.add(v.id);
        const record = violationRecord(v);
        const old = existing.get(v.id);
        if (old === record) continue;
        if (old === undefined) {
          insert.run(v.id, v.agreement_id, v.rule_id, v.incident_id, v.date.start, v.date.end, record, now);
          result.added++;
        } else {
          update.run(v.agreement_id, v.rule_id, v.date.start, v.date.end, record, v.id);
          delParties.run(v.id);
          result.updated++;
        }
        for (const p of partyKeys(v)) addParty.run(v.id, p);
      }
      const del = this.db.prepare('DELETE FROM monitor_violations WHERE id = ?');
      for (const id of existing.keys()) {
        if (!seen.has(id)) {
          del.run(id);
          result.removed++;
        }
      }
      return result;
    });
    return run.immediate();
  }

  async retain(keep: ReadonlySet<string>, scope: ViolationScope & { dropOtherAgreements?: boolean } = {}): Promise<number> {
    const inScope = scopeTest(scope);
    const run = this.db.transaction((): number => {
      const rows = this.db.prepare('SELECT id, incident_id, agreement_id FROM monitor_violations').all() as { id: string; incident_id: string; agreement_id: string }[];
      const del = this.db.prepare('DELETE FROM monitor_violations WHERE id = ?');
      let n = 0;
      for (const r of rows) {
        const known = inScope(r.agreement_id);
        const drop = known ? !keep.has(r.incident_id) : scope.dropOtherAgreements === true;
        if (drop) {
          del.run(r.id);
          n++;
        }
      }
      return n;
    });
    return run.immediate();
  }

  async incidentIds(scope: ViolationScope = {}): Promise<Set<string>> {
    const inScope = scopeTest(scope);
    const rows = this.db.prepare('SELECT DISTINCT incident_id, agreement_id FROM monitor_violations').all() as { incident_id: string; agreement_id: string }[];
    return new Set(rows.filter((r) => inScope(r.agreement_id)).map((r) => r.incident_id));
  }

  async list(filter: ViolationFilter = {}): Promise<StoredViolation[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agreement) {
      where.push('v.agreement_id = ?');
      params.push(filter.agreement);
    }
    if (filter.rule) {
      where.push('v.rule_id = ?');
      params.push(filter.rule);
    }
    if (filter.incident) {
      where.push('v.incident_id = ?');
      params.push(filter.incident);
    }
    if (filter.from) {
      where.push('v.date_end >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('v.date_start <= ?');
      params.push(filter.to);
    }
    if (filter.party) {
      where.push('EXISTS (SELECT 1 FROM monitor_violation_parties p WHERE p.violation_id = v.id AND p.party = ?)');
      params.push(filter.party);
    }
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
    const sql = `SELECT v.id, v.record, v.detected_at FROM monitor_violations v${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY v.date_start DESC, v.id${limit}`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(fromRow);
  }

  async summary(filter: ViolationFilter = {}): Promise<ViolationSummary> {
    return summarise(await this.list({ ...filter, limit: undefined }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
