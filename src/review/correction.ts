import { EVENT_TYPES, eventTypeOf, type EventType, type SubEventType } from '../model/event.js';
import { checkDay, MonitorInputError } from '../monitor/alerts/monitor-db.js';
import { INCIDENT_GRADES, type Incident, type IncidentGrade, type IncidentInput, type IncidentLocation } from '../store/types.js';
import { ReviewError, type IncidentCorrection } from './types.js';

/** The fields an analyst may correct, in the order reports list them. */
export const CORRECTION_FIELDS = ['event_type', 'sub_event_type', 'actor_ids', 'location', 'date', 'fatalities', 'grade'] as const satisfies
  readonly (keyof IncidentCorrection)[];
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

const SUB_TYPES = new Set<string>(Object.values(EVENT_TYPES).flat());

function invalid(message: string): never {
  throw new ReviewError('invalid', message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalText(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') invalid(`correction: location.${key} must be a string or null, got ${JSON.stringify(v)}`);
  return v;
}

function checkLocation(v: unknown, currentCountry: string | null): IncidentLocation {
  if (!isObject(v)) invalid(`correction: location must be an object with lat and lon, got ${JSON.stringify(v)}`);
  const { lat, lon } = v;
  if (typeof lat !== 'number' || !Number.isFinite(lat) || Math.abs(lat) > 90) invalid(`correction: location.lat must be a latitude in [-90, 90], got ${JSON.stringify(lat)}`);
  if (typeof lon !== 'number' || !Number.isFinite(lon) || Math.abs(lon) > 180) invalid(`correction: location.lon must be a longitude in [-180, 180], got ${JSON.stringify(lon)}`);
  const p = v['geo_precision'] ?? 1;
  if (p !== 1 && p !== 2 && p !== 3) invalid(`correction: location.geo_precision must be 1, 2 or 3, got ${JSON.stringify(p)}`);
  const name = optionalText(v, 'name');
  // A point moved by an analyst stays in the incident's country unless told otherwise.
  const country = optionalText(v, 'country') ?? currentCountry;
  if (country === null) invalid('correction: location.country (ISO 3166-1 alpha-2) is needed for an incident that had no place');
  return {
    // An analyst's bare point is named by its coordinates until someone names it.
    name: name !== null && name.trim() !== '' ? name.trim() : `${lat.toFixed(5)}, ${lon.toFixed(5)}`,
    name_ar: optionalText(v, 'name_ar'),
    lat, lon,
    admin1: optionalText(v, 'admin1'),
    admin2: optionalText(v, 'admin2'),
    admin3: optionalText(v, 'admin3'),
    country,
    geo_precision: p,
  };
}

function checkDate(v: unknown): { start: string; end: string } {
  if (!isObject(v)) invalid(`correction: date must be {start, end} (YYYY-MM-DD), got ${JSON.stringify(v)}`);
  try {
    const start = checkDay('correction: date.start', v['start']);
    const end = checkDay('correction: date.end', v['end'] ?? v['start']);
    if (start > end) invalid(`correction: date.start ${start} is after date.end ${end}`);
    return { start, end };
  } catch (err) {
    if (err instanceof MonitorInputError) invalid(err.message);
    throw err;
  }
}

/**
 * A correction from outside (API body, CLI options) checked field by field, against the
 * incident's current type: a sub-type brings its event type, and an event type alone must be
 * the one of the sub-type the incident keeps. Unknown fields are refused, so a misspelt field
 * is not silently ignored. Throws ReviewError('invalid') naming the field.
 */
export function checkCorrection(raw: unknown, current: { sub_event_type: SubEventType; location: IncidentLocation | null }): IncidentCorrection {
  if (!isObject(raw)) invalid(`correction: expected an object of fields to change, got ${JSON.stringify(raw)}`);
  const known = new Set<string>(CORRECTION_FIELDS);
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) invalid(`correction: unknown field "${k}" (fields: ${CORRECTION_FIELDS.join(', ')})`);
  }
  const out: IncidentCorrection = {};
  const sub = raw['sub_event_type'];
  const type = raw['event_type'];
  if (sub !== undefined) {
    if (typeof sub !== 'string' || !SUB_TYPES.has(sub)) invalid(`correction: sub_event_type ${JSON.stringify(sub)} is not an ACLED sub-event type`);
    out.sub_event_type = sub as SubEventType;
    out.event_type = eventTypeOf(sub as SubEventType);
    if (type !== undefined && type !== out.event_type) {
      invalid(`correction: sub_event_type "${sub}" belongs to event_type "${out.event_type}", not ${JSON.stringify(type)}`);
    }
  } else if (type !== undefined) {
    if (typeof type !== 'string' || !(type in EVENT_TYPES)) invalid(`correction: event_type ${JSON.stringify(type)} is not an ACLED event type`);
    if (type !== eventTypeOf(current.sub_event_type)) {
      invalid(`correction: event_type "${type}" needs a sub_event_type of that type (the incident's is "${current.sub_event_type}")`);
    }
    out.event_type = type as EventType;
  }
  const actors = raw['actor_ids'];
  if (actors !== undefined) {
    if (!Array.isArray(actors) || actors.some((a) => typeof a !== 'string' || a.trim() === '')) {
      invalid(`correction: actor_ids must be a list of actor ids, got ${JSON.stringify(actors)}`);
    }
    out.actor_ids = [...new Set((actors as string[]).map((a) => a.trim()))];
  }
  if (raw['location'] !== undefined) out.location = checkLocation(raw['location'], current.location?.country ?? null);
  if (raw['date'] !== undefined) out.date = checkDate(raw['date']);
  const f = raw['fatalities'];
  if (f !== undefined) {
    if (f !== null && (typeof f !== 'number' || !Number.isInteger(f) || f < 0)) invalid(`correction: fatalities must be a whole number >= 0 or null, got ${JSON.stringify(f)}`);
    out.fatalities = f;
  }
  const g = raw['grade'];
  if (g !== undefined) {
    if (typeof g !== 'string' || !(INCIDENT_GRADES as readonly string[]).includes(g)) invalid(`correction: grade ${JSON.stringify(g)} is not one of ${INCIDENT_GRADES.join(', ')}`);
    if (g === 'discounted') invalid('correction: to discount an incident, reject it');
    out.grade = g as IncidentGrade;
  }
  if (Object.keys(out).length === 0) invalid('correction: no field to change');
  return out;
}

