import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { EVENT_TYPES, type SubEventType } from '../../model/event.js';
import { INCIDENT_GRADES, type Incident, type IncidentGrade } from '../../store/types.js';
import { MonitorInputError } from '../alerts/monitor-db.js';

/**
 * How the escalation index is computed, and its defaults.
 *
 * Daily score of a unit (a zone, or an admin1 area) =
 *   Σ over incidents located in it  (weight[sub-event type] + fatality_weight · min(fatalities, fatality_cap))
 *                                   × grade_factor[grade] / days(incident)
 * An incident dated by a range (e.g. "since 26 April") is spread evenly over its days: a vague
 * report raises a long stretch a little instead of one day a lot. Sub-types weighted 0 (peaceful
 * protests, agreements, …) do not count at all, whatever their toll.
 *
 * Index of day D = (score(D) − mean) / max(sd, sd_floor), mean and sd (population) over the
 * `baseline_days` days before D — a z-score against the unit's own recent past, so a zone that is
 * always violent does not alert every day and a quiet one alerts on its first serious day. The
 * floor keeps a perfectly quiet baseline (sd 0) from turning any single incident into an
 * infinite index. Days before the first report count as quiet.
 *
 * Alert (one per crossing): on the first day the index reaches `threshold` with score ≥
 * `min_score` while armed; the unit is then disarmed until the index falls below `reset`, so a
 * long spell of violence gives one alert, and a new rise after a calm gives another.
 */
export interface EscalationConfig {
  weights: Record<SubEventType, number>;
  fatality_weight: number;
  fatality_cap: number;
  grade_factor: Record<IncidentGrade, number>;
  baseline_days: number;
  sd_floor: number;
  threshold: number;
  reset: number;
  min_score: number;
  /**
   * Incidents located no better than this ACLED geo_precision still count for their admin1
   * area but not for zones: a region's centre inside a zone says nothing about the zone.
   */
  zone_max_geo_precision: 1 | 2 | 3;
}

export const DEFAULT_WEIGHTS: Record<SubEventType, number> = {
  'Armed clash': 1.5,
  'Government regains territory': 2,
  'Non-state actor overtakes territory': 2,
  'Chemical weapon': 5,
  'Air/drone strike': 3,
  'Suicide bomb': 3,
  'Shelling/artillery/missile attack': 2.5,
  'Remote explosive/landmine/IED': 2,
  Grenade: 1.5,
  'Sexual violence': 1,
  Attack: 2,
  'Abduction/forced disappearance': 1,
  'Peaceful protest': 0,
  'Protest with intervention': 0.5,
  'Excessive force against protesters': 1,
  'Violent demonstration': 0.5,
  'Mob violence': 0.5,
  Agreement: 0,
  Arrests: 0.25,
  'Change to group/activity': 0,
  'Disrupted weapons use': 0,
  'Headquarters or base established': 0.5,
  'Looting/property destruction': 0.5,
  'Non-violent transfer of territory': 0.5,
  Other: 0,
};

export const DEFAULT_GRADE_FACTOR: Record<IncidentGrade, number> = {
  confirmed: 1,
  'multiple-sources': 1,
  'single-source': 0.7,
  contested: 0.5,
  discounted: 0,
};

export const DEFAULT_ESCALATION_CONFIG: EscalationConfig = {
  weights: DEFAULT_WEIGHTS,
  fatality_weight: 0.5,
  fatality_cap: 10,
  grade_factor: DEFAULT_GRADE_FACTOR,
  baseline_days: 28,
  sd_floor: 1,
  threshold: 3,
  reset: 1,
  min_score: 2,
  zone_max_geo_precision: 2,
};

const SUB_TYPES = Object.values(EVENT_TYPES).flat() as SubEventType[];
const nonNeg = z.number().finite().nonnegative();

const overrides = z.object({
  weights: z.record(z.string(), nonNeg).optional(),
  fatality_weight: nonNeg.optional(),
  fatality_cap: nonNeg.optional(),
  grade_factor: z.record(z.string(), nonNeg).optional(),
  baseline_days: z.number().int().min(3).max(366).optional(),
  sd_floor: z.number().finite().positive().optional(),
  threshold: z.number().finite().optional(),
  reset: z.number().finite().optional(),
  min_score: nonNeg.optional(),
  zone_max_geo_precision: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
}).strict();

export type EscalationOverrides = z.input<typeof overrides>;

/** Defaults with `over` applied, checked: unknown keys, sub-types or grades are errors naming `what`. */
export function escalationConfig(over: unknown = {}, what = 'escalation config'): EscalationConfig {
  const r = overrides.safeParse(over ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new MonitorInputError(`${what}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const o = r.data;
  for (const k of Object.keys(o.weights ?? {})) {
    if (!SUB_TYPES.includes(k as SubEventType)) throw new MonitorInputError(`${what}: weights: unknown sub-event type ${JSON.stringify(k)}`);
  }
  for (const k of Object.keys(o.grade_factor ?? {})) {
    if (!INCIDENT_GRADES.includes(k as IncidentGrade)) throw new MonitorInputError(`${what}: grade_factor: unknown grade ${JSON.stringify(k)} (grades: ${INCIDENT_GRADES.join(', ')})`);
  }
  const c: EscalationConfig = {
    ...DEFAULT_ESCALATION_CONFIG,
    ...o,
    weights: { ...DEFAULT_WEIGHTS, ...(o.weights as Partial<Record<SubEventType, number>> | undefined) },
    grade_factor: { ...DEFAULT_GRADE_FACTOR, ...(o.grade_factor as Partial<Record<IncidentGrade, number>> | undefined) },
  };
  if (c.reset > c.threshold) throw new MonitorInputError(`${what}: reset (${c.reset}) must not be above threshold (${c.threshold})`);
  return c;
}

/** escalationConfig from a YAML or JSON file of overrides. */
export function loadEscalationConfig(path: string): EscalationConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MonitorInputError(`escalation config ${path}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (err) {
    throw new MonitorInputError(`escalation config ${path}: not valid YAML/JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return escalationConfig(data, `escalation config ${path}`);
}

/** An incident's weight before spreading over its days; 0 when it does not count. */
export function incidentSeverity(inc: Incident, c: EscalationConfig): number {
  const w = c.weights[inc.sub_event_type] ?? 0;
  if (w <= 0) return 0;
  const deaths = inc.fatalities === null ? 0 : Math.min(inc.fatalities, c.fatality_cap);
  return (w + c.fatality_weight * deaths) * (c.grade_factor[inc.grade] ?? 0);
}
