import type { PloverCategory, SubEventType } from '../../model/event.js';
import { Weighted } from './random.js';

/**
 * How often each ACLED sub-event type occurs in Syria, in percent: a rounded picture of ACLED's
 * Syria data of recent years (shelling and air strikes dominate, then clashes; protests and
 * strategic developments are a minority; sexual violence and chemical weapons are rarely coded).
 */
export const SUB_EVENT_SHARES: Readonly<Record<SubEventType, number>> = {
  'Shelling/artillery/missile attack': 33,
  'Armed clash': 18,
  'Air/drone strike': 14,
  'Remote explosive/landmine/IED': 6,
  Attack: 6,
  'Peaceful protest': 5,
  'Abduction/forced disappearance': 1.5,
  Arrests: 2.5,
  'Looting/property destruction': 2,
  'Disrupted weapons use': 2.5,
  'Change to group/activity': 1.5,
  Other: 1.5,
  'Non-state actor overtakes territory': 0.6,
  'Government regains territory': 0.6,
  Grenade: 0.6,
  'Protest with intervention': 0.6,
  Agreement: 0.5,
  'Headquarters or base established': 0.4,
  'Violent demonstration': 0.4,
  'Non-violent transfer of territory': 0.3,
  'Suicide bomb': 0.2,
  'Mob violence': 0.2,
  'Excessive force against protesters': 0.1,
  'Sexual violence': 0.05,
  'Chemical weapon': 0.03,
};

export const SUB_EVENT_DRAW = new Weighted(Object.entries(SUB_EVENT_SHARES) as [SubEventType, number][]);

/** Who does what to whom, for choosing actors. */
export type Roles =
  | 'armed-vs-armed' // clashes, territory
  | 'armed-on-any' // strikes and shelling: civilians or another armed actor, or unnamed
  | 'armed-on-civilians'
  | 'unknown-on-any' // IEDs, grenades: perpetrator usually unnamed
  | 'protest' // protesters, sometimes met by state forces
  | 'riot'
  | 'armed-alone';

export const ROLES: Readonly<Record<SubEventType, Roles>> = {
  'Armed clash': 'armed-vs-armed',
  'Government regains territory': 'armed-vs-armed',
  'Non-state actor overtakes territory': 'armed-vs-armed',
  'Chemical weapon': 'armed-on-civilians',
  'Air/drone strike': 'armed-on-any',
  'Suicide bomb': 'unknown-on-any',
  'Shelling/artillery/missile attack': 'armed-on-any',
  'Remote explosive/landmine/IED': 'unknown-on-any',
  Grenade: 'unknown-on-any',
  'Sexual violence': 'armed-on-civilians',
  Attack: 'armed-on-civilians',
  'Abduction/forced disappearance': 'armed-on-civilians',
  'Peaceful protest': 'protest',
  'Protest with intervention': 'protest',
  'Excessive force against protesters': 'protest',
  'Violent demonstration': 'riot',
  'Mob violence': 'riot',
  Agreement: 'armed-vs-armed',
  Arrests: 'armed-on-civilians',
  'Change to group/activity': 'armed-alone',
  'Disrupted weapons use': 'armed-alone',
  'Headquarters or base established': 'armed-alone',
  'Looting/property destruction': 'armed-on-civilians',
  'Non-violent transfer of territory': 'armed-vs-armed',
  Other: 'armed-alone',
};

/** Sub-types whose reports usually count dead and wounded. */
export const LETHAL = new Set<SubEventType>([
  'Armed clash', 'Chemical weapon', 'Air/drone strike', 'Suicide bomb', 'Shelling/artillery/missile attack',
  'Remote explosive/landmine/IED', 'Grenade', 'Attack', 'Excessive force against protesters', 'Mob violence',
]);

export function ploverOf(sub: SubEventType): PloverCategory | null {
  switch (ROLES[sub]) {
    case 'protest':
    case 'riot':
      return 'PROTEST';
    case 'armed-alone':
      return sub === 'Headquarters or base established' ? 'MOBILIZE' : null;
    default:
      if (sub === 'Agreement') return 'AGREE';
      if (sub === 'Non-violent transfer of territory') return 'RETREAT';
      if (sub === 'Arrests' || sub === 'Abduction/forced disappearance') return 'COERCE';
      return 'ASSAULT';
  }
}

/**
 * Reporting volume by year, relative: the 2017–2018 campaigns, the 2019–2020 Idlib offensive,
 * the quieter front lines after the March 2020 ceasefire, and the late-2024 offensive.
 */
export const YEAR_WEIGHTS: readonly (readonly [number, number])[] = [
  [2017, 1.6], [2018, 1.5], [2019, 1.3], [2020, 1.0], [2021, 0.7], [2022, 0.6], [2023, 0.65], [2024, 0.9],
];
export const FIRST_YEAR = YEAR_WEIGHTS[0]![0];
export const LAST_YEAR = YEAR_WEIGHTS[YEAR_WEIGHTS.length - 1]![0];
export const YEAR_DRAW = new Weighted(YEAR_WEIGHTS);
