import type { SubEventType } from '../../model/event.js';
import { EVENT_TYPES } from '../../model/event.js';
import type { ResolvedFilter } from '../filter.js';

/**
 * The R-tree's fourth dimension: a fixed number per sub-event type, so "box + dates + type" is a
 * single R-tree search. These numbers are stored in every file: append new sub-types, never
 * renumber. (The type makes the compiler insist on every sub-type of src/model.)
 */
export const SUB_EVENT_CODES: Readonly<Record<SubEventType, number>> = {
  'Armed clash': 1,
  'Government regains territory': 2,
  'Non-state actor overtakes territory': 3,
  'Chemical weapon': 4,
  'Air/drone strike': 5,
  'Suicide bomb': 6,
  'Shelling/artillery/missile attack': 7,
  'Remote explosive/landmine/IED': 8,
  Grenade: 9,
  'Sexual violence': 10,
  Attack: 11,
  'Abduction/forced disappearance': 12,
  'Peaceful protest': 13,
  'Protest with intervention': 14,
  'Excessive force against protesters': 15,
  'Violent demonstration': 16,
  'Mob violence': 17,
  Agreement: 18,
  Arrests: 19,
  'Change to group/activity': 20,
  'Disrupted weapons use': 21,
  'Headquarters or base established': 22,
  'Looting/property destruction': 23,
  'Non-violent transfer of territory': 24,
  Other: 25,
};

export function subEventCode(sub: string): number {
  return (SUB_EVENT_CODES as Record<string, number | undefined>)[sub] ?? 0;
}

/**
 * The code range covering a filter's types: [min, max] of every allowed sub-type (a superset
 * when they are not contiguous; the column conditions then make it exact), or null for any.
 */
export function kindRange(f: ResolvedFilter): [number, number] | null {
  let subs: string[] = f.subEventTypes;
  if (f.eventTypes.length > 0) {
    const ofTypes = f.eventTypes.flatMap((t) => [...((EVENT_TYPES as Record<string, readonly string[] | undefined>)[t] ?? [])]);
    subs = subs.length > 0 ? subs.filter((s) => ofTypes.includes(s)) : ofTypes;
    // Contradictory type and sub-type: nothing can match; an empty range says so.
    if (subs.length === 0) return [1, 0];
  }
  if (subs.length === 0) return null;
  const codes = subs.map(subEventCode);
  return [Math.min(...codes), Math.max(...codes)];
}
