/** Violations: checking incidents against agreements, and keeping the result beside the store. */
export {
  candidateRules, checkIncident, isCheckable, perpetratorsOf, violationId, violationsFor,
  type ActorLineage, type Candidate, type CheckableIncident, type Perpetrator,
} from './check.js';
export { checkStore, recheckIncident, type CheckStoreOptions, type CheckStoreResult, type IncidentSource } from './check-store.js';
export { openViolationStore } from './open.js';
export { PgViolationStore } from './pg-violations.js';
export { SqliteViolationStore } from './sqlite-violations.js';
export {
  UNATTRIBUTED, accountable, summarise, type CountRow, type StoredViolation, type SyncResult, type ViolationFilter,
  type ViolationScope, type ViolationStore, type ViolationStoreConfig, type ViolationSummary,
} from './violation-store.js';
