import type { EventActor } from '../model/event.js';
import {
  DEFAULT_OFFICIAL_OUTLETS, defaultParentOf, isSameOrAncestor, isUnknownActor, sourceKey,
  type ParentOf,
} from './actors.js';
import type { IncidentActors, IncidentGrade, IncidentMember } from './types.js';

/**
 * An incident's grade follows its sources, strongest doubt first:
 *   discounted        an analyst rejected it (a flag that survives new members);
 *   contested         members name unrelated perpetrators, or the perpetrator denies it;
 *   confirmed         a party to the incident says so itself: a claim (or a statement) by
 *                     actor1's or actor2's id or a parent of it, or a report from its own outlet;
 *   multiple-sources  two or more independent sources;
 *   single-source     otherwise.
 * Contested outranks confirmed: a party's claim does not settle a dispute other sources raise.
 */

const CIVILIANS = 7;

export interface GradeOptions {
  parentOf?: ParentOf;
  /** Normalised outlet name (actors.sourceKey) → the party it speaks for. */
  officialOutlets?: ReadonlyMap<string, string>;
}

export interface Grading {
  grade: IncidentGrade;
  why: string;
}

/**
 * Independent sources: distinct outlet names among members that are not near-copies, plus one
 * per copied story whose original is not itself a member and whose outlet is not counted yet.
 * Documents without a source name count together as one ("unnamed source"): they may all come
 * from one outlet, and "multiple sources" is a claim of corroboration.
 */
export function independentSources(members: readonly IncidentMember[]): string[] {
  const units: string[] = [];
  const seen = new Set<string>();
  const add = (unit: string, label: string): void => {
    if (!seen.has(unit)) {
      seen.add(unit);
      units.push(label);
    }
  };
  const docs = new Set(members.map((m) => m.doc_id));
  for (const m of members) {
    if (m.duplicate_of !== null) continue;
    if (m.source !== null) add(`source:${sourceKey(m.source)}`, m.source);
    else add('unnamed', 'unnamed source');
  }
  for (const m of members) {
    if (m.duplicate_of === null || docs.has(m.duplicate_of)) continue;
    if (m.source !== null && seen.has(`source:${sourceKey(m.source)}`)) continue;
    if (m.source === null && seen.has('unnamed')) continue;
    add(`copy-of:${m.duplicate_of}`, m.source ?? `copies of document ${m.duplicate_of}`);
  }
  return units;
}

function related(a: string, b: string, parentOf: ParentOf): boolean {
  return isSameOrAncestor(a, b, parentOf) || isSameOrAncestor(b, a, parentOf);
}

/** Named perpetrators in order of first report (ids; unknown/unidentified left out). */
export function perpetratorIds(members: readonly IncidentMember[]): string[] {
  const out: string[] = [];
  for (const m of members) if (!isUnknownActor(m.actor1) && !out.includes(m.actor1!.id)) out.push(m.actor1!.id);
  return out;
}

/** The most specific of a set of related actors: one that no other in the set descends from. */
function mostSpecific(actors: readonly EventActor[], parentOf: ParentOf): EventActor | null {
  let best: EventActor | null = null;
  for (const a of actors) {
    if (best === null || (a.id !== best.id && isSameOrAncestor(best.id, a.id, parentOf))) best = a;
  }
  return best;
}

export function incidentActors(members: readonly IncidentMember[], parentOf: ParentOf = defaultParentOf): IncidentActors {
  // Group named perpetrators by relation; the group most members name wins (earliest on a tie).
  const groups: { actors: EventActor[]; count: number }[] = [];
  for (const m of members) {
    if (isUnknownActor(m.actor1)) continue;
    const a = m.actor1!;
    const g = groups.find((x) => related(x.actors[0]!.id, a.id, parentOf));
    if (g === undefined) groups.push({ actors: [a], count: 1 });
    else {
      g.actors.push(a);
      g.count++;
    }
  }
  let top: { actors: EventActor[]; count: number } | undefined;
  for (const g of groups) if (top === undefined || g.count > top.count) top = g;
  const unidentified1 = members.find((m) => m.actor1 !== null)?.actor1 ?? null;
  const actor1 = top !== undefined ? mostSpecific(top.actors, parentOf) : unidentified1;

  const named2 = members.flatMap((m) => (isUnknownActor(m.actor2) ? [] : [m.actor2!]));
  const actor2 = named2.length > 0 ? mostSpecific(named2, parentOf) : members.find((m) => m.actor2 !== null)?.actor2 ?? null;
  return { actor1, actor2, perpetrators: perpetratorIds(members) };
}

export function gradeIncident(
  members: readonly IncidentMember[],
  actors: IncidentActors,
  discounted: boolean,
  opts: GradeOptions = {},
): Grading {
  const parentOf = opts.parentOf ?? defaultParentOf;
  const outlets = opts.officialOutlets ?? DEFAULT_OFFICIAL_OUTLETS;
  const independent = independentSources(members);
  if (discounted) return { grade: 'discounted', why: 'rejected by an analyst' };

  const perps = actors.perpetrators;
  for (let i = 0; i < perps.length; i++) {
    for (let j = i + 1; j < perps.length; j++) {
      if (!related(perps[i]!, perps[j]!, parentOf)) {
        return { grade: 'contested', why: `sources disagree on the perpetrator: ${perps[i]} vs ${perps[j]}` };
      }
    }
  }
  const perp = actors.actor1;
  if (perp !== null && !isUnknownActor(perp)) {
    const denial = members.find(
      (m) => m.attribution.status === 'denied' && m.attribution.by !== null && related(m.attribution.by, perp.id, parentOf),
    );
    if (denial !== undefined) {
      return { grade: 'contested', why: `${denial.attribution.by} denies it (event ${denial.event_id})` };
    }
  }

  // Civilians are not a party whose word confirms an incident (residents' accounts are reports).
  const parties = [actors.actor1, actors.actor2].filter(
    (a): a is EventActor => a !== null && !isUnknownActor(a) && a.inter !== CIVILIANS,
  );
  const partyOf = (id: string): EventActor | undefined => parties.find((p) => related(id, p.id, parentOf));
  for (const m of members) {
    const { status, by } = m.attribution;
    if (by !== null && (status === 'claimed' || status === 'reported')) {
      const p = partyOf(by);
      if (p !== undefined) return { grade: 'confirmed', why: `${status} by ${by}, a party to it (event ${m.event_id})` };
    }
  }
  for (const m of members) {
    if (m.source === null) continue;
    const speaksFor = outlets.get(sourceKey(m.source));
    if (speaksFor !== undefined && partyOf(speaksFor) !== undefined) {
      return { grade: 'confirmed', why: `reported by ${m.source}, the outlet of ${speaksFor}, a party to it` };
    }
  }

  if (independent.length >= 2) {
    return { grade: 'multiple-sources', why: `${independent.length} independent sources (${independent.join(', ')})` };
  }
  return { grade: 'single-source', why: `one independent source (${independent.join(', ') || 'unknown'})` };
}
