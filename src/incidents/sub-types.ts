import type { SubEventType } from '../model/event.js';

/**
 * Which sub-event types can describe the same happening. Equal types always can. Beyond that,
 * only these explicit pairs, each [more specific, more general], where one report tells the
 * outcome or detail another report has not got yet:
 *   - fighting for a village (Armed clash) and its result (regains / overtakes territory);
 *   - a blast first reported as an IED and later known to be a suicide bombing;
 *   - a protest that one source reports as peaceful and another as broken up, or with excessive
 *     force; a riot one source calls a violent demonstration and another mob violence.
 * Deliberately NOT compatible: 'Air/drone strike' vs 'Shelling/artillery/missile attack' (who
 * owns aircraft is the evidence monitors care about), and regains vs overtakes territory.
 * Pairs are not transitive: the incident builder checks a new event against every member.
 */
export const COMPATIBLE_PAIRS: readonly (readonly [SubEventType, SubEventType])[] = [
  ['Government regains territory', 'Armed clash'],
  ['Non-state actor overtakes territory', 'Armed clash'],
  ['Suicide bomb', 'Remote explosive/landmine/IED'],
  ['Protest with intervention', 'Peaceful protest'],
  ['Excessive force against protesters', 'Peaceful protest'],
  ['Excessive force against protesters', 'Protest with intervention'],
  ['Mob violence', 'Violent demonstration'],
];

/**
 * A family groups sub-types that may be compatible, so a store can index incidents by one key
 * and still find every candidate. Sub-types outside every pair are their own family.
 */
const FAMILY: ReadonlyMap<SubEventType, string> = new Map<SubEventType, string>([
  ['Armed clash', 'ground-fighting'],
  ['Government regains territory', 'ground-fighting'],
  ['Non-state actor overtakes territory', 'ground-fighting'],
  ['Suicide bomb', 'bombing'],
  ['Remote explosive/landmine/IED', 'bombing'],
  ['Peaceful protest', 'protest'],
  ['Protest with intervention', 'protest'],
  ['Excessive force against protesters', 'protest'],
  ['Violent demonstration', 'riot'],
  ['Mob violence', 'riot'],
]);

/** Higher is more specific; an incident takes the most specific sub-type among its members. */
const SPECIFICITY: ReadonlyMap<SubEventType, number> = new Map<SubEventType, number>([
  ['Government regains territory', 1],
  ['Non-state actor overtakes territory', 1],
  ['Suicide bomb', 1],
  ['Protest with intervention', 1],
  ['Excessive force against protesters', 2],
  ['Mob violence', 1],
]);

const PAIR_SET = new Set(COMPATIBLE_PAIRS.flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]));

export type SubTypeRelation = 'same' | 'compatible' | 'different';

export function subTypeRelation(a: SubEventType, b: SubEventType): SubTypeRelation {
  if (a === b) return 'same';
  return PAIR_SET.has(`${a}\u0000${b}`) ? 'compatible' : 'different';
}

export function subTypeFamily(sub: SubEventType): string {
  return FAMILY.get(sub) ?? sub.toLowerCase().replace(/[^a-z]+/g, '-');
}

export function specificity(sub: SubEventType): number {
  return SPECIFICITY.get(sub) ?? 0;
}
