import type { MonitorDb, MonitorMigration } from '../alerts/monitor-db.js';
import type { EscalationUnitRef } from '../alerts/types.js';
import type { EscalationDay } from './series.js';

/** The escalation index per unit per day (monitor_escalation); recomputing a day overwrites it. */

const MIGRATIONS: readonly MonitorMigration[] = [
  {
    version: 1,
    name: 'escalation index per unit per day',
    sqlite: `
CREATE TABLE monitor_escalation (
  unit_id TEXT NOT NULL,
  day TEXT NOT NULL,
  unit_kind TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  agreement_id TEXT,
  zone_id TEXT,
  admin1 TEXT,
  country TEXT,
  score REAL NOT NULL,
  incident_ids TEXT NOT NULL,
  mean REAL NOT NULL,
  sd REAL NOT NULL,
  baseline_days INTEGER NOT NULL,
  idx REAL NOT NULL,
  armed INTEGER NOT NULL,
  crossed INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, day)
) STRICT;
CREATE INDEX monitor_escalation_day ON monitor_escalation(day);
CREATE INDEX monitor_escalation_agreement ON monitor_escalation(agreement_id, day) WHERE agreement_id IS NOT NULL;`,
    postgres: `
CREATE TABLE monitor_escalation (
  unit_id text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  unit_kind text NOT NULL,
  unit_name text NOT NULL,
  agreement_id text,
  zone_id text,
  admin1 text,
  country text,
  score double precision NOT NULL,
  incident_ids text NOT NULL,
  mean double precision NOT NULL,
  sd double precision NOT NULL,
  baseline_days integer NOT NULL,
  idx double precision NOT NULL,
  armed integer NOT NULL,
  crossed integer NOT NULL,
  computed_at text NOT NULL,
  PRIMARY KEY (unit_id, day)
);
CREATE INDEX monitor_escalation_day ON monitor_escalation(day);
CREATE INDEX monitor_escalation_agreement ON monitor_escalation(agreement_id, day) WHERE agreement_id IS NOT NULL;`,
  },
];

interface Row {
  unit_id: string; day: string; unit_kind: string; unit_name: string; agreement_id: string | null; zone_id: string | null;
  admin1: string | null; country: string | null; score: number; incident_ids: string; mean: number; sd: number;
  baseline_days: number; idx: number; armed: number; crossed: number;
}

function unitOf(r: Row): EscalationUnitRef {
  return {
    id: r.unit_id, kind: r.unit_kind as EscalationUnitRef['kind'], name: r.unit_name, agreement_id: r.agreement_id,
    zone_id: r.zone_id, admin1: r.admin1, country: r.country,
  };
}

function fromRow(r: Row): EscalationDay {
  return {
    unit: unitOf(r), day: r.day, score: Number(r.score), incident_ids: JSON.parse(r.incident_ids) as string[],
    baseline: { mean: Number(r.mean), sd: Number(r.sd), days: Number(r.baseline_days) }, index: Number(r.idx),
    armed: Number(r.armed) === 1, crossed: Number(r.crossed) === 1,
  };
}

const COLUMNS = `unit_id, day, unit_kind, unit_name, agreement_id, zone_id, admin1, country, score, incident_ids, mean, sd,
  baseline_days, idx, armed, crossed`;

export class EscalationRepo {
  private constructor(readonly db: MonitorDb) {}

  static async open(db: MonitorDb): Promise<EscalationRepo> {
    await db.migrate('escalation', MIGRATIONS);
    return new EscalationRepo(db);
  }

  async save(days: readonly EscalationDay[], now: Date = new Date()): Promise<void> {
    if (days.length === 0) return;
    const at = now.toISOString();
    await this.db.transaction(async (tx) => {
      for (const d of days) {
        const u = d.unit;
        await tx.run(`INSERT INTO monitor_escalation (${COLUMNS}, computed_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
          ON CONFLICT (unit_id, day) DO UPDATE SET unit_kind = excluded.unit_kind, unit_name = excluded.unit_name,
            agreement_id = excluded.agreement_id, zone_id = excluded.zone_id, admin1 = excluded.admin1,
            country = excluded.country, score = excluded.score, incident_ids = excluded.incident_ids, mean = excluded.mean,
            sd = excluded.sd, baseline_days = excluded.baseline_days, idx = excluded.idx, armed = excluded.armed,
            crossed = excluded.crossed, computed_at = excluded.computed_at`,
        [u.id, d.day, u.kind, u.name, u.agreement_id, u.zone_id, u.admin1, u.country, d.score, JSON.stringify(d.incident_ids),
          d.baseline.mean, d.baseline.sd, d.baseline.days, d.index, d.armed ? 1 : 0, d.crossed ? 1 : 0, at]);
      }
    });
  }

  /** Whether the unit was armed at the end of `day`; null when that day was never computed. */
  async armedAfter(unitId: string, day: string): Promise<boolean | null> {
    const rows = await this.db.all<{ armed: number }>('SELECT armed FROM monitor_escalation WHERE unit_id = $1 AND day = $2', [unitId, day]);
    return rows[0] ? Number(rows[0].armed) === 1 : null;
  }

  /** The armed state at the end of `day`, per unit computed that day. */
  async armedOn(day: string): Promise<Map<string, boolean>> {
    const rows = await this.db.all<{ unit_id: string; armed: number }>('SELECT unit_id, armed FROM monitor_escalation WHERE day = $1', [day]);
    return new Map(rows.map((r) => [r.unit_id, Number(r.armed) === 1]));
  }

  /** A unit's computed days in [from, to], oldest first. */
  async series(unitId: string, from: string, to: string): Promise<EscalationDay[]> {
    const rows = await this.db.all<Row>(`SELECT ${COLUMNS} FROM monitor_escalation WHERE unit_id = $1 AND day >= $2 AND day <= $3
      ORDER BY day`, [unitId, from, to]);
    return rows.map(fromRow);
  }

  /** Every unit computed so far. */
  async units(): Promise<EscalationUnitRef[]> {
    const rows = await this.db.all<Row>(`SELECT ${COLUMNS} FROM monitor_escalation e WHERE day = (SELECT max(day) FROM monitor_escalation m
      WHERE m.unit_id = e.unit_id) ORDER BY unit_id`);
    return rows.map(unitOf);
  }
}
