import { eventTypeOf, type EventDate, type EventLocation } from '../model/event.js';
import { defaultParentOf, sourceKey } from './actors.js';
import { dayRange, dayString, formatRange, precisionOf } from './dates.js';
import { gradeIncident, incidentActors, independentSources, type GradeOptions } from './grade.js';
import { specificity } from './sub-types.js';
import type { IncidentMember, IncidentState } from './types.js';

/**
 * An incident's summary is a pure function of its members (and the analyst's discounted flag):
 * recomputing it after every join keeps merging order-independent where it can be, and makes
 * re-assigning the same events a no-op.
 */

function placeOf(members: readonly IncidentMember[]): EventLocation | null {
  let best: EventLocation | null = null;
  for (const m of members) {
    if (m.location !== null && (best === null || m.location.geo_precision < best.geo_precision)) best = m.location;
  }
  return best;
}

function dateOf(members: readonly IncidentMember[], id: string): EventDate | null {
  let iStart = -Infinity;
  let iEnd = Infinity;
  let uStart = Infinity;
  let uEnd = -Infinity;
  let any = false;
  for (const m of members) {
    if (m.date === null) continue;
    const r = dayRange(m.date, `incident ${id}, member ${m.event_id}`);
    any = true;
    iStart = Math.max(iStart, r.start);
    iEnd = Math.min(iEnd, r.end);
    uStart = Math.min(uStart, r.start);
    uEnd = Math.max(uEnd, r.end);
  }
  if (!any) return null;
  const r = iStart <= iEnd ? { start: iStart, end: iEnd } : { start: uStart, end: uEnd };
  return { start: dayString(r.start), end: dayString(r.end), precision: precisionOf(r) };
}

function maxOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
}

function docLabel(m: IncidentMember): string {
  return `document ${m.doc_id} (${m.source ?? 'source unknown'})`;
}

export function summariseIncident(
  id: string,
  members: readonly IncidentMember[],
  discounted: boolean,
  opts: GradeOptions = {},
): IncidentState {
  const first = members[0];
  if (first === undefined) throw new Error(`incident ${id}: an incident needs at least one member`);
  const parentOf = opts.parentOf ?? defaultParentOf;

  let sub = first.sub_event_type;
  for (const m of members) if (specificity(m.sub_event_type) > specificity(sub)) sub = m.sub_event_type;

  const sources: string[] = [];
  const sourceKeys = new Set<string>();
  for (const m of members) {
    if (m.source === null) continue;
    const k = sourceKey(m.source);
    if (!sourceKeys.has(k)) {
      sourceKeys.add(k);
      sources.push(m.source);
    }
  }

  const location = placeOf(members);
  const date = dateOf(members, id);
  const actors = incidentActors(members, parentOf);
  const independent = independentSources(members);
  const grading = gradeIncident(members, actors, discounted, opts);

  const explanation: string[] = [];
  for (const m of members) {
    if (m === first) {
      const where = m.location === null ? 'no location' : m.location.name;
      const when = m.date === null ? 'no date' : formatRange(dayRange(m.date, `event ${m.event_id}`));
      explanation.push(`${m.event_id} from ${docLabel(m)} opened the incident: ${m.sub_event_type}, ${where}, ${when}`);
    } else {
      explanation.push(`${m.event_id} from ${docLabel(m)} joined: ${m.joined_because.join('; ')}`);
    }
  }
  explanation.push(`grade ${grading.grade}: ${grading.why}`);

  return {
    id,
    event_type: eventTypeOf(sub),
    sub_event_type: sub,
    members: [...members],
    location,
    date,
    actors,
    fatalities: maxOf(members.map((m) => m.fatalities)),
    injured: maxOf(members.map((m) => m.injured)),
    sources,
    independent_sources: independent.length,
    grade: grading.grade,
    discounted,
    explanation,
  };
}
