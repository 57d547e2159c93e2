import type { Polygon, MultiPolygon } from 'geojson';
import type { InterCode, SubEventType } from '../model/event.js';

/**
 * The monitoring layer's shared vocabulary. An agreement file (YAML or JSON) is validated and
 * loaded into an Agreement: zones given as lines with a buffer are turned into polygons at load,
 * so everything downstream sees polygons.
 */
export interface PartyRef {
  /** An actor id of the catalogue (lexicon/actors.yaml) where one fits, e.g. "turkey". */
  id: string;
  name: string;
}

export interface Zone {
  id: string;
  name: string;
  name_ar?: string;
  geometry: Polygon | MultiPolygon;
  /** How a zone given as a line with a buffer was built (kept so it can be traced and rebuilt). */
  built_from?: ZoneSource;
}

/** A point of a zone's line as resolved from the gazetteer at load. */
export interface ResolvedPlaceRef {
  /** The name or id the file gave. */
  ref: string;
  gazetteer_id: string;
  name: string;
  lat: number;
  lon: number;
}

export interface ZoneSource {
  /** The line's points, [lon, lat] (GeoJSON order). */
  line: [number, number][];
  /** Set when the line was given as gazetteer places, in line order. */
  places?: ResolvedPlaceRef[];
  /** Buffer on each side of the line, km. */
  buffer_km: number;
}

export interface ObservationPost {
  id: string;
  name: string;
  name_ar?: string;
  lat: number;
  lon: number;
  radius_km: number;
  /** Party id holding the post. */
  held_by: string;
  /** The gazetteer record the point comes from ("wof:…"), so it can be traced. */
  gazetteer_id?: string;
  /** Why the point is where it is, when that is not obvious (a nearby record standing in). */
  note?: string;
}

export type RuleScope =
  | { kind: 'zone'; zone: string | 'any' }
  | { kind: 'post'; post: string | 'any'; within_km?: number };

export interface Rule {
  id: string;
  description: string;
  sub_event_types: SubEventType[];
  /** Perpetrators this rule binds (actor ids, matched with their descendants); empty = anyone. */
  actors: string[];
  /** Or by ACLED inter code of the perpetrator; empty = any. */
  actor_inters: InterCode[];
  scope: RuleScope;
  from: string | null;
  until: string | null;
}

export interface Agreement {
  id: string;
  name: string;
  description: string;
  /** Set when the geometry is an approximation, and how it was built. */
  approximation: string | null;
  parties: PartyRef[];
  guarantors: PartyRef[];
  effective: { from: string; until: string | null };
  zones: Zone[];
  posts: ObservationPost[];
  rules: Rule[];
}

export interface Violation {
  /** Stable: derived from agreement, rule and incident ids. */
  id: string;
  agreement_id: string;
  rule_id: string;
  zone_id: string | null;
  post_id: string | null;
  incident_id: string;
  /** Perpetrator ids of the incident that the rule binds. */
  parties: string[];
  grade: string;
  date: { start: string; end: string };
  lat: number;
  lon: number;
  sub_event_type: SubEventType;
  /**
   * Who answers for it under the agreement: each of `parties` rolled up to the agreement party or
   * guarantor it is or descends from (tiger-forces → syria-government-forces); one that belongs
   * to none stays itself (hts). Empty when the perpetrator is unknown.
   */
  accountable?: string[];
  /** The incident's member events: the evidence. */
  event_ids?: string[];
}
