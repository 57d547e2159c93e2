import { hash } from 'node:crypto';
import type { EventLocation, MarsadEvent } from '../model/event.js';
import { eventTypeOf } from '../model/event.js';
import type { EventDraft } from '../extract/events/build-drafts.js';
import { round2 } from '../extract/events/build-drafts.js';
import { toEventLocation } from './resolve-places.js';
import type { Token } from '../text/tokens.js';
import type { ResolvedPlace } from './types.js';

/** Places that can be "each village taken": named towns and points, not regions. */
const POINT_KINDS = new Set(['locality', 'landmark', 'admin3']);

/** Without a place in its sentence an event is put at the report's place, with less trust. */
const FALLBACK_PENALTY = 0.2;
const NO_PLACE_PENALTY = 0.3;

export interface LocateInput {
  docId: string;
  /** The document's tokens, to read the words between two place names. */
  tokens: readonly Token[];
  drafts: readonly EventDraft[];
  places: readonly ResolvedPlace[];
  /** Tokens inside actor names and triggers: a place name there is part of something else. */
  occupied: Uint8Array;
  /** The report's own place (dateline, else its most named place), for events that name none. */
  fallback: ResolvedPlace | null;
}

export interface Located {
  events: MarsadEvent[];
  /** The drafts that became events (a draft that only refers to a happening and names no place does not). */
  kept: EventDraft[];
}

export function locateEvents(input: LocateInput): Located {
  const places = input.places.filter((p) => !overlapsOccupied(input.occupied, p.mention.tokenStart, p.mention.tokenEnd));
  const events: MarsadEvent[] = [];
  const kept: EventDraft[] = [];
  for (const draft of input.drafts) {
    const chosen = placesFor(draft, places, input.tokens);
    if (chosen.length === 0 && draft.needsPlace) continue;
    kept.push(draft);
    if (chosen.length > 0) {
      for (const p of chosen) events.push(toEvent(input.docId, draft, toEventLocation(p), 0));
    } else if (input.fallback) {
      const loc = toEventLocation(input.fallback);
      events.push(toEvent(input.docId, draft, { ...loc, geo_precision: Math.max(loc.geo_precision, 2) as 2 | 3 }, FALLBACK_PENALTY));
    } else {
      events.push(toEvent(input.docId, draft, null, NO_PLACE_PENALTY));
    }
  }
  return { events: dedupe(events), kept };
}

function placesFor(draft: EventDraft, places: readonly ResolvedPlace[], tokens: readonly Token[]): ResolvedPlace[] {
  const { tokenStart: trigStart, tokenEnd: trigEnd } = draft.trigger;
  const inRange = (from: number, to: number): ResolvedPlace[] =>
    places.filter((p) => p.mention.tokenStart >= from && p.mention.tokenEnd <= to);
  let candidates: ResolvedPlace[] = [];
  if (draft.targetsBefore) candidates = inRange(draft.targetsBefore.tokenStart, draft.targetsBefore.tokenEnd);
  if (candidates.length === 0) candidates = inRange(trigEnd, draft.placeScope.tokenEnd);
  if (candidates.length === 0) candidates = inRange(draft.placeScope.tokenStart, trigStart);
  if (candidates.length === 0) candidates = inRange(draft.sentence.tokenStart, draft.sentence.tokenEnd);
  if (candidates.length === 0) return [];
  if (draft.places === 'each') {
    const points = candidates.filter((p) => POINT_KINDS.has(p.place.kind) && p.geo_precision <= 2);
    // "خان طومان جنوب غربي حلب", "حي الحمدانية في مدينة حلب": Aleppo says where the other
    // place is; it was not hit as well. Kept only when every place is named that way.
    const own = points.filter((p) => !isReference(p, points, tokens));
    if (own.length > 0) return uniqueByPlace(own);
  }
  // The most specific place, nearest the trigger.
  const best = [...candidates].sort(
    (a, b) =>
      a.geo_precision - b.geo_precision ||
      Math.abs(a.mention.tokenStart - trigEnd) - Math.abs(b.mention.tokenStart - trigEnd),
  )[0]!;
  return [best];
}

/** Words that put one place inside another: "X في مدينة Y", "X in Y", "X التابعة لـY". */
const INSIDE_WORDS = new Set(['في', 'داخل', 'ضمن', 'التابعه', 'التابع', 'الواقعه', 'الواقع', 'in', 'inside', 'within', 'of']);
/** Kind words that may stand between: "في مدينة", "بمدينة", "in the town of". */
const KIND_WORDS = new Set(['مدينه', 'بلده', 'قريه', 'محافظه', 'منطقه', 'ناحيه', 'city', 'town', 'village', 'province', 'the']);
/** Proclitics that read "in": "بمدينة حلب", "بحلب". */
const IN_CLITICS = new Set(['ب', 'وب', 'لل', 'ل']);

