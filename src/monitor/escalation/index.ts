/**
 * The escalation index: per zone of each agreement and per admin1 area, per day, a
 * severity-weighted count of incidents against the unit's rolling baseline, with alerts on
 * upward threshold crossings (one per crossing) and on incidents at observation posts.
 */
export {
  DEFAULT_ESCALATION_CONFIG, DEFAULT_GRADE_FACTOR, DEFAULT_WEIGHTS, escalationConfig, incidentSeverity,
  loadEscalationConfig, type EscalationConfig, type EscalationOverrides,
} from './config.js';
export { computeEscalation, thresholdAlertId, type ComputeInput, type ComputeResult, type EscalationDay } from './series.js';
export { isViolent, postAlertId, postAttackAlerts } from './posts.js';
export { activeOn, admin1UnitId, zoneUnitId, zoneUnits, zonesOf, type ZoneUnit } from './units.js';
export { EscalationRepo } from './escalation-repo.js';
export { runEscalation, type EscalationRunOptions, type EscalationRunResult } from './run-escalation.js';
export { addDays, daysBetween, eachDay } from './days.js';
