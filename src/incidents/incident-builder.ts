import type { MarsadEvent } from '../model/event.js';
import { candidateKeys, incidentKeys } from './candidate-keys.js';
import { dayNumber, dayRange } from './dates.js';
import type { GradeOptions } from './grade.js';
import { matchEventToIncident, type MatchOptions, type MatchResult } from './match.js';
import { summariseIncident } from './summarise.js';
import type { EventWithSource, IncidentMember, IncidentState } from './types.js';

/**
 * Incremental incident merging. Each new event joins the best-scoring incident it matches
 * (match.ts) among those sharing a blocking key with it (candidate-keys.ts), or opens a new one.
 * Incidents created earlier in the same batch are candidates too, so one call over a whole
 * corpus and many calls over its documents one by one agree.
 *
 * The caller passes the incidents that may be joined: the store looks them up by
 * candidateKeys(event) (every incident an event can join, including the one it is already in,
 * shares a key with it). Nothing passed in is mutated.
 *
 * Re-assigning events that are already members changes nothing. A batch is processed in a
 * fixed order (published date, document, event id), so the same input gives the same incidents
 * whatever order the caller listed it in.
 *
 * Not done here: merging two existing incidents that a new event turns out to bridge (the event
 * joins the better one), and splitting an incident; both are analyst actions.
 */

export interface AssignOptions extends MatchOptions, GradeOptions {}

export interface AssignResult {
  created: IncidentState[];
  /** Incidents passed in that gained members (new states; the caller replaces the old ones). */
  updated: IncidentState[];
}

export function incidentIdFor(ev: MarsadEvent): string {
  return `inc-${ev.id}`;
}

/** An analyst's verdict: discount (reject) or restore an incident; the grade follows. */
export function setDiscounted(inc: IncidentState, discounted: boolean, opts: GradeOptions = {}): IncidentState {
  return summariseIncident(inc.id, inc.members, discounted, opts);
}

function checkInput(ews: EventWithSource): void {
  const ev = ews.event;
  const what = `event ${JSON.stringify(ev?.id)} (document ${JSON.stringify(ews.doc_id)})`;
  if (typeof ev?.id !== 'string' || ev.id === '') throw new Error(`assignToIncidents: ${what}: event has no id`);
  if (typeof ews.doc_id !== 'string' || ews.doc_id === '') throw new Error(`assignToIncidents: ${what}: no doc_id`);
  if (ev.doc_id !== ews.doc_id) {
    throw new Error(`assignToIncidents: ${what}: event.doc_id ${JSON.stringify(ev.doc_id)} differs from its doc_id`);
  }
  if (ews.duplicate_of === ews.doc_id) throw new Error(`assignToIncidents: ${what}: a document cannot be a near-copy of itself`);
  if (ews.published !== null && dayNumber(ews.published) === null) {
    throw new Error(`assignToIncidents: ${what}: published ${JSON.stringify(ews.published)} is not a YYYY-MM-DD date`);
  }
  if (ev.date !== null) dayRange(ev.date, `assignToIncidents: ${what}`);
  const loc = ev.location;
  if (loc !== null && !(Number.isFinite(loc.lat) && Number.isFinite(loc.lon) && Math.abs(loc.lat) <= 90 && Math.abs(loc.lon) <= 180)) {
    throw new Error(`assignToIncidents: ${what}: location ${JSON.stringify(loc.name)} has invalid coordinates ${loc.lat}, ${loc.lon}`);
  }
}

/** An incident's member record of one event and where it was reported. */
export function memberOf(ews: EventWithSource, joinedBecause: string[]): IncidentMember {
  const ev = ews.event;
  return {
    event_id: ev.id,
    doc_id: ews.doc_id,
    source: ews.source,
    duplicate_of: ews.duplicate_of,
    published: ews.published,
    sub_event_type: ev.sub_event_type,
    actor1: ev.actor1,
    actor2: ev.actor2,
    attribution: ev.attribution,
    location: ev.location,
    date: ev.date,
    fatalities: ev.fatalities,
    injured: ev.injured,
    joined_because: joinedBecause,
  };
}

function batchOrder(a: EventWithSource, b: EventWithSource): number {
  const pa = a.published ?? '';
  const pb = b.published ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.doc_id !== b.doc_id) return a.doc_id < b.doc_id ? -1 : 1;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/** Incidents by blocking key, kept in step as incidents move (a more precise member, a new date). */
class KeyIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();

  put(inc: IncidentState): void {
    this.remove(inc.id);
    const keys = incidentKeys(inc, `incident ${inc.id}`);
    this.keysOf.set(inc.id, keys);
    for (const k of keys) {
      let set = this.byKey.get(k);
      if (set === undefined) this.byKey.set(k, (set = new Set()));
      set.add(inc.id);
    }
  }

  private remove(id: string): void {
    for (const k of this.keysOf.get(id) ?? []) this.byKey.get(k)?.delete(id);
    this.keysOf.delete(id);
  }

  candidates(keys: readonly string[]): string[] {
    const out = new Set<string>();
    for (const k of keys) for (const id of this.byKey.get(k) ?? []) out.add(id);
    return [...out].sort();
  }
}

export function assignToIncidents(
  newEvents: readonly EventWithSource[],
  existing: readonly IncidentState[],
  opts: AssignOptions = {},
): AssignResult {
  const working = new Map<string, IncidentState>();
  const index = new KeyIndex();
  const incidentOfEvent = new Map<string, string>();
  for (const inc of existing) {
    if (working.has(inc.id)) throw new Error(`assignToIncidents: incident ${inc.id} was passed twice`);
    if (inc.members.length === 0) throw new Error(`assignToIncidents: incident ${inc.id} has no members`);
    working.set(inc.id, inc);
    index.put(inc);
    for (const m of inc.members) incidentOfEvent.set(m.event_id, inc.id);
  }

  for (const ews of newEvents) checkInput(ews);
  const created = new Set<string>();
  const updated = new Set<string>();

  for (const ews of [...newEvents].sort(batchOrder)) {
    const ev = ews.event;
    if (incidentOfEvent.has(ev.id)) continue;

    let best: { inc: IncidentState; m: MatchResult } | null = null;
    for (const id of index.candidates(candidateKeys(ev, opts))) {
      const inc = working.get(id)!;
      const m = matchEventToIncident(ews, inc, opts);
      if (m.match && (best === null || m.score > best.m.score)) best = { inc, m };
    }

    let next: IncidentState;
    if (best !== null) {
      const { inc, m } = best;
      next = summariseIncident(inc.id, [...inc.members, memberOf(ews, m.reasons)], inc.discounted, opts);
      if (!created.has(inc.id)) updated.add(inc.id);
    } else {
      let id = incidentIdFor(ev);
      for (let n = 2; working.has(id); n++) id = `${incidentIdFor(ev)}-${n}`;
      next = summariseIncident(id, [memberOf(ews, [])], false, opts);
      created.add(id);
    }
    working.set(next.id, next);
    index.put(next);
    incidentOfEvent.set(ev.id, next.id);
  }

  return {
    created: [...created].map((id) => working.get(id)!),
    updated: [...updated].map((id) => working.get(id)!),
  };
}
