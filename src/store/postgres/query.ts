import type { CursorKey, ResolvedFilter } from '../filter.js';
import { NO_DATE } from '../rows.js';

/** A WHERE clause with its $n parameters. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Add a parameter; returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** tsquery of required terms; each quoted as a lexeme (terms are letters and digits only). */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `'${t}'`).join(' & ');
}

function common(a: string, f: ResolvedFilter, cursor: CursorKey | null, postgis: boolean, w: Where): void {
  if (f.from !== null) w.parts.push(`${a}.date_end >= ${w.p(f.from)}`);
  if (f.to !== null) w.parts.push(`${a}.date_start <= ${w.p(f.to)} AND ${a}.date_start <> ${w.p(NO_DATE)}`);
  if (f.bbox !== null) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    if (postgis) {
      w.parts.push(`${a}.geom && public.ST_MakeEnvelope(${w.p(minLon)}, ${w.p(minLat)}, ${w.p(maxLon)}, ${w.p(maxLat)}, 4326)`);
    }
    w.parts.push(`${a}.lon BETWEEN ${w.p(minLon)} AND ${w.p(maxLon)} AND ${a}.lat BETWEEN ${w.p(minLat)} AND ${w.p(maxLat)}`);
  }
  if (f.admin1 !== null) w.parts.push(`${a}.admin1 = ${w.p(f.admin1)}`);
  if (f.admin2 !== null) w.parts.push(`${a}.admin2 = ${w.p(f.admin2)}`);
  if (f.eventTypes.length > 0) w.parts.push(`${a}.event_type = ANY(${w.p(f.eventTypes)}::text[])`);
  if (f.subEventTypes.length > 0) w.parts.push(`${a}.sub_event_type = ANY(${w.p(f.subEventTypes)}::text[])`);
  if (cursor !== null) {
    const d = w.p(cursor.date);
    w.parts.push(`(${a}.date_start < ${d} OR (${a}.date_start = ${d} AND ${a}.id > ${w.p(cursor.id)}))`);
  }
}

/** For `FROM events e JOIN documents d ON d.id = e.doc_id`. */
export function eventWhere(f: ResolvedFilter, cursor: CursorKey | null, postgis: boolean): Where {
  const w = new Where();
  common('e', f, cursor, postgis, w);
  if (f.actor !== null) {
    const p = w.p(f.actor);
    w.parts.push(`(e.actor1_id = ${p} OR e.actor2_id = ${p})`);
  }
  if (f.sources.length > 0) w.parts.push(`e.source = ANY(${w.p(f.sources)}::text[])`);
  if (f.docId !== null) w.parts.push(`e.doc_id = ${w.p(f.docId)}`);
  if (f.incidentId !== null) {
    w.parts.push(`e.id IN (SELECT event_id FROM incident_members WHERE incident_id = ${w.p(f.incidentId)})`);
  }
  if (f.excludeDuplicates) w.parts.push('d.duplicate_of IS NULL');
  if (f.terms !== null) {
    const col = f.textScope === 'document' ? 'd.terms' : 'e.terms';
    w.parts.push(`${col} @@ ${w.p(tsQuery(f.terms))}::tsquery`);
  }
  return w;
}

/** For `FROM incidents i`. */
export function incidentWhere(f: ResolvedFilter, cursor: CursorKey | null, postgis: boolean): Where {
  const w = new Where();
  common('i', f, cursor, postgis, w);
  if (f.grades.length > 0) w.parts.push(`i.grade = ANY(${w.p(f.grades)}::text[])`);
  if (f.actor !== null) {
    w.parts.push(`i.id IN (SELECT incident_id FROM incident_actors WHERE actor_id = ${w.p(f.actor)})`);
  }
  if (f.sources.length > 0) {
    w.parts.push(`i.id IN (SELECT m.incident_id FROM incident_members m JOIN events e ON e.id = m.event_id
      WHERE e.source = ANY(${w.p(f.sources)}::text[]))`);
  }
  if (f.eventId !== null) {
    w.parts.push(`i.id IN (SELECT incident_id FROM incident_members WHERE event_id = ${w.p(f.eventId)})`);
  }
  if (f.terms !== null) {
    w.parts.push(`i.id IN (SELECT m.incident_id FROM incident_members m JOIN events e ON e.id = m.event_id
      WHERE e.terms @@ ${w.p(tsQuery(f.terms))}::tsquery)`);
  }
  return w;
}
