import { createHash } from 'node:crypto';
import type { BBox, IncidentGrade } from '../../store/types.js';
import { normalise } from '../../text/normalise.js';
import type { MonitorDb, MonitorMigration } from '../alerts/monitor-db.js';
import type { ControlClaim, ControlPlace, TerritorySubType } from './types.js';

/**
 * The control claims table (monitor_control), one row a claim. A row is rewritten only when its
 * content changed, so feeding the same reports again writes nothing.
 */

const MIGRATIONS: readonly MonitorMigration[] = [
  {
    version: 1,
    name: 'control claims',
    sqlite: `
CREATE TABLE monitor_control (
  id TEXT PRIMARY KEY,
  place_key TEXT NOT NULL,
  place_name TEXT NOT NULL,
  place_name_ar TEXT,
  name_norm TEXT NOT NULL,
  name_ar_norm TEXT,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  admin1 TEXT,
  country TEXT,
  holder TEXT,
  holder_name TEXT,
  from_actor TEXT,
  sub_event_type TEXT NOT NULL,
  since_start TEXT NOT NULL,
  since_end TEXT NOT NULL,
  grade TEXT,
  confidence REAL NOT NULL,
  event_ids TEXT NOT NULL,
  doc_ids TEXT NOT NULL,
  sources TEXT NOT NULL,
  evidence TEXT NOT NULL,
  superseded_by TEXT,
  content_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX monitor_control_place ON monitor_control(place_key, since_start);
CREATE INDEX monitor_control_since ON monitor_control(since_start);
CREATE INDEX monitor_control_lon_lat ON monitor_control(lon, lat);
CREATE INDEX monitor_control_name ON monitor_control(name_norm);
CREATE INDEX monitor_control_name_ar ON monitor_control(name_ar_norm);
CREATE INDEX monitor_control_superseded ON monitor_control(superseded_by) WHERE superseded_by IS NOT NULL;`,
    postgres: `
CREATE TABLE monitor_control (
  id text COLLATE "C" PRIMARY KEY,
  place_key text COLLATE "C" NOT NULL,
  place_name text NOT NULL,
  place_name_ar text,
  name_norm text NOT NULL,
  name_ar_norm text,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  admin1 text,
  country text,
  holder text,
  holder_name text,
  from_actor text,
  sub_event_type text NOT NULL,
  since_start text COLLATE "C" NOT NULL,
  since_end text COLLATE "C" NOT NULL,
  grade text,
  confidence double precision NOT NULL,
  event_ids text NOT NULL,
  doc_ids text NOT NULL,
  sources text NOT NULL,
  evidence text NOT NULL,
  superseded_by text COLLATE "C",
  content_hash text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX monitor_control_place ON monitor_control(place_key, since_start);
CREATE INDEX monitor_control_since ON monitor_control(since_start);
CREATE INDEX monitor_control_lon_lat ON monitor_control(lon, lat);
CREATE INDEX monitor_control_name ON monitor_control(name_norm);
CREATE INDEX monitor_control_name_ar ON monitor_control(name_ar_norm);
CREATE INDEX monitor_control_superseded ON monitor_control(superseded_by) WHERE superseded_by IS NOT NULL;`,
  },
];

interface ClaimRow {
  id: string; place_key: string; place_name: string; place_name_ar: string | null; lat: number; lon: number;
  admin1: string | null; country: string | null; holder: string | null; holder_name: string | null;
  from_actor: string | null; sub_event_type: string; since_start: string; since_end: string; grade: string | null;
  confidence: number; event_ids: string; doc_ids: string; sources: string; evidence: string;
  superseded_by: string | null;
}

const COLUMNS = `id, place_key, place_name, place_name_ar, lat, lon, admin1, country, holder, holder_name, from_actor,
  sub_event_type, since_start, since_end, grade, confidence, event_ids, doc_ids, sources, evidence, superseded_by`;

