import type { ActorEntry } from '../../extract/actors/catalogue.js';
import { interIn } from '../../extract/actors/catalogue.js';
import { haversineKm } from '../../geo/geo-math.js';
import type { InterCode, SubEventType } from '../../model/event.js';
import { boxOf, containsPoint, type Box } from '../agreements/geometry.js';
import type { Agreement, ObservationPost, Rule, Violation, Zone } from '../types.js';

/**
 * What checking needs of an incident. The store's Incident (src/store/types.ts) has this shape;
 * it is restated here because the monitor stage comes before the store and must not import it.
 */
export interface CheckableIncident {
  id: string;
  sub_event_type: SubEventType;
  grade: string;
  location: { lat: number; lon: number; country?: string; geo_precision?: 1 | 2 | 3 } | null;
  date: { start: string; end: string } | null;
  /** Every actor id of the incident (both sides); stands in for perpetrators when those are unknown. */
  actor_ids: readonly string[];
  /** The perpetrators (actor1 of the member events), when the caller knows them. */
  perpetrators?: readonly Perpetrator[];
  members?: readonly { event_id: string }[];
}

export interface Perpetrator {
  id: string;
  inter: InterCode | null;
}

/** The catalogue as checking uses it (ActorCatalogue has both). */
export interface ActorLineage {
  get(id: string): ActorEntry | undefined;
  isWithin(id: string, ancestorId: string): boolean;
}

/** A rule whose time, type and place fit the incident; who did it is still to be checked. */
export interface Candidate {
  agreement: Agreement;
  rule: Rule;
  zone: Zone | null;
  post: ObservationPost | null;
}

interface CompiledZone {
  zone: Zone;
  box: Box;
}

interface CompiledAgreement {
  agreement: Agreement;
  zones: Map<string, CompiledZone>;
  /** Rules by sub-event type, in file order. */
  rulesByType: Map<SubEventType, Rule[]>;
}

const compiled = new WeakMap<Agreement, CompiledAgreement>();

/** Bounding boxes and a type index, built once per agreement object. */
function compile(a: Agreement): CompiledAgreement {
  let c = compiled.get(a);
  if (c) return c;
  const zones = new Map(a.zones.map((z) => [z.id, { zone: z, box: boxOf(z.geometry) }] as const));
  const rulesByType = new Map<SubEventType, Rule[]>();
  for (const r of a.rules) {
    for (const t of r.sub_event_types) {
      const l = rulesByType.get(t);
      if (l) l.push(r);
      else rulesByType.set(t, [r]);
    }
  }
  c = { agreement: a, zones, rulesByType };
  compiled.set(a, c);
  return c;
}

/** Closed date intervals overlap; a null bound is open. */
function overlaps(start: string, end: string, from: string | null, until: string | null): boolean {
  return (from === null || end >= from) && (until === null || start <= until);
}

/**
 * Incidents that can be tested at all: not discounted, dated, and placed at a town or near one.
 * A region-level place (geo_precision 3) is the region's centre, not where it happened, so it
 * says nothing about being inside a 20 km band.
 */
export function isCheckable(inc: CheckableIncident): boolean {
  return inc.grade !== 'discounted' && inc.date !== null && inc.location !== null && inc.location.geo_precision !== 3;
}

/**
 * The rules of active agreements that the incident's type, dates and place fall under, before
 * looking at who did it. Cheap; a caller that must fetch perpetrators does so only when this
 * is non-empty.
 */
export function candidateRules(inc: CheckableIncident, agreements: readonly Agreement[]): Candidate[] {
  if (!isCheckable(inc)) return [];
  const { start, end } = inc.date!;
  const { lat, lon } = inc.location!;
  const out: Candidate[] = [];
  for (const a of agreements) {
    if (!overlaps(start, end, a.effective.from, a.effective.until)) continue;
    const c = compile(a);
    const rules = c.rulesByType.get(inc.sub_event_type);
    if (!rules) continue;
    for (const rule of rules) {
      if (!overlaps(start, end, rule.from, rule.until)) continue;
      if (rule.scope.kind === 'zone') {
        const zone = zoneContaining(c, rule.scope.zone, lon, lat);
        if (zone) out.push({ agreement: a, rule, zone, post: null });
      } else {
        const post = postNear(a.posts, rule.scope.post, rule.scope.within_km, lat, lon);
        if (post) out.push({ agreement: a, rule, zone: null, post });
      }
    }
  }
  return out;
}

