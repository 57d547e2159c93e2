import type { EventActor } from '../model/event.js';
import { normalise } from '../text/normalise.js';

/**
 * Actor relations incident matching needs: which ids say nothing about who acted, which id is
 * the parent of which (the armed forces of a state belong to that state), and which outlets
 * speak for a party. The actor catalogue may supply a fuller `parentOf`; these defaults cover the
 * canonical ids of SPEC.md.
 */

/** Ids that do not name anyone: a report of "unidentified gunmen" contradicts no named actor. */
const UNKNOWN_ACTOR_IDS = new Set(['unidentified-armed-group']);

const EXPLICIT_PARENTS: ReadonlyMap<string, string> = new Map([
  ['syria-government-forces', 'syria-government'],
  ['iran-military-forces-and-militias', 'iran'],
]);

const MILITARY_SUFFIX = '-military-forces';

/** Default parent relation: explicit pairs, then "<country>-military-forces" → "<country>". */
export function defaultParentOf(id: string): string | null {
  const explicit = EXPLICIT_PARENTS.get(id);
  if (explicit !== undefined) return explicit;
  if (id.endsWith(MILITARY_SUFFIX) && id.length > MILITARY_SUFFIX.length) return id.slice(0, -MILITARY_SUFFIX.length);
  return null;
}

export type ParentOf = (id: string) => string | null;

/** True when the actor names nobody in particular (absent or "unidentified"). */
export function isUnknownActor(a: EventActor | null): boolean {
  return a === null || UNKNOWN_ACTOR_IDS.has(a.id);
}

/** True when `ancestor` is `id` or one of its parents. */
export function isSameOrAncestor(ancestor: string, id: string, parentOf: ParentOf): boolean {
  let cur: string | null = id;
  // Bounded: a catalogue with a cycle must not hang the pipeline.
  for (let depth = 0; cur !== null && depth < 8; depth++) {
    if (cur === ancestor) return true;
    cur = parentOf(cur);
  }
  return false;
}

export type ActorRelation = 'same' | 'parent' | 'unknown' | 'different';

export function actorRelation(a: EventActor | null, b: EventActor | null, parentOf: ParentOf): ActorRelation {
  if (isUnknownActor(a) || isUnknownActor(b)) return a !== null && b !== null && a.id === b.id ? 'same' : 'unknown';
  const x = a!.id;
  const y = b!.id;
  if (x === y) return 'same';
  if (isSameOrAncestor(x, y, parentOf) || isSameOrAncestor(y, x, parentOf)) return 'parent';
  return 'different';
}

/**
 * Outlets that speak for a party, by normalised name. A report from a party's own outlet about
 * an incident that party is in counts as that party's confirmation.
 */
const OFFICIAL_OUTLETS_RAW: readonly (readonly [string, string])[] = [
  ['SANA', 'syria-government'],
  ['Syrian Arab News Agency', 'syria-government'],
  ['سانا', 'syria-government'],
  ['الوكالة العربية السورية للأنباء', 'syria-government'],
  ['Russian Ministry of Defence', 'russia'],
  ['Russian Defence Ministry', 'russia'],
  ['وزارة الدفاع الروسية', 'russia'],
  ['Turkish Ministry of National Defence', 'turkey'],
  ['وزارة الدفاع التركية', 'turkey'],
  ['Amaq', 'isis'],
  ['وكالة أعماق', 'isis'],
  ['أعماق', 'isis'],
  ['Ebaa', 'hts'],
  ['وكالة إباء', 'hts'],
  ['SDF Media Center', 'sdf'],
  ['المركز الإعلامي لقوات سوريا الديمقراطية', 'sdf'],
  ['Israel Defense Forces', 'israel-military-forces'],
  ['IDF', 'israel-military-forces'],
  ['CJTF-OIR', 'us-led-coalition'],
  ['Al-Masirah', 'houthis'],
  ['المسيرة', 'houthis'],
];

export function sourceKey(source: string): string {
  return normalise(source).replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export const DEFAULT_OFFICIAL_OUTLETS: ReadonlyMap<string, string> = new Map(
  OFFICIAL_OUTLETS_RAW.map(([name, id]) => [sourceKey(name), id]),
);

/** Builds an outlet map from caller-supplied names (normalised the same way as sources). */
export function officialOutlets(entries: Iterable<readonly [string, string]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, id] of entries) m.set(sourceKey(name), id);
  return m;
}