/**
 * A place named to say where another is, not as a place of its own: after a compass direction
 * or "near" ("جنوب غربي حلب", "north of Hama"), or right after another candidate with only
 * "in" and a kind word between ("حي الحمدانية في مدينة حلب", "Jubbayn in Hama province").
 */
function isReference(p: ResolvedPlace, points: readonly ResolvedPlace[], tokens: readonly Token[]): boolean {
  const region = p.mention.region;
  if (region !== undefined && (region.direction !== undefined || region.kind === 'near')) return true;
  const start = p.mention.tokenStart;
  for (const q of points) {
    if (q === p || q.mention.tokenEnd > start || start - q.mention.tokenEnd > 3) continue;
    let inside = IN_CLITICS.has(p.mention.clitic);
    let plain = true;
    for (let k = q.mention.tokenEnd; k < start && plain; k++) {
      const w = tokens[k]!.norm;
      if (INSIDE_WORDS.has(w)) inside = true;
      else if (KIND_WORDS.has(w)) continue;
      else if (KIND_WORDS.has(w.slice(1)) && IN_CLITICS.has(w.charAt(0))) inside = true; // بمدينة
      else if (KIND_WORDS.has(w.slice(2)) && IN_CLITICS.has(w.slice(0, 2))) inside = true; // للمدينة، وبمدينة
      else plain = false;
    }
    if (plain && inside) return true;
  }
  return false;
}

function uniqueByPlace(list: ResolvedPlace[]): ResolvedPlace[] {
  const seen = new Set<string>();
  return list.filter((p) => (seen.has(p.place.id) ? false : (seen.add(p.place.id), true)));
}

function toEvent(docId: string, d: EventDraft, location: EventLocation | null, penalty: number): MarsadEvent {
  const id = hash('sha256', `${docId}|${d.sub_event_type}|${d.trigger.start}|${location?.gazetteer_id ?? ''}`, 'hex').slice(0, 16);
  const placeBonus = location && penalty === 0 && location.geo_precision === 1 ? 0.1 : 0;
  return {
    id,
    doc_id: docId,
    event_type: eventTypeOf(d.sub_event_type),
    sub_event_type: d.sub_event_type,
    plover: d.plover,
    plover_mode: d.plover_mode,
    actor1: d.actor1,
    actor2: d.actor2,
    location,
    date: d.date,
    fatalities: d.fatalities,
    injured: d.injured,
    civilian_targeting: d.civilian_targeting,
    attribution: d.attribution,
    evidence: [d.evidence],
    confidence: round2(Math.max(0.05, Math.min(0.99, d.confidence + placeBonus - penalty))),
  };
}

/**
 * The same happening told twice in one report (the headline, then the body) is one event: same
 * sub-type, same place, overlapping dates. The better-supported telling keeps its fields and
 * gains the other's evidence.
 */
function dedupe(events: MarsadEvent[]): MarsadEvent[] {
  const out: MarsadEvent[] = [];
  for (const e of events) {
    const twin = out.find(
      (o) =>
        o.sub_event_type === e.sub_event_type &&
        (o.location?.gazetteer_id ?? null) === (e.location?.gazetteer_id ?? null) &&
        datesOverlap(o, e),
    );
    if (!twin) {
      out.push(e);
      continue;
    }
    const [keep, drop] = twin.confidence >= e.confidence ? [twin, e] : [e, twin];
    const merged: MarsadEvent = {
      ...keep,
      actor1: keep.actor1 ?? drop.actor1,
      actor2: keep.actor2 ?? drop.actor2,
      fatalities: keep.fatalities ?? drop.fatalities,
      injured: keep.injured ?? drop.injured,
      evidence: mergeEvidence(keep.evidence, drop.evidence),
    };
    out[out.indexOf(twin)] = merged;
  }
  return out;
}

function datesOverlap(a: MarsadEvent, b: MarsadEvent): boolean {
  if (!a.date || !b.date) return a.date === b.date;
  return a.date.start <= b.date.end && b.date.start <= a.date.end;
}

function mergeEvidence(a: MarsadEvent['evidence'], b: MarsadEvent['evidence']): MarsadEvent['evidence'] {
  const out = [...a];
  for (const s of b) if (!out.some((o) => o.start === s.start && o.end === s.end)) out.push(s);
  return out.sort((x, y) => x.start - y.start);
}

function overlapsOccupied(occupied: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (occupied[i]) return true;
  return false;
}
