import type { EventActor, EventLocation, MarsadEvent } from '../../model/event.js';
import type { Incident, IncidentGrade, StoredEvent } from '../../store/types.js';
import { isTerritorySubType, type ControlClaim, type ControlPlace } from './types.js';

/**
 * Claims of a change of control, from events and incidents. Ids are stable ("ev:<event id>",
 * "inc:<incident id>") so feeding the same reports again rewrites the same rows.
 */

/** The place key: the gazetteer record, so that every report of a village lands on one timeline. */
export function placeOf(loc: EventLocation): ControlPlace {
  const key = loc.gazetteer_id && loc.gazetteer_id.length > 0 ? loc.gazetteer_id : `ll:${loc.lat.toFixed(4)},${loc.lon.toFixed(4)}`;
  return { key, name: loc.name, name_ar: loc.name_ar, lat: loc.lat, lon: loc.lon, admin1: loc.admin1, country: loc.country };
}

/**
 * Who holds the place after the event, and who lost it. Captures (ACLED "regains"/"overtakes")
 * name the taker as actor1. For a non-violent transfer the holder is who received it: actor1
 * too (ACLED codes the actor acquiring territory first), except when the report is a withdrawal
 * (PLOVER RETREAT: actor1 is the one who left) — then actor2, or nobody known.
 */
export function holderOf(e: MarsadEvent): { holder: EventActor | null; from: EventActor | null } {
  if (e.sub_event_type === 'Non-violent transfer of territory' && e.plover === 'RETREAT') {
    return { holder: e.actor2, from: e.actor1 };
  }
  return { holder: e.actor1, from: e.actor2 };
}

function evidenceText(e: MarsadEvent): string {
  return e.evidence.map((s) => s.text).filter((t) => t.length > 0).join(' … ');
}

function unique(xs: readonly (string | null)[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (x !== null && x.length > 0 && !out.includes(x)) out.push(x);
  return out;
}

export function eventClaimId(eventId: string): string {
  return `ev:${eventId}`;
}

export function incidentClaimId(incidentId: string): string {
  return `inc:${incidentId}`;
}

/** The claim one event makes; null when it moves no control or lacks a place or a date. */
export function claimFromEvent(se: StoredEvent, grade: IncidentGrade | null = null): ControlClaim | null {
  const e = se.event;
  if (!isTerritorySubType(e.sub_event_type) || e.location === null || e.date === null) return null;
  const { holder, from } = holderOf(e);
  return {
    id: eventClaimId(e.id),
    place: placeOf(e.location),
    holder: holder?.id ?? null,
    holder_name: holder?.name ?? null,
    from_actor: from?.id ?? null,
    sub_event_type: e.sub_event_type,
    since: { start: e.date.start, end: e.date.end },
    grade,
    confidence: e.confidence,
    event_ids: [e.id],
    doc_ids: [e.doc_id],
    sources: unique([se.source]),
    evidence: unique([evidenceText(e)]),
    superseded_by: null,
  };
}

/** The most frequent non-null id, the earliest on a tie. */
function mostNamed(actors: readonly (EventActor | null)[]): EventActor | null {
  const counts = new Map<string, { actor: EventActor; n: number }>();
  for (const a of actors) {
    if (a === null) continue;
    const c = counts.get(a.id);
    if (c) c.n++;
    else counts.set(a.id, { actor: a, n: 1 });
  }
  let best: { actor: EventActor; n: number } | null = null;
  for (const c of counts.values()) if (best === null || c.n > best.n) best = c;
  return best?.actor ?? null;
}

/**
 * The claim of a graded incident, from its member events (the store's incident has no gazetteer
 * id; the member at the incident's point gives it). Null when the incident moves no control or
 * no member is located and dated.
 */
export function claimFromIncident(inc: Incident, members: readonly StoredEvent[]): ControlClaim | null {
  if (!isTerritorySubType(inc.sub_event_type) || inc.date === null) return null;
  const located = members.filter((m) => m.event.location !== null);
  if (located.length === 0) return null;
  const at = inc.location
    ? located.find((m) => m.event.location!.lat === inc.location!.lat && m.event.location!.lon === inc.location!.lon)
    : undefined;
  // A place no member reports was set by an analyst (src/review): the claim stands there.
  const place = at === undefined && inc.location
    ? { key: `ll:${inc.location.lat.toFixed(4)},${inc.location.lon.toFixed(4)}`, name: inc.location.name, name_ar: inc.location.name_ar,
        lat: inc.location.lat, lon: inc.location.lon, admin1: inc.location.admin1, country: inc.location.country }
    : placeOf((at ?? located[0]!).event.location!);
  // Likewise the actors: members' actors the incident no longer names are left out, and one it
  // names that no member does (put there by an analyst) is taken as the holder when none is left.
  // The machine's incidents name every member's actors, so for them this changes nothing.
  const named = (a: EventActor | null): EventActor | null => (a !== null && inc.actor_ids.length > 0 && !inc.actor_ids.includes(a.id) ? null : a);
  const sides = members.map((m) => holderOf(m.event));
  const added = inc.actor_ids.find((id) => !members.some((m) => m.event.actor1?.id === id || m.event.actor2?.id === id));
  const holder = mostNamed(sides.map((s) => named(s.holder))) ?? (added !== undefined ? { id: added, name: added, text: '', inter: null } : null);
  const from = mostNamed(sides.map((s) => named(s.from)));
  return {
    id: incidentClaimId(inc.id),
    place,
    holder: holder?.id ?? null,
    holder_name: holder?.name ?? null,
    from_actor: from?.id ?? null,
    sub_event_type: inc.sub_event_type,
    since: { ...inc.date },
    grade: inc.grade,
    confidence: members.reduce((m, e) => Math.max(m, e.event.confidence), 0),
    event_ids: members.map((m) => m.event.id),
    doc_ids: unique(members.map((m) => m.event.doc_id)),
    sources: unique(members.map((m) => m.source)),
    evidence: unique(members.map((m) => evidenceText(m.event))),
    superseded_by: null,
  };
}