function fromRow(r: ClaimRow): ControlClaim {
  return {
    id: r.id,
    place: { key: r.place_key, name: r.place_name, name_ar: r.place_name_ar, lat: r.lat, lon: r.lon, admin1: r.admin1, country: r.country },
    holder: r.holder,
    holder_name: r.holder_name,
    from_actor: r.from_actor,
    sub_event_type: r.sub_event_type as TerritorySubType,
    since: { start: r.since_start, end: r.since_end },
    grade: r.grade as IncidentGrade | null,
    confidence: r.confidence,
    event_ids: JSON.parse(r.event_ids) as string[],
    doc_ids: JSON.parse(r.doc_ids) as string[],
    sources: JSON.parse(r.sources) as string[],
    evidence: JSON.parse(r.evidence) as string[],
    superseded_by: r.superseded_by,
  };
}

/** Names compared spelling-normalised and without spaces: news writes كفرنبودة for كفر نبودة. */
function nameKey(name: string): string {
  return normalise(name).replace(/\s+/g, '');
}

function contentHash(c: ControlClaim): string {
  const { superseded_by: _ignored, ...content } = c;
  return createHash('sha1').update(JSON.stringify(content)).digest('hex');
}

export interface UpsertCounts {
  added: number;
  changed: number;
}

export class ControlRepo {
  constructor(readonly db: MonitorDb) {}

  static async open(db: MonitorDb): Promise<ControlRepo> {
    await db.migrate('control', MIGRATIONS);
    return new ControlRepo(db);
  }

  /** Insert new claims, rewrite changed ones; superseded_by is kept as it was. */
  async upsert(claims: readonly ControlClaim[], now: Date = new Date()): Promise<UpsertCounts> {
    const counts: UpsertCounts = { added: 0, changed: 0 };
    if (claims.length === 0) return counts;
    await this.db.transaction(async (tx) => {
      for (const c of claims) {
        const hash = contentHash(c);
        const prior = await tx.all<{ content_hash: string }>('SELECT content_hash FROM monitor_control WHERE id = $1', [c.id]);
        if (prior[0]?.content_hash === hash) continue;
        const p = c.place;
        await tx.run(`INSERT INTO monitor_control (id, place_key, place_name, place_name_ar, name_norm, name_ar_norm, lat, lon,
            admin1, country, holder, holder_name, from_actor, sub_event_type, since_start, since_end, grade, confidence,
            event_ids, doc_ids, sources, evidence, superseded_by, content_hash, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL, $23, $24)
          ON CONFLICT (id) DO UPDATE SET place_key = excluded.place_key, place_name = excluded.place_name,
            place_name_ar = excluded.place_name_ar, name_norm = excluded.name_norm, name_ar_norm = excluded.name_ar_norm,
            lat = excluded.lat, lon = excluded.lon, admin1 = excluded.admin1, country = excluded.country,
            holder = excluded.holder, holder_name = excluded.holder_name, from_actor = excluded.from_actor,
            sub_event_type = excluded.sub_event_type, since_start = excluded.since_start, since_end = excluded.since_end,
            grade = excluded.grade, confidence = excluded.confidence, event_ids = excluded.event_ids,
            doc_ids = excluded.doc_ids, sources = excluded.sources, evidence = excluded.evidence,
            content_hash = excluded.content_hash, updated_at = excluded.updated_at`,
        [c.id, p.key, p.name, p.name_ar, nameKey(p.name), p.name_ar ? nameKey(p.name_ar) : null, p.lat, p.lon,
          p.admin1, p.country, c.holder, c.holder_name, c.from_actor, c.sub_event_type, c.since.start, c.since.end,
          c.grade, c.confidence, JSON.stringify(c.event_ids), JSON.stringify(c.doc_ids), JSON.stringify(c.sources),
          JSON.stringify(c.evidence), hash, now.toISOString()]);
        if (prior.length === 0) counts.added++;
        else counts.changed++;
      }
    });
    return counts;
  }

