import type { GradeOptions } from '../incidents/grade.js';
import { memberOf as incidentMember } from '../incidents/incident-builder.js';
import { summariseIncident } from '../incidents/summarise.js';
import type { IncidentMember as StateMember, IncidentState } from '../incidents/types.js';
import type { EventLocation } from '../model/event.js';
import { iterateEvents } from './iterate.js';
import type { EventStore } from './store.js';
import type { Incident, IncidentInput, IncidentLocation, StoredEvent } from './types.js';

/**
 * Between the incident builder's IncidentState (members kept whole, so the summary can be
 * recomputed) and the store's Incident (members by event id; the events themselves are stored
 * once, with their documents). Going back, members are rebuilt from the stored events and the
 * summary recomputed with the same function the builder uses, so an incident read from the store
 * matches and grades new events exactly as the one that was written.
 */

function incidentLocation(loc: EventLocation | null): IncidentLocation | null {
  if (loc === null) return null;
  return {
    name: loc.name, name_ar: loc.name_ar, lat: loc.lat, lon: loc.lon, admin1: loc.admin1, admin2: loc.admin2,
    admin3: loc.admin3, country: loc.country, geo_precision: loc.geo_precision,
  };
}

/**
 * Every actor the incident involves, for the store's actor filter: its summary perpetrator and
 * target first, then every other id a member names, in member order.
 */
function actorIds(state: IncidentState): string[] {
  const out: string[] = [];
  const add = (id: string | undefined): void => {
    if (id !== undefined && !out.includes(id)) out.push(id);
  };
  add(state.actors.actor1?.id);
  add(state.actors.actor2?.id);
  for (const id of state.actors.perpetrators) add(id);
  for (const m of state.members) {
    add(m.actor1?.id);
    add(m.actor2?.id);
  }
  return out;
}

export function incidentInputOf(state: IncidentState): IncidentInput {
  return {
    id: state.id,
    event_type: state.event_type,
    sub_event_type: state.sub_event_type,
    grade: state.grade,
    location: incidentLocation(state.location),
    date: state.date === null ? null : { start: state.date.start, end: state.date.end },
    actor_ids: actorIds(state),
    fatalities: state.fatalities,
    members: state.members.map((m) => ({ event_id: m.event_id })),
    explanation: [...state.explanation],
  };
}

/** summarise.ts labels a member's document like this in the explanation. */
function docLabel(docId: string, source: string | null): string {
  return `document ${docId} (${source ?? 'source unknown'})`;
}

/**
 * Why a member joined, read back from the explanation line summarise.ts wrote for it
 * ("<event> from <document> joined: reason; reason"). The line is rebuilt from the same parts,
 * so the explanation survives a round trip unchanged.
 */
function joinedBecause(incident: Incident, eventId: string, docId: string, source: string | null): string[] {
  const prefix = `${eventId} from ${docLabel(docId, source)} joined: `;
  const line = incident.explanation.find((l) => l.startsWith(prefix));
  if (line === undefined) return [];
  const reasons = line.slice(prefix.length);
  return reasons === '' ? [] : reasons.split('; ');
}

function memberOf(incident: Incident, se: StoredEvent, first: boolean): StateMember {
  const ev = se.event;
  return incidentMember(
    { event: ev, doc_id: ev.doc_id, source: se.source, duplicate_of: se.duplicate_of, published: se.published },
    first ? [] : joinedBecause(incident, ev.id, ev.doc_id, se.source),
  );
}

/**
 * The builder's view of a stored incident, from its member events (`events` must hold every
 * one). An incident graded "discounted" was rejected by an analyst and stays so.
 */
export function incidentStateOf(incident: Incident, events: ReadonlyMap<string, StoredEvent>, opts: GradeOptions = {}): IncidentState {
  const members = incident.members.map((m, i) => {
    const se = events.get(m.event_id);
    if (se === undefined) throw new Error(`incident ${incident.id}: member event ${m.event_id} was not loaded`);
    return memberOf(incident, se, i === 0);
  });
  return summariseIncident(incident.id, members, incident.grade === 'discounted', opts);
}

/**
 * Builder states of stored incidents, kept between documents of a run: a busy area's incidents
 * are candidates for every new report there, and rebuilding them means reading all their
 * events again. An entry is used only while the stored incident is the one it was built from
 * (same members, grade and last update); the oldest entries are dropped past `max`.
 */
export class IncidentStateCache {
  private readonly map = new Map<string, { sig: string; state: IncidentState }>();

  constructor(private readonly max = 20_000) {}

  private static signature(inc: Incident): string {
    return `${inc.updated_at}|${inc.grade}|${inc.members.map((m) => m.event_id).join(',')}`;
  }

  get(inc: Incident): IncidentState | undefined {
    const hit = this.map.get(inc.id);
    return hit !== undefined && hit.sig === IncidentStateCache.signature(inc) ? hit.state : undefined;
  }

  put(inc: Incident, state: IncidentState): void {
    this.map.delete(inc.id);
    this.map.set(inc.id, { sig: IncidentStateCache.signature(inc), state });
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}

/** Stored incidents as builder states, their member events read from `store` (unless cached). */
export async function loadIncidentStates(
  store: EventStore, incidents: readonly Incident[], opts: GradeOptions = {}, cache?: IncidentStateCache,
): Promise<IncidentState[]> {
  const out: IncidentState[] = [];
  for (const inc of incidents) {
    const cached = cache?.get(inc);
    if (cached !== undefined) {
      out.push(cached);
      continue;
    }
    const events = new Map<string, StoredEvent>();
    for await (const se of iterateEvents(store, { incident_id: inc.id })) events.set(se.event.id, se);
    const state = incidentStateOf(inc, events, opts);
    cache?.put(inc, state);
    out.push(state);
  }
  return out;
}
