import type { EventType, SubEventType } from '../model/event.js';
import type { Incident, IncidentGrade, IncidentLocation } from '../store/types.js';

/**
 * Analysts' review of incidents. The machine's output stays as it was computed; what analysts
 * decide is kept apart (one row per action, with the incident before and after) and laid over
 * the machine's incident, so the store, the violations and control see the reviewed version at
 * once, while accuracy can still be measured as machine vs. reviewed.
 */

/** Who did it: the API key's user (or "cli:<os user>" from the command line). */
export interface Reviewer {
  user: string;
  role: 'analyst' | 'admin';
}

export type ReviewStatus = 'unreviewed' | 'confirmed' | 'corrected' | 'rejected';

/** The fields an analyst may correct; absent fields stay as they are. */
export interface IncidentCorrection {
  event_type?: EventType;
  sub_event_type?: SubEventType;
  actor_ids?: string[];
  /** A new place: at least lon/lat; admin names and precision as known. */
  location?: IncidentLocation;
  date?: { start: string; end: string };
  fatalities?: number | null;
  grade?: IncidentGrade;
}

export type ReviewActionKind = 'confirm' | 'correct' | 'reject' | 'merge' | 'split';

/** One analyst decision, kept forever (the audit of reviews). */
export interface ReviewAction {
  id: string;
  kind: ReviewActionKind;
  /** The incidents the action was about (one, or several for merge). */
  incident_ids: string[];
  /** The incidents it produced (merge: one; split: several; others: the same one). */
  result_ids: string[];
  by: Reviewer;
  at: string;
  note: string | null;
  /** Incidents as they were before and after (machine or earlier review). */
  before: Incident[];
  after: Incident[];
}

/** An incident as the reviewed record shows it, with how it was reviewed. */
export interface ReviewedIncident {
  incident: Incident;
  status: ReviewStatus;
  /** The machine's own version, when a review changed it (null when untouched). */
  machine: Incident | null;
  last_action: ReviewAction | null;
}

/** Machine vs. analysts over every reviewed incident: how often each field was right. */
export interface ReviewAccuracy {
  reviewed: number;
  confirmed: number;
  corrected: number;
  rejected: number;
  merged: number;
  split: number;
  /** Per corrected field: reviewed incidents where the machine's value stood / was changed. */
  fields: Record<keyof IncidentCorrection, { kept: number; changed: number }>;
  /** Share of reviewed incidents the machine had right in every field (confirmed / reviewed). */
  precision: number | null;
}

export interface ReviewService {
  confirm(incidentId: string, by: Reviewer, note?: string): Promise<ReviewedIncident>;
  correct(incidentId: string, changes: IncidentCorrection, by: Reviewer, note?: string): Promise<ReviewedIncident>;
  /** Rejected incidents stay stored, graded 'discounted', and stop counting as violations. */
  reject(incidentId: string, by: Reviewer, note?: string): Promise<ReviewedIncident>;
  /** Merge two or more incidents into the first; the others are removed. */
  merge(incidentIds: readonly string[], by: Reviewer, note?: string): Promise<ReviewedIncident>;
  /** Split an incident: each group of member event ids becomes its own incident (every member in exactly one group). */
  split(incidentId: string, groups: readonly (readonly string[])[], by: Reviewer, note?: string): Promise<ReviewedIncident[]>;
  get(incidentId: string): Promise<ReviewedIncident | null>;
  history(incidentId: string): Promise<ReviewAction[]>;
  accuracy(): Promise<ReviewAccuracy>;
  /**
   * Lay the reviews over again after the machine rewrote incidents (a later ingest re-clustered
   * them, or `marsad reprocess` re-extracted their documents), so no analyst's decision is lost.
   * Absent ids: every reviewed incident. `incident_ids`: the incidents it wrote or removed (a
   * merge or split laid over again can make or remove some), for a caller that refreshes the
   * monitor itself.
   */
  reapply(incidentIds?: readonly string[]): Promise<{ reapplied: number; incident_ids?: string[] }>;
  close(): Promise<void>;
}

/** Errors a caller (API, CLI) maps to 404 / 409 / 400. */
export class ReviewError extends Error {
  constructor(readonly code: 'not-found' | 'conflict' | 'invalid', message: string) {
    super(message);
    this.name = 'ReviewError';
  }
}