  /**
   * Make `byId` stand for exactly the claims `ids` (those that exist): they are marked superseded
   * by it, and claims it superseded before but no longer covers are released.
   */
  async setSuperseded(byId: string, ids: readonly string[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      let n = 0;
      const before = await tx.all<{ id: string }>('SELECT id FROM monitor_control WHERE superseded_by = $1', [byId]);
      for (const r of before) {
        if (!ids.includes(r.id)) n += await tx.run('UPDATE monitor_control SET superseded_by = NULL WHERE id = $1', [r.id]);
      }
      for (const id of ids) {
        n += await tx.run(`UPDATE monitor_control SET superseded_by = $1
          WHERE id = $2 AND (superseded_by IS NULL OR superseded_by <> $1)`, [byId, id]);
      }
      return n;
    });
  }

  /** Remove a claim (its incident is gone or no longer moves control) and release what it superseded. */
  async remove(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('UPDATE monitor_control SET superseded_by = NULL WHERE superseded_by = $1', [id]);
      return (await tx.run('DELETE FROM monitor_control WHERE id = $1', [id])) > 0;
    });
  }

  async get(id: string): Promise<ControlClaim | null> {
    const rows = await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Every claim of a place, superseded ones included. */
  async claimsForPlace(key: string): Promise<ControlClaim[]> {
    const rows = await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE place_key = $1 ORDER BY since_start, id`, [key]);
    return rows.map(fromRow);
  }

  /** Places whose key, English or Arabic name is `name` (spelling- and space-insensitive). */
  async findPlaces(name: string): Promise<ControlPlace[]> {
    const n = nameKey(name);
    const rows = await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control
      WHERE place_key = $1 OR name_norm = $2 OR name_ar_norm = $2 ORDER BY place_key, id`, [name, n]);
    const seen = new Map<string, ControlPlace>();
    for (const r of rows) if (!seen.has(r.place_key)) seen.set(r.place_key, fromRow(r).place);
    return [...seen.values()];
  }

  /** Claims that could have taken effect by `date` (since.start <= date), optionally in a box. */
  async claimsUpTo(date: string, bbox?: BBox): Promise<ControlClaim[]> {
    const rows = bbox
      ? await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE since_start <= $1
          AND lon >= $2 AND lon <= $4 AND lat >= $3 AND lat <= $5 ORDER BY place_key, since_start, id`,
        [date, bbox[0], bbox[1], bbox[2], bbox[3]])
      : await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE since_start <= $1
          ORDER BY place_key, since_start, id`, [date]);
    return rows.map(fromRow);
  }

  /** Claims whose date range overlaps [from, to], optionally in a box: the changes reported for a period. */
  async claimsBetween(from: string, to: string, bbox?: BBox): Promise<ControlClaim[]> {
    const rows = bbox
      ? await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE since_start <= $2 AND since_end >= $1
          AND lon >= $3 AND lon <= $5 AND lat >= $4 AND lat <= $6 ORDER BY since_start, place_key, id`,
        [from, to, bbox[0], bbox[1], bbox[2], bbox[3]])
      : await this.db.all<ClaimRow>(`SELECT ${COLUMNS} FROM monitor_control WHERE since_start <= $2 AND since_end >= $1
          ORDER BY since_start, place_key, id`, [from, to]);
    return rows.map(fromRow);
  }

  /** Ids of incident claims whose range overlaps [from, to] (all when unbounded). */
  async incidentClaimIds(from: string | null, to: string | null): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(`SELECT id FROM monitor_control WHERE id LIKE 'inc:%'
      AND ($1 = '' OR since_end >= $1) AND ($2 = '' OR since_start <= $2) ORDER BY id`, [from ?? '', to ?? '']);
    return rows.map((r) => r.id);
  }

  async count(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM monitor_control');
    return Number(rows[0]?.n ?? 0);
  }
}
