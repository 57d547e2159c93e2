import type { DocumentRecord } from '../model/document.js';
import { EVENT_TYPES, type MarsadEvent } from '../model/event.js';
import { StoreInputError } from './errors.js';
import { isIsoDate } from './filter.js';
import { INCIDENT_GRADES, type IncidentInput } from './types.js';

/**
 * Checks run before anything is written, so that a bad record is refused with a message naming
 * it rather than stored half-right. They cover what the store relies on (ids, types, dates,
 * coordinates), not the whole event format.
 */

function fail(what: string, problem: string): never {
  throw new StoreInputError(`${what}: ${problem}`);
}

function checkTypes(what: string, eventType: string, sub: string): void {
  const subs = (EVENT_TYPES as Record<string, readonly string[] | undefined>)[eventType];
  if (!subs) fail(what, `unknown event_type ${JSON.stringify(eventType)}`);
  if (!subs.includes(sub)) fail(what, `sub_event_type ${JSON.stringify(sub)} is not a kind of ${eventType}`);
}

function checkDate(what: string, d: { start: string; end: string } | null): void {
  if (d === null) return;
  if (!isIsoDate(d.start) || !isIsoDate(d.end)) fail(what, `date must be YYYY-MM-DD, got ${JSON.stringify(d)}`);
  if (d.start > d.end) fail(what, `date starts (${d.start}) after it ends (${d.end})`);
}

function checkPoint(what: string, p: { lat: number; lon: number } | null): void {
  if (p === null) return;
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon) || Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) {
    fail(what, `location has no valid lat/lon (${String(p.lat)}, ${String(p.lon)})`);
  }
}

function checkCount(what: string, field: string, n: number | null): void {
  if (n !== null && (!Number.isFinite(n) || n < 0)) fail(what, `${field} must be null or a count >= 0, got ${String(n)}`);
}

export function checkDocument(doc: DocumentRecord, text: string, events: readonly MarsadEvent[]): void {
  if (typeof doc?.id !== 'string' || doc.id.length === 0) fail('document', 'has no id');
  const what = `document ${doc.id}`;
  if (typeof text !== 'string') fail(what, 'text must be a string');
  const seen = new Set<string>();
  for (const e of events) {
    if (typeof e?.id !== 'string' || e.id.length === 0) fail(what, 'an event has no id');
    const ew = `${what}, event ${e.id}`;
    if (seen.has(e.id)) fail(ew, 'the event id appears twice');
    seen.add(e.id);
    if (e.doc_id !== doc.id) fail(ew, `doc_id is ${JSON.stringify(e.doc_id)}, not the document's id`);
    checkTypes(ew, e.event_type, e.sub_event_type);
    checkDate(ew, e.date);
    checkPoint(ew, e.location);
    checkCount(ew, 'fatalities', e.fatalities);
    checkCount(ew, 'injured', e.injured ?? null);
    if (!Array.isArray(e.evidence)) fail(ew, 'evidence must be an array');
  }
}

export function checkIncident(inc: IncidentInput): void {
  if (typeof inc?.id !== 'string' || inc.id.length === 0) fail('incident', 'has no id');
  const what = `incident ${inc.id}`;
  checkTypes(what, inc.event_type, inc.sub_event_type);
  if (!INCIDENT_GRADES.includes(inc.grade)) fail(what, `unknown grade ${JSON.stringify(inc.grade)}`);
  checkDate(what, inc.date);
  checkPoint(what, inc.location);
  checkCount(what, 'fatalities', inc.fatalities);
  if (!Array.isArray(inc.members) || inc.members.length === 0) fail(what, 'has no member events');
  const seen = new Set<string>();
  for (const m of inc.members) {
    if (typeof m?.event_id !== 'string' || m.event_id.length === 0) fail(what, 'a member has no event_id');
    if (seen.has(m.event_id)) fail(what, `member event ${m.event_id} is listed twice`);
    seen.add(m.event_id);
  }
  if (!Array.isArray(inc.actor_ids) || !inc.actor_ids.every((a) => typeof a === 'string' && a.length > 0)) {
    fail(what, 'actor_ids must be non-empty strings');
  }
  if (!Array.isArray(inc.explanation) || !inc.explanation.every((s) => typeof s === 'string')) {
    fail(what, 'explanation must be a list of strings');
  }
}

export function checkFingerprint(docId: string, fingerprint: string, bands: readonly string[]): void {
  if (typeof docId !== 'string' || docId.length === 0) fail('putFingerprint', 'document id is empty');
  const what = `putFingerprint ${docId}`;
  if (typeof fingerprint !== 'string' || fingerprint.length === 0) fail(what, 'fingerprint must be a non-empty string');
  checkKeyList(what, 'bands', bands);
}

/** Band or blocking keys: non-empty strings (a list of them is looked up or stored as given). */
export function checkKeyList(what: string, name: string, keys: readonly string[]): void {
  if (!Array.isArray(keys)) fail(what, `${name} must be an array of strings`);
  for (const k of keys) {
    if (typeof k !== 'string' || k.length === 0) fail(what, `${name} must be non-empty strings, got ${JSON.stringify(k)}`);
  }
}

export function checkCrowded(crowded: number): void {
  if (!Number.isInteger(crowded) || crowded < 1) {
    fail('findNearCandidates', `crowded must be a whole number >= 1, got ${String(crowded)}`);
  }
}
