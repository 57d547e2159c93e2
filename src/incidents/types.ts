import type {
  Attribution, EventActor, EventDate, EventLocation, EventType, MarsadEvent, SubEventType,
} from '../model/event.js';

/** An event together with what incident grading needs to know about its document. */
export interface EventWithSource {
  event: MarsadEvent;
  /** The outlet's name as the document gave it; null when unknown. */
  source: string | null;
  doc_id: string;
  /** When the document is a syndicated near-copy: the id of the first copy. */
  duplicate_of: string | null;
  /** YYYY-MM-DD */
  published: string | null;
}

/**
 * One event of an incident, kept whole enough that the incident's summary (place, date, actors,
 * fatalities, grade) can be recomputed from its members alone.
 */
export interface IncidentMember {
  event_id: string;
  doc_id: string;
  source: string | null;
  duplicate_of: string | null;
  published: string | null;
  sub_event_type: SubEventType;
  actor1: EventActor | null;
  actor2: EventActor | null;
  attribution: Attribution;
  location: EventLocation | null;
  date: EventDate | null;
  fatalities: number | null;
  injured: number | null;
  /** Why this event joined (the match reasons); empty for the event that opened the incident. */
  joined_because: string[];
}

export type IncidentGrade = 'confirmed' | 'multiple-sources' | 'single-source' | 'contested' | 'discounted';

export interface IncidentActors {
  /** The perpetrator most members name (the most specific id of that group). */
  actor1: EventActor | null;
  actor2: EventActor | null;
  /** Every named perpetrator id the members report, in order of first report; ≥2 unrelated ids = contested. */
  perpetrators: string[];
}

export interface IncidentState {
  /** Stable: "inc-" + the id of the event that opened the incident. */
  id: string;
  event_type: EventType;
  sub_event_type: SubEventType;
  members: IncidentMember[];
  /** The most precise member's location (lowest geo_precision; the earliest member on a tie). */
  location: EventLocation | null;
  /** Intersection of the members' dates when non-empty, else their union. */
  date: EventDate | null;
  actors: IncidentActors;
  /** The largest toll any member reports (reports of one incident are not added up). */
  fatalities: number | null;
  injured: number | null;
  /** Distinct source names, in order of first report. */
  sources: string[];
  /** Sources that are independent: distinct outlets, near-copies of one story counted once. */
  independent_sources: number;
  grade: IncidentGrade;
  /** Set by an analyst who rejected the incident; kept when new events join. */
  discounted: boolean;
  explanation: string[];
}
