import type { CursorKey, ResolvedFilter } from '../filter.js';
import { NO_DATE } from '../rows.js';
import { kindRange, subEventCode } from './kinds.js';

/** A WHERE clause with its positional (?) parameters. */
export interface Where {
  sql: string;
  params: (string | number)[];
}

/** R-tree day of an undated item: outside every time range, inside "any time". */
export const NO_DAY = -1e9;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (whole numbers, exact in the R-tree's 32-bit floats). */
export function dayNumber(date: string): number {
  return date === NO_DATE ? NO_DAY : Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The R-tree box of an item: a point in space, its date interval in time, its kind. */
export function rtreeBox(lon: number, lat: number, start: string, end: string, subEventType: string): number[] {
  const kind = subEventCode(subEventType);
  return [lon, lon, lat, lat, dayNumber(start), dayNumber(end), kind, kind];
}

/**
 * The R-tree search for a filter's box and time range. The R-tree keeps 32-bit floats rounded
 * outwards, so it returns boxes touching the query (a superset); the column checks in the
 * WHERE clause make the edges exact.
 */
export function rtreeSearch(table: string, f: ResolvedFilter): Where {
  const [minLon, minLat, maxLon, maxLat] = f.bbox!;
  const w: Where = {
    sql: `SELECT rid FROM ${table} WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?`,
    params: [minLon, maxLon, minLat, maxLat],
  };
  if (f.from !== null) {
    w.sql += ' AND max_day >= ?';
    w.params.push(dayNumber(f.from));
  }
  if (f.to !== null) {
    w.sql += ' AND min_day <= ? AND min_day > ?';
    w.params.push(dayNumber(f.to), NO_DAY);
  }
  const kinds = kindRange(f);
  if (kinds !== null) {
    w.sql += ' AND max_kind >= ? AND min_kind <= ?';
    w.params.push(kinds[0], kinds[1]);
  }
  return w;
}

/**
 * Above this many R-tree hits, a query is answered by walking the date-ordered index and
 * checking coordinates instead: matches are then dense enough to fill a page quickly, whereas
 * driving from the R-tree would fetch and sort them all.
 */
export const RTREE_DRIVE_MAX = 5000;

/**
 * Above this many full-text hits, the text condition is checked row by row (FTS5 seeks by
 * rowid) while walking the date index, rather than materialising every hit and sorting them.
 */
export const FTS_DRIVE_MAX = 5000;

/** How the R-tree and the full-text index take part in an event query (chosen by probing). */
export interface Plan {
  /** Drive from R-tree hits (few), or check lat/lon columns while walking the date index (many). */
  rtree: boolean;
  /** Drive from full-text hits (few), or check each row against the index (many). */
  ftsDrive: boolean;
}

/** FTS5 query: every term quoted (terms are letters and digits only) and required. */
export function ftsQuery(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(' AND ');
}

function inList(col: string, values: readonly string[], w: Where, parts: string[]): void {
  if (values.length === 0) return;
  parts.push(`${col} IN (${values.map(() => '?').join(', ')})`);
  w.params.push(...values);
}

/**
 * Conditions shared by events (alias e) and incidents (alias i): both tables have date_start,
 * date_end, lat, lon, admin1, admin2, event_type, sub_event_type, id and an R-tree keyed by rid.
 */
function common(alias: string, rtree: string | null, f: ResolvedFilter, cursor: CursorKey | null, w: Where, parts: string[]): void {
  const a = alias;
  if (f.from !== null) {
    parts.push(`${a}.date_end >= ?`);
    w.params.push(f.from);
  }
  if (f.to !== null) {
    parts.push(`${a}.date_start <= ? AND ${a}.date_start <> ?`);
    w.params.push(f.to, NO_DATE);
  }
  if (f.bbox !== null) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    if (rtree !== null) {
      const search = rtreeSearch(rtree, f);
      parts.push(`${a}.rid IN (${search.sql})`);
      w.params.push(...search.params);
    }
    parts.push(`${a}.lon BETWEEN ? AND ? AND ${a}.lat BETWEEN ? AND ?`);
    w.params.push(minLon, maxLon, minLat, maxLat);
  }
  if (f.admin1 !== null) {
    parts.push(`${a}.admin1 = ?`);
    w.params.push(f.admin1);
  }
  if (f.admin2 !== null) {
    parts.push(`${a}.admin2 = ?`);
    w.params.push(f.admin2);
  }
  inList(`${a}.event_type`, f.eventTypes, w, parts);
  inList(`${a}.sub_event_type`, f.subEventTypes, w, parts);
  if (cursor !== null) {
    parts.push(`(${a}.date_start < ? OR (${a}.date_start = ? AND ${a}.id > ?))`);
    w.params.push(cursor.date, cursor.date, cursor.id);
  }
}

function finish(w: Where, parts: string[]): Where {
  w.sql = parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
  return w;
}

/** For `FROM events e JOIN documents d ON d.id = e.doc_id`. */
export function eventWhere(f: ResolvedFilter, cursor: CursorKey | null, plan: Plan = { rtree: true, ftsDrive: true }): Where {
  const w: Where = { sql: '', params: [] };
  const parts: string[] = [];
  common('e', plan.rtree ? 'events_rtree' : null, f, cursor, w, parts);
  if (f.actor !== null) {
    parts.push('(e.actor1_id = ? OR e.actor2_id = ?)');
    w.params.push(f.actor, f.actor);
  }
  inList('e.source', f.sources, w, parts);
  if (f.docId !== null) {
    parts.push('e.doc_id = ?');
    w.params.push(f.docId);
  }
  if (f.incidentId !== null) {
    parts.push('e.id IN (SELECT event_id FROM incident_members WHERE incident_id = ?)');
    w.params.push(f.incidentId);
  }
  if (f.excludeDuplicates) parts.push('d.duplicate_of IS NULL');
  if (f.terms !== null) {
    const [table, row] = f.textScope === 'document' ? ['documents_fts', 'd.rid'] : ['events_fts', 'e.rid'];
    parts.push(plan.ftsDrive
      ? `${row} IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`
      : `EXISTS (SELECT 1 FROM ${table} WHERE ${table} MATCH ? AND rowid = ${row})`);
    w.params.push(ftsQuery(f.terms));
  }
  return finish(w, parts);
}

/**
 * For `FROM incidents i`. Actor, source, event and text conditions go through member tables.
 * `plan.rtree` as for events: false when the box holds so many incidents that walking the date
 * index and checking coordinates fills a page sooner than fetching and sorting every R-tree hit.
 */
export function incidentWhere(f: ResolvedFilter, cursor: CursorKey | null, plan: Pick<Plan, 'rtree'> = { rtree: true }): Where {
  const w: Where = { sql: '', params: [] };
  const parts: string[] = [];
  common('i', plan.rtree ? 'incidents_rtree' : null, f, cursor, w, parts);
  inList('i.grade', f.grades, w, parts);
  if (f.actor !== null) {
    parts.push('i.id IN (SELECT incident_id FROM incident_actors WHERE actor_id = ?)');
    w.params.push(f.actor);
  }
  if (f.sources.length > 0) {
    parts.push(`i.id IN (SELECT m.incident_id FROM incident_members m JOIN events e ON e.id = m.event_id
      WHERE e.source IN (${f.sources.map(() => '?').join(', ')}))`);
    w.params.push(...f.sources);
  }
  if (f.eventId !== null) {
    parts.push('i.id IN (SELECT incident_id FROM incident_members WHERE event_id = ?)');
    w.params.push(f.eventId);
  }
  if (f.terms !== null) {
    parts.push(`i.id IN (SELECT m.incident_id FROM incident_members m JOIN events e ON e.id = m.event_id
      WHERE e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?))`);
    w.params.push(ftsQuery(f.terms));
  }
  return finish(w, parts);
}
