import type { DocumentRecord } from '../model/document.js';
import type { EventLocation, EventType, MarsadEvent, SubEventType } from '../model/event.js';

/**
 * How well an incident is established, from its sources (SPEC "Incidents"):
 * confirmed by a party, two or more independent sources, one source, sources that disagree on
 * the perpetrator, or reviewed and rejected.
 */
export type IncidentGrade = 'confirmed' | 'multiple-sources' | 'single-source' | 'contested' | 'discounted';
export const INCIDENT_GRADES: readonly IncidentGrade[] = [
  'confirmed', 'multiple-sources', 'single-source', 'contested', 'discounted',
];

/** An incident's place: its most precise member's location, without the words that named it. */
export type IncidentLocation = Omit<EventLocation, 'gazetteer_id' | 'text'>;

/** One event of an incident; doc_id and source are filled by the store from the stored event. */
export interface IncidentMember {
  event_id: string;
  doc_id: string;
  source: string | null;
}

export interface Incident {
  id: string;
  event_type: EventType;
  sub_event_type: SubEventType;
  grade: IncidentGrade;
  location: IncidentLocation | null;
  /** YYYY-MM-DD interval covering the member events. */
  date: { start: string; end: string } | null;
  actor_ids: string[];
  fatalities: number | null;
  members: IncidentMember[];
  /** Why these events were merged and graded so, one line a reason. */
  explanation: string[];
  created_at: string;
  updated_at: string;
}

/** What a caller hands to putIncident/updateIncident: the store sets timestamps and member sources. */
export type IncidentInput = Omit<Incident, 'created_at' | 'updated_at' | 'members'> & {
  members: readonly { event_id: string }[];
};

/** [minLon, minLat, maxLon, maxLat], WGS84 degrees (the GeoJSON bbox order). */
export type BBox = readonly [number, number, number, number];

type OneOrMany<T> = T | readonly T[];

export interface EventFilter {
  /** YYYY-MM-DD, inclusive: keeps items whose date interval overlaps [from, to]. */
  from?: string;
  to?: string;
  bbox?: BBox;
  admin1?: string;
  admin2?: string;
  /** Actor id on either side (actor1 or actor2). */
  actor?: string;
  event_type?: OneOrMany<EventType>;
  sub_event_type?: OneOrMany<SubEventType>;
  /** Document source name (e.g. "مدى بوست"). */
  source?: OneOrMany<string>;
  doc_id?: string;
  /** The member events of this incident. */
  incident_id?: string;
  /** Free text, Arabic or English; every word must match (clitic- and spelling-tolerant). */
  text?: string;
  /** Where `text` is looked for: the event's own evidence and names (default), or its whole document. */
  text_scope?: 'event' | 'document';
  /** Leave out events of documents linked as near-duplicates of another. */
  exclude_duplicates?: boolean;
}

export interface IncidentFilter extends Omit<EventFilter, 'doc_id' | 'incident_id' | 'text_scope' | 'exclude_duplicates'> {
  grade?: OneOrMany<IncidentGrade>;
  /** Incidents having this event as a member. */
  event_id?: string;
}

export interface PageRequest {
  /** 1..MAX_PAGE_LIMIT, default DEFAULT_PAGE_LIMIT. */
  limit?: number;
  /** The `next` of the previous page; absent for the first page. */
  cursor?: string | null;
}

/** Items sorted by date (start) descending, then id ascending; undated items come last. */
export interface Page<T> {
  items: T[];
  /** Opaque; null when this is the last page. */
  next: string | null;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 5000;

/** An event as stored, with the facts of its document that listings and exports need. */
export interface StoredEvent {
  event: MarsadEvent;
  source: string | null;
  url: string | null;
  /** The document's publication date (YYYY-MM-DD). */
  published: string | null;
  /** When the document is a linked near-copy: the first copy's id. */
  duplicate_of: string | null;
  /** ISO timestamp of when its document was stored. */
  stored_at: string;
}

export interface StoredDocument {
  doc: DocumentRecord;
  text: string;
  /** The first copy this document is a near-duplicate of, if linked. */
  duplicate_of: string | null;
  similarity: number | null;
  stored_at: string;
}

export type DocumentSummary = Omit<StoredDocument, 'text'>;

export interface PutResult {
  /** False when a document with this id was already stored (nothing was written). */
  added: boolean;
  events: number;
}

/** A stored document's near-duplicate fingerprint, as findNearCandidates returns it. */
export interface FingerprintCandidate {
  doc_id: string;
  /** Opaque to the store (src/incidents/near-duplicates.ts serialises it). */
  fingerprint: string;
}

export interface StoreCounts {
  documents: number;
  events: number;
  incidents: number;
  /** Documents linked as near-duplicates. */
  duplicates: number;
}
