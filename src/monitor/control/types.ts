import type { SubEventType } from '../../model/event.js';
import type { IncidentGrade } from '../../store/types.js';

/** The sub-event types that move control of a place. */
export const TERRITORY_SUB_TYPES = [
  'Government regains territory',
  'Non-state actor overtakes territory',
  'Non-violent transfer of territory',
] as const satisfies readonly SubEventType[];
export type TerritorySubType = (typeof TERRITORY_SUB_TYPES)[number];

export function isTerritorySubType(s: string): s is TerritorySubType {
  return (TERRITORY_SUB_TYPES as readonly string[]).includes(s);
}

/** A place whose control is tracked; `key` is its gazetteer id ("wof:…"), else "ll:lat,lon". */
export interface ControlPlace {
  key: string;
  name: string;
  name_ar: string | null;
  lat: number;
  lon: number;
  admin1: string | null;
  country: string | null;
}

/**
 * One report that control of a place changed: "holder took it at some time within `since`".
 * A claim comes from one event ("ev:<event id>") or from a graded incident ("inc:<incident id>")
 * that gathers the reports of several sources; an incident's claim supersedes its members'.
 */
export interface ControlClaim {
  id: string;
  place: ControlPlace;
  /** Who holds the place after the change; null when a report says only who left it. */
  holder: string | null;
  holder_name: string | null;
  /** Who lost it, when reported. */
  from_actor: string | null;
  sub_event_type: TerritorySubType;
  /** The event's (or incident's) date range: the change happened at some time within it. */
  since: { start: string; end: string };
  /** The incident's grade; null for an event that no incident grades yet. */
  grade: IncidentGrade | null;
  confidence: number;
  event_ids: string[];
  doc_ids: string[];
  sources: string[];
  /** The evidence sentences, as the documents wrote them. */
  evidence: string[];
  /** The incident claim that stands for this event claim, if any. */
  superseded_by: string | null;
}

export type ControlStatus = 'held' | 'contested' | 'unknown';

/** Who holds a place on a date, and on what evidence. */
export interface PlaceControl {
  place: ControlPlace;
  date: string;
  /**
   * held: the latest reported change names one holder; contested: reports for the same period
   * name different holders (all are listed); unknown: no change reported on or before the date,
   * or the latest report says only who left.
   */
  status: ControlStatus;
  /** Set when held. */
  holder: string | null;
  /** Contested: every holder claimed, in order of first report. */
  holders: string[];
  /** The date range of the change that made the current situation (the tightest agreeing range). */
  since: { start: string; end: string } | null;
  /**
   * True when the date falls inside that range: the change is reported to have happened by the
   * range's end, possibly after this date.
   */
  in_transition: boolean;
  /** The claims behind the answer: all agreeing ones, or all the contradicting ones. */
  claims: ControlClaim[];
  /** The situation before the current change, when reports show one. */
  previous: { status: ControlStatus; holder: string | null; holders: string[]; since: { start: string; end: string } | null } | null;
}
