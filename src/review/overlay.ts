import type { GradeOptions } from '../incidents/grade.js';
import type { EventStore } from '../store/store.js';
import type { Incident, IncidentInput } from '../store/types.js';
import { inputOf, overlay, REVIEW_LINE } from './correction.js';
import type { OverrideRecord, ReviewRepo } from './review-repo.js';
import type { Reviewer, ReviewStatus } from './types.js';

/** What the review stage needs to lay reviews over the store. */
export interface ReviewContext {
  store: EventStore;
  repo: ReviewRepo;
  grade: GradeOptions;
  now(): Date;
}

/** The status a review record gives its incident. */
export function statusOf(row: OverrideRecord): Exclude<ReviewStatus, 'unreviewed'> {
  if (row.rejected) return 'rejected';
  if (row.origin !== 'machine' || Object.keys(row.correction).length > 0) return 'corrected';
  return 'confirmed';
}

/** The explanation line of a reviewed incident: what the review did and who did it last. */
export function reviewLine(row: OverrideRecord, by: string): string {
  const status = statusOf(row);
  const fields = Object.keys(row.correction).filter((k) => k !== 'event_type' || row.correction.sub_event_type === undefined);
  const what = status === 'corrected' && fields.length > 0 ? `corrected (${fields.join(', ')})`
    : row.origin !== 'machine' && status === 'corrected' ? `${row.origin === 'merge' ? 'merged' : 'split'} by an analyst` : status;
  return `${what}; last by ${by}`;
}

/** The machine's own version out of a store incident: no review line, and its own grade when the review discounted it. */
export function machineOf(current: Incident | IncidentInput, previous: OverrideRecord | null): Incident {
  const m = current as Incident;
  const grade = current.grade === 'discounted' && previous !== null && previous.rejected ? previous.machine.grade : current.grade;
  return {
    ...inputOf(current),
    grade,
    explanation: current.explanation.filter((l) => !l.startsWith(REVIEW_LINE)),
    members: 'created_at' in current ? m.members.map((x) => ({ ...x })) : current.members.map((x) => ({ event_id: x.event_id, doc_id: '', source: null })),
    created_at: 'created_at' in current ? m.created_at : '',
    updated_at: 'updated_at' in current ? m.updated_at : '',
  };
}

/** A first review record for an incident the machine made and nobody reviewed yet. */
export function freshRecord(inc: Incident, by: Reviewer, now: Date): OverrideRecord {
  return {
    incident_id: inc.id, origin: 'machine', rejected: false, members: inc.members.map((m) => m.event_id),
    correction: {}, machine: machineOf(inc, null), applied: inc, last_action_id: null, last_by: by.user, updated_at: now.toISOString(),
  };
}

/** The incident the record makes of its machine version. */
export function reviewedInput(row: OverrideRecord): IncidentInput {
  return overlay(row.machine, row.incident_id, row.correction, row.rejected, reviewLine(row, row.last_by));
}
