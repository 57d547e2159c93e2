/**
 * The incidents stage: events from different documents that describe one happening become one
 * graded incident. Pure and storage-independent; a store persists IncidentState, the blocking
 * keys (candidate-keys.ts) and document fingerprints (near-duplicates.ts).
 */
export { assignToIncidents, incidentIdFor, setDiscounted, type AssignOptions, type AssignResult } from './incident-builder.js';
export { matchEventToIncident, type MatchOptions, type MatchResult } from './match.js';
export { candidateKeys, incidentKeys, DEFAULT_DATE_SLACK_DAYS, DEFAULT_MAX_DISTANCE_KM } from './candidate-keys.js';
export {
  bandKeys, fingerprint, fingerprintNormalised, NearDuplicateIndex, nearSimilarity, parseFingerprint,
  serialiseFingerprint, type DocFingerprint, type NearMatch,
} from './near-duplicates.js';
export { defaultParentOf, DEFAULT_OFFICIAL_OUTLETS, officialOutlets, type ParentOf } from './actors.js';
export type { EventWithSource, IncidentActors, IncidentGrade, IncidentMember, IncidentState } from './types.js';