function zoneContaining(c: CompiledAgreement, zoneId: string, lon: number, lat: number): Zone | null {
  if (zoneId !== 'any') {
    const z = c.zones.get(zoneId);
    return z && containsPoint(z.zone.geometry, z.box, lon, lat) ? z.zone : null;
  }
  for (const z of c.zones.values()) if (containsPoint(z.zone.geometry, z.box, lon, lat)) return z.zone;
  return null;
}

/** The nearest post within reach (the rule's within_km, else the post's own radius). */
function postNear(posts: readonly ObservationPost[], postId: string, withinKm: number | undefined, lat: number, lon: number): ObservationPost | null {
  let best: ObservationPost | null = null;
  let bestKm = Infinity;
  for (const p of posts) {
    if (postId !== 'any' && p.id !== postId) continue;
    const km = haversineKm(lat, lon, p.lat, p.lon);
    if (km <= (withinKm ?? p.radius_km) && km < bestKm) {
      best = p;
      bestKm = km;
    }
  }
  return best;
}

/** Perpetrators given by the caller, else every actor of the incident with its catalogue inter code. */
export function perpetratorsOf(inc: CheckableIncident, catalogue: ActorLineage): Perpetrator[] {
  if (inc.perpetrators) return [...inc.perpetrators];
  const country = inc.location?.country ?? null;
  return inc.actor_ids.map((id) => {
    const entry = catalogue.get(id);
    return { id, inter: entry ? interIn(entry, country) : null };
  });
}

/**
 * The perpetrators a rule binds: matching one of its actors (or a descendant: a Tiger Forces
 * unit is government forces) or one of its inter codes. A rule naming neither binds anyone —
 * then every known perpetrator is listed, and none known still makes a violation.
 */
function boundPerpetrators(rule: Rule, perpetrators: readonly Perpetrator[], catalogue: ActorLineage): string[] | null {
  const open = rule.actors.length === 0 && rule.actor_inters.length === 0;
  const ids: string[] = [];
  for (const p of perpetrators) {
    const bound = open ||
      rule.actors.some((a) => p.id === a || catalogue.isWithin(p.id, a)) ||
      (p.inter !== null && rule.actor_inters.includes(p.inter));
    if (bound && !ids.includes(p.id)) ids.push(p.id);
  }
  if (open) return ids;
  return ids.length > 0 ? ids : null;
}

/** Each perpetrator as the agreement party or guarantor it is or descends from, else as itself. */
function accountableFor(a: Agreement, parties: readonly string[], catalogue: ActorLineage): string[] {
  const out: string[] = [];
  for (const p of parties) {
    const s = [...a.parties, ...a.guarantors].find((x) => p === x.id || catalogue.isWithin(p, x.id));
    const who = s ? s.id : p;
    if (!out.includes(who)) out.push(who);
  }
  return out;
}

export function violationId(agreementId: string, ruleId: string, incidentId: string): string {
  return `${agreementId}/${ruleId}/${incidentId}`;
}

/**
 * The violations one incident makes: one per (agreement, rule) whose period, type, place and
 * perpetrators fit. Discounted, undated or unplaced incidents make none. Sorted by id, so the
 * same incident always gives the same list.
 */
export function checkIncident(inc: CheckableIncident, agreements: readonly Agreement[], catalogue: ActorLineage): Violation[] {
  const candidates = candidateRules(inc, agreements);
  return candidates.length === 0 ? [] : violationsFor(inc, candidates, perpetratorsOf(inc, catalogue), catalogue);
}

/** The violations among `candidates` that these perpetrators make. */
export function violationsFor(inc: CheckableIncident, candidates: readonly Candidate[], perpetrators: readonly Perpetrator[], catalogue: ActorLineage): Violation[] {
  const out: Violation[] = [];
  for (const c of candidates) {
    const parties = boundPerpetrators(c.rule, perpetrators, catalogue);
    if (parties === null) continue;
    out.push({
      id: violationId(c.agreement.id, c.rule.id, inc.id),
      agreement_id: c.agreement.id,
      rule_id: c.rule.id,
      zone_id: c.zone?.id ?? null,
      post_id: c.post?.id ?? null,
      incident_id: inc.id,
      parties,
      accountable: accountableFor(c.agreement, parties, catalogue),
      grade: inc.grade,
      date: { start: inc.date!.start, end: inc.date!.end },
      lat: inc.location!.lat,
      lon: inc.location!.lon,
      sub_event_type: inc.sub_event_type,
      event_ids: (inc.members ?? []).map((m) => m.event_id),
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
