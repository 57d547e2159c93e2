import type { EventActor } from '../model/event.js';
import { actorRelation, defaultParentOf, type ActorRelation, type ParentOf } from './actors.js';
import { DEFAULT_DATE_SLACK_DAYS, DEFAULT_MAX_DISTANCE_KM } from './candidate-keys.js';
import { dayRange, formatRange, gapDays } from './dates.js';
import { haversineKm } from '../geo/geo-math.js';
import { subTypeRelation } from './sub-types.js';
import type { EventWithSource, IncidentState } from './types.js';

/**
 * Does an event describe the same happening as an incident? Every test must pass:
 *   - a different document: two events of ONE document are two happenings that document
 *     tells apart (a near-copy of a member's document may join, but adds no independent source);
 *   - the same sub-type, or an explicitly compatible pair (sub-types.ts);
 *   - within maxDistanceKm of the incident's place, or the same gazetteer record;
 *   - date ranges overlapping, allowing dateSlackDays between them;
 *   - compatible targets (actor2): the same id, one is part of the other, or one side unknown.
 * The perpetrator (actor1) never blocks on its own: when everything else agrees and two named
 * perpetrators differ, the event joins and the incident is contested — sources disagreeing on
 * who struck is exactly what a monitor needs to see side by side.
 * The score (0..1) only ranks incidents that all pass.
 */

export interface MatchOptions {
  maxDistanceKm?: number;
  dateSlackDays?: number;
  parentOf?: ParentOf;
}

export interface MatchResult {
  match: boolean;
  score: number;
  /** The event's perpetrator differs from the incident's (the incident becomes contested). */
  contested: boolean;
  /** Human-readable reasons, for and (when match is false) against. */
  reasons: string[];
}

const WEIGHTS = { subType: 0.2, place: 0.3, date: 0.2, actor1: 0.2, actor2: 0.1 } as const;

/**
 * Two town-precision places this close are one town under two records (a Who's On First
 * locality and the COD-AB community of the same name), not two towns.
 */
const SAME_TOWN_KM = 2;

const ACTOR_SCORE: Record<ActorRelation, number> = { same: 1, parent: 0.8, unknown: 0.5, different: 0.2 };

function actorLabel(a: EventActor | null): string {
  return a === null ? 'unknown' : a.id;
}