/** The incident as a store write: members by event id, no timestamps. */
export function inputOf(inc: Incident | IncidentInput): IncidentInput {
  return {
    id: inc.id, event_type: inc.event_type, sub_event_type: inc.sub_event_type, grade: inc.grade,
    location: inc.location === null ? null : { ...inc.location },
    date: inc.date === null ? null : { start: inc.date.start, end: inc.date.end },
    actor_ids: [...inc.actor_ids], fatalities: inc.fatalities,
    members: inc.members.map((m) => ({ event_id: m.event_id })),
    explanation: [...inc.explanation],
  };
}

/**
 * The reviewed incident: the machine's version with the analysts' corrected fields laid over,
 * discounted when rejected. Members and explanation are the machine's (the explanation gains a
 * line saying the review changed it).
 */
export function overlay(machine: Incident | IncidentInput, id: string, correction: IncidentCorrection, rejected: boolean, note: string | null): IncidentInput {
  const out = inputOf(machine);
  out.id = id;
  if (correction.event_type !== undefined) out.event_type = correction.event_type;
  if (correction.sub_event_type !== undefined) out.sub_event_type = correction.sub_event_type;
  if (correction.actor_ids !== undefined) out.actor_ids = [...correction.actor_ids];
  if (correction.location !== undefined) out.location = { ...correction.location };
  if (correction.date !== undefined) out.date = { ...correction.date };
  if (correction.fatalities !== undefined) out.fatalities = correction.fatalities;
  if (correction.grade !== undefined) out.grade = correction.grade;
  if (rejected) out.grade = 'discounted';
  out.explanation = out.explanation.filter((l) => !l.startsWith(REVIEW_LINE));
  if (note !== null) out.explanation.push(`${REVIEW_LINE}${note}`);
  return out;
}

/** The explanation line the review adds; recognised so that laying it over again replaces it. */
export const REVIEW_LINE = 'reviewed: ';

function sameLocation(a: IncidentLocation | null, b: IncidentLocation | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.lat - b.lat) < 1e-6 && Math.abs(a.lon - b.lon) < 1e-6;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether two versions of an incident agree on one correctable field. */
export function sameField(field: CorrectionField, a: Incident | IncidentInput, b: Incident | IncidentInput): boolean {
  switch (field) {
    case 'event_type': return a.event_type === b.event_type;
    case 'sub_event_type': return a.sub_event_type === b.sub_event_type;
    case 'actor_ids': return sameSet(a.actor_ids, b.actor_ids);
    case 'location': return sameLocation(a.location, b.location);
    case 'date': return a.date === null || b.date === null ? a.date === b.date : a.date.start === b.date.start && a.date.end === b.date.end;
    case 'fatalities': return a.fatalities === b.fatalities;
    case 'grade': return a.grade === b.grade;
  }
}

/** Same id, members (in order), every correctable field and the same place name. */
export function sameIncident(a: Incident | IncidentInput, b: Incident | IncidentInput): boolean {
  return a.id === b.id &&
    a.members.length === b.members.length && a.members.every((m, i) => m.event_id === b.members[i]!.event_id) &&
    CORRECTION_FIELDS.every((f) => sameField(f, a, b)) &&
    a.actor_ids.join('\n') === b.actor_ids.join('\n') &&
    (a.location?.name ?? null) === (b.location?.name ?? null);
}
