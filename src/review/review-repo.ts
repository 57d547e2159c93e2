import type { MonitorDb } from '../monitor/alerts/monitor-db.js';
import type { Incident } from '../store/types.js';
import { REVIEW_MIGRATIONS, REVIEW_MODULE } from './schema.js';
import type { IncidentCorrection, ReviewAction } from './types.js';

/**
 * What the review keeps about one reviewed incident, laid over the machine's version by
 * src/review/overlay.ts. Keyed by the incident's id and, through review_members, by its member
 * event ids: when the machine rebuilds the incident under another id, the members find it.
 */
export interface OverrideRecord {
  incident_id: string;
  /** How the incident came to be: the machine's, or made by an analyst's merge or split. */
  origin: 'machine' | 'merge' | 'split';
  rejected: boolean;
  /** The member event ids when the review was last laid over. */
  members: string[];
  /** Every field an analyst set, the latest value of each. */
  correction: IncidentCorrection;
  /** The machine's own version of the incident (recomputed from the members for merge/split). */
  machine: Incident;
  /** The incident as the review last wrote it: a store incident that differs was rewritten since. */
  applied: Incident;
  last_action_id: string | null;
  /** Who acted last (for the incident's explanation line). */
  last_by: string;
  updated_at: string;
}

interface RecordRow {
  record: string;
}

/** The review tables (src/review/schema.ts) over a MonitorDb of the store's database. */
export class ReviewRepo {
  private constructor(private readonly db: MonitorDb) {}

  static async open(db: MonitorDb): Promise<ReviewRepo> {
    await db.migrate(REVIEW_MODULE, REVIEW_MIGRATIONS);
    return new ReviewRepo(db);
  }

  /** Run `fn` with a repo whose writes commit together. */
  async transaction<T>(fn: (repo: ReviewRepo) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new ReviewRepo(tx)));
  }

  async addAction(a: ReviewAction): Promise<void> {
    await this.db.run('INSERT INTO review_actions (id, kind, at, record) VALUES ($1, $2, $3, $4)', [a.id, a.kind, a.at, JSON.stringify(a)]);
    for (const id of new Set([...a.incident_ids, ...a.result_ids])) {
      await this.db.run('INSERT INTO review_action_incidents (incident_id, action_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, a.id]);
    }
  }

  /** Every action about or producing this incident, oldest first. */
  async actionsOf(incidentId: string): Promise<ReviewAction[]> {
    const rows = await this.db.all<RecordRow>(
      `SELECT a.record FROM review_actions a JOIN review_action_incidents i ON i.action_id = a.id
       WHERE i.incident_id = $1 ORDER BY a.seq`, [incidentId]);
    return rows.map((r) => JSON.parse(r.record) as ReviewAction);
  }

  async action(id: string): Promise<ReviewAction | null> {
    const rows = await this.db.all<RecordRow>('SELECT record FROM review_actions WHERE id = $1', [id]);
    return rows[0] ? (JSON.parse(rows[0].record) as ReviewAction) : null;
  }

  async actionCounts(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ kind: string; n: number | string }>('SELECT kind, count(*) AS n FROM review_actions GROUP BY kind');
    return new Map(rows.map((r) => [r.kind, Number(r.n)]));
  }

  async override(incidentId: string): Promise<OverrideRecord | null> {
    const rows = await this.db.all<RecordRow>('SELECT record FROM review_overrides WHERE incident_id = $1', [incidentId]);
    return rows[0] ? (JSON.parse(rows[0].record) as OverrideRecord) : null;
  }

  /** Ids of the overrides that claim any of these member events. */
  async overrideIdsHolding(eventIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const e of eventIds) {
      for (const r of await this.db.all<{ incident_id: string }>('SELECT incident_id FROM review_members WHERE event_id = $1', [e])) {
        out.add(r.incident_id);
      }
    }
    return [...out].sort();
  }

  /** True when nobody has reviewed anything yet (most stores, most of the time: reapplying is then free). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.all('SELECT 1 FROM review_overrides LIMIT 1')).length === 0;
  }

  async overrideIds(): Promise<string[]> {
    const rows = await this.db.all<{ incident_id: string }>('SELECT incident_id FROM review_overrides ORDER BY incident_id');
    return rows.map((r) => r.incident_id);
  }

  async allOverrides(): Promise<OverrideRecord[]> {
    const rows = await this.db.all<RecordRow>('SELECT record FROM review_overrides ORDER BY incident_id');
    return rows.map((r) => JSON.parse(r.record) as OverrideRecord);
  }

  /** Write an override (under its incident_id), its member claims replacing any it had. */
  async putOverride(o: OverrideRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO review_overrides (incident_id, updated_at, record) VALUES ($1, $2, $3)
       ON CONFLICT (incident_id) DO UPDATE SET updated_at = excluded.updated_at, record = excluded.record`,
      [o.incident_id, o.updated_at, JSON.stringify(o)]);
    await this.db.run('DELETE FROM review_members WHERE incident_id = $1', [o.incident_id]);
    for (const e of o.members) {
      await this.db.run(
        `INSERT INTO review_members (event_id, incident_id) VALUES ($1, $2)
         ON CONFLICT (event_id) DO UPDATE SET incident_id = excluded.incident_id`, [e, o.incident_id]);
    }
  }

  async deleteOverride(incidentId: string): Promise<void> {
    await this.db.run('DELETE FROM review_members WHERE incident_id = $1', [incidentId]);
    await this.db.run('DELETE FROM review_overrides WHERE incident_id = $1', [incidentId]);
  }
}