export function matchEventToIncident(ews: EventWithSource, inc: IncidentState, opts: MatchOptions = {}): MatchResult {
  const maxKm = opts.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
  const slack = opts.dateSlackDays ?? DEFAULT_DATE_SLACK_DAYS;
  const parentOf = opts.parentOf ?? defaultParentOf;
  const ev = ews.event;
  const reasons: string[] = [];
  let blocked = false;
  const against = (why: string): void => {
    reasons.push(why);
    blocked = true;
  };

  // Documents.
  for (const m of inc.members) {
    if (m.event_id === ev.id) return { match: false, score: 0, contested: false, reasons: ['already a member'] };
    if (m.doc_id === ews.doc_id) {
      return {
        match: false, score: 0, contested: false,
        reasons: [`same document ${ews.doc_id} already in the incident: its events are separate happenings`],
      };
    }
  }
  const copyOf = inc.members.find(
    (m) => ews.duplicate_of === m.doc_id || m.duplicate_of === ews.doc_id ||
      (ews.duplicate_of !== null && ews.duplicate_of === m.duplicate_of),
  );
  if (copyOf !== undefined) reasons.push(`near-copy of document ${copyOf.doc_id}: not an independent source`);

  // Sub-type: against the incident's and every member's (compatible pairs are not transitive).
  let subScore = 1;
  const relToIncident = subTypeRelation(ev.sub_event_type, inc.sub_event_type);
  const clash = inc.members.find((m) => subTypeRelation(ev.sub_event_type, m.sub_event_type) === 'different');
  if (relToIncident === 'different' || clash !== undefined) {
    const other = relToIncident === 'different' ? inc.sub_event_type : clash!.sub_event_type;
    against(`sub-types differ: ${ev.sub_event_type} vs ${other}`);
    subScore = 0;
  } else if (relToIncident === 'same' && inc.members.every((m) => m.sub_event_type === ev.sub_event_type)) {
    reasons.push(`same sub-type (${ev.sub_event_type})`);
  } else {
    reasons.push(`compatible sub-types: ${ev.sub_event_type} / ${inc.sub_event_type}`);
    subScore = 0.6;
  }

  // Place.
  let placeScore = 0;
  if (ev.location === null || inc.location === null) {
    against('no location to compare');
  } else {
    const km = haversineKm(ev.location.lat, ev.location.lon, inc.location.lat, inc.location.lon);
    const sameRecord = ev.location.gazetteer_id !== '' && ev.location.gazetteer_id === inc.location.gazetteer_id;
    if (sameRecord) {
      reasons.push(`same place (${inc.location.name}, ${inc.location.gazetteer_id})`);
      placeScore = 1;
    } else if (km > maxKm) {
      against(`${km.toFixed(1)} km apart (${ev.location.name} / ${inc.location.name}), more than ${maxKm} km`);
    } else if (ev.location.geo_precision === 1 && inc.location.geo_precision === 1 && km > SAME_TOWN_KM) {
      // Two reports that each name a town report two happenings, however near (ACLED codes one
      // event per location): the capture of a village the day after its neighbour's, air strikes
      // on two villages the same morning. Distance joins a town with a report that places the
      // happening less precisely ("near X", "the X countryside").
      against(`different towns named: ${ev.location.name} / ${inc.location.name} (${km.toFixed(1)} km apart)`);
    } else {
      reasons.push(`${km.toFixed(1)} km apart (${ev.location.name} / ${inc.location.name})`);
      placeScore = 1 - km / maxKm / 2;
    }
  }

  // Date.
  let dateScore = 0;
  if (ev.date === null || inc.date === null) {
    against('no date to compare');
  } else {
    const a = dayRange(ev.date, `event ${ev.id}`);
    const b = dayRange(inc.date, `incident ${inc.id}`);
    const gap = gapDays(a, b);
    if (gap === 0) {
      reasons.push(`dates overlap (${formatRange(a)} / ${formatRange(b)})`);
      dateScore = 1;
    } else if (gap <= slack) {
      reasons.push(`dates ${gap} day${gap === 1 ? '' : 's'} apart, within the ${slack}-day slack (${formatRange(a)} / ${formatRange(b)})`);
      dateScore = 0.5;
    } else {
      against(`dates ${gap} days apart (${formatRange(a)} / ${formatRange(b)})`);
    }
  }

  // Target: must be compatible with every member that names one.
  let actor2Score = ACTOR_SCORE.unknown;
  const target2 = inc.actors.actor2;
  const clash2 = inc.members.find((m) => actorRelation(ev.actor2, m.actor2, parentOf) === 'different');
  if (clash2 !== undefined) {
    against(`actor2 differs: ${actorLabel(ev.actor2)} vs ${actorLabel(clash2.actor2)}`);
    actor2Score = 0;
  } else {
    const rel = actorRelation(ev.actor2, target2, parentOf);
    actor2Score = ACTOR_SCORE[rel];
    if (rel === 'same') reasons.push(`actor2 ${actorLabel(ev.actor2)} in both`);
    else if (rel === 'parent') reasons.push(`actor2 ${actorLabel(ev.actor2)} / ${actorLabel(target2)}: one is part of the other`);
  }

  // Perpetrator: disagreement marks the incident contested, it does not keep the event out.
  const perp = inc.actors.actor1;
  const rel1 = actorRelation(ev.actor1, perp, parentOf);
  let contested = false;
  if (rel1 === 'same') reasons.push(`actor1 ${actorLabel(ev.actor1)} in both`);
  else if (rel1 === 'parent') reasons.push(`actor1 ${actorLabel(ev.actor1)} / ${actorLabel(perp)}: one is part of the other`);
  else if (rel1 === 'unknown') reasons.push(`actor1 ${actorLabel(ev.actor1)} / ${actorLabel(perp)}: one side does not name a perpetrator`);
  else {
    contested = true;
    reasons.push(`perpetrator disputed: ${actorLabel(ev.actor1)} vs ${actorLabel(perp)}`);
  }

  const score = blocked ? 0 :
    WEIGHTS.subType * subScore + WEIGHTS.place * placeScore + WEIGHTS.date * dateScore +
    WEIGHTS.actor1 * ACTOR_SCORE[rel1] + WEIGHTS.actor2 * actor2Score;
  return { match: !blocked, score: Math.round(score * 1000) / 1000, contested, reasons };
}
