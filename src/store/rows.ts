import type { DocumentRecord } from '../model/document.js';
import type { MarsadEvent } from '../model/event.js';
import { indexTerms } from './search/analyse.js';
import type { Incident, IncidentInput } from './types.js';

/**
 * The flat column values of a document, an event and an incident, computed once here so both
 * backends store exactly the same things. Records themselves are kept as JSON text, which
 * preserves the event format (key order included) for exports.
 */

/** An undated item sorts after every dated one (date descending) and never matches a time range. */
export const NO_DATE = '';

export interface DocumentRow {
  id: string;
  source: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string;
  record: string;
  text: string;
  terms: string[];
  sort_date: string;
}

export function documentRow(doc: DocumentRecord, text: string): DocumentRow {
  return {
    id: doc.id,
    source: doc.source,
    url: doc.url,
    title: doc.title,
    published: doc.published,
    language: doc.language,
    record: JSON.stringify(doc),
    text,
    terms: indexTerms([doc.title, text]),
    sort_date: doc.published ?? NO_DATE,
  };
}

export interface EventRow {
  id: string;
  doc_id: string;
  event_type: string;
  sub_event_type: string;
  actor1_id: string | null;
  actor2_id: string | null;
  date_start: string;
  date_end: string;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  source: string | null;
  record: string;
  terms: string[];
}

export function eventRow(e: MarsadEvent, source: string | null): EventRow {
  const loc = e.location;
  const texts: (string | null | undefined)[] = e.evidence.map((s) => s.text);
  texts.push(e.actor1?.text, e.actor1?.name, e.actor2?.text, e.actor2?.name);
  if (loc) texts.push(loc.name, loc.name_ar, loc.text, loc.admin1, loc.admin2, loc.admin3);
  return {
    id: e.id,
    doc_id: e.doc_id,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    actor1_id: e.actor1?.id ?? null,
    actor2_id: e.actor2?.id ?? null,
    date_start: e.date?.start ?? NO_DATE,
    date_end: e.date?.end ?? NO_DATE,
    lat: loc ? loc.lat : null,
    lon: loc ? loc.lon : null,
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    source,
    record: JSON.stringify(e),
    terms: indexTerms(texts),
  };
}

export interface IncidentRow {
  id: string;
  event_type: string;
  sub_event_type: string;
  grade: string;
  date_start: string;
  date_end: string;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  fatalities: number | null;
  /** The incident without members and timestamps, which live in their own columns/tables. */
  record: string;
}

type IncidentBody = Omit<Incident, 'members' | 'created_at' | 'updated_at'>;

export function incidentRow(inc: IncidentInput): IncidentRow {
  const body: IncidentBody = {
    id: inc.id,
    event_type: inc.event_type,
    sub_event_type: inc.sub_event_type,
    grade: inc.grade,
    location: inc.location,
    date: inc.date,
    actor_ids: [...inc.actor_ids],
    fatalities: inc.fatalities,
    explanation: [...inc.explanation],
  };
  return {
    id: inc.id,
    event_type: inc.event_type,
    sub_event_type: inc.sub_event_type,
    grade: inc.grade,
    date_start: inc.date?.start ?? NO_DATE,
    date_end: inc.date?.end ?? NO_DATE,
    lat: inc.location ? inc.location.lat : null,
    lon: inc.location ? inc.location.lon : null,
    admin1: inc.location?.admin1 ?? null,
    admin2: inc.location?.admin2 ?? null,
    fatalities: inc.fatalities,
    record: JSON.stringify(body),
  };
}

export function incidentFromRow(
  record: string,
  members: Incident['members'],
  createdAt: string,
  updatedAt: string,
): Incident {
  const body = JSON.parse(record) as IncidentBody;
  return { ...body, members, created_at: createdAt, updated_at: updatedAt };
}

/** Incident ids and events are plain JSON we wrote ourselves; parsing trusts that. */
export function parseEvent(record: string): MarsadEvent {
  return JSON.parse(record) as MarsadEvent;
}

export function parseDocument(record: string): DocumentRecord {
  return JSON.parse(record) as DocumentRecord;
}
