import type { Incident } from '../../store/types.js';
import type { EscalationUnitRef, ThresholdAlert } from '../alerts/types.js';
import type { Agreement } from '../types.js';
import { incidentSeverity, type EscalationConfig } from './config.js';
import { addDays, daysBetween, eachDay } from './days.js';
import { activeOn, admin1Unit, zoneUnits, zonesOf, type ZoneUnit } from './units.js';

/** One unit's day: its score, the baseline it is measured against, the index, the alert state. */
export interface EscalationDay {
  unit: EscalationUnitRef;
  day: string;
  score: number;
  /** Incidents that contributed to the score. */
  incident_ids: string[];
  baseline: { mean: number; sd: number; days: number };
  index: number;
  /** Armed after this day: the next upward crossing alerts. */
  armed: boolean;
  /** The index crossed the threshold upward on this day (one alert). */
  crossed: boolean;
}

export interface ComputeInput {
  /** Incidents overlapping [from − baseline_days, to]; others are ignored. */
  incidents: readonly Incident[];
  agreements: readonly Agreement[];
  from: string;
  to: string;
  config: EscalationConfig;
  /** Whether a unit is armed when `from` begins (the stored state of the day before); default armed. */
  armedBefore?: (unitId: string) => boolean;
  /** Compute only these unit ids (default: every zone, and every admin1 area with incidents). */
  units?: ReadonlySet<string>;
  /** Admin1 areas too (default true). */
  admin1?: boolean;
}

export interface ComputeResult {
  days: EscalationDay[];
  alerts: Omit<ThresholdAlert, 'created_at'>[];
}

interface UnitScores {
  ref: EscalationUnitRef;
  zone: ZoneUnit | null;
  score: Map<string, number>;
  ids: Map<string, string[]>;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function thresholdAlertId(unitId: string, day: string): string {
  return `escalation-threshold:${unitId}:${day}`;
}

/**
 * The escalation index of every unit for every day of [from, to] (rules in config.ts). Pure:
 * the same incidents, agreements, configuration and starting state give the same days and the
 * same alerts, with the same ids.
 */
export function computeEscalation(input: ComputeInput): ComputeResult {
  const c = input.config;
  const start = addDays(input.from, -c.baseline_days);
  const zUnits = zoneUnits(input.agreements);
  const wanted = (id: string): boolean => input.units === undefined || input.units.has(id);
  const units = new Map<string, UnitScores>();
  for (const z of zUnits) {
    const active = eachDay(input.from, input.to).some((d) => activeOn(z.agreement, d));
    if (active && wanted(z.ref.id)) units.set(z.ref.id, { ref: z.ref, zone: z, score: new Map(), ids: new Map() });
  }

  const add = (u: UnitScores, day: string, v: number, id: string): void => {
    u.score.set(day, (u.score.get(day) ?? 0) + v);
    const l = u.ids.get(day);
    if (l) {
      if (!l.includes(id)) l.push(id);
    } else {
      u.ids.set(day, [id]);
    }
  };

  for (const inc of input.incidents) {
    if (inc.date === null || inc.location === null) continue;
    const sev = incidentSeverity(inc, c);
    if (sev <= 0) continue;
    const lo = inc.date.start > start ? inc.date.start : start;
    const hi = inc.date.end < input.to ? inc.date.end : input.to;
    if (lo > hi) continue;
    const perDay = sev / (daysBetween(inc.date.start, inc.date.end) + 1);
    const targets: UnitScores[] = [];
    for (const z of zonesOf(inc, zUnits, c)) {
      const u = units.get(z.ref.id);
      if (u) targets.push(u);
    }
    if (input.admin1 !== false) {
      const ref = admin1Unit(inc.location);
      if (ref && wanted(ref.id)) {
        let u = units.get(ref.id);
        if (!u) {
          u = { ref, zone: null, score: new Map(), ids: new Map() };
          units.set(ref.id, u);
        }
        targets.push(u);
      }
    }
    if (targets.length === 0) continue;
    for (let d = lo; d <= hi; d = addDays(d, 1)) for (const u of targets) add(u, d, perDay, inc.id);
  }

  const days: EscalationDay[] = [];
  const alerts: Omit<ThresholdAlert, 'created_at'>[] = [];
  const span = eachDay(start, input.to);
  const B = c.baseline_days;
  const ordered = [...units.values()].sort((a, b) => (a.ref.id < b.ref.id ? -1 : 1));
  for (const u of ordered) {
    const vals = span.map((d) => u.score.get(d) ?? 0);
    let armed = input.armedBefore ? input.armedBefore(u.ref.id) : true;
    for (let i = B; i < span.length; i++) {
      const day = span[i]!;
      const score = vals[i]!;
      // Summed afresh in a fixed order (not as a running sum), so a day computes to the same
      // bits whichever range it was computed in — a crossing never depends on the range asked.
      let sum = 0;
      let sumSq = 0;
      for (let k = i - B; k < i; k++) {
        sum += vals[k]!;
        sumSq += vals[k]! * vals[k]!;
      }
      const mean = sum / B;
      const sd = Math.sqrt(Math.max(0, sumSq / B - mean * mean));
      const index = (score - mean) / Math.max(sd, c.sd_floor);
      if (u.zone && !activeOn(u.zone.agreement, day)) continue;
      let crossed = false;
      if (armed && index >= c.threshold && score >= c.min_score) {
        crossed = true;
        armed = false;
      } else if (!armed && index < c.reset) {
        armed = true;
      }
      const row: EscalationDay = {
        unit: u.ref, day, score: round6(score), incident_ids: u.ids.get(day) ?? [],
        baseline: { mean: round6(mean), sd: round6(sd), days: B }, index: round6(index), armed, crossed,
      };
      days.push(row);
      if (crossed) alerts.push(thresholdAlert(row, c));
    }
  }
  return { days, alerts };
}

function thresholdAlert(row: EscalationDay, c: EscalationConfig): Omit<ThresholdAlert, 'created_at'> {
  return {
    id: thresholdAlertId(row.unit.id, row.day),
    kind: 'escalation-threshold',
    day: row.day,
    agreement_id: row.unit.agreement_id,
    message: `Escalation in ${row.unit.name} on ${row.day}: index ${row.index.toFixed(1)} ≥ ${c.threshold} ` +
      `(score ${row.score.toFixed(1)} against a ${row.baseline.days}-day mean of ${row.baseline.mean.toFixed(1)})`,
    incident_ids: [...row.incident_ids],
    unit: row.unit,
    score: row.score,
    index: row.index,
    threshold: c.threshold,
    baseline: row.baseline,
  };
}

